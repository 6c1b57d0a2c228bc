#!/usr/bin/env node
// Builds the office app (office/, React + Ant Design) into dist/office/, which the platform serves at
// /office/. `npm start` and `npm test` call this every time, so it skips the build when
// dist/office/index.html is newer than every file of the office project.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const source = path.join(root, 'office');
const output = path.join(root, 'dist', 'office', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    const m = entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

const force = process.argv.includes('--force');
if (!force && fs.existsSync(output) && fs.statSync(output).mtimeMs > newestMtime(source)) {
  console.log('office app: dist/office is up to date');
  process.exit(0);
}

const started = Date.now();
const { build } = await import('vite');
try {
  await build({ configFile: path.join(source, 'vite.config.ts'), logLevel: 'warn' });
} catch (err) {
  console.error('office app: build failed');
  console.error(err);
  process.exit(1);
}
// The PDF previewer (pdf.js) reads character maps (Chinese fonts in PDFs need them) and the standard fonts from
// the app's own origin: copied from the installed package at build time, never committed.
for (const dir of ['cmaps', 'standard_fonts']) {
  fs.cpSync(path.join(root, 'node_modules', 'pdfjs-dist', dir), path.join(root, 'dist', 'office', 'pdfjs', dir), { recursive: true });
}
// The platform's CSP allows no inline script: fail the build rather than ship a blank page.
const index = fs.readFileSync(output, 'utf8');
if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(index)) {
  console.error('office app: dist/office/index.html contains an inline <script>, which the CSP forbids');
  process.exit(1);
}
console.log(`office app: built into dist/office in ${((Date.now() - started) / 1000).toFixed(1)}s`);
