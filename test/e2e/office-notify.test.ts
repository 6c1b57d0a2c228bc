import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOrg, createStaff, TEST_PASSWORD } from '../support/fixtures.js';
import { expectNoAxeViolations } from '../support/browser.js';
import { officePage, openFromMenu, screenshotOnFailure, signInOffice, startOffice } from '../support/office.js';
import type { Gateway } from '../../src/kernel/notify/gateway.js';

/** The SMS provider as it answers for a number it refuses: a permanent failure with its reason. */
const refusingSms: Gateway = {
  name: 'test-sms',
  async send() { return { status: 'failed', permanent: true, error: '号码格式错误（isv.MOBILE_NUMBER_ILLEGAL）' }; },
};

test('a leader sends a notice to the department; its staff see it in the inbox with an unread count, another department does not, and the administrator sees why an SMS failed', async () => {
  const office = await startOffice();
  const { p, base, page, browser, scriptErrors } = office;
  const pages = [page];
  try {
    p.kernel.notify.useGateway('sms', refusingSms);
    const city = await createOrg(p, { name: '通知市人民政府', kind: 'government' });
    const deptA = await createOrg(p, { parent: city, name: '通知市民政局' });
    const deptB = await createOrg(p, { parent: city, name: '通知市交通运输局' });
    await createStaff(p, { org: deptA, roles: ['leader'], username: 'e2e_notify_leader', displayName: '民政局领导' });
    await createStaff(p, { org: deptA, roles: ['caseHandler'], username: 'e2e_notify_a', displayName: '民政局承办人', phone: '13900001111' });
    await createStaff(p, { org: deptB, roles: ['caseHandler'], username: 'e2e_notify_b', displayName: '交通局承办人' });
    await createStaff(p, { org: city, scope: city, roles: ['systemAdmin'], username: 'e2e_notify_admin', displayName: '系统管理员' });

    // The leader writes the notice from the menu; the send answers at once.
    await signInOffice(page, base, 'e2e_notify_leader', TEST_PASSWORD);
    await openFromMenu(page, '发布通知');
    await expectNoAxeViolations(page, 'send a notice');
    await page.getByLabel('标题').fill('关于开展防汛检查的通知');
    await page.getByLabel('正文').fill('请各科室于本周五前完成辖区防汛设施检查，并报送检查记录。');
    // Urgent: sent by SMS at once even during the night's quiet hours (whenever this test runs).
    await page.getByRole('checkbox', { name: '紧急通知' }).check();
    await page.getByRole('button', { name: '发送' }).click();
    await page.getByText('通知已提交发送').waitFor();

    // A member of the department: the header shows one unread message; the inbox lists it.
    const a = await officePage(browser);
    pages.push(a.page);
    await signInOffice(a.page, base, 'e2e_notify_a', TEST_PASSWORD);
    const badge = a.page.getByRole('link', { name: '我的消息，1 条未读' });
    for (let i = 0; i < 20 && !(await badge.isVisible()); i++) {
      // Delivery runs in the background; the badge refreshes when the window gains focus.
      await a.page.waitForTimeout(500);
      await a.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    }
    await badge.click();
    await a.page.getByRole('heading', { name: '我的消息', level: 1 }).waitFor();
    const item = a.page.getByTestId('inbox-item').filter({ hasText: '关于开展防汛检查的通知' });
    await item.waitFor();
    assert.match(await item.innerText(), /未读/);
    assert.match(await item.innerText(), /请各科室于本周五前完成辖区防汛设施检查/);
    await expectNoAxeViolations(a.page, 'inbox');
    await item.getByRole('button', { name: '标为已读' }).click();
    await a.page.getByTestId('unread-badge').and(a.page.getByRole('link', { name: '我的消息', exact: true })).waitFor();
    assert.doesNotMatch(await item.innerText(), /未读/);

    // Notification settings: security notices cannot be turned off.
    await a.page.getByRole('tab', { name: '通知设置' }).click();
    const securitySms = a.page.getByRole('switch', { name: /账户安全.*短信/ });
    await securitySms.waitFor();
    assert.equal(await securitySms.isDisabled(), true);
    await expectNoAxeViolations(a.page, 'notification settings');

    // Another department never sees it.
    const b = await officePage(browser);
    pages.push(b.page);
    await signInOffice(b.page, base, 'e2e_notify_b', TEST_PASSWORD);
    await b.page.goto(`${base}/office/messages`);
    await b.page.getByText('暂无消息').waitFor();
    assert.equal(await b.page.getByText('关于开展防汛检查的通知').count(), 0);

    // The system administrator finds the failed SMS and reads the provider's reason.
    const admin = await officePage(browser);
    pages.push(admin.page);
    await signInOffice(admin.page, base, 'e2e_notify_admin', TEST_PASSWORD);
    await openFromMenu(admin.page, '消息发件箱');
    await admin.page.getByRole('combobox', { name: '渠道' }).click();
    await admin.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '短信' }).click();
    await admin.page.getByRole('combobox', { name: '状态' }).click();
    await admin.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '发送失败' }).click();
    await admin.page.getByRole('button', { name: '查询' }).click();
    const row = admin.page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '139****1111' });
    await row.first().waitFor();
    await row.first().getByRole('button', { name: '详情' }).click();
    const reason = admin.page.getByTestId('failure-reason');
    await reason.waitFor();
    assert.match(await reason.innerText(), /号码格式错误/);
    await expectNoAxeViolations(admin.page, 'message detail');
    assert.deepEqual(scriptErrors, []);
  } catch (err) {
    for (const [i, pg] of pages.entries()) await screenshotOnFailure(pg, `office-notify-${i}`);
    throw err;
  } finally {
    await office.close();
  }
});
