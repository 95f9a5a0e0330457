/**
 * How an error from a command or a read becomes a page: the one mapping from the stable error codes
 * (application/errors.ts, as interfaces/graphql/errors.ts maps them for GraphQL) to what the workspace
 * shows. A refused command records nothing, so each outcome re-shows the form or the case.
 */
import { isHamaynkError, ValidationFailed } from '../../application/errors';

export type PageOutcome =
  /** Bad input: HTTP 422, messages beside the fields (the field paths of the validation error). */
  | { readonly kind: 'invalid'; readonly status: 422; readonly fields: ReadonlyMap<string, string>; readonly message: string; readonly code: string }
  /** The case changed since the form was rendered: HTTP 409, the current state shown. */
  | { readonly kind: 'conflict'; readonly status: 409; readonly code: 'CONCURRENCY_CONFLICT' }
  /** A domain rule or a policy refused it: HTTP 422 (or 403), the reason above the form. */
  | { readonly kind: 'refused'; readonly status: 403 | 422; readonly message: string; readonly code: string }
  /** Another community's case, or none: HTTP 404. */
  | { readonly kind: 'not-found'; readonly status: 404; readonly code: 'NOT_FOUND' }
  | { readonly kind: 'unavailable'; readonly status: 503; readonly message: string; readonly code: string }
  | { readonly kind: 'internal'; readonly status: 500; readonly code: 'INTERNAL' };

/** The per-field messages of a validation failure: `Invalid input: input.subject (a; b), id (c)`, keyed by field path. */
export const fieldMessages = (error: ValidationFailed): Map<string, string> => {
  const byField = new Map<string, string>();
  const body = error.message.replace(/^Invalid input:\s*/, '');
  for (const field of error.fields) {
    const at = body.indexOf(`${field} (`);
    if (at >= 0) {
      const start = at + field.length + 2;
      const end = body.indexOf('), ', start);
      byField.set(field, body.slice(start, end < 0 ? body.lastIndexOf(')') : end));
    } else byField.set(field, error.message);
  }
  return byField;
};

export const pageOutcomeOf = (error: unknown): PageOutcome => {
  if (!isHamaynkError(error)) return { kind: 'internal', status: 500, code: 'INTERNAL' };
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return { kind: 'invalid', status: 422, fields: fieldMessages(error as ValidationFailed), message: error.message, code: error.code };
    case 'CONCURRENCY_CONFLICT':
      return { kind: 'conflict', status: 409, code: 'CONCURRENCY_CONFLICT' };
    case 'INVALID_TRANSITION':
      return { kind: 'refused', status: 422, message: error.message, code: error.code };
    case 'FORBIDDEN':
    case 'UNAUTHENTICATED':
      return { kind: 'refused', status: 403, message: error.message, code: error.code };
    case 'NOT_FOUND':
      return { kind: 'not-found', status: 404, code: 'NOT_FOUND' };
    case 'UPSTREAM_UNAVAILABLE':
    case 'STALE_READ':
    case 'RATE_LIMITED':
      return { kind: 'unavailable', status: 503, message: error.message, code: error.code };
    default:
      return { kind: 'internal', status: 500, code: 'INTERNAL' };
  }
};
