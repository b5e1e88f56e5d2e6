import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  branchListResponseSchema,
  staffListQuerySchema,
  staffListResponseSchema,
  type OrganisationService,
} from '../../modules/access/index.ts';
import { authenticatedErrors } from '../api.schema.ts';
import { principalOf } from '../session-auth.ts';

/** What the organisation routes need. */
export interface OrgRoutesOptions {
  organisation: OrganisationService;
}

/** `GET /api/branches` and `GET /api/staff`, limited to the caller's part of the organisation. */
export const orgRoutes: FastifyPluginAsyncZod<OrgRoutesOptions> = async (app, { organisation }) => {
  app.get(
    '/branches',
    {
      schema: {
        tags: ['organisation'],
        summary: "Branches in the caller's scope, parents before children",
        response: { 200: branchListResponseSchema, ...authenticatedErrors },
      },
    },
    async (request) => ({ items: await organisation.listBranches(principalOf(request)) }),
  );

  app.get(
    '/staff',
    {
      schema: {
        tags: ['organisation'],
        summary: "Staff in the caller's scope",
        querystring: staffListQuerySchema,
        response: { 200: staffListResponseSchema, ...authenticatedErrors },
      },
    },
    async (request) => ({ items: await organisation.listStaff(principalOf(request), request.query) }),
  );
};
