import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Headless Chromium (Debian's package, driven by playwright-core) and axe-core checks for the e2e tier.
 * Every e2e test that opens pages should use these, so that all pages are checked the same way.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A fresh machine may still be installing Chromium when the tests start; wait for it rather than fail at once. */
async function waitForChromium(timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!fs.existsSync(CHROMIUM_PATH)) {
    if (Date.now() > until) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (install Debian's chromium package or set CHROMIUM_PATH)`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export async function launchBrowser(): Promise<Browser> {
  await waitForChromium(Number(process.env.CHROMIUM_WAIT_MS ?? 180_000));
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

/**
 * The axe-core violations on the page as it is now. The script is evaluated through the DevTools protocol,
 * which the page's Content-Security-Policy (script-src 'self') does not block, so the page stays as served.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as any).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
  });
}

/** Fails with a readable list (rule, element, why) when axe-core finds any violation. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  // A select's dropdown that the user just closed is still in the page while it fades out (longer on a busy
  // machine); what the user sees once it is gone is what is checked.
  await page.waitForFunction(
    () => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-picker-dropdown:not(.ant-picker-dropdown-hidden)'),
    undefined, { timeout: 5000 },
  ).catch(() => undefined);
  const violations = await axeViolations(page);
  const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target}: ${n.html}\n      ${n.summary}`).join('\n')}`);
  assert.deepEqual(report, [], `axe-core violations on ${label}:\n${report.join('\n')}`);
}
