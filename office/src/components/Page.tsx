import { useEffect, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { t } from '../i18n';

/** A page's heading; it also names the browser tab, so that screen-reader users hear where they are. */
export function Page({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title]);
  return (
    <section aria-labelledby="page-title">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={1} id="page-title" style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </section>
  );
}
