import type { Config } from '../config.js';
import { randomToken, sm3 } from '../crypto/sm.js';
import type { Db, Queryable } from '../db/db.js';
import type { Actor } from './actor.js';
import { sessionRepository } from './session.repository.js';

export const SESSION_COOKIE = 'zw_session';
// Writing last_seen_at on every request would make every read a write; a minute's precision is enough for an idle timeout.
const TOUCH_AFTER_MS = 60_000;

export interface ResolvedSession {
  actor: Actor;
  stage: 'full' | 'mfa' | 'enrol';
}

/** Sessions live in the database, so any number of server processes share them. */
export class SessionService {
  constructor(private readonly db: Db, private readonly config: Config) {}

  /** Starts a session and returns the token for the cookie (only its digest is stored). */
  async create(q: Queryable, accountId: string, stage: 'full' | 'mfa' | 'enrol', meta: { ip?: string; userAgent?: string }): Promise<string> {
    const token = randomToken();
    const expiresAt = new Date(Date.now() + this.config.sessionAbsoluteHours * 3600_000);
    await sessionRepository.insert(q, { id: sm3(token), accountId, stage, expiresAt, ...meta });
    return token;
  }

  async resolve(token: string | undefined): Promise<ResolvedSession | null> {
    if (!token || token.length > 200) return null;
    const id = sm3(token);
    const row = await sessionRepository.find(this.db, id);
    if (!row) return null;
    const now = Date.now();
    const idleLimit = this.config.sessionIdleMinutes * 60_000;
    if (row.status !== 'active' || row.expires_at.getTime() <= now || now - row.last_seen_at.getTime() > idleLimit) {
      await sessionRepository.delete(this.db, id);
      return null;
    }
    if (now - row.last_seen_at.getTime() > TOUCH_AFTER_MS) await sessionRepository.touch(this.db, id);
    const grants = row.stage === 'full' ? await sessionRepository.grantsOf(this.db, row.account_id) : [];
    return {
      stage: row.stage,
      actor: {
        accountId: row.account_id, kind: row.kind, username: row.username, displayName: row.display_name,
        orgId: row.org_id, orgPath: row.org_path, grants, sessionId: id,
      },
    };
  }

  async setStage(q: Queryable, sessionId: string, stage: 'full' | 'mfa' | 'enrol') {
    await sessionRepository.setStage(q, sessionId, stage);
  }

  async end(q: Queryable, sessionId: string) {
    await sessionRepository.delete(q, sessionId);
  }

  async endAllFor(q: Queryable, accountId: string) {
    await sessionRepository.deleteForAccount(q, accountId);
  }

  async purgeExpired() {
    await sessionRepository.deleteExpired(this.db, new Date(Date.now() - this.config.sessionIdleMinutes * 60_000));
  }
}
