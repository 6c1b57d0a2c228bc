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
  };
}
