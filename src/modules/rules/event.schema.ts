import { z } from 'zod';
import {
  CHANNELS,
  EVENT_TYPES,
  SIGNAL_TYPES,
  TRANSACTION_TYPES,
} from '../../platform/warehouse/canonical-schema.ts';

/** Most events accepted in one `POST /api/events`. */
export const MAX_EVENTS_PER_BATCH = 1000;

/** Largest `props` object of a behaviour event, as JSON text. */
export const MAX_PROPS_BYTES = 8 * 1024;

/** Topics the events are published to, by kind. */
export const EVENT_TOPICS = {
  transaction: 'transactions',
  behaviour: 'behaviour',
  signal: 'signals',
} as const;

/** The kinds of live events. */
export const EVENT_KINDS = ['transaction', 'behaviour', 'signal'] as const;

/** Labels of the event kinds for people (zh-CN, en). */
export const EVENT_KIND_LABELS: Record<EventKind, { zh: string; en: string }> = {
  transaction: { zh: '交易', en: 'Transaction' },
  behaviour: { zh: '行为事件', en: 'Behaviour event' },
  signal: { zh: '外部信号', en: 'External signal' },
};

const id = z.string().trim().min(1).max(128).describe('unique event id: the idempotency key');
const ref = (what: string) => z.string().trim().min(1).max(64).describe(what);
const text = (max: number, what: string) => z.string().max(max).nullish().describe(what);
const timestamp = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 time with a zone, e.g. 2026-03-15T10:00:00+08:00');

/** Yuan with at most two decimals, as the warehouse's DECIMAL(18,2) holds it. */
const money = z
  .number()
  .finite()
  .refine((v) => Math.abs(v) < 1e16, 'must be below 10^16 yuan')
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'must have at most 2 decimals');

/** A core-banking transaction: the canonical transaction (warehouse raw_transaction) as a live event. */
export const transactionEventSchema = z.strictObject({
  kind: z.literal('transaction'),
  id,
  account_id: ref('account id'),
  customer_id: ref('customer id'),
  ts: timestamp,
  amount: money.describe('signed yuan: positive into the account, negative out'),
  channel: z.enum(CHANNELS),
  type: z.enum(TRANSACTION_TYPES),
  counterparty_name: text(200, 'counterparty name'),
  counterparty_account: text(64, 'counterparty account'),
  counterparty_bank: text(200, 'counterparty bank or payment platform'),
  mcc: text(8, 'merchant category code'),
  memo: text(500, 'memo'),
});

/** An app or web behaviour event (the canonical `event` table). */
export const behaviourEventSchema = z.strictObject({
  kind: z.literal('behaviour'),
  id,
  customer_id: ref('customer id'),
  ts: timestamp,
  type: z.enum(EVENT_TYPES),
  props: z
    .record(z.string(), z.unknown())
    .optional()
    .refine((p) => p === undefined || JSON.stringify(p).length <= MAX_PROPS_BYTES, {
      message: `must be at most ${MAX_PROPS_BYTES} bytes as JSON`,
    })
    .describe('event properties, e.g. {"product_id":"P001","channel":"mobile"}'),
});

/** An external signal about a company (the canonical `external_signal`), with the customer it concerns when known. */
export const signalEventSchema = z.strictObject({
  kind: z.literal('signal'),
  id,
  entity_id: ref('the company concerned (enterprise graph entity id)'),
  customer_id: ref('the customer the entity is, when it is one').nullish(),
  type: z.enum(SIGNAL_TYPES),
  date: z.iso.date().describe('date of the signal, YYYY-MM-DD'),
  expiry: z.iso.date().nullish().describe('expiry (pledges, registrations)'),
  amount: money.nullish().describe('amount in yuan'),
  description: text(1000, 'description'),
});

/** Any live event, told apart by `kind`. */
export const eventSchema = z.discriminatedUnion('kind', [
  transactionEventSchema,
  behaviourEventSchema,
  signalEventSchema,
]);

/** A live event as validated. */
export type PanoramaEvent = z.infer<typeof eventSchema>;
/** The kind of a live event. */
export type EventKind = PanoramaEvent['kind'];
/** A transaction event. */
export type TransactionEvent = z.infer<typeof transactionEventSchema>;
/** A behaviour event. */
export type BehaviourEvent = z.infer<typeof behaviourEventSchema>;
/** An external-signal event. */
export type SignalEvent = z.infer<typeof signalEventSchema>;

/** What is published to the stream: the event and when Panorama received it. */
export type StreamEvent = PanoramaEvent & { received_at: string };

/** The partitioning key: the customer, or the entity of a signal about a non-customer. */
export function eventKey(event: PanoramaEvent): string {
  return event.kind === 'signal' ? (event.customer_id ?? event.entity_id) : event.customer_id;
}

/** `POST /api/events` body: items are validated one by one so one bad item does not sink the batch. */
export const eventBatchRequestSchema = z
  .object({
    events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH),
  })
  .meta({ id: 'EventBatchRequest' });

/** One rejected item of a batch. */
export const eventErrorSchema = z.object({
  index: z.number().int().describe('position of the item in `events`, from 0'),
  id: z.string().nullable().describe('the item id, when it had one'),
  field: z
    .string()
    .describe('the field at fault, e.g. `amount` or `props.channel`; `(item)` for the item as a whole'),
  message: z.string(),
});

/** `POST /api/events` answer. */
export const eventBatchResponseSchema = z
  .object({
    accepted: z.number().int(),
    rejected: z.number().int(),
    /** Accepted items per topic. */
    topics: z.record(z.string(), z.number().int()),
    errors: z.array(eventErrorSchema),
  })
  .meta({ id: 'EventBatchResponse' });

/** One rejected item. */
export type EventError = z.infer<typeof eventErrorSchema>;
/** Result of ingesting a batch. */
export type EventBatchResponse = z.infer<typeof eventBatchResponseSchema>;
