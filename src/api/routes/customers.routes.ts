import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createNoteRequestSchema,
  customer360QuerySchema,
  customer360ResponseSchema,
  customerNoteSchema,
  noteListQuerySchema,
  notePageSchema,
  searchQuerySchema,
  searchResponseSchema,
  transactionPageSchema,
  transactionQuerySchema,
  type Customer360Service,
  customerIdParamsSchema,
  customerListQuerySchema,
  customerListResponseSchema,
  customerViewResponseSchema,
  type CustomersService,
} from '../../modules/customers/index.ts';
import { authenticatedErrors, errorResponseSchema } from '../api.schema.ts';
import { principalOf } from '../session-auth.ts';

/** What the customer routes need. */
export interface CustomerRoutesOptions {
  customers: CustomersService;
  /** The 360 view, transactions, notes and search; their routes are absent without it. */
  customer360?: Customer360Service;
}

const notFound = errorResponseSchema.describe("absent or outside the caller's scope (answered alike)");

/** `GET /api/customers` and `GET /api/customers/:id`, scoped by the caller. */
export const customerRoutes: FastifyPluginAsyncZod<CustomerRoutesOptions> = async (
  app,
  { customers, customer360 },
) => {
  app.get(
    '/customers',
    {
      schema: {
        tags: ['customers'],
        summary: "Search and list customers in the caller's scope",
        querystring: customerListQuerySchema,
        response: { 200: customerListResponseSchema, ...authenticatedErrors },
      },
    },
    async (request) => customers.list(principalOf(request), request.query),
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        tags: ['customers'],
        summary: 'One customer: profile, holdings and 13 months of aggregates',
        params: customerIdParamsSchema,
        response: {
          200: customerViewResponseSchema,
          ...authenticatedErrors,
          404: errorResponseSchema.describe("absent or outside the caller's scope (answered alike)"),
        },
      },
    },
    async (request) => customers.get(principalOf(request), request.params.id),
  );

  if (!customer360) return;

  app.get(
    '/customers/:id/360',
    {
      // The 360 document is large: the schema documents it (OpenAPI), while plain JSON.stringify
      // writes it; validating every response with zod cost more than building it (measured in bench).
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags: ['customers'],
        summary: 'Customer 360 view: the requested sections (default all), retail or corporate',
        params: customerIdParamsSchema,
        querystring: customer360QuerySchema,
        response: { 200: customer360ResponseSchema, ...authenticatedErrors, 404: notFound },
      },
    },
    async (request) => customer360.view(principalOf(request), request.params.id, request.query.sections),
  );

  app.get(
    '/customers/:id/transactions',
    {
      schema: {
        tags: ['customers'],
        summary: "A customer's recent transactions, filtered and paged (newest first)",
        params: customerIdParamsSchema,
        querystring: transactionQuerySchema,
        response: { 200: transactionPageSchema, ...authenticatedErrors, 404: notFound },
      },
    },
    async (request) => customer360.transactions(principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/customers/:id/notes',
    {
      schema: {
        tags: ['customers'],
        summary: "A customer's notes, newest first",
        params: customerIdParamsSchema,
        querystring: noteListQuerySchema,
        response: { 200: notePageSchema, ...authenticatedErrors, 404: notFound },
      },
    },
    async (request) => customer360.notes(principalOf(request), request.params.id, request.query),
  );

  app.post(
    '/customers/:id/notes',
    {
      schema: {
        tags: ['customers'],
        summary: 'Adds a note (1–2000 characters) by the signed-in user',
        params: customerIdParamsSchema,
        body: createNoteRequestSchema,
        response: { 201: customerNoteSchema, ...authenticatedErrors, 404: notFound },
      },
    },
    async (request, reply) => {
      const note = await customer360.addNote(principalOf(request), request.params.id, request.body);
      return reply.code(201).send(note);
    },
  );

  app.get(
    '/search',
    {
      schema: {
        tags: ['customers'],
        summary:
          "Search box: name (partial, typo-tolerant), ID number, mobile, account, company name, USCC — in the caller's scope",
        querystring: searchQuerySchema,
        response: { 200: searchResponseSchema, ...authenticatedErrors },
      },
    },
    async (request) => customer360.search(principalOf(request), request.query.q, request.query.limit),
  );
};
