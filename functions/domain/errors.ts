// Typed domain errors: expected failures carry a stable `code` the API maps to HTTP in one place.

/**
 * Stable machine-readable codes. Suggested HTTP mapping (the API decides):
 * invalid → 422, not_found → 404, forbidden → 404 (or 403), conflict → 409,
 * invalid_transition → 409, expired → 410.
 */
export type DomainErrorCode =
  | 'invalid'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'invalid_transition'
  | 'expired';

/** One problem with one input field, for a problem+json `errors` list. */
export interface FieldError {
  field: string;
  message: string;
}

/** Base class of every expected domain failure. */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Input breaks a domain rule (bad quantity, missing tracking number, unknown reason). */
export class ValidationError extends DomainError {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
    options?: { cause?: unknown },
  ) {
    super('invalid', message, options);
  }
}

/** The thing asked for does not exist. */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('not_found', message, options);
  }
}

/** The caller may not see or act on this (e.g. a shop that is not a visible candidate). */
export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('forbidden', message, options);
  }
}

/** Someone else got there first (another shop holds a live claim). */
export class ConflictError extends DomainError {
  override name = 'ConflictError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
  }
}

/** The order's state does not allow this step. */
export class InvalidTransitionError extends DomainError {
  override name = 'InvalidTransitionError';
  constructor(
    readonly from: string,
    readonly to: string,
    message = `cannot go from ${from} to ${to}`,
    options?: { cause?: unknown },
  ) {
    super('invalid_transition', message, options);
  }
}

/** Something time-limited (a quote) is past its expiry. */
export class ExpiredError extends DomainError {
  override name = 'ExpiredError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('expired', message, options);
  }
}
