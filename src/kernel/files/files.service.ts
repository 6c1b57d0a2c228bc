import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Db, Queryable } from '../db/db.js';
import type { Actor } from '../auth/actor.js';
import { AppError, fieldError } from '../http/errors.js';
import { detectType, type KnownType } from './detect.js';
import { LocalDiskStore, sm3Hex, type BlobStore } from './storage.js';
import { filesRepository, type FileRecord } from './files.repository.js';

export type { FileRecord } from './files.repository.js';

/** What one kind of upload may be, and who may read it once a record owns it. */
export interface FileUse {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Accepted types, as detected from the content (see detect.ts). */
  types: KnownType[];
  /** Personal data (an ID card scan, a letter's attachment): every read is audited. */
  personal: boolean;
  /**
   * Whether `actor` may read a file owned by `ownerRef` (e.g. 'letter:<id>'): the owning record's own
   * rule, checked on every download. Until a record owns the file only its uploader may read it.
   */
  canRead: (actor: Actor, ownerRef: string, file: FileRecord) => Promise<boolean> | boolean;
  /** Who may upload for this use (default: any signed-in account). */
  canUpload?: (actor: Actor) => boolean;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
const USE_NAME = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/;
/** Two-key advisory lock namespace for "this content hash": an upload and the collector never cross. */
const LOCK_NAMESPACE = 0x2f11e5;

const TYPE_LABELS: Record<KnownType, string> = {
  'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/gif': 'GIF', 'image/webp': 'WebP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
  'text/plain': 'TXT', 'text/csv': 'CSV',
};

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

/** A file name fit to keep and to send back: no path, no control characters, at most 200 characters. */
export function cleanName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return clean || 'file';
}

function tooLarge(use: FileUse): AppError {
  return new AppError(413, 'TOO_LARGE', 'files.tooLarge', [{ field: 'file', key: 'files.file.tooLarge', params: { limit: formatBytes(use.maxBytes) } }]);
}

/** 32-bit key of a content hash for pg_advisory_xact_lock(namespace, key). */
function hashKey(hash: string): number {
  return Number.parseInt(hash.slice(0, 8), 16) | 0;
}

/**
 * Uploaded files: per-use policies, content-type checks, content-addressed storage, references from
 * records and the clean-up of files nothing refers to. See docs/modules/files.md.
 */
export class FileService {
  private readonly uses = new Map<string, FileUse>();

  constructor(private readonly db: Db, readonly store: BlobStore) {}

  /** The service over local disk at `<dataDir>/files`. */
  static onDisk(db: Db, dataDir: string): FileService {
    return new FileService(db, new LocalDiskStore(path.join(dataDir, 'files')));
  }

  /** Declares a use ('module.thing', e.g. 'identity.avatar'). Uploads name their use; an unknown use is refused. */
  defineUse(name: string, use: FileUse): void {
    if (!USE_NAME.test(name)) throw new Error(`file use "${name}" should look like "module.thing"`);
    if (this.uses.has(name)) throw new Error(`file use "${name}" is already defined`);
    if (!(use.maxBytes > 0) || use.types.length === 0) throw new Error(`file use "${name}" needs maxBytes and types`);
    this.uses.set(name, use);
  }

  useOf(name: string): FileUse | undefined {
    return this.uses.get(name);
  }

  /** Checks size and detected type against the use; returns the detected type. Throws field errors on `file`. */
  check(useName: string, data: Buffer, name: string): KnownType {
    const use = this.uses.get(useName);
    if (!use) throw fieldError('use', 'files.use.unknown');
    if (data.length > use.maxBytes) throw tooLarge(use);
    if (data.length === 0) throw fieldError('file', 'files.file.empty');
    const type = detectType(data, name);
    if (!type || !use.types.includes(type)) {
      throw fieldError('file', 'files.file.type', { types: use.types.map((t) => TYPE_LABELS[t]).join('、') });
    }
    return type;
  }

  /** The error for an upload that went over the use's limit while streaming. */
  tooLarge(useName: string): AppError {
    const use = this.uses.get(useName);
    return use ? tooLarge(use) : fieldError('use', 'files.use.unknown');
  }

  /**
   * Stores a file for `use` inside the caller's transaction (with its audit record), after checking size and
   * type. The new row is unreferenced until a record `attach`es it (or pass `ownerRef` here).
   */
  async save(q: Queryable, input: { use: string; data: Buffer; name: string; uploadedBy?: string | null; orgId?: string | null; ownerRef?: string | null }): Promise<FileRecord> {
    const type = this.check(input.use, input.data, cleanName(input.name));
    const use = this.uses.get(input.use)!;
    const hash = sm3Hex(input.data);
    // The collector takes the same lock before removing a blob: the blob cannot vanish under this new row.
    await q.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [LOCK_NAMESPACE, hashKey(hash)]);
    const stored = await this.store.put(input.data);
    if (stored.hash !== hash) throw new Error('blob store returned a different hash');
    return filesRepository.insert(q, {
      hash, size: input.data.length, type, name: cleanName(input.name), use: input.use, ownerRef: input.ownerRef ?? null,
      orgId: input.orgId ?? null, uploadedBy: input.uploadedBy ?? null, personal: use.personal,
    });
  }

  async find(q: Queryable, id: string): Promise<FileRecord | undefined> {
    return filesRepository.find(q, id);
  }

  /** Files a record owns. */
  async filesOf(q: Queryable, ownerRef: string): Promise<FileRecord[]> {
    return filesRepository.byOwner(q, ownerRef);
  }

  /**
   * Whether `actor` may read the file: its use's `canRead` for the owning record, or, for an upload no record
   * owns yet, only its uploader. A file of an undefined use is readable by no one.
   */
  async mayRead(actor: Actor, file: FileRecord): Promise<boolean> {
    const use = this.uses.get(file.use);
    if (!use) return false;
    if (file.ownerRef === null) return file.uploadedBy === actor.accountId;
    return use.canRead(actor, file.ownerRef, file);
  }

  /** The bytes of a file. */
  open(file: FileRecord): Promise<Readable> {
    return this.store.get(file.hash);
  }

  /**
   * Makes `ownerRef` (e.g. 'letter:<id>') own the file, in the transaction of the record's change. With `by`,
   * only that account's own uploads can be attached (so nobody attaches another person's upload to read it);
   * with `use`, only uploads of that use. Attaching a file another record owns is a field error on `field`.
   */
  async attach(q: Queryable, fileId: string, ownerRef: string, opts: { by?: string | null; use?: string; field?: string } = {}): Promise<FileRecord> {
    const row = await filesRepository.attach(q, fileId, ownerRef, opts.by ?? null, opts.use ?? null);
    if (!row) throw fieldError(opts.field ?? 'fileId', 'files.attach.unavailable');
    return row;
  }

  /** The record no longer refers to the file: it becomes unreferenced and is collected after the grace period. */
  async detach(q: Queryable, fileId: string, ownerRef: string): Promise<boolean> {
    return filesRepository.detach(q, fileId, ownerRef);
  }

  /** Detaches every file of a record (the record is deleted). */
  async detachAll(q: Queryable, ownerRef: string): Promise<number> {
    return filesRepository.detachAll(q, ownerRef);
  }

  /**
   * Removes files no record has referred to for `olderThanMs` (default one day), and each blob no remaining
   * row shares. Safe to run in several processes at once and next to uploads. Meant for the job queue.
   */
  async collectGarbage(olderThanMs: number = DAY_MS): Promise<{ files: number; blobs: number }> {
    let files = 0;
    let blobs = 0;
    for (;;) {
      const hashes = await filesRepository.deleteUnreferenced(this.db, Math.max(0, Math.floor(olderThanMs / 1000)), 500);
      files += hashes.length;
      for (const hash of new Set(hashes)) {
        const removed = await this.db.tx(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [LOCK_NAMESPACE, hashKey(hash)]);
          if (await filesRepository.hashInUse(tx, hash)) return false;
          await this.store.delete(hash);
          return true;
        });
        if (removed) blobs++;
      }
      if (hashes.length < 500) break;
    }
    return { files, blobs };
  }
}
