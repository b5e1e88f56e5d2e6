import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBank, TEST_BANK, testPhone, type TestBank } from '../modules/customers/test-fixtures.ts';
import { FixedClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/index.ts';
import { buildApp } from './app.ts';

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const SESSION_RE = /^panorama_session=([A-Za-z0-9_-]{43});/;

describe('HTTP API', () => {
  let bank: TestBank;
  let app: FastifyInstance;
  let webDir: string;
  const clock = new FixedClock(new Date('2026-03-15T10:00:00+08:00'));
  const logs = captureLogger();

  async function login(username: string, password = bank.password): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    const token = SESSION_RE.exec(cookie)?.[1];
    if (!token) throw new Error(`no session cookie in ${cookie}`);
    return `panorama_session=${token}`;
  }

  const get = (url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    bank = await createTestBank();
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><title>Panorama</title><div id="root"></div>',
    );
    fs.writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await buildApp({
      db: bank.db,
      config: loadConfig({}),
      logger: logs.logger,
      webDistDir: webDir,
      clock,
    });
  });

  afterAll(async () => {
    await app?.close();
    await bank?.close();
    if (webDir) fs.rmSync(webDir, { recursive: true, force: true });
  });

  describe('probes and docs', () => {
    it('answers /health with security headers', async () => {
      const res = await get('/health');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('answers /ready with the customer count', async () => {
      const res = await get('/ready');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ready', customers: TEST_BANK.customers });
    });

    it('serves the OpenAPI UI at /docs and documents every route', async () => {
      const ui = await get('/docs/');
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toContain('text/html');
      const spec = (await get('/docs/json')).json() as {
        paths: Record<string, Record<string, unknown>>;
        components: { schemas: Record<string, unknown> };
      };
      expect(Object.keys(spec.paths).sort()).toEqual([
        '/api/audiences/breakdown',
        '/api/audiences/count',
        '/api/audiences/fields',
        '/api/audiences/index',
        '/api/audiences/parse',
        '/api/audiences/sample',
        '/api/auth/login',
        '/api/auth/logout',
        '/api/auth/me',
        '/api/branches',
        '/api/customers',
        '/api/customers/{id}',
        '/api/customers/{id}/360',
        '/api/customers/{id}/notes',
        '/api/customers/{id}/transactions',
        '/api/events',
        '/api/search',
        '/api/segments',
        '/api/segments/overlap',
        '/api/segments/{id}',
        '/api/segments/{id}/export',
        '/api/segments/{id}/split',
        '/api/staff',
        '/api/tags',
        '/api/tags/features',
        '/api/tags/preview',
        '/api/tags/runs',
        '/api/tags/runs/latest',
        '/api/tags/{id}',
        '/api/tags/{id}/list',
        '/api/tags/{id}/retire',
        '/health',
        '/ready',
      ]);
      expect(Object.keys(spec.components.schemas)).toEqual(
        expect.arrayContaining(['CustomerListItem', 'CustomerDetail', 'User', 'Error']),
      );
    });
  });

  describe('authentication', () => {
    it('answers 401 without a session, in the error format', async () => {
      for (const url of [
        '/api/customers',
        '/api/customers/C001',
        '/api/auth/me',
        '/api/branches',
        '/api/staff',
      ]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(401);
        expect(res.json()).toEqual({ error: { code: 'unauthorized', message: 'authentication required' } });
      }
      expect((await app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
    });

    it('answers 401 for a forged cookie', async () => {
      expect((await get('/api/auth/me', `panorama_session=${'A'.repeat(43)}`)).statusCode).toBe(401);
    });

    it('logs in and sets an HttpOnly, SameSite=Lax session cookie', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'rm1', password: bank.password },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        user: {
          username: 'rm1',
          role: 'rm',
          staffId: TEST_BANK.rm1Id,
          branchId: 'B01-S01',
          branchName: '浦东支行',
        },
      });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(SESSION_RE);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Path=/');
      expect(cookie).not.toContain('Secure');
    });

    it('answers a wrong password and an unknown user with the same 401', async () => {
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'rm2', password: 'wrong-password' },
      });
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody', password: 'wrong-password' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(wrong.json()).toMatchObject({ error: { code: 'unauthorized' } });
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('answers 400 naming the missing field', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'rm1' } });
      expect(res.statusCode).toBe(400);
      const body = res.json() as { error: { code: string; message: string; details: { field: string }[] } };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.message).toContain('password');
      expect(body.error.details[0].field).toBe('password');
    });

    it('answers 400 for a body that is not JSON and 413 for one over 1 MB', async () => {
      const bad = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username":',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'validation_failed' } });
      const big = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'rm1', password: 'x'.repeat(1_100_000) },
      });
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({ error: { code: 'validation_failed' } });
    });

    it('limits login attempts per client and username', async () => {
      const attempt = () =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'flooded', password: 'guess' },
        });
      for (let i = 0; i < 10; i++) expect((await attempt()).statusCode).toBe(401);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'rm2', password: bank.password },
          })
        ).statusCode,
      ).toBe(200);
    });

    it('answers /api/auth/me for the session and ends it on logout', async () => {
      const cookie = await login('analyst');
      const me = await get('/api/auth/me', cookie);
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        user: { username: 'analyst', role: 'hq_analyst', branchId: 'HQ', branchName: '总行' },
      });
      const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toMatch(/^panorama_session=;.*Expires=Thu, 01 Jan 1970/);
      expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
    });

    it('ends a session after 30 idle minutes', async () => {
      const cookie = await login('rm2');
      clock.advance(29 * 60_000);
      expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
      clock.advance(30 * 60_000);
      expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
    });
  });

  describe('customers', () => {
    it('lists customers in the caller scope', async () => {
      const totals: Record<string, number> = {};
      for (const user of ['rm1', 'rm2', 'manager', 'admin']) {
        const res = await get('/api/customers?pageSize=5', await login(user));
        expect(res.statusCode).toBe(200);
        const body = res.json() as { total: number; page: number; pageSize: number; items: { id: string }[] };
        expect(body.items.length).toBeLessThanOrEqual(5);
        expect(body).toMatchObject({ page: 1, pageSize: 5 });
        totals[user] = body.total;
      }
      expect(totals).toEqual({
        rm1: 10,
        rm2: 8,
        manager: TEST_BANK.customersInManagerBranch,
        admin: TEST_BANK.customers,
      });
    });

    it('searches by name and by phone', async () => {
      const cookie = await login('manager');
      const byName = (await get(`/api/customers?q=${encodeURIComponent('张伟')}`, cookie)).json() as {
        items: { id: string; phoneMasked: string }[];
      };
      expect(byName.items.map((c) => c.id)).toEqual(['C001', 'C002']);
      expect(byName.items[0].phoneMasked).toBe('138****0001');
      const byPhone = (await get(`/api/customers?q=${testPhone(11)}`, cookie)).json() as { total: number };
      expect(byPhone.total).toBe(1);
    });

    it('does not log query strings (they may carry ID numbers and phones)', async () => {
      const cookie = await login('admin');
      await get(`/api/customers?q=${testPhone(12)}`, cookie);
      const requestLogs = logs.lines.filter((l) => l.msg === 'request');
      expect(requestLogs.some((l) => l.path === '/api/customers' && l.user === 'admin')).toBe(true);
      expect(JSON.stringify(logs.lines)).not.toContain(testPhone(12));
    });

    it('answers the customer view, and 404 outside the scope like for an absent customer', async () => {
      const cookie = await login('rm1');
      const own = await get('/api/customers/C001', cookie);
      expect(own.statusCode).toBe(200);
      const view = own.json() as {
        customer: { id: string; idNumberMasked: string };
        holdings: unknown[];
        monthly: { month: string }[];
      };
      expect(view.customer.id).toBe('C001');
      expect(view.customer.idNumberMasked).toMatch(/^310115\*{8}\d{3}[\dX]$/);
      expect(view.holdings).toHaveLength(2);
      expect(view.monthly).toHaveLength(13);
      const outside = await get('/api/customers/C019', cookie);
      const absent = await get('/api/customers/NOPE', cookie);
      expect(outside.statusCode).toBe(404);
      expect(outside.json()).toEqual(absent.json());
      expect(outside.json()).toEqual({ error: { code: 'not_found', message: 'customer not found' } });
    });

    it('answers 400 naming the bad query parameter', async () => {
      const cookie = await login('admin');
      const big = await get('/api/customers?pageSize=500', cookie);
      expect(big.statusCode).toBe(400);
      expect(big.json()).toMatchObject({
        error: { code: 'validation_failed', details: [{ field: 'pageSize', in: 'querystring' }] },
      });
      expect((big.json() as { error: { message: string } }).error.message).toContain('pageSize');
      const kind = await get('/api/customers?kind=vip', cookie);
      expect(kind.statusCode).toBe(400);
      expect((kind.json() as { error: { message: string } }).error.message).toContain('kind');
      expect((await get('/api/customers?page=0', cookie)).statusCode).toBe(400);
      expect((await get('/api/customers?page=abc', cookie)).statusCode).toBe(400);
    });
  });

  describe('organisation', () => {
    it("lists the manager's branches in tree order and staff in scope", async () => {
      const cookie = await login('manager');
      const branches = (await get('/api/branches', cookie)).json() as {
        items: { id: string; parentId: string | null }[];
      };
      expect(branches.items.map((b) => b.id)).toEqual(['B01', 'B01-S01', 'B01-S01-O01', 'B01-S02']);
      const staff = (await get('/api/staff?role=rm', cookie)).json() as {
        items: { id: string; role: string; branchId: string }[];
      };
      expect(staff.items.map((s) => s.id)).toEqual([TEST_BANK.idleRmId, TEST_BANK.rm1Id, TEST_BANK.rm2Id]);
      expect((await get('/api/staff?role=boss', cookie)).statusCode).toBe(400);
    });

    it('shows HQ roles the whole organisation and an RM only themselves', async () => {
      const admin = await login('admin');
      expect(((await get('/api/branches', admin)).json() as { items: unknown[] }).items).toHaveLength(7);
      const rm = await login('rm1');
      expect(
        ((await get('/api/staff', rm)).json() as { items: { id: string }[] }).items.map((s) => s.id),
      ).toEqual([TEST_BANK.rm1Id]);
    });
  });

  describe('web UI', () => {
    it('serves index.html for page paths (SPA routing)', async () => {
      for (const url of ['/', '/customers/C001', '/login?next=%2F']) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['content-type']).toContain('text/html');
        expect(res.body).toContain('<div id="root">');
      }
    });

    it('serves hashed assets cacheable for a year', async () => {
      const res = await get('/assets/index-abc123.js');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toContain('immutable');
    });

    it('answers JSON 404 for unknown API routes and missing files', async () => {
      const api = await get('/api/nothing-here', await login('admin'));
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ error: { code: 'not_found' } });
      expect((await get('/assets/missing.js')).statusCode).toBe(404);
    });
  });
});

describe('HTTP API failure modes', () => {
  it('answers 500 without internals, logs the error, and /ready 503, when the database is broken', async () => {
    const db = await openDatabase({});
    const logs = captureLogger();
    const app = await buildApp({ db, config: loadConfig({}), logger: logs.logger });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'whatever' },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'internal', message: 'internal server error' } });
      expect(res.body).not.toContain('app_user');
      expect(
        logs.lines.some((l) => l.msg === 'request failed' && JSON.stringify(l).includes('app_user')),
      ).toBe(true);
      const ready = await app.inject({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable' });
    } finally {
      await app.close();
      await db.close();
    }
  });

  it('marks the session cookie Secure when configured', async () => {
    const bank = await createTestBank();
    const app = await buildApp({
      db: bank.db,
      config: loadConfig({ PANORAMA_SECURE_COOKIES: 'true' }),
      logger: pino({ level: 'silent' }),
    });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: bank.password },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toContain('Secure');
      expect(res.headers['strict-transport-security']).toBeDefined();
    } finally {
      await app.close();
      await bank.close();
    }
  });
});
