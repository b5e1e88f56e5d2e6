import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAudienceFixture,
  type AudienceFixture,
} from '../../modules/audiences/audience-test-fixtures.ts';
import { createTestBank, type TestBank } from '../../modules/customers/test-fixtures.ts';
import { FixedClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { buildApp } from '../app.ts';

const SESSION_RE = /^panorama_session=([A-Za-z0-9_-]{43});/;

describe('audience and segment API', () => {
  let bank: TestBank;
  let fixture: AudienceFixture;
  let app: FastifyInstance;
  let emptyApp: FastifyInstance;
  let emptyDir: string;
  const cookies: Record<string, string> = {};
  const clock = new FixedClock(new Date('2026-03-15T10:00:00+08:00'));

  async function login(target: FastifyInstance, username: string): Promise<string> {
    const res = await target.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: bank.password },
    });
    expect(res.statusCode, res.body).toBe(200);
    const token = SESSION_RE.exec(String(res.headers['set-cookie']))?.[1];
    if (!token) throw new Error('no session cookie');
    return `panorama_session=${token}`;
  }

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, user: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie: cookies[user] }, ...(payload && { payload }) });

  beforeAll(async () => {
    bank = await createTestBank();
    fixture = await createAudienceFixture(bank.db);
    const logger = pino({ level: 'silent' });
    app = await buildApp({
      db: bank.db,
      config: loadConfig({ PANORAMA_DATA_DIR: fixture.dataDir }),
      logger,
      clock,
    });
    emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-noindex-'));
    emptyApp = await buildApp({
      db: bank.db,
      config: loadConfig({ PANORAMA_DATA_DIR: emptyDir }),
      logger,
      clock,
    });
    for (const user of ['admin', 'manager', 'rm1', 'rm2']) cookies[user] = await login(app, user);
  });

  afterAll(async () => {
    await app?.close();
    await emptyApp?.close();
    fixture?.close();
    await bank?.close();
    if (emptyDir) fs.rmSync(emptyDir, { recursive: true, force: true });
  });

  it('requires a session', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/audiences/count',
      payload: { expression: '' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it('answers 409 with the command to run while no index exists', async () => {
    const cookie = await login(emptyApp, 'admin');
    const res = await emptyApp.inject({
      method: 'POST',
      url: '/api/audiences/count',
      headers: { cookie },
      payload: { expression: '' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      code: 'conflict',
      message: 'no audience index yet: run `panorama tags run`',
    });
    const list = await emptyApp.inject({ method: 'GET', url: '/api/segments', headers: { cookie } });
    expect(list.statusCode).toBe(200);
  });

  it('lists fields and parses expressions, with positioned errors and suggestions', async () => {
    const fields = await call('GET', '/api/audiences/fields', 'rm1');
    expect(fields.statusCode, fields.body).toBe(200);
    const tier = fields.json().fields.find((f: { id: string }) => f.id === 'aum_tier');
    expect(tier.values[2]).toMatchObject({ value: '1m+', zh: '100万以上', en: '1m+' });

    const ok = await call('POST', '/api/audiences/parse', 'rm1', {
      text: "aum_tier IN ('1m+') AND age >= 30",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({
      json: {
        op: 'and',
        args: [
          { op: 'in', field: 'aum_tier', values: ['1m+'] },
          { op: 'cmp', field: 'age', cmp: '>=', value: 30 },
        ],
      },
      text: "aum_tier in ('1m+') and age >= 30",
    });

    const bad = await call('POST', '/api/audiences/parse', 'rm1', { text: "aum_teir = '1m+'" });
    expect(bad.statusCode).toBe(400);
    const error = bad.json().error;
    expect(error.code).toBe('EXPRESSION');
    expect(error.details.position).toBe(0);
    expect(error.details.suggestions).toContain('aum_tier');
  });

  it('counts in the caller’s scope', async () => {
    const body = { expression: "aum_tier in ('1m+', '100k-1m')" };
    const admin = (await call('POST', '/api/audiences/count', 'admin', body)).json();
    const manager = (await call('POST', '/api/audiences/count', 'manager', body)).json();
    const rm1 = (await call('POST', '/api/audiences/count', 'rm1', body)).json();
    expect(rm1.count).toBeLessThan(manager.count);
    expect(manager.count).toBeLessThan(admin.count);
    expect(rm1.scopeTotal).toBeLessThan(manager.scopeTotal);
    expect(rm1).toMatchObject({
      text: "aum_tier in ('1m+', '100k-1m')",
      json: { op: 'in', field: 'aum_tier' },
    });
    expect(typeof rm1.ms).toBe('number');
    const [row] = await fixture.warehouse.all<{ n: bigint }>(
      "SELECT count(*) AS n FROM customer_tag WHERE rm_id = 'S-R01' AND aum_tier IN ('1m+', '100k-1m')",
    );
    expect(rm1.count).toBe(Number(row.n));
  });

  it('answers breakdowns, samples and the index report', async () => {
    const byBranch = await call('POST', '/api/audiences/breakdown', 'admin', {
      expression: '',
      by: '_branch',
    });
    expect(byBranch.statusCode, byBranch.body).toBe(200);
    expect(
      byBranch
        .json()
        .buckets.map((b: { label: { zh: string } }) => b.label.zh)
        .sort(),
    ).toEqual(['上海分行', '杭州分行']);

    const sample = await call('POST', '/api/audiences/sample', 'rm2', { expression: '', limit: 3 });
    expect(sample.statusCode, sample.body).toBe(200);
    expect(sample.json().items.map((c: { id: string }) => c.id)).toEqual(['C011', 'C012', 'C013']);
    const tooMany = await call('POST', '/api/audiences/sample', 'rm2', { expression: '', limit: 500 });
    expect(tooMany.statusCode).toBe(400);

    const report = await call('GET', '/api/audiences/index', 'rm1');
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ columns: 9 });
    expect(report.json().bytesPerMillion).toBeGreaterThan(0);
  });

  it('creates, reads, updates, overlaps, splits, exports and deletes segments', async () => {
    const created = await call('POST', '/api/segments', 'manager', {
      name: '杭州高净值',
      description: '测试',
      kind: 'dynamic',
      expression: { op: 'in', field: 'aum_tier', values: ['1m+'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const segment = created.json();
    expect(segment).toMatchObject({
      name: '杭州高净值',
      kind: 'dynamic',
      text: "aum_tier in ('1m+')",
      createdBy: 'manager',
    });

    const duplicate = await call('POST', '/api/segments', 'admin', { name: '杭州高净值', expression: '' });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.message).toMatch(/already exists/);

    const other = (
      await call('POST', '/api/segments', 'admin', {
        name: 'wealth holders',
        kind: 'static',
        expression: 'holds_wealth = true',
      })
    ).json();

    const list = await call('GET', '/api/segments', 'rm1');
    expect(
      list
        .json()
        .items.map((s: { name: string }) => s.name)
        .sort(),
    ).toEqual(['wealth holders', '杭州高净值']);

    const forbidden = await call('PUT', `/api/segments/${segment.id}`, 'rm1', { description: 'mine now' });
    expect(forbidden.statusCode).toBe(403);
    const renamed = await call('PUT', `/api/segments/${segment.id}`, 'manager', { name: '高净值客户' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe('高净值客户');

    const overlap = await call('POST', '/api/segments/overlap', 'rm1', { ids: [segment.id, other.id] });
    expect(overlap.statusCode, overlap.body).toBe(200);
    expect(overlap.json().sets).toHaveLength(3);

    const split = await call('POST', `/api/segments/${other.id}/split`, 'admin', {
      experimentKey: 'q2',
      arms: [
        { name: 'A', percent: 50 },
        { name: 'B', percent: 30 },
      ],
      controlPercent: 10,
      holdoutPercent: 10,
    });
    expect(split.statusCode, split.body).toBe(200);
    expect(split.json().arms.map((a: { name: string }) => a.name)).toEqual(['A', 'B']);

    const csv = await call('GET', `/api/segments/${other.id}/export?format=csv`, 'rm1');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(csv.headers['content-disposition'])).toContain(
      "filename*=UTF-8''wealth%20holders-20260315.csv",
    );
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    for (const line of csv.body.trim().split('\r\n').slice(1)) expect(line).toMatch(/,郑客户经理,/);

    const xlsx = await call('GET', `/api/segments/${segment.id}/export?format=xlsx`, 'admin');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');

    const bad = await call('GET', `/api/segments/${segment.id}/export?format=pdf`, 'admin');
    expect(bad.statusCode).toBe(400);

    expect((await call('DELETE', `/api/segments/${segment.id}`, 'rm1')).statusCode).toBe(403);
    expect((await call('DELETE', `/api/segments/${segment.id}`, 'manager')).statusCode).toBe(204);
    expect((await call('GET', `/api/segments/${segment.id}`, 'manager')).statusCode).toBe(404);
  });
});
