import crypto from 'node:crypto';

/** SM3 digest (GB/T 32905) as hex. */
export function sm3(data: string | Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

/** Keyed SM3 (HMAC-SM3) as hex. */
export function hmacSm3(key: Buffer, data: string | Buffer): string {
  return crypto.createHmac('sm3', key).update(data).digest('hex');
}

/** A 16-byte sub-key of `master` for one purpose, so that one secret never serves two algorithms. */
export function deriveKey(master: Buffer, label: string): Buffer {
  return crypto.createHmac('sm3', master).update(label).digest().subarray(0, 16);
}

/** A random URL-safe token. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
