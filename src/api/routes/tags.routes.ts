import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rebuildAudienceSnapshot } from '../../modules/audiences/index.ts';
import {
  dataDirWarehouseAccess,
  FEATURE_COLUMNS,
  featureColumnsResponseSchema,
  PostgresTagRepository,
  TagCatalogueService,
  tagDetailResponseSchema,
  tagIdParamsSchema,
  tagListQuerySchema,
  tagListResponseSchema,
  tagListUploadResponseSchema,
  tagPreviewRequestSchema,
  tagPreviewResponseSchema,
  tagInputSchema,
  tagRunRequestSchema,
  tagRunResponseSchema,
  tagUpdateSchema,
} from '../../modules/tags/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import { authenticatedErrors, errorResponseSchema } from '../api.schema.ts';
import { principalOf } from '../session-auth.ts';

/** What the tag routes need. */
export interface TagRoutesOptions {
  tags: TagCatalogueService;
}

/** Largest uploaded customer list (CSV or JSON): about 2M ids. */
const LIST_BODY_LIMIT = 48 * 1024 * 1024;

/**
 * The tag service of a serving process: catalogue in the serving DB, warehouse sessions on the data
 * dir, and after each run the audience snapshot rebuilt (API processes reload it when it changes).
 */
export function createTagCatalogueService(
  db: Database,
  dataDir: string,
  logger?: Logger,
): TagCatalogueService {
  return new TagCatalogueService({
    repository: new PostgresTagRepository(db),
    warehouse: dataDirWarehouseAccess(dataDir),
    featureColumns: FEATURE_COLUMNS,
    afterRun: async (warehouse, tags) => {
      const rebuilt = await rebuildAudienceSnapshot({
        warehouse,
        dataDir,
        tags: tags.filter((t) => t.status === 'active'),
      });
      logger?.info(
        { customers: rebuilt.customers, bytes: rebuilt.bytes },
        'audience index rebuilt after tag run',
      );
    },
  });
}

/** Customer ids of an uploaded CSV/text body: the first column of each line; a header line is skipped. */
export function parseIdList(body: string): string[] {
  const ids: string[] = [];
  for (const [i, line] of body.split(/\r?\n/).entries()) {
    const first = line
      .split(/[,;\t]/)[0]
      ?.trim()
      .replace(/^"|"$/g, '')
      .trim();
    if (!first) continue;
    if (i === 0 && /^(customer_?id|id|客户号|客户编号|客户id)$/i.test(first)) continue;
    ids.push(first);
  }
  return ids;
}

const forbiddenError = {
  403: errorResponseSchema.describe('only admin and hq_analyst may change tags or run them'),
};
const notFoundError = { 404: errorResponseSchema.describe('no such tag') };
const conflictError = { 409: errorResponseSchema };

/** The Tags API: catalogue, definitions with history, preview on a sample, feature columns and runs. */
export const tagRoutes: FastifyPluginAsyncZod<TagRoutesOptions> = async (app, { tags }) => {
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: LIST_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
  app.addHook('onClose', async () => tags.close());

  app.get(
    '/tags',
    {
      schema: {
        tags: ['tags'],
        summary: 'The tag catalogue with coverage and last run time',
        querystring: tagListQuerySchema,
        response: { 200: tagListResponseSchema, ...authenticatedErrors },
      },
    },
    async (request) => tags.list(request.query),
  );

  app.get(
    '/tags/features',
    {
      schema: {
        tags: ['tags'],
        summary: 'Columns of customer_features that tag expressions may use',
        response: { 200: featureColumnsResponseSchema, ...authenticatedErrors },
      },
    },
    async () => ({ columns: tags.featureColumns().map((c) => ({ ...c })) }),
  );

  app.get(
    '/tags/runs/latest',
    {
      schema: {
        tags: ['tags'],
        summary: 'The latest tag run, with live progress while it runs',
        response: { 200: tagRunResponseSchema, ...authenticatedErrors, ...notFoundError },
      },
    },
    async () => tags.latestRun(),
  );

  app.post(
    '/tags/runs',
    {
      schema: {
        tags: ['tags'],
        summary: 'Start a tag run in this process (then the audience index is rebuilt)',
        body: tagRunRequestSchema.optional(),
        response: { 202: tagRunResponseSchema, ...authenticatedErrors, ...forbiddenError, ...conflictError },
      },
    },
    async (request, reply) => {
      const run = await tags.startRun(principalOf(request), request.body?.only);
      return reply.code(202).send(run);
    },
  );

  app.post(
    '/tags/preview',
    {
      schema: {
        tags: ['tags'],
        summary: 'Evaluate a definition on a sample of customers without saving it',
        body: tagPreviewRequestSchema,
        response: { 200: tagPreviewResponseSchema, ...authenticatedErrors, ...conflictError },
      },
      bodyLimit: LIST_BODY_LIMIT,
    },
    async (request) => tags.preview(request.body.definition, request.body.sample),
  );

  app.post(
    '/tags',
    {
      schema: {
        tags: ['tags'],
        summary: 'Create a tag (version 1)',
        body: tagInputSchema,
        response: {
          201: tagDetailResponseSchema,
          ...authenticatedErrors,
          ...forbiddenError,
          ...conflictError,
        },
      },
      bodyLimit: LIST_BODY_LIMIT,
    },
    async (request, reply) => reply.code(201).send(await tags.create(principalOf(request), request.body)),
  );

  app.get(
    '/tags/:id',
    {
      schema: {
        tags: ['tags'],
        summary: 'One tag: definition, coverage, distribution and versions',
        params: tagIdParamsSchema,
        response: { 200: tagDetailResponseSchema, ...authenticatedErrors, ...notFoundError },
      },
    },
    async (request) => tags.get(request.params.id),
  );

  app.put(
    '/tags/:id',
    {
      schema: {
        tags: ['tags'],
        summary: 'Edit a tag: a new version, the old one kept in its history',
        params: tagIdParamsSchema,
        body: tagUpdateSchema,
        response: {
          200: tagDetailResponseSchema,
          ...authenticatedErrors,
          ...forbiddenError,
          ...notFoundError,
        },
      },
      bodyLimit: LIST_BODY_LIMIT,
    },
    async (request) => tags.update(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/tags/:id/retire',
    {
      schema: {
        tags: ['tags'],
        summary: 'Retire a tag: no longer computed nor offered to audiences',
        params: tagIdParamsSchema,
        response: {
          200: tagDetailResponseSchema,
          ...authenticatedErrors,
          ...forbiddenError,
          ...notFoundError,
          ...conflictError,
        },
      },
    },
    async (request) => tags.retire(principalOf(request), request.params.id),
  );

  app.put(
    '/tags/:id/list',
    {
      schema: {
        tags: ['tags'],
        summary:
          'Replace the members of an uploaded-list tag: JSON {customerIds: [...]} or a CSV/text body of ids (first column)',
        params: tagIdParamsSchema,
        body: z.union([
          z.object({ customerIds: z.array(z.string().min(1).max(64)).max(5_000_000) }),
          z.string(),
        ]),
        response: {
          200: tagListUploadResponseSchema,
          ...authenticatedErrors,
          ...forbiddenError,
          ...notFoundError,
        },
      },
      bodyLimit: LIST_BODY_LIMIT,
    },
    async (request) => {
      const ids = typeof request.body === 'string' ? parseIdList(request.body) : request.body.customerIds;
      if (ids.length === 0)
        throw new ValidationError('the uploaded list has no customer ids', { field: 'body' });
      return tags.replaceListMembers(principalOf(request), request.params.id, ids);
    },
  );
};
