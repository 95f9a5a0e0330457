import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { MAX_QUERY_COST, MAX_QUERY_DEPTH, assertQueryCost, assertQueryDepth, isMutationBody } from './limits';
// mercurius's own depth count (internal module), to show the same documents get the same depth.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mercuriusQueryDepth = require('mercurius/lib/queryDepth') as (definitions: readonly unknown[], limit: number) => Array<{ message: string }>;

const schema = buildSchema(`
  type Item { id: ID! name: String }
  type Page { items: [Item!]! }
  input Submit { subject: String! first: Int }
  type Query { items(first: Int, after: String): Page! one: Item }
  type Mutation { submit(input: Submit!): Item }
`);

/** Each item costs 2 (itself and its one field), the page 1 + first × that, the query 1 more. */
const costOf = (query: string, variables?: Record<string, unknown>): number | 'too complex' => {
  try {
    assertQueryCost(schema, document(query), variables);
    return 0;
  } catch (error) {
    expect((error as { extensions?: { code?: string } }).extensions?.code).toBe('QUERY_TOO_COMPLEX');
    return 'too complex';
  }
};

// One parsed document per text, as mercurius hands back its cached parse.
const documents = new Map<string, ReturnType<typeof parse>>();
const document = (query: string) => {
  let d = documents.get(query);
  if (!d) documents.set(query, (d = parse(query)));
  return d;
};

describe('query cost', () => {
  const paged = 'query Q($n: Int) { a: items(first: $n) { items { id name } } b: items(first: $n) { items { id name } } c: items(first: $n) { items { id name } } d: items(first: $n) { items { id name } } e: items(first: $n) { items { id name } } f: items(first: $n) { items { id name } } g: items(first: $n) { items { id name } } h: items(first: $n) { items { id name } } }';
  const nested = `query Q($n: Int) { ${Array.from({ length: 30 }, (_, i) => `x${i}: items(first: $n) { items { id name } }`).join(' ')} }`;

  it('is computed again when a variable feeding `first` changes (a kept cost never lets a bigger page through)', () => {
    expect(costOf(nested, { n: 10 })).toBe(0);
    expect(costOf(nested, { n: 100 })).toBe('too complex');
    expect(costOf(nested, { n: 10 })).toBe(0);
    expect(costOf(nested, { n: 100 })).toBe('too complex');
    expect(costOf(paged, { n: 100 })).toBe(0);
  });

  it('follows variables of @include and @skip', () => {
    const q = `query Q($big: Boolean!) { one { id } ${Array.from({ length: 30 }, (_, i) => `x${i}: items(first: 100) @include(if: $big) { items { id name } }`).join(' ')} }`;
    expect(costOf(q, { big: false })).toBe(0);
    expect(costOf(q, { big: true })).toBe('too complex');
    expect(costOf(q, { big: false })).toBe(0);
  });

  it('does not depend on other variables: a mutation with any input costs the same', () => {
    const m = 'mutation M($input: Submit!) { submit(input: $input) { id name } }';
    for (let i = 0; i < 200; i++) expect(costOf(m, { input: { subject: `«Գյումրի» ${i}`, first: 10_000 } })).toBe(0);
  });

  it('keeps the limit it names', () => {
    expect(MAX_QUERY_COST).toBe(5000);
  });
});

describe('query depth', () => {
  /** `levels` fields `items` one in another, then `id`: depth levels + 1. */
  const nested = (levels: number) => `{ ${'items { '.repeat(levels)}id${' }'.repeat(levels)} }`;
  const refusal = (query: string): string | null => {
    try {
      assertQueryDepth(parse(query));
      return null;
    } catch (error) {
      expect((error as { extensions?: { code?: string } }).extensions?.code).toBe('QUERY_TOO_COMPLEX');
      return (error as Error).message;
    }
  };

  it('refuses an operation deeper than the limit, counting fields and inline fragments as mercurius does', () => {
    const documents = [
      nested(10),
      nested(12),
      `mutation($id: ID!) { cancelFee(id: $id, reason: "deep") { ${'... on Fee { '.repeat(12)}id${' }'.repeat(12)} } }`,
      `query A { ...F } fragment F on Query { ${'items { items { '.repeat(4)}id${' } }'.repeat(4)} } query B { one { id } }`,
      `query A { x: items { ...G } } fragment G on Page { ${'items { '.repeat(1)}...H } } fragment H on Item { id }`,
      `{ one { id __typename } ${'items { items { '.repeat(5)}name${' } }'.repeat(5)} }`,
    ];
    for (const doc of documents) {
      const ours = refusal(doc);
      const theirs = mercuriusQueryDepth(parse(doc).definitions, MAX_QUERY_DEPTH).map((e) => e.message.replace(/`/g, ''));
      expect(ours === null ? [] : [ours]).toEqual(theirs.slice(0, 1));
    }
    expect(refusal(nested(9))).toBeNull();
    expect(refusal(nested(10))).toBe('unnamedQuery query depth (11) exceeds the query depth limit of 10');
  });

  it('lets GraphiQL read the schema: nothing below __schema or __type counts, the rest still does', () => {
    expect(refusal(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }))).toBeNull();
    expect(refusal(`{ __type(name: "Item") { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }`)).toBeNull();
    expect(refusal(`{ __schema { types { name } } ${'items { items { '.repeat(6)}id${' } }'.repeat(6)} }`)).toMatch(/depth \(13\)/);
  });
});

describe('isMutationBody', () => {
  it('tells mutations from queries, by operation name when a document has both', () => {
    const both = 'query Q { one { id } } mutation M($input: Submit!) { submit(input: $input) { id } }';
    expect(isMutationBody({ query: both, operationName: 'M' })).toBe(true);
    expect(isMutationBody({ query: both, operationName: 'Q' })).toBe(false);
    expect(isMutationBody({ query: both, operationName: 'M' })).toBe(true);
    expect(isMutationBody({ query: '{ one { id } }' })).toBe(false);
    expect(isMutationBody({ query: 'mutation { submit(input: { subject: "a" }) { id } }' })).toBe(true);
    expect(isMutationBody({ query: 'mutation {' })).toBe(false);
    expect(isMutationBody(null)).toBe(false);
    expect(isMutationBody({ query: 42 })).toBe(false);
  });
});
