import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Empty, Space } from 'antd';
import { api } from '../api/client';
import { Page } from '../components/Page';
import { ErrorAlert } from '../components/ErrorAlert';
import { FilePreview, fileUrl } from '../components/FilePreview';
import { locale, t } from '../i18n';

interface FileInfo {
  id: string;
  name: string;
  type: string;
  size: number;
  use: string;
  createdAt: string;
  previewable: 'image' | 'pdf' | null;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * One attachment of a record: what it is, a preview of images and PDFs, and the download. Any page that lists a
 * record's files links here (`/files/<id>`); the server decides, by the owning record's rule, whether the reader may see it.
 */
export default function FileView({ id }: { id: string }) {
  const [info, setInfo] = useState<FileInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setInfo(null);
    api.get<FileInfo>(`/api/files/${encodeURIComponent(id)}/info`).then(setInfo, setError);
  }, [id]);

  const back = <Button onClick={() => window.history.back()}>{t('action.back')}</Button>;
  return (
    <Page title={info ? info.name : t('menu.file')} extra={back}>
      <ErrorAlert error={error} />
      {info && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
              { key: 'name', label: t('files.name'), children: info.name },
              { key: 'type', label: t('files.type'), children: info.type },
              { key: 'size', label: t('files.size'), children: formatBytes(info.size) },
              { key: 'createdAt', label: t('files.uploadedAt'), children: new Date(info.createdAt).toLocaleString(locale) },
            ]} />
            <Button type="primary" href={fileUrl(info.id)} download={info.name} style={{ marginTop: 12 }}>{t('files.download')}</Button>
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('files.preview')}</h2>}>
            {info.previewable
              ? <FilePreview id={info.id} kind={info.previewable} name={info.name} />
              : <Empty description={t('files.noPreview')} />}
          </Card>
        </Space>
      )}
    </Page>
  );
}
