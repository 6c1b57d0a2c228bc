import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, List, Segmented, Switch, Table, Tabs, Typography, message } from 'antd';
import { notifyApi, type InboxItem, type Preferences } from '../../api/notify';
import { Page } from '../../components/Page';
import { StatusTag } from '../../components/StatusTag';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePagedList } from '../../components/usePagedList';
import { locale, t } from '../../i18n';
import { navigate } from '../../router';

const PAGE_SIZE = 20;

/** Opens a message's link: a route of this app stays in it, anything else is a normal page load. */
function follow(link: string) {
  if (link.startsWith('/office/')) navigate(link.slice('/office'.length) || '/');
  else window.location.assign(link);
}

function Messages() {
  const list = usePagedList<InboxItem, { unread?: string }>('/api/notify/inbox', { pageSize: PAGE_SIZE });
  const [error, setError] = useState<unknown>(null);
  const unread = (list.response as { unread?: number } | undefined)?.unread ?? 0;
  const read = async (item: InboxItem) => {
    if (item.readAt) return;
    try { await notifyApi.markRead(item.id); await list.load(); } catch (err) { setError(err); }
  };
  return (
    <>
      <ErrorAlert error={error ?? list.error} />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Segmented<string>
          aria-label={t('inbox.filter')}
          value={list.filters.unread === 'true' ? 'unread' : 'all'}
          onChange={(v) => list.search(v === 'unread' ? { unread: 'true' } : {})}
          options={[{ value: 'all', label: t('inbox.all') }, { value: 'unread', label: t('inbox.unreadOnly', { n: unread }) }]}
        />
        <Button disabled={!unread} onClick={async () => { try { const r = await notifyApi.markAllRead(); message.success(t('inbox.markedAll', { n: r.updated })); await list.load(); } catch (err) { setError(err); } }}>
          {t('inbox.markAllRead')}
        </Button>
      </Flex>
      <List<InboxItem>
        loading={list.loading}
        dataSource={list.rows}
        locale={{ emptyText: t('inbox.empty') }}
        pagination={list.rows.length ? { ...list.pagination, align: 'center' } as any : false}
        renderItem={(item) => (
          <List.Item
            data-testid="inbox-item"
            style={{ background: item.readAt ? undefined : '#fff7f0', paddingInline: 12 }}
            actions={[
              !item.readAt && <Button key="read" size="small" onClick={() => void read(item)}>{t('inbox.markRead')}</Button>,
              item.link && <Button key="open" size="small" type="link" onClick={() => { void read(item); follow(item.link!); }}>{t('inbox.open')}</Button>,
            ].filter(Boolean)}
          >
            <div style={{ minWidth: 0 }}>
              <Flex gap={8} align="center" wrap>
                {!item.readAt && <StatusTag color="red">{t('inbox.unread')}</StatusTag>}
                {item.urgent && <StatusTag color="orange">{t('inbox.urgent')}</StatusTag>}
                <Typography.Title level={2} style={{ fontSize: 15, margin: 0, fontWeight: item.readAt ? 500 : 700 }}>{item.title}</Typography.Title>
              </Flex>
              <Typography.Paragraph style={{ margin: '6px 0 4px', whiteSpace: 'pre-wrap' }}>{item.body}</Typography.Paragraph>
              <Typography.Text style={{ color: 'rgba(0,0,0,0.65)' }}>{new Date(item.createdAt).toLocaleString(locale)}</Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </>
  );
}

function Settings() {
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { notifyApi.preferences().then(setPrefs, setError); }, []);
  if (!prefs) return <ErrorAlert error={error} />;
  const set = (category: string, channel: 'sms' | 'email', on: boolean) =>
    setPrefs({ ...prefs, categories: prefs.categories.map((c) => (c.category === category ? { ...c, [channel]: on } : c)) });
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      setPrefs(await notifyApi.savePreferences(prefs.categories.filter((c) => !c.locked).map(({ category, sms, email }) => ({ category, sms, email }))));
      message.success(t('inbox.prefsSaved'));
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const channelNote = (c: 'sms' | 'email') => (prefs.channels[c].available ? prefs.channels[c].masked ?? '' : t('inbox.noContact'));
  return (
    <>
      <ErrorAlert error={error} />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('inbox.prefsHelp')} />
      <Table
        rowKey="category"
        size="small"
        pagination={false}
        dataSource={prefs.categories}
        columns={[
          { title: t('inbox.category'), dataIndex: 'label', render: (v: string, r) => <><Typography.Text strong>{v}</Typography.Text><br /><Typography.Text type="secondary" style={{ color: 'rgba(0,0,0,0.65)' }}>{r.description}</Typography.Text></> },
          { title: t('channel.inapp'), key: 'inapp', width: 110, render: () => <Switch checked disabled aria-label={t('channel.inapp')} /> },
          ...(['sms', 'email'] as const).map((c) => ({
            title: <>{t(`channel.${c}`)}<br /><Typography.Text type="secondary" style={{ fontWeight: 'normal', color: 'rgba(0,0,0,0.65)' }}>{channelNote(c)}</Typography.Text></>,
            key: c, width: 150,
            render: (_: unknown, r: Preferences['categories'][number]) => (
              <Switch checked={r[c]} disabled={r.locked || !prefs.channels[c].available}
                aria-label={t('inbox.prefSwitch', { category: r.label, channel: t(`channel.${c}`) })}
                onChange={(on) => set(r.category, c, on)} />
            ),
          })),
        ]}
      />
      <Button type="primary" loading={busy} onClick={() => void save()} style={{ marginTop: 12 }}>{t('action.save')}</Button>
    </>
  );
}

/** The signed-in user's own messages (in-app inbox) and how they want to be told. */
export default function Inbox({ tab }: { tab?: string }) {
  const [active, setActive] = useState(tab === 'settings' ? 'settings' : 'messages');
  return (
    <Page title={t('menu.inbox')}>
      <Card>
        <Tabs activeKey={active} onChange={setActive} destroyOnHidden items={[
          { key: 'messages', label: t('inbox.messages'), children: <Messages /> },
          { key: 'settings', label: t('inbox.settings'), children: <Settings /> },
        ]} />
      </Card>
    </Page>
  );
}
