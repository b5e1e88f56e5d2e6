// The behaviour every Stream implementation must have; embedded-stream.test.ts and
// nats-stream.test.ts run it against their implementation.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonPayload, partitionOf, type Stream, type StreamConsumer, type StreamMessage } from './stream.ts';

/** Opens a stream over the implementation's storage; called again to simulate a restart. */
export type StreamFactory = () => Promise<Stream>;

interface Item {
  key: string;
  seq: number;
}

const ACK_WAIT_MS = 1000;

/** A fresh, unique topic name (NATS streams are shared by all tests on the server). */
export function uniqueTopic(prefix = 't'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Fetches until `count` messages came or `timeoutMs` passed. */
export async function fetchAtLeast(
  consumer: StreamConsumer,
  count: number,
  timeoutMs = 10_000,
): Promise<StreamMessage[]> {
  const out: StreamMessage[] = [];
  const until = Date.now() + timeoutMs;
  while (out.length < count && Date.now() < until) {
    out.push(...(await consumer.fetch({ max: count - out.length, waitMs: 100 })));
  }
  return out;
}

function items(keys: number, perKey: number): Item[] {
  const out: Item[] = [];
  for (let seq = 0; seq < perKey; seq++) for (let k = 0; k < keys; k++) out.push({ key: `C${k}`, seq });
  return out;
}

function assertOrderPerKey(messages: StreamMessage[]): void {
  const last = new Map<string, number>();
  for (const m of messages) {
    const item = jsonPayload<Item>(m);
    expect(m.key).toBe(item.key);
    const previous = last.get(item.key) ?? -1;
    expect(item.seq, `order of ${item.key}`).toBeGreaterThan(previous);
    last.set(item.key, item.seq);
  }
}

/** Registers the conformance tests for one implementation. */
export function describeStreamConformance(name: string, open: StreamFactory): void {
  describe(`${name} stream conformance`, () => {
    let current: Stream | undefined;
    const topics: string[] = [];

    async function start(): Promise<{ stream: Stream; topic: string }> {
      current ??= await open();
      const topic = uniqueTopic();
      topics.push(topic);
      await current.ensureTopic(topic);
      return { stream: current, topic };
    }

    /** Closes the stream and opens it again over the same storage, as a restarted process would. */
    async function reopen(previous: Stream): Promise<Stream> {
      await previous.close();
      current = await open();
      return current;
    }

    afterAll(async () => {
      if (!current) return;
      for (const topic of topics) await current.deleteTopic(topic);
      await current.close();
    });

    it('partitions by key with a stable hash and keeps each key in order', async () => {
      const { stream, topic } = await start();
      const partitions = await stream.ensureTopic(topic);
      const batch = items(20, 10);
      const acks = await stream.publishBatch(
        topic,
        batch.map((item) => ({ key: item.key, payload: JSON.stringify(item) })),
      );
      const single = await stream.publish(topic, 'C3', JSON.stringify({ key: 'C3', seq: 10 }));
      expect(single.partition).toBe(partitionOf('C3', partitions));
      const lastOffset = new Map<number, number>();
      acks.forEach((ack, i) => {
        expect(ack.partition).toBe(partitionOf(batch[i].key, partitions));
        expect(ack.offset).toBeGreaterThan(lastOffset.get(ack.partition) ?? -1);
        lastOffset.set(ack.partition, ack.offset);
      });
      expect(single.offset).toBeGreaterThan(lastOffset.get(single.partition) ?? -1);

      const consumer = await stream.consumer('order', topic, { ackWaitMs: ACK_WAIT_MS });
      const got = await fetchAtLeast(consumer, 201);
      expect(got).toHaveLength(201);
      assertOrderPerKey(got);
      for (const m of got) {
        expect(m.topic).toBe(topic);
        expect(m.deliveryCount).toBe(1);
        expect(Math.abs(m.timestamp - Date.now())).toBeLessThan(60_000);
      }
      await consumer.ackAll(got);
      await consumer.close();
    });

    it('does not redeliver acked messages and redelivers un-acked ones after the ack wait', async () => {
      const { stream, topic } = await start();
      await stream.publishBatch(
        topic,
        items(4, 5).map((item) => ({ key: item.key, payload: JSON.stringify(item) })),
      );
      const consumer = await stream.consumer('acks', topic, { ackWaitMs: ACK_WAIT_MS });
      const first = await fetchAtLeast(consumer, 20);
      expect(first).toHaveLength(20);
      const acked = first.filter((m) => jsonPayload<Item>(m).seq < 3);
      const left = first.filter((m) => jsonPayload<Item>(m).seq >= 3);
      for (const m of acked) await consumer.ack(m);
      const again = await fetchAtLeast(consumer, left.length, ACK_WAIT_MS * 6);
      expect(again.map((m) => `${m.partition}@${m.offset}`).sort()).toEqual(
        left.map((m) => `${m.partition}@${m.offset}`).sort(),
      );
      for (const m of again) expect(m.deliveryCount).toBe(2);
      await consumer.ackAll(again);
      expect(await consumer.fetch({ max: 10, waitMs: ACK_WAIT_MS * 1.5 })).toEqual([]);
      await consumer.close();
    });

    it('redelivers a nak-ed message, before newer messages of its partition', async () => {
      const { stream, topic } = await start();
      await stream.publish(topic, 'K', JSON.stringify({ key: 'K', seq: 0 }));
      const consumer = await stream.consumer('naks', topic, { ackWaitMs: 30_000 });
      const [m] = await fetchAtLeast(consumer, 1);
      await consumer.nak(m);
      const [again] = await fetchAtLeast(consumer, 1, 5000);
      expect(again.offset).toBe(m.offset);
      expect(again.deliveryCount).toBe(2);
      await consumer.ack(again);
      await stream.publish(topic, 'K', JSON.stringify({ key: 'K', seq: 1 }));
      const [next] = await fetchAtLeast(consumer, 1);
      expect(jsonPayload<Item>(next).seq).toBe(1);
      await consumer.ack(next);
      await consumer.close();
    });

    it('keeps consumer groups independent', async () => {
      const { stream, topic } = await start();
      await stream.publishBatch(
        topic,
        items(5, 4).map((item) => ({ key: item.key, payload: JSON.stringify(item) })),
      );
      const a = await stream.consumer('group-a', topic, { ackWaitMs: ACK_WAIT_MS });
      const b = await stream.consumer('group-b', topic, { ackWaitMs: ACK_WAIT_MS });
      const fromA = await fetchAtLeast(a, 20);
      await a.ackAll(fromA);
      const fromB = await fetchAtLeast(b, 20);
      expect(fromA).toHaveLength(20);
      expect(fromB).toHaveLength(20);
      expect(fromB.map((m) => m.offset).sort()).toEqual(fromA.map((m) => m.offset).sort());
      await b.ackAll(fromB);
      // A second member of a group cannot take partitions another member holds.
      await expect(stream.consumer('group-a', topic)).rejects.toThrow(/already consumed/);
      await a.close();
      await b.close();
    });

    it('replays from an offset, from the start and from a time', async () => {
      const { stream, topic } = await start();
      const first = await stream.publishBatch(
        topic,
        Array.from({ length: 10 }, (_, seq) => ({ key: 'R', payload: JSON.stringify({ key: 'R', seq }) })),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      const boundary = new Date();
      await new Promise((resolve) => setTimeout(resolve, 30));
      await stream.publishBatch(
        topic,
        Array.from({ length: 5 }, (_, i) => ({
          key: 'R',
          payload: JSON.stringify({ key: 'R', seq: 10 + i }),
        })),
      );
      const consumer = await stream.consumer('replay', topic, { ackWaitMs: ACK_WAIT_MS });
      const all = await fetchAtLeast(consumer, 15);
      await consumer.ackAll(all);
      expect(await consumer.fetch({ max: 5, waitMs: 50 })).toEqual([]);

      await consumer.seek({ partition: first[4].partition, offset: first[4].offset });
      const fromOffset = await fetchAtLeast(consumer, 11);
      expect(fromOffset.map((m) => jsonPayload<Item>(m).seq)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
      await consumer.ackAll(fromOffset);

      await consumer.seek({ time: boundary });
      const fromTime = await fetchAtLeast(consumer, 5);
      expect(fromTime.map((m) => jsonPayload<Item>(m).seq)).toEqual([10, 11, 12, 13, 14]);
      await consumer.ackAll(fromTime);

      await consumer.seek('earliest');
      const everything = await fetchAtLeast(consumer, 15);
      expect(everything.map((m) => jsonPayload<Item>(m).seq)).toEqual(
        Array.from({ length: 15 }, (_, i) => i),
      );
      await consumer.ackAll(everything);
      await consumer.close();
    });

    it('starts a new group at the end when asked for the latest', async () => {
      const { stream, topic } = await start();
      await stream.publish(topic, 'L', JSON.stringify({ key: 'L', seq: 0 }));
      const consumer = await stream.consumer('latest', topic, { start: 'latest', ackWaitMs: ACK_WAIT_MS });
      expect(await consumer.fetch({ max: 10, waitMs: 200 })).toEqual([]);
      await stream.publish(topic, 'L', JSON.stringify({ key: 'L', seq: 1 }));
      const [m] = await fetchAtLeast(consumer, 1);
      expect(jsonPayload<Item>(m).seq).toBe(1);
      await consumer.ack(m);
      await consumer.close();
    });

    it('survives a restart: acked stay acked, un-acked come back, order per key holds', async () => {
      const { stream, topic } = await start();
      await stream.publishBatch(
        topic,
        items(6, 10).map((item) => ({ key: item.key, payload: JSON.stringify(item) })),
      );
      const consumer = await stream.consumer('durable', topic, { ackWaitMs: ACK_WAIT_MS });
      const got = await fetchAtLeast(consumer, 60);
      expect(got).toHaveLength(60);
      // Ack each key's first four in order, and also one out of order (seq 6 of C0).
      const ackedIds = new Set<string>();
      for (const m of got) {
        const item = jsonPayload<Item>(m);
        if (item.seq < 4 || (item.key === 'C0' && item.seq === 6)) {
          await consumer.ack(m);
          ackedIds.add(`${item.key}/${item.seq}`);
        }
      }
      await consumer.close();

      const restarted = await reopen(stream);
      const again = await restarted.consumer('durable', topic, { ackWaitMs: ACK_WAIT_MS });
      const redelivered = await fetchAtLeast(again, 60 - ackedIds.size, ACK_WAIT_MS * 8);
      const ids = redelivered.map((m) => {
        const item = jsonPayload<Item>(m);
        return `${item.key}/${item.seq}`;
      });
      expect(ids.filter((id) => ackedIds.has(id))).toEqual([]);
      expect(new Set(ids).size).toBe(60 - ackedIds.size);
      assertOrderPerKey(redelivered);
      await again.ackAll(redelivered);
      // The restarted stream takes new messages, after the old ones.
      await restarted.publish(topic, 'C1', JSON.stringify({ key: 'C1', seq: 10 }));
      const [fresh] = await fetchAtLeast(again, 1);
      expect(jsonPayload<Item>(fresh)).toEqual({ key: 'C1', seq: 10 });
      await again.ack(fresh);
      expect(await again.fetch({ max: 10, waitMs: ACK_WAIT_MS * 1.5 })).toEqual([]);
      await again.close();
    });
  });
}
