import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Space, Table, TreeSelect } from 'antd';
import { api, rowsOf, totalOf } from '../../api/client';
import { flattenOrgs, orgTreeData, toStaff, useOrgTree, type StaffRow } from '../../api/directory';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
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
  const [orgId, setOrgId] = useState<string | undefined>(query.get('org') ?? undefined);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ rows: StaffRow[]; total: number }>({ rows: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<{ staff: StaffRow | null } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const res = await api.get('/api/directory/staff', { orgId, q, page, pageSize: PAGE_SIZE });
      const rows = rowsOf(res).map(toStaff);
      setData({ rows, total: totalOf(res, rows.length) });
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [orgId, q, page]);
  useEffect(() => { void load(); }, [load]);

  const orgName = (id: string | null) => (id ? flattenOrgs(tree).find((o) => o.id === id)?.name ?? '' : '');
  const mayManage = can([P.staffManage]);

  return (
    <Page title={t('menu.staff')} extra={mayManage && <Button type="primary" onClick={() => setEditing({ staff: null })}>{t('staff.create')}</Button>}>
      <ErrorAlert error={error} />
      <Card>
        <Form layout="inline" onFinish={(v: { q?: string }) => { setPage(1); setQ(v.q?.trim() ?? ''); }} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item label={t('field.org')}>
            <TreeSelect style={{ width: 280 }} aria-label={t('field.org')} value={orgId} onChange={(v) => { setPage(1); setOrgId(v); }} treeData={orgTreeData(tree)} allowClear showSearch treeNodeFilterProp="title" placeholder={t('staff.allOrgs')} />
          </Form.Item>
          <Form.Item name="q" label={t('staff.search')}>
            <Input allowClear placeholder={t('staff.searchHint')} />
          </Form.Item>
          <Button type="primary" htmlType="submit">{t('action.search')}</Button>
        </Form>
        <Table<StaffRow>
          rowKey="id"
          loading={loading}
          dataSource={data.rows}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('table.total', { n }) }}
          columns={[
            { title: t('field.displayName'), dataIndex: 'displayName', render: (v: string, r) => <a href={href(`/directory/staff/${r.id}`)} onClick={(e) => { e.preventDefault(); navigate(`/directory/staff/${r.id}`); }}>{v}</a> },
            { title: t('field.username'), dataIndex: 'username' },
            { title: t('field.org'), dataIndex: 'orgName', render: (v: string | null, r) => v ?? orgName(r.orgId) },
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
        onSaved={() => { setEditing(null); void message.success(t('action.saved')); void load(); }}
      />
    </Page>
  );
}
