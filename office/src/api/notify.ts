import { api } from './client';

/** Shapes of the notification service's API (src/kernel/notify, docs/modules/notify.md). */
export type Channel = 'sms' | 'email' | 'inapp';
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'failed';

export interface InboxItem {
  id: string;
  event: string;
  category: string;
  title: string;
  body: string;
  link: string | null;
  urgent: boolean;
  createdAt: string;
  readAt: string | null;
}

export interface Preferences {
  channels: { sms: { available: boolean; masked?: string }; email: { available: boolean; masked?: string } };
  categories: { category: string; label: string; description: string; sms: boolean; email: boolean; locked: boolean }[];
}

export interface OutboxItem {
  id: string;
  requestId: string | null;
  event: string;
  channel: Channel;
  recipientMasked: string;
  locale: string;
  subject: string | null;
  body: string;
  status: DeliveryStatus;
  urgent: boolean;
  gateway: string | null;
  providerId: string | null;
  attempts: number;
  error: string | null;
  deferredUntil: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

export interface OutboxDetail extends OutboxItem {
  history: { at: string; gateway: string; outcome: string; error: string | null }[];
  receipt?: { status: string; error?: string | null; at: string } | null;
}

export interface NotifyRequest {
  id: string;
  event: string;
  audience: string;
  createdAt: string;
  createdBy: string | null;
  recipients: number;
  queued: number;
  sent: number;
  delivered: number;
  failed: number;
  expanded: boolean;
}

/** Tells every listener (the header's unread badge) that the inbox changed. */
const inboxListeners = new Set<() => void>();
export function onInboxChange(l: () => void): () => void {
  inboxListeners.add(l);
  return () => inboxListeners.delete(l);
}
export function inboxChanged(): void {
  inboxListeners.forEach((l) => l());
}

export const notifyApi = {
  unread: () => api.get<{ unread: number }>('/api/notify/inbox/unread'),
  markRead: async (id: string) => { const r = await api.post<{ id: string; readAt: string }>(`/api/notify/inbox/${encodeURIComponent(id)}/read`); inboxChanged(); return r; },
  markAllRead: async () => { const r = await api.post<{ updated: number }>('/api/notify/inbox/read-all'); inboxChanged(); return r; },
  preferences: () => api.get<Preferences>('/api/notify/preferences'),
  savePreferences: (categories: { category: string; sms: boolean; email: boolean }[]) => api.put<Preferences>('/api/notify/preferences', { categories }),
  outboxDetail: (id: string) => api.get<OutboxDetail>(`/api/notify/outbox/${encodeURIComponent(id)}`),
  retry: (id: string) => api.post(`/api/notify/outbox/${encodeURIComponent(id)}/retry`),
  request: (id: string) => api.get<NotifyRequest>(`/api/notify/requests/${encodeURIComponent(id)}`),
  announce: (body: { audience: { role?: string; orgId?: string; region?: string }; title: string; body: string; urgent?: boolean }) =>
    api.post<{ requestId: string }>('/api/notify/announcements', body),
};
