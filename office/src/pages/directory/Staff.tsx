import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Space, Table, TreeSelect } from 'antd';
import { flattenOrgs, orgTreeData, toStaff, useOrgTree, type StaffRow } from '../../api/directory';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePagedList } from '../../components/usePagedList';
import { useSession } from '../../session/SessionContext';
import { P } from '../../permissions';
import { href, navigate, useRoute } from '../../router';
import { t } from '../../i18n';
import { StaffForm } from './StaffForm';
import { StatusTag } from '../../components/StatusTag';

const PAGE_SIZE = 20;

/** Staff of one organisation (and below it), searchable by name or user name. */
export default function Staff() {
  const { query } = useRoute();
  const { tree } = useOrgTree();
  const { can } = useSession();
  const { message } = App.useApp();
  const list = usePagedList<StaffRow, { orgId?: string; q: string }>('/api/directory/staff', {
    pageSize: PAGE_SIZE, toRow: toStaff, initial: { orgId: query.get('org') ?? undefined, q: '' },
  });
  const { orgId } = list.filters;
  const [editing, setEditing] = useState<{ staff: StaffRow | null } | null>(null);

  const orgs = useMemo(() => new Map(flattenOrgs(tree).map((o) => [o.id, o])), [tree]);
  /** The unit with its parent (示例市市场监督管理局 / 登记注册科), when the parent is in the tree this user sees. */
  const orgLabel = (r: StaffRow) => {
    const org = r.orgId ? orgs.get(r.orgId) : undefined;
    const name = r.orgName ?? org?.name ?? '';
    const parent = org?.parentId ? orgs.get(org.parentId) : undefined;
    return parent ? `${parent.name} / ${name}` : name || '—';
  };
  const mayManage = can([P.staffManage]);

  return (
    <Page title={t('menu.staff')} extra={mayManage && <Button type="primary" onClick={() => setEditing({ staff: null })}>{t('staff.create')}</Button>}>
      <ErrorAlert error={list.error} />
      <Card>
        <Form layout="inline" onFinish={(v: { q?: string }) => list.search({ ...list.filters, q: v.q?.trim() ?? '' })} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item label={t('field.org')}>
            <TreeSelect style={{ width: 280 }} aria-label={t('field.org')} value={orgId} onChange={(v?: string) => list.search({ ...list.filters, orgId: v })} treeData={orgTreeData(tree)} allowClear showSearch treeNodeFilterProp="title" placeholder={t('staff.allOrgs')} />
          </Form.Item>
          <Form.Item name="q" label={t('staff.search')}>
            <Input allowClear placeholder={t('staff.searchHint')} />
          </Form.Item>
          <Button type="primary" htmlType="submit">{t('action.search')}</Button>
        </Form>
        <Table<StaffRow>
          {...list.table}
          columns={[
            { title: t('field.displayName'), dataIndex: 'displayName', render: (v: string, r) => <a href={href(`/directory/staff/${r.id}`)} onClick={(e) => { e.preventDefault(); navigate(`/directory/staff/${r.id}`); }}>{v}</a> },
            { title: t('field.username'), dataIndex: 'username' },
            { title: t('field.org'), key: 'org', render: (_: unknown, r) => orgLabel(r) },
            { title: t('staff.position'), dataIndex: 'position', render: (v: string | null) => v ?? '—' },
            { title: t('field.status'), dataIndex: 'status', render: (v: string, r) => <Space size={4}>{v === 'active' ? <StatusTag color="green">{t('status.active')}</StatusTag> : <StatusTag>{t('status.disabled')}</StatusTag>}{r.locked && <StatusTag color="red">{t('status.locked')}</StatusTag>}</Space> },
            ...(mayManage ? [{ title: t('table.actions'), key: 'actions', render: (_: unknown, r: StaffRow) => <Button size="small" onClick={() => setEditing({ staff: r })} aria-label={`${t('action.edit')} ${r.displayName}`}>{t('action.edit')}</Button> }] : []),
          ]}
        />
      </Card>
      <StaffForm
        open={editing !== null}
        staff={editing?.staff ?? null}
        orgId={orgId ?? null}
        tree={tree}
        onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); void message.success(t('action.saved')); void list.load(); }}
      />
    </Page>
  );
}
