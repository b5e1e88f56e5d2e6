// Customer records as the repository returns them (money in cents), and pure conversions.

/** A customer row with the names of its home branch and RM; money in cents. */
export interface CustomerRecord {
  id: string;
  cno: number;
  kind: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  occupation: string | null;
  incomeBand: string | null;
  riskTolerance: string | null;
  onboardDate: string | null;
  homeBranchId: string;
  homeBranchName: string | null;
  rmId: string | null;
  rmName: string | null;
  status: string;
  consentMarketing: boolean | null;
  consentSms: boolean | null;
  consentPhone: boolean | null;
  uscc: string | null;
  industry: string | null;
  registeredCapitalCents: number | null;
  established: string | null;
  legalRep: string | null;
  employees: number | null;
  size: string | null;
  attributes: Record<string, unknown>;
  aumCents: number;
}

/** One account of a customer joined with its product; money in cents. */
export interface HoldingRecord {
  accountId: string;
  productId: string;
  productName: string | null;
  category: string | null;
  riskLevel: string | null;
  opened: string;
  closed: string | null;
  status: string;
  balanceCents: number;
  creditLimitCents: number | null;
  maturityDate: string | null;
  rate: number | null;
}

/** Month-end aggregates of a customer; money in cents. */
export interface MonthlyRecord {
  month: string;
  aumCents: number;
  depositBalanceCents: number;
  investmentBalanceCents: number;
  loanBalanceCents: number;
  inflowCents: number;
  outflowCents: number;
  txnCount: number;
}

/** Integer cents as yuan with at most 2 decimals. */
export function centsToYuan(cents: number): number {
  return Math.round(cents) / 100;
}

/** Age in whole years on `today` (both 'YYYY-MM-DD'), or null when the birth date is absent or invalid. */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  const t = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
  if (!b || !t) return null;
  let age = Number(t[1]) - Number(b[1]);
  if (t[2] + t[3] < b[2] + b[3]) age -= 1;
  return age >= 0 ? age : null;
}

/** Custom attributes reduced to the scalar values the API promises; nested values become JSON text. */
export function scalarAttributes(
  attributes: Record<string, unknown> | null,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'number') out[key] = Number.isFinite(value) ? value : null;
    else out[key] = value === undefined ? null : JSON.stringify(value);
  }
  return out;
}
