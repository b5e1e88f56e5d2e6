import { createHash } from 'node:crypto';
import { newToken } from '../../platform/ids.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'panorama_session';

/** A session ends after this long without a request. */
export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;

/** A session ends this long after login, however active. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

// Writing last_seen_at on every request would turn each read into a write; a minute of slack on a
// 30-minute idle timeout is harmless.
const TOUCH_INTERVAL_MS = 60 * 1000;

/** The times that decide whether a session is still valid. */
export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** A new session token for the cookie: 256 random bits, URL-safe. */
export function newSessionToken(): string {
  return newToken(32);
}

/** The session id stored in the database: SHA-256 of the token, so a leaked table opens no session. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** True when `token` has the shape of a session token (cheap filter before touching the database). */
export function isWellFormedSessionToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The absolute expiry of a session created at `createdAt`. */
export function sessionExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS);
}

/** True when the session has passed its absolute expiry or its idle timeout at `now`. */
export function isSessionExpired(session: SessionTimes, now: Date): boolean {
  const t = now.getTime();
  return t >= session.expiresAt.getTime() || t - session.lastSeenAt.getTime() >= SESSION_IDLE_TIMEOUT_MS;
}

/** True when the session's last-seen time is stale enough to be worth writing again. */
export function shouldTouchSession(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}
