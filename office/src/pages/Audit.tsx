import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../api/client';
import { Page } from '../components/Page';
import { useFormErrors } from '../components/useFormErrors';
import { locale, t, type MessageKey } from '../i18n';
import { StatusTag } from '../components/StatusTag';

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

interface Verification {
  intact: boolean;
  records: number;
  problems: unknown[];
}

interface Filters {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  outcome?: string;
}

const OUTCOME_COLOUR = { success: 'green', failure: 'orange', denied: 'red' } as const;
const PAGE_SIZE = 50;

/** The auditor's search of the audit log, and a check of its hash chain. */
export default function Audit() {
  const [form] = Form.useForm();
  const errors = useFormErrors(form, ['range', 'actor', 'action', 'outcome']);
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: AuditRow[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setLoading(true);
    errors.clear();
    try {
      const res = await api.get<{ total: number; items: AuditRow[] }>('/api/audit', { ...filters, page, pageSize: PAGE_SIZE });
      setData({ items: res.items, total: res.total });
    } catch (err) {
      // The date fields arrive as `from`/`to`; the form shows them on its one range field.
      errors.show(err);
    } finally {
      setLoading(false);
    }
  }, [filters, page]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { void load(); }, [load]);

  const search = (v: { range?: [Dayjs | null, Dayjs | null] | null; actor?: string; action?: string; outcome?: string }) => {
    setPage(1);
    setFilters({
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
              {verification.problems.map((p, i) => <li key={i}><Typography.Text code>{typeof p === 'string' ? p : JSON.stringify(p)}</Typography.Text></li>)}
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
          <Form.Item name="action" label={t('audit.action')}><Input allowClear placeholder="identity.login" /></Form.Item>
          <Form.Item name="outcome" label={t('audit.outcome')}>
            <Select allowClear style={{ width: 160 }} options={(['success', 'failure', 'denied'] as const).map((o) => ({ value: o, label: t(`outcome.${o}` as MessageKey) }))} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">{t('action.search')}</Button>
            <Button onClick={() => { form.resetFields(); search({}); }}>{t('action.reset')}</Button>
          </Space>
        </Form>
        <Table<AuditRow>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data.items}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('table.total', { n }) }}
          expandable={{ expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(r.details ?? {}, null, 2)}</pre>, rowExpandable: (r) => !!r.details && Object.keys(r.details as object).length > 0 }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => new Date(v).toLocaleString(locale) },
            { title: t('audit.actor'), dataIndex: 'actor_name', render: (v: string | null) => v ?? '—' },
            { title: t('field.org'), dataIndex: 'org_name', render: (v: string | null) => v ?? '—' },
            { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('audit.target'), key: 'target', render: (_: unknown, r) => (r.target_type ? `${r.target_type} ${r.target_id ?? ''}` : '—') },
            { title: t('audit.outcome'), dataIndex: 'outcome', render: (v: AuditRow['outcome']) => <StatusTag color={OUTCOME_COLOUR[v]}>{t(`outcome.${v}` as MessageKey)}</StatusTag> },
            { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </Page>
  );
}
