import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type {
  AudienceCount,
  AudienceFieldInfo,
  AudienceNode,
  CustomerListItem,
  Page as ListPage,
  Segment,
  SegmentOverlap,
  TagDetail,
  TagSummary,
} from '../web/src/api/types.ts';
import { apiGet, login, screenshot as save, useBrowserSession } from './support/browser.ts';

// Browser test of the tag catalogue and the audience builder against the real `panorama serve`
// on the seeded demo bank (tags computed and the audience index built by its preparation):
// an analyst builds an audience with the pickers, sees the live count change and match the API,
// saves it and finds it in the list; rm1 gets at most their own customers for the same
// expression; the catalogue shows a tag's distribution; phone layout. Screenshots go to
// e2e/screenshots/.

const { open, pageErrors } = useBrowserSession();

/** What the analyst test learns, for the tests after it. */
const built = {
  json: null as AudienceNode | null,
  enumNode: null as AudienceNode | null,
  text: '',
  count: -1,
  segmentId: '',
  name: '',
};
let enumField: AudienceFieldInfo;
let numericField: AudienceFieldInfo;
let booleanField: AudienceFieldInfo;

/** POST JSON with the page's session cookie; returns status and parsed body. */
async function apiPost<T>(page: Page, apiPath: string, body: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ target, payload }) => {
      const response = await fetch(target, {
        method: 'POST',
        credentials: 'include',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { target: apiPath, payload: body },
  );
}

/** A screenshot from the top of the page (a scrolled full-page shot repeats the sticky header). */
async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await save(page, name, fullPage);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The open dropdown of an antd Select. */
function dropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
}

/** Waits for the live count to settle on a value different from `previous`; returns it. */
async function settledCount(page: Page, previous?: number): Promise<number> {
  await page.waitForFunction(
    (before) => {
      const el = document.querySelector<HTMLElement>('[data-testid=audience-count]');
      if (!el || el.dataset.loading !== 'false' || el.dataset.count === '') return false;
      return before === null || Number(el.dataset.count) !== before;
    },
    previous ?? null,
    { timeout: 20_000 },
  );
  return Number(await page.getByTestId('audience-count').getAttribute('data-count'));
}

/** Picks a field in the condition row through the searchable, theme-grouped picker. */
async function pickField(page: Page, row: Locator, field: AudienceFieldInfo): Promise<void> {
  await row.getByTestId('condition-field').click();
  await row.getByTestId('condition-field').locator('input').fill(field.id);
  await dropdown(page)
    .locator('.ant-select-item-option')
    .filter({ has: page.locator('.mono', { hasText: new RegExp(`^${escapeRegExp(field.id)}$`) }) })
    .click();
}

describe('tags and audiences in chromium', () => {
  let analyst: Page;

  test('analyst builds an audience with the pickers; the live count follows and equals the API', async () => {
    analyst = await open('desktop', 'zh-CN');
    await analyst.goto('/login');
    await login(analyst, 'analyst');

    // Choose fields the demo bank's catalogue has, preferring the ones a banker would pick.
    const fields = (await apiGet<{ fields: AudienceFieldInfo[] }>(analyst, '/api/audiences/fields')).body
      .fields;
    expect(fields.length, 'the audience index has tag fields').toBeGreaterThan(20);
    const enums = fields.filter(
      (f) => f.kind === 'enum' && (f.values ?? []).filter((v) => (v.count ?? 0) > 0).length >= 3,
    );
    enumField = enums.find((f) => f.id === 'aum_tier') ?? enums[0]!;
    const numerics = fields.filter(
      (f) => f.kind === 'numeric' && f.min != null && f.max != null && f.max > f.min,
    );
    numericField = numerics.find((f) => f.id === 'age') ?? numerics[0]!;
    const booleans = fields.filter((f) => {
      if (f.kind !== 'boolean' || f.id.startsWith('holds_')) return false;
      const yes = f.values?.find((v) => v.value === 'true')?.count ?? 0;
      const no = f.values?.find((v) => v.value === 'false')?.count ?? 0;
      return yes > 0 && no > 0 && yes / (yes + no) > 0.2;
    });
    booleanField = booleans[0]!;
    expect(enumField && numericField && booleanField, 'an enum, a numeric and a boolean field').toBeTruthy();
    const [v1, v2] = [...enumField.values!]
      .filter((v) => (v.count ?? 0) > 0)
      .sort((a, b) => b.count! - a.count!);
    const threshold = Math.round(numericField.min! + (numericField.max! - numericField.min!) / 3);

    await analyst.goto('/audiences/new');
    await analyst.getByTestId('audience-builder').waitFor();
    // An empty builder counts everyone in scope.
    const everyone = await settledCount(analyst);
    expect(Number(await analyst.getByTestId('audience-count').getAttribute('data-scope-total'))).toBe(
      everyone,
    );

    // 1. enum field in (two values), chosen from a multi-select showing counts.
    const first = analyst.getByTestId('audience-condition').nth(0);
    await pickField(analyst, first, enumField);
    await first.getByTestId('condition-value').click();
    for (const value of [v1!, v2!]) {
      await dropdown(analyst)
        .locator('.ant-select-item-option')
        .filter({ hasText: new RegExp(`^${escapeRegExp(value.zh)} \\(`) })
        .click();
    }
    await analyst.keyboard.press('Escape');
    const c1 = await settledCount(analyst, everyone);
    expect(c1).toBeLessThan(everyone);
    expect(c1).toBeGreaterThan(0);

    // 2. numeric field ≥ threshold (the default operator of numbers), typed.
    await analyst.getByTestId('condition-add').locator('button').first().click();
    const second = analyst.getByTestId('audience-condition').nth(1);
    await pickField(analyst, second, numericField);
    expect(await second.getByTestId('condition-operator').textContent()).toContain('≥');
    await second.locator('.ant-input-number-input').fill(String(threshold));
    const c2 = await settledCount(analyst, c1).catch(() => c1);
    expect(c2).toBeLessThanOrEqual(c1);

    // 3. a second group: boolean field = yes.
    await analyst.getByTestId('group-add').click();
    const third = analyst.getByTestId('audience-group').nth(1).getByTestId('audience-condition').first();
    await pickField(analyst, third, booleanField);
    const c3 = await settledCount(analyst, c2).catch(() => c2);
    expect(c3).toBeLessThanOrEqual(c2);
    expect(c3).toBeGreaterThan(0);
    await screenshot(analyst, 'desktop-audience-builder');

    // The count equals the API's for the expression built independently here, and for its text.
    const expected: AudienceNode = {
      op: 'and',
      args: [
        {
          op: 'and',
          args: [
            { op: 'in', field: enumField.id, values: [v1!.value, v2!.value] },
            { op: 'cmp', field: numericField.id, cmp: '>=', value: threshold },
          ],
        },
        { op: 'cmp', field: booleanField.id, cmp: '=', value: true },
      ],
    };
    const byJson = await apiPost<AudienceCount>(analyst, '/api/audiences/count', { expression: expected });
    expect(byJson.status).toBe(200);
    expect(byJson.body.count).toBe(c3);
    const text = (await analyst.getByTestId('audience-count').getAttribute('data-text'))!;
    expect(text).toBe(byJson.body.text);
    const byText = await apiPost<AudienceCount>(analyst, '/api/audiences/count', { expression: text });
    expect(byText.body.count).toBe(c3);
    built.json = expected;
    built.enumNode = { op: 'in', field: enumField.id, values: [v1!.value, v2!.value] };
    built.text = text;
    built.count = c3;

    // The text tab shows the same expression; a typo gets the position and a suggestion.
    await analyst.getByRole('tab', { name: '表达式' }).click();
    expect(await analyst.getByTestId('expression-text').inputValue()).toBe(text);
    await analyst.getByTestId('expression-text').fill(`${enumField.id}x in ('${v1!.value}')`);
    await analyst.getByTestId('expression-apply').click();
    await analyst.getByTestId('expression-error').waitFor();
    expect(await analyst.getByTestId('expression-error').getAttribute('data-position')).toBe('0');
    expect(await analyst.getByTestId('expression-suggestions').textContent()).toContain(enumField.id);
    await screenshot(analyst, 'desktop-audience-text-error');
    await analyst.getByTestId('expression-text').fill(text);
    await analyst.getByTestId('expression-apply').click();
    await analyst.getByRole('tab', { name: '条件构建' }).click();
    expect(await analyst.getByTestId('audience-condition').count()).toBe(3);
    expect(await settledCount(analyst)).toBe(c3);

    // Breakdown chart and sample table.
    await analyst.locator('[data-testid=breakdown-chart] canvas').waitFor();
    await analyst.locator('[data-testid=audience-sample] tr.ant-table-row').first().waitFor();
    const sampleRows = await analyst.locator('[data-testid=audience-sample] tr.ant-table-row').count();
    expect(sampleRows).toBe(Math.min(20, c3));

    // Save: it gets an id in the URL and appears in the list with the same count.
    built.name = `e2e 高价值 ${Date.now() % 100000}`;
    await analyst.getByTestId('segment-save').click();
    await analyst.getByTestId('segment-name').fill(built.name);
    await analyst.locator('.segment-save-modal .ant-btn-primary').click();
    await analyst.waitForURL(/\/audiences\/(?!new)[^/]+$/);
    built.segmentId = decodeURIComponent(new URL(analyst.url()).pathname.split('/').pop()!);
    await analyst.getByTestId('audience-title').filter({ hasText: built.name }).waitFor();
    expect(await analyst.getByTestId('segment-split').isEnabled()).toBe(true);

    await analyst.getByTestId('audience-back').click();
    await analyst.getByTestId('segment-table').waitFor();
    const row = analyst.locator('[data-testid=segment-table] tr.ant-table-row', { hasText: built.name });
    await row.waitFor();
    expect((await row.locator('[data-col=count]').textContent())?.replace(/,/g, '')).toBe(String(c3));
    const segment = (await apiGet<Segment>(analyst, `/api/segments/${encodeURIComponent(built.segmentId)}`))
      .body;
    expect(segment.count).toBe(c3);
    expect(segment.json).toEqual(expected);
  });

  test('two segments overlap as a Venn diagram whose regions add up to the union', async () => {
    // A second segment through the API: only the enum condition.
    const second = await apiPost<Segment>(analyst, '/api/segments', {
      name: `e2e 对比 ${Date.now() % 100000}`,
      kind: 'dynamic',
      expression: built.enumNode,
    });
    expect(second.status).toBe(201);
    await analyst.reload();
    await analyst.getByTestId('segment-table').waitFor();
    for (const name of [built.name, second.body.name]) {
      await analyst
        .locator('[data-testid=segment-table] tr.ant-table-row', { hasText: name })
        .locator('.ant-checkbox-input')
        .check();
    }
    await analyst.getByTestId('segment-overlap').waitFor();
    const overlap = await apiPost<SegmentOverlap>(analyst, '/api/segments/overlap', {
      ids: [built.segmentId, second.body.id],
    });
    // The first segment is a subset of the second: the union is the second's count.
    const both = overlap.body.sets.find((s) => s.ids.length === 2)!.count;
    expect(both).toBe(built.count);
    const union = (await analyst.getByTestId('overlap-union').textContent())!.replace(/[^0-9]/g, '');
    expect(Number(union)).toBe(second.body.count);
    await screenshot(analyst, 'desktop-segments-overlap');
  });

  test('rm1: the same expression counts at most rm1 customers, in the API and the builder', async () => {
    expect(built.json).not.toBeNull();
    const page = await open('desktop', 'en-US');
    await page.goto('/login');
    await login(page, 'rm1');
    const customers = (await apiGet<ListPage<CustomerListItem>>(page, '/api/customers?pageSize=1')).body
      .total;
    const count = (await apiPost<AudienceCount>(page, '/api/audiences/count', { expression: built.json }))
      .body;
    expect(count.scopeTotal).toBe(customers);
    expect(count.count).toBeLessThanOrEqual(customers);
    expect(count.count).toBeLessThanOrEqual(built.count);

    await page.goto('/audiences/new');
    await page.getByTestId('audience-builder').waitFor();
    await settledCount(page);
    await page.getByRole('tab', { name: 'Expression' }).click();
    await page.getByTestId('expression-text').fill(built.text);
    await page.getByTestId('expression-apply').click();
    await page.getByRole('tab', { name: 'Builder' }).click();
    await page.getByTestId('audience-condition').nth(2).waitFor();
    await page.waitForFunction(
      (expected) =>
        document.querySelector<HTMLElement>('[data-testid=audience-count]')?.dataset.count ===
        String(expected),
      count.count,
    );
    expect(Number(await page.getByTestId('audience-count').getAttribute('data-scope-total'))).toBe(customers);
    // Sample rows link to customers rm1 may open.
    const links = page.locator('[data-testid=audience-sample] a[data-customer-id]');
    if (count.count > 0) {
      await links.first().waitFor();
      const id = await links.first().getAttribute('data-customer-id');
      expect((await apiGet<unknown>(page, `/api/customers/${encodeURIComponent(id!)}`)).status).toBe(200);
    }
    await screenshot(page, 'desktop-rm1-audience-en');
  });

  test('tag catalogue: themes with counts, a tag with its distribution and SQL, preview errors inline', async () => {
    await analyst.goto('/tags');
    await analyst.getByTestId('tag-table').waitFor();
    const tags = (await apiGet<{ items: TagSummary[] }>(analyst, '/api/tags')).body.items;
    expect(tags.length).toBeGreaterThanOrEqual(150);
    await expect
      .poll(async () => Number(await analyst.getByTestId('tag-total').getAttribute('data-total')))
      .toBe(tags.length);
    const theme = tags.find((t) => t.id === enumField.id)!.theme;
    await analyst
      .getByTestId('tag-themes')
      .locator('.ant-menu-item')
      .nth(1 + ['natural', 'asset', 'liability', 'risk', 'transaction', 'behaviour', 'value'].indexOf(theme))
      .click();
    await analyst.waitForURL(new RegExp(`theme=${theme}`));
    await expect
      .poll(async () => Number(await analyst.getByTestId('tag-total').getAttribute('data-total')))
      .toBe(tags.filter((t) => t.theme === theme).length);
    await screenshot(analyst, 'desktop-tags');

    await analyst.locator('#tag-search').fill(enumField.id);
    await analyst.locator('#tag-search').press('Enter');
    await analyst.locator(`[data-testid=tag-table] [data-tag-id="${enumField.id}"]`).click();
    await analyst.getByTestId('tag-detail-body').waitFor();
    await analyst.locator('[data-testid=tag-distribution] canvas').waitFor();
    const detail = (await apiGet<TagDetail>(analyst, `/api/tags/${enumField.id}`)).body;
    expect(detail.distribution.length).toBeGreaterThan(1);
    if (detail.tag.source.type === 'sql') {
      expect(await analyst.getByTestId('tag-sql').textContent()).toBe(detail.tag.source.expression);
    }
    await screenshot(analyst, 'desktop-tag-detail');

    // Edit → preview on a sample; a wrong column is an inline error naming it. Nothing is saved.
    await analyst.getByTestId('tag-edit').click();
    await analyst.getByTestId('tag-editor-form').waitFor();
    await analyst.getByTestId('tag-preview-button').click();
    await analyst.getByTestId('tag-preview').waitFor();
    await analyst.locator('[data-testid=tag-preview-distribution] canvas').waitFor();
    await screenshot(analyst, 'desktop-tag-preview');
    await analyst.getByTestId('tag-expression').fill("CASE WHEN no_such_column > 1 THEN 'a' END");
    await analyst.getByTestId('tag-preview-button').click();
    await analyst.getByTestId('tag-preview-error').waitFor();
    expect(await analyst.getByTestId('tag-preview-error').textContent()).toContain('no_such_column');
    await screenshot(analyst, 'desktop-tag-preview-error');
    const after = (await apiGet<TagDetail>(analyst, `/api/tags/${enumField.id}`)).body;
    expect(after.tag.version).toBe(detail.tag.version);
  });

  test('phone: the builder and the catalogue fit the screen', async () => {
    const page = await open('phone', 'zh-CN');
    await page.goto('/login');
    await login(page, 'analyst');
    await page.goto('/audiences/new');
    await page.getByTestId('audience-builder').waitFor();
    const everyone = await settledCount(page);
    const row = page.getByTestId('audience-condition').first();
    await pickField(page, row, booleanField);
    const count = await settledCount(page, everyone);
    expect(count).toBeLessThan(everyone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-audience-builder');

    await page.goto('/audiences');
    await page.getByTestId('segment-cards').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-segments', false);

    await page.goto('/tags');
    await page.getByTestId('tag-cards').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-tags', false);
    await page.locator('[data-testid=tag-cards] [data-tag-id]').first().click();
    await page.getByTestId('tag-detail-body').waitFor();
    await screenshot(page, 'phone-tag-detail', false);
  });

  test('no page reported an error', () => {
    // 400 answers to the deliberately wrong expression and tag SQL are expected.
    expect(pageErrors.flat().filter((line) => !/status of 400/.test(line))).toEqual([]);
  });
});
