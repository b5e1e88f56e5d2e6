import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Page as ListPage } from '../../web/src/api/types.ts';
import { DEMO_PASSWORD, repoRoot, startPanorama, type RunningServer } from './server.ts';

/** Where the browser tests save screenshots (gitignored). */
export const SCREENSHOT_DIR = path.join(repoRoot, 'e2e', 'screenshots');

/** Debian's chromium, or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless chromium with the flags that work in containers without a GPU or network. */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Viewports the app is checked at. */
export const VIEWPORTS = {
  desktop: { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;

/** A new browser context at a viewport and browser language; page errors fail loudly. */
export async function newContext(
  browser: Browser,
  baseUrl: string,
  size: keyof typeof VIEWPORTS,
  locale: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ ...VIEWPORTS[size], locale, baseURL: baseUrl });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // 401 on the session probe and 404 on an out-of-scope customer are expected answers.
    if (message.type() === 'error' && !/status of (401|404)/.test(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return { context, page, errors };
}

/** A test file's browser session: `open` pages on it; `pageErrors` holds what each page reported. */
export interface BrowserSession {
  open(size: keyof typeof VIEWPORTS, locale: string): Promise<Page>;
  /** Errors each opened page reported (uncaught exceptions, console errors), checked at the end. */
  readonly pageErrors: string[][];
}

/**
 * Starts `panorama serve` and chromium before the file's tests and closes every page, the browser
 * and the server after them (registers vitest's beforeAll/afterAll, so call it at the top level).
 */
export function useBrowserSession(): BrowserSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];
  beforeAll(async () => {
    server = await startPanorama();
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  return {
    pageErrors,
    async open(size, locale) {
      if (!server || !browser) throw new Error('browser session not started (open pages inside tests)');
      const { context, page, errors } = await newContext(browser, server.baseUrl, size, locale);
      contexts.push(context);
      pageErrors.push(errors);
      return page;
    },
  };
}

/** Every item of a paged API list (`page`/`pageSize` query, `{ items, total }` answer), up to `maxPages` pages. */
export async function allPages<T>(page: Page, apiPath: string, maxPages = 200): Promise<T[]> {
  const items: T[] = [];
  for (let p = 1; p <= maxPages; p++) {
    const separator = apiPath.includes('?') ? '&' : '?';
    const target = `${apiPath}${separator}page=${p}&pageSize=100`;
    const { status, body } = await apiGet<ListPage<T>>(page, target);
    if (status !== 200) throw new Error(`GET ${target} answered ${status}`);
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) break;
  }
  return items;
}

/** Signs in through the login form and waits for the customer list. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await waitForList(page);
}

/** Waits until the customer list shows the answer for the current URL (not fetching, total shown). */
export async function waitForList(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const list = document.querySelector<HTMLElement>('[data-testid=customers-page]');
    return (
      list !== null &&
      list.dataset.loading === 'false' &&
      list.dataset.search === new URLSearchParams(window.location.search).toString()
    );
  });
  await page.getByTestId('customer-total').waitFor();
}

/** The total the list shows. */
export async function listTotal(page: Page): Promise<number> {
  return Number(await page.getByTestId('customer-total').getAttribute('data-total'));
}

/** Text of every visible row's cell in a column (`data-col`) of the table or the card list. */
export async function columnTexts(page: Page, column: string): Promise<string[]> {
  return page
    .locator(
      `[data-testid=customer-table] tr.ant-table-row [data-col=${column}], [data-testid=customer-cards] [data-col=${column}]`,
    )
    .allTextContents();
}

/** GET an API path with the page's session cookie; returns status and parsed body. */
export async function apiGet<T>(page: Page, apiPath: string): Promise<{ status: number; body: T }> {
  return page.evaluate(async (target) => {
    const response = await fetch(target, { credentials: 'include', headers: { Accept: 'application/json' } });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }, apiPath);
}

/** Saves a screenshot under e2e/screenshots/. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Let charts finish their entrance animation and fonts settle.
  await page.waitForTimeout(1200);
  await page.screenshot({ path: file, fullPage });
  return file;
}
