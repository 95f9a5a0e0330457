/**
 * Custom scalars of the contract: `Amd` (whole drams, 0 ≤ x ≤ 10^12: GraphQL Int is 32-bit and too
 * small) and `JSON` (event data and metadata, aggregate views as of a time).
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

export const MAX_AMD = 1_000_000_000_000;

const amdError = (shown: string) => new GraphQLError(`Amd must be a whole number of drams from 0 to ${MAX_AMD}, not ${shown}`);

const checkAmd = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_AMD) throw amdError(JSON.stringify(value));
  return value;
};

export const AmdScalar = new GraphQLScalarType({
  name: 'Amd',
  description: 'Armenian drams (դրամ, ֏): a whole number from 0 to 10^12, written as an integer literal.',
  serialize: checkAmd,
  parseValue: checkAmd,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.INT) throw amdError(ast.kind === Kind.FLOAT || ast.kind === Kind.STRING ? ast.value : ast.kind);
    return checkAmd(Number(ast.value));
  },
});

const literalToJson = (ast: ValueNode, variables?: Record<string, unknown> | null): unknown => {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literalToJson(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
    default:
      throw new GraphQLError(`JSON cannot hold ${ast.kind}`);
  }
};

export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value (event data and metadata as stored, aggregate views).',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: literalToJson,
});
