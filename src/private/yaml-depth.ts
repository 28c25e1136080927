/**
 * A bound on how deeply YAML nests, checked before the text is composed.
 *
 * The `yaml` library composes nested collections recursively: about 1,000 levels overflow the
 * stack (reported as a parse error), and a couple of thousand make it build an error message that
 * exhausts memory and kills the process. Kubernetes objects nest a few dozen levels, so the `plan`
 * command refuses text deeper than `MAX_YAML_DEPTH` with a clear message instead. The scan runs on
 * the library's own lexer (iterative, and it knows quotes, comments and block scalars), so a `[`
 * inside a string never counts, and it stops at the first level too deep: 100,000 nested `[` are
 * refused at once.
 */
import { yaml } from './lazy-modules';

/** The deepest nesting the `plan` command reads: far beyond any Kubernetes object, far below what overflows the composer. */
export const MAX_YAML_DEPTH = 256;

/** Where nesting first went past the bound. */
export interface YamlDepthProblem {
  /** The document, counting from 1. */
  readonly document: number;
  /** The line, counting from 1. */
  readonly line: number;
  /** The message, naming the limit. */
  readonly message: string;
}

/**
 * Refuses text nested deeper than `max`: throws what `error` makes of the problem.
 *
 * @param text YAML text
 * @param error makes the error to throw, e.g. the plan's input error naming the file
 */
export function checkYamlDepth(text: string, error: (problem: YamlDepthProblem) => Error, max: number = MAX_YAML_DEPTH): void {
  const problem = yamlDepthProblem(text, max);
  if (problem) { throw error(problem); }
}

/**
 * The first place where the text nests deeper than `max`, or undefined. Block nesting is counted
 * by indentation (one level per deeper indent in force) plus compact `- ` / `? ` entries on one
 * line; flow nesting by the open `[` and `{`. This may count a level more than the composer builds
 * (a map's value), never fewer.
 */
export function yamlDepthProblem(text: string, max: number = MAX_YAML_DEPTH): YamlDepthProblem | undefined {
  let document = 1;
  let content = false;
  let line = 1;
  let indent = 0;
  let lineStart = true;
  let firstOnLine = true;
  let compact = 0;
  let flow = 0;
  const indents: number[] = [];
  for (const token of new (yaml().Lexer)().lex(text)) {
    switch (token) {
      case '\u0002': // the stream begins
        continue;
      case '---': // a document begins; a `---` before any content starts the first
        if (content) { document++; }
        content = false;
        indents.length = 0;
        flow = 0;
        continue;
      case '\n':
      case '\r\n':
        line++;
        lineStart = true;
        firstOnLine = true;
        indent = 0;
        compact = 0;
        continue;
      case '\u001f': // marks the scalar that follows
        continue;
    }
    if (lineStart && /^[ \t]+$/.test(token)) {
      indent = token.length;
      lineStart = false;
      continue;
    }
    lineStart = false;
    if (token.startsWith('#') || /^[ \t]+$/.test(token)) { continue; }
    content = true;
    if (firstOnLine && flow === 0 && token.includes('\n')) {
      // a block scalar's lines (one token, its indentation inside): text, no nesting
    } else if (firstOnLine && flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) { indents.pop(); }
      indents.push(indent);
    } else if (flow === 0 && (token === '-' || token === '?')) {
      compact++;
    }
    firstOnLine = false;
    if (token === '[' || token === '{') { flow++; }
    if ((token === ']' || token === '}') && flow > 0) { flow--; }
    const depth = indents.length + compact + flow;
    if (depth > max) {
      return {
        document,
        line,
        message: `YAML nests deeper than ${max} levels (line ${line}): the plan command reads at most ${max}; Kubernetes objects nest a few dozen`,
      };
    }
    // scalars and block scalars may span lines
    for (let i = token.indexOf('\n'); i >= 0; i = token.indexOf('\n', i + 1)) { line++; }
  }
  return undefined;
}
