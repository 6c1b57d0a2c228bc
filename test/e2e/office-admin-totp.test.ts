import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { accountRepository } from '../../src/kernel/auth/account.repository.js';
import { expectNoAxeViolations } from '../support/browser.js';
import { screenshotOnFailure, signInOffice, startOffice } from '../support/office.js';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'Office#E2e-2026';

/** WCAG 2.1 AA violations axe-core finds on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the page's own CSP rightly refuses an injected <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: any) => `${v.id}: ${v.help} — ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
  return result as string[];
}

test('an administrator signs in to the office app with a password and TOTP, enrols, and uses the directory and calendar', async () => {
  const office = await startOffice();
  const { p, base, page, scriptErrors } = office;
  try {
    const db = p.kernel.db;

    // A city government with a system administrator (the directory's builtin role when present).
    const orgId = crypto.randomUUID();
    await db.query(`INSERT INTO orgs (id, path, code, name, kind) VALUES ($1, $2, 'E2E-CITY', '测试市人民政府', 'government')`, [orgId, `/${orgId}/`]);
    let role = await db.maybeOne<{ id: string }>(`SELECT id FROM roles WHERE code = 'systemAdmin'`);
    role ??= await db.one<{ id: string }>(
      `INSERT INTO roles (code, name, permissions, admin_kind, builtin) VALUES ('systemAdmin', '系统管理员', $1, 'system', true) RETURNING id`,
      [['directory.org.manage', 'directory.staff.manage', 'directory.region.manage', 'calendar.manage', 'notify.outbox.read', 'jobs.manage']],
    );
    const admin = await accountRepository.insert(db, {
      kind: 'staff', username: 'e2e_admin', displayName: '测试管理员', passwordHash: await p.kernel.passwords.hash(PASSWORD), orgId,
    });
    await db.query('INSERT INTO grants (account_id, role_id, org_id) VALUES ($1, $2, $3)', [admin.id, role.id, orgId]);

    // The bare path redirects to the app, which opens on the sign-in form.
    await page.goto(`${base}/office`);
    assert.equal(new URL(page.url()).pathname, '/office/');
    await page.getByRole('heading', { name: '工作人员登录' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.match(await page.title(), /工作人员登录/);
    // The language switch is there before sign-in too.
    await page.getByRole('combobox', { name: '界面语言' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'sign-in page accessibility');

    // A wrong password is refused with the server's message, and the form stays.
    await page.getByLabel('用户名').fill('e2e_admin');
    await page.getByLabel('密码').fill('Wrong#Password1');
    await page.getByRole('button', { name: '登录' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    assert.ok((await refusal.innerText()).trim().length > 0);
    await page.getByRole('heading', { name: '工作人员登录' }).waitFor();

    // First sign-in: the account has no TOTP yet, so it must enrol (QR code and secret) before it gets in.
    const secret = await signInOffice(page, base, 'e2e_admin', PASSWORD);

    // The dashboard: who I am and the role I hold within my organisation.
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    assert.match(await page.getByTestId('current-user').innerText(), /测试管理员/);
    await page.getByRole('cell', { name: /系统管理员/ }).first().waitFor();
    await page.getByRole('cell', { name: '测试市人民政府及下属单位' }).waitFor();
    assert.equal(await page.getByText('已绑定').count(), 1, 'TOTP shows as enrolled');
    assert.deepEqual(await axeViolations(page), [], 'dashboard accessibility');
    // The system administrator has no audit permission: no menu entry, and the page itself refuses.
    assert.equal(await page.getByRole('link', { name: '审计日志' }).count(), 0);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '工作人员登录' }).waitFor();

    // Second sign-in: password, then a code from the authenticator (the next step: the last one is spent).
    await signInOffice(page, base, 'e2e_admin', PASSWORD, { secret, at: Date.now() + 30_000 });

    // The directory: the organisation tree shows the administrator's city.
    await page.getByRole('link', { name: '组织机构', exact: true }).click();
    await page.getByRole('heading', { name: '组织机构', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/office/directory/orgs');
    await page.getByRole('tree').getByText('测试市人民政府').waitFor();
    await page.getByRole('tree').getByText('测试市人民政府').click();
    await page.getByText('E2E-CITY').waitFor();

    // Regions: a whole-tree administrator adds a province and renames it.
    await page.getByRole('link', { name: '行政区划', exact: true }).click();
    await page.getByRole('heading', { name: '行政区划', level: 1 }).waitFor();
    await page.getByRole('button', { name: '新增省级区划' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('行政区划代码').fill('97');
    await drawer.getByLabel('名称').fill('测试省');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByRole('tree').getByText('测试省（97）').waitFor();
    await page.getByRole('button', { name: '编辑' }).click();
    await page.getByRole('dialog').getByLabel('名称').fill('测试省（改）');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByRole('tree').getByText('测试省（改）（97）').waitFor();
    assert.equal((await p.kernel.db.one("SELECT name FROM regions WHERE code = '97'")).name, '测试省（改）');

    // The calendar: the deadline calculator answers a date.
    await page.getByRole('link', { name: '工作日历' }).click();
    await page.getByRole('heading', { name: '工作日历', level: 1 }).waitFor();
    await page.getByRole('tab', { name: '期限计算' }).click();
    await page.getByRole('button', { name: '计算期限' }).click();
    assert.match(await page.getByTestId('deadline-result').innerText(), /期限届满日：\d{4}-\d{2}-\d{2}/);

    // The job queue: a job nobody handles stays queued, a dead one waits for an administrator.
    const queuedId = await db.tx((tx) => p.kernel.jobs.enqueue(tx, { type: 'e2e.never', payload: {} }));
    const deadId = await db.tx((tx) => p.kernel.jobs.enqueue(tx, { type: 'e2e.gone', payload: {} }));
    await db.query(`UPDATE jobs SET state = 'dead', attempts = max_attempts, last_error = '测试错误' WHERE id = $1`, [deadId]);
    await page.getByRole('link', { name: '任务队列' }).click();
    await page.getByRole('heading', { name: '任务队列', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/office/jobs');
    const queuedRow = page.getByRole('row').filter({ hasText: 'e2e.never' });
    const deadRow = page.getByRole('row').filter({ hasText: 'e2e.gone' });
    await queuedRow.getByText('排队').waitFor();
    await deadRow.getByText('已放弃').waitFor();
    await deadRow.getByText('测试错误').waitFor();
    await page.getByTestId('job-counts').getByRole('button', { name: /已放弃 1/ }).waitFor();
    await expectNoAxeViolations(page, 'job queue');
    // Only the actions that apply: a dead job can be retried, not cancelled.
    assert.equal(await deadRow.getByRole('button', { name: '取消' }).count(), 0);
    assert.equal(await queuedRow.getByRole('button', { name: '重试' }).count(), 0);

    // Retrying the dead job queues it again.
    await deadRow.getByRole('button', { name: '重试' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '重试' }).click();
    await page.getByText('任务已重新排队。').waitFor();
    await deadRow.getByText('排队').waitFor();
    assert.equal((await db.one<{ state: string }>('SELECT state FROM jobs WHERE id = $1', [deadId])).state, 'queued');

    // Cancelling the queued one.
    await queuedRow.getByRole('button', { name: '取消' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '取消任务' }).click();
    await page.getByText('任务已取消。').waitFor();
    await queuedRow.getByText('已取消').waitFor();
    assert.equal((await db.one<{ state: string }>('SELECT state FROM jobs WHERE id = $1', [queuedId])).state, 'cancelled');

    // A page outside the user's permissions, opened by its address, says so instead of showing data.
    await page.goto(`${base}/office/audit`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();

    assert.deepEqual(scriptErrors, [], 'no script errors or CSP refusals');
  } catch (err) {
    await screenshotOnFailure(page, 'office-admin-totp');
    throw err;
  } finally {
    await office.close();
  }
});
