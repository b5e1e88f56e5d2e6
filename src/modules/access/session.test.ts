import { describe, expect, it } from 'vitest';
import {
  isSessionExpired,
  isWellFormedSessionToken,
  newSessionToken,
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  sessionExpiry,
  sessionIdOf,
  shouldTouchSession,
} from './session.ts';

describe('session tokens', () => {
  it('are 256-bit URL-safe strings stored as their SHA-256', () => {
    const token = newSessionToken();
    expect(isWellFormedSessionToken(token)).toBe(true);
    expect(sessionIdOf(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionIdOf(token)).not.toContain(token);
    expect(newSessionToken()).not.toBe(token);
  });

  it('rejects tokens of the wrong shape', () => {
    expect(isWellFormedSessionToken('')).toBe(false);
    expect(isWellFormedSessionToken('a'.repeat(42))).toBe(false);
    expect(isWellFormedSessionToken(`${'a'.repeat(42)}'`)).toBe(false);
  });
});

describe('session expiry', () => {
  const created = new Date('2026-01-05T08:00:00Z');
  const session = { createdAt: created, lastSeenAt: created, expiresAt: sessionExpiry(created) };
  const at = (ms: number) => new Date(created.getTime() + ms);

  it('ends 30 minutes after the last request', () => {
    expect(isSessionExpired(session, at(SESSION_IDLE_TIMEOUT_MS - 1))).toBe(false);
    expect(isSessionExpired(session, at(SESSION_IDLE_TIMEOUT_MS))).toBe(true);
  });

  it('ends 12 hours after login however active', () => {
    const active = { ...session, lastSeenAt: at(SESSION_ABSOLUTE_TIMEOUT_MS - 60_000) };
    expect(isSessionExpired(active, at(SESSION_ABSOLUTE_TIMEOUT_MS - 1))).toBe(false);
    expect(isSessionExpired(active, at(SESSION_ABSOLUTE_TIMEOUT_MS))).toBe(true);
  });

  it('writes last-seen at most once a minute', () => {
    expect(shouldTouchSession(session, at(59_000))).toBe(false);
    expect(shouldTouchSession(session, at(60_000))).toBe(true);
  });
});
