import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBank, type TestBank } from '../../modules/customers/test-fixtures.ts';
import { loadConfig } from '../../platform/config.ts';
import { EmbeddedStream, jsonPayload } from '../../platform/stream/index.ts';
import { buildApp } from '../app.ts';

const SESSION_RE = /^panorama_session=([A-Za-z0-9_-]{43});/;

const txn = (id: string, amount: unknown = 99.5) => ({
  kind: 'transaction',
  id,
  account_id: 'A1',
  customer_id: 'C1',
  ts: '2026-03-15T10:00:00+08:00',
  amount,
  channel: 'counter',
  type: 'cash_deposit',
});

describe('POST /api/events', () => {
  let bank: TestBank;
  let dataDir: string;
  let app: FastifyInstance;
  let stream: EmbeddedStream;

  async function login(app: FastifyInstance, username: string): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: bank.password },
    });
    expect(res.statusCode, res.body).toBe(200);
    const token = SESSION_RE.exec(String(res.headers['set-cookie']))?.[1];
    return `panorama_session=${token}`;
  }

  const post = (target: FastifyInstance, cookie: string | undefined, payload: unknown) =>
    target.inject({
      method: 'POST',
      url: '/api/events',
      headers: cookie ? { cookie } : {},
      payload: payload as object,
    });

  beforeAll(async () => {
    bank = await createTestBank();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-events-api-'));
    stream = await EmbeddedStream.open({
      dir: path.join(dataDir, 'injected'),
      partitions: 2,
      fsync: 'never',
    });
    app = await buildApp({
      db: bank.db,
      config: loadConfig({ PANORAMA_DATA_DIR: dataDir }),
      logger: pino({ level: 'silent' }),
      stream,
    });
  });

  afterAll(async () => {
    await app?.close();
    await stream?.close();
    await bank?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts the good items of a batch and names the bad ones by index and field', async () => {
    const cookie = await login(app, 'admin');
    const res = await post(app, cookie, { events: [txn('T1'), txn('T2', '12'), txn('T3')] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      accepted: 2,
      rejected: 1,
      topics: { transactions: 2 },
      errors: [{ index: 1, id: 'T2', field: 'amount', message: expect.stringContaining('number') }],
    });
    const consumer = await stream.consumer('api-test', 'transactions');
    const got = await consumer.fetch({ max: 10 });
    expect(got.map((m) => jsonPayload<{ id: string }>(m).id)).toEqual(['T1', 'T3']);
    await consumer.ackAll(got);
    await consumer.close();
  });

  it('refuses callers other than administrators, and requests without a session', async () => {
    const cookie = await login(app, 'rm1');
    const res = await post(app, cookie, { events: [txn('T4')] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await post(app, undefined, { events: [txn('T5')] })).statusCode).toBe(401);
  });

  it('rejects empty and oversized batches naming the field', async () => {
    const cookie = await login(app, 'admin');
    const empty = await post(app, cookie, { events: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('events');
    const many = await post(app, cookie, { events: Array.from({ length: 1001 }, (_, i) => txn(`M${i}`)) });
    expect(many.statusCode).toBe(400);
    expect(many.json().error.message).toContain('events');
    const full = await post(app, cookie, { events: Array.from({ length: 1000 }, (_, i) => txn(`F${i}`)) });
    expect(full.statusCode).toBe(200);
    expect(full.json().accepted).toBe(1000);
  });

  it('opens the configured embedded stream on first use when none is injected, and closes it with the app', async () => {
    const own = await buildApp({
      db: bank.db,
      config: loadConfig({ PANORAMA_DATA_DIR: dataDir }),
      logger: pino({ level: 'silent' }),
    });
    const cookie = await login(own, 'admin');
    const res = await post(own, cookie, { events: [txn('L1')] });
    expect(res.statusCode, res.body).toBe(200);
    expect(fs.existsSync(path.join(dataDir, 'stream', 'transactions', 'topic.json'))).toBe(true);
    await own.close();
    expect(fs.existsSync(path.join(dataDir, 'stream', 'LOCK'))).toBe(false);
  });
});
