import path from 'node:path';

/** Everything the platform reads from the environment, in one place (documented in README). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  publicUrl: string;
  demoPassword: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  staffRequireTotp: boolean;
  /** argon2id cost; tests lower it, production keeps the OWASP defaults. */
  argon2MemoryKiB: number;
  argon2Iterations: number;
  /** SM4 key (32 hex chars) protecting personal data at rest. */
  dataKeyHex: string;
  cookieSecure: boolean;
  logLevel: string;
  auditShards: number;
  /** How long published data (public department list) may be served from a process's memory. */
  publicCacheTtlMs: number;
  /** Whether X-Forwarded-For names the client (only behind a proxy that sets it); the audit records the client address. */
  trustProxy: boolean;
  /** Notifications (src/kernel/notify): per-minute channel budgets shared by every process (0 = no limit). */
  notifySmsPerMinute: number;
  notifyEmailPerMinute: number;
  /** Non-urgent SMS to one number per hour (no SMS bombing; 0 = no limit). */
  notifySmsPerPhoneHour: number;
  /** 'HH:MM-HH:MM' in China Standard Time when non-urgent SMS wait; '' for none. */
  notifyQuietHours: string;
  /** Delivery attempts per message before it is failed, and the first retry delay (doubling, at most an hour). */
  notifyMaxAttempts: number;
  notifyRetryBaseMs: number;
  /** Delivery channels (src/kernel/notify/channels): email over SMTP when smtpUrl is set, else the development gateway. */
  smtpUrl?: string;
  smtpFrom: string;
  smtpPoolSize: number;
  smtpTimeoutMs: number;
  /** SMS provider: 'aliyun' (Dysmsapi SendSms) or 'dev' (records messages, sends nothing). */
  smsProvider: string;
  aliyunSmsEndpoint: string;
  aliyunSmsRegion: string;
  aliyunAccessKeyId?: string;
  aliyunAccessKeySecret?: string;
  aliyunSmsSignName?: string;
  /** Message template key → Aliyun TemplateCode, from ALIYUN_SMS_TEMPLATES (JSON). */
  aliyunSmsTemplates: Record<string, string>;
  smsTimeoutMs: number;
  /** Secret path segment of the provider callback URLs; unset, the callback routes answer 404. */
  smsCallbackToken?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const int = (name: string, dflt: number) => {
    const v = env[name];
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got "${v}"`);
    return n;
  };
  const dataDir = path.resolve(env.DATA_DIR || './data');
  return {
    port: int('PORT', 3000),
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl: env.PUBLIC_URL || `http://localhost:${int('PORT', 3000)}`,
    demoPassword: env.ZHENGWU_DEMO_PASSWORD || 'Zhengwu@2026',
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', 12),
    lockoutThreshold: int('LOCKOUT_THRESHOLD', 5),
    lockoutMinutes: int('LOCKOUT_MINUTES', 30),
    staffRequireTotp: (env.STAFF_REQUIRE_TOTP ?? 'true') !== 'false',
    argon2MemoryKiB: int('ARGON2_MEMORY_KIB', 19456),
    argon2Iterations: int('ARGON2_ITERATIONS', 2),
    dataKeyHex: env.ZHENGWU_DATA_KEY || '',
    cookieSecure: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    auditShards: int('AUDIT_SHARDS', 16),
    publicCacheTtlMs: int('PUBLIC_CACHE_TTL_MS', 5000),
    trustProxy: env.TRUST_PROXY === 'true',
    notifySmsPerMinute: int('NOTIFY_SMS_PER_MINUTE', 300),
    notifyEmailPerMinute: int('NOTIFY_EMAIL_PER_MINUTE', 600),
    notifySmsPerPhoneHour: int('NOTIFY_SMS_PER_PHONE_HOUR', 10),
    notifyQuietHours: quietHours(env.NOTIFY_QUIET_HOURS ?? '22:00-08:00'),
    notifyMaxAttempts: Math.max(1, int('NOTIFY_MAX_ATTEMPTS', 5)),
    notifyRetryBaseMs: int('NOTIFY_RETRY_BASE_MS', 30_000),
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || '示例市政务服务 <noreply@localhost>',
    smtpPoolSize: int('SMTP_POOL_SIZE', 5),
    smtpTimeoutMs: int('SMTP_TIMEOUT_MS', 30_000),
    smsProvider: env.SMS_PROVIDER || 'dev',
    aliyunSmsEndpoint: env.ALIYUN_SMS_ENDPOINT || 'https://dysmsapi.aliyuncs.com',
    aliyunSmsRegion: env.ALIYUN_SMS_REGION || 'cn-hangzhou',
    aliyunAccessKeyId: env.ALIYUN_ACCESS_KEY_ID || undefined,
    aliyunAccessKeySecret: env.ALIYUN_ACCESS_KEY_SECRET || undefined,
    aliyunSmsSignName: env.ALIYUN_SMS_SIGN_NAME || undefined,
    aliyunSmsTemplates: jsonObject('ALIYUN_SMS_TEMPLATES', env.ALIYUN_SMS_TEMPLATES),
    smsTimeoutMs: int('SMS_TIMEOUT_MS', 10_000),
    smsCallbackToken: env.SMS_CALLBACK_TOKEN || undefined,
  };
}

/** A JSON object of strings, e.g. ALIYUN_SMS_TEMPLATES='{"identity.smsCode":"SMS_123456789"}'. */
function jsonObject(name: string, v: string | undefined): Record<string, string> {
  if (v === undefined || v.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    throw new Error(`${name} must be a JSON object such as {"identity.smsCode":"SMS_123456789"}, got "${v}"`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((x) => typeof x !== 'string' || x === '')) {
    throw new Error(`${name} must be a JSON object of non-empty strings such as {"identity.smsCode":"SMS_123456789"}`);
  }
  return parsed as Record<string, string>;
}

/** NOTIFY_QUIET_HOURS: 'HH:MM-HH:MM' (China Standard Time), or empty for none. */
function quietHours(v: string): string {
  const spec = v.trim();
  if (spec === '' || /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(spec)) return spec;
  throw new Error(`NOTIFY_QUIET_HOURS must look like 22:00-08:00 (China Standard Time) or be empty, got "${v}"`);
}
