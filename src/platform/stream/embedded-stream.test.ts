import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStream } from './embedded-stream.ts';
import { describeStreamConformance, fetchAtLeast } from './stream.conformance.ts';
import { jsonPayload } from './stream.ts';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-stream-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

const conformanceDir = path.join(tmpRoot, 'conformance');
describeStreamConformance('embedded', () =>
  EmbeddedStream.open({ dir: conformanceDir, partitions: 4, fsync: 'never' }),
);

let dirs = 0;
function freshDir(): string {
  return path.join(tmpRoot, `s${++dirs}`);
}

function segmentFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort()
    .map((f) => path.join(dir, f));
}

async function publishSeq(stream: EmbeddedStream, topic: string, key: string, from: number, to: number) {
  return stream.publishBatch(
    topic,
    Array.from({ length: to - from }, (_, i) => ({ key, payload: JSON.stringify({ key, seq: from + i }) })),
  );
}

describe('embedded log', () => {
  it('rolls segments over by size and reads across them', async () => {
    const dir = freshDir();
    const stream = await EmbeddedStream.open({ dir, partitions: 1, segmentBytes: 1024, fsync: 'always' });
    const acks = await Promise.all(
      Array.from({ length: 10 }, (_, b) => publishSeq(stream, 'roll', 'K', b * 20, b * 20 + 20)),
    );
    expect(acks.flat().map((a) => a.offset)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(stream.topicStats('roll')[0].segments).toBeGreaterThan(3);
    const consumer = await stream.consumer('g', 'roll');
    const got = await fetchAtLeast(consumer, 200);
    expect(got.map((m) => jsonPayload<{ seq: number }>(m).seq)).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
    await consumer.seek({ partition: 0, offset: 137 });
    const [m] = await consumer.fetch({ max: 1 });
    expect(m.offset).toBe(137);
    await stream.close();
  });

  it('truncates a torn tail record on open and appends after the last good record', async () => {
    const dir = freshDir();
    let stream = await EmbeddedStream.open({ dir, partitions: 1, fsync: 'never' });
    await publishSeq(stream, 'torn', 'K', 0, 5);
    await stream.close();
    const [segment] = segmentFiles(path.join(dir, 'torn', '0'));
    const goodSize = fs.statSync(segment).size;
    // A crash in the middle of the next write: its header and part of its body reached the file.
    const record = fs.readFileSync(segment).subarray(0, goodSize / 5);
    fs.appendFileSync(segment, record.subarray(0, record.length - 7));
    const warnings: string[] = [];
    stream = await EmbeddedStream.open({ dir, partitions: 1, fsync: 'never', warn: (m) => warnings.push(m) });
    expect(warnings).toEqual(['stream: truncating a torn or corrupt tail']);
    expect(fs.statSync(segment).size).toBe(goodSize);
    const [ack] = await publishSeq(stream, 'torn', 'K', 5, 6);
    expect(ack.offset).toBe(5);
    const consumer = await stream.consumer('g', 'torn');
    const got = await fetchAtLeast(consumer, 6);
    expect(got.map((m) => jsonPayload<{ seq: number }>(m).seq)).toEqual([0, 1, 2, 3, 4, 5]);
    await stream.close();
  });

  it('drops a tail whose checksum does not match (a bit flipped on disk)', async () => {
    const dir = freshDir();
    let stream = await EmbeddedStream.open({ dir, partitions: 1, fsync: 'never' });
    await publishSeq(stream, 'flip', 'K', 0, 4);
    await stream.close();
    const [segment] = segmentFiles(path.join(dir, 'flip', '0'));
    const bytes = fs.readFileSync(segment);
    bytes[bytes.length - 3] ^= 0xff;
    fs.writeFileSync(segment, bytes);
    stream = await EmbeddedStream.open({ dir, partitions: 1, fsync: 'never' });
    const consumer = await stream.consumer('g', 'flip');
    const got = await fetchAtLeast(consumer, 4, 300);
    expect(got.map((m) => jsonPayload<{ seq: number }>(m).seq)).toEqual([0, 1, 2]);
    expect(stream.topicStats('flip')[0].nextOffset).toBe(3);
    await stream.close();
  });

  it('keeps out-of-order acks across a restart in the group offsets file', async () => {
    const dir = freshDir();
    let stream = await EmbeddedStream.open({ dir, partitions: 1, fsync: 'always' });
    await publishSeq(stream, 'ooo', 'K', 0, 6);
    let consumer = await stream.consumer('g', 'ooo');
    const got = await fetchAtLeast(consumer, 6);
    await consumer.ack(got[0]);
    await consumer.ack(got[3]);
    await consumer.ack(got[4]);
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'ooo', 'groups', 'g.json'), 'utf8')) as {
      partitions: Record<string, { committed: number; acked: number[] }>;
    };
    expect(file.partitions['0']).toEqual({ committed: 1, acked: [3, 4] });
    await stream.close();
    stream = await EmbeddedStream.open({ dir, partitions: 1, fsync: 'always' });
    consumer = await stream.consumer('g', 'ooo');
    const again = await fetchAtLeast(consumer, 3, 300);
    expect(again.map((m) => m.offset)).toEqual([1, 2, 5]);
    await stream.close();
  });

  it('holds back newer messages of a partition while a nak-ed one waits', async () => {
    const dir = freshDir();
    const stream = await EmbeddedStream.open({ dir, partitions: 1, fsync: 'never' });
    await publishSeq(stream, 'hold', 'K', 0, 2);
    const consumer = await stream.consumer('g', 'hold');
    const [first] = await consumer.fetch({ max: 1 });
    await consumer.nak(first, 150);
    expect(await consumer.fetch({ max: 10 })).toEqual([]);
    const later = await fetchAtLeast(consumer, 2, 2000);
    expect(later.map((m) => [m.offset, m.deliveryCount])).toEqual([
      [0, 2],
      [1, 1],
    ]);
    await stream.close();
  });

  it('deletes closed segments past the retention and moves lagging groups forward', async () => {
    const dir = freshDir();
    const stream = await EmbeddedStream.open({
      dir,
      partitions: 1,
      segmentBytes: 2048,
      fsync: 'never',
      retentionBytes: 6000,
    });
    const consumer = await stream.consumer('slow', 'ret');
    for (let b = 0; b < 10; b++) await publishSeq(stream, 'ret', 'K', b * 20, b * 20 + 20);
    const before = stream.topicStats('ret')[0];
    expect(stream.applyRetention()).toBeGreaterThan(0);
    const after = stream.topicStats('ret')[0];
    expect(after.bytes).toBeLessThanOrEqual(6000 + 2048);
    expect(after.segments).toBeLessThan(before.segments);
    const got = await fetchAtLeast(consumer, 1);
    expect(got[0].offset).toBeGreaterThan(0);
    await consumer.ackAll(got);
    await stream.close();
  });

  it('refuses a second owner of one directory', async () => {
    const dir = freshDir();
    const stream = await EmbeddedStream.open({ dir, fsync: 'never' });
    await expect(EmbeddedStream.open({ dir })).rejects.toThrow(/already open/);
    fs.writeFileSync(path.join(dir, 'LOCK'), String(process.ppid));
    await stream.close();
    fs.writeFileSync(path.join(dir, 'LOCK'), String(process.ppid));
    await expect(EmbeddedStream.open({ dir })).rejects.toThrow(/in use by process/);
    // A lock left by a dead process is taken over.
    fs.writeFileSync(path.join(dir, 'LOCK'), '999999999');
    const again = await EmbeddedStream.open({ dir });
    await again.close();
  });

  it('rejects bad names, empty keys and oversized payloads before writing', async () => {
    const stream = await EmbeddedStream.open({ dir: freshDir(), fsync: 'never' });
    await expect(stream.publish('bad topic', 'K', 'x')).rejects.toThrow(/invalid topic name/);
    await expect(stream.publish('ok', '', 'x')).rejects.toThrow(/key is empty/);
    await expect(
      stream.publishBatch('ok', [
        { key: 'A', payload: 'fine' },
        { key: 'B', payload: Buffer.alloc(2 * 1024 * 1024) },
      ]),
    ).rejects.toThrow(/exceeds/);
    expect(stream.topicStats('ok').reduce((n, p) => n + p.nextOffset, 0)).toBe(0);
    await stream.close();
  });
});
