/**
 * Limits against abuse: query depth (mercurius `queryDepth`), query cost (graphql-query-complexity,
 * where a list field costs its `first` times its selection), and which requests are mutations (for
 * the per-client rate limit of @fastify/rate-limit).
 */
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { getOperationAST, parse, visit, type ASTNode, type DocumentNode, type GraphQLSchema } from 'graphql';
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
 * The cost depends on the document and only on the variables that feed a `first` argument or a directive
 * (`@include(if: $x)`, `@skip`): the inputs of a mutation never change it. Costs are kept per parsed
 * document (mercurius hands back the same one for the same query text) and the values of those variables.
 */
interface DocumentCosts {
  readonly costVariables: readonly string[];
  readonly byKey: Map<string, number>;
}
const documentCosts = new WeakMap<DocumentNode, DocumentCosts>();
/** Kept costs per document (a client cycling through `first` values must not grow memory). */
const COSTS_PER_DOCUMENT = 64;

const costVariablesOf = (document: DocumentNode): string[] => {
  const names = new Set<string>();
  const collect = (node: ASTNode) => visit(node, { Variable: (v) => void names.add(v.name.value) });
  visit(document, {
    Argument: (node) => (node.name.value === 'first' ? void collect(node.value) : undefined),
    Directive: (node) => void collect(node),
  });
  return [...names].sort();
};

export const assertQueryCost = (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string): void => {
  let known = documentCosts.get(document);
  if (!known) documentCosts.set(document, (known = { costVariables: costVariablesOf(document), byKey: new Map() }));
  const key = `${operationName ?? ''}\u0000${JSON.stringify(known.costVariables.map((name) => variables?.[name] ?? null))}`;
  let cost = known.byKey.get(key);
  if (cost === undefined) {
    cost = getComplexity({ schema, query: document, variables: variables ?? {}, operationName, estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })] });
    if (known.byKey.size >= COSTS_PER_DOCUMENT) known.byKey.clear();
    known.byKey.set(key, cost);
  }
  if (cost > MAX_QUERY_COST) throw new QueryTooComplex(`The query costs ${cost}; the limit is ${MAX_QUERY_COST}. Ask for fewer items or fields.`);
};

/** Whether a query text (and operation name) is a mutation, kept per text: bounded, emptied when full. */
const mutationTexts = new Map<string, boolean>();
const MUTATION_TEXTS = 1000;

/** True when the request body's operation is a mutation (parsing only bodies that mention one, once per text). */
export const isMutationBody = (body: unknown): boolean => {
  if (typeof body !== 'object' || body === null) return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string' || !query.includes('mutation')) return false;
  const name = typeof operationName === 'string' ? operationName : undefined;
  const key = `${name ?? ''}\u0000${query}`;
  const known = mutationTexts.get(key);
  if (known !== undefined) return known;
  let mutation: boolean;
  try {
    mutation = getOperationAST(parse(query), name)?.operation === 'mutation';
  } catch {
    mutation = false;
  }
  if (mutationTexts.size >= MUTATION_TEXTS) mutationTexts.clear();
  mutationTexts.set(key, mutation);
  return mutation;
};
