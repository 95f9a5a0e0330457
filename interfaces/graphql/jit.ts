/**
 * A query text run this many times is compiled to JavaScript by graphql-jit (mercurius `jit`), which
 * executes a nested answer several times faster than graphql-js (publicSite: ~2× the requests per
 * second). Not on the first run: a flood of distinct one-off queries never pays for compiling; the
 * compiled form is kept with the parsed query in mercurius's cache (1 000 texts).
 */
export const GRAPHQL_JIT_AFTER = 5;
