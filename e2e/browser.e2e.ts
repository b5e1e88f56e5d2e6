import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Branch, CustomerListItem, CustomerView, Staff, User } from '../web/src/api/types.ts';
import {
  allPages,
  apiGet,
  columnTexts,
  listTotal,
  login,
  screenshot,
  useBrowserSession,
  waitForList,
} from './support/browser.ts';

// Browser test of the web shell against the real `panorama serve` on a small seeded demo bank:
// an RM and a branch manager each see only their scope, the customer page, the language switch,
// an out-of-scope customer, phone layout. Screenshots go to e2e/screenshots/.

const { open, pageErrors } = useBrowserSession();

/** What the RM test learns, for the tests after it. */
const rm1 = { staffId: '', name: '', total: 0, customerIds: new Set<string>() };
let managerTotal = 0;
let otherRmCustomerId = '';

describe('web shell in chromium', () => {
  let rmPage: Page;

  test('login page: product name, language switch, wrong password shows an error', async () => {
    rmPage = await open('desktop', 'zh-CN');
    await rmPage.goto('/customers');
    // Signed out: sent to the login page, remembering where to go next.
    await rmPage.waitForURL(/\/login\?next=%2Fcustomers/);
    await expect.poll(() => rmPage.getByTestId('product-name').textContent()).toBe('全景 Panorama');
    expect(await rmPage.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await rmPage.getByTestId('lang-en').isVisible()).toBe(true);
    await screenshot(rmPage, 'desktop-login', false);

    await rmPage.locator('#login-username').fill('rm1');
    await rmPage.locator('#login-password').fill('not-the-password');
    await rmPage.getByTestId('login-submit').click();
    await rmPage.getByTestId('login-error').waitFor();
    expect(await rmPage.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await screenshot(rmPage, 'desktop-login-error', false);
  });

  test('rm1 sees exactly the customers assigned to them', async () => {
    await login(rmPage, 'rm1');
    expect(new URL(rmPage.url()).pathname).toBe('/customers');

    const me = (await apiGet<{ user: User }>(rmPage, '/api/auth/me')).body.user;
    expect(me.role).toBe('rm');
    expect(me.staffId).toBeTruthy();
    rm1.staffId = me.staffId!;
    expect(await rmPage.getByTestId('user-name').textContent()).toBe(me.displayName);

    // The API's answer for rm1: every customer is theirs.
    const all = await allPages<CustomerListItem>(rmPage, '/api/customers');
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((c) => c.rmId === rm1.staffId)).toBe(true);
    const rmNames = new Set(all.map((c) => c.rmName));
    expect(rmNames.size).toBe(1);
    rm1.name = [...rmNames][0]!;
    rm1.customerIds = new Set(all.map((c) => c.id));

    // The page shows the same total, and every row's RM column is rm1's name.
    rm1.total = await listTotal(rmPage);
    expect(rm1.total).toBe(all.length);
    const rmColumn = await columnTexts(rmPage, 'rm');
    expect(rmColumn.length).toBe(Math.min(20, rm1.total));
    expect(rmColumn.every((name) => name === rm1.name)).toBe(true);
    // An RM has no RM filter (they only have themselves).
    expect(await rmPage.getByTestId('filter-rm').count()).toBe(0);
    await screenshot(rmPage, 'desktop-rm1-customers');

    // Paging is server-side: page 2 shows other customers, still all rm1's.
    if (rm1.total > 20) {
      const firstPage = await columnTexts(rmPage, 'name');
      await rmPage.locator('.ant-pagination-item-2').click();
      await rmPage.waitForURL(/page=2/);
      await waitForList(rmPage);
      const secondPage = await columnTexts(rmPage, 'name');
      expect(secondPage.length).toBeGreaterThan(0);
      expect(secondPage).not.toEqual(firstPage);
      expect((await columnTexts(rmPage, 'rm')).every((name) => name === rm1.name)).toBe(true);
    }

    // Search by (part of) a name finds that customer.
    const target = all.find((c) => c.kind === 'retail') ?? all[0]!;
    const fragment = target.name.length > 2 ? target.name.slice(0, 2) : target.name;
    await rmPage.locator('#customer-search').fill(fragment);
    await rmPage.locator('#customer-search').press('Enter');
    await rmPage.waitForURL(/q=/);
    await waitForList(rmPage);
    const found = await columnTexts(rmPage, 'name');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((name) => name.includes(fragment))).toBe(true);
    expect(await listTotal(rmPage)).toBeLessThanOrEqual(rm1.total);

    // Kind filter narrows to corporate (or retail) customers only.
    await rmPage.goto('/customers?kind=corporate');
    await waitForList(rmPage);
    const corporateCount = all.filter((c) => c.kind === 'corporate').length;
    expect(await listTotal(rmPage)).toBe(corporateCount);
  });

  test('rm1 opens a customer page: profile, holdings, AUM trend; language switch is remembered', async () => {
    await rmPage.goto('/customers');
    await waitForList(rmPage);
    const firstName = (await columnTexts(rmPage, 'name'))[0]!;
    await rmPage
      .locator('[data-testid=customer-table] tr.ant-table-row')
      .first()
      .locator('td[data-col=city]')
      .click();
    await rmPage.getByTestId('customer-page').waitFor();
    expect(await rmPage.getByTestId('customer-name').textContent()).toBe(firstName);
    const id = decodeURIComponent(new URL(rmPage.url()).pathname.split('/').pop()!);
    expect(rm1.customerIds.has(id)).toBe(true);

    const view = (await apiGet<CustomerView>(rmPage, `/api/customers/${encodeURIComponent(id)}`)).body;
    expect(await rmPage.getByTestId('customer-profile').isVisible()).toBe(true);
    // The 360 page's sections have their own test (customer360.e2e.ts); here the page and its AUM chart.
    if (view.monthly.length > 0) {
      await rmPage.locator('[data-testid=c360-aum-chart] canvas').waitFor();
    }
    await screenshot(rmPage, 'desktop-rm1-customer-zh');

    // Switch to English: labels change at once and the choice survives a reload.
    await rmPage.getByTestId('lang-en').click();
    await rmPage.getByText('Profile', { exact: true }).waitFor();
    expect(await rmPage.locator('html').getAttribute('lang')).toBe('en');
    expect(await rmPage.evaluate(() => localStorage.getItem('panorama.language'))).toBe('en');
    await rmPage.reload();
    await rmPage.getByTestId('customer-page').waitFor();
    await rmPage.getByText('Holdings', { exact: true }).waitFor();
    await rmPage.getByTestId('nav-customers').waitFor();
    expect(await rmPage.getByTestId('nav-customers').textContent()).toContain('Customers');
    await screenshot(rmPage, 'desktop-rm1-customer-en');

    // Back to the list keeps working.
    await rmPage.getByTestId('customer-back').click();
    await waitForList(rmPage);
  });

  test('manager sees their branch subtree: more than rm1, less than the bank', async () => {
    const page = await open('desktop', 'en-US');
    await page.goto('/login');
    // An English browser gets English unless a language was chosen.
    await page.getByText('Sign in', { exact: true }).first().waitFor();
    await login(page, 'manager');

    const me = (await apiGet<{ user: User }>(page, '/api/auth/me')).body.user;
    expect(me.role).toBe('branch_manager');
    expect(me.branchId).toBeTruthy();
    expect(await page.getByTestId('user-menu').textContent()).toContain('Branch manager');

    // Modules to come are in the menu, disabled, saying so on hover.
    for (const key of ['dashboard', 'models', 'alerts', 'campaigns', 'workbench']) {
      expect(await page.locator(`li.ant-menu-item-disabled [data-testid=nav-${key}]`).count()).toBe(1);
    }
    await page.getByTestId('nav-dashboard').hover();
    await page.locator('.ant-tooltip', { hasText: 'Coming soon' }).waitFor();
    await page.mouse.move(900, 10);

    // The branches in scope form the subtree under the manager's branch.
    const branches = (await apiGet<{ items: Branch[] }>(page, '/api/branches')).body.items;
    const byId = new Map(branches.map((b) => [b.id, b]));
    expect(byId.has(me.branchId!)).toBe(true);
    for (const branch of branches) {
      let cursor: Branch | undefined = branch;
      while (cursor && cursor.id !== me.branchId)
        cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined;
      expect(cursor?.id, `${branch.id} is under ${me.branchId}`).toBe(me.branchId);
    }
    const branchNames = new Set(branches.map((b) => b.name));

    // Every visible row's branch is in the subtree; the API agrees for every customer.
    managerTotal = await listTotal(page);
    const branchColumn = await columnTexts(page, 'branch');
    expect(branchColumn.length).toBe(Math.min(20, managerTotal));
    expect(branchColumn.every((name) => branchNames.has(name))).toBe(true);
    const all = await allPages<CustomerListItem>(page, '/api/customers');
    expect(all.length).toBe(managerTotal);
    expect(all.every((c) => byId.has(c.homeBranchId))).toBe(true);

    // More than rm1 (whose customers are all included), fewer than the whole bank.
    expect(managerTotal).toBeGreaterThan(rm1.total);
    const ids = new Set(all.map((c) => c.id));
    expect([...rm1.customerIds].every((id) => ids.has(id))).toBe(true);
    const ready = (await apiGet<{ customers: number }>(page, '/ready')).body;
    expect(managerTotal).toBeLessThan(ready.customers);
    await screenshot(page, 'desktop-manager-customers');

    // Filtering by rm1 in the RM filter shows exactly rm1's customers.
    const rms = (await apiGet<{ items: Staff[] }>(page, '/api/staff?role=rm')).body.items;
    expect(rms.some((s) => s.id === rm1.staffId)).toBe(true);
    await page.getByTestId('filter-rm').click();
    await page.keyboard.type(rm1.name);
    await page.locator('.ant-select-item-option', { hasText: rm1.name }).first().click();
    await page.waitForURL(new RegExp(`rmId=${encodeURIComponent(rm1.staffId)}`));
    await waitForList(page);
    expect(await listTotal(page)).toBe(rm1.total);
    expect((await columnTexts(page, 'rm')).every((name) => name === rm1.name)).toBe(true);

    // A branch filter narrows to that branch's subtree.
    const sub = branches.find((b) => b.id !== me.branchId && all.some((c) => c.homeBranchId === b.id));
    if (sub) {
      await page.goto(`/customers?branchId=${encodeURIComponent(sub.id)}`);
      await waitForList(page);
      expect(await listTotal(page)).toBeLessThan(managerTotal);
      expect(await listTotal(page)).toBeGreaterThan(0);
    }

    // A customer of another RM: the manager can open it, rm1 must not.
    const other = all.find((c) => c.rmId !== rm1.staffId);
    expect(other, 'a customer in the branch that is not rm1s').toBeTruthy();
    otherRmCustomerId = other!.id;
    await page.goto(`/customers/${encodeURIComponent(otherRmCustomerId)}`);
    await page.getByTestId('customer-page').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe(other!.name);
    await screenshot(page, 'desktop-manager-customer');

    // Sign out returns to the login page, and the list is no longer reachable.
    await page.getByTestId('user-menu').click();
    await page.getByText('Sign out', { exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.goto('/customers');
    await page.waitForURL(/\/login\?next=/);
  });

  test("rm1 opening another RM's customer by URL sees 'not found or outside your scope'", async () => {
    expect(otherRmCustomerId).not.toBe('');
    const api = await apiGet<unknown>(rmPage, `/api/customers/${encodeURIComponent(otherRmCustomerId)}`);
    expect(api.status).toBe(404);
    await rmPage.goto(`/customers/${encodeURIComponent(otherRmCustomerId)}`);
    await rmPage.getByTestId('customer-not-found').waitFor();
    // rm1 chose English earlier; the choice is still in force.
    expect(await rmPage.getByTestId('customer-not-found').textContent()).toContain(
      'Customer not found or outside your scope',
    );
    expect(await rmPage.getByTestId('customer-page').count()).toBe(0);
    await screenshot(rmPage, 'desktop-rm1-out-of-scope', false);
  });

  test('phone: drawer navigation, card list, customer page', async () => {
    const page = await open('phone', 'zh-CN');
    await page.goto('/login');
    await page.getByTestId('product-name').waitFor();
    await screenshot(page, 'phone-login', false);
    await login(page, 'manager');

    // Cards instead of the table; the same scope.
    await page.getByTestId('customer-cards').waitFor();
    expect(await page.getByTestId('customer-table').count()).toBe(0);
    expect(await listTotal(page)).toBe(managerTotal);
    expect((await columnTexts(page, 'name')).length).toBe(Math.min(20, managerTotal));
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-manager-customers', false);

    await page.getByTestId('nav-open').click();
    await page.getByTestId('nav-drawer').waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'phone-nav-drawer', false);
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-drawer').waitFor({ state: 'hidden' });

    const firstCard = page.locator('.customer-card').first();
    const name = await firstCard.locator('[data-col=name]').textContent();
    await firstCard.click();
    await page.getByTestId('customer-page').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe(name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-manager-customer');

    await page.getByTestId('lang-en').click();
    await page.getByText('Profile', { exact: true }).waitFor();
    await screenshot(page, 'phone-manager-customer-en');
  });

  test('no uncaught errors in any page', () => {
    expect(pageErrors.flat()).toEqual([]);
  });
});
