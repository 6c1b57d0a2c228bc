import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOrg, createStaff, TEST_PASSWORD } from '../support/fixtures.js';
import { expectNoAxeViolations } from '../support/browser.js';
import { openFromMenu, screenshotOnFailure, signInOffice, startOffice } from '../support/office.js';

test('the system administrator adds 社保 → 社会保障 and the portal search for 社保 then finds a document that only says 社会保障', async () => {
  const office = await startOffice();
  const { p, base, page, scriptErrors } = office;
  try {
    const city = await createOrg(p, { name: '测试市人民政府', kind: 'government' });
    await createStaff(p, { org: city, roles: ['systemAdmin'], username: 'e2e_sysadmin', displayName: '测试系统员' });
    await p.kernel.db.tx((tx) => p.kernel.search.index(tx, {
      source: 'test.policy', ref: 'ss1', title: '城乡居民社会保障卡办理须知', body: '办理社会保障卡须携带居民身份证。',
      url: '/documents/ss1', visibility: 'public', publishedAt: new Date('2026-01-05T02:00:00Z'),
    }));
    const portal = await office.browser.newPage({ locale: 'zh-CN' });
    await portal.goto(`${base}/search?q=${encodeURIComponent('社保')}`);
    await portal.getByText('没有找到与“社保”相关的信息').waitFor();

    await signInOffice(page, base, 'e2e_sysadmin', TEST_PASSWORD);
    await openFromMenu(page, '搜索同义词');
    await page.getByRole('button', { name: '新增同义词' }).click();
    const drawer = page.getByRole('dialog', { name: '新增同义词' });
    await drawer.getByLabel('搜索词').fill('社保');
    await drawer.getByLabel('同义词').fill('社会保障');
    await expectNoAxeViolations(page, 'synonyms page with the drawer');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText('同义词已保存，立即生效。').waitFor();
    await page.getByRole('row').filter({ hasText: '社保' }).filter({ hasText: '社会保障' }).waitFor();
    await drawer.waitFor({ state: 'hidden' });
    await expectNoAxeViolations(page, 'synonyms page');

    // Adding the same word again: the server's field error shows on the field.
    await page.getByRole('button', { name: '新增同义词' }).click();
    await drawer.getByLabel('搜索词').fill('社保');
    await drawer.getByLabel('同义词').fill('社会保险');
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '该词已设置过同义词' }).waitFor();
    await drawer.getByRole('button', { name: '取消' }).click();

    await portal.goto(`${base}/search?q=${encodeURIComponent('社保')}`);
    const result = portal.locator('.search-result').first();
    await result.getByRole('link', { name: '城乡居民社会保障卡办理须知' }).waitFor();
    assert.equal(await result.locator('h3 mark').first().innerText(), '社会保障');
    const audited = await p.kernel.db.one("SELECT count(*)::int AS n FROM audit_log WHERE action = 'search.synonym.create'");
    assert.equal(audited.n, 1);
    assert.deepEqual(scriptErrors, [], 'no script errors or CSP refusals');
  } catch (err) {
    await screenshotOnFailure(page, 'office-search-synonyms');
    throw err;
  } finally {
    await office.close();
  }
});
