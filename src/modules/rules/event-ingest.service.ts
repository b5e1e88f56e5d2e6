import type { z } from 'zod';
import type { Principal } from '../access/index.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';
import { ForbiddenError, ValidationError } from '../../platform/errors.ts';
import type { PublishRecord, Stream } from '../../platform/stream/index.ts';
import {
  EVENT_TOPICS,
  eventKey,
  eventSchema,
  MAX_EVENTS_PER_BATCH,
  type EventBatchResponse,
  type EventError,
  type PanoramaEvent,
  type StreamEvent,
} from './event.schema.ts';

/** The stream, or a way to open it on first use (the API opens the embedded log lazily). */
export type StreamSource = Stream | (() => Promise<Stream>);

/** True when the principal may push events into the stream. */
export function mayIngestEvents(principal: Principal): boolean {
  // TODO(issue 7): API tokens for integrations are also allowed once they exist.
  return principal.role === 'admin';
}

function fieldOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.length > 0 ? issue.path.join('.') : '(item)';
}

function idOf(item: unknown): string | null {
  if (item && typeof item === 'object' && 'id' in item && typeof item.id === 'string') return item.id;
  return null;
}

/**
 * Validates live events one by one and publishes the good ones to their topic (`transactions`,
 * `behaviour`, `signals`), keyed by customer so each customer's events stay in order. A bad item
 * is reported by index and field and never stops the good ones.
 */
export class EventIngestService {
  private resolved?: Stream;

  constructor(
    private readonly source: StreamSource,
    private readonly clock: Clock = systemClock,
  ) {}

  private async stream(): Promise<Stream> {
    if (this.resolved) return this.resolved;
    const stream = typeof this.source === 'function' ? await this.source() : this.source;
    this.resolved = stream;
    return stream;
  }

  /** Validates each item; publishes the valid ones; answers counts and per-item errors. */
  async ingest(principal: Principal, items: readonly unknown[]): Promise<EventBatchResponse> {
    if (!mayIngestEvents(principal))
      throw new ForbiddenError('only administrators and integrations may post events');
    if (items.length > MAX_EVENTS_PER_BATCH) {
      throw new ValidationError(`events: at most ${MAX_EVENTS_PER_BATCH} per batch, got ${items.length}`);
    }
    const valid: PanoramaEvent[] = [];
    const errors: EventError[] = [];
    items.forEach((item, index) => {
      const parsed = eventSchema.safeParse(item);
      if (parsed.success) {
        valid.push(parsed.data);
        return;
      }
      for (const issue of parsed.error.issues) {
        errors.push({ index, id: idOf(item), field: fieldOf(issue), message: issue.message });
      }
    });
    const topics = await this.publishValid(valid);
    return { accepted: valid.length, rejected: items.length - valid.length, topics, errors };
  }

  /**
   * Publishes events the product emits itself (already typed; validated again all the same).
   * Answers how many went to each topic.
   */
  async publish(events: readonly PanoramaEvent[]): Promise<Record<string, number>> {
    return this.publishValid(events.map((event) => eventSchema.parse(event)));
  }

  private async publishValid(events: readonly PanoramaEvent[]): Promise<Record<string, number>> {
    const receivedAt = this.clock.now().toISOString();
    const byTopic = new Map<string, PublishRecord[]>();
    for (const event of events) {
      const topic = EVENT_TOPICS[event.kind];
      const envelope: StreamEvent = { ...event, received_at: receivedAt };
      const record = { key: eventKey(event), payload: JSON.stringify(envelope) };
      const list = byTopic.get(topic);
      if (list) list.push(record);
      else byTopic.set(topic, [record]);
    }
    const counts: Record<string, number> = {};
    if (byTopic.size === 0) return counts;
    const stream = await this.stream();
    for (const [topic, records] of byTopic) {
      await stream.publishBatch(topic, records);
      counts[topic] = records.length;
    }
    return counts;
  }
}
