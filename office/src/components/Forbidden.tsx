import { Result } from 'antd';
import { t } from '../i18n';
import { Page } from './Page';

export function Forbidden() {
  return (
    <Page title={t('forbidden.title')}>
      <Result status="403" title="403" subTitle={t('forbidden.text')} />
    </Page>
  );
}

export function NotFoundPage() {
  return (
    <Page title={t('notFound.title')}>
      <Result status="404" title="404" subTitle={t('notFound.text')} />
    </Page>
  );
}
