import { Suspense } from 'react';
import { Button, Result, Spin } from 'antd';
import { useSession } from './session/SessionContext';
import { SignIn } from './pages/SignIn';
import { Shell } from './Shell';
import { findPage } from './pages';
import { matchRoute, useRoute } from './router';
import { Forbidden, NotFoundPage } from './components/Forbidden';
import { t } from './i18n';

export function App() {
  const { session, loading, error, refresh, can } = useSession();
  const { path } = useRoute();

  if (loading) return <Spin fullscreen description={t('app.loading')} />;
  if (error) {
    return <Result status="error" title={t('app.unavailable')} subTitle={(error as Error).message} extra={<Button onClick={() => void refresh()}>{t('action.retry')}</Button>} />;
  }
  if (!session || session.stage !== 'full') return <SignIn stage={session?.stage ?? null} />;

  const page = findPage(path);
  let content;
  if (!page) content = <NotFoundPage />;
  else if (!can(page.permissions, page.atRoot)) content = <Forbidden />;
  else {
    const Component = page.component;
    content = <Component {...(matchRoute(page.path, path) ?? {})} />;
  }
  return (
    <Shell activePath={page?.menuPath ?? page?.path ?? ''}>
      <Suspense fallback={<Spin description={t('app.loading')} />}>{content}</Suspense>
    </Shell>
  );
}
