import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiRequest } from '../../api/client.ts';
import type { SearchResponse } from '../../api/types.ts';

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 250;

/** `value`, once it has not changed for `delayMs`. */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** `GET /api/search?q=`: ranked customers in the caller's scope; idle while `q` is empty. */
export function useGlobalSearch(q: string, limit = 10) {
  return useQuery({
    queryKey: ['search', q, limit],
    queryFn: ({ signal }) => apiRequest<SearchResponse>('/api/search', { signal, query: { q, limit } }),
    enabled: q !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
