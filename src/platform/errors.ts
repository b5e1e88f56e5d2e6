/** Base class of errors that carry an HTTP status and a stable code for clients. */
export class AppError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that fails validation (400). */
export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super(message, 'validation_failed', 400, details);
  }
}

/** Not logged in or bad credentials (401). */
export class UnauthorizedError extends AppError {
  constructor(message = 'authentication required') {
    super(message, 'unauthorized', 401);
  }
}

/** Logged in but not allowed (403). */
export class ForbiddenError extends AppError {
  constructor(message = 'forbidden') {
    super(message, 'forbidden', 403);
  }
}

/** Absent, or outside the caller's data scope: both answer the same so existence does not leak (404). */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(`${what} not found`, 'not_found', 404);
  }
}

/** Conflicting state (409). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 'conflict', 409);
  }
}

/** A bad configuration value; stops start-up. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
