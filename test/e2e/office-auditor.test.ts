import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createOrg, createStaff, TEST_PASSWORD } from '../support/fixtures.js';
import { expectNoAxeViolations } from '../support/browser.js';
import { openFromMenu, screenshotOnFailure, signInOffice, startOffice } from '../support/office.js';

/** Signs in through the JSON API, as another client would; answers the HTTP status. */
async function apiLogin(base: string, username: string, password: string): Promise<number> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  await res.arrayBuffer();
  return res.status;
}

/** Picks an option of an antd select/auto-complete whose dropdown is open. */
async function pickOption(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** The rows of the audit table as the user reads them, one string per row. */
async function auditRows(page: Page): Promise<string[]> {
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  return (await rows.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
}

/** Submits the search form and waits for the answer to the query whose URL matches `query`. */
async function searchAudit(page: Page, query: RegExp): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => /\/api\/audit\?/.test(r.url()) && query.test(r.url()) && r.ok()),
    page.getByRole('button', { name: '查询', exact: true }).click(),
  ]);
  // The table shows the answer once its loading mask is gone.
  await page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
}

test('the audit administrator searches the audit log by action and outcome, and the hash-chain check finds a tampered record', async () => {
  const office = await startOffice();
  const { p, base, page, scriptErrors } = office;
  try {
    const db = p.kernel.db;
    const city = await createOrg(p, { name: '测试市人民政府', kind: 'government' });
    const dept = await createOrg(p, { parent: city, name: '测试市审计局' });
    await createStaff(p, { org: dept, scope: city, roles: ['auditAdmin'], username: 'e2e_auditor', displayName: '测试审计员' });
    await createStaff(p, { org: dept, roles: ['caseHandler'], username: 'e2e_clerk', displayName: '测试承办人' });

    // Sign-ins to find: the clerk's wrong password, then the clerk's right one (both through the API).
    assert.equal(await apiLogin(base, 'e2e_clerk', 'Wrong#Password1'), 401);
    assert.equal(await apiLogin(base, 'e2e_clerk', TEST_PASSWORD), 200);
    const failed = await db.one<{ id: string }>(
      `SELECT id::text FROM audit_log WHERE action = 'identity.login' AND outcome = 'failure' AND actor_name = 'e2e_clerk'`,
    );

    // The auditor signs in (enrolling an authenticator) and sees the audit log in the menu.
    await signInOffice(page, base, 'e2e_auditor', TEST_PASSWORD);
    await openFromMenu(page, '审计日志');
    assert.equal(new URL(page.url()).pathname, '/office/audit');

    // Search by action: the filter offers known actions by name.
    const action = page.getByRole('combobox', { name: '操作' });
    await action.click();
    await action.fill('登录');
    await pickOption(page, 'identity.login');
    assert.equal(await action.inputValue(), 'identity.login');
    await searchAudit(page, /action=identity\.login/);
    let rows = await auditRows(page);
    assert.ok(rows.every((r) => r.includes('identity.login')), `only sign-ins are listed:\n${rows.join('\n')}`);
    assert.ok(rows.some((r) => r.includes('e2e_auditor') && /登录\s*identity\.login/.test(r) && r.includes('成功')), `the auditor's own sign-in:\n${rows.join('\n')}`);
    assert.ok(rows.some((r) => r.includes('e2e_clerk') && /(^|\s)登录\s*identity\.login/.test(r) && r.includes('成功')), `the clerk's sign-in:\n${rows.join('\n')}`);
    assert.ok(rows.some((r) => r.includes('e2e_clerk') && r.includes('登录失败')), `the clerk's failed sign-in:\n${rows.join('\n')}`);

    // Only the failures.
    await page.getByRole('combobox', { name: '结果' }).click();
    await pickOption(page, /^失败$/);
    await searchAudit(page, /outcome=failure/);
    await page.getByRole('cell', { name: /登录失败/ }).first().waitFor();
    rows = await auditRows(page);
    assert.equal(rows.length, 1, `one failed sign-in:\n${rows.join('\n')}`);
    assert.match(rows[0], /e2e_clerk/);
    assert.match(rows[0], /登录失败/);
    assert.match(rows[0], /失败/);
    await expectNoAxeViolations(page, 'audit page');

    // The hash chains are intact.
    await page.getByRole('button', { name: '校验哈希链' }).click();
    const status = page.getByRole('status').filter({ hasText: '审计日志' });
    await status.filter({ hasText: /审计日志完整：已校验 \d+ 条记录，未发现篡改。/ }).waitFor();

    // Someone with database access rewrites the failed sign-in as a plain sign-out, behind the trigger's back.
    await db.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await db.query(`UPDATE audit_log SET action = 'identity.logout' WHERE id = $1`, [failed.id]);
    await db.query('ALTER TABLE audit_log ENABLE TRIGGER USER');

    await page.getByRole('button', { name: '校验哈希链' }).click();
    const broken = status.filter({ hasText: '审计日志被篡改：发现 1 处问题。' });
    await broken.waitFor();
    const report = await broken.innerText();
    assert.match(report, new RegExp(`第 ${failed.id} 号记录被修改`), `the problem names the record:\n${report}`);
    await expectNoAxeViolations(page, 'audit page with a broken chain');

    assert.deepEqual(scriptErrors, [], 'no script errors or CSP refusals');
  } catch (err) {
    await screenshotOnFailure(page, 'office-auditor');
    throw err;
  } finally {
    await office.close();
  }
});
