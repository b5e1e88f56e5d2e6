import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  eventBatchRequestSchema,
  eventBatchResponseSchema,
  MAX_EVENTS_PER_BATCH,
  type EventIngestService,
} from '../../modules/rules/index.ts';
import { authenticatedErrors, errorResponseSchema } from '../api.schema.ts';
import { principalOf } from '../session-auth.ts';

/** What the event routes need. */
export interface EventRoutesOptions {
  events: EventIngestService;
}

/** A full batch of events with properties is larger than the API's default body limit. */
const EVENTS_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** `POST /api/events`: live transactions, behaviour events and external signals into the stream. */
export const eventRoutes: FastifyPluginAsyncZod<EventRoutesOptions> = async (app, { events }) => {
  app.post(
    '/events',
    {
      bodyLimit: EVENTS_BODY_LIMIT_BYTES,
      schema: {
        tags: ['events'],
        summary: `Post up to ${MAX_EVENTS_PER_BATCH} live events; each is validated on its own`,
        description:
          'Events are `{"kind":"transaction"|"behaviour"|"signal", "id", …}`; the id is the idempotency key. ' +
          'Valid items are published (topics transactions, behaviour, signals; keyed by customer) even when ' +
          'others are rejected: `errors` names each rejected item by index and field.',
        body: eventBatchRequestSchema,
        response: {
          200: eventBatchResponseSchema,
          ...authenticatedErrors,
          403: errorResponseSchema.describe(
            'the caller may not post events (administrators and integrations may)',
          ),
        },
      },
    },
    async (request) => events.ingest(principalOf(request), request.body.events),
  );
};
