// `npm run bench`: every benchmark measures its baseline in the same run and prints ratios; nothing here fails on a time.
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
const only = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
for (const f of files) {
  console.log(`\n### ${f.replace('.bench.ts', '')}`);
  const mod = await import(pathToFileURL(path.join(dir, f)).href);
  await mod.default();
}
