/**
 * The one place where failures become GraphQL errors with `extensions.code` (docs/api.md, "Errors").
 * Known errors keep their message; anything unexpected is INTERNAL, logged with the request id,
 * and its details (stack, SQL) never reach the client.
 */
import { GraphQLError } from 'graphql';
import type { FastifyBaseLogger } from 'fastify';
import { isHamaynkError, StaleRead, UpstreamUnavailable } from '../../application/errors';

export type GraphqlErrorCode =
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONCURRENCY_CONFLICT'
  | 'INVALID_TRANSITION'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'STALE_READ'
  | 'INTERNAL';

export interface FormattedError {
  message: string;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  path?: ReadonlyArray<string | number>;
  extensions: { code: GraphqlErrorCode; [key: string]: unknown };
}

export class QueryTooComplex extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
  }
}

const asArray = (e: unknown): unknown[] => {
  const nested = (e as { originalError?: { errors?: unknown } })?.originalError?.errors;
  return Array.isArray(nested) ? nested : [e];
};

/** Maps one error (GraphQLError from graphql-js or mercurius, or a thrown application error). */
export const formatError = (error: unknown, ctx: { log?: FastifyBaseLogger; requestId?: string; validation?: boolean }): FormattedError => {
  const gql = error instanceof GraphQLError ? error : undefined;
  const original: unknown = gql?.originalError ?? error;
  const where = gql ? { locations: gql.locations, path: gql.path } : {};
  if (isHamaynkError(original)) {
    const extensions: FormattedError['extensions'] = { code: original.code };
    const withFields = original as { fields?: readonly string[]; reason?: string };
    if (withFields.fields && withFields.fields.length) extensions.fields = withFields.fields;
    if (withFields.reason) extensions.reason = withFields.reason;
    // An outside system failed (e.g. PropertyTaxUnavailable): say which, never its raw error.
    if (original instanceof UpstreamUnavailable) extensions.upstream = original.upstream;
    if (original instanceof StaleRead) {
      extensions.position = original.position.toString();
      extensions.readModels = original.behind;
    }
    return { message: original.message, ...where, extensions };
  }
  const existing = gql?.extensions?.code;
  if (typeof existing === 'string' && existing !== 'INTERNAL') {
    return { message: gql!.message, ...where, extensions: { code: existing as GraphqlErrorCode } };
  }
  // Errors outside any resolver (no path): syntax, validation, variable coercion such as a fractional Amd.
  if (gql && (ctx.validation || !gql.path)) {
    return { message: gql.message, ...where, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  ctx.log?.error({ err: original, requestId: ctx.requestId }, 'unexpected error while answering GraphQL');
  return {
    message: `Internal error; quote request id ${ctx.requestId ?? 'unknown'} when reporting it`,
    ...where,
    extensions: { code: 'INTERNAL', requestId: ctx.requestId },
  };
};

/** mercurius `errorFormatter`: flattens mercurius's wrapped validation errors and maps every error. */
export const mercuriusErrorFormatter = (
  execution: { data?: unknown; errors: readonly unknown[] },
  context: { reply?: { log: FastifyBaseLogger; request: { id: string } }; app?: { log: FastifyBaseLogger } },
) => {
  const log = context?.reply?.log ?? context?.app?.log;
  const requestId = context?.reply?.request.id;
  const wrapped = execution.errors.some((e) => (e as { originalError?: { code?: string } })?.originalError?.code === 'MER_ERR_GQL_VALIDATION');
  const errors = execution.errors.flatMap(asArray).map((e) => formatError(e, { log, requestId, validation: wrapped }));
  const statusCode = errors.some((e) => e.extensions.code === 'RATE_LIMITED') ? 429 : execution.data ? 200 : errors.every((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED' || e.extensions.code === 'QUERY_TOO_COMPLEX') ? 400 : 200;
  return { statusCode, response: { data: (execution.data ?? null) as never, errors: errors as never } };
};

/**
 * Subscription resolvers answer outside mercurius's errorFormatter: their errors carry the
 * `extensions.code` themselves (graphql-js keeps an original GraphQLError's extensions).
 */
export const withErrorCodes = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (error) {
    const formatted = formatError(error, {});
    throw new GraphQLError(formatted.message, { extensions: formatted.extensions });
  }
};
