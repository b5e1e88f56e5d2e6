/**
 * The stream port (DESIGN §1): topics split into partitions by a stable hash of the key (the
 * customer id), so one customer's events are appended, and consumed, in order. Consumer groups
 * are durable and at-least-once: a message is redelivered until it is acked, after its ack wait,
 * a nak or a restart. Two implementations: the embedded log (default) and NATS JetStream.
 */

/** Names of topics and groups: what both implementations accept as file and stream names. */
export const STREAM_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Largest key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/** Largest payload, in bytes (NATS' default max_payload is 1 MiB, headers included). */
export const MAX_PAYLOAD_BYTES = 1000 * 1024;

/** Where a published message landed. */
export interface PublishAck {
  partition: number;
  /**
   * Position in the partition: strictly increasing within a partition. Dense (0, 1, 2 …) in the
   * embedded log; the JetStream stream sequence (increasing, with gaps) under NATS.
   */
  offset: number;
}

/** One message to publish. */
export interface PublishRecord {
  /** Partitioning key: the customer id for customer events. */
  key: string;
  payload: Uint8Array | string;
}

/** A delivered message. */
export interface StreamMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  payload: Uint8Array;
  /** When it was appended, in epoch milliseconds. */
  timestamp: number;
  /** 1 on the first delivery, then 2, 3 … on redeliveries (restarts at 1 after an embedded restart). */
  deliveryCount: number;
}

/** Where a consumer group starts reading when it is new, or where `seek` moves it. */
export type SeekTarget =
  | 'earliest'
  | 'latest'
  | { time: Date }
  /** One partition from an offset (inclusive); offsets are those `publish` returned. */
  | { partition: number; offset: number };

/** Options of a consumer. */
export interface ConsumerOptions {
  /** Partitions this consumer owns; all of the topic's when absent. */
  partitions?: readonly number[];
  /** A delivered message not acked within this time is delivered again. */
  ackWaitMs?: number;
  /** Most messages delivered and not yet acked, across the consumer's partitions. */
  maxAckPending?: number;
  /** Where a new group starts: 'earliest' (default) or 'latest'. Ignored once the group exists. */
  start?: 'earliest' | 'latest';
}

/** Options of one fetch. */
export interface FetchOptions {
  /** Most messages to return (default 100). */
  max?: number;
  /** How long to wait when nothing is available (default 0: answer at once). */
  waitMs?: number;
}

/** A member of a durable consumer group, pulling from the partitions it owns. */
export interface StreamConsumer {
  readonly group: string;
  readonly topic: string;
  readonly partitions: readonly number[];
  /**
   * Up to `max` messages: redeliveries first (in offset order), then new messages; within a
   * partition in offset order. Empty when nothing came within `waitMs`.
   */
  fetch(options?: FetchOptions): Promise<StreamMessage[]>;
  /** Marks a message done; resolves once the ack is durable (it will never be redelivered). */
  ack(message: StreamMessage): Promise<void>;
  /** Acks several messages with one durable write where the implementation can. */
  ackAll(messages: readonly StreamMessage[]): Promise<void>;
  /** Asks for a redelivery, after `delayMs` (default at once). */
  nak(message: StreamMessage, delayMs?: number): Promise<void>;
  /** Moves the group: pending deliveries are forgotten, reading restarts at the target. */
  seek(target: SeekTarget): Promise<void>;
  /** Stops fetching; un-acked messages stay pending for the group. */
  close(): Promise<void>;
}

/** A durable, partitioned log of topics. */
export interface Stream {
  readonly kind: 'embedded' | 'nats';
  /** Creates the topic if absent and answers its partition count (fixed once the topic exists). */
  ensureTopic(topic: string): Promise<number>;
  /** Appends one message to the partition of its key. */
  publish(topic: string, key: string, payload: Uint8Array | string): Promise<PublishAck>;
  /** Appends messages; acks in input order. Order per key is the input order. */
  publishBatch(topic: string, records: readonly PublishRecord[]): Promise<PublishAck[]>;
  /** Joins (or creates) a durable consumer group on a topic. */
  consumer(group: string, topic: string, options?: ConsumerOptions): Promise<StreamConsumer>;
  /** Deletes a topic with its messages and groups (tests, operators). */
  deleteTopic(topic: string): Promise<void>;
  /** Flushes and releases everything; consumers stop. */
  close(): Promise<void>;
}

/** 32-bit FNV-1a over UTF-8: stable across processes, versions and both implementations. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  const bytes = Buffer.from(key, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i];
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The partition of a key among `partitions`. */
export function partitionOf(key: string, partitions: number): number {
  return hashKey(key) % partitions;
}

/** Throws a clear error unless `name` is a usable topic or group name. */
export function assertStreamName(what: 'topic' | 'group', name: string): void {
  if (!STREAM_NAME_PATTERN.test(name)) {
    throw new Error(`invalid ${what} name '${name}': use 1–64 letters, digits, '_' or '-'`);
  }
}

/** Validates and encodes a record's key and payload. */
export function encodeRecord(record: PublishRecord): { key: Buffer; payload: Buffer } {
  const key = Buffer.from(record.key, 'utf8');
  if (key.length === 0) throw new Error('stream key is empty');
  if (key.length > MAX_KEY_BYTES) throw new Error(`stream key longer than ${MAX_KEY_BYTES} bytes`);
  const payload =
    typeof record.payload === 'string'
      ? Buffer.from(record.payload, 'utf8')
      : Buffer.from(record.payload.buffer, record.payload.byteOffset, record.payload.byteLength);
  if (payload.length > MAX_PAYLOAD_BYTES) {
    throw new Error(`stream payload of ${payload.length} bytes exceeds ${MAX_PAYLOAD_BYTES}`);
  }
  return { key, payload };
}

/** The payload parsed as JSON. */
export function jsonPayload<T = unknown>(message: StreamMessage): T {
  return JSON.parse(Buffer.from(message.payload).toString('utf8')) as T;
}

/** What a handler run by `runConsumer` gets. */
export type MessageHandler = (message: StreamMessage) => Promise<void>;

/** Options of `runConsumer`. */
export interface RunConsumerOptions {
  /** Stops the loop (after the batch in hand). */
  signal?: AbortSignal;
  batch?: number;
  waitMs?: number;
  /** Delay before a failed message is delivered again (default 1 s). */
  retryDelayMs?: number;
  /** Told about each failure (the message is nak'ed and retried). */
  onError?: (error: unknown, message: StreamMessage) => void;
}

/**
 * Pulls and handles messages until the signal aborts: each partition's messages one after the
 * other, in offset order, acked once handled. When a handler throws, that message and the later
 * ones of its partition in the batch are nak'ed, so they come back in their order.
 */
export async function runConsumer(
  consumer: StreamConsumer,
  handler: MessageHandler,
  options: RunConsumerOptions = {},
): Promise<void> {
  const { signal, batch = 256, waitMs = 200, retryDelayMs = 1000 } = options;
  while (!signal?.aborted) {
    const messages = await consumer.fetch({ max: batch, waitMs });
    if (messages.length === 0) continue;
    const byPartition = new Map<number, StreamMessage[]>();
    for (const m of messages) {
      const list = byPartition.get(m.partition);
      if (list) list.push(m);
      else byPartition.set(m.partition, [m]);
    }
    const done: StreamMessage[] = [];
    const retry: StreamMessage[] = [];
    for (const list of byPartition.values()) {
      list.sort((a, b) => a.offset - b.offset);
      for (let i = 0; i < list.length; i++) {
        try {
          await handler(list[i]);
          done.push(list[i]);
        } catch (error) {
          options.onError?.(error, list[i]);
          retry.push(...list.slice(i));
          break;
        }
      }
    }
    await consumer.ackAll(done);
    for (const m of retry) await consumer.nak(m, retryDelayMs);
  }
}
