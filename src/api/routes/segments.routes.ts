import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EXPORT_CONTENT_TYPES,
  segmentCreateRequestSchema,
  segmentExportQuerySchema,
  segmentIdParamsSchema,
  segmentListResponseSchema,
  segmentOverlapRequestSchema,
  segmentOverlapResponseSchema,
  segmentSchema,
  segmentSplitRequestSchema,
  segmentSplitResponseSchema,
  segmentUpdateRequestSchema,
  type AudienceService,
} from '../../modules/audiences/index.ts';
import { errorResponseSchema } from '../api.schema.ts';
import { principalOf } from '../session-auth.ts';
import { audienceErrorHandler, expressionRouteErrors } from './audiences.routes.ts';

/** What the segment routes need. */
export interface SegmentRoutesOptions {
  audiences: AudienceService;
}

const segmentErrors = {
  ...expressionRouteErrors,
  403: errorResponseSchema.describe('only the creator or an admin may change a segment'),
  404: errorResponseSchema.describe('no such segment'),
} as const;

/** `/api/segments*`: saved segments, overlaps, splits and member exports, scoped by the caller. */
export const segmentRoutes: FastifyPluginAsyncZod<SegmentRoutesOptions> = async (app, { audiences }) => {
  app.setErrorHandler(audienceErrorHandler);

  app.get(
    '/segments',
    {
      schema: {
        tags: ['segments'],
        summary: "Saved segments with their counts in the caller's scope",
        response: { 200: segmentListResponseSchema, ...segmentErrors },
      },
    },
    async (request) => audiences.listSegments(principalOf(request)),
  );

  app.post(
    '/segments',
    {
      schema: {
        tags: ['segments'],
        summary: 'Save a segment (static: the members the caller sees now are frozen)',
        body: segmentCreateRequestSchema,
        response: { 201: segmentSchema, ...segmentErrors },
      },
    },
    async (request, reply) => {
      const segment = await audiences.createSegment(principalOf(request), request.body);
      return reply.code(201).send(segment);
    },
  );

  app.post(
    '/segments/overlap',
    {
      schema: {
        tags: ['segments'],
        summary: 'Counts of every intersection of 2–3 segments (Venn diagram)',
        body: segmentOverlapRequestSchema,
        response: { 200: segmentOverlapResponseSchema, ...segmentErrors },
      },
    },
    async (request) => audiences.overlap(principalOf(request), request.body.ids),
  );

  app.get(
    '/segments/:id',
    {
      schema: {
        tags: ['segments'],
        summary: 'One segment',
        params: segmentIdParamsSchema,
        response: { 200: segmentSchema, ...segmentErrors },
      },
    },
    async (request) => audiences.getSegment(principalOf(request), request.params.id),
  );

  app.put(
    '/segments/:id',
    {
      schema: {
        tags: ['segments'],
        summary: 'Change a segment (creator or admin)',
        params: segmentIdParamsSchema,
        body: segmentUpdateRequestSchema,
        response: { 200: segmentSchema, ...segmentErrors },
      },
    },
    async (request) => audiences.updateSegment(principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/segments/:id',
    {
      schema: {
        tags: ['segments'],
        summary: 'Delete a segment (creator or admin)',
        params: segmentIdParamsSchema,
        response: { 204: z.undefined().describe('deleted'), ...segmentErrors },
      },
    },
    async (request, reply) => {
      await audiences.deleteSegment(principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/segments/:id/split',
    {
      schema: {
        tags: ['segments'],
        summary:
          'Deterministic A/B/n split with control and holdout (hash of customer id and experiment key)',
        params: segmentIdParamsSchema,
        body: segmentSplitRequestSchema,
        response: { 200: segmentSplitResponseSchema, ...segmentErrors },
      },
    },
    async (request) => audiences.split(principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/segments/:id/export',
    {
      schema: {
        tags: ['segments'],
        summary: "Download the members in the caller's scope (masked identifiers) as CSV or Excel; logged",
        params: segmentIdParamsSchema,
        querystring: segmentExportQuerySchema,
        response: { 200: z.unknown().describe('the file (text/csv or xlsx), streamed'), ...segmentErrors },
      },
    },
    async (request, reply) => {
      const format = request.query.format;
      const file = await audiences.exportSegment(principalOf(request), request.params.id, format);
      const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '_');
      return reply
        .header('content-type', EXPORT_CONTENT_TYPES[format])
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  );
};
