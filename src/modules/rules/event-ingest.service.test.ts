import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../access/index.ts';
import { FixedClock } from '../../platform/clock.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { EmbeddedStream, jsonPayload, partitionOf, type StreamMessage } from '../../platform/stream/index.ts';
import { EventIngestService } from './event-ingest.service.ts';
import type { StreamEvent } from './event.schema.ts';

const admin: Principal = {
  userId: 'u1',
  username: 'admin',
  role: 'admin',
  staffId: null,
  branchId: 'HQ',
  branchPath: '/HQ/',
};

const txn = (id: string, customer: string, extra: Record<string, unknown> = {}) => ({
  kind: 'transaction',
  id,
  account_id: `A-${customer}`,
  customer_id: customer,
  ts: '2026-03-15T10:00:00+08:00',
  amount: -1250.5,
  channel: 'mobile',
  type: 'transfer_out',
  counterparty_bank: '招商银行',
  ...extra,
});

async function drain(stream: EmbeddedStream, topic: string): Promise<StreamMessage[]> {
  const consumer = await stream.consumer('test', topic);
  const out = await consumer.fetch({ max: 1000, waitMs: 50 });
  await consumer.ackAll(out);
  await consumer.close();
  return out;
}

describe('EventIngestService', () => {
  let dir: string;
  let stream: EmbeddedStream;
  let service: EventIngestService;
  const clock = new FixedClock(new Date('2026-03-15T02:00:01Z'));

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-events-'));
    stream = await EmbeddedStream.open({ dir, partitions: 4, fsync: 'never' });
    service = new EventIngestService(stream, clock);
  });
  afterAll(async () => {
    await stream.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes each kind to its topic, keyed by customer, and reports bad items by index and field', async () => {
    const result = await service.ingest(admin, [
      txn('T1', 'C001'),
      txn('T2', 'C002', { amount: 'lots' }),
      {
        kind: 'behaviour',
        id: 'E1',
        customer_id: 'C001',
        ts: '2026-03-15T10:00:05Z',
        type: 'login',
        props: { channel: 'mobile' },
      },
      {
        kind: 'signal',
        id: 'S1',
        entity_id: 'E-CO-9',
        type: 'litigation',
        date: '2026-03-14',
        amount: 2_000_000,
      },
      {
        kind: 'signal',
        id: 'S2',
        entity_id: 'E-CO-8',
        customer_id: 'C003',
        type: 'penalty',
        date: '2026-03-14',
      },
      txn('T3', 'C001', { amount: 10.005, ammount: 1 }),
      { kind: 'wire', id: 'X1' },
      'not an object',
      txn('T4', 'C001', { ts: '2026-03-15 10:00' }),
    ]);
    expect(result.accepted).toBe(4);
    expect(result.rejected).toBe(5);
    expect(result.topics).toEqual({ transactions: 1, behaviour: 1, signals: 2 });
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, id: 'T2', field: 'amount' }),
        expect.objectContaining({
          index: 5,
          id: 'T3',
          field: 'amount',
          message: 'must have at most 2 decimals',
        }),
        expect.objectContaining({ index: 5, id: 'T3', field: 'ammount' }),
        expect.objectContaining({ index: 6, id: 'X1', field: 'kind' }),
        expect.objectContaining({ index: 7, id: null }),
        expect.objectContaining({ index: 8, id: 'T4', field: 'ts' }),
      ]),
    );

    const [t] = await drain(stream, 'transactions');
    expect(t.key).toBe('C001');
    expect(t.partition).toBe(partitionOf('C001', 4));
    expect(jsonPayload<StreamEvent>(t)).toMatchObject({
      id: 'T1',
      amount: -1250.5,
      received_at: '2026-03-15T02:00:01.000Z',
    });
    const [b] = await drain(stream, 'behaviour');
    expect(jsonPayload<StreamEvent>(b)).toMatchObject({ id: 'E1', props: { channel: 'mobile' } });
    const signals = await drain(stream, 'signals');
    // A signal about a non-customer is keyed by its entity, else by the customer.
    expect(signals.map((m) => m.key).sort()).toEqual(['C003', 'E-CO-9']);
  });

  it("keeps one customer's events in the order they were posted", async () => {
    const items = Array.from({ length: 50 }, (_, i) => txn(`O${i}`, `C${i % 3}`, { amount: i }));
    const result = await service.ingest(admin, items);
    expect(result).toMatchObject({ accepted: 50, rejected: 0, errors: [] });
    const got = await drain(stream, 'transactions');
    for (const customer of ['C0', 'C1', 'C2']) {
      const amounts = got
        .filter((m) => m.key === customer)
        .map((m) => jsonPayload<StreamEvent & { amount: number }>(m).amount);
      expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
      expect(amounts).toHaveLength(customer === 'C0' ? 17 : customer === 'C1' ? 17 : 16);
    }
  });

  it('answers an all-bad batch without publishing, and refuses non-admins', async () => {
    const result = await service.ingest(admin, [
      { kind: 'behaviour', id: 'B', customer_id: 'C1', ts: 'x', type: 'dance' },
    ]);
    expect(result).toMatchObject({ accepted: 0, rejected: 1, topics: {} });
    expect(result.errors.map((e) => e.field).sort()).toEqual(['ts', 'type']);
    await expect(service.ingest({ ...admin, role: 'rm' }, [txn('T9', 'C1')])).rejects.toThrow(ForbiddenError);
  });

  it('validates events the product publishes itself', async () => {
    await expect(service.publish([{ ...txn('P1', 'C9'), amount: Number.NaN } as never])).rejects.toThrow(
      /amount/,
    );
    await expect(service.publish([txn('P2', 'C9') as never])).resolves.toEqual({ transactions: 1 });
  });
});
