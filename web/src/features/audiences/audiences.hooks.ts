import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api/client.ts';
import type {
  AudienceBreakdown,
  AudienceCount,
  AudienceFieldInfo,
  AudienceIndexInfo,
  AudienceNode,
  AudienceParsed,
  CustomerListItem,
  Segment,
  SegmentOverlap,
  SegmentSplit,
} from '../../api/types.ts';

/** An expression as the API takes it: text, or the JSON form. */
export type AudienceExpression = string | AudienceNode;

/** `GET /api/audiences/fields`: tags and system fields the builder can use, with value counts. */
export function useAudienceFields() {
  return useQuery({
    queryKey: ['audiences', 'fields'],
    queryFn: ({ signal }) =>
      apiRequest<{ fields: AudienceFieldInfo[]; builtAt: string }>('/api/audiences/fields', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** `POST /api/audiences/count`: the live count in the user's scope (null expression = wait). */
export function useAudienceCount(expression: AudienceExpression | null) {
  return useQuery({
    queryKey: ['audiences', 'count', expression],
    queryFn: ({ signal }) =>
      apiRequest<AudienceCount>('/api/audiences/count', { method: 'POST', body: { expression }, signal }),
    enabled: expression !== null,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

/** `POST /api/audiences/breakdown`: the audience split by one field (or `_branch`). */
export function useAudienceBreakdown(expression: AudienceExpression | null, by: string) {
  return useQuery({
    queryKey: ['audiences', 'breakdown', expression, by],
    queryFn: ({ signal }) =>
      apiRequest<AudienceBreakdown>('/api/audiences/breakdown', {
        method: 'POST',
        body: { expression, by },
        signal,
      }),
    enabled: expression !== null && by !== '',
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

/** `POST /api/audiences/sample`: some members of the audience. */
export function useAudienceSample(expression: AudienceExpression | null, limit = 20) {
  return useQuery({
    queryKey: ['audiences', 'sample', expression, limit],
    queryFn: ({ signal }) =>
      apiRequest<{ items: CustomerListItem[]; count: number }>('/api/audiences/sample', {
        method: 'POST',
        body: { expression, limit },
        signal,
      }),
    enabled: expression !== null,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

/** `POST /api/audiences/parse`: text → JSON (400 with position/expected/suggestions on a bad text). */
export function useParseAudience() {
  return useMutation({
    mutationFn: (text: string) =>
      apiRequest<AudienceParsed>('/api/audiences/parse', { method: 'POST', body: { text } }),
  });
}

/** `GET /api/audiences/index`: size and memory of the bitmap index. */
export function useAudienceIndex() {
  return useQuery({
    queryKey: ['audiences', 'index'],
    queryFn: ({ signal }) => apiRequest<AudienceIndexInfo>('/api/audiences/index', { signal }),
    staleTime: 60_000,
  });
}

/** `GET /api/segments`: the saved segments. */
export function useSegments() {
  return useQuery({
    queryKey: ['segments', 'list'],
    queryFn: ({ signal }) => apiRequest<{ items: Segment[] }>('/api/segments', { signal }),
    staleTime: 15_000,
  });
}

/** `GET /api/segments/:id`. */
export function useSegment(id: string | undefined) {
  return useQuery({
    queryKey: ['segments', 'detail', id],
    queryFn: ({ signal }) => apiRequest<Segment>(`/api/segments/${encodeURIComponent(id!)}`, { signal }),
    enabled: Boolean(id),
  });
}

/** What the save dialog sends. */
export interface SegmentInput {
  name: string;
  description?: string;
  kind: 'dynamic' | 'static';
  expression: AudienceExpression;
}

/** `POST /api/segments` (new) or `PUT /api/segments/:id` (edit). */
export function useSaveSegment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: SegmentInput }) =>
      id
        ? apiRequest<Segment>(`/api/segments/${encodeURIComponent(id)}`, { method: 'PUT', body: input })
        : apiRequest<Segment>('/api/segments', { method: 'POST', body: input }),
    onSuccess: (segment) => {
      client.setQueryData(['segments', 'detail', segment.id], segment);
      return client.invalidateQueries({ queryKey: ['segments', 'list'] });
    },
  });
}

/** `DELETE /api/segments/:id`. */
export function useDeleteSegment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest<unknown>(`/api/segments/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['segments'] }),
  });
}

/** `POST /api/segments/overlap`: every intersection of 2–3 segments (disabled for fewer). */
export function useSegmentOverlap(ids: string[]) {
  return useQuery({
    queryKey: ['segments', 'overlap', ids],
    queryFn: ({ signal }) =>
      apiRequest<SegmentOverlap>('/api/segments/overlap', { method: 'POST', body: { ids }, signal }),
    enabled: ids.length >= 2 && ids.length <= 3,
    staleTime: 15_000,
  });
}

/** Body of a split request. */
export interface SplitInput {
  experimentKey: string;
  arms: { name: string; percent: number }[];
  controlPercent: number;
  holdoutPercent: number;
}

/** `POST /api/segments/:id/split`: deterministic A/B/n arms with control and holdout. */
export function useSplitSegment() {
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: SplitInput }) =>
      apiRequest<SegmentSplit>(`/api/segments/${encodeURIComponent(id)}/split`, {
        method: 'POST',
        body: input,
      }),
  });
}

/** The download address of a segment's members (the browser sends the session cookie). */
export function segmentExportUrl(id: string, format: 'csv' | 'xlsx'): string {
  return `/api/segments/${encodeURIComponent(id)}/export?format=${format}`;
}
