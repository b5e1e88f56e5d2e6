import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, isApiStatus } from '../../api/client.ts';
import type {
  FeatureColumn,
  TagDefinitionInput,
  TagDetail,
  TagPreview,
  TagRun,
  TagSummary,
} from '../../api/types.ts';

/** Which tags the catalogue lists. */
export type TagStatusFilter = 'active' | 'retired' | 'all';

/**
 * `GET /api/tags?status=`: the whole catalogue (a few hundred rows), filtered by theme and text on
 * the page so the theme counts stay visible while searching.
 */
export function useTags(status: TagStatusFilter) {
  return useQuery({
    queryKey: ['tags', 'list', status],
    queryFn: ({ signal }) => apiRequest<{ items: TagSummary[] }>('/api/tags', { signal, query: { status } }),
    staleTime: 30_000,
  });
}

/** `GET /api/tags/:id`: definition, coverage, distribution and versions. */
export function useTag(id: string | null) {
  return useQuery({
    queryKey: ['tags', 'detail', id],
    queryFn: ({ signal }) => apiRequest<TagDetail>(`/api/tags/${encodeURIComponent(id!)}`, { signal }),
    enabled: Boolean(id),
    staleTime: 30_000,
  });
}

/** `GET /api/tags/features`: the documented columns tag SQL can use. */
export function useFeatureColumns(enabled = true) {
  return useQuery({
    queryKey: ['tags', 'features'],
    queryFn: ({ signal }) => apiRequest<{ columns: FeatureColumn[] }>('/api/tags/features', { signal }),
    enabled,
    staleTime: 10 * 60_000,
  });
}

/** `POST /api/tags/preview`: evaluates a definition on a sample, before saving. */
export function usePreviewTag() {
  return useMutation({
    mutationFn: (definition: TagDefinitionInput) =>
      apiRequest<TagPreview>('/api/tags/preview', { method: 'POST', body: { definition } }),
  });
}

/** `POST /api/tags` (create) or `PUT /api/tags/:id` (edit, version + 1). */
export function useSaveTag() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ definition, isNew }: { definition: TagDefinitionInput; isNew: boolean }) =>
      isNew
        ? apiRequest<TagDetail>('/api/tags', { method: 'POST', body: definition })
        : apiRequest<TagDetail>(`/api/tags/${encodeURIComponent(definition.id)}`, {
            method: 'PUT',
            body: definition,
          }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tags'] }),
  });
}

/** `POST /api/tags/:id/retire`. */
export function useRetireTag() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<TagDetail>(`/api/tags/${encodeURIComponent(id)}/retire`, { method: 'POST', body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tags'] }),
  });
}

/** `GET /api/tags/runs/latest`, polled while a run is in progress (404 = no run yet → null). */
export function useLatestTagRun() {
  return useQuery({
    queryKey: ['tags', 'runs', 'latest'],
    queryFn: async ({ signal }) => {
      try {
        return await apiRequest<TagRun>('/api/tags/runs/latest', { signal });
      } catch (error) {
        if (isApiStatus(error, 404)) return null;
        throw error;
      }
    },
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1_500 : false),
  });
}

/** `POST /api/tags/runs`: starts a run of all active tags; the catalogue refreshes when it ends. */
export function useStartTagRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<TagRun>('/api/tags/runs', { method: 'POST', body: {} }),
    onSuccess: (run) => client.setQueryData(['tags', 'runs', 'latest'], run),
  });
}
