import { useState } from 'react';
import { Alert, Button, Card, Form, Radio, Space, Table, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { api, ApiError } from '../../api/client';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOrgTree } from '../../api/directory';
import { useSession } from '../../session/SessionContext';
import { P } from '../../permissions';
import { t } from '../../i18n';

type Kind = 'orgs' | 'staff';

interface ImportResult {
  imported: number;
  errors: { row: number; field: string; message: string }[];
}

/** Upload a CSV or Excel file of organisations or staff; every row is checked and the errors listed by row. */
export default function Import() {
  const { can } = useSession();
  // Organisations and staff are imported under their own permissions: offer only what the user may import.
  const kinds = (['orgs', 'staff'] as Kind[]).filter((k) => can([k === 'orgs' ? P.orgManage : P.staffManage]));
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'orgs');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { reload } = useOrgTree();

  const submit = async () => {
    const file = files[0]?.originFileObj;
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const res = await api.upload<ImportResult>(`/api/directory/import/${kind}`, form);
      setResult({ imported: res.imported ?? 0, errors: res.errors ?? [] });
      if (kind === 'orgs' && res.imported) void reload();
    } catch (err) {
      // When no row could be imported the answer is a 400 that still carries the row-by-row report.
      const report = err instanceof ApiError ? (err.body as Partial<ImportResult> | undefined) : undefined;
      if (report && Array.isArray(report.errors) && report.errors.length) setResult({ imported: report.imported ?? 0, errors: report.errors });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('menu.import')}>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" onFinish={submit}>
          <Form.Item label={t('import.kind')}>
            <Radio.Group value={kind} onChange={(e) => { setKind(e.target.value); setResult(null); }} optionType="button" options={kinds.map((k) => ({ value: k, label: t(k === 'orgs' ? 'import.orgs' : 'import.staff') }))} />
          </Form.Item>
          <Form.Item label={t('import.templates')}>
            <Space wrap>
              <Typography.Link href={`/api/directory/import/templates/${kind}`} download>{t('import.templateCsv')}</Typography.Link>
            </Space>
          </Form.Item>
          <Form.Item label={t('import.file')} extra={t('import.fileHelp')} required>
            <Upload
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => { setFiles(fileList.slice(-1)); setResult(null); }}
            >
              <Button>{t('import.choose')}</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={files.length === 0}>{t('import.submit')}</Button>
        </Form>
      </Card>
      <ErrorAlert error={error} />
      {result && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('import.result')}</h2>}>
          <Alert
            role="status"
            style={{ marginBottom: 16 }}
            type={result.errors.length ? (result.imported ? 'warning' : 'error') : 'success'}
            showIcon
            title={t('import.summary', { imported: result.imported, errors: result.errors.length })}
          />
          {result.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.row}/${r.field}/${r.message}`}
              dataSource={result.errors}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 80 },
                { title: t('import.field'), dataIndex: 'field', width: 160 },
                { title: t('import.message'), dataIndex: 'message' },
              ]}
            />
          )}
        </Card>
      )}
    </Page>
  );
}
