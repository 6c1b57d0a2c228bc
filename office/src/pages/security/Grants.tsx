import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, Form, Popconfirm, Select, Table, TreeSelect } from 'antd';
import { api, rowsOf } from '../../api/client';
import { orgTreeData, toGrant, toRole, toStaff, useOrgTree, type GrantRow, type RoleRow, type StaffRow } from '../../api/directory';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormErrors } from '../../components/useFormErrors';
import { t } from '../../i18n';

/** Grants of one staff member: a role within an organisation subtree; revoking takes effect at once. */
export default function Grants() {
  const { message } = App.useApp();
  const { tree } = useOrgTree();
  const [options, setOptions] = useState<StaffRow[]>([]);
  const [account, setAccount] = useState<StaffRow | null>(null);
  const [roles, setRoles] = useState<RoleRow[]>([]);
  const [grants, setGrants] = useState<GrantRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const errors = useFormErrors(form, ['roleId', 'orgId']);
  const searchSeq = useRef(0);

  useEffect(() => {
    api.get('/api/directory/roles').then((d) => setRoles(rowsOf(d).map(toRole)), setError);
  }, []);

  const search = useCallback(async (q: string) => {
    const seq = ++searchSeq.current;
    try {
      const res = await api.get('/api/directory/staff', { q, page: 1, pageSize: 20 });
      if (seq === searchSeq.current) setOptions(rowsOf(res).map(toStaff));
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => { void search(''); }, [search]);

  const loadGrants = useCallback(async (accountId: string) => {
    setLoading(true);
    try {
      setGrants(rowsOf(await api.get('/api/directory/grants', { accountId })).map(toGrant));
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, []);

  const grant = async (v: { roleId: string; orgId: string }) => {
    if (!account) return;
    errors.clear();
    try {
      await api.post('/api/directory/grants', { accountId: account.id, roleId: v.roleId, orgId: v.orgId });
      void message.success(t('grants.granted'));
      form.resetFields();
      await loadGrants(account.id);
    } catch (err) {
      errors.show(err);
    }
  };
  const revoke = async (g: GrantRow) => {
    try {
      await api.delete(`/api/directory/grants/${g.id}`);
      void message.success(t('grants.revoked'));
      if (account) await loadGrants(account.id);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Page title={t('menu.grants')}>
      <ErrorAlert error={error} />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Form.Item label={t('grants.account')} htmlFor="grants-account">
            <Select
              id="grants-account"
              showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
              placeholder={t('grants.accountHint')}
              value={account?.id}
              onChange={(id: string) => {
                const a = options.find((o) => o.id === id) ?? null;
                setAccount(a);
                if (a) void loadGrants(a.id);
              }}
              options={options.map((o) => ({ value: o.id, label: `${o.displayName}（${o.username}）${o.orgName ? ` · ${o.orgName}` : ''}` }))}
            />
          </Form.Item>
        </Form>
      </Card>
      {account && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('grants.of', { name: account.displayName })}</h2>}>
          <Table<GrantRow>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={grants}
            pagination={false}
            locale={{ emptyText: t('dashboard.noRoles') }}
            style={{ marginBottom: 24 }}
            columns={[
              { title: t('field.role'), dataIndex: 'roleName', render: (v: string, g) => v || roles.find((r) => r.id === g.roleId)?.name || g.roleCode },
              { title: t('dashboard.scope'), dataIndex: 'orgName', render: (v: string) => t('dashboard.scopeOf', { org: v }) },
              { title: t('table.actions'), key: 'actions', render: (_: unknown, g) => (
                <Popconfirm title={t('grants.revokeConfirm')} okText={t('grants.revoke')} cancelText={t('action.cancel')} onConfirm={() => revoke(g)}>
                  <Button size="small" danger>{t('grants.revoke')}</Button>
                </Popconfirm>
              ) },
            ]}
          />
          <h3 style={{ fontSize: 15 }}>{t('grants.new')}</h3>
          {errors.alert}
          <Form form={form} layout="inline" onFinish={grant} style={{ rowGap: 8 }}>
            <Form.Item name="roleId" label={t('field.role')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select style={{ width: 220 }} options={roles.map((r) => ({ value: r.id, label: r.name }))} />
            </Form.Item>
            <Form.Item name="orgId" label={t('grants.scope')} rules={[{ required: true, message: t('validation.required') }]}>
              <TreeSelect style={{ width: 320 }} treeData={orgTreeData(tree)} showSearch treeNodeFilterProp="title" />
            </Form.Item>
            <Button type="primary" htmlType="submit">{t('grants.grant')}</Button>
          </Form>
        </Card>
      )}
    </Page>
  );
}
