import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { PersonalDataCipher, loadDataKey } from './crypto/personal-data.js';
import { auditChainKey } from './audit/audit-chain.js';
import { AuditService } from './audit/audit.service.js';
import { SessionService } from './auth/session.service.js';
import { CalendarService } from './calendar/calendar.service.js';
import { NotifyService, notifySettings } from './notify/notify.service.js';
import { gatewaysFromConfig } from './notify/channels/index.js';
import { JobService } from './jobs/jobs.service.js';
import { FileService } from './files/files.service.js';
import { SearchService } from './search/search.service.js';
import { PasswordHasher } from './auth/password.js';
import { PublicCache } from './cache/public-cache.js';

/** The services every module receives. */
export interface Kernel {
  config: Config;
  db: Db;
  cipher: PersonalDataCipher;
  passwords: PasswordHasher;
  audit: AuditService;
  sessions: SessionService;
  calendar: CalendarService;
  notify: NotifyService;
  jobs: JobService;
  files: FileService;
  /** Chinese full-text search every module feeds (`index` in the transaction of the change) and queries. */
  search: SearchService;
  /** Seconds-long memory of published data only (never personal data, permissions or cases). */
  publicCache: PublicCache;
  /** Set by the portal module so that errors outside /api answer with an HTML page. */
  renderErrorPage?: (status: number, message: string, locale: 'zh-CN' | 'en') => string;
}

export function createKernel(config: Config, db: Db, dataKey?: Buffer): Kernel {
  const master = dataKey ?? loadDataKey(config.dataKeyHex, config.dataDir);
  const cipher = new PersonalDataCipher(master);
  const audit = new AuditService(db, config.auditShards, auditChainKey(master));
  const jobs = new JobService(db);
  return {
    config,
    db,
    cipher,
    passwords: new PasswordHasher(config),
    audit,
    sessions: new SessionService(db, config),
    calendar: new CalendarService(db),
    notify: new NotifyService(db, cipher, gatewaysFromConfig(config), { jobs, settings: notifySettings(config) }),
    jobs,
    files: FileService.onDisk(db, config.dataDir),
    search: new SearchService(db, audit),
    publicCache: new PublicCache(config.publicCacheTtlMs),
  };
}
