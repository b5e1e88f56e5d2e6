// Masking of personal identifiers for display (DESIGN §5). Characters are counted as code points so
// Chinese text is never cut inside a character.

function stars(n: number): string {
  return '*'.repeat(Math.max(0, n));
}

/**
 * Masks an ID number: an 18- or 15-character resident ID keeps its first 6 (region) and last 4
 * characters (`110105********1234`); other documents of 8–14 characters keep 2 and 2; shorter ones
 * are fully masked.
 */
export function maskIdNumber(value: string | null | undefined): string | null {
  const id = value?.trim();
  if (!id) return null;
  const chars = Array.from(id);
  const n = chars.length;
  if (n >= 15) return chars.slice(0, 6).join('') + stars(n - 10) + chars.slice(n - 4).join('');
  if (n >= 8) return chars.slice(0, 2).join('') + stars(n - 4) + chars.slice(n - 2).join('');
  return stars(n);
}

/**
 * Masks a phone number: a mainland mobile keeps its first 3 and last 4 digits (`138****5678`,
 * country code and separators dropped); other numbers of 8+ digits keep the first 3 and last 4
 * digits; shorter ones are fully masked.
 */
export function maskPhone(value: string | null | undefined): string | null {
  const raw = value?.trim();
  if (!raw) return null;
  const digits = raw.replace(/[\s()-]/g, '').replace(/^\+/, '');
  const mobile = /^(?:86)?(1\d{10})$/.exec(digits);
  const number = mobile ? mobile[1] : digits;
  if (number.length >= 8) return number.slice(0, 3) + stars(number.length - 7) + number.slice(-4);
  return stars(number.length);
}

/**
 * Masks an address: keeps the first 6 characters (province and city, typically) and appends
 * `****`; an address of 6 characters or fewer keeps only its first half.
 */
export function maskAddress(value: string | null | undefined): string | null {
  const address = value?.trim();
  if (!address) return null;
  const chars = Array.from(address);
  const keep = chars.length > 6 ? 6 : Math.floor(chars.length / 2);
  return chars.slice(0, keep).join('') + '****';
}
