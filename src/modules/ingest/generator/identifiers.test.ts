import { describe, expect, it } from 'vitest';
import {
  isValidMobile,
  isValidResidentId,
  isValidUscc,
  makeMobile,
  makeReferralCode,
  makeResidentId,
  makeUscc,
  orgCodeBody,
  orgCodeCheckChar,
  residentIdCheckChar,
} from './identifiers.ts';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard example and computes its check character', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });

  it('rejects a wrong check character, an impossible date, an unknown province and bad shapes', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('110105194902300029')).toBe(false);
    expect(isValidResidentId('990105194912310020')).toBe(false);
    expect(isValidResidentId('11010519491231002')).toBe(false);
    expect(isValidResidentId('11010519491231002x')).toBe(false);
  });

  it('makes valid numbers whose sequence parity encodes gender', () => {
    for (let seq = 0; seq < 1000; seq += 37) {
      const id = makeResidentId('330106', '19900215', seq);
      expect(isValidResidentId(id)).toBe(true);
      expect(Number(id[16]) % 2).toBe(seq % 2);
    }
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts real codes of well-known companies', () => {
    expect(isValidUscc('91440300708461136T')).toBe(true);
    expect(isValidUscc('914403001922038216')).toBe(true);
  });

  it('checks the embedded organisation code (GB 11714) against its standard example', () => {
    expect(orgCodeCheckChar('D2143569')).toBe('X');
  });

  it('rejects a changed character, letters outside the alphabet and a bad authority code', () => {
    expect(isValidUscc('91440300708461137T')).toBe(false);
    expect(isValidUscc('91440300708461136I')).toBe(false);
    expect(isValidUscc('01440300708461136T')).toBe(false);
    expect(isValidUscc('9144030070846113')).toBe(false);
  });

  it('makes valid, distinct codes', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const code = makeUscc('330106', orgCodeBody(i, 12345));
      expect(isValidUscc(code)).toBe(true);
      codes.add(code);
    }
    expect(codes.size).toBe(5000);
  });
});

describe('mobile numbers and referral codes', () => {
  it('makes valid, unique mobile numbers', () => {
    const phones = new Set<string>();
    for (let i = 0; i < 20000; i++) {
      const phone = makeMobile(i % 2 ? '139' : '186', i, 4711);
      expect(isValidMobile(phone)).toBe(true);
      phones.add(phone.slice(3));
    }
    expect(phones.size).toBe(20000);
    expect(isValidMobile('14700000000')).toBe(false);
  });

  it('makes unique 7-character referral codes', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 20000; i++) codes.add(makeReferralCode(i, 99));
    expect(codes.size).toBe(20000);
    expect([...codes].every((c) => /^R[0-9A-HJKMNP-TV-Z]{6}$/.test(c))).toBe(true);
  });
});
