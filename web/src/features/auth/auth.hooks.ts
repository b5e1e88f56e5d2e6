import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../api/client.ts';
import type { User } from '../../api/types.ts';

/** Query key of the signed-in user (`null` when signed out). */
export const meQueryKey = ['auth', 'me'] as const;

/** `GET /api/auth/me`: the signed-in user, or `null` when there is no valid session. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async ({ signal }): Promise<User | null> => {
      try {
        const { user } = await apiRequest<{ user: User }>('/api/auth/me', {
          signal,
          quietUnauthorized: true,
        });
        return user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: true,
  });
}

/** Credentials sent to `POST /api/auth/login`. */
export interface LoginInput {
  username: string;
  password: string;
}

/** `POST /api/auth/login`: opens a session; every cached answer of a previous user is dropped. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      apiRequest<{ user: User }>('/api/auth/login', { method: 'POST', body: input, quietUnauthorized: true }),
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}

/** `POST /api/auth/logout`: closes the session and forgets every cached answer. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/auth/logout', { method: 'POST', quietUnauthorized: true }),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}
