import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The portal's static files (CSS, images), served at /static/ by the portal module. */
export const STATIC_DIR = fileURLToPath(new URL('../../../static/', import.meta.url));

const versions = new Map<string, string>();

/**
 * The address of a static file with a digest of its content: the server lets browsers cache /static/
 * for a year, so a changed file must change its address.
 */
export function assetHref(file: string): string {
  let v = versions.get(file);
  if (v === undefined) {
    try {
      v = crypto.createHash('sha256').update(fs.readFileSync(STATIC_DIR + file)).digest('hex').slice(0, 12);
    } catch {
      v = '';
    }
    versions.set(file, v);
  }
  return v ? `/static/${file}?v=${v}` : `/static/${file}`;
}
