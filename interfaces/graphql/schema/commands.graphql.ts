/**
 * The Mutation type printed from the command registry: a field per public command, its arguments
 * from the command's input class (the field rules record each GraphQL type), then `commandId` and,
 * on an existing aggregate, `expectedRevision`. Nested inputs become input types of their class's name.
 */
import type { DeclaredCommand } from '../../../application/commands/pipeline';
import { fieldsOf, inputTypeName, type InputClass } from '../../../application/commands/fields';

const quote = (text: string): string => JSON.stringify(text);

const argumentsOf = (Input: InputClass): string[] =>
  fieldsOf(Input).map(([name, shape]) => `${shape.description ? `${quote(shape.description)} ` : ''}${name}: ${shape.graphqlType}${shape.optional ? '' : '!'}`);

/** The input types `Input` uses, itself excluded, depth first. */
const nestedInputs = (Input: InputClass, found: Map<string, InputClass>): void => {
  for (const [, shape] of fieldsOf(Input)) {
    if (!shape.nested) continue;
    const name = inputTypeName(shape.nested);
    const known = found.get(name);
    if (known && known !== shape.nested) throw new Error(`Two input classes are named ${name}`);
    if (!known) {
      found.set(name, shape.nested);
      nestedInputs(shape.nested, found);
    }
  }
};

export const commandTypeDefs = (commands: readonly DeclaredCommand[]): string => {
  const published = commands.filter((c) => c.spec.public !== false);
  const inputs = new Map<string, InputClass>();
  for (const c of published) nestedInputs(c.spec.input, inputs);
  const inputTypes = [...inputs].map(([name, Input]) => `  input ${name} {\n${argumentsOf(Input).map((a) => `    ${a}`).join('\n')}\n  }`);
  const fields = published.map(({ name, aggregate, spec }) => {
    const creates = spec.target === 'new' || spec.creates === true;
    const args = [...argumentsOf(spec.input), 'commandId: ID', ...(creates ? [] : ['expectedRevision: Int'])];
    return `${spec.description ? `    ${quote(spec.description)}\n` : ''}    ${name}(${args.join(', ')}): ${spec.graphqlType ?? aggregate.graphqlType}!`;
  });
  return `${inputTypes.join('\n\n')}\n\n  type Mutation {\n${fields.join('\n')}\n  }\n`;
};
