/**
 * Chinese identifiers with valid check characters: resident ID numbers (GB 11643-1999), unified
 * social credit codes (GB 32100-2015, embedding a GB 11714 organisation code) and mobile numbers.
 */
import { parseDay } from './calendar.ts';
import { hash32 } from './random.ts';

/** Province-level prefixes of GB/T 2260 administrative division codes. */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character for the first 17 digits of a resident ID number. */
export function residentIdCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/**
 * An 18-digit resident ID number: region (6 digits), birth date (YYYYMMDD), sequence (3 digits, odd
 * for men, even for women) and the check character.
 */
export function makeResidentId(regionCode: string, birthYmd: string, sequence: number): string {
  const body = regionCode + birthYmd + String(sequence).padStart(3, '0');
  return body + residentIdCheckChar(body);
}

/** True when `id` is a well-formed 18-digit resident ID with a real region, birth date and check. */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const year = Number(id.slice(6, 10));
  if (year < 1900 || year > 2100 || parseDay(birth) === null) return false;
  return residentIdCheckChar(id) === id[17];
}

/** The 31 characters a USCC may use (no I, O, Z, S, V). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgCharValue(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/** The GB 11714 check character of an 8-character organisation code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(body8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The GB 32100 check character of the first 17 characters of a USCC. */
export function usccCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(body17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * A USCC for an enterprise registered with market regulation (authority 9, type 1): region code, a
 * GB 11714 organisation code (8 characters plus its check) and the GB 32100 check character.
 */
export function makeUscc(regionCode: string, orgBody8: string): string {
  const body = '91' + regionCode + orgBody8 + orgCodeCheckChar(orgBody8);
  return body + usccCheckChar(body);
}

const AUTHORITY_TYPES: Record<string, string> = {
  '1': '129',
  '2': '19',
  '3': '129',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '19',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

/** True when `code` is an 18-character USCC with valid authority, region and both check characters. */
export function isValidUscc(code: string): boolean {
  if (code.length !== 18) return false;
  for (let i = 0; i < 18; i++) if (USCC_ALPHABET.indexOf(code[i]) < 0) return false;
  const types = AUTHORITY_TYPES[code[0]];
  if (!types || !types.includes(code[1])) return false;
  if (!/^\d{6}$/.test(code.slice(2, 8)) || !PROVINCE_CODES.has(code.slice(2, 4))) return false;
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/** Mobile number prefixes of the 13x/15x/18x/19x ranges that carriers actually assign. */
export const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '196',
  '197',
  '198',
  '199',
] as const;

/**
 * A mobile number whose last 8 digits are a bijection of `index` (unique for indices below 10^8),
 * so numbers never collide however the prefix is chosen.
 */
export function makeMobile(prefix: string, index: number, offset: number): string {
  const suffix = (((index * 73138283 + offset) % 100_000_000) + 100_000_000) % 100_000_000;
  return prefix + String(suffix).padStart(8, '0');
}

/** The seed-dependent offset of generated mobile numbers (so numbers do not start at …00000000). */
export function phoneOffset(seed: number): number {
  return hash32(seed, 7) % 100_000_000;
}

/** True for an 11-digit mobile number with an assigned 13x/15x/18x/19x prefix. */
export function isValidMobile(phone: string): boolean {
  return /^\d{11}$/.test(phone) && (MOBILE_PREFIXES as readonly string[]).includes(phone.slice(0, 3));
}

/** An 8-digit organisation code body that is a bijection of `index` (unique below 5·10^7). */
export function orgCodeBody(index: number, offset: number): string {
  return String((((index * 91815541 + offset) % 100_000_000) + 100_000_000) % 100_000_000).padStart(8, '0');
}

// Crockford base32: 32 symbols without I, L, O and U, so codes read aloud unambiguously.
const REFERRAL_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 7-character referral code, `R` + 6 characters: a bijection of `index` over 2^30, so unique. */
export function makeReferralCode(index: number, offset: number): string {
  let v = ((Math.imul(index, 0x2c9277b5) + offset) & 0x3fffffff) >>> 0;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out += REFERRAL_ALPHABET[v & 31];
    v >>>= 5;
  }
  return 'R' + out;
}
