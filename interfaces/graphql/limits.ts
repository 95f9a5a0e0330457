/**
 * Limits against abuse: query depth, query cost (graphql-query-complexity, where a list field costs its
 * `first` times its selection), and which requests are mutations (for the per-client rate limit of
 * @fastify/rate-limit).
 */
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { Kind, getOperationAST, parse, visit, type ASTNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { QueryTooComplex } from './errors';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 5000;

/** Introspection root fields: what they select is bounded by the schema itself (GraphiQL's schema query nests type references 9 deep). */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * The depth of each operation of a document, counted as mercurius's `queryDepth` (graphql-depth-limit)
 * counts it — each field and inline fragment one level, a fragment spread its fragment's depth — except
 * below `__schema` and `__type`, so that GraphiQL and other tools can read the schema.
 */
const operationDepths = (document: DocumentNode): Array<{ name: string; depth: number }> => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fragmentDepths = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (set: SelectionSetNode | undefined): number => {
    let max = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD && INTROSPECTION_ROOTS.has(selection.name.value)) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        let depth = fragmentDepths.get(name);
        if (depth === undefined) {
          const fragment = fragments.get(name);
          // A cycle is refused by validation already; should one get here, it is too deep.
          if (visiting.has(name)) depth = Infinity;
          else {
            visiting.add(name);
            depth = fragment ? depthOf(fragment.selectionSet) : 0;
            visiting.delete(name);
            fragmentDepths.set(name, depth);
          }
        }
        max = Math.max(max, depth);
      } else max = Math.max(max, 1 + depthOf(selection.selectionSet));
    }
    return max;
  };
  return document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [{ name: d.name?.value ?? 'unnamedQuery', depth: depthOf(d.selectionSet) }] : []));
};

const documentDepths = new WeakMap<DocumentNode, Array<{ name: string; depth: number }>>();

/** Refuses a document one of whose operations is deeper than MAX_QUERY_DEPTH (QUERY_TOO_COMPLEX). */
export const assertQueryDepth = (document: DocumentNode): void => {
  let depths = documentDepths.get(document);
  if (!depths) documentDepths.set(document, (depths = operationDepths(document)));
  const deep = depths.find((o) => o.depth > MAX_QUERY_DEPTH);
  if (deep) throw new QueryTooComplex(`${deep.name} query depth (${deep.depth}) exceeds the query depth limit of ${MAX_QUERY_DEPTH}`);
};

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
