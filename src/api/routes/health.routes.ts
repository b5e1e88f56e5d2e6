import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CustomersService } from '../../modules/customers/index.ts';

/** What the health routes need. */
export interface HealthRoutesOptions {
  customers: CustomersService;
}

/** `GET /health` (process alive) and `GET /ready` (serving database answers). */
export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (app, { customers }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the serving database answers',
        response: {
          200: z.object({ status: z.literal('ready'), customers: z.number().int() }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
      logLevel: 'warn',
    },
    async (request, reply) => {
      try {
        return { status: 'ready' as const, customers: await customers.countAll() };
      } catch (error) {
        request.log.warn({ err: error }, 'serving database not ready');
        return reply.code(503).send({ status: 'unavailable' as const });
      }
    },
  );
};
