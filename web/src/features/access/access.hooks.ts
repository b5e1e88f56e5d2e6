import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';
import type { Branch, Role, Staff } from '../../api/types.ts';

/** `GET /api/branches`: the branches in the caller's scope, in tree order. */
export function useBranches() {
  return useQuery({
    queryKey: ['branches'],
    queryFn: ({ signal }) => apiRequest<{ items: Branch[] }>('/api/branches', { signal }),
    select: (data) => data.items,
    staleTime: 10 * 60_000,
  });
}

/** `GET /api/staff?role=…`: staff in the caller's scope with the given role. */
export function useStaff(role: Role, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['staff', role],
    queryFn: ({ signal }) => apiRequest<{ items: Staff[] }>('/api/staff', { signal, query: { role } }),
    select: (data) => data.items,
    staleTime: 10 * 60_000,
    enabled: options.enabled ?? true,
  });
}
