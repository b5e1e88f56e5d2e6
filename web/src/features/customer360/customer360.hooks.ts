import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../api/client.ts';
import type {
  Customer360,
  CustomerNote,
  Page,
  TagSummary,
  Transaction360,
  TransactionQuery,
} from '../../api/types.ts';

const enc = encodeURIComponent;

/** Query keys of the 360 page, so a new note can refresh what shows notes. */
export const customer360Keys = {
  view: (id: string) => ['customer360', id, 'view'] as const,
  transactions: (id: string, query: TransactionQuery) => ['customer360', id, 'transactions', query] as const,
  notes: (id: string) => ['customer360', id, 'notes'] as const,
};

/** `GET /api/customers/:id/360`: every section (404 when absent or out of scope). */
export function useCustomer360(id: string) {
  return useQuery({
    queryKey: customer360Keys.view(id),
    queryFn: ({ signal }) => apiRequest<Customer360>(`/api/customers/${enc(id)}/360`, { signal }),
    staleTime: 30_000,
    enabled: id !== '',
  });
}

/**
 * `GET /api/customers/:id/transactions`: one filtered page. The 360 answer already holds the
 * first unfiltered page, so that one is shown at once as initial data.
 */
export function useCustomerTransactions(
  id: string,
  query: TransactionQuery,
  initial: Page<Transaction360> | undefined,
) {
  const unfilteredFirstPage =
    (query.page ?? 1) === 1 &&
    !query.type &&
    !query.channel &&
    query.minAmount === undefined &&
    query.maxAmount === undefined &&
    !query.from &&
    !query.to &&
    (query.pageSize ?? 20) === (initial?.pageSize ?? 20);
  return useQuery({
    queryKey: customer360Keys.transactions(id, query),
    queryFn: ({ signal }) =>
      apiRequest<Page<Transaction360>>(`/api/customers/${enc(id)}/transactions`, {
        signal,
        query: {
          type: query.type,
          channel: query.channel,
          minAmount: query.minAmount,
          maxAmount: query.maxAmount,
          from: query.from,
          to: query.to,
          page: query.page,
          pageSize: query.pageSize,
        },
      }),
    initialData: unfilteredFirstPage ? initial : undefined,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled: id !== '',
  });
}

/** Notes the 360 answer carries and the first page of the notes list. */
export const NOTES_FIRST_PAGE = 20;

/** `GET /api/customers/:id/notes`: the latest notes, newest first (`pageSize` grows with "load more"). */
export function useCustomerNotes(
  id: string,
  pageSize: number,
  initial?: { items: CustomerNote[]; total: number },
) {
  return useQuery({
    queryKey: [...customer360Keys.notes(id), pageSize],
    queryFn: ({ signal }) =>
      apiRequest<Page<CustomerNote>>(`/api/customers/${enc(id)}/notes`, {
        signal,
        query: { page: 1, pageSize },
      }),
    // The 360 answer carries the latest 20 notes: show them until a larger page is asked for.
    initialData:
      initial && pageSize === NOTES_FIRST_PAGE
        ? { items: initial.items, total: initial.total, page: 1, pageSize }
        : undefined,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    enabled: id !== '',
  });
}

/** `POST /api/customers/:id/notes`: adds a note and refreshes the note list. */
export function useAddNote(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      apiRequest<CustomerNote>(`/api/customers/${enc(id)}/notes`, { method: 'POST', body: { text } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: customer360Keys.notes(id) });
    },
  });
}

/**
 * `GET /api/tags`: the tag catalogue, for names and themes of the customer's tag values. The
 * catalogue is another module's endpoint; while it is absent (404) the page shows tag ids, so a
 * missing catalogue resolves to `null` rather than an error.
 */
export function useTagCatalogue(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['tags', 'catalogue', 'for-360'],
    queryFn: async ({ signal }) => {
      try {
        const body = await apiRequest<{ items: TagSummary[] }>('/api/tags', { signal });
        return Array.isArray(body?.items) ? body.items : null;
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}
