import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import { ConflictError } from '../errors.ts';
import {
  assertStreamName,
  encodeRecord,
  partitionOf,
  type ConsumerOptions,
  type FetchOptions,
  type PublishAck,
  type PublishRecord,
  type SeekTarget,
  type Stream,
  type StreamConsumer,
  type StreamMessage,
} from './stream.ts';

/** Settings of the NATS JetStream implementation. */
export interface NatsStreamOptions {
  /** `nats://host:port`, several separated by commas. */
  url: string;
  /** Partitions of topics created from now on (default 8). */
  partitions?: number;
  /** Default ack wait of consumers (default 30 s). */
  ackWaitMs?: number;
  /** Messages older than this are discarded by the server; kept forever when absent. */
  retentionMs?: number;
  /** Connection name shown by the server's monitoring. */
  name?: string;
}

/** Header carrying the partitioning key (subjects carry only the partition). */
const KEY_HEADER = 'Panorama-Key';
const DESCRIPTION_PREFIX = 'panorama topic; partitions=';
const DEFAULT_PARTITIONS = 8;
const DEFAULT_ACK_WAIT_MS = 30_000;
const DEFAULT_MAX_ACK_PENDING = 10_000;
/** Messages each partition's pull loop asks the server for at a time. */
const PULL_BATCH = 256;

const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

/**
 * Stream over NATS JetStream: one JetStream stream per topic with subjects `<topic>.<partition>`,
 * and per consumer group and partition one durable pull consumer (explicit acks, ack wait,
 * redelivery). Offsets are the JetStream stream sequences.
 */
export class NatsStream implements Stream {
  readonly kind = 'nats';
  private readonly partitionsOf = new Map<string, number>();
  private readonly consumers = new Set<NatsConsumer>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly options: NatsStreamOptions,
  ) {}

  /** Connects to the server(s) of `options.url`. */
  static async connect(options: NatsStreamOptions): Promise<NatsStream> {
    const servers = options.url.split(',').map((s) => s.trim().replace(/^nats:\/\//, ''));
    const nc = await connect({ servers, name: options.name ?? 'panorama', timeout: 5000 });
    try {
      const jsm = await jetstreamManager(nc);
      return new NatsStream(nc, jsm, jetstream(nc), options);
    } catch (error) {
      await nc.close();
      throw new Error(
        `NATS at ${options.url} has no JetStream (start nats-server with -js): ${String(error)}`,
      );
    }
  }

  async ensureTopic(topic: string): Promise<number> {
    const known = this.partitionsOf.get(topic);
    if (known) return known;
    assertStreamName('topic', topic);
    let description: string | undefined;
    try {
      description = (await this.jsm.streams.info(topic)).config.description;
    } catch (error) {
      if (!isApiError(error, STREAM_NOT_FOUND)) throw error;
      const partitions = this.options.partitions ?? DEFAULT_PARTITIONS;
      try {
        const info = await this.jsm.streams.add({
          name: topic,
          subjects: [`${topic}.*`],
          description: `${DESCRIPTION_PREFIX}${partitions}`,
          storage: StorageType.File,
          retention: RetentionPolicy.Limits,
          discard: DiscardPolicy.Old,
          max_age: this.options.retentionMs ? nanos(this.options.retentionMs) : 0,
        });
        description = info.config.description;
      } catch {
        // Another process created it meanwhile.
        description = (await this.jsm.streams.info(topic)).config.description;
      }
    }
    const partitions = Number(
      description?.startsWith(DESCRIPTION_PREFIX) ? description.slice(DESCRIPTION_PREFIX.length) : NaN,
    );
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new Error(
        `NATS stream ${topic} exists but was not created by Panorama (description: ${description})`,
      );
    }
    this.partitionsOf.set(topic, partitions);
    return partitions;
  }

  async publish(topic: string, key: string, payload: Uint8Array | string): Promise<PublishAck> {
    const [ack] = await this.publishBatch(topic, [{ key, payload }]);
    return ack;
  }

  async publishBatch(topic: string, records: readonly PublishRecord[]): Promise<PublishAck[]> {
    const partitions = await this.ensureTopic(topic);
    const encoded = records.map(encodeRecord);
    // Pipelined: JetStream keeps the order of one connection's publishes to a subject.
    return Promise.all(
      records.map(async (record, i) => {
        const partition = partitionOf(record.key, partitions);
        const h = headers();
        h.set(KEY_HEADER, record.key);
        const ack = await this.js.publish(`${topic}.${partition}`, encoded[i].payload, { headers: h });
        return { partition, offset: ack.seq };
      }),
    );
  }

  async consumer(group: string, topic: string, options: ConsumerOptions = {}): Promise<StreamConsumer> {
    assertStreamName('group', group);
    const count = await this.ensureTopic(topic);
    const partitions = options.partitions ?? Array.from({ length: count }, (_, p) => p);
    for (const p of partitions) {
      if (!Number.isInteger(p) || p < 0 || p >= count) {
        throw new Error(`topic ${topic} has no partition ${p} (it has ${count})`);
      }
    }
    for (const other of this.consumers) {
      if (
        other.group === group &&
        other.topic === topic &&
        other.partitions.some((p) => partitions.includes(p))
      ) {
        throw new ConflictError(
          `partitions of ${topic} are already consumed by another member of group ${group}`,
        );
      }
    }
    const consumer = new NatsConsumer(this.jsm, this.js, group, topic, partitions, {
      ackWaitMs: options.ackWaitMs ?? this.options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS,
      maxAckPending: options.maxAckPending ?? DEFAULT_MAX_ACK_PENDING,
      start: options.start ?? 'earliest',
      onClose: (c) => this.consumers.delete(c),
    });
    await consumer.start();
    this.consumers.add(consumer);
    return consumer;
  }

  async deleteTopic(topic: string): Promise<void> {
    assertStreamName('topic', topic);
    for (const consumer of [...this.consumers]) if (consumer.topic === topic) await consumer.close();
    this.partitionsOf.delete(topic);
    try {
      await this.jsm.streams.delete(topic);
    } catch (error) {
      if (!isApiError(error, STREAM_NOT_FOUND)) throw error;
    }
  }

  async close(): Promise<void> {
    for (const consumer of [...this.consumers]) await consumer.close();
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

interface NatsConsumerSettings {
  ackWaitMs: number;
  maxAckPending: number;
  start: 'earliest' | 'latest';
  onClose: (consumer: NatsConsumer) => void;
}

interface Feed {
  partition: number;
  durable: string;
  messages?: ConsumerMessages;
  loop?: Promise<void>;
}

class NatsConsumer implements StreamConsumer {
  private readonly feeds = new Map<number, Feed>();
  private buffer: StreamMessage[] = [];
  private readonly raw = new WeakMap<StreamMessage, JsMsg>();
  private wake: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    readonly group: string,
    readonly topic: string,
    readonly partitions: readonly number[],
    private readonly settings: NatsConsumerSettings,
  ) {
    for (const p of partitions) this.feeds.set(p, { partition: p, durable: `${group}-p${p}` });
  }

  private config(feed: Feed, deliver: Partial<ConsumerConfig>): Partial<ConsumerConfig> {
    return {
      durable_name: feed.durable,
      ack_policy: AckPolicy.Explicit,
      filter_subject: `${this.topic}.${feed.partition}`,
      ack_wait: nanos(this.settings.ackWaitMs),
      max_ack_pending: this.settings.maxAckPending,
      max_deliver: -1,
      ...deliver,
    };
  }

  /** Creates or updates the durable consumers, then starts pulling. */
  async start(): Promise<void> {
    for (const feed of this.feeds.values()) {
      try {
        const info = await this.jsm.consumers.info(this.topic, feed.durable);
        if (info.config.ack_wait !== nanos(this.settings.ackWaitMs)) {
          await this.jsm.consumers.update(this.topic, feed.durable, {
            ack_wait: nanos(this.settings.ackWaitMs),
          });
        }
      } catch (error) {
        if (!isApiError(error, CONSUMER_NOT_FOUND)) throw error;
        const deliver_policy = this.settings.start === 'latest' ? DeliverPolicy.New : DeliverPolicy.All;
        await this.jsm.consumers.add(this.topic, this.config(feed, { deliver_policy }));
      }
      await this.pull(feed);
    }
  }

  private async pull(feed: Feed): Promise<void> {
    const consumer = await this.js.consumers.get(this.topic, feed.durable);
    const messages = await consumer.consume({ max_messages: PULL_BATCH });
    feed.messages = messages;
    feed.loop = (async () => {
      for await (const m of messages) {
        if (feed.messages !== messages) break;
        const message: StreamMessage = {
          topic: this.topic,
          partition: feed.partition,
          offset: m.seq,
          key: m.headers?.get(KEY_HEADER) ?? '',
          payload: m.data,
          timestamp: Math.floor(m.info.timestampNanos / 1e6),
          deliveryCount: m.info.deliveryCount,
        };
        this.raw.set(message, m);
        this.buffer.push(message);
        this.wake?.();
      }
    })();
  }

  private async stopFeed(feed: Feed): Promise<void> {
    const messages = feed.messages;
    feed.messages = undefined;
    if (messages) {
      messages.stop();
      await feed.loop?.catch(() => {});
    }
    this.buffer = this.buffer.filter((m) => m.partition !== feed.partition);
  }

  async fetch(options: FetchOptions = {}): Promise<StreamMessage[]> {
    const max = Math.max(1, options.max ?? 100);
    const waitMs = options.waitMs ?? 0;
    if (this.buffer.length === 0 && waitMs > 0 && !this.closed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        this.wake = done;
      });
    }
    return this.buffer.splice(0, max);
  }

  private rawOf(message: StreamMessage): JsMsg {
    const m = this.raw.get(message);
    if (!m) {
      throw new Error(
        `message ${message.topic}/${message.partition}@${message.offset} was not delivered to this consumer`,
      );
    }
    return m;
  }

  async ack(message: StreamMessage): Promise<void> {
    await this.rawOf(message).ackAck();
  }

  async ackAll(messages: readonly StreamMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const raw = messages.map((m) => this.rawOf(m));
    // The server handles one connection's acks in order: confirming the last confirms the batch,
    // at the cost of one round trip instead of one per message.
    for (const m of raw.slice(0, -1)) m.ack();
    await raw[raw.length - 1].ackAck();
  }

  async nak(message: StreamMessage, delayMs = 0): Promise<void> {
    this.rawOf(message).nak(delayMs > 0 ? delayMs : undefined);
  }

  async seek(target: SeekTarget): Promise<void> {
    let moves: Array<[Feed, Partial<ConsumerConfig>]>;
    if (typeof target === 'object' && 'partition' in target) {
      const feed = this.feeds.get(target.partition);
      if (!feed) throw new Error(`partition ${target.partition} is not consumed by this member`);
      moves = [
        [feed, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, target.offset) }],
      ];
    } else {
      const deliver: Partial<ConsumerConfig> =
        target === 'earliest'
          ? { deliver_policy: DeliverPolicy.All }
          : target === 'latest'
            ? { deliver_policy: DeliverPolicy.New }
            : { deliver_policy: DeliverPolicy.StartTime, opt_start_time: target.time.toISOString() };
      moves = [...this.feeds.values()].map((feed) => [feed, deliver]);
    }
    // A durable consumer's start cannot be changed: it is recreated at the new position.
    for (const [feed, deliver] of moves) {
      await this.stopFeed(feed);
      try {
        await this.jsm.consumers.delete(this.topic, feed.durable);
      } catch (error) {
        if (!isApiError(error, CONSUMER_NOT_FOUND)) throw error;
      }
      await this.jsm.consumers.add(this.topic, this.config(feed, deliver));
      await this.pull(feed);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    for (const feed of this.feeds.values()) await this.stopFeed(feed);
    this.settings.onClose(this);
  }
}
