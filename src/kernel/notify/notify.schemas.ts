import { Type } from '@sinclair/typebox';

const closed = { additionalProperties: false } as const;
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, closed);
const Page = Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }));

export const InboxQuery = Type.Object({
  unread: Type.Optional(Type.Boolean()),
  page: Page,
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, closed);

const InboxItem = Type.Object({
  id: Type.String(), event: Nullable(Type.String()), category: Nullable(Type.String()), title: Type.String(), body: Type.String(),
  link: Nullable(Type.String()), urgent: Type.Boolean(), createdAt: Type.String(), readAt: Nullable(Type.String()),
});
export const InboxPage = Type.Object({ total: Type.Integer(), unread: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(InboxItem) });

const ChannelInfo = Type.Object({ available: Type.Boolean(), masked: Type.Optional(Type.String()) });
export const PreferencesView = Type.Object({
  channels: Type.Object({ sms: ChannelInfo, email: ChannelInfo }),
  categories: Type.Array(Type.Object({
    category: Type.String(), label: Type.String(), description: Type.String(), sms: Type.Boolean(), email: Type.Boolean(), locked: Type.Boolean(),
  })),
});
export const PreferencesBody = Type.Object({
  categories: Type.Array(Type.Object({
    category: Type.String({ minLength: 1, maxLength: 50 }), sms: Type.Boolean(), email: Type.Boolean(),
  }, closed), { maxItems: 50 }),
}, closed);

const Channel = Type.Union([Type.Literal('sms'), Type.Literal('email'), Type.Literal('inapp')]);
const Status = Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('delivered'), Type.Literal('failed')]);
const DateString = Type.String({ format: 'date', 'x-message': 'validation.date' });

export const OutboxQuery = Type.Object({
  channel: Type.Optional(Channel),
  status: Type.Optional(Status),
  event: Type.Optional(Type.String({ maxLength: 100 })),
  recipient: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  requestId: Type.Optional(Type.String({ format: 'uuid' })),
  page: Page,
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, closed);

export const RequestsQuery = Type.Object({ page: Page, pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, closed);

export const AnnouncementBody = Type.Object({
  audience: Type.Object({
    role: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    orgId: Type.Optional(Type.String({ format: 'uuid' })),
    region: Type.Optional(Type.String({ pattern: '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$', 'x-message': 'notify.announcement.region' })),
  }, closed),
  title: Type.String({ minLength: 1, maxLength: 100 }),
  body: Type.String({ minLength: 1, maxLength: 2000 }),
  urgent: Type.Optional(Type.Boolean()),
}, closed);
