/**
 * Errors that cross the application boundary. Each has a stable `code` from docs/api.md's list;
 * the GraphQL layer maps codes to `extensions.code` in one place.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONCURRENCY_CONFLICT'
  | 'INVALID_TRANSITION'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'STALE_READ'
  | 'INTERNAL';

export abstract class HamaynkError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra facts safe to show a caller (never stack traces or SQL). */
  readonly details: Readonly<Record<string, unknown>> = {};
}

export class ValidationFailed extends HamaynkError {
  readonly code = 'VALIDATION_FAILED';
  constructor(message: string, readonly fields: readonly string[] = [], readonly reason?: string) {
    super(message);
    this.name = 'ValidationFailed';
  }
}

export class ConcurrencyConflict extends HamaynkError {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Stream ${streamId} is at revision ${actual}, expected ${expected}; reload and try again`);
    this.name = 'ConcurrencyConflict';
  }
}

export class NotFound extends HamaynkError {
  readonly code = 'NOT_FOUND';
  constructor(message: string, readonly reason?: string) {
    super(message);
    this.name = 'NotFound';
  }
}

export class Forbidden extends HamaynkError {
  readonly code = 'FORBIDDEN';
  constructor(message: string) {
    super(message);
    this.name = 'Forbidden';
  }
}

export class Unauthenticated extends HamaynkError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message: string) {
    super(message);
    this.name = 'Unauthenticated';
  }
}

export class InvalidTransition extends HamaynkError {
  readonly code = 'INVALID_TRANSITION';
  constructor(message: string, readonly reason: string) {
    super(message);
    this.name = 'InvalidTransition';
  }
}

export class RateLimited extends HamaynkError {
  readonly code = 'RATE_LIMITED';
  constructor(message: string) {
    super(message);
    this.name = 'RateLimited';
  }
}

/**
 * An outside system (the property tax system, …) could not answer: unreachable, timed out, refused or
 * answered nonsense. Nothing was recorded; the caller may try again later.
 */
export class UpstreamUnavailable extends HamaynkError {
  readonly code = 'UPSTREAM_UNAVAILABLE';
  constructor(
    message: string,
    /** Which outside system, e.g. "property-tax" (shown to callers as `extensions.upstream`). */
    readonly upstream: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'UpstreamUnavailable';
  }
}

/**
 * A query that must reflect a position (the caller's own last write, or `Hamaynk-After-Position`) found
 * the read models it uses still behind it when the wait ran out: failing beats answering stale data.
 */
export class StaleRead extends HamaynkError {
  readonly code = 'STALE_READ';
  constructor(
    readonly position: bigint,
    readonly behind: readonly string[],
    readonly waitedMs: number,
  ) {
    super(`The read models (${behind.join(', ')}) have not reached position ${position} within ${waitedMs} ms; retry shortly`);
    this.name = 'StaleRead';
  }
}

export const isHamaynkError = (e: unknown): e is HamaynkError => e instanceof HamaynkError;
