/**
 * docs/api.md is the API contract other systems build against: these specs keep it true to the code.
 * Each failure says what to write where; a new field, error code, command or route fails here until it
 * is documented.
 */
import { buildASTSchema, concatAST } from 'graphql';
import * as errors from '../../application/errors';
import { CALLER_ROLES as ROLES } from '../../application/read-policy';
import {
  cliSurface,
  codeBlocks,
  httpRoutes,
  inlineCode,
  parseGraphql,
  parseSource,
  readRepoFile,
  ROOT_TYPES,
  sectionText,
  servedSdl,
  signature,
  typesOf,
  type TypeShape,
} from './docs-support';
import ts from 'typescript';

const API_DOC = 'docs/api.md';
const PLANNED = 'Planned (not yet served)';

const apiDoc = readRepoFile(API_DOC);

const served = servedSdl();
const servedTypes = typesOf(served.fragments.map((f) => parseGraphql(f.sdl, f.file))).types;

const blocks = codeBlocks(apiDoc).filter((b) => b.language === 'graphql');
const documentedBlocks = blocks.filter((b) => b.section !== PLANNED);
const plannedBlocks = blocks.filter((b) => b.section === PLANNED);
const documented = typesOf(documentedBlocks.map((b) => parseGraphql(b.text, `${API_DOC} line ${b.line}`)));
const planned = typesOf(plannedBlocks.map((b) => parseGraphql(b.text, `${API_DOC} line ${b.line}`))).types;

const describeField = (type: TypeShape, field: { name: string; type: string; args: readonly { name: string; type: string }[] }): string =>
  type.kind === 'input' ? `input ${type.name} { ${field.name}: ${field.type} }` : `type ${type.name} { ${signature(field)} }`;

describe('the GraphQL schema in docs/api.md', () => {
  it('is read from every SDL fragment the server is built from', () => {
    expect(served.unmarked).toEqual([]); // a template defining GraphQL types must be marked /* GraphQL */
    expect(served.withSubstitutions).toEqual([]); // SDL with ${…} cannot be read here: write it out
    // The fragments make one valid schema with the three root types.
    const schema = buildASTSchema(concatAST(served.fragments.map((f) => parseGraphql(f.sdl, f.file))));
    expect(schema.getQueryType()?.getFields()).toHaveProperty('serverInfo');
    expect(schema.getMutationType()?.getFields()).toHaveProperty('submitApplication');
    expect(schema.getSubscriptionType()?.getFields()).toHaveProperty('events');
  });

  it('documents every query, mutation and subscription the server serves, with its arguments and types', () => {
    const problems: string[] = [];
    for (const root of ROOT_TYPES) {
      const servedRoot = servedTypes.get(root);
      if (!servedRoot) continue;
      for (const field of servedRoot.fields.values()) {
        const doc = documented.types.get(root)?.fields.get(field.name);
        if (!doc) problems.push(`${root}.${field.name} is served but not documented: add \`${signature(field)}\` to a \`type ${root}\` graphql block of ${API_DOC}`);
        else if (signature(doc) !== signature(field)) problems.push(`${root}.${field.name} is served as \`${signature(field)}\` but ${API_DOC} documents \`${signature(doc)}\``);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents every type, input and field those operations use, and nothing the server does not serve', () => {
    const problems: string[] = [];
    for (const type of servedTypes.values()) {
      // Root fields are checked by the spec above (with the same wording).
      if ((ROOT_TYPES as readonly string[]).includes(type.name)) continue;
      const doc = documented.types.get(type.name);
      if (!doc) {
        problems.push(`${type.kind} ${type.name} is served but not documented in ${API_DOC}: add it to the graphql block of its section`);
        continue;
      }
      if (doc.kind !== type.kind) problems.push(`${type.name} is served as a ${type.kind} but documented as a ${doc.kind}`);
      for (const field of type.fields.values()) {
        const docField = doc.fields.get(field.name);
        if (!docField) problems.push(`${type.name}.${field.name} is served but not documented: add \`${describeField(type, field)}\` to ${API_DOC}`);
        else if (signature(docField) !== signature(field)) problems.push(`${type.name}.${field.name} is served as \`${signature(field)}\` but documented as \`${signature(docField)}\``);
      }
    }
    for (const doc of documented.types.values()) {
      const type = servedTypes.get(doc.name);
      if (!type) {
        problems.push(`${API_DOC} documents ${doc.kind} ${doc.name}, which the server does not serve: remove it, or move it under "${PLANNED}"`);
        continue;
      }
      for (const field of doc.fields.values()) {
        if (!type.fields.has(field.name)) problems.push(`${API_DOC} documents ${doc.name}.${field.name}, which the server does not serve: remove it, or move it under "${PLANNED}"`);
      }
    }
    for (const duplicate of documented.duplicates) problems.push(`${API_DOC} documents ${duplicate} twice`);
    expect(problems).toEqual([]);
  });

  it('keeps under "Planned (not yet served)" only names the server does not serve yet', () => {
    expect(plannedBlocks.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const type of planned.values()) {
      const servedType = servedTypes.get(type.name);
      for (const field of type.fields.values()) {
        const servedField = servedType?.fields.get(field.name);
        if (!servedField) continue;
        // A field served already is planned only for its new arguments (e.g. `application(trackingCode:)`).
        const newArgs = field.args.filter((a) => !servedField.args.some((s) => s.name === a.name));
        if (field.args.length === 0 || newArgs.length < field.args.length) {
          problems.push(`${type.name}.${field.name}${field.args.length ? `(${field.args.map((a) => a.name).join(', ')})` : ''} is now served: document it in its section of ${API_DOC} and take it out of "${PLANNED}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('names in the planned section the operations the contract adds next', () => {
    // The contract's names, exactly; these move up as they are served, and leave this list then.
    const plannedRoots = new Set(ROOT_TYPES.flatMap((root) => [...(planned.get(root)?.fields.keys() ?? [])].map((f) => `${root}.${f}`)));
    const servedRoots = new Set(ROOT_TYPES.flatMap((root) => [...(servedTypes.get(root)?.fields.keys() ?? [])].map((f) => `${root}.${f}`)));
    const contract = ['Mutation.appointStaff', 'Mutation.registerIncomingDocument', 'Mutation.erasePersonalData', 'Mutation.registerWebhook', 'Query.staffDirectory', 'Query.documents', 'Query.workingDaysBetween'];
    for (const name of contract) expect(plannedRoots.has(name) || servedRoots.has(name)).toBe(true);
  });
});

describe('the error codes in docs/api.md', () => {
  const errorsSection = sectionText(apiDoc, 'Errors') ?? '';
  const tableCodes = (markdown: string): string[] => [...markdown.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);

  it('gives every error class of application/errors.ts with its code and when it is given', () => {
    const classes = Object.entries(errors).filter(
      ([, value]) => typeof value === 'function' && value.prototype instanceof errors.HamaynkError,
    ) as Array<[string, new (...args: unknown[]) => errors.HamaynkError]>;
    // Each class's code is an instance field: construct one with arguments of its shape (a message, or StaleRead's position).
    const codeOf = (ErrorClass: new (...args: unknown[]) => errors.HamaynkError): string => {
      try {
        return new ErrorClass('a message', 'a', 'b').code;
      } catch {
        return new ErrorClass(1n, ['a'], 1).code;
      }
    };
    expect(classes.length).toBeGreaterThanOrEqual(7);
    const problems: string[] = [];
    for (const [name, ErrorClass] of classes) {
      const code = codeOf(ErrorClass);
      const row = errorsSection.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      if (!row) problems.push(`${name} (${code}) is not in the table of "## Errors" in ${API_DOC}: add a row | \`${code}\` | \`${name}\` | when … |`);
      else if (!row.includes(`\`${name}\``)) problems.push(`The row of ${code} in ${API_DOC} does not name its class \`${name}\``);
    }
    expect(problems).toEqual([]);
  });

  /** The union GraphqlErrorCode of interfaces/graphql/errors.ts, read from its syntax. */
  const givenCodes = (): string[] => {
    const source = parseSource('interfaces/graphql/errors.ts');
    const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'GraphqlErrorCode');
    if (!alias) throw new Error('interfaces/graphql/errors.ts no longer declares the type GraphqlErrorCode');
    const union = alias.type;
    return (ts.isUnionTypeNode(union) ? union.types : [union]).map((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : t.getText(source)));
  };

  it('lists exactly the extensions.code values the GraphQL layer gives', () => {
    const codes = givenCodes();
    expect(codes).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'INTERNAL']));
    const documentedCodes = tableCodes(errorsSection);
    const problems = [
      ...codes.filter((code) => !documentedCodes.includes(code)).map((code) => `${code} is given but not in the table of "## Errors" in ${API_DOC}: add a row saying when`),
      ...documentedCodes.filter((code) => !codes.includes(code)).map((code) => `${API_DOC} lists ${code} under "## Errors", but the server never gives it (GraphqlErrorCode): remove it or move it to "${PLANNED}"`),
    ];
    expect(problems).toEqual([]);
  });

  it('keeps in the planned section only codes the server does not give yet', () => {
    const plannedCodes = tableCodes(sectionText(apiDoc, PLANNED) ?? '');
    const given = givenCodes();
    const problems = plannedCodes
      .filter((code) => given.includes(code) || tableCodes(errorsSection).includes(code))
      .map((code) => `${code} is given now: move its row from "${PLANNED}" to "## Errors" in ${API_DOC}`);
    expect(problems).toEqual([]);
    // The contract's next codes are named in one place or the other.
    for (const code of ['STALE_READ', 'UPSTREAM_UNAVAILABLE']) expect({ code, named: plannedCodes.includes(code) || given.includes(code) }).toEqual({ code, named: true });
  });
});

describe('the command line in docs/api.md', () => {
  const cli = cliSurface();
  const section = sectionText(apiDoc, 'Command line') ?? '';

  it('reads the commands from interfaces/cli/main.ts', () => {
    expect(cli.commands).toEqual(expect.arrayContaining(['serve', 'projector', 'token']));
    expect(cli.subcommands).toEqual(expect.arrayContaining(['audit verify']));
    expect(cli.options).toEqual(expect.arrayContaining(['--role']));
  });

  it('documents every command, subcommand and option', () => {
    const problems: string[] = [];
    for (const command of [...cli.commands, ...cli.subcommands]) {
      if (!new RegExp(`\`hamaynk ${command}( |\`)`).test(section)) problems.push(`\`hamaynk ${command}\` is not in "## Command line" of ${API_DOC}: add a row for it`);
    }
    for (const option of cli.options) {
      if (!new RegExp(`${option}\\b`).test(section)) problems.push(`The option ${option} of interfaces/cli/main.ts is not in "## Command line" of ${API_DOC}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the HTTP routes and roles in docs/api.md', () => {
  it('lists every route the server registers', () => {
    const section = inlineCode(sectionText(apiDoc, 'HTTP routes') ?? '');
    const routes = httpRoutes();
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/health', '/']));
    const problems = routes
      .filter((r) => ![...section].some((code) => code.split(',').some((part) => part.trim() === `${r.method} ${r.path}`)))
      .map((r) => `${r.method} ${r.path} (${r.file}) is not in "## HTTP routes" of ${API_DOC}: add a row \`${r.method} ${r.path}\``);
    expect(problems).toEqual([]);
  });

  it('names every role a token may carry in "Who may call what"', () => {
    const section = sectionText(apiDoc, 'Who may call what') ?? '';
    for (const role of ROLES) expect({ role, named: section.includes(`\`${role}\``) }).toEqual({ role, named: true });
  });
});
