import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import {
  AccessService,
  OrganisationService,
  PostgresAccessRepository,
  SESSION_COOKIE,
} from '../modules/access/index.ts';
import {
  Customer360Service,
  CustomersService,
  PostgresCustomer360Repository,
  PostgresCustomersRepository,
} from '../modules/customers/index.ts';
import {
  AudienceIndexStore,
  AudienceService,
  PostgresAudienceRepository,
} from '../modules/audiences/index.ts';
import { EventIngestService } from '../modules/rules/index.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import { openStream, type Stream } from '../platform/stream/index.ts';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/index.ts';
import { NotFoundError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { handleError } from './error-handler.ts';
import { audienceRoutes } from './routes/audiences.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { customerRoutes } from './routes/customers.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { orgRoutes } from './routes/org.routes.ts';
import { segmentRoutes } from './routes/segments.routes.ts';
import { eventRoutes } from './routes/events.routes.ts';
import { createTagCatalogueService, tagRoutes } from './routes/tags.routes.ts';
import { sessionAuthHook } from './session-auth.ts';
import { hasWebDist, sendSpaIndex, wantsSpaPage, webStaticOptions } from './web-static.ts';

/** What the HTTP app is built from. */
export interface AppDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /** Built web UI (vite output); served with SPA fallback when it exists. */
  webDistDir?: string;
  /** Time source for sessions and ages; the system clock unless a test injects one. */
  clock?: Clock;
  /** The audience index; built from `<config.dataDir>/audience/index.snap` when not given. */
  audienceIndexStore?: AudienceIndexStore;
  /** The event stream; without one, the configured stream is opened on the first posted event. */
  stream?: Stream;
}

/** Largest accepted request body. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the Fastify app: API routes, OpenAPI docs at /docs, probes, security headers and the web UI. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { db, config, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const accessRepository = new PostgresAccessRepository(db);
  const access = new AccessService(accessRepository, clock);
  const organisation = new OrganisationService(accessRepository);
  const customers = new CustomersService(new PostgresCustomersRepository(db), clock);
  const customer360 = new Customer360Service(
    new PostgresCustomer360Repository(db),
    new PostgresCustomersRepository(db),
    clock,
  );
  const audienceIndexStore = deps.audienceIndexStore ?? new AudienceIndexStore(config.dataDir, { logger });
  const audiences = new AudienceService(
    audienceIndexStore,
    new PostgresAudienceRepository(db),
    clock,
    logger,
  );
  const serveWeb = hasWebDist(deps.webDistDir);

  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Logged once per request in onResponse instead, without query strings (they carry ID numbers and phones).
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('principal', null);

  app.addHook('onResponse', async (request, reply) => {
    const entry = {
      method: request.method,
      path: request.url.split('?')[0],
      route: request.routeOptions.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      user: request.principal?.username,
    };
    if (reply.statusCode >= 500) request.log.error(entry, 'request');
    else request.log.info(entry, 'request');
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        // antd and echarts inject style elements and attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    // Served over plain http on bank intranets too: HSTS only when cookies are marked secure.
    strictTransportSecurity: config.secureCookies === 'true' ? { maxAge: 15_552_000 } : false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Panorama API',
        description:
          'Customer intelligence for banks. See docs/api-contract.md. Money is yuan; errors are {"error":{code,message,details}}.',
        version: '0.1.0',
      },
      tags: [
        { name: 'auth', description: 'Sign in and out' },
        { name: 'customers', description: 'Search, list and 360 view' },
        { name: 'organisation', description: 'Branches and staff' },
        { name: 'health', description: 'Probes' },
        { name: 'audiences', description: 'Audience selection over the bitmap index' },
        { name: 'segments', description: 'Saved segments, overlaps, splits and exports' },
        { name: 'events', description: 'Live events into the stream' },
        { name: 'tags', description: 'Tag catalogue, preview and runs' },
      ],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  // Opened on first use and closed with the app, unless the caller injected (and owns) a stream.
  let ownStream: Promise<Stream> | undefined;
  const events = new EventIngestService(
    deps.stream ??
      (() =>
        (ownStream ??= openStream(config, {
          warn: (message, details) => logger.warn(details, message),
        }).catch((error: unknown) => {
          ownStream = undefined;
          throw error;
        }))),
    clock,
  );
  app.addHook('onClose', async () => {
    const stream = await ownStream?.catch(() => undefined);
    await stream?.close();
  });

  await app.register(healthRoutes, { customers });
  await app.register(
    async (api) => {
      api.addHook('onRequest', sessionAuthHook(access));
      await api.register(authRoutes, { access, config });
      await api.register(customerRoutes, { customers, customer360 });
      await api.register(orgRoutes, { organisation });
      await api.register(audienceRoutes, { audiences });
      await api.register(segmentRoutes, { audiences });
      await api.register(eventRoutes, { events });
      await api.register(tagRoutes, { tags: createTagCatalogueService(db, config.dataDir, logger) });
    },
    { prefix: '/api' },
  );

  if (serveWeb) await app.register(fastifyStatic, webStaticOptions(deps.webDistDir as string));

  app.setNotFoundHandler((request, reply) => {
    if (serveWeb && wantsSpaPage(request)) return sendSpaIndex(reply);
    return handleError(
      new NotFoundError(`route ${request.method} ${request.url.split('?')[0]}`),
      request,
      reply,
    );
  });

  await app.ready();
  return app as unknown as FastifyInstance;
}
