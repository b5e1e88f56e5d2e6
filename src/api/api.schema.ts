import { z } from 'zod';

/** Machine-readable error codes of the API (docs/api-contract.md). */
export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'internal',
] as const;

/** An error answer: `{"error": {"code", "message", "details"?}}`. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** An error answer, typed. */
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Error answers every authenticated route may give. */
export const authenticatedErrors = {
  400: errorResponseSchema.describe('invalid input; the message names the field'),
  401: errorResponseSchema.describe('no valid session'),
  500: errorResponseSchema.describe('internal error'),
} as const;
