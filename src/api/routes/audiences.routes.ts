import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AudienceExpressionError,
  audienceBreakdownRequestSchema,
  audienceBreakdownResponseSchema,
  audienceCountRequestSchema,
  audienceCountResponseSchema,
  audienceFieldsResponseSchema,
  audienceIndexResponseSchema,
  audienceParseRequestSchema,
  audienceParseResponseSchema,
  audienceSampleRequestSchema,
  audienceSampleResponseSchema,
  type AudienceService,
} from '../../modules/audiences/index.ts';
import { authenticatedErrors, errorResponseSchema } from '../api.schema.ts';
import { handleError } from '../error-handler.ts';
import { principalOf } from '../session-auth.ts';

/** What the audience routes need. */
export interface AudienceRoutesOptions {
  audiences: AudienceService;
}

/** A 400 answer of an expression error: code 'EXPRESSION', details = where and what was expected. */
export const expressionErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe("'EXPRESSION' for expression errors, else validation_failed"),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ExpressionError' });

/** Error answers of routes that take an audience expression. */
export const expressionRouteErrors = {
  ...authenticatedErrors,
  400: expressionErrorSchema.describe(
    "invalid input; expression errors have code 'EXPRESSION' and details {position, expected, suggestions}",
  ),
  409: errorResponseSchema.describe('no audience index yet: run `panorama tags run`'),
} as const;

/**
 * Error handler of the audience and segment routes: expression errors answer 400 with code
 * 'EXPRESSION' and their position, expected tokens and suggestions; the rest as everywhere.
 */
export function audienceErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AudienceExpressionError) {
    return reply
      .code(400)
      .type('application/json; charset=utf-8')
      .send({
        error: {
          code: 'EXPRESSION',
          message: error.message,
          details: {
            position: error.position,
            expected: error.expected,
            suggestions: error.suggestions,
            ...(error.path !== undefined && { path: error.path }),
          },
        },
      });
  }
  return handleError(error, request, reply);
}

/** `/api/audiences/*`: builder fields, parse, count, breakdown, sample and the index report, scoped by the caller. */
export const audienceRoutes: FastifyPluginAsyncZod<AudienceRoutesOptions> = async (app, { audiences }) => {
  app.setErrorHandler(audienceErrorHandler);

  app.get(
    '/audiences/fields',
    {
      schema: {
        tags: ['audiences'],
        summary: "Fields of the audience builder: indexed tags, values with counts in the caller's scope",
        response: { 200: audienceFieldsResponseSchema, ...expressionRouteErrors },
      },
    },
    async (request) => audiences.fields(principalOf(request)),
  );

  app.post(
    '/audiences/parse',
    {
      schema: {
        tags: ['audiences'],
        summary: 'Parse the text form of an expression into its JSON form',
        body: audienceParseRequestSchema,
        response: { 200: audienceParseResponseSchema, ...expressionRouteErrors },
      },
    },
    async (request) => audiences.parse(request.body.text),
  );

  app.post(
    '/audiences/count',
    {
      schema: {
        tags: ['audiences'],
        summary: "Count the customers matching an expression in the caller's scope",
        body: audienceCountRequestSchema,
        response: { 200: audienceCountResponseSchema, ...expressionRouteErrors },
      },
    },
    async (request) => audiences.count(principalOf(request), request.body.expression),
  );

  app.post(
    '/audiences/breakdown',
    {
      schema: {
        tags: ['audiences'],
        summary: 'Split the matching customers by a field, numeric buckets or branch',
        body: audienceBreakdownRequestSchema,
        response: { 200: audienceBreakdownResponseSchema, ...expressionRouteErrors },
      },
    },
    async (request) => audiences.breakdown(principalOf(request), request.body.expression, request.body.by),
  );

  app.post(
    '/audiences/sample',
    {
      schema: {
        tags: ['audiences'],
        summary: 'Up to 100 matching customers (lowest customer numbers), as the customer list shows them',
        body: audienceSampleRequestSchema,
        response: { 200: audienceSampleResponseSchema, ...expressionRouteErrors },
      },
    },
    async (request) => audiences.sample(principalOf(request), request.body.expression, request.body.limit),
  );

  app.get(
    '/audiences/index',
    {
      schema: {
        tags: ['audiences'],
        summary: 'Size and memory of the loaded audience index',
        response: { 200: audienceIndexResponseSchema, ...expressionRouteErrors },
      },
    },
    async () => audiences.indexReport(),
  );
};
