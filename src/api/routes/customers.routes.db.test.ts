// The 360 view, transactions, notes and search on a generated bank (generate → import → publish),
// checked against the warehouse it was published from; on PGlite and, with DATABASE_URL, PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { FixedClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import type { Database } from '../../platform/db/index.ts';
import { testDatabaseTargets } from '../../platform/db/test-databases.ts';
import { openMemoryWarehouse, type Warehouse } from '../../platform/warehouse/index.ts';
import { accessMigrations, ensureDemoUsers, type Principal } from '../../modules/access/index.ts';
import {
  Customer360Service,
  customerMigrations,
  PostgresCustomer360Repository,
  PostgresCustomersRepository,
} from '../../modules/customers/index.ts';
import { generateBank, importData, publishToServing } from '../../modules/ingest/index.ts';

const AS_OF = '2024-06-30';
const PASSWORD = 'test-password-360';
const clock = new FixedClock(new Date('2024-07-01T10:00:00+08:00'));
const admin: Principal = {
  userId: 'u-admin',
  username: 'admin',
  role: 'admin',
  staffId: null,
  branchId: null,
  branchPath: null,
};

let dataDir: string;
let warehouse: Warehouse;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-360-'));
  await generateBank({ customers: 400, seed: 11, months: 13, outDir: dataDir, asOf: AS_OF, progress: false });
  warehouse = await openMemoryWarehouse();
  await importData({
    warehouse,
    source: dataDir,
    rejectsDir: path.join(dataDir, 'rejects'),
    progress: false,
  });
}, 120_000);

afterAll(() => {
  warehouse?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const num = (v: unknown) => Number(v ?? 0);

describe.each(testDatabaseTargets())('customer 360 on $name', (target) => {
  let db: Database;
  let service: Customer360Service;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    db = await target.open([...accessMigrations, ...customerMigrations]);
    await publishToServing({ warehouse, db, progress: false });
    await ensureDemoUsers(db, PASSWORD);
    service = new Customer360Service(
      new PostgresCustomer360Repository(db),
      new PostgresCustomersRepository(db),
      clock,
    );
    app = await buildApp({ db, config: loadConfig({}), logger: pino({ level: 'silent' }), clock });
    for (const username of ['admin', 'rm1', 'rm2']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: PASSWORD },
      });
      expect(res.statusCode, res.body).toBe(200);
      cookies[username] = String(res.headers['set-cookie']).split(';')[0];
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (url: string, user: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: cookies[user] } });

  /** A retail customer with transactions, balances and counterparties in the recent window. */
  async function busyRetailCustomer(): Promise<string> {
    const [row] = await warehouse.all<{ customer_id: string }>(`
      SELECT t.customer_id FROM raw_transaction t JOIN raw_customer c ON c.id = t.customer_id
      WHERE c.kind = 'retail' AND t.ts >= TIMESTAMP '${AS_OF}' - INTERVAL 90 DAY
      GROUP BY 1 HAVING count(*) > 10 ORDER BY count(*) DESC, 1 LIMIT 1`);
    return row.customer_id;
  }

  it('AUM trend equals the month-end balances of deposit and investment accounts', async () => {
    const id = await busyRetailCustomer();
    const view = await service.view(admin, id, 'aum,flows');
    const aum = view.sections.aum;
    if (!aum?.available) throw new Error('aum unavailable');
    const expected = await warehouse.all<{ month: Date; aum: unknown }>(`
      SELECT b.month, sum(b.balance) AS aum FROM raw_balance_monthly b
      JOIN raw_account a ON a.id = b.account_id JOIN raw_product p ON p.id = a.product_id
      WHERE b.customer_id = '${id}' AND p.category IN ('current','time_deposit','cd','payroll','corporate_settlement','wealth','fund','insurance')
      GROUP BY 1 ORDER BY 1 DESC LIMIT 13`);
    const byMonth = new Map(expected.map((e) => [e.month.toISOString().slice(0, 10), num(e.aum)]));
    expect(aum.trend.length).toBeGreaterThan(6);
    for (const point of aum.trend)
      expect(point.aum, point.month).toBeCloseTo(byMonth.get(point.month) ?? 0, 2);
    expect(Object.keys(view.sections)).toEqual(['aum', 'flows']);
  });

  it('Sankey links sum to the recent inflow and outflow of the transactions', async () => {
    const id = await busyRetailCustomer();
    const view = await service.view(admin, id, 'counterparties');
    const cp = view.sections.counterparties;
    if (!cp?.available) throw new Error('counterparties unavailable');
    const [sums] = await warehouse.all<{ inflow: unknown; outflow: unknown }>(`
      SELECT sum(CASE WHEN amount >= 0 THEN amount ELSE 0 END) AS inflow, sum(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS outflow
      FROM raw_transaction WHERE customer_id = '${id}'
        AND ts >= (SELECT max(ts) FROM raw_transaction) - INTERVAL 90 DAY`);
    const into = cp.sankey.links.filter((l) => l.target === 'customer').reduce((s, l) => s + l.value, 0);
    const out = cp.sankey.links.filter((l) => l.source === 'customer').reduce((s, l) => s + l.value, 0);
    expect(into).toBeCloseTo(num(sums.inflow), 1);
    expect(out).toBeCloseTo(num(sums.outflow), 1);
    expect(cp.totalInflow).toBeCloseTo(num(sums.inflow), 1);
    const ids = new Set(cp.sankey.nodes.map((n) => n.id));
    for (const l of cp.sankey.links) expect(ids.has(l.source) && ids.has(l.target)).toBe(true);
    expect(cp.sources[0].amount).toBeGreaterThanOrEqual(cp.sources.at(-1)?.amount ?? 0);
  });

  it("a corporate customer's shareholders and guarantees equal the raw_relation rows", async () => {
    const [corp] = await warehouse.all<{ customer_id: string; entity_id: string; n: unknown }>(`
      SELECT e.customer_id, e.id AS entity_id, count(*) AS n FROM raw_entity e
      JOIN raw_relation r ON r.to_id = e.id AND r.type IN ('shareholder', 'investment', 'controller')
      WHERE e.customer_id IS NOT NULL GROUP BY 1, 2 ORDER BY n DESC, 1 LIMIT 1`);
    const view = await service.view(admin, corp.customer_id);
    expect(view.kind).toBe('corporate');
    const sh = view.sections.shareholders;
    if (!sh?.available) throw new Error('shareholders unavailable');
    const raw = await warehouse.all<{ from_id: string; pct: number | null }>(
      `SELECT from_id, pct FROM raw_relation WHERE to_id = '${corp.entity_id}' AND type IN ('shareholder', 'investment', 'controller')`,
    );
    expect(sh.items.map((s) => s.entityId).sort()).toEqual(raw.map((r) => r.from_id).sort());
    const reg = view.sections.registration;
    expect(reg?.available && reg.uscc).toMatch(/^[0-9A-Z]{18}$/);
    const guarantees = await warehouse.all<{ n: unknown }>(
      `SELECT count(*) AS n FROM raw_relation WHERE type = 'guarantee' AND (from_id = '${corp.entity_id}' OR to_id = '${corp.entity_id}')`,
    );
    const g = view.sections.guarantees;
    if (!g?.available) throw new Error('guarantees unavailable');
    expect(g.given.length + g.received.length).toBe(num(guarantees[0].n));
    for (const name of ['supplyChain', 'settlement', 'signals', 'news', 'group'] as const)
      expect(view.sections[name]?.available, name).toBe(true);
  });

  it('retail sections, corporate-only sections and not-yet-built sections say what they are', async () => {
    const id = await busyRetailCustomer();
    const view = await service.view(admin, id);
    expect(view.sections.registration).toMatchObject({ available: false, reason: 'not_applicable' });
    expect(view.sections.alerts).toMatchObject({ available: false, reason: 'not_computed' });
    expect(view.sections.scores).toMatchObject({ available: false, reason: 'not_computed' });
    const profile = view.sections.profile;
    if (!profile?.available) throw new Error('profile unavailable');
    expect(profile.customer.idNumberMasked ?? '').toContain('*');
    expect(profile.branchPath.at(-1)?.id).toBe(profile.customer.homeBranchId);
    const holdings = view.sections.holdings;
    if (!holdings?.available) throw new Error('holdings unavailable');
    const categorySum = holdings.categories.reduce((s, c) => s + c.balance, 0);
    expect(categorySum).toBeCloseTo(holdings.total, 1);
    expect(view.sections.timeline?.available).toBe(true);
    expect(view.sections.channels?.available).toBe(true);
  });

  it('detects a home purchase for every customer who opened a mortgage', async () => {
    const [row] = await warehouse.all<{ customer_id: string; opened: Date }>(`
      SELECT a.customer_id, a.opened FROM raw_account a JOIN raw_product p ON p.id = a.product_id
      WHERE p.category = 'mortgage' ORDER BY a.opened DESC, a.id LIMIT 1`);
    const view = await service.view(admin, row.customer_id, 'lifeEvents');
    const events = view.sections.lifeEvents;
    if (!events?.available) throw new Error('lifeEvents unavailable');
    expect(events.items).toContainEqual(
      expect.objectContaining({ type: 'home_purchase', date: row.opened.toISOString().slice(0, 10) }),
    );
  });

  it('filters and pages transactions like the warehouse counts them', async () => {
    const id = await busyRetailCustomer();
    const [expected] = await warehouse.all<{ n: unknown }>(`
      SELECT count(*) AS n FROM raw_transaction WHERE customer_id = '${id}' AND amount < 0 AND abs(amount) >= 100
        AND ts >= (SELECT max(ts) FROM raw_transaction) - INTERVAL 90 DAY`);
    const page = await service.transactions(admin, id, { minAmount: 100, page: 1, pageSize: 5 });
    const outgoing = await warehouse.all<{ n: unknown }>(`
      SELECT count(*) AS n FROM raw_transaction WHERE customer_id = '${id}' AND abs(amount) >= 100
        AND ts >= (SELECT max(ts) FROM raw_transaction) - INTERVAL 90 DAY`);
    expect(page.total).toBe(num(outgoing[0].n));
    expect(num(expected.n)).toBeLessThanOrEqual(page.total);
    expect(page.items.length).toBe(Math.min(5, page.total));
    for (const t of page.items) expect(Math.abs(t.amount)).toBeGreaterThanOrEqual(100);
    const typed = await service.transactions(admin, id, {
      type: 'spending',
      from: '2024-06-01',
      to: '2024-06-30',
      page: 1,
      pageSize: 200,
    });
    for (const t of typed.items) {
      expect(t.type).toBe('spending');
      expect(t.ts >= '2024-05-31T16:00:00.000Z' && t.ts < '2024-06-30T16:00:00.000Z').toBe(true);
    }
  });

  describe('search', () => {
    async function someRetail() {
      const [c] = await warehouse.all<{ id: string; name: string; id_number: string; phone: string }>(`
        SELECT id, name, id_number, phone FROM raw_customer WHERE kind = 'retail' AND length(name) = 3
          AND id_number IS NOT NULL AND phone IS NOT NULL ORDER BY cno LIMIT 1`);
      return c;
    }

    it('finds a partial Chinese name and highlights it', async () => {
      const c = await someRetail();
      const part = c.name.slice(1);
      const res = await service.search(admin, part, 50);
      const hit = res.items.find((i) => i.customerId === c.id);
      expect(hit, `${part} → ${c.name}`).toBeDefined();
      expect(hit?.matchedField).toBe('name');
      expect(
        hit?.segments
          .filter((s) => s.highlight)
          .map((s) => s.text)
          .join(''),
      ).toBe(part);
    });

    it('finds a name with one wrong character', async () => {
      const c = await someRetail();
      const typo = c.name[0] + '龘' + c.name[2];
      const res = await service.search(admin, typo, 50);
      expect(res.items.map((i) => i.customerId)).toContain(c.id);
    });

    it('finds ID number, phone, account number and USCC exactly, masked and highlighted', async () => {
      const c = await someRetail();
      const byId = await service.search(admin, c.id_number, 10);
      expect(byId.items[0]).toMatchObject({ customerId: c.id, matchedField: 'id_number', score: 1 });
      expect(byId.items[0].matchedText).toContain('*');
      expect(byId.items[0].segments.some((s) => s.highlight && !s.text.includes('*'))).toBe(true);
      const byPhone = await service.search(admin, c.phone, 10);
      expect(byPhone.items[0]).toMatchObject({ customerId: c.id, matchedField: 'phone' });
      expect(byPhone.items[0].matchedText).toMatch(/^\d{3}\*{4}\d{4}$/);
      const [acct] = await warehouse.all<{ id: string }>(
        `SELECT id FROM raw_account WHERE customer_id = '${c.id}' LIMIT 1`,
      );
      const byAccount = await service.search(admin, acct.id, 10);
      expect(byAccount.items[0]).toMatchObject({
        customerId: c.id,
        matchedField: 'account_number',
        matchedText: acct.id,
      });
      const [corp] = await warehouse.all<{ id: string; uscc: string; name: string }>(
        `SELECT id, uscc, name FROM raw_customer WHERE kind = 'corporate' AND uscc IS NOT NULL ORDER BY cno LIMIT 1`,
      );
      const byUscc = await service.search(admin, corp.uscc.toLowerCase(), 10);
      expect(byUscc.items[0]).toMatchObject({ customerId: corp.id, matchedField: 'uscc', kind: 'corporate' });
      const byCompany = await service.search(admin, corp.name.slice(2, 6), 20);
      expect(byCompany.items.find((i) => i.customerId === corp.id)?.matchedField).toBe('company_name');
    });

    it("an RM never sees other RMs' customers, not even counted", async () => {
      const [rm1] = await db.kysely
        .withTables<{ app_user: { username: string; staff_id: string | null } }>()
        .selectFrom('app_user')
        .select('staff_id')
        .where('username', '=', 'rm1')
        .execute();
      const [other] = await warehouse.all<{ id: string; name: string; id_number: string }>(
        `SELECT id, name, id_number FROM raw_customer WHERE rm_id IS DISTINCT FROM '${rm1.staff_id}' AND id_number IS NOT NULL ORDER BY cno LIMIT 1`,
      );
      const res = await get(`/api/search?q=${encodeURIComponent(other.id_number)}`, 'rm1');
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([]);
      const byName = await get(`/api/search?q=${encodeURIComponent(other.name)}&limit=50`, 'rm1');
      const ids: string[] = byName.json().items.map((i: { customerId: string }) => i.customerId);
      expect(ids).not.toContain(other.id);
      const own = await warehouse.all<{ id: string }>(
        `SELECT id FROM raw_customer WHERE rm_id = '${rm1.staff_id}'`,
      );
      const ownIds = new Set(own.map((o) => o.id));
      for (const id of ids) expect(ownIds.has(id)).toBe(true);
    });
  });

  describe('HTTP', () => {
    async function customerOf(username: string) {
      const [u] = await db.kysely
        .withTables<{ app_user: { username: string; staff_id: string | null } }>()
        .selectFrom('app_user')
        .select('staff_id')
        .where('username', '=', username)
        .execute();
      const [c] = await warehouse.all<{ id: string }>(
        `SELECT id FROM raw_customer WHERE rm_id = '${u.staff_id}' ORDER BY cno LIMIT 1`,
      );
      return c.id;
    }

    it('answers the 360 view for an own customer and 404 alike for another RM’s or an absent one', async () => {
      const own = await customerOf('rm1');
      const others = await customerOf('rm2');
      const ok = await get(`/api/customers/${own}/360`, 'rm1');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().customerId).toBe(own);
      const denied = await get(`/api/customers/${others}/360`, 'rm1');
      const absent = await get('/api/customers/NO-SUCH-CUSTOMER/360', 'rm1');
      expect(denied.statusCode).toBe(404);
      expect(absent.statusCode).toBe(404);
      expect(denied.json()).toEqual(absent.json());
      expect((await get(`/api/customers/${others}/transactions`, 'rm1')).statusCode).toBe(404);
      expect((await get(`/api/customers/${others}/notes`, 'rm1')).statusCode).toBe(404);
      const bad = await get(`/api/customers/${own}/360?sections=aum,bogus`, 'rm1');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('bogus');
    });

    it('adds and lists notes by the signed-in user, scoped, 1–2000 characters', async () => {
      const own = await customerOf('rm1');
      const post = (id: string, text: string, user: string) =>
        app.inject({
          method: 'POST',
          url: `/api/customers/${id}/notes`,
          payload: { text },
          headers: { cookie: cookies[user] },
        });
      const created = await post(own, '客户计划购房，关注按揭利率', 'rm1');
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ customerId: own, text: '客户计划购房，关注按揭利率' });
      expect((await post(own, '   ', 'rm1')).statusCode).toBe(400);
      expect((await post(own, 'x'.repeat(2001), 'rm1')).statusCode).toBe(400);
      expect((await post(own, 'not mine', 'rm2')).statusCode).toBe(404);
      const list = await get(`/api/customers/${own}/notes`, 'rm1');
      expect(list.json().items[0].text).toBe('客户计划购房，关注按揭利率');
      const view = await get(`/api/customers/${own}/360?sections=notes`, 'rm1');
      expect(view.json().sections.notes.total).toBe(1);
    });
  });
});
