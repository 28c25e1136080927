/**
 * A bound on how deeply YAML nests, checked before the text is composed.
 *
 * The `yaml` library composes nested collections recursively: about 1,000 levels overflow the
 * stack (reported as a parse error), and a couple of thousand make it build an error message that
 * exhausts memory and kills the process. Kubernetes objects nest a few dozen levels, so the `plan`
 * command refuses text deeper than `MAX_YAML_DEPTH` with a clear message instead. The scan runs on
 * the library's own lexer (iterative, and it knows quotes, comments and block scalars), so a `[`
 * inside a string never counts, and it stops at the first level too deep: 100,000 nested `[` are
 * refused at once. `YamlDepth` reads the tokens one at a time, so the reader (`yaml-documents.ts`)
 * checks the tokens it hands yaml's parser, before the parser builds anything deeper.
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
 * The first place where the text nests deeper than `max`, or undefined. Block nesting is counted
 * by indentation (one level per deeper indent in force) plus compact `- ` / `? ` entries on one
 * line; flow nesting by the open `[` and `{`. This may count a level more than the composer builds
 * (a map's value), never fewer.
 */
export function yamlDepthProblem(text: string, max: number = MAX_YAML_DEPTH): YamlDepthProblem | undefined {
  const depth = new YamlDepth(max);
  for (const token of new (yaml().Lexer)().lex(text)) {
    const problem = depth.next(token);
    if (problem) { return problem; }
  }
  return undefined;
}

/**
 * The nesting of a text, read token by token as yaml's `Lexer` yields them: the reader of
 * `yaml-documents.ts` feeds it the tokens it hands the parser, so the text is lexed once.
 */
export class YamlDepth {
  private document = 1;
  private content = false;
  private line = 1;
  private indent = 0;
  private lineStart = true;
  private firstOnLine = true;
  private compact = 0;
  private flow = 0;
  private readonly indents: number[] = [];

  /** @param max the deepest nesting allowed */
  constructor(private readonly max: number = MAX_YAML_DEPTH) {}

  /** Reads the next token; returns the problem when it nests deeper than the bound. */
  public next(token: string): YamlDepthProblem | undefined {
    switch (token) {
      case '\u0002': // the stream begins
        return undefined;
      case '---': // a document begins; a `---` before any content starts the first
        if (this.content) { this.document++; }
        this.content = false;
        this.indents.length = 0;
        this.flow = 0;
        return undefined;
      case '\n':
      case '\r\n':
        this.line++;
        this.lineStart = true;
        this.firstOnLine = true;
        this.indent = 0;
        this.compact = 0;
        return undefined;
      case '\u001f': // marks the scalar that follows
        return undefined;
    }
    const blank = isBlank(token);
    if (this.lineStart && blank) {
      this.indent = token.length;
      this.lineStart = false;
      return undefined;
    }
    this.lineStart = false;
    if (blank || token.charCodeAt(0) === HASH) { return undefined; }
    this.content = true;
    if (this.firstOnLine && this.flow === 0 && token.includes('\n')) {
      // a block scalar's lines (one token, its indentation inside): text, no nesting
    } else if (this.firstOnLine && this.flow === 0) {
      const indents = this.indents;
      while (indents.length > 0 && indents[indents.length - 1] >= this.indent) { indents.pop(); }
      indents.push(this.indent);
    } else if (this.flow === 0 && (token === '-' || token === '?')) {
      this.compact++;
    }
    this.firstOnLine = false;
    if (token === '[' || token === '{') { this.flow++; }
    if ((token === ']' || token === '}') && this.flow > 0) { this.flow--; }
    const depth = this.indents.length + this.compact + this.flow;
    if (depth > this.max) {
      const max = this.max;
      return {
        document: this.document,
        line: this.line,
        message: `YAML nests deeper than ${max} levels (line ${this.line}): the plan command reads at most ${max}; Kubernetes objects nest a few dozen`,
      };
    }
    // scalars and block scalars may span lines
    for (let i = token.indexOf('\n'); i >= 0; i = token.indexOf('\n', i + 1)) { this.line++; }
    return undefined;
  }
}

const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;

/** Whether a token is spaces and tabs only (indentation, or the space between tokens): called for every token, so no regular expression. */
function isBlank(token: string): boolean {
  if (token.length === 0) { return false; }
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c !== SPACE && c !== TAB) { return false; }
  }
  return true;
}
