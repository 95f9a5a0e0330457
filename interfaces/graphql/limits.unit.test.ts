import { buildSchema, parse } from 'graphql';
import { MAX_QUERY_COST, assertQueryCost, isMutationBody } from './limits';

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
