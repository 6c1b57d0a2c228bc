import { useCallback, useEffect, useState } from 'react';
import { Badge } from 'antd';
import { notifyApi, onInboxChange } from '../api/notify';
import { appLink } from '../router';
import { t } from '../i18n';

const POLL_MS = 30_000;

/** The header's link to the inbox with the number of unread messages, kept current while the app is open. */
export function UnreadBadge() {
  const [unread, setUnread] = useState(0);
  const refresh = useCallback(() => { notifyApi.unread().then((r) => setUnread(r.unread), () => undefined); }, []);
  useEffect(() => {
    refresh();
    const timer = window.setInterval(() => { if (document.visibilityState === 'visible') refresh(); }, POLL_MS);
    window.addEventListener('focus', refresh);
    const off = onInboxChange(refresh);
    return () => { window.clearInterval(timer); window.removeEventListener('focus', refresh); off(); };
  }, [refresh]);
  const label = unread ? t('inbox.unreadLink', { n: unread }) : t('menu.inbox');
  return (
    <a {...appLink('/messages')} aria-label={label} data-testid="unread-badge" style={{ color: '#fff' }}>
      <Badge count={unread} overflowCount={99} size="small" offset={[6, -2]} color="#fff" style={{ color: '#8c1c21', boxShadow: 'none' }}>
        <span style={{ color: '#fff' }}>{t('menu.inbox')}</span>
      </Badge>
    </a>
  );
}
