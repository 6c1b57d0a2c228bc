import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { api } from '../api/client';
import { Page } from '../components/Page';
import { StatusTag, type Shade } from '../components/StatusTag';
import { useFormErrors } from '../components/useFormErrors';
import { usePagedList } from '../components/usePagedList';
import { locale, t, type MessageKey } from '../i18n';

type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'dead' | 'cancelled';
const JOB_STATES: JobState[] = ['queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled'];

interface JobRow {
  id: string;
  type: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  scheduleName: string | null;
  createdAt: string;
  updatedAt: string;
}

type Filters = { state?: JobState; type?: string };

const STATE_COLOUR: Record<JobState, Shade> = { queued: 'default', running: 'blue', succeeded: 'green', failed: 'orange', dead: 'red', cancelled: 'grey' };
const RETRYABLE: JobState[] = ['failed', 'dead'];
const CANCELLABLE: JobState[] = ['queued', 'failed'];
const PAGE_SIZE = 50;

const stateLabel = (s: JobState) => t(`jobState.${s}` as MessageKey);
const when = (v: string | null) => (v ? new Date(v).toLocaleString(locale) : '—');

/** The background job queue (platform-wide): counts per state, the jobs newest first, retry and cancel. */
export default function Jobs() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Filters>();
  const errors = useFormErrors(form, ['state', 'type']);
  const list = usePagedList<JobRow, Filters>('/api/jobs', { pageSize: PAGE_SIZE, errors });
  const counts = ((list.response as { counts?: Partial<Record<JobState, number>> } | undefined)?.counts) ?? {};

  const filterBy = (state?: JobState) => {
    form.setFieldValue('state', state);
    list.search({ ...list.filters, state });
  };

  const act = async (job: JobRow, op: 'retry' | 'cancel') => {
    try {
      await api.post(`/api/jobs/${job.id}/${op}`);
      void message.success(t(op === 'retry' ? 'jobs.retried' : 'jobs.cancelled'));
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
    await list.load();
  };

  return (
    <Page title={t('menu.jobs')} extra={<Button onClick={() => void list.load()}>{t('action.refresh')}</Button>}>
      <Card>
        {errors.alert}
        <Space wrap role="group" aria-label={t('jobs.counts')} style={{ marginBottom: 16 }} data-testid="job-counts">
          <Button type={list.filters.state ? 'default' : 'primary'} aria-pressed={!list.filters.state} onClick={() => filterBy(undefined)}>
            {t('jobs.all')} {JOB_STATES.reduce((n, s) => n + (counts[s] ?? 0), 0)}
          </Button>
          {JOB_STATES.map((s) => (
            <Button key={s} type={list.filters.state === s ? 'primary' : 'default'} aria-pressed={list.filters.state === s} onClick={() => filterBy(s)}>
              {stateLabel(s)} {counts[s] ?? 0}
            </Button>
          ))}
        </Space>
        <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v) => { list.search({ state: v.state, type: v.type?.trim() || undefined }); }}>
          <Form.Item name="state" label={t('jobs.state')}>
            <Select allowClear style={{ width: 160 }} options={JOB_STATES.map((s) => ({ value: s, label: stateLabel(s) }))} />
          </Form.Item>
          <Form.Item name="type" label={t('jobs.type')}><Input allowClear placeholder="module.thing.verb" /></Form.Item>
          <Button type="primary" htmlType="submit">{t('action.search')}</Button>
        </Form>
        <Table<JobRow>
          {...list.table}
          size="small"
          scroll={{ x: 1100 }}
          columns={[
            { title: t('jobs.type'), dataIndex: 'type', width: 200, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('jobs.state'), dataIndex: 'state', width: 110, render: (v: JobState) => <StatusTag color={STATE_COLOUR[v]}>{stateLabel(v)}</StatusTag> },
            { title: t('jobs.attempts'), key: 'attempts', width: 90, render: (_: unknown, j) => `${j.attempts} / ${j.maxAttempts}` },
            { title: t('jobs.runAt'), dataIndex: 'runAt', width: 170, render: when },
            {
              title: t('jobs.lastError'), dataIndex: 'lastError', ellipsis: true,
              render: (v: string | null) => (v ? <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 260 }}>{v}</Typography.Text> : '—'),
            },
            { title: t('jobs.createdAt'), dataIndex: 'createdAt', width: 170, render: when },
            { title: t('jobs.updatedAt'), dataIndex: 'updatedAt', width: 170, render: when },
            {
              title: t('table.actions'), key: 'actions', width: 140, fixed: 'right',
              render: (_: unknown, j) => (
                <Space size="small">
                  {RETRYABLE.includes(j.state) && (
                    <Popconfirm title={t('jobs.retryConfirm')} okText={t('jobs.retry')} cancelText={t('action.cancel')} onConfirm={() => act(j, 'retry')}>
                      <Button size="small">{t('jobs.retry')}</Button>
                    </Popconfirm>
                  )}
                  {CANCELLABLE.includes(j.state) && (
                    <Popconfirm title={t('jobs.cancelConfirm')} okText={t('jobs.cancelOk')} cancelText={t('jobs.keep')} onConfirm={() => act(j, 'cancel')}>
                      <Button size="small" danger>{t('jobs.cancel')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Page>
  );
}
