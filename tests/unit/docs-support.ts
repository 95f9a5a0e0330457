/**
 * What the docs tests compare: facts read from the code (the GraphQL SDL the server is built from, the
 * CLI's commands and options, the environment variables read, the HTTP routes) and the parts of the
 * Markdown files in docs/ that state them. Read-only and fast: sources are parsed, nothing is started.
 */
import fs from 'node:fs';
import { declaredCommands } from '../../application/commands/pipeline';
import { commandRegistry } from '../../application/commands/registry';
import { commandTypeDefs } from '../../interfaces/graphql/schema/commands.graphql';
import path from 'node:path';
import ts from 'typescript';
import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode, type InputValueDefinitionNode, type TypeNode } from 'graphql';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The folders whose code runs in production (tests and benchmarks excluded). */
export const RUNTIME_DIRS = ['domain', 'application', 'projections', 'infrastructure', 'interfaces', 'seed', 'bin'] as const;

export const readRepoFile = (relative: string): string => fs.readFileSync(path.join(ROOT, relative), 'utf8');

/** Source files (.ts, .js) under `dirs`, relative to the repository root, tests excluded. */
export const runtimeSources = (dirs: readonly string[] = RUNTIME_DIRS): string[] => {
  const out: string[] = [];
  const walk = (relative: string): void => {
    const absolute = path.join(ROOT, relative);
    if (!fs.existsSync(absolute)) return;
    for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'data') walk(child);
      } else if (/\.(ts|js)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push(child);
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return out.sort();
};

export const parseSource = (relative: string): ts.SourceFile => ts.createSourceFile(relative, readRepoFile(relative), ts.ScriptTarget.ES2022, true);

const visitAll = (node: ts.Node, visit: (node: ts.Node) => void): void => {
  visit(node);
  node.forEachChild((child) => visitAll(child, visit));
};

/* ------------------------------------------------------------------ GraphQL ------------------------------------------------------------------ */

export interface SdlFragment {
  readonly file: string;
  readonly sdl: string;
}

const GRAPHQL_MARK = /\/\*\s*GraphQL\s*\*\//;
/** A template that defines GraphQL types, whether or not it is marked. */
const LOOKS_LIKE_SDL = /(^|\n)\s*((extend\s+)?(type|input|enum|interface)\s+[A-Z]\w*\s*(implements\s[^{\n]*)?\{|scalar\s+[A-Z]\w*\s*(\n|$))/;

/**
 * Every GraphQL SDL fragment in the runtime sources: the template literals marked `/* GraphQL *\/` (the
 * convention of every module the server assembles). `unmarked` lists templates that look like SDL but
 * carry no mark, and `withSubstitutions` marked templates built with `${…}`: both would escape the docs
 * test, so the test refuses them.
 */
export const servedSdl = (): { fragments: SdlFragment[]; unmarked: string[]; withSubstitutions: string[] } => {
  const fragments: SdlFragment[] = [];
  const unmarked: string[] = [];
  const withSubstitutions: string[] = [];
  for (const file of runtimeSources(['interfaces', 'application', 'infrastructure', 'projections'])) {
    const source = parseSource(file);
    const text = source.getFullText();
    visitAll(source, (node) => {
      if (!ts.isNoSubstitutionTemplateLiteral(node) && !ts.isTemplateExpression(node)) return;
      // The mark sits between the previous token and the template (`= /* GraphQL */ \``).
      const marked = GRAPHQL_MARK.test(text.slice(node.pos, node.getStart(source)));
      const where = `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (ts.isTemplateExpression(node)) {
        if (marked) withSubstitutions.push(where);
        return;
      }
      if (marked) fragments.push({ file, sdl: node.text });
      else if (LOOKS_LIKE_SDL.test(node.text)) unmarked.push(where);
    });
  }
  // The Mutation type and its inputs are printed from the command registry, not written out.
  fragments.push({ file: 'application/commands/registry.ts (printed)', sdl: commandTypeDefs(declaredCommands(commandRegistry)) });
  return { fragments, unmarked, withSubstitutions };
};

export interface ArgumentShape {
  readonly name: string;
  readonly type: string;
}

export interface FieldShape {
  readonly name: string;
  /** The field's type as SDL, e.g. `[Act!]!`. */
  readonly type: string;
  readonly args: readonly ArgumentShape[];
}

export type TypeKind = 'type' | 'input' | 'scalar';

export interface TypeShape {
  readonly name: string;
  readonly kind: TypeKind;
  readonly fields: Map<string, FieldShape>;
}

const typeText = (type: TypeNode): string => print(type);

const fieldShape = (field: FieldDefinitionNode | InputValueDefinitionNode): FieldShape => ({
  name: field.name.value,
  type: typeText(field.type),
  args: field.kind === Kind.FIELD_DEFINITION ? (field.arguments ?? []).map((a) => ({ name: a.name.value, type: typeText(a.type) })) : [],
});

/**
 * The types a GraphQL document defines, with `type X` and `extend type X` merged (the docs write a root
 * type in several blocks, one per section). A field defined twice keeps its first definition; `duplicates`
 * names the others.
 */
export const typesOf = (documents: readonly DocumentNode[]): { types: Map<string, TypeShape>; duplicates: string[] } => {
  const types = new Map<string, TypeShape>();
  const duplicates: string[] = [];
  const add = (name: string, kind: TypeKind, fields: readonly FieldShape[]): void => {
    let shape = types.get(name);
    if (!shape) types.set(name, (shape = { name, kind, fields: new Map() }));
    for (const field of fields) {
      if (shape.fields.has(field.name)) duplicates.push(`${name}.${field.name}`);
      else shape.fields.set(field.name, field);
    }
  };
  for (const document of documents) {
    for (const definition of document.definitions) {
      switch (definition.kind) {
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.OBJECT_TYPE_EXTENSION:
          add(definition.name.value, 'type', (definition.fields ?? []).map(fieldShape));
          break;
        case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        case Kind.INPUT_OBJECT_TYPE_EXTENSION:
          add(definition.name.value, 'input', (definition.fields ?? []).map(fieldShape));
          break;
        case Kind.SCALAR_TYPE_DEFINITION:
          add(definition.name.value, 'scalar', []);
          break;
        default:
          throw new Error(`The docs tests do not read GraphQL ${definition.kind} yet (${'name' in definition ? definition.name?.value : ''})`);
      }
    }
  }
  return { types, duplicates };
};

export const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'] as const;

export const signature = (field: FieldShape): string =>
  `${field.name}${field.args.length ? `(${field.args.map((a) => `${a.name}: ${a.type}`).join(', ')})` : ''}: ${field.type}`;

/* ------------------------------------------------------------------ Markdown ------------------------------------------------------------------ */

export interface CodeBlock {
  readonly language: string;
  readonly text: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The `## ` heading the block is under ('' before the first). */
  readonly section: string;
}

/** Fenced code blocks (```lang … ```) of a Markdown text, each with the level-2 section it is in. */
export const codeBlocks = (markdown: string): CodeBlock[] => {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.+)$/.exec(lines[i]);
    if (heading) {
      section = heading[1].trim();
      continue;
    }
    const fence = /^```(\S*)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    if (i >= lines.length) throw new Error(`Unclosed code block at line ${start + 1}`);
    blocks.push({ language: fence[1], text: body.join('\n'), line: start + 1, section });
  }
  return blocks;
};

/** The text of one `## ` section (up to the next `## ` heading), or null. */
export const sectionText = (markdown: string, title: string): string | null => {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (start < 0) return null;
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end < 0) end = lines.length;
  return lines.slice(start + 1, end).join('\n');
};

/** Names written as inline code (`name`) in a Markdown text. */
export const inlineCode = (markdown: string): Set<string> => new Set([...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]));

export const docsFiles = (): string[] =>
  fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);

/* ------------------------------------------------------------------ the CLI ------------------------------------------------------------------ */

export interface CliSurface {
  /** `serve`, `token`, … (the cases of `main`'s switch that run a command). */
  readonly commands: string[];
  /** `projections rebuild`, `audit verify`, … (a command and the word it compares its first argument with). */
  readonly subcommands: string[];
  /** Every option any command parses (`--role`, …). */
  readonly options: string[];
}

const HELP_WORDS = new Set(['help', '--help']);

/**
 * The commands, subcommands and options of interfaces/cli/main.ts, read from its syntax: the string cases
 * of the switch in `main`, the words a command's handler compares `sub` with, and the keys of every
 * `options: { … }` given to `parseArgs`.
 */
export const cliSurface = (file = 'interfaces/cli/main.ts'): CliSurface => {
  const source = parseSource(file);
  const commands: string[] = [];
  const subcommands: string[] = [];
  const options: string[] = [];
  const handlerOf = new Map<string, string>();
  visitAll(source, (node) => {
    if (ts.isCaseClause(node) && ts.isStringLiteral(node.expression) && !HELP_WORDS.has(node.expression.text)) {
      const command = node.expression.text;
      commands.push(command);
      // The handler this case awaits: `await projectionsCommand(…)`.
      visitAll(node, (inner) => {
        if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && !handlerOf.has(inner.expression.text)) handlerOf.set(inner.expression.text, command);
      });
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'parseArgs') {
      const config = node.arguments[0];
      if (config && ts.isObjectLiteralExpression(config)) {
        for (const property of config.properties) {
          if (ts.isPropertyAssignment(property) && property.name.getText(source) === 'options' && ts.isObjectLiteralExpression(property.initializer)) {
            for (const option of property.initializer.properties) options.push(`--${option.name?.getText(source).replace(/['"]/g, '')}`);
          }
        }
      }
    }
  });
  visitAll(source, (node) => {
    if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer) return;
    const command = handlerOf.get(node.name.text);
    if (!command) return;
    visitAll(node.initializer, (inner) => {
      if (
        ts.isBinaryExpression(inner) &&
        [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(inner.operatorToken.kind) &&
        ts.isIdentifier(inner.left) &&
        inner.left.text === 'sub' &&
        ts.isStringLiteral(inner.right)
      ) {
        subcommands.push(`${command} ${inner.right.text}`);
      }
    });
  });
  return { commands: [...new Set(commands)], subcommands: [...new Set(subcommands)], options: [...new Set(options)].sort() };
};

/* ------------------------------------------------------------------ environment and routes ------------------------------------------------------------------ */

/** Environment variables the runtime code reads (`env.NAME`, `process.env.NAME`, `env['NAME']`), with a file that reads each. */
export const environmentVariablesRead = (): Map<string, string> => {
  const found = new Map<string, string>();
  for (const file of runtimeSources()) {
    const text = readRepoFile(file);
    for (const m of text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)\b|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g)) {
      const name = m[1] ?? m[2];
      if (!found.has(name)) found.set(name, file);
    }
  }
  return found;
};

/** HTTP routes the runtime code registers with a literal path (`app.get('/health', …)`), with the method. */
export const httpRoutes = (): Array<{ method: string; path: string; file: string }> => {
  const routes: Array<{ method: string; path: string; file: string }> = [];
  for (const file of runtimeSources(['interfaces'])) {
    const text = readRepoFile(file);
    for (const m of text.matchAll(/\bapp\.(get|post|put|patch|delete|head|all)\s*(?:<[^>]*>)?\s*\(\s*(['"`])(\/[^'"`]*)\2/g)) {
      routes.push({ method: m[1].toUpperCase(), path: m[3], file });
    }
  }
  return routes;
};

export const parseGraphql = (text: string, where: string): DocumentNode => {
  try {
    return parse(text, { noLocation: true });
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
};
