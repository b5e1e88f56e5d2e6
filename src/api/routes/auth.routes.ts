import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loginRequestSchema, userResponseSchema, type AccessService } from '../../modules/access/index.ts';
import type { Config } from '../../platform/config.ts';
import { authenticatedErrors, errorResponseSchema } from '../api.schema.ts';
import { RateLimitedError } from '../error-handler.ts';
import { clearSessionCookie, principalOf, sessionTokenOf, setSessionCookie } from '../session-auth.ts';

/** What the auth routes need. */
export interface AuthRoutesOptions {
  access: AccessService;
  config: Config;
}

// Argon2 already makes each guess cost ~50 ms; this caps guesses per client and username.
const LOGIN_ATTEMPTS_PER_MINUTE = 10;

/** `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`. */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { access, config }) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the HttpOnly session cookie panorama_session',
        security: [],
        body: loginRequestSchema,
        response: {
          200: userResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema.describe('unknown user or wrong password (answered alike)'),
          429: errorResponseSchema.describe('too many attempts'),
        },
      },
      config: {
        public: true,
        rateLimit: {
          max: LOGIN_ATTEMPTS_PER_MINUTE,
          timeWindow: 60_000,
          // Runs after body parsing so the key can include the username.
          hook: 'preHandler',
          keyGenerator: (request) => {
            const body = request.body as { username?: unknown } | undefined;
            const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
            return `${request.ip}|${username}`;
          },
          errorResponseBuilder: (_request, context) =>
            new RateLimitedError(`too many login attempts; retry in ${context.after}`),
        },
      },
    },
    async (request, reply) => {
      const previous = sessionTokenOf(request);
      if (previous) await access.logout(previous);
      const result = await access.login(request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, config, result.token, result.expiresAt);
      return { user: result.user };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session and clears the cookie',
        response: { 204: z.undefined().describe('signed out'), 401: authenticatedErrors[401] },
      },
    },
    async (request, reply) => {
      const token = sessionTokenOf(request);
      if (token) await access.logout(token);
      clearSessionCookie(reply, config);
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: userResponseSchema, ...authenticatedErrors },
      },
    },
    async (request) => ({ user: await access.me(principalOf(request)) }),
  );
};
