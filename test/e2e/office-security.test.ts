import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { identityRepository } from '../../src/modules/identity/identity.repository.js';
import { createOrg, createStaff, TEST_PASSWORD } from '../support/fixtures.js';
import { expectNoAxeViolations } from '../support/browser.js';
import { openFromMenu, screenshotOnFailure, signInOffice, startOffice } from '../support/office.js';

/** Picks an option of the antd select whose dropdown is open. */
async function pickOption(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Chooses a staff member on the grants page by searching for the username. */
async function chooseStaff(page: Page, username: string): Promise<void> {
  const who = page.getByLabel('工作人员');
  await who.click();
  await who.fill(username);
  await pickOption(page, `（${username}）`);
}

/** The row of the accounts table for one username, after searching for it. */
async function findAccount(page: Page, username: string) {
  await page.getByLabel('关键词').fill(username);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: username, exact: true }) });
  await row.waitFor();
  return row;
}

test('the security administrator grants a role within a department, is refused a second administrator role, unlocks an account and resets an authenticator', async () => {
  const office = await startOffice();
  const { p, base, page, scriptErrors } = office;
  try {
    const db = p.kernel.db;
    const city = await createOrg(p, { name: '测试市人民政府', kind: 'government' });
    const market = await createOrg(p, { parent: city, name: '测试市市场监督管理局' });
    const registry = await createOrg(p, { parent: market, name: '登记注册科', kind: 'division' });
    await createStaff(p, { org: city, roles: ['securityAdmin'], username: 'e2e_security', displayName: '测试安全员' });
    const handler = await createStaff(p, { org: registry, username: 'e2e_handler', displayName: '测试承办人' });
    const sysadmin = await createStaff(p, { org: city, roles: ['systemAdmin'], username: 'e2e_sysadmin', displayName: '测试系统员' });
    const locked = await createStaff(p, { org: market, username: 'e2e_locked', displayName: '测试锁定人' });
    const lost = await createStaff(p, { org: market, username: 'e2e_lostphone', displayName: '测试丢手机' });
    await db.query(`UPDATE accounts SET failed_logins = 5, locked_until = now() + interval '1 hour' WHERE id = $1`, [locked.id]);
    await identityRepository.setTotp(db, lost.id, p.kernel.cipher.encrypt('JBSWY3DPEHPK3PXPJBSWY3DP'), 1);

    await signInOffice(page, base, 'e2e_security', TEST_PASSWORD);

    // Grants: the case handler role within the market regulator (chosen from the org tree).
    await openFromMenu(page, '授权管理');
    await chooseStaff(page, 'e2e_handler');
    await page.getByRole('heading', { name: '测试承办人 的授权' }).waitFor();
    await page.getByLabel('角色', { exact: true }).click();
    await pickOption(page, /^承办人$/);
    const scope = page.getByLabel('管辖范围（机构及下属）');
    await scope.click();
    await scope.fill('市场监督');
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: /^测试市市场监督管理局$/ }).click();
    await page.getByRole('button', { name: '授权', exact: true }).click();
    await page.getByText('已授权。').waitFor();
    const grantRow = page.getByRole('row').filter({ hasText: '承办人' });
    await grantRow.filter({ hasText: '测试市市场监督管理局及下属单位' }).waitFor();
    const granted = await db.one<{ code: string; org_id: string }>(
      'SELECT r.code, g.org_id FROM grants g JOIN roles r ON r.id = g.role_id WHERE g.account_id = $1', [handler.id],
    );
    assert.deepEqual(granted, { code: 'caseHandler', org_id: market.id });

    // The same person cannot be two of the three administrators: the server's refusal is shown.
    await chooseStaff(page, 'e2e_sysadmin');
    await page.getByRole('heading', { name: '测试系统员 的授权' }).waitFor();
    await page.getByRole('row').filter({ hasText: '系统管理员' }).waitFor();
    await page.getByLabel('角色', { exact: true }).click();
    await pickOption(page, /^审计管理员$/);
    await scope.click();
    await scope.fill('测试市人民政府');
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: /^测试市人民政府$/ }).click();
    await page.getByRole('button', { name: '授权', exact: true }).click();
    // The server names the role field; the form shows its message there.
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '该账号已是系统管理员，不能再授予安全管理员或审计管理员角色：三员必须由不同的人担任。' }).waitFor();
    const sysadminRoles = await db.query<{ code: string }>('SELECT r.code FROM grants g JOIN roles r ON r.id = g.role_id WHERE g.account_id = $1', [sysadmin.id]);
    assert.deepEqual(sysadminRoles.map((r) => r.code), ['systemAdmin']);

    // Accounts: the locked account shows its lock and is unlocked.
    await openFromMenu(page, '账号与锁定');
    let row = await findAccount(page, 'e2e_locked');
    await row.getByText(/锁定至/).waitFor();
    await expectNoAxeViolations(page, 'accounts page');
    await row.getByRole('button', { name: '解锁' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '解锁' }).click();
    await page.getByText('账号 e2e_locked 已解锁。').waitFor();
    await row.getByText(/锁定至/).waitFor({ state: 'detached' });
    const unlocked = await db.one<{ failed_logins: number; locked_until: Date | null }>('SELECT failed_logins, locked_until FROM accounts WHERE id = $1', [locked.id]);
    assert.deepEqual(unlocked, { failed_logins: 0, locked_until: null });

    // Another account lost its authenticator: reset it through the drawer.
    row = await findAccount(page, 'e2e_lostphone');
    await row.getByRole('button', { name: '重置' }).click();
    const drawer = page.getByRole('dialog', { name: '重置账号 e2e_lostphone' });
    await drawer.waitFor();
    await drawer.getByRole('checkbox', { name: '解除动态口令绑定' }).check();
    await expectNoAxeViolations(page, 'accounts page with the reset drawer');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText('账号 e2e_lostphone 已重置。').waitFor();
    await drawer.waitFor({ state: 'hidden' });
    const reset = await db.one<{ totp_enrolled_at: Date | null; totp_secret_enc: string | null }>('SELECT totp_enrolled_at, totp_secret_enc FROM accounts WHERE id = $1', [lost.id]);
    assert.equal(reset.totp_enrolled_at, null);
    assert.equal(reset.totp_secret_enc, null);

    assert.deepEqual(scriptErrors, [], 'no script errors or CSP refusals');
  } catch (err) {
    await screenshotOnFailure(page, 'office-security');
    throw err;
  } finally {
    await office.close();
  }
});
