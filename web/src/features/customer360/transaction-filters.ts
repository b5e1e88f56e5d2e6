import type { TransactionQuery } from '../../api/types.ts';

// The filter lists the canonical model's types and channels, in its order.
export { CHANNELS, TRANSACTION_TYPES } from '../../../../src/platform/warehouse/canonical-schema.ts';

/** What the user chose in the transaction filters. */
export interface TransactionFilters {
  type?: string;
  channel?: string;
  minAmount?: number | null;
  maxAmount?: number | null;
  /** Inclusive dates, YYYY-MM-DD. */
  from?: string | null;
  to?: string | null;
}

const finite = (value: number | null | undefined): number | undefined =>
  value === null || value === undefined || !Number.isFinite(value) || value < 0 ? undefined : value;

/**
 * The API query for the chosen filters and page. Amounts compare the absolute amount; a range
 * typed the wrong way round (min above max, from after to) is swapped rather than returning nothing.
 */
export function toTransactionQuery(
  filters: TransactionFilters,
  page: number,
  pageSize: number,
): TransactionQuery {
  let minAmount = finite(filters.minAmount);
  let maxAmount = finite(filters.maxAmount);
  if (minAmount !== undefined && maxAmount !== undefined && minAmount > maxAmount) {
    [minAmount, maxAmount] = [maxAmount, minAmount];
  }
  let from = filters.from || undefined;
  let to = filters.to || undefined;
  if (from && to && from > to) [from, to] = [to, from];
  const query: TransactionQuery = { page, pageSize };
  if (filters.type) query.type = filters.type;
  if (filters.channel) query.channel = filters.channel;
  if (minAmount !== undefined) query.minAmount = minAmount;
  if (maxAmount !== undefined) query.maxAmount = maxAmount;
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

/** True when any filter is set (the reset button shows then). */
export function hasFilters(filters: TransactionFilters): boolean {
  const query = toTransactionQuery(filters, 1, 1);
  return Object.keys(query).some((key) => key !== 'page' && key !== 'pageSize');
}
