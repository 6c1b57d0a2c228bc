import { useState } from 'react';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table } from 'antd';
import { api } from '../../api/client';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePagedList } from '../../components/usePagedList';
import { useSession } from '../../session/SessionContext';
import { P } from '../../permissions';
import { locale, t, type MessageKey } from '../../i18n';
import { StatusTag } from '../../components/StatusTag';
import { ResetDrawer } from './ResetDrawer';

interface AccountRow {
  id: string;
  kind: 'staff' | 'citizen' | 'enterprise';
  username: string;
  displayName: string;
  orgName: string | null;
  status: string;
  failedLogins: number;
  lockedUntil: string | null;
}

function toAccount(raw: any): AccountRow {
  return {
    id: raw.id,
    kind: raw.kind,
    username: raw.username,
    displayName: raw.displayName ?? raw.display_name ?? '',
    orgName: raw.orgName ?? raw.org_name ?? null,
    status: raw.status ?? 'active',
    failedLogins: raw.failedLogins ?? raw.failed_logins ?? 0,
    lockedUntil: raw.lockedUntil ?? raw.locked_until ?? null,
  };
}

const isLocked = (a: AccountRow) => !!a.lockedUntil && new Date(a.lockedUntil) > new Date();
const PAGE_SIZE = 20;

/** Accounts with their lock state; the security administrator unlocks one locked out by failed sign-ins. */
export default function Accounts() {
  const { can } = useSession();
  const { message } = App.useApp();
  const list = usePagedList<AccountRow, { q?: string; kind?: string; locked?: string }>('/api/identity/accounts', { pageSize: PAGE_SIZE, toRow: toAccount });
  const [resetting, setResetting] = useState<AccountRow | null>(null);
  const mayUnlock = can([P.accountUnlock]);
  const mayReset = can([P.accountReset]);

  const unlock = async (a: AccountRow) => {
    try {
      await api.post(`/api/identity/accounts/${a.id}/unlock`);
      void message.success(t('accounts.unlocked', { name: a.username }));
      await list.load();
    } catch (err) {
      list.setError(err);
    }
  };

  return (
    <Page title={t('menu.accounts')}>
      <ErrorAlert error={list.error} />
      <Card>
        <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v) => list.search({ q: v.q?.trim(), kind: v.kind, locked: v.locked })}>
          <Form.Item name="q" label={t('staff.search')}><Input allowClear placeholder={t('staff.searchHint')} /></Form.Item>
          <Form.Item name="kind" label={t('accounts.kind')}>
            <Select allowClear style={{ width: 160 }} options={(['staff', 'citizen', 'enterprise'] as const).map((k) => ({ value: k, label: t(`accountKind.${k}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="locked" label={t('accounts.lockState')}>
            <Select allowClear style={{ width: 160 }} options={[{ value: 'true', label: t('status.locked') }, { value: 'false', label: t('accounts.notLocked') }]} />
          </Form.Item>
          <Button type="primary" htmlType="submit">{t('action.search')}</Button>
        </Form>
        <Table<AccountRow>
          {...list.table}
          columns={[
            { title: t('field.username'), dataIndex: 'username' },
            { title: t('field.displayName'), dataIndex: 'displayName' },
            { title: t('accounts.kind'), dataIndex: 'kind', render: (v: string) => t(`accountKind.${v}` as MessageKey) },
            { title: t('field.org'), dataIndex: 'orgName', render: (v: string | null) => v ?? '—' },
            { title: t('accounts.failedLogins'), dataIndex: 'failedLogins' },
            { title: t('field.status'), key: 'state', render: (_: unknown, a) => (
              <>{a.status === 'active' ? <StatusTag color="green">{t('status.active')}</StatusTag> : <StatusTag>{t('status.disabled')}</StatusTag>}
                {isLocked(a) && <StatusTag color="red">{t('accounts.lockedUntil', { time: new Date(a.lockedUntil!).toLocaleString(locale) })}</StatusTag>}</>
            ) },
            ...(mayUnlock || mayReset ? [{ title: t('table.actions'), key: 'actions', render: (_: unknown, a: AccountRow) => (
              <Space>
                {mayUnlock && (isLocked(a) || a.failedLogins > 0) && (
                  <Popconfirm title={t('accounts.unlockConfirm', { name: a.username })} okText={t('accounts.unlock')} cancelText={t('action.cancel')} onConfirm={() => unlock(a)}>
                    <Button size="small">{t('accounts.unlock')}</Button>
                  </Popconfirm>
                )}
                {mayReset && <Button size="small" onClick={() => setResetting(a)}>{t('accounts.reset')}</Button>}
              </Space>
            ) }] : []),
          ]}
        />
      </Card>
      <ResetDrawer account={resetting} onClose={() => setResetting(null)} onDone={() => {
        void message.success(t('accounts.resetDone', { name: resetting?.username ?? '' }));
        setResetting(null);
        void list.load();
      }} />
    </Page>
  );
}
