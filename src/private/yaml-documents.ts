/**
 * YAML text to plain data, one document at a time, in time linear in the text: how the `plan`
 * command and the cdk8s plugin read manifests.
 *
 * - Nesting is bounded as the text is lexed, before the parser or the composer builds anything
 *   deeper (`yaml-depth.ts`); the text is lexed once.
 * - Documents are composed one at a time (yaml's `Composer` is a generator over the parser's
 *   tokens), and each syntax tree is dropped once it is plain data: `parseAllDocuments` would hold
 *   every tree of the file at once, several times the size of the objects.
 * - Duplicate keys are refused, as yaml refuses them by default, but found with a hash per map in
 *   one pass over the tree: yaml's own check (`uniqueKeys`, on by default) compares each new key
 *   with every key before it in its map (`mapIncludes`, yaml 2.9.1 `dist/compose/util-map-includes.js`),
 *   quadratic in the keys of a map: a 1.2 MB ConfigMap of 100,000 keys took more than 60 s. So the
 *   composer runs with `uniqueKeys: false` and `duplicateKey()` makes the same judgement: two keys
 *   of one map are the same when both are scalars with the same value (`===`), as yaml's default
 *   `isEqual` has it; keys that are collections or aliases are never the same.
 * - `process.env` is a plain copy while yaml reads the text (see `plainEnv()`).
 * - Aliases expand to at most `MAX_ALIAS_COUNT` nodes per alias (yaml's guard against the "billion
 *   laughs").
 */
import type { Document, LineCounter, Scalar } from 'yaml';
import { yaml } from './lazy-modules';
import { YamlDepth } from './yaml-depth';

/** How many nodes one alias may expand to: yaml's `maxAliasCount`, well above what a manifest needs. */
export const MAX_ALIAS_COUNT = 1000;

/** Why a document cannot be read: where, and what. */
export interface YamlProblem {
  /** The document, counting from 1. */
  readonly document: number;
  /** The line, counting from 1, when the problem has one. */
  readonly line?: number;
  /** The message, with the line in it. */
  readonly message: string;
}

/** One document of a YAML text, as plain data. */
export interface YamlDocument {
  /** The document, counting from 1. */
  readonly document: number;
  /** Its value: objects, arrays, strings, numbers, booleans, `null`; `null` for an empty document. */
  readonly value: unknown;
}

/**
 * The parser options of every read: yaml's duplicate key check off (see the file's comment), and
 * no warning printed on the terminal (yaml writes one with `process.emitWarning` for a key that is
 * a collection, which plain data can only hold as a string).
 */
const COMPOSE_OPTIONS = { uniqueKeys: false, logLevel: 'error' } as const;

/**
 * Each document of `text` as plain data, in order, one at a time.
 *
 * @param text YAML text, one or more documents
 * @param error makes the error to throw for a document that cannot be read (nesting too deep,
 *   a syntax error, a duplicate key, too many aliases); the documents before it are yielded
 */
export function* yamlDocuments(text: string, error: (problem: YamlProblem) => Error): Generator<YamlDocument> {
  for (const { document, doc, lines } of composeDocuments(text, error)) {
    const problem = documentProblem(doc, lines, document);
    if (problem) { throw error(problem); }
    yield { document, value: toPlainData(doc, lines, document, error) };
  }
}

/**
 * Each document of `text` as plain data, `undefined` for one that cannot be read; nothing for
 * text nested too deep. For messages about input that is already known to be bad: never throws.
 */
export function yamlValuesLeniently(text: string): unknown[] {
  const values: unknown[] = [];
  try {
    for (const { document, doc, lines } of composeDocuments(text, p => new Error(p.message))) {
      try {
        values.push(documentProblem(doc, lines, document) ? undefined : toPlainData(doc, lines, document, p => new Error(p.message)));
      } catch {
        values.push(undefined);
      }
    }
  } catch {
    // what was read so far
  }
  return values;
}

/** A document as yaml composes it, and the line counter that places its nodes. */
interface ComposedDocument {
  readonly document: number;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/**
 * The documents of `text` as yaml composes them, with the line counter that places their nodes.
 * The text is lexed once: each token goes to the nesting bound, then to the parser (what
 * `Parser.parse()` does, with the bound in between), so nothing deeper than the bound is built.
 */
function* composeDocuments(text: string, error: (problem: YamlProblem) => Error): Generator<ComposedDocument> {
  const { Composer, Lexer, LineCounter, Parser } = yaml();
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const depth = new YamlDepth();
  function* tokens() {
    lines.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      const problem = depth.next(lexeme);
      if (problem) { throw error(problem); }
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  let document = 0;
  const env = process.env;
  try {
    process.env = plainEnv(env);
    for (const doc of new Composer(COMPOSE_OPTIONS).compose(tokens())) {
      yield { document: ++document, doc, lines };
    }
  } finally {
    process.env = env;
  }
}

/**
 * A plain copy of the environment, for the time the text is read. yaml's parser reads
 * `process.env.LOG_TOKENS` for every token (yaml 2.9.1 `dist/parse/parser.js`, `Parser.next()`),
 * and Node's `process.env` asks the operating system on every read: about 0.4 us a token, 1.5 s
 * of the 3.4 million tokens of 10,000 SparkApplications (12.6 MB) on the benchmark's machine, as
 * against 20 ms for a plain object. Same variables, so nothing reads anything else meanwhile; the
 * real one is put back when the reading ends (the read is synchronous: no other code runs).
 */
function plainEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env };
}

/** The first syntax error of a composed document, or its first duplicate key. */
function documentProblem(doc: Document.Parsed, lines: LineCounter, document: number): YamlProblem | undefined {
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    // Worded as yaml's own pretty errors (what parseAllDocuments gives), without the snippet.
    const { line, col } = lines.linePos(error.pos[0]);
    return { document, line, message: `YAML does not parse (line ${line}): ${firstLine(error.message)} at line ${line}, column ${col}` };
  }
  const duplicate = duplicateKey(doc.contents);
  if (duplicate) {
    const at = lines.linePos(duplicate.offset);
    const first = lines.linePos(duplicate.firstOffset);
    return {
      document,
      line: at.line,
      message: `YAML does not parse (line ${at.line}): Map keys must be unique: ${JSON.stringify(duplicate.key)} at line ${at.line}, `
        + `column ${at.col} is already a key of the map at line ${first.line}, column ${first.col}`,
    };
  }
  return undefined;
}

function toPlainData(doc: Document.Parsed, lines: LineCounter, document: number, error: (problem: YamlProblem) => Error): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const line = doc.contents?.range ? lines.linePos(doc.contents.range[0]).line : undefined;
    throw error({ document, line, message: `YAML cannot be read: ${firstLine((e as Error).message)}` });
  }
}

/** A key met twice in one map: its value and where each one is (offsets in the text). */
export interface DuplicateKey {
  readonly key: unknown;
  readonly offset: number;
  readonly firstOffset: number;
}

/** Maps of at most this many keys are checked pair by pair: cheaper than a hash for the few keys most maps have. */
const SMALL_MAP = 8;

/**
 * The first key, in the order of the text, that its map already has, or undefined: the key yaml
 * itself would refuse first (it composes in the order of the text and checks each key as it
 * comes). Each map is checked once: pair by pair when it is small, else with a `Map` from key value
 * to key node (SameValueZero: a `NaN` key, which `===` never finds equal, is skipped); the walk
 * uses its own stack, so it needs no recursion.
 */
export function duplicateKey(root: unknown): DuplicateKey | undefined {
  const { isCollection, isMap, isPair, isScalar, isSeq } = yaml();
  /** The key of a pair as the check compares it: a scalar's value, or undefined (never the same as another). */
  const keyOf = (pair: { key: unknown }): Scalar | undefined => {
    const key = pair.key;
    return isScalar(key) && key.value === key.value ? key : undefined; // `v === v`: not NaN
  };
  const found = (key: Scalar, first: Scalar): DuplicateKey => ({ key: key.value, offset: key.range?.[0] ?? 0, firstOffset: first.range?.[0] ?? 0 });
  let first: DuplicateKey | undefined;
  const note = (duplicate: DuplicateKey) => { if (first === undefined || duplicate.offset < first.offset) { first = duplicate; } };
  const stack: unknown[] = [root];
  // Scalars and aliases hold no map: only collections and pairs go on the stack.
  const push = (node: unknown) => { if (isCollection(node) || isPair(node)) { stack.push(node); } };
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const items = node.items;
      const repeated = items.length <= SMALL_MAP ? repeatedAmongFew(items, keyOf) : repeatedAmongMany(items, keyOf);
      if (repeated !== undefined) { note(found(repeated.key, repeated.first)); }
      // Children are pushed in reverse so that they are visited in document order.
      for (let i = items.length - 1; i >= 0; i--) { push(items[i].value); push(items[i].key); }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) { push(node.items[i]); }
    } else if (isPair(node)) {
      push(node.value);
      push(node.key);
    }
  }
  return first;
}

type KeyOf = (pair: { key: unknown }) => Scalar | undefined;

/** The first key of a few pairs that an earlier one has, pair by pair. */
function repeatedAmongFew(items: ReadonlyArray<{ key: unknown }>, keyOf: KeyOf): { key: Scalar; first: Scalar } | undefined {
  for (let i = 1; i < items.length; i++) {
    const key = keyOf(items[i]);
    if (key === undefined) { continue; }
    for (let j = 0; j < i; j++) {
      const other = keyOf(items[j]);
      if (other !== undefined && other.value === key.value) { return { key, first: other }; }
    }
  }
  return undefined;
}

/**
 * The first key of many pairs that an earlier one has: one `Set.add()` a key, which tells by the
 * size whether the value was there; the first one is looked for only then, in one scan.
 */
function repeatedAmongMany(items: ReadonlyArray<{ key: unknown }>, keyOf: KeyOf): { key: Scalar; first: Scalar } | undefined {
  const seen = new Set<unknown>();
  for (let i = 0; i < items.length; i++) {
    const key = keyOf(items[i]);
    if (key === undefined) { continue; }
    const size = seen.size;
    if (seen.add(key.value).size === size) {
      const first = items.find(pair => keyOf(pair)?.value === key.value)!;
      return { key, first: keyOf(first)! };
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim().replace(/:$/, '');
}
