/**
 * Domain errors are values, not exceptions: `decide` returns one instead of events.
 * `code` is stable and becomes the GraphQL `extensions.code`; `reason` is a finer, also stable, key.
 */
export type DomainErrorCode = 'INVALID_TRANSITION' | 'VALIDATION_FAILED' | 'NOT_FOUND';

export interface DomainError {
  readonly kind: 'DomainError';
  readonly code: DomainErrorCode;
  /** A stable machine-readable reason, e.g. `APPLICATION_NOT_REGISTERED`. */
  readonly reason: string;
  readonly message: string;
  readonly fields?: readonly string[];
}

export const invalidTransition = (reason: string, message: string): DomainError => ({
  kind: 'DomainError',
  code: 'INVALID_TRANSITION',
  reason,
  message,
});

export const domainValidation = (reason: string, message: string, fields: readonly string[]): DomainError => ({
  kind: 'DomainError',
  code: 'VALIDATION_FAILED',
  reason,
  message,
  fields,
});

export const notFound = (reason: string, message: string): DomainError => ({
  kind: 'DomainError',
  code: 'NOT_FOUND',
  reason,
  message,
});

export const isDomainError = (value: unknown): value is DomainError =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'DomainError';
