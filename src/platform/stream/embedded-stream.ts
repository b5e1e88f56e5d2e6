import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { ConflictError } from '../errors.ts';
import { GroupOffsets } from './group-offsets.ts';
import { PartitionLog, type FsyncMode, type ReadCursor } from './partition-log.ts';
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

/** Settings of the embedded log. */
export interface EmbeddedStreamOptions {
  /** Root directory, normally `<dataDir>/stream`. */
  dir: string;
  /** Partitions of topics created from now on (default 8). */
  partitions?: number;
  /** Segment size at which a new segment file starts (default 64 MiB). */
  segmentBytes?: number;
  fsync?: FsyncMode;
  /** Period of the background fsync in 'interval' mode (default 200 ms). */
  fsyncIntervalMs?: number;
  /** Closed segments older than this (by last write) are deleted; kept forever when absent. */
  retentionMs?: number;
  /** Per partition: oldest closed segments are deleted beyond this size. */
  retentionBytes?: number;
  /** Default ack wait of consumers (default 30 s). */
  ackWaitMs?: number;
  /** Receives recovery and retention notices. */
  warn?: (message: string, details: Record<string, unknown>) => void;
}

const DEFAULT_PARTITIONS = 8;
const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
const DEFAULT_ACK_WAIT_MS = 30_000;
const DEFAULT_MAX_ACK_PENDING = 10_000;
const MAINTENANCE_EVERY_MS = 60_000;
const LOCK_FILE = 'LOCK';

/** Roots opened by this process: a second open of one root would interleave writes. */
const openRoots = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the root's lock file; a live other owner is an error, a dead one's lock is taken over. */
function acquireLock(root: string): void {
  if (openRoots.has(root)) throw new ConflictError(`the stream at ${root} is already open in this process`);
  const file = path.join(root, LOCK_FILE);
  if (fs.existsSync(file)) {
    const owner = Number(fs.readFileSync(file, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
      throw new ConflictError(
        `the embedded stream at ${root} is in use by process ${owner} (one process owns it: stop that process, or set STREAM_URL=nats://… to share a NATS server)`,
      );
    }
  }
  fs.writeFileSync(file, String(process.pid));
  openRoots.add(root);
}

interface GroupClaim {
  offsets: GroupOffsets;
  claimed: Set<number>;
}

class Topic {
  readonly groups = new Map<string, GroupClaim>();
  readonly consumers = new Set<EmbeddedConsumer>();
  constructor(
    readonly name: string,
    readonly dir: string,
    readonly logs: PartitionLog[],
  ) {}
}

/**
 * The embedded stream: per topic and partition an append-only, checksummed segment log under
 * `<dataDir>/stream/<topic>/<partition>/`, and per consumer group a durable offsets file. One
 * process owns a root (a lock file says which); consumers and publishers share it in-process.
 */
export class EmbeddedStream implements Stream {
  readonly kind = 'embedded';
  private readonly topics = new Map<string, Topic>();
  private readonly appended = new EventEmitter();
  private readonly timers: NodeJS.Timeout[] = [];
  private lastTimestamp = 0;
  private closed = false;
  private readonly root: string;

  private constructor(private readonly options: EmbeddedStreamOptions) {
    this.root = path.resolve(options.dir);
    this.appended.setMaxListeners(0);
  }

  /** Opens the stream root, recovering every existing topic. */
  static async open(options: EmbeddedStreamOptions): Promise<EmbeddedStream> {
    const stream = new EmbeddedStream(options);
    fs.mkdirSync(stream.root, { recursive: true });
    acquireLock(stream.root);
    try {
      for (const entry of fs.readdirSync(stream.root, { withFileTypes: true })) {
        if (entry.isDirectory() && fs.existsSync(path.join(stream.root, entry.name, 'topic.json'))) {
          stream.openTopic(entry.name);
        }
      }
    } catch (error) {
      openRoots.delete(stream.root);
      throw error;
    }
    const fsync = options.fsync ?? 'interval';
    if (fsync === 'interval') {
      stream.timers.push(setInterval(() => stream.syncAll(), options.fsyncIntervalMs ?? 200).unref());
    }
    if (options.retentionMs !== undefined || options.retentionBytes !== undefined) {
      stream.applyRetention();
      stream.timers.push(setInterval(() => stream.applyRetention(), MAINTENANCE_EVERY_MS).unref());
    }
    return stream;
  }

  private logOptions() {
    return {
      segmentBytes: this.options.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
      fsync: this.options.fsync ?? 'interval',
      warn: this.options.warn,
    };
  }

  private openTopic(name: string): Topic {
    const dir = path.join(this.root, name);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'topic.json'), 'utf8')) as { partitions: number };
    const logs: PartitionLog[] = [];
    for (let p = 0; p < meta.partitions; p++) {
      logs.push(PartitionLog.open(path.join(dir, String(p)), this.logOptions()));
    }
    const topic = new Topic(name, dir, logs);
    this.topics.set(name, topic);
    return topic;
  }

  private topic(name: string): Topic {
    this.assertOpen();
    const existing = this.topics.get(name);
    if (existing) return existing;
    assertStreamName('topic', name);
    const dir = path.join(this.root, name);
    if (!fs.existsSync(path.join(dir, 'topic.json'))) {
      fs.mkdirSync(dir, { recursive: true });
      const partitions = this.options.partitions ?? DEFAULT_PARTITIONS;
      const tmp = path.join(dir, 'topic.json.tmp');
      fs.writeFileSync(tmp, JSON.stringify({ partitions }));
      fs.renameSync(tmp, path.join(dir, 'topic.json'));
    }
    return this.openTopic(name);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('stream is closed');
  }

  /** Bytes and segment files of a topic's partitions (for tests and operators). */
  topicStats(
    name: string,
  ): Array<{ partition: number; nextOffset: number; bytes: number; segments: number }> {
    return this.topic(name).logs.map((log, partition) => ({
      partition,
      nextOffset: log.nextOffset,
      bytes: log.sizeBytes,
      segments: log.segmentCount,
    }));
  }

  /** Runs retention over every partition now. */
  applyRetention(now = Date.now()): number {
    let removed = 0;
    for (const topic of this.topics.values()) {
      for (const log of topic.logs) {
        removed += log.applyRetention(
          { maxAgeMs: this.options.retentionMs, maxBytes: this.options.retentionBytes },
          now,
        );
      }
    }
    return removed;
  }

  private syncAll(): void {
    for (const topic of this.topics.values()) for (const log of topic.logs) log.sync();
  }

  async ensureTopic(topic: string): Promise<number> {
    return this.topic(topic).logs.length;
  }

  async publish(topic: string, key: string, payload: Uint8Array | string): Promise<PublishAck> {
    const [ack] = await this.publishBatch(topic, [{ key, payload }]);
    return ack;
  }

  async publishBatch(topicName: string, records: readonly PublishRecord[]): Promise<PublishAck[]> {
    const topic = this.topic(topicName);
    // Everything is validated before anything is written.
    const encoded = records.map(encodeRecord);
    const byPartition = new Map<number, number[]>();
    for (let i = 0; i < records.length; i++) {
      const p = partitionOf(records[i].key, topic.logs.length);
      const list = byPartition.get(p);
      if (list) list.push(i);
      else byPartition.set(p, [i]);
    }
    this.lastTimestamp = Math.max(this.lastTimestamp, Date.now());
    const acks: PublishAck[] = new Array<PublishAck>(records.length);
    for (const [p, indexes] of byPartition) {
      const first = topic.logs[p].append(
        indexes.map((i) => encoded[i]),
        this.lastTimestamp,
      );
      indexes.forEach((i, n) => (acks[i] = { partition: p, offset: first + n }));
    }
    if (records.length > 0) this.appended.emit(topicName);
    return acks;
  }

  async consumer(group: string, topicName: string, options: ConsumerOptions = {}): Promise<StreamConsumer> {
    assertStreamName('group', group);
    const topic = this.topic(topicName);
    const partitions = options.partitions ?? topic.logs.map((_, p) => p);
    for (const p of partitions) {
      if (!Number.isInteger(p) || p < 0 || p >= topic.logs.length) {
        throw new Error(`topic ${topicName} has no partition ${p} (it has ${topic.logs.length})`);
      }
    }
    let claim = topic.groups.get(group);
    if (!claim) {
      const file = path.join(topic.dir, 'groups', `${group}.json`);
      claim = {
        offsets: new GroupOffsets(file, topicName, group, this.options.fsync ?? 'interval'),
        claimed: new Set(),
      };
      topic.groups.set(group, claim);
    }
    const taken = partitions.filter((p) => claim.claimed.has(p));
    if (taken.length > 0) {
      throw new ConflictError(
        `partitions ${taken.join(', ')} of ${topicName} are already consumed by another member of group ${group}`,
      );
    }
    for (const p of partitions) claim.claimed.add(p);
    const consumer = new EmbeddedConsumer(topic, group, claim, partitions, {
      ackWaitMs: options.ackWaitMs ?? this.options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS,
      maxAckPending: options.maxAckPending ?? DEFAULT_MAX_ACK_PENDING,
      start: options.start ?? 'earliest',
      appended: this.appended,
    });
    topic.consumers.add(consumer);
    return consumer;
  }

  async deleteTopic(name: string): Promise<void> {
    this.assertOpen();
    assertStreamName('topic', name);
    const topic = this.topics.get(name);
    if (topic) {
      for (const consumer of [...topic.consumers]) await consumer.close();
      for (const log of topic.logs) log.close();
      this.topics.delete(name);
    }
    fs.rmSync(path.join(this.root, name), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const timer of this.timers) clearInterval(timer);
    for (const topic of this.topics.values()) {
      for (const consumer of [...topic.consumers]) await consumer.close();
      for (const log of topic.logs) log.close();
    }
    this.closed = true;
    this.topics.clear();
    fs.rmSync(path.join(this.root, LOCK_FILE), { force: true });
    openRoots.delete(this.root);
  }
}

interface InFlight {
  message: StreamMessage;
  /** When it is due for (re)delivery unless acked. */
  deadline: number;
  /** Nak'ed and waiting: no newer message of the partition is delivered meanwhile. */
  nacked: boolean;
}

interface PartitionState {
  partition: number;
  log: PartitionLog;
  cursor: ReadCursor;
  inFlight: Map<number, InFlight>;
  /** Earliest deadline among in-flight messages (a lower bound; recomputed when scanned). */
  nextDeadline: number;
  /** In-flight messages nak'ed and waiting for their redelivery. */
  nacked: number;
}

interface ConsumerSettings {
  ackWaitMs: number;
  maxAckPending: number;
  start: 'earliest' | 'latest';
  appended: EventEmitter;
}

class EmbeddedConsumer implements StreamConsumer {
  readonly partitions: readonly number[];
  private readonly states = new Map<number, PartitionState>();
  private closed = false;
  private rotation = 0;
  private wake: (() => void) | null = null;

  constructor(
    private readonly topicRef: Topic,
    readonly group: string,
    private readonly claim: GroupClaim,
    partitions: readonly number[],
    private readonly settings: ConsumerSettings,
  ) {
    this.partitions = [...partitions];
    const isNew = claim.offsets.isNew;
    for (const p of partitions) {
      const log = topicRef.logs[p];
      const start = isNew && settings.start === 'latest' ? log.nextOffset : log.earliestOffset;
      const progress = claim.offsets.of(p, start);
      if (progress.committed < log.earliestOffset) claim.offsets.reset(p, log.earliestOffset);
      this.states.set(p, {
        partition: p,
        log,
        cursor: log.cursorAt(claim.offsets.of(p, start).committed),
        inFlight: new Map(),
        nextDeadline: Infinity,
        nacked: 0,
      });
    }
    claim.offsets.writeNow();
  }

  get topic(): string {
    return this.topicRef.name;
  }

  private ordered(): PartitionState[] {
    const list = [...this.states.values()];
    const from = this.rotation++ % list.length;
    return [...list.slice(from), ...list.slice(0, from)];
  }

  private deliver(state: PartitionState, entry: InFlight, now: number): StreamMessage {
    if (entry.nacked) state.nacked--;
    entry.message = { ...entry.message, deliveryCount: entry.message.deliveryCount + 1 };
    entry.deadline = now + this.settings.ackWaitMs;
    entry.nacked = false;
    return entry.message;
  }

  private inFlightCount(): number {
    let n = 0;
    for (const s of this.states.values()) n += s.inFlight.size;
    return n;
  }

  private collect(max: number): StreamMessage[] {
    const now = Date.now();
    const out: StreamMessage[] = [];
    const states = this.ordered();
    const blocked = new Set<number>();
    for (const state of states) {
      if (state.nextDeadline > now) continue;
      let next = Infinity;
      const due: InFlight[] = [];
      for (const entry of state.inFlight.values()) {
        if (entry.deadline <= now) due.push(entry);
        else next = Math.min(next, entry.deadline);
      }
      due.sort((a, b) => a.message.offset - b.message.offset);
      for (const entry of due) {
        if (out.length >= max) {
          next = Math.min(next, entry.deadline);
          blocked.add(state.partition);
          continue;
        }
        out.push(this.deliver(state, entry, now));
        next = Math.min(next, entry.deadline);
      }
      state.nextDeadline = next;
    }
    // A partition with a message waiting for its redelivery delivers nothing newer meanwhile.
    for (const state of states) if (state.nacked > 0) blocked.add(state.partition);
    // New messages, a fair share per partition first, then whatever room is left.
    const open = states.filter((s) => !blocked.has(s.partition));
    for (const pass of [0, 1]) {
      for (const state of open) {
        const room = Math.min(max - out.length, this.settings.maxAckPending - this.inFlightCount());
        if (room <= 0) return out;
        const take = pass === 0 ? Math.min(room, Math.ceil(max / open.length)) : room;
        this.readNew(state, take, now, out);
      }
    }
    return out;
  }

  private readNew(state: PartitionState, take: number, now: number, out: StreamMessage[]): void {
    const progress = this.claim.offsets.of(state.partition, state.log.earliestOffset);
    if (progress.committed < state.log.earliestOffset) {
      // Retention removed messages this group never acked: it continues at the oldest kept.
      this.claim.offsets.reset(state.partition, state.log.earliestOffset);
    }
    const current = this.claim.offsets.of(state.partition, state.log.earliestOffset);
    for (const record of state.log.read(state.cursor, take)) {
      // Acked before a restart (an out-of-order ack), or pending already: not again.
      if (record.offset < current.committed || current.acked.has(record.offset)) continue;
      if (state.inFlight.has(record.offset)) continue;
      const message: StreamMessage = {
        topic: this.topicRef.name,
        partition: state.partition,
        offset: record.offset,
        key: record.key,
        payload: record.payload,
        timestamp: record.timestamp,
        deliveryCount: 1,
      };
      const deadline = now + this.settings.ackWaitMs;
      state.inFlight.set(record.offset, { message, deadline, nacked: false });
      state.nextDeadline = Math.min(state.nextDeadline, deadline);
      out.push(message);
    }
  }

  async fetch(options: FetchOptions = {}): Promise<StreamMessage[]> {
    const max = Math.max(1, options.max ?? 100);
    const until = Date.now() + (options.waitMs ?? 0);
    for (;;) {
      if (this.closed) return [];
      const out = this.collect(max);
      const now = Date.now();
      if (out.length > 0 || now >= until) return out;
      let nextDeadline = until;
      for (const s of this.states.values()) nextDeadline = Math.min(nextDeadline, s.nextDeadline);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.settings.appended.off(this.topicRef.name, done);
          this.wake = null;
          resolve();
        };
        const timer = setTimeout(done, Math.max(1, nextDeadline - now));
        this.settings.appended.on(this.topicRef.name, done);
        this.wake = done;
      });
    }
  }

  private stateOf(message: StreamMessage): PartitionState {
    const state = this.states.get(message.partition);
    if (!state || message.topic !== this.topicRef.name) {
      throw new Error(
        `message ${message.topic}/${message.partition}@${message.offset} was not delivered to this consumer`,
      );
    }
    return state;
  }

  private markAcked(message: StreamMessage): void {
    const state = this.stateOf(message);
    const entry = state.inFlight.get(message.offset);
    if (!entry) return; // acked already, or before a seek
    if (entry.nacked) state.nacked--;
    state.inFlight.delete(message.offset);
    this.claim.offsets.markAcked(message.partition, message.offset);
  }

  async ack(message: StreamMessage): Promise<void> {
    this.markAcked(message);
    await this.claim.offsets.flush();
  }

  async ackAll(messages: readonly StreamMessage[]): Promise<void> {
    if (messages.length === 0) return;
    for (const m of messages) this.markAcked(m);
    await this.claim.offsets.flush();
  }

  async nak(message: StreamMessage, delayMs = 0): Promise<void> {
    const state = this.stateOf(message);
    const entry = state.inFlight.get(message.offset);
    if (!entry) return;
    entry.deadline = Date.now() + Math.max(0, delayMs);
    if (!entry.nacked) state.nacked++;
    entry.nacked = true;
    state.nextDeadline = Math.min(state.nextDeadline, entry.deadline);
    this.wake?.();
  }

  async seek(target: SeekTarget): Promise<void> {
    const moves: Array<[PartitionState, number]> = [];
    if (typeof target === 'object' && 'partition' in target) {
      const state = this.states.get(target.partition);
      if (!state) throw new Error(`partition ${target.partition} is not consumed by this member`);
      moves.push([state, target.offset]);
    } else {
      for (const state of this.states.values()) {
        const offset =
          target === 'earliest'
            ? state.log.earliestOffset
            : target === 'latest'
              ? state.log.nextOffset
              : state.log.offsetAtTime(target.time.getTime());
        moves.push([state, offset]);
      }
    }
    for (const [state, offset] of moves) {
      const clamped = Math.max(state.log.earliestOffset, Math.min(offset, state.log.nextOffset));
      this.claim.offsets.reset(state.partition, clamped);
      state.inFlight.clear();
      state.nextDeadline = Infinity;
      state.nacked = 0;
      state.cursor = state.log.cursorAt(clamped);
    }
    await this.claim.offsets.flush();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    for (const p of this.partitions) this.claim.claimed.delete(p);
    this.topicRef.consumers.delete(this);
    this.claim.offsets.writeNow();
    if (this.claim.claimed.size === 0) this.topicRef.groups.delete(this.group);
  }
}
