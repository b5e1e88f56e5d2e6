import { randomBytes, randomUUID } from 'node:crypto';

/** A new random UUID for rows the application creates. */
export function newId(): string {
  return randomUUID();
}

/** A URL-safe random token of `bytes` bytes (sessions, API tokens). */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
