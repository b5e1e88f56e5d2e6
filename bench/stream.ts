// Stream benchmark: publish + consume throughput and end-to-end latency of the embedded log and of
// NATS JetStream (when reachable). Throughput: one publisher (batches of 500 events of ~200 bytes,
// 10k customers as keys) and one consumer group member acking every batch, run together. Latency:
// the same at a fixed rate; latency is publish call → message in the consumer's hands.
//   npm run bench -- stream [--events N] [--rate N] [--seconds S] [--fsync interval|always|never] [--no-nats]
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EmbeddedStream, NatsStream, type Stream } from '../src/platform/stream/index.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const EVENTS = Number(arg('events', '200000'));
const RATE = Number(arg('rate', '10000'));
const SECONDS = Number(arg('seconds', '5'));
const FSYNC = arg('fsync', 'interval') as 'interval' | 'always' | 'never';
const NATS_URL = process.env.STREAM_URL ?? 'nats://127.0.0.1:4222';
const CUSTOMERS = 10_000;
const BATCH = 500;

interface Figures {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  latencyEvents: number;
}

function payload(i: number): string {
  return JSON.stringify({
    kind: 'transaction',
    id: `T${i}`,
    account_id: `A${i % CUSTOMERS}`,
    customer_id: `C${i % CUSTOMERS}`,
    ts: '2026-03-15T10:00:00+08:00',
    amount: -((i % 100_000) / 100),
    channel: 'mobile',
    type: 'transfer_out',
    sent: performance.now(),
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Consumes until `count` messages came; records latencies when asked. */
async function consumeAll(stream: Stream, topic: string, count: number, latencies?: number[]): Promise<void> {
  const consumer = await stream.consumer('bench', topic, { ackWaitMs: 60_000 });
  let got = 0;
  while (got < count) {
    const messages = await consumer.fetch({ max: 1000, waitMs: 100 });
    if (latencies) {
      const now = performance.now();
      for (const m of messages) {
        const sent = (JSON.parse(Buffer.from(m.payload).toString('utf8')) as { sent: number }).sent;
        latencies.push(now - sent);
      }
    }
    got += messages.length;
    await consumer.ackAll(messages);
  }
  await consumer.close();
}

async function measure(stream: Stream, label: string): Promise<Figures> {
  const topic = `bench_${Date.now().toString(36)}`;
  const latencyTopic = `${topic}_lat`;
  await stream.ensureTopic(topic);
  await stream.ensureTopic(latencyTopic);
  try {
    // Throughput: publish as fast as possible while consuming.
    const started = performance.now();
    const consuming = consumeAll(stream, topic, EVENTS);
    for (let i = 0; i < EVENTS; i += BATCH) {
      const n = Math.min(BATCH, EVENTS - i);
      await stream.publishBatch(
        topic,
        Array.from({ length: n }, (_, j) => ({ key: `C${(i + j) % CUSTOMERS}`, payload: payload(i + j) })),
      );
    }
    await consuming;
    const seconds = (performance.now() - started) / 1000;

    // Latency at a fixed rate: a small batch every 10 ms.
    const total = Math.round(RATE * SECONDS);
    const perTick = Math.max(1, Math.round(RATE / 100));
    const latencies: number[] = [];
    const latencyConsuming = consumeAll(stream, latencyTopic, total, latencies);
    const t0 = performance.now();
    for (let sent = 0; sent < total;) {
      const n = Math.min(perTick, total - sent);
      await stream.publishBatch(
        latencyTopic,
        Array.from({ length: n }, (_, j) => ({
          key: `C${(sent + j) % CUSTOMERS}`,
          payload: payload(sent + j),
        })),
      );
      sent += n;
      const due = t0 + (sent / RATE) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await latencyConsuming;
    latencies.sort((a, b) => a - b);
    const figures = {
      eventsPerSecond: Math.round(EVENTS / seconds),
      p50: Number(percentile(latencies, 50).toFixed(2)),
      p99: Number(percentile(latencies, 99).toFixed(2)),
      latencyEvents: latencies.length,
    };
    process.stdout.write(
      `${label.padEnd(22)} ${String(figures.eventsPerSecond).padStart(9)} ev/s   p50 ${String(figures.p50).padStart(7)} ms   p99 ${String(figures.p99).padStart(7)} ms (at ${RATE}/s, ${figures.latencyEvents} events)\n`,
    );
    return figures;
  } finally {
    await stream.deleteTopic(topic);
    await stream.deleteTopic(latencyTopic);
  }
}

async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url.split(',')[0].replace(/^nats:/, 'http:'));
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 4222) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

process.stdout.write(
  `stream bench: ${EVENTS.toLocaleString('en-US')} events throughput, latency at ${RATE}/s for ${SECONDS} s; ${os.cpus().length} CPUs\n`,
);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panorama-bench-stream-'));
let embedded: Figures;
try {
  const stream = await EmbeddedStream.open({ dir, partitions: 8, fsync: FSYNC });
  try {
    embedded = await measure(stream, `embedded (fsync ${FSYNC})`);
  } finally {
    await stream.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

let nats: Figures | null = null;
if (!process.argv.includes('--no-nats') && (await reachable(NATS_URL))) {
  const stream = await NatsStream.connect({ url: NATS_URL, partitions: 8 });
  try {
    nats = await measure(stream, 'NATS JetStream');
  } finally {
    await stream.close();
  }
} else {
  process.stdout.write(`NATS JetStream          skipped (no server at ${NATS_URL} or --no-nats)\n`);
}

process.stdout.write(
  JSON.stringify({
    events_per_s: embedded.eventsPerSecond,
    p99_ms: embedded.p99,
    nats_events_per_s: nats?.eventsPerSecond ?? null,
    nats_p99_ms: nats?.p99 ?? null,
  }) + '\n',
);
