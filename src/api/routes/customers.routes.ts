import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
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
}

/** `GET /api/customers` and `GET /api/customers/:id`, scoped by the caller. */
export const customerRoutes: FastifyPluginAsyncZod<CustomerRoutesOptions> = async (app, { customers }) => {
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
};
