import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Table, Tabs, Timeline, Typography, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { notifyApi, type NotifyRequest, type OutboxDetail, type OutboxItem } from '../api/notify';
import { Page } from '../components/Page';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormErrors } from '../components/useFormErrors';
import { usePagedList } from '../components/usePagedList';
import { useSession } from '../session/SessionContext';
import { P } from '../permissions';
import { isMessageKey, locale, t, type MessageKey } from '../i18n';
import { StatusTag } from '../components/StatusTag';

const STATUS_COLOUR = { queued: 'default', sent: 'blue', delivered: 'green', failed: 'red' } as const;
const PAGE_SIZE = 50;
/** The gateway's outcome in words where the app knows it, else as the server wrote it. */
const outcomeLabel = (outcome: string) => { const key = `outboxOutcome.${outcome}`; return isMessageKey(key) ? t(key) : outcome; };
const when = (v: string | null | undefined) => (v ? new Date(v).toLocaleString(locale) : '—');

interface Filters { channel?: string; status?: string; event?: string; recipient?: string; from?: string; to?: string; requestId?: string; [k: string]: string | undefined }

/** One message: what was sent, every attempt with the gateway's answer, the receipt, and a retry for a failed one. */
function MessageDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { can } = useSession();
  const [detail, setDetail] = useState<{ id: string; data?: OutboxDetail; error?: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  if (id && detail?.id !== id) {
    setDetail({ id });
    notifyApi.outboxDetail(id).then((data) => setDetail({ id, data }), (error) => setDetail({ id, error }));
  }
  const d = detail?.id === id ? detail?.data : undefined;
  const retry = async () => {
    setBusy(true);
    try {
      await notifyApi.retry(id!);
      message.success(t('outbox.retried'));
      setDetail(null);
      onChanged();
    } catch (err) { setDetail({ id: id!, data: d, error: err }); } finally { setBusy(false); }
  };
  return (
    <Drawer open={!!id} onClose={onClose} size={560} title={t('outbox.detail')} destroyOnHidden
      extra={d?.status === 'failed' && can([P.outboxManage], true) && <Button type="primary" loading={busy} onClick={() => void retry()}>{t('outbox.retry')}</Button>}>
      <ErrorAlert error={detail?.error} />
      {d && (
        // Focusable, so that keyboard users can scroll a long message (the drawer's body scrolls).
        <Space direction="vertical" size={16} style={{ width: '100%' }} tabIndex={0} aria-label={t('outbox.detail')} role="region">
          <Descriptions column={1} size="small" bordered items={[
            { key: 'status', label: t('field.status'), children: <StatusTag color={STATUS_COLOUR[d.status]}>{t(`outboxStatus.${d.status}` as MessageKey)}</StatusTag> },
            ...(d.error ? [{ key: 'error', label: t('outbox.reason'), children: <Typography.Text type="danger" data-testid="failure-reason">{d.error}</Typography.Text> }] : []),
            { key: 'event', label: t('outbox.event'), children: d.event },
            { key: 'channel', label: t('outbox.channel'), children: t(`channel.${d.channel}` as MessageKey) },
            { key: 'recipient', label: t('outbox.recipient'), children: d.recipientMasked },
            ...(d.subject ? [{ key: 'subject', label: t('outbox.subject'), children: d.subject }] : []),
            { key: 'body', label: t('outbox.body'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.body}</span> },
            { key: 'gateway', label: t('outbox.gateway'), children: d.gateway ? `${d.gateway}${d.providerId ? ` · ${d.providerId}` : ''}` : '—' },
            ...(d.deferredUntil ? [{ key: 'deferred', label: t('outbox.deferredUntil'), children: when(d.deferredUntil) }] : []),
            { key: 'created', label: t('outbox.createdAt'), children: when(d.createdAt) },
            { key: 'sent', label: t('outbox.sentAt'), children: when(d.sentAt) },
            { key: 'delivered', label: t('outbox.deliveredAt'), children: when(d.deliveredAt) },
          ]} />
          <div>
            <Typography.Title level={2} style={{ fontSize: 16 }}>{t('outbox.history')}</Typography.Title>
            {d.history.length ? (
              <Timeline items={d.history.map((h) => ({
                color: /fail|error|refus/i.test(h.outcome) ? 'red' : 'green',
                children: <><div>{when(h.at)} · {h.gateway} · {outcomeLabel(h.outcome)}</div>{h.error && <Typography.Text type="danger">{h.error}</Typography.Text>}</>,
              }))} />
            ) : <Typography.Text type="secondary">{t('outbox.noAttempts')}</Typography.Text>}
            {d.receipt && <Typography.Paragraph>{t('outbox.receipt', { at: when(d.receipt.at), status: d.receipt.status })}{d.receipt.error ? ` · ${d.receipt.error}` : ''}</Typography.Paragraph>}
          </div>
        </Space>
      )}
    </Drawer>
  );
}

function Messages({ requestId }: { requestId?: string }) {
  const [form] = Form.useForm();
  const errors = useFormErrors(form, ['channel', 'status', 'event', 'recipient', 'from', 'to']);
  const list = usePagedList<OutboxItem, Filters>('/api/notify/outbox', { pageSize: PAGE_SIZE, errors, initial: requestId ? { requestId } : {} });
  const [open, setOpen] = useState<string | null>(null);
  const search = (v: { channel?: string; status?: string; event?: string; recipient?: string; range?: [Dayjs, Dayjs] | null }) => list.search({
    channel: v.channel, status: v.status, event: v.event?.trim() || undefined, recipient: v.recipient?.trim() || undefined,
    from: v.range?.[0]?.startOf('day').toISOString(), to: v.range?.[1]?.endOf('day').toISOString(), requestId,
  });
  return (
    <>
      {errors.alert}
      <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={search}>
        <Form.Item name="channel" label={t('outbox.channel')}>
          <Select allowClear style={{ width: 120 }} options={(['sms', 'email', 'inapp'] as const).map((c) => ({ value: c, label: t(`channel.${c}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('field.status')}>
          <Select allowClear style={{ width: 120 }} options={(['queued', 'sent', 'delivered', 'failed'] as const).map((s) => ({ value: s, label: t(`outboxStatus.${s}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="event" label={t('outbox.event')}><Input allowClear style={{ width: 180 }} placeholder="identity.smsCode" /></Form.Item>
        <Form.Item name="recipient" label={t('outbox.recipient')}><Input allowClear style={{ width: 160 }} placeholder="138****" /></Form.Item>
        <Form.Item name="range" label={t('outbox.period')}><DatePicker.RangePicker /></Form.Item>
        <Button type="primary" htmlType="submit">{t('action.search')}</Button>
      </Form>
      <Table<OutboxItem>
        {...list.table}
        size="small"
        scroll={{ x: 1000 }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('outbox.createdAt'), dataIndex: 'createdAt', width: 170, render: when },
          { title: t('outbox.event'), dataIndex: 'event', width: 170 },
          { title: t('outbox.channel'), dataIndex: 'channel', width: 90, render: (v: string) => t(`channel.${v}` as MessageKey) },
          { title: t('outbox.recipient'), dataIndex: 'recipientMasked', width: 150 },
          { title: t('outbox.body'), dataIndex: 'body', ellipsis: true },
          { title: t('field.status'), dataIndex: 'status', width: 100, render: (v: OutboxItem['status'], r) => <StatusTag color={STATUS_COLOUR[v]}>{t(`outboxStatus.${v}` as MessageKey)}{r.deferredUntil && v === 'queued' ? ` · ${t('outbox.deferred')}` : ''}</StatusTag> },
          { title: t('outbox.attempts'), dataIndex: 'attempts', width: 80 },
          { title: t('outbox.error'), dataIndex: 'error', ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('outbox.actions'), key: 'open', width: 80, render: (_: unknown, r) => <Button size="small" type="link" onClick={(e) => { e.stopPropagation(); setOpen(r.id); }}>{t('outbox.view')}</Button> },
        ]}
      />
      <MessageDrawer id={open} onClose={() => setOpen(null)} onChanged={() => void list.load()} />
    </>
  );
}

function Requests({ onOpen }: { onOpen: (id: string) => void }) {
  const list = usePagedList<NotifyRequest>('/api/notify/requests', { pageSize: 20 });
  return (
    <>
      <ErrorAlert error={list.error} />
      <Table<NotifyRequest>
        {...list.table}
        size="small"
        columns={[
          { title: t('outbox.createdAt'), dataIndex: 'createdAt', width: 170, render: when },
          { title: t('outbox.event'), dataIndex: 'event', width: 170 },
          { title: t('outbox.audience'), dataIndex: 'audience' },
          { title: t('outbox.recipients'), dataIndex: 'recipients', width: 90, render: (v: number, r) => (r.expanded ? v : `${v}…`) },
          { title: t('outboxStatus.queued'), dataIndex: 'queued', width: 80 },
          { title: t('outboxStatus.sent'), dataIndex: 'sent', width: 80 },
          { title: t('outboxStatus.delivered'), dataIndex: 'delivered', width: 80 },
          { title: t('outboxStatus.failed'), dataIndex: 'failed', width: 80 },
          { title: t('outbox.actions'), key: 'open', width: 100, render: (_: unknown, r) => <Button size="small" type="link" onClick={() => onOpen(r.id)}>{t('outbox.viewMessages')}</Button> },
        ]}
      />
    </>
  );
}

/** Every SMS, email and in-app message the platform sent or tried to send, why one failed, and the bulk sends. */
export default function Outbox() {
  const [tab, setTab] = useState('messages');
  const [requestId, setRequestId] = useState<string | undefined>();
  return (
    <Page title={t('menu.outbox')}>
      <Card>
        <Tabs activeKey={tab} onChange={(k) => { setTab(k); if (k === 'messages') setRequestId(undefined); }} destroyOnHidden items={[
          { key: 'messages', label: requestId ? t('outbox.messagesOfRequest') : t('outbox.messages'), children: <Messages key={requestId ?? 'all'} requestId={requestId} /> },
          { key: 'requests', label: t('outbox.requests'), children: <Requests onOpen={(id) => { setRequestId(id); setTab('messages'); }} /> },
        ]} />
      </Card>
    </Page>
  );
}
