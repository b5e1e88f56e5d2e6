import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError } from '../platform/errors.ts';
import { ERROR_CODES, type ErrorResponse } from './api.schema.ts';

/** Too many requests from one client in a window (429). */
export class RateLimitedError extends AppError {
  constructor(message: string) {
    super(message, 'rate_limited', 429);
  }
}

/** One invalid input field, as validation errors list them. */
export interface FieldProblem {
  field: string;
  in: string;
  message: string;
}

type Code = ErrorResponse['error']['code'];

const CODE_OF_STATUS: Record<number, Code> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  429: 'rate_limited',
};

function codeOfStatus(status: number): Code {
  return CODE_OF_STATUS[status] ?? (status < 500 ? 'validation_failed' : 'internal');
}

function isKnownCode(code: string): code is Code {
  return (ERROR_CODES as readonly string[]).includes(code);
}

function send(reply: FastifyReply, status: number, code: Code, message: string, details?: unknown) {
  const body: ErrorResponse = {
    error: details === undefined ? { code, message } : { code, message, details },
  };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Maps errors to the API's error answers: AppError → its status and code; request validation →
 * 400 naming the fields; Fastify's own client errors (bad JSON, body too large…) → their status;
 * anything else → 500 with a generic message, details only in the log.
 */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'request';
    const problems: FieldProblem[] = error.validation.map((v) => ({
      field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || where,
      in: where,
      message: v.message ?? 'invalid',
    }));
    const message = `invalid ${where}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`;
    return send(reply, 400, 'validation_failed', message, problems);
  }
  if (error instanceof AppError) {
    if (error.status >= 500) request.log.error({ err: error }, 'request failed');
    const code = isKnownCode(error.code) ? error.code : codeOfStatus(error.status);
    return send(reply, error.status, code, error.message, error.details);
  }
  if (error instanceof ZodError) {
    const problems: FieldProblem[] = error.issues.map((i) => ({
      field: i.path.join('.') || 'input',
      in: 'input',
      message: i.message,
    }));
    return send(
      reply,
      400,
      'validation_failed',
      `invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  if (error instanceof Error && isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
    return send(reply, 500, 'internal', 'internal server error');
  }
  const status = (error as Partial<FastifyError>)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return send(reply, status, codeOfStatus(status), (error as Error).message);
  }
  request.log.error({ err: error }, 'request failed');
  return send(reply, 500, 'internal', 'internal server error');
}
