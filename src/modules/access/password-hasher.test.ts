import { describe, expect, it } from 'vitest';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password-hasher.ts';

describe('password hashing', () => {
  it('hashes with argon2id and a per-hash salt', async () => {
    const a = await hashPassword('Correct horse 1');
    const b = await hashPassword('Correct horse 1');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const h = await hashPassword('Panorama#2026');
    expect(await verifyPassword(h, 'Panorama#2026')).toBe(true);
    expect(await verifyPassword(h, 'panorama#2026')).toBe(false);
  });

  it('never matches a malformed hash', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyPassword('', '')).toBe(false);
  });

  it('keeps one decoy hash with the real cost', async () => {
    const decoy = await decoyPasswordHash();
    expect(decoy).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await decoyPasswordHash()).toBe(decoy);
  });
});
