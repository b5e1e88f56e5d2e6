import path from 'node:path';
import type { Config } from '../config.ts';
import { EmbeddedStream } from './embedded-stream.ts';
import { NatsStream } from './nats-stream.ts';
import type { Stream } from './stream.ts';

/** Where and how `openStream` reports notices (recovery of a torn tail, retention). */
export interface OpenStreamOptions {
  warn?: (message: string, details: Record<string, unknown>) => void;
  /** Overrides the data dir's `stream/` directory of the embedded log. */
  dir?: string;
}

/** The embedded log's directory inside a data dir. */
export function streamDir(dataDir: string): string {
  return path.join(dataDir, 'stream');
}

/** Opens the configured stream: NATS JetStream when STREAM_URL is set, else the embedded log. */
export async function openStream(
  config: Pick<Config, 'dataDir' | 'streamUrl' | 'stream'>,
  options: OpenStreamOptions = {},
): Promise<Stream> {
  const s = config.stream;
  const retentionMs = s.retentionHours > 0 ? s.retentionHours * 3_600_000 : undefined;
  if (config.streamUrl) {
    return NatsStream.connect({
      url: config.streamUrl,
      partitions: s.partitions,
      ackWaitMs: s.ackWaitMs,
      retentionMs,
    });
  }
  return EmbeddedStream.open({
    dir: options.dir ?? streamDir(config.dataDir),
    partitions: s.partitions,
    segmentBytes: s.segmentBytes,
    fsync: s.fsync,
    fsyncIntervalMs: s.fsyncIntervalMs,
    retentionMs,
    ackWaitMs: s.ackWaitMs,
    warn: options.warn,
  });
}
