// Child process of the kill -9 test: publishes keyed, numbered records to the embedded log and
// consumes them in group 'g', acking most; after each durable step it prints what it did, so the
// parent knows what was published and acked when it kills this process.
//   P <partition>:<offset> …   published (publishBatch resolved)
//   A <partition>:<offset> …   acked (ackAll resolved)
import { EmbeddedStream } from './embedded-stream.ts';
import { jsonPayload } from './stream.ts';

const [dir, fsync] = process.argv.slice(2);
const stream = await EmbeddedStream.open({
  dir,
  partitions: 4,
  segmentBytes: 256 * 1024,
  fsync: fsync as 'always' | 'interval' | 'never',
});
const consumer = await stream.consumer('g', 'events', { ackWaitMs: 60_000 });
const KEYS = 12;
const seqs = new Array<number>(KEYS).fill(0);
let batches = 0;
for (;;) {
  // Now and then a batch of big records: a write of megabytes can be cut short by SIGKILL.
  const big = batches % 7 === 3;
  const records = Array.from({ length: big ? 6 : 40 }, (_, i) => {
    const k = (batches * 5 + i) % KEYS;
    const key = `K${k}`;
    return { key, payload: JSON.stringify({ key, seq: seqs[k]++, pad: big ? 'x'.repeat(300_000) : '' }) };
  });
  const acks = await stream.publishBatch('events', records);
  process.stdout.write(`P ${acks.map((a) => `${a.partition}:${a.offset}`).join(' ')}\n`);
  const got = await consumer.fetch({ max: 30 });
  // Some are left un-acked (to be redelivered), some acked out of order.
  const chosen = got.filter((m) => jsonPayload<{ seq: number }>(m).seq % 4 !== 1);
  await consumer.ackAll(chosen);
  if (chosen.length > 0)
    process.stdout.write(`A ${chosen.map((m) => `${m.partition}:${m.offset}`).join(' ')}\n`);
  if (++batches === 60) process.stdout.write('READY\n');
}
