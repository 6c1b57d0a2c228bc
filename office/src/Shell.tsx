import { type ReactNode } from 'react';
import { Button, Flex, Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useSession } from './session/SessionContext';
import { pages } from './pages';
import { appLink, navigate } from './router';
import { t, type MessageKey } from './i18n';
import { LanguageSwitch } from './components/LanguageSwitch';
import { UnreadBadge } from './components/UnreadBadge';

const GROUPS: { key: NonNullable<(typeof pages)[number]['group']>; label: MessageKey }[] = [
  { key: 'home', label: 'menu.group.home' },
  { key: 'directory', label: 'menu.group.directory' },
  { key: 'security', label: 'menu.group.security' },
  { key: 'supervise', label: 'menu.group.supervise' },
  { key: 'platform', label: 'menu.group.platform' },
];

/** The signed-in frame: a menu of the pages this user may use, who is signed in, sign-out. */
export function Shell({ activePath, children }: { activePath: string; children: ReactNode }) {
  const { session, can, signOut } = useSession();
  const items: MenuProps['items'] = GROUPS.map((g) => {
    const children = pages
      .filter((p) => p.group === g.key && can(p.permissions, p.atRoot))
      .map((p) => ({
        key: p.path,
        // A real link: opens in a new tab and is announced as a link; a plain click stays in the app.
        label: (
          <a {...appLink(p.path)}>
            {t(p.title)}
          </a>
        ),
      }));
    return children.length ? { type: 'group' as const, key: g.key, label: t(g.label), children } : null;
  }).filter(Boolean);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#8c1c21', paddingInline: 24 }}>
        <Flex justify="space-between" align="center" style={{ height: '100%' }} gap={16}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>{t('app.name')}</Typography.Text>
          <Flex align="center" gap={12}>
            <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
              {session?.account.displayName}（{session?.account.username}）
            </Typography.Text>
            <UnreadBadge />
            <LanguageSwitch />
            <Button size="small" onClick={() => void signOut().then(() => navigate('/', true))}>{t('action.signOut')}</Button>
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout hasSider>
        <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={0} style={{ flexShrink: 0 }}>
          <nav aria-label={t('app.menu')}>
            <Menu mode="inline" selectedKeys={[activePath]} items={items} style={{ borderInlineEnd: 0 }} />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
