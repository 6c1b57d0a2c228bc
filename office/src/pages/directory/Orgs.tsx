import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Tree } from 'antd';
import { flattenOrgs, orgTreeData, useOrgTree, type OrgNode } from '../../api/directory';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/SessionContext';
import { P } from '../../permissions';
import { href, navigate } from '../../router';
import { t, type MessageKey } from '../../i18n';
import { OrgForm } from './OrgForm';
import { StatusTag } from '../../components/StatusTag';

/** The organisation tree with the selected organisation's details; administrators add and edit in a drawer. */
export default function Orgs() {
  const { tree, loading, error, reload } = useOrgTree();
  const { can } = useSession();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<{ org: OrgNode | null; parentId: string | null } | null>(null);
  const all = useMemo(() => flattenOrgs(tree), [tree]);
  const org = all.find((o) => o.id === selected) ?? null;
  const matches = filter ? all.filter((o) => o.name.includes(filter) || o.code.includes(filter)) : [];
  const mayManage = can([P.orgManage]);
  // With nothing selected, a new organisation goes under the user's own scope root (when there is one root).

  return (
    <Page title={t('menu.orgs')} extra={mayManage && <Button type="primary" onClick={() => setEditing({ org: null, parentId: selected ?? (tree.length === 1 ? tree[0].id : null) })}>{t('orgs.create')}</Button>}>
      <ErrorAlert error={error} />
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('orgs.tree')}</h2>} loading={loading}>
            <Input.Search allowClear placeholder={t('orgs.filter')} aria-label={t('orgs.filter')} onChange={(e) => setFilter(e.target.value.trim())} style={{ marginBottom: 12 }} />
            {filter ? (
              <ul style={{ paddingInlineStart: 16 }}>
                {matches.slice(0, 50).map((o) => <li key={o.id}><Button type="link" onClick={() => setSelected(o.id)}>{o.name}（{o.code}）</Button></li>)}
              </ul>
            ) : (
              <Tree treeData={orgTreeData(tree)} selectedKeys={selected ? [selected] : []} onSelect={(keys) => setSelected((keys[0] as string) ?? null)} showLine defaultExpandedKeys={tree.map((o) => o.id)} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{org ? org.name : t('orgs.details')}</h2>}>
            {org ? (
              <>
                <Descriptions column={1} size="small" items={[
                  { key: 'code', label: t('field.code'), children: org.code },
                  { key: 'shortName', label: t('orgs.shortName'), children: org.shortName || '—' },
                  { key: 'kind', label: t('orgs.kind'), children: t(`orgKind.${org.kind}` as MessageKey) },
                  { key: 'region', label: t('field.regionCode'), children: org.regionCode || '—' },
                  { key: 'active', label: t('orgs.active'), children: org.active ? <StatusTag color="green">{t('orgs.activeYes')}</StatusTag> : <StatusTag>{t('orgs.activeNo')}</StatusTag> },
                  { key: 'children', label: t('orgs.children'), children: org.children.length },
                ]} />
                <Space style={{ marginTop: 16 }} wrap>
                  {mayManage && <Button onClick={() => setEditing({ org, parentId: org.parentId })}>{t('action.edit')}</Button>}
                  {mayManage && <Button onClick={() => setEditing({ org: null, parentId: org.id })}>{t('orgs.createChild')}</Button>}
                  <Button href={href(`/directory/staff?org=${org.id}`)} onClick={(e) => { e.preventDefault(); navigate(`/directory/staff?org=${org.id}`); }}>{t('orgs.staffOf')}</Button>
                </Space>
              </>
            ) : <Empty description={t('orgs.pick')} />}
          </Card>
        </Col>
      </Row>
      <OrgForm
        open={editing !== null}
        org={editing?.org ?? null}
        parentId={editing?.parentId ?? null}
        tree={tree}
        onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); void message.success(t('action.saved')); void reload(); }}
      />
    </Page>
  );
}
