import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The content address of a blob: SM3 of its bytes, 64 lower-case hex characters. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

export function sm3Hex(data: Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

/**
 * Where file bytes live, addressed by their SM3 hash. Identical content is stored once. Nothing here knows
 * about uses, owners or permissions (the `files` table does): an S3-compatible store implements the same four
 * operations (PUT to a temporary key then copy to `<hash>`, or hash first and PUT with If-None-Match).
 */
export interface BlobStore {
  /** Stores the bytes (idempotent: storing known content again changes nothing) and returns their address. */
  put(data: Buffer | Readable): Promise<{ hash: string; size: number }>;
  /** The bytes of a stored blob; rejects with code 'ENOENT' when there is none. */
  get(hash: string): Promise<Readable>;
  exists(hash: string): Promise<boolean>;
  /** Removes the blob; removing a missing blob is not an error. */
  delete(hash: string): Promise<void>;
}

function checkHash(hash: string) {
  if (!HASH_PATTERN.test(hash)) throw Object.assign(new Error(`not a content hash: ${hash.slice(0, 80)}`), { code: 'EINVAL' });
}

/**
 * Blobs on local disk at `<root>/<first 2 hex>/<hash>`. Bytes are streamed to a temporary file in
 * `<root>/tmp` (same file system) while hashed, then renamed into place atomically: a reader never sees a
 * half-written blob, and a crash leaves only a temporary file behind.
 */
export class LocalDiskStore implements BlobStore {
  constructor(readonly root: string) {}

  pathOf(hash: string): string {
    checkHash(hash);
    return path.join(this.root, hash.slice(0, 2), hash);
  }

  async put(data: Buffer | Readable): Promise<{ hash: string; size: number }> {
    const tmpDir = path.join(this.root, 'tmp');
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${process.pid}-${crypto.randomBytes(8).toString('hex')}`);
    const hasher = crypto.createHash('sm3');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hasher.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      const source = Buffer.isBuffer(data) ? Readable.from([data]) : data;
      await pipeline(source, count, fs.createWriteStream(tmp, { flags: 'wx' }));
      const hash = hasher.digest('hex');
      const target = this.pathOf(hash);
      if (await this.exists(hash)) {
        await fsp.rm(tmp, { force: true });
      } else {
        await fsp.mkdir(path.dirname(target), { recursive: true });
        await fsp.rename(tmp, target);
      }
      return { hash, size };
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  async get(hash: string): Promise<Readable> {
    const file = this.pathOf(hash);
    const handle = await fsp.open(file, 'r'); // rejects with ENOENT now rather than on the first read
    return handle.createReadStream();
  }

  async exists(hash: string): Promise<boolean> {
    try {
      await fsp.access(this.pathOf(hash));
      return true;
    } catch {
      return false;
    }
  }

  async delete(hash: string): Promise<void> {
    await fsp.rm(this.pathOf(hash), { force: true });
  }
}
