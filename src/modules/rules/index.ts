// Public surface of the rules module. For now: the live event types, their validation and ingestion
// into the stream (issue 6, "Stream"); rules, windows and alerts build on these.
export {
  behaviourEventSchema,
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  EVENT_TOPICS,
  eventBatchRequestSchema,
  eventBatchResponseSchema,
  eventErrorSchema,
  eventKey,
  eventSchema,
  MAX_EVENTS_PER_BATCH,
  MAX_PROPS_BYTES,
  signalEventSchema,
  transactionEventSchema,
  type BehaviourEvent,
  type EventBatchResponse,
  type EventError,
  type EventKind,
  type PanoramaEvent,
  type SignalEvent,
  type StreamEvent,
  type TransactionEvent,
} from './event.schema.ts';
export { EventIngestService, mayIngestEvents, type StreamSource } from './event-ingest.service.ts';
