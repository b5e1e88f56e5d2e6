import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceMigrations } from '../../modules/audiences/index.ts';
import { createTestBank, type TestBank } from '../../modules/customers/test-fixtures.ts';
import { generateBank, importData } from '../../modules/ingest/index.ts';
import { tagMigrations } from '../../modules/tags/index.ts';
import { loadConfig } from '../../platform/config.ts';
import { migrate } from '../../platform/db/index.ts';
import { openWriter } from '../../platform/warehouse/index.ts';
import { buildApp } from '../app.ts';
import { parseIdList } from './tags.routes.ts';

const SESSION_RE = /^panorama_session=([A-Za-z0-9_-]{43});/;

const newTag = {
  id: 'big_spender',
  name: { zh: '大额消费客户', en: 'Big spender' },
  theme: 'transaction',
  kind: 'enum',
  appliesTo: 'retail',
  values: [
    { value: 'low', zh: '低', en: 'Low' },
    { value: 'high', zh: '高', en: 'High' },
  ],
  source: { type: 'sql', expression: "CASE WHEN outflow_amount_90d >= 5000 THEN 'high' ELSE 'low' END" },
  description: { zh: '近90天支出', en: 'Outflow in the last 90 days' },
};

describe('Tags API', () => {
  let bank: TestBank;
  let app: FastifyInstance;
  let dataDir: string;
  let analyst: string;
  let rm: string;

  async function login(username: string): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: bank.password },
    });
    expect(res.statusCode, res.body).toBe(200);
    const token = SESSION_RE.exec(String(res.headers['set-cookie']))?.[1];
    if (!token) throw new Error('no session cookie');
    return `panorama_session=${token}`;
  }

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-tags-api-'));
    const source = path.join(dataDir, 'source');
    await generateBank({
      customers: 300,
      seed: 3,
      months: 12,
      outDir: source,
      asOf: '2025-06-30',
      progress: false,
    });
    const warehouse = await openWriter(dataDir);
    try {
      await importData({ warehouse, source, rejectsDir: path.join(dataDir, 'rejects'), progress: false });
    } finally {
      warehouse.close();
    }
    bank = await createTestBank();
    await migrate(bank.db, [...audienceMigrations, ...tagMigrations]);
    app = await buildApp({
      db: bank.db,
      config: loadConfig({ PANORAMA_DATA_DIR: dataDir }),
      logger: pino({ level: 'silent' }),
    });
    analyst = await login('analyst');
    rm = await login('rm1');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await bank?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the tags in-process, reports progress, then the latest run with its report', async () => {
    expect((await call('POST', '/api/tags/runs', rm, {})).statusCode).toBe(403);
    const started = await call('POST', '/api/tags/runs', analyst, {});
    expect(started.statusCode, started.body).toBe(202);
    const run = started.json<{ id: string; status: string }>();
    expect(run.status).toBe('running');
    const again = await call('POST', '/api/tags/runs', analyst, {});
    expect(again.statusCode).toBe(409);
    let latest = run;
    for (let i = 0; i < 600 && latest.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      latest = (await call('GET', '/api/tags/runs/latest', rm)).json();
    }
    expect(latest).toMatchObject({ id: run.id, status: 'succeeded' });
    const report = (latest as unknown as { report: { customers: number; tags: number } }).report;
    expect(report.customers).toBe(300);
    expect(fs.existsSync(path.join(dataDir, 'audience', 'index.snap'))).toBe(true);
  }, 120_000);

  it('lists the catalogue and the feature columns to any signed-in user', async () => {
    const list = await call('GET', '/api/tags?status=all', rm);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<{ items: { id: string; builtIn: boolean; coverage: unknown }[] }>().items;
    for (const item of items) expect(item.builtIn).toBe(true);
    const features = await call('GET', '/api/tags/features', rm);
    expect(features.statusCode).toBe(200);
    expect(features.json<{ columns: { name: string }[] }>().columns.map((c) => c.name)).toContain(
      'outflow_amount_90d',
    );
  });

  it('create → preview → edit → retire, with permissions and clear errors', async () => {
    // Preview before saving: a sample, coverage, distribution and examples.
    const preview = await call('POST', '/api/tags/preview', analyst, { definition: newTag, sample: 100 });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json<{
      sample: number;
      coverage: { covered: number };
      distribution: { value: string; count: number }[];
      examples: { value: string }[];
    }>();
    expect(p.sample).toBeGreaterThanOrEqual(100);
    expect(p.distribution.map((d) => d.value)).toEqual(['low', 'high']);
    expect(p.distribution.reduce((s, d) => s + d.count, 0)).toBe(p.coverage.covered);
    expect(p.examples.every((e) => ['low', 'high'].includes(e.value))).toBe(true);

    const typo = await call('POST', '/api/tags/preview', analyst, {
      definition: {
        ...newTag,
        source: { type: 'sql', expression: "CASE WHEN outflow_amount_90 > 1 THEN 'high' END" },
      },
    });
    expect(typo.statusCode).toBe(400);
    expect(typo.json<{ error: { message: string } }>().error.message).toMatch(
      /tag 'big_spender': unknown column "outflow_amount_90" .*did you mean outflow_amount_90d/,
    );

    expect((await call('POST', '/api/tags', rm, newTag)).statusCode).toBe(403);
    const created = await call('POST', '/api/tags', analyst, newTag);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      tag: { id: 'big_spender', version: 1, owner: 'analyst', builtIn: false, status: 'active' },
    });
    expect((await call('POST', '/api/tags', analyst, newTag)).statusCode).toBe(409);

    const badValue = await call('PUT', '/api/tags/big_spender', analyst, {
      ...newTag,
      source: { type: 'sql', expression: "CASE WHEN outflow_amount_90d >= 5000 THEN 'hi' END" },
    });
    expect(badValue.statusCode).toBe(400);
    expect(badValue.json<{ error: { message: string } }>().error.message).toContain("'hi'");

    const edited = await call('PUT', '/api/tags/big_spender', analyst, {
      ...newTag,
      source: { type: 'sql', expression: "CASE WHEN outflow_amount_90d >= 20000 THEN 'high' ELSE 'low' END" },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const detail = edited.json<{ tag: { version: number }; versions: { version: number; note: string }[] }>();
    expect(detail.tag.version).toBe(2);
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);

    // A run of just this tag fills its coverage.
    const run = await call('POST', '/api/tags/runs', analyst, { only: ['big_spender'] });
    expect(run.statusCode, run.body).toBe(202);
    let status = 'running';
    for (let i = 0; i < 600 && status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const latest = (await call('GET', '/api/tags/runs/latest', analyst)).json<{
        status: string;
        error?: string;
      }>();
      status = latest.status;
      if (status === 'failed') throw new Error(String(latest.error));
    }
    expect(status).toBe('succeeded');
    const got = await call('GET', '/api/tags/big_spender', rm);
    expect(got.statusCode).toBe(200);
    const g = got.json<{ coverage: { covered: number }; distribution: { count: number }[] }>();
    expect(g.coverage.covered).toBeGreaterThan(0);
    expect(g.distribution.reduce((s, d) => s + d.count, 0)).toBe(g.coverage.covered);

    expect((await call('POST', '/api/tags/big_spender/retire', rm)).statusCode).toBe(403);
    const retired = await call('POST', '/api/tags/big_spender/retire', analyst);
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ tag: { status: 'retired', version: 3 } });
    const active = (await call('GET', '/api/tags', analyst)).json<{ items: { id: string }[] }>().items;
    expect(active.map((t) => t.id)).not.toContain('big_spender');
    expect((await call('GET', '/api/tags/nope_nope', analyst)).statusCode).toBe(404);
  }, 120_000);

  it('uploads a customer list as CSV and reports unknown ids', async () => {
    const listTag = {
      id: 'event_invitees',
      name: { zh: '活动邀约名单', en: 'Event invitees' },
      theme: 'behaviour',
      kind: 'boolean',
      source: { type: 'list', customerIds: [] },
    };
    expect((await call('POST', '/api/tags', analyst, listTag)).statusCode).toBe(201);
    const res = await app.inject({
      method: 'PUT',
      url: '/api/tags/event_invitees/list',
      headers: { cookie: analyst, 'content-type': 'text/csv' },
      payload: 'customer_id\nC001\nC002\nX999\n',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 2, unknownIds: ['X999'], tag: { version: 2 } });
  });

  it('parses id lists: first column, header skipped', () => {
    expect(parseIdList('customer_id,name\r\n"C1",a\nC2;b\n\nC3\n')).toEqual(['C1', 'C2', 'C3']);
  });
});
