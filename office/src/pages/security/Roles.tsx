import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Table } from 'antd';
import { api, rowsOf } from '../../api/client';
import { toPermission, toRole, type PermissionRow, type RoleRow } from '../../api/directory';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/SessionContext';
import { P } from '../../permissions';
import { locale, t, type MessageKey } from '../../i18n';
import { RoleForm } from './RoleForm';
import { StatusTag } from '../../components/StatusTag';

/** Roles and the permissions each bundles; the three administrators' roles are marked. */
export default function Roles() {
  const { can } = useSession();
  const { message } = App.useApp();
  const [roles, setRoles] = useState<RoleRow[]>([]);
  const [catalogue, setCatalogue] = useState<PermissionRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<{ role: RoleRow | null } | null>(null);
  // Role definitions are platform-wide: only a security administrator granted at a tree root changes them.
  const mayManage = can([P.roleManage], true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [r, p] = await Promise.all([api.get('/api/directory/roles'), api.get('/api/directory/permissions')]);
      setRoles(rowsOf(r).map(toRole));
      setCatalogue(rowsOf(p).map((x) => toPermission(x, locale)));
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => { void load(); }, [load]);
  const label = (code: string) => catalogue.find((p) => p.code === code)?.label ?? code;

  return (
    <Page title={t('menu.roles')} extra={mayManage && <Button type="primary" onClick={() => setEditing({ role: null })}>{t('roles.create')}</Button>}>
      <ErrorAlert error={error} />
      <Card>
        <Table<RoleRow>
          rowKey="id"
          loading={loading}
          dataSource={roles}
          pagination={false}
          columns={[
            { title: t('field.name'), dataIndex: 'name', render: (v: string, r) => <>{v} {r.builtin && <StatusTag>{t('roles.builtin')}</StatusTag>}</> },
            { title: t('field.code'), dataIndex: 'code' },
            { title: t('roles.adminKind'), dataIndex: 'adminKind', render: (v: string | null) => (v ? <StatusTag color="red">{t(`adminKind.${v}` as MessageKey)}</StatusTag> : t('adminKind.none')) },
            { title: t('roles.permissions'), dataIndex: 'permissions', render: (v: string[]) => v.map((c) => <StatusTag key={c} style={{ marginBottom: 4 }}>{label(c)}</StatusTag>) },
            { title: t('table.actions'), key: 'actions', render: (_: unknown, r) => <Button size="small" onClick={() => setEditing({ role: r })} aria-label={`${mayManage ? t('action.edit') : t('action.view')} ${r.name}`}>{mayManage ? t('action.edit') : t('action.view')}</Button> },
          ]}
        />
      </Card>
      <RoleForm
        open={editing !== null}
        role={editing?.role ?? null}
        catalogue={catalogue}
        readOnly={!mayManage}
        onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); void message.success(t('action.saved')); void load(); }}
      />
    </Page>
  );
}
