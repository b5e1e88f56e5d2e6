import fs from 'node:fs';
import path from 'node:path';
import type { FastifyStaticOptions } from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** True when `dir` holds a built web UI (an index.html). */
export function hasWebDist(dir: string | undefined): dir is string {
  return !!dir && fs.existsSync(path.join(dir, 'index.html'));
}

/** Options for @fastify/static serving the built web UI from `dir`: hashed assets cached for a year, the rest revalidated. */
export function webStaticOptions(dir: string): FastifyStaticOptions {
  return {
    root: path.resolve(dir),
    prefix: '/',
    wildcard: false,
    cacheControl: false,
    setHeaders(reply, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  };
}

/**
 * True when a request that matched no route should get the SPA's index.html: a GET or HEAD for a
 * page path (not the API, not the docs, not a missing file with an extension).
 */
export function wantsSpaPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = request.url.split('?')[0];
  if (pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/docs')) return false;
  return !/\.[A-Za-z0-9]+$/.test(pathname);
}

/** Answers with the SPA's index.html (client-side routing takes over). */
export function sendSpaIndex(reply: FastifyReply) {
  return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
}
