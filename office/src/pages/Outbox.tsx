import { Button, Card, Form, Input, Select, Table } from 'antd';
import { Page } from '../components/Page';
import { useFormErrors } from '../components/useFormErrors';
import { usePagedList } from '../components/usePagedList';
import { locale, t, type MessageKey } from '../i18n';
import { StatusTag } from '../components/StatusTag';

interface OutboxRow {
  id: string;
  channel: 'sms' | 'email' | 'inapp';
  recipient_masked: string;
  template: string;
  body: string;
  status: 'queued' | 'sent' | 'delivered' | 'failed';
  gateway: string | null;
  attempts: number;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

const STATUS_COLOUR = { queued: 'default', sent: 'blue', delivered: 'green', failed: 'red' } as const;
const PAGE_SIZE = 50;

/** Every SMS, email and in-app message the platform sent or tried to send, newest first. */
export default function Outbox() {
  const [form] = Form.useForm();
  const errors = useFormErrors(form, ['channel', 'status', 'recipient']);
  const list = usePagedList<OutboxRow, { channel?: string; status?: string; recipient?: string }>('/api/notify/outbox', { pageSize: PAGE_SIZE, errors });

  return (
    <Page title={t('menu.outbox')} extra={<Button onClick={() => void list.load()}>{t('action.refresh')}</Button>}>
      <Card>
        {errors.alert}
        <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v) => { list.search({ channel: v.channel, status: v.status, recipient: v.recipient?.trim() || undefined }); }}>
          <Form.Item name="channel" label={t('outbox.channel')}>
            <Select allowClear style={{ width: 160 }} options={(['sms', 'email', 'inapp'] as const).map((c) => ({ value: c, label: t(`channel.${c}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="status" label={t('field.status')}>
            <Select allowClear style={{ width: 160 }} options={(['queued', 'sent', 'delivered', 'failed'] as const).map((s) => ({ value: s, label: t(`outboxStatus.${s}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="recipient" label={t('outbox.recipient')}><Input allowClear placeholder="138****" /></Form.Item>
          <Button type="primary" htmlType="submit">{t('action.search')}</Button>
        </Form>
        <Table<OutboxRow>
          {...list.table}
          size="small"
          scroll={{ x: 900 }}
          columns={[
            { title: t('outbox.createdAt'), dataIndex: 'created_at', width: 170, render: (v: string) => new Date(v).toLocaleString(locale) },
            { title: t('outbox.channel'), dataIndex: 'channel', width: 90, render: (v: string) => t(`channel.${v}` as MessageKey) },
            { title: t('outbox.recipient'), dataIndex: 'recipient_masked', width: 140 },
            { title: t('outbox.body'), dataIndex: 'body' },
            { title: t('field.status'), dataIndex: 'status', width: 100, render: (v: OutboxRow['status']) => <StatusTag color={STATUS_COLOUR[v]}>{t(`outboxStatus.${v}` as MessageKey)}</StatusTag> },
            { title: t('outbox.attempts'), dataIndex: 'attempts', width: 80 },
            { title: t('outbox.error'), dataIndex: 'error', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </Page>
  );
}
