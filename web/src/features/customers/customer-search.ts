import type { CustomerKind, CustomerListItem } from '../../api/types.ts';

/** The customer list's search, filters and page, as kept in the URL. */
export interface CustomerSearch {
  q: string;
  branchId: string | undefined;
  kind: CustomerKind | undefined;
  rmId: string | undefined;
  page: number;
  pageSize: number;
}

/** What the table (desktop) and the card list (phone) both show and report. */
export interface CustomerListViewProps {
  items: CustomerListItem[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  /** Whether a search or filter is active (the empty state says so). */
  filtered: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onOpen: (customer: CustomerListItem) => void;
}

/** Page sizes offered by the list. */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
/** The API's default page size. */
export const DEFAULT_PAGE_SIZE = 20;

function positiveInt(text: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? Math.min(value, max) : fallback;
}

/** Reads the list state from URL search parameters, ignoring invalid values. */
export function parseCustomerSearch(params: URLSearchParams): CustomerSearch {
  const kind = params.get('kind');
  return {
    q: params.get('q')?.trim() ?? '',
    branchId: params.get('branchId') || undefined,
    kind: kind === 'retail' || kind === 'corporate' ? kind : undefined,
    rmId: params.get('rmId') || undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, 100),
  };
}

/** Writes the list state as URL search parameters, leaving defaults out. */
export function customerSearchParams(search: CustomerSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.branchId) params.set('branchId', search.branchId);
  if (search.kind) params.set('kind', search.kind);
  if (search.rmId) params.set('rmId', search.rmId);
  if (search.page !== 1) params.set('page', String(search.page));
  if (search.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(search.pageSize));
  return params;
}

/** True when a search text or any filter narrows the list. */
export function isFiltered(search: CustomerSearch): boolean {
  return Boolean(search.q || search.branchId || search.kind || search.rmId);
}
