import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventIngestService, type StreamEvent } from '../modules/rules/index.ts';
import { EmbeddedStream, jsonPayload } from '../platform/stream/index.ts';
import { openMemoryWarehouse, type Warehouse } from '../platform/warehouse/index.ts';
import { pino } from 'pino';
import { buildApp } from '../api/app.ts';
import { createTestBank } from '../modules/customers/test-fixtures.ts';
import { loadConfig } from '../platform/config.ts';
import { apiSink, replayTransactions } from './replay.command.ts';

describe('replayTransactions', () => {
  let warehouse: Warehouse;
  let dir: string;
  let stream: EmbeddedStream;
  let group = 0;

  async function readAll() {
    const consumer = await stream.consumer(`g${++group}`, 'transactions', { start: 'latest' });
    return consumer;
  }

  beforeAll(async () => {
    warehouse = await openMemoryWarehouse();
    // 60 transactions of 4 customers, inserted out of time order; one with a channel the events refuse.
    await warehouse.run(`
      INSERT INTO raw_transaction
      SELECT 'T' || lpad(i::VARCHAR, 3, '0'), 'A' || (i % 4), 'C' || (i % 4),
             TIMESTAMP '2026-03-01 09:00:00' + to_minutes((i * 37) % 60),
             ((i * 13) % 500 - 250) + 0.25, CASE WHEN i = 59 THEN 'carrier_pigeon' ELSE 'mobile' END, 'transfer_out',
             '对手' || i, NULL, NULL, NULL, NULL
      FROM range(60) r(i)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-replay-'));
    stream = await EmbeddedStream.open({ dir, partitions: 3, fsync: 'never' });
  });

  afterAll(async () => {
    await stream.close();
    warehouse.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes transactions in time order per customer, skipping rows that are not valid events', async () => {
    const consumer = await readAll();
    const report = await replayTransactions({
      warehouse,
      events: new EventIngestService(stream),
      rate: 0,
      zone: '+08:00',
    });
    expect(report).toMatchObject({ published: 59, skipped: 1, firstTs: '2026-03-01T09:00:00.000+08:00' });
    expect(report.problems[0]).toMatch(/^transaction T059: channel:/);
    const got = await consumer.fetch({ max: 1000 });
    expect(got).toHaveLength(59);
    const events = got.map((m) => jsonPayload<StreamEvent & { ts: string; amount: number }>(m));
    for (const customer of ['C0', 'C1', 'C2', 'C3']) {
      const times = events
        .filter((e) => e.kind === 'transaction' && e.customer_id === customer)
        .map((e) => Date.parse(e.ts));
      expect(times.length).toBeGreaterThan(10);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(events.find((e) => e.id === 'T001')).toMatchObject({
      amount: -236.75,
      counterparty_name: '对手1',
      channel: 'mobile',
    });
  });

  it('filters by time, limits, shifts to now and paces at the rate', async () => {
    const consumer = await readAll();
    const before = Date.now();
    const report = await replayTransactions({
      warehouse,
      events: new EventIngestService(stream),
      from: '2026-03-01 09:10:00',
      to: '2026-03-01 09:40:00',
      rate: 40,
      limit: 12,
      zone: '+08:00',
      shiftToNow: true,
      idSuffix: 'run2',
    });
    expect(report.published).toBe(12);
    // 12 events at 40/s: the last batch is due 300 ms after the start.
    expect(report.seconds).toBeGreaterThanOrEqual(0.25);
    const events = (await consumer.fetch({ max: 100 })).map((m) =>
      jsonPayload<{ id: string; ts: string }>(m),
    );
    expect(events).toHaveLength(12);
    for (const e of events) {
      expect(e.id).toMatch(/#run2$/);
      expect(Date.parse(e.ts)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(e.ts)).toBeLessThan(before + 40 * 60_000);
    }
  });

  it('stops when the signal aborts and explains a bad --from', async () => {
    const stop = new AbortController();
    stop.abort();
    const report = await replayTransactions({
      warehouse,
      events: new EventIngestService(stream),
      rate: 0,
      zone: '+08:00',
      signal: stop.signal,
    });
    expect(report.published).toBe(0);
    await expect(
      replayTransactions({
        warehouse,
        events: new EventIngestService(stream),
        from: 'yesterday',
        rate: 0,
        zone: '+08:00',
      }),
    ).rejects.toThrow(/--from 'yesterday'/);
  });

  it('posts to a running server with --api, signed in', async () => {
    const bank = await createTestBank();
    const app = await buildApp({
      db: bank.db,
      config: loadConfig({ PANORAMA_DATA_DIR: dir }),
      logger: pino({ level: 'silent' }),
      stream,
    });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const consumer = await readAll();
      const sink = await apiSink(url, 'admin', bank.password);
      const report = await replayTransactions({ warehouse, events: sink, rate: 0, limit: 5, zone: '+08:00' });
      expect(report.published).toBe(5);
      expect(await consumer.fetch({ max: 100 })).toHaveLength(5);
      await expect(apiSink(url, 'admin', 'wrong password')).rejects.toThrow(/signing in .* failed: HTTP 401/);
      const rm = await apiSink(url, 'rm1', bank.password);
      const event = {
        kind: 'transaction' as const,
        id: 'RM1',
        account_id: 'A1',
        customer_id: 'C1',
        ts: '2026-03-01T09:00:00+08:00',
        amount: 1,
        channel: 'mobile' as const,
        type: 'fee' as const,
      };
      await expect(rm.publish([event])).rejects.toThrow(/HTTP 403/);
    } finally {
      await app.close();
      await bank.close();
    }
  });
});
