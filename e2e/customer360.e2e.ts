import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type {
  Customer360,
  CustomerListItem,
  CustomerNote,
  Page as ListPage,
  SearchResponse,
  Transaction360,
} from '../web/src/api/types.ts';
import { allPages, apiGet, login, screenshot, useBrowserSession } from './support/browser.ts';

// Browser test of the customer 360° page and the global search against the real `panorama serve`
// on the small seeded demo bank: rm1 finds a customer by part of a Chinese name (results only from
// rm1's scope, matches highlighted), opens the 360 page at desktop and phone sizes, filters
// transactions and adds a note; an analyst opens a corporate customer. Screenshots go to
// e2e/screenshots/.

const { open, pageErrors } = useBrowserSession();

/** What the first test learns, for the tests after it. */
const found = { rm1Ids: new Set<string>(), target: null as CustomerListItem | null, fragment: '', note: '' };

async function allCustomers(page: Page, query = ''): Promise<CustomerListItem[]> {
  return allPages<CustomerListItem>(page, `/api/customers${query.replace(/^&/, '?')}`);
}

/** Waits until the results list answers `query` (not an older one still on screen). */
async function waitForResults(page: Page, query: string): Promise<void> {
  await page.waitForFunction((q) => {
    const list = document.querySelector<HTMLElement>('[data-testid=search-results]');
    return list !== null && list.dataset.query === q && !list.classList.contains('stale');
  }, query);
}

/** Texts of the highlighted pieces of each visible result, keyed by customer id. */
async function resultMarks(page: Page): Promise<Map<string, string>> {
  const rows = await page
    .locator('[data-testid=search-result]')
    .evaluateAll((elements) =>
      elements.map((element) => [
        (element as HTMLElement).dataset.customerId ?? '',
        [...element.querySelectorAll('mark')].map((mark) => mark.textContent ?? '').join(''),
      ]),
    );
  return new Map(rows as [string, string][]);
}

/** Presses ArrowDown until the row of `customerId` is highlighted. */
async function arrowTo(page: Page, customerId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('ArrowDown');
    const active = await page
      .locator('[data-testid=search-result][aria-selected=true]')
      .getAttribute('data-customer-id');
    if (active === customerId) return;
  }
  throw new Error(`${customerId} was never highlighted`);
}

describe('customer 360 and search in chromium', () => {
  let rmPage: Page;

  test("rm1 types part of a Chinese name: highlighted results from rm1's scope only; Enter opens", async () => {
    rmPage = await open('desktop', 'zh-CN');
    await rmPage.goto('/login');
    await login(rmPage, 'rm1');
    const mine = await allCustomers(rmPage);
    expect(mine.length).toBeGreaterThan(0);
    found.rm1Ids = new Set(mine.map((c) => c.id));

    // A retail customer with a three-character name; the given name (last two) is the fragment.
    const target =
      mine.find(
        (c) => c.kind === 'retail' && [...c.name].length === 3 && /^\p{Script=Han}+$/u.test(c.name),
      ) ?? mine.find((c) => c.kind === 'retail')!;
    const fragment = [...target.name].slice(-2).join('');
    found.target = target;
    found.fragment = fragment;

    // The API answers rm1 with rm1's customers only, and finds the target.
    const api = await apiGet<SearchResponse>(
      rmPage,
      `/api/search?q=${encodeURIComponent(fragment)}&limit=10`,
    );
    expect(api.status).toBe(200);
    expect(api.body.items.length).toBeGreaterThan(0);
    expect(api.body.items.every((r) => found.rm1Ids.has(r.customerId))).toBe(true);
    expect(api.body.items.some((r) => r.customerId === target.id)).toBe(true);

    const input = rmPage.getByTestId('global-search-input');
    await input.click();
    await rmPage.keyboard.type(fragment, { delay: 60 });
    await waitForResults(rmPage, fragment);
    const ids = await rmPage
      .locator('[data-testid=search-result]')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.customerId ?? ''));
    expect(ids).toEqual(api.body.items.map((r) => r.customerId));
    expect(ids.every((id) => found.rm1Ids.has(id))).toBe(true);
    // The target's row marks exactly the typed characters in its name.
    const marks = await resultMarks(rmPage);
    expect(marks.get(target.id)).toBe(fragment);
    expect(await rmPage.locator('[data-testid=search-result] mark').count()).toBeGreaterThan(0);
    await screenshot(rmPage, 'desktop-search-rm1', false);

    await arrowTo(rmPage, target.id, ids.length);
    await rmPage.keyboard.press('Enter');
    await rmPage.waitForURL(new RegExp(`/customers/${encodeURIComponent(target.id)}$`));
    await rmPage.getByTestId('customer-page').waitFor();
    expect(await rmPage.getByTestId('customer-name').textContent()).toBe(target.name);
    // The box is cleared for the next search.
    expect(await input.inputValue()).toBe('');
  });

  test('rm1 sees the retail 360 page on desktop: AUM chart, holdings, transactions with filters', async () => {
    const target = found.target!;
    const view = (await apiGet<Customer360>(rmPage, `/api/customers/${encodeURIComponent(target.id)}/360`))
      .body;
    expect(view.kind).toBe('retail');
    await rmPage.getByTestId('c360-grid').waitFor();

    // Header: masked identifiers, RM.
    const profile = view.sections.profile;
    if (profile?.available) {
      expect(await rmPage.getByTestId('c360-rm').textContent()).toContain(profile.customer.rmName ?? '');
      if (profile.customer.idNumberMasked) {
        expect(await rmPage.getByTestId('c360-id-number').textContent()).toContain(
          profile.customer.idNumberMasked,
        );
      }
    }

    // AUM trend drawn on a canvas.
    const aum = view.sections.aum;
    if (aum?.available && aum.trend.length > 0) {
      await rmPage.locator('[data-testid=c360-aum-chart] canvas').waitFor();
    }
    // Holdings: one row per open asset account (8 a page), or the empty state.
    const holdings = view.sections.holdings;
    expect(holdings?.available).toBe(true);
    if (holdings?.available && holdings.items.length > 0) {
      await rmPage.locator('[data-testid=c360-holdings-donut] canvas').waitFor();
      expect(await rmPage.locator('[data-testid=c360-holdings-table] tr.ant-table-row').count()).toBe(
        Math.min(8, holdings.items.length),
      );
    } else {
      expect(await rmPage.getByTestId('c360-section-holdings').textContent()).toContain(
        '暂无持有中的资产类产品',
      );
    }
    // Sections of later issues say so.
    if (view.sections.scores && !view.sections.scores.available) {
      expect(await rmPage.getByTestId('c360-unavailable-scores').textContent()).toContain('尚未计算');
    }
    expect(await rmPage.getByTestId('c360-unavailable-visits').isVisible()).toBe(true);

    // Transactions: the first page as the API has it.
    const transactions = view.sections.transactions;
    expect(transactions?.available).toBe(true);
    if (transactions?.available) {
      const first = transactions.page;
      const rows = rmPage.locator('[data-testid=c360-txn-table] tr.c360-txn-row');
      expect(await rows.count()).toBe(Math.min(first.pageSize, first.items.length));
      expect(Number(await rmPage.getByTestId('c360-txn-total').getAttribute('data-total'))).toBe(first.total);

      // Filter by the type of the newest transaction: the total is the API's for that filter.
      const type = first.items[0]?.type;
      if (type) {
        const filtered = (
          await apiGet<ListPage<Transaction360>>(
            rmPage,
            `/api/customers/${encodeURIComponent(target.id)}/transactions?type=${type}&pageSize=20`,
          )
        ).body;
        await rmPage.getByTestId('c360-txn-type').click();
        await rmPage.locator(`.ant-select-item-option[title="${await typeLabel(rmPage, type)}"]`).click();
        await rmPage.waitForFunction(
          (total) =>
            document.querySelector('[data-testid=c360-txn-total]')?.getAttribute('data-total') ===
            String(total),
          filtered.total,
        );
        expect(await rows.count()).toBe(Math.min(20, filtered.items.length));
        await rmPage.getByTestId('c360-txn-reset').click();
        await rmPage.waitForFunction(
          (total) =>
            document.querySelector('[data-testid=c360-txn-total]')?.getAttribute('data-total') ===
            String(total),
          first.total,
        );
      }
    }
    await screenshot(rmPage, 'desktop-c360-retail-zh');
  });

  test('rm1 adds a note and sees it at the top of the list', async () => {
    const target = found.target!;
    found.note = `e2e 拜访记录 ${Date.now()}：客户关注大额存单到期续作`;
    await rmPage.getByTestId('c360-note-add').click();
    // An empty note is refused in the page, before any request.
    await rmPage.getByTestId('c360-note-error').waitFor();
    await rmPage.getByTestId('c360-note-input').fill(found.note);
    await rmPage.getByTestId('c360-note-add').click();
    await rmPage.locator('[data-testid=c360-note-text]', { hasText: found.note }).waitFor();
    expect(await rmPage.locator('[data-testid=c360-note-text]').first().textContent()).toBe(found.note);
    expect(await rmPage.getByTestId('c360-note-input').inputValue()).toBe('');
    const notes = (
      await apiGet<ListPage<CustomerNote>>(rmPage, `/api/customers/${encodeURIComponent(target.id)}/notes`)
    ).body;
    expect(notes.items[0]?.text).toBe(found.note);
    // The count beside the title follows.
    await rmPage.waitForFunction(
      (count) =>
        document.querySelector('[data-testid=c360-notes-count]')?.textContent?.includes(String(count)),
      notes.total,
    );
    await rmPage.getByTestId('c360-section-notes').scrollIntoViewIfNeeded();
    await screenshot(rmPage, 'desktop-c360-note', false);

    // English labels switch at once.
    await rmPage.getByTestId('lang-en').click();
    await rmPage.getByText('Where the money comes from and goes', { exact: true }).waitFor();
    await screenshot(rmPage, 'desktop-c360-retail-en');
    await rmPage.getByTestId('lang-zh-CN').click();
  });

  test('phone: full-screen search, then stacked collapsible sections with the note', async () => {
    const target = found.target!;
    const page = await open('phone', 'zh-CN');
    await page.goto('/login');
    await login(page, 'rm1');
    await page.getByTestId('search-open').click();
    const input = page.getByTestId('global-search-input');
    await input.waitFor();
    await input.tap();
    await page.keyboard.type(found.fragment, { delay: 60 });
    await waitForResults(page, found.fragment);
    const ids = await page
      .locator('[data-testid=search-result]')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.customerId ?? ''));
    expect(ids.every((id) => found.rm1Ids.has(id))).toBe(true);
    expect(ids).toContain(target.id);
    await screenshot(page, 'phone-search-rm1', false);

    await page.locator(`[data-testid=search-result][data-customer-id="${target.id}"]`).tap();
    await page.getByTestId('customer-page').waitFor();
    await page.getByTestId('c360-phone').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe(target.name);
    // Most useful first: AUM, holdings, maturities, life events and notes are open.
    for (const key of ['aum', 'holdings', 'maturities', 'lifeEvents', 'notes']) {
      expect(await page.getByTestId(`c360-section-${key}`).isVisible(), key).toBe(true);
    }
    expect(await page.getByTestId('c360-section-transactions').count()).toBe(0);
    const view = (await apiGet<Customer360>(page, `/api/customers/${encodeURIComponent(target.id)}/360`))
      .body;
    if (view.sections.aum?.available && view.sections.aum.trend.length > 0) {
      await page.locator('[data-testid=c360-aum-chart] canvas').waitFor();
    }
    await page.locator('[data-testid=c360-note-text]', { hasText: found.note }).waitFor();
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-c360-retail');

    // A collapsed section opens on tap and shows its content (transactions as a list).
    await page.getByTestId('c360-panel-transactions').tap();
    await page.getByTestId('c360-section-transactions').waitFor();
    await page.getByTestId('c360-txn-total').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('c360-toggle-all').tap();
    await page.getByTestId('c360-section-counterparties').waitFor();
    await screenshot(page, 'phone-c360-retail-expanded');
  });

  test("rm1 cannot open another RM's customer (search never offers one either)", async () => {
    // The manager's scope has customers of other RMs; none of them is reachable for rm1.
    const manager = await open('desktop', 'zh-CN');
    await manager.goto('/login');
    await login(manager, 'manager');
    const other = (await allCustomers(manager)).find((c) => !found.rm1Ids.has(c.id));
    expect(other).toBeTruthy();
    const api = await apiGet<unknown>(rmPage, `/api/customers/${encodeURIComponent(other!.id)}/360`);
    expect(api.status).toBe(404);
    const search = await apiGet<SearchResponse>(rmPage, `/api/search?q=${encodeURIComponent(other!.name)}`);
    expect(search.body.items.some((r) => r.customerId === other!.id)).toBe(false);
    await rmPage.goto(`/customers/${encodeURIComponent(other!.id)}`);
    await rmPage.getByTestId('customer-not-found').waitFor();
  });

  test('an analyst opens a corporate customer: registration, shareholders, supply chain, settlement', async () => {
    const page = await open('desktop', 'en-US');
    await page.goto('/login');
    await login(page, 'analyst');
    const corporates = (await allCustomers(page, '&kind=corporate')).slice(0, 40);
    expect(corporates.length).toBeGreaterThan(0);
    // The corporate customer with the most to show.
    let best: { id: string; name: string; weight: number } | null = null;
    for (const c of corporates) {
      const view = (await apiGet<Customer360>(page, `/api/customers/${encodeURIComponent(c.id)}/360`)).body;
      const s = view.sections;
      const weight =
        (s.shareholders?.available ? s.shareholders.items.length : 0) +
        (s.supplyChain?.available ? s.supplyChain.suppliers.length + s.supplyChain.buyers.length : 0) +
        (s.signals?.available ? s.signals.items.length : 0) +
        (s.guarantees?.available ? s.guarantees.given.length + s.guarantees.received.length : 0);
      if (!best || weight > best.weight) best = { id: c.id, name: c.name, weight };
    }
    await page.goto(`/customers/${encodeURIComponent(best!.id)}`);
    await page.getByTestId('customer-page').waitFor();
    expect(await page.getByTestId('customer-page').getAttribute('data-kind')).toBe('corporate');
    expect(await page.getByTestId('customer-name').textContent()).toBe(best!.name);
    await page.getByTestId('c360-registration').waitFor();
    for (const key of [
      'shareholders',
      'executives',
      'guarantees',
      'supplyChain',
      'settlement',
      'signals',
      'news',
      'group',
    ]) {
      expect(await page.getByTestId(`c360-section-${key}`).isVisible(), key).toBe(true);
    }
    const view = (await apiGet<Customer360>(page, `/api/customers/${encodeURIComponent(best!.id)}/360`)).body;
    if (view.sections.settlement?.available && view.sections.settlement.months.length > 0) {
      await page.locator('[data-testid=c360-settlement-chart] canvas').waitFor();
    }
    // Corporate customers have no life-events card.
    expect(await page.getByTestId('c360-section-lifeEvents').count()).toBe(0);
    await screenshot(page, 'desktop-c360-corporate-en');

    const phone = await open('phone', 'en-US');
    await phone.goto('/login');
    await login(phone, 'analyst');
    await phone.goto(`/customers/${encodeURIComponent(best!.id)}`);
    await phone.getByTestId('c360-phone').waitFor();
    await phone.getByTestId('c360-registration').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'phone-c360-corporate-en');
  });

  test('no uncaught errors in any page', () => {
    expect(pageErrors.flat()).toEqual([]);
  });
});

/** The label the type filter shows for a transaction type, in the page's current language. */
async function typeLabel(page: Page, type: string): Promise<string> {
  const lang = await page.evaluate(() => document.documentElement.lang);
  const { customer360I18n } = await import('../web/src/features/customer360/customer360.i18n.ts');
  const labels = (lang === 'en' ? customer360I18n.en : customer360I18n['zh-CN']).c360.txnTypes as Record<
    string,
    string
  >;
  return labels[type] ?? type;
}
