import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Table } from 'antd';
import { api, rowsOf } from '../../api/client';
import { toGrant, toStaff, type GrantRow, type StaffRow } from '../../api/directory';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/SessionContext';
import { P } from '../../permissions';
import { href, navigate } from '../../router';
import { t } from '../../i18n';
import { StatusTag } from '../../components/StatusTag';

/** One staff member: contact details (masked by the server unless the reader may see them) and roles. */
export default function StaffDetail({ id }: { id: string }) {
  const { can } = useSession();
  const [staff, setStaff] = useState<StaffRow | null>(null);
  const [grants, setGrants] = useState<GrantRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get<any>(`/api/directory/staff/${encodeURIComponent(id)}`).then((raw) => {
      setStaff(toStaff(raw.staff ?? raw));
      if (Array.isArray(raw.grants)) setGrants(raw.grants.map(toGrant));
    }, setError);
  }, [id]);
  useEffect(() => {
    if (grants !== null || !can([P.grantManage])) return;
    api.get('/api/directory/grants', { accountId: id }).then((d) => setGrants(rowsOf(d).map(toGrant)), () => setGrants([]));
  }, [id, grants, can]);

  const back = <Button href={href('/directory/staff')} onClick={(e) => { e.preventDefault(); navigate('/directory/staff'); }}>{t('action.back')}</Button>;
  return (
    <Page title={staff ? t('staff.detailOf', { name: staff.displayName }) : t('menu.staffDetail')} extra={back}>
      <ErrorAlert error={error} />
      {staff && (
        <Card style={{ marginBottom: 16 }}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
            { key: 'displayName', label: t('field.displayName'), children: staff.displayName },
            { key: 'username', label: t('field.username'), children: staff.username },
            { key: 'org', label: t('field.org'), children: staff.orgName ?? '—' },
            { key: 'position', label: t('staff.position'), children: staff.position ?? '—' },
            { key: 'phone', label: t('field.phone'), children: staff.phone ?? '—' },
            { key: 'email', label: t('field.email'), children: staff.email ?? '—' },
            { key: 'status', label: t('field.status'), children: <>{staff.status === 'active' ? t('status.active') : t('status.disabled')}{staff.locked && <StatusTag color="red" style={{ marginInlineStart: 8 }}>{t('status.locked')}</StatusTag>}</> },
            { key: 'totp', label: t('dashboard.totp'), children: staff.totpEnrolled ? t('dashboard.totpOn') : t('dashboard.totpOff') },
          ]} />
        </Card>
      )}
      {grants && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('staff.roles')}</h2>}>
          <Table<GrantRow> size="small" rowKey="id" pagination={false} dataSource={grants} locale={{ emptyText: t('dashboard.noRoles') }} columns={[
            { title: t('field.role'), dataIndex: 'roleName' },
            { title: t('dashboard.scope'), dataIndex: 'orgName', render: (v: string) => t('dashboard.scopeOf', { org: v }) },
          ]} />
        </Card>
      )}
    </Page>
  );
}
