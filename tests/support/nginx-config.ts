/**
 * Reads an nginx configuration file into its directives and blocks, enough for tests to check what a
 * deployment's load balancer does (no nginx binary is needed). Quoted strings, comments and nested blocks
 * are understood; variables are left as written.
 */
export interface NginxDirective {
  readonly name: string;
  readonly args: readonly string[];
  /** The directives inside `{ … }`, for a block (`upstream`, `server`, `location`, `map`). */
  readonly block?: readonly NginxDirective[];
}

const tokenize = (text: string): string[] => {
  const tokens: string[] = [];
  const pattern = /#[^\n]*|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([{};])|([^\s{};"'#]+)/g;
  for (const m of text.matchAll(pattern)) {
    if (m[0].startsWith('#')) continue;
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  }
  return tokens;
};

export const parseNginxConfig = (text: string): NginxDirective[] => {
  const tokens = tokenize(text);
  let i = 0;
  const parseBlock = (closing: boolean): NginxDirective[] => {
    const directives: NginxDirective[] = [];
    while (i < tokens.length) {
      if (tokens[i] === '}') {
        if (!closing) throw new Error('unexpected "}"');
        i++;
        return directives;
      }
      const words: string[] = [];
      while (i < tokens.length && tokens[i] !== ';' && tokens[i] !== '{' && tokens[i] !== '}') words.push(tokens[i++]);
      if (words.length === 0) throw new Error(`expected a directive at token ${i}`);
      const [name, ...args] = words;
      if (tokens[i] === ';') {
        i++;
        directives.push({ name, args });
      } else if (tokens[i] === '{') {
        i++;
        directives.push({ name, args, block: parseBlock(true) });
      } else {
        throw new Error(`directive "${name}" is not closed by ";"`);
      }
    }
    if (closing) throw new Error('a block is not closed by "}"');
    return directives;
  };
  return parseBlock(false);
};

/** The directives named `name` anywhere below `directives`, blocks included. */
export const findDirectives = (directives: readonly NginxDirective[], name: string): NginxDirective[] =>
  directives.flatMap((d) => [...(d.name === name ? [d] : []), ...(d.block ? findDirectives(d.block, name) : [])]);
