import { Type } from '@sinclair/typebox';

/**
 * Request shapes of the identity API. They check types and sizes; the services check meaning (check
 * digits, duplicates, password policy) with messages a person understands.
 */
const text = (max: number, extra: Record<string, unknown> = {}) => Type.String({ maxLength: max, ...extra });
const required = (max: number, extra: Record<string, unknown> = {}) => Type.String({ minLength: 1, maxLength: max, ...extra });
const closed = { additionalProperties: false } as const;

export const SmsCodeBody = Type.Object({
  phone: required(20, { 'x-message': 'identity.phone.format' }),
  purpose: Type.Union([Type.Literal('register'), Type.Literal('login'), Type.Literal('resetPassword'), Type.Literal('changePhone')]),
}, closed);

export const PasswordResetBody = Type.Object({
  phone: required(20),
  smsCode: required(6, { 'x-message': 'identity.smsCode.format' }),
  password: required(128),
  kind: Type.Optional(Type.Union([Type.Literal('citizen'), Type.Literal('enterprise')])),
}, closed);

export const CitizenBody = Type.Object({
  name: required(50),
  idNumber: required(30),
  phone: required(20),
  smsCode: required(6, { 'x-message': 'identity.smsCode.format' }),
  password: required(128),
  email: Type.Optional(text(254)),
}, closed);

export const EnterpriseBody = Type.Object({
  enterpriseName: required(100),
  creditCode: required(30),
  legalRepresentative: required(50),
  contactName: required(50),
  phone: required(20),
  smsCode: required(6, { 'x-message': 'identity.smsCode.format' }),
  password: required(128),
  username: Type.Optional(text(32)),
}, closed);

export const LoginBody = Type.Object({ username: required(100), password: required(200) }, closed);
export const CodeBody = Type.Object({ code: required(10, { 'x-message': 'identity.totp.format' }) }, closed);
export const PasswordBody = Type.Object({ currentPassword: required(200), newPassword: required(128) }, closed);
export const AccountPatch = Type.Object({ email: Type.Optional(text(254)), address: Type.Optional(text(200)), contactName: Type.Optional(text(50)) }, closed);
export const AgentBody = Type.Object({ name: required(50), idNumber: required(30), phone: required(20), scopeNote: Type.Optional(text(200)) }, closed);
export const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
/** A new password for the account, and/or `totp: true` to unbind its authenticator. */
export const ResetBody = Type.Object({ password: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })), totp: Type.Optional(Type.Boolean()) }, closed);
export const AccountsQuery = Type.Object({
  q: Type.Optional(text(100)),
  kind: Type.Optional(Type.Union([Type.Literal('staff'), Type.Literal('citizen'), Type.Literal('enterprise')])),
  locked: Type.Optional(Type.Boolean()),
  page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
}, closed);

const AccountSummary = Type.Object({
  id: Type.String(), kind: Type.String(), username: Type.String(), displayName: Type.String(),
});
export const SignInReply = Type.Object({ stage: Type.Union([Type.Literal('full'), Type.Literal('mfa'), Type.Literal('enrol')]), account: AccountSummary });
