import net from 'node:net';
import { describe, it } from 'vitest';
import { NatsStream } from './nats-stream.ts';
import { describeStreamConformance } from './stream.conformance.ts';

const url = process.env.STREAM_URL ?? 'nats://127.0.0.1:4222';

/** True when a TCP connection to the server opens within a second. */
async function reachable(natsUrl: string): Promise<boolean> {
  const { hostname, port } = new URL(natsUrl.split(',')[0].replace(/^nats:/, 'http:'));
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

const available = await reachable(url);
if (available) {
  describeStreamConformance('NATS JetStream', () => NatsStream.connect({ url, partitions: 4 }));
} else {
  describe('NATS JetStream stream conformance', () => {
    it.skip(`skipped: no NATS server at ${url} (set STREAM_URL or start nats-server -js)`, () => {});
  });
  process.stderr.write(
    `nats-stream.test: no NATS server at ${url}; the NATS conformance tests are skipped\n`,
  );
}
