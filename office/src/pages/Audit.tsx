import { useState } from 'react';
import { Alert, AutoComplete, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../api/client';
import { Page } from '../components/Page';
import { useFormErrors } from '../components/useFormErrors';
import { usePagedList } from '../components/usePagedList';
import { locale, t, type MessageKey } from '../i18n';
import { StatusTag } from '../components/StatusTag';
import { actionLabel, KNOWN_ACTIONS } from './auditActions';

interface AuditRow {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  org_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  ip: string | null;
  details: unknown;
}

interface ChainProblem {
  kind: 'edited' | 'deleted' | 'inserted';
  shard: number;
  seq: number;
  id: number | null;
  at: string | null;
  detail: string;
}

interface Verification {
  intact: boolean;
  records: number;
  problems: ChainProblem[];
}

type Filters = {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  outcome?: string;
};

const OUTCOME_COLOUR = { success: 'green', failure: 'orange', denied: 'red' } as const;
const PAGE_SIZE = 50;
/** Read by screen readers, not shown: the expand column's header would otherwise be empty. */
const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** Known actions by name, with the code beside it; any other text is still searched as a code prefix. */
const ACTION_OPTIONS = KNOWN_ACTIONS.map((code) => ({
  value: code,
  label: <span>{actionLabel(code)} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{code}</Typography.Text></span>,
  search: `${actionLabel(code)} ${code}`.toLowerCase(),
}));

/** The auditor's search of the audit log, and a check of its hash chain. */
export default function Audit() {
  const [form] = Form.useForm();
  const errors = useFormErrors(form, ['range', 'actor', 'action', 'outcome']);
  // The date fields arrive as `from`/`to` in field errors; the form shows them on its one range field.
  const list = usePagedList<AuditRow, Filters>('/api/audit', { pageSize: PAGE_SIZE, errors });
  const [verification, setVerification] = useState<Verification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<unknown>(null);

  const search = (v: { range?: [Dayjs | null, Dayjs | null] | null; actor?: string; action?: string; outcome?: string }) => {
    list.search({
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
      actor: v.actor?.trim() || undefined,
      action: v.action?.trim() || undefined,
      outcome: v.outcome,
    });
  };

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerification(await api.get<Verification>('/api/audit/verify'));
    } catch (err) {
      setVerifyError(err);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Page title={t('menu.audit')} extra={<Button onClick={verify} loading={verifying}>{t('audit.verify')}</Button>}>
      {verifyError ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={(verifyError as Error).message} /> : null}
      {verification && (
        <Alert
          role="status"
          style={{ marginBottom: 16 }}
          showIcon
          type={verification.intact ? 'success' : 'error'}
          title={verification.intact ? t('audit.intact', { n: verification.records }) : t('audit.broken', { n: verification.problems.length })}
          description={!verification.intact && (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {verification.problems.map((p, i) => (
                <li key={i}>
                  {t(`audit.problem.${p.kind}` as MessageKey, { id: p.id ?? '—', chain: p.shard, seq: p.seq, at: p.at ? new Date(p.at).toLocaleString(locale) : '—' })}
                  {' '}<Typography.Text type="secondary">{p.detail}</Typography.Text>
                </li>
              ))}
            </ul>
          )}
        />
      )}
      <Card>
        {errors.alert}
        <Form form={form} layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item name="range" label={t('audit.range')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.actor')}><Input allowClear /></Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <AutoComplete
              allowClear
              style={{ width: 260 }}
              options={ACTION_OPTIONS}
              placeholder={t('audit.actionHint')}
              filterOption={(input, o) => !!o?.search.includes(input.trim().toLowerCase())}
            />
          </Form.Item>
          <Form.Item name="outcome" label={t('audit.outcome')}>
            <Select allowClear style={{ width: 160 }} options={(['success', 'failure', 'denied'] as const).map((o) => ({ value: o, label: t(`outcome.${o}` as MessageKey) }))} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">{t('action.search')}</Button>
            <Button onClick={() => { form.resetFields(); search({}); }}>{t('action.reset')}</Button>
          </Space>
        </Form>
        <Table<AuditRow>
          {...list.table}
          size="small"
          scroll={{ x: 900 }}
          expandable={{ columnTitle: <span style={VISUALLY_HIDDEN}>{t('audit.details')}</span>, expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(r.details ?? {}, null, 2)}</pre>, rowExpandable: (r) => !!r.details && Object.keys(r.details as object).length > 0 }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => new Date(v).toLocaleString(locale) },
            { title: t('audit.actor'), dataIndex: 'actor_name', render: (v: string | null) => v ?? '—' },
            { title: t('field.org'), dataIndex: 'org_name', render: (v: string | null) => v ?? '—' },
            { title: t('audit.action'), dataIndex: 'action', render: (v: string, r) => (
              <>
                <div>{actionLabel(v, r.outcome)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v}</Typography.Text>
              </>
            ) },
            { title: t('audit.target'), key: 'target', render: (_: unknown, r) => (r.target_type ? `${r.target_type} ${r.target_id ?? ''}` : '—') },
            { title: t('audit.outcome'), dataIndex: 'outcome', render: (v: AuditRow['outcome']) => <StatusTag color={OUTCOME_COLOUR[v]}>{t(`outcome.${v}` as MessageKey)}</StatusTag> },
            { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </Page>
  );
}
