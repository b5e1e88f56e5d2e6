import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';
import type { CustomerListItem, CustomerView, Page } from '../../api/types.ts';
import type { CustomerSearch } from './customer-search.ts';

/** `GET /api/customers`: one page of customers in the caller's scope. */
export function useCustomers(search: CustomerSearch) {
  return useQuery({
    queryKey: ['customers', 'list', search],
    queryFn: ({ signal }) =>
      apiRequest<Page<CustomerListItem>>('/api/customers', {
        signal,
        query: {
          q: search.q,
          branchId: search.branchId,
          kind: search.kind,
          rmId: search.rmId,
          page: search.page,
          pageSize: search.pageSize,
        },
      }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** `GET /api/customers/:id`: profile, holdings and monthly history (404 when absent or out of scope). */
export function useCustomer(id: string) {
  return useQuery({
    queryKey: ['customers', 'detail', id],
    queryFn: ({ signal }) => apiRequest<CustomerView>(`/api/customers/${encodeURIComponent(id)}`, { signal }),
    staleTime: 30_000,
    enabled: id !== '',
  });
}
