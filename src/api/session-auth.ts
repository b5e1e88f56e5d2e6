import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type AccessService, type Principal } from '../modules/access/index.ts';
import type { Config } from '../platform/config.ts';
import { UnauthorizedError } from '../platform/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, resolved from the session cookie on every non-public /api route. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The route answers without a session (login). */
    public?: boolean;
  }
}

/** An onRequest hook resolving the session cookie to `request.principal`; 401 unless the route is public. */
export function sessionAuthHook(access: AccessService) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    if (request.routeOptions.config.public) return;
    const principal = await access.authenticate(request.cookies[SESSION_COOKIE]);
    if (!principal) throw new UnauthorizedError();
    request.principal = principal;
  };
}

/** The principal of an authenticated request (the hook guarantees it; this keeps types honest). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
}

/** The session token the request carries, if any. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https or when configured. */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expires: Date): void {
  const secure =
    config.secureCookies === 'true' ||
    (config.secureCookies === 'auto' && reply.request.protocol === 'https');
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  const secure =
    config.secureCookies === 'true' ||
    (config.secureCookies === 'auto' && reply.request.protocol === 'https');
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
