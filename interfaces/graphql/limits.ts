/**
 * Limits against abuse: query depth (mercurius `queryDepth`), query cost (graphql-query-complexity,
 * where a list field costs its `first` times its selection), and which requests are mutations (for
 * the per-client rate limit of @fastify/rate-limit).
 */
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { parse, getOperationAST, type DocumentNode, type GraphQLSchema } from 'graphql';
import { QueryTooComplex } from './errors';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 5000;

/** A field with a `first` argument returns up to that many items (default 20): its children cost that many times. */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (typeof args.first === 'number') return 1 + Math.max(1, Math.min(args.first, 100)) * childComplexity;
  if ('first' in args || 'after' in args) return 1 + 20 * childComplexity;
  return undefined;
};

/**
 * Costs of documents that declare no variables, whose cost therefore depends on the document alone
 * (each server's mercurius hands back the same parsed document for the same query text).
 */
const documentCosts = new WeakMap<DocumentNode, Map<string, number>>();

const declaresVariables = (document: DocumentNode): boolean =>
  document.definitions.some((d) => d.kind === 'OperationDefinition' && (d.variableDefinitions?.length ?? 0) > 0);

export const assertQueryCost = (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string): void => {
  const compute = () => getComplexity({ schema, query: document, variables: variables ?? {}, operationName, estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })] });
  let cost: number;
  if (declaresVariables(document)) cost = compute();
  else {
    let byOperation = documentCosts.get(document);
    if (!byOperation) documentCosts.set(document, (byOperation = new Map()));
    cost = byOperation.get(operationName ?? '') ?? compute();
    byOperation.set(operationName ?? '', cost);
  }
  if (cost > MAX_QUERY_COST) throw new QueryTooComplex(`The query costs ${cost}; the limit is ${MAX_QUERY_COST}. Ask for fewer items or fields.`);
};

/** True when the request body's operation is a mutation (parsing only bodies that mention one). */
export const isMutationBody = (body: unknown): boolean => {
  if (typeof body !== 'object' || body === null) return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string' || !query.includes('mutation')) return false;
  try {
    const op = getOperationAST(parse(query), typeof operationName === 'string' ? operationName : undefined);
    return op?.operation === 'mutation';
  } catch {
    return false;
  }
};
