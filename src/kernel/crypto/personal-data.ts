import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hmacSm3 } from './sm.js';

/**
 * Protects personal information at rest with the national algorithms: SM4-CBC for confidentiality,
 * HMAC-SM3 over iv and ciphertext for integrity (encrypt-then-MAC), and a keyed SM3 digest to find
 * and de-duplicate values (phone, ID number) without decrypting them.
 */
export class PersonalDataCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 16) throw new Error('the personal-data key must be 16 bytes (32 hex characters)');
    const derive = (label: string) => crypto.createHmac('sm3', masterKey).update(label).digest().subarray(0, 16);
    this.encKey = derive('zhengwu/sm4');
    this.macKey = derive('zhengwu/mac');
    this.lookupKey = derive('zhengwu/lookup');
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('sm4-cbc', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = hmacSm3(this.macKey, Buffer.concat([iv, body]));
    return `v1.${iv.toString('base64url')}.${body.toString('base64url')}.${mac}`;
  }

  decrypt(sealed: string): string {
    const parts = sealed.split('.');
    const [version, ivText, bodyText, mac] = parts;
    if (parts.length !== 4 || version !== 'v1' || !ivText || !bodyText || !mac) throw new Error('not a sealed value');
    const iv = Buffer.from(ivText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    const expected = hmacSm3(this.macKey, Buffer.concat([iv, body]));
    if (mac.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) throw new Error('sealed value was altered');
    const decipher = crypto.createDecipheriv('sm4-cbc', this.encKey, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  /**
   * Deterministic keyed digest for lookups and unique indexes. The value is normalised first: full-width
   * characters as typed by Chinese input methods (１３８…), spaces inside (138 1234 5678) and the case of
   * an ID number's X must not make one person's number look like another's.
   */
  lookupHash(value: string): string {
    return hmacSm3(this.lookupKey, value.normalize('NFKC').replace(/\s+/g, '').toUpperCase());
  }
}

/**
 * The key comes from ZHENGWU_DATA_KEY; on a development machine without it, one is generated once
 * into DATA_DIR/keys so that the embedded database stays readable across restarts.
 */
export function loadDataKey(hex: string, dataDir: string): Buffer {
  if (hex) {
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error('ZHENGWU_DATA_KEY must be 32 hexadecimal characters');
    return Buffer.from(hex, 'hex');
  }
  const file = path.join(dataDir, 'keys', 'data.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(16);
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}
