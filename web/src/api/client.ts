import type { ApiErrorCode } from './types.ts';

/** An error answered by the API (or a failure to reach it), with the contract's error code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** True when `error` is an ApiError with the given HTTP status. */
export function isApiStatus(error: unknown, status: number): boolean {
  return error instanceof ApiError && error.status === status;
}

type UnauthorizedListener = () => void;
let unauthorizedListener: UnauthorizedListener | null = null;

/** Registers what happens when a request is answered 401 (the app sends the user to the login page). */
export function onUnauthorized(listener: UnauthorizedListener | null): void {
  unauthorizedListener = listener;
}

/** Options of one API request. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not notify the unauthorized listener on 401 (login and the session probe handle it themselves). */
  quietUnauthorized?: boolean;
}

/** Builds a path with its query string, leaving out empty parameters. */
export function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const KNOWN_CODES: readonly ApiErrorCode[] = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'internal',
];

function codeForStatus(status: number): ApiErrorCode {
  if (status === 400 || status === 422) return 'validation_failed';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  return 'internal';
}

/** Sends one JSON request to the API with the session cookie and returns the parsed body. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal, quietUnauthorized = false } = options;
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      credentials: 'include',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (response.ok)
        throw new ApiError(response.status, 'bad_response', 'The server answered with invalid JSON');
    }
  }

  if (!response.ok) {
    const envelope = (
      parsed as { error?: { code?: string; message?: string; details?: unknown } } | undefined
    )?.error;
    const code =
      envelope?.code && (KNOWN_CODES as readonly string[]).includes(envelope.code)
        ? (envelope.code as ApiErrorCode)
        : codeForStatus(response.status);
    const error = new ApiError(
      response.status,
      code,
      envelope?.message ?? `${response.status} ${response.statusText}`.trim(),
      envelope?.details,
    );
    if (response.status === 401 && !quietUnauthorized) unauthorizedListener?.();
    throw error;
  }
  return parsed as T;
}
