/**
 * YAML text to plain data, document by document, in time linear in the text: how the `plan`
 * command and the cdk8s plugin read manifests. The reader is js-yaml 4 (`loadAll()`), several
 * times faster than the `yaml` library's parser and composer, with:
 *
 * - scalars resolved as the `yaml` library's YAML 1.2 core schema resolves them, and unknown tags
 *   keeping their value (`yaml-core-schema.ts`);
 * - nesting bounded while js-yaml reads, before it can overflow the stack (`yaml-depth.ts`);
 * - aliases bounded in what they expand to (`yaml-aliases.ts`);
 * - a js-yaml misreading of empty sequence entries refused (`yaml-empty-entries.ts`);
 * - duplicate keys refused by js-yaml itself, with a hash per map (`storeMappingPair()` in
 *   js-yaml 4 `lib/loader.js`). Keys are compared as the strings they become: `1` and `"1"`, or
 *   `true` and `"true"`, are the same key. That is Kubernetes' judgement: the API server turns YAML
 *   into JSON (sigs.k8s.io/yaml), whose object keys are strings, so the two would collide there,
 *   one silently replacing the other. (The `yaml` library compared scalar values: it let both
 *   through, and the later one won in the plain data.)
 *
 * Each problem names its document, counting from 1, and a line.
 */
import type * as JsYaml from 'js-yaml';
import { jsYaml } from './lazy-modules';
import { aliasesExpandTooFar, EXCESSIVE_ALIASES } from './yaml-aliases';
import { coreSchema } from './yaml-core-schema';
import { MAX_YAML_DEPTH, NestingBound, YamlTooDeep } from './yaml-depth';
import { emptyEntryHazards, emptyEntryMisread, firstMisread, ScalarSpans } from './yaml-empty-entries';

export { MAX_ALIAS_COUNT } from './yaml-aliases';

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
 * Each document of `text` as plain data, in order.
 *
 * @param text YAML text, one or more documents
 * @param error makes the error to throw for the first document that cannot be read (nesting too
 *   deep, a syntax error, a duplicate key, too many aliases); the documents before it are yielded
 */
export function* yamlDocuments(text: string, error: (problem: YamlProblem) => Error): Generator<YamlDocument> {
  const read = readDocuments(text);
  for (let i = 0; i < read.values.length; i++) {
    const problem = aliasProblem(read, i);
    if (problem) { throw error(problem); }
    yield { document: i + 1, value: read.values[i] };
  }
  if (read.failure) { throw error(read.failure.problem); }
}

/**
 * Each document of `text` as plain data, `undefined` for one that cannot be read; nothing more
 * once the text nests too deep. For messages about input that is already known to be bad: never
 * throws.
 *
 * After a document that cannot be read, reading starts again at the next `---` line at or after
 * the line of the problem: such a line always begins a document (YAML 1.2 forbids it inside
 * content, section 9.1.2). The rest is then read one document at a time (from one `---` line to
 * the next), so no text is read twice: linear however many documents are bad.
 */
export function yamlValuesLeniently(text: string): unknown[] {
  const values: unknown[] = [];
  let read = readDocuments(text);
  let start = 0;
  let end = text.length;
  for (;;) {
    for (let i = 0; i < read.values.length; i++) { values.push(aliasProblem(read, i) ? undefined : read.values[i]); }
    const failure = read.failure;
    if (failure?.tooDeep) { return values; }
    if (failure) { values.push(undefined); }
    const next = failure ? nextDocumentStart(text, Math.max(start + failure.lineStart, start + 1)) : end < text.length ? end : -1;
    if (next < 0) { return values; }
    const after = nextDocumentStart(text, next + 1);
    start = next;
    end = after < 0 ? text.length : after;
    read = readDocuments(text.slice(start, end));
  }
}

/** The start of the first `---` line at or after `from`, or -1. */
function nextDocumentStart(text: string, from: number): number {
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  marker.lastIndex = from;
  return marker.exec(text)?.index ?? -1;
}

/** The documents of a text as js-yaml read them, and why the reading stopped, if it did. */
interface ReadDocuments {
  readonly values: unknown[];
  /** Per document: the line of its root node, and whether it holds an alias of a collection. */
  readonly lines: number[];
  readonly aliases: boolean[];
  readonly failure?: ReadFailure;
}

interface ReadFailure {
  readonly problem: YamlProblem;
  /** Where the line of the problem starts in the text read. */
  readonly lineStart: number;
  /** Whether the text nests too deep (the lenient reading stops there). */
  readonly tooDeep: boolean;
  /** Where js-yaml stopped in the text, when it says. */
  readonly position?: number;
}

/** js-yaml's reader state, as far as the listener reads it (js-yaml 4 `lib/loader.js`, `State`). */
interface ListenedState {
  readonly position: number;
  readonly line: number;
  readonly lineStart: number;
  readonly kind: string | null;
  readonly tag: string | null;
  readonly result: unknown;
  readonly documents: unknown[];
}

/** js-yaml 4.3's options beyond @types/js-yaml 4.0's: `maxDepth` (`State` in `lib/loader.js`, default 100). */
type LoadOptions = JsYaml.LoadOptions & { maxDepth?: number };

let schema: JsYaml.Schema | undefined;

/**
 * The shortest string V8 makes as a slice of the text it is cut from (`SlicedString::kMinLength`,
 * v8 src/objects/string.h), not as a copy. js-yaml reads a copy of the text (`loadDocuments()`
 * appends `'\0'` to it, and the first read flattens that into a new string), so every string value
 * it cuts would keep that copy alive as long as the values: 13.5 MB for 10,000 SparkApplications.
 * The listener replaces each such value, as its node closes, by a string of its own: about 10 MB
 * less heap after the read, at no measurable cost (a JSON round trip copies the characters).
 */
const SLICED_STRING_MIN = 13;

/** The options of every read; the listener is the caller's. */
function loadOptions(listener: (event: JsYaml.EventType, state: ListenedState) => void): LoadOptions {
  schema ??= coreSchema(jsYaml());
  return {
    schema,
    // js-yaml 4.3 and later refuse nesting past their own `maxDepth` (100 by default, counting
    // every node): the bound is ours (`NestingBound` refuses a node opening at depth
    // MAX_YAML_DEPTH + 3 first). The package bundles 4.1.x (.projenrc.ts), which has none and
    // ignores the option; it is given so that a later 4.x reads the same.
    maxDepth: MAX_YAML_DEPTH + 3,
    listener: listener as unknown as LoadOptions['listener'],
  };
}

/**
 * Every document of `text` that js-yaml reads before the first problem, and that problem. js-yaml
 * reads all documents before it returns; the listener keeps js-yaml's state, whose `documents`
 * holds those complete when it throws.
 */
function readDocuments(text: string): ReadDocuments {
  const bound = new NestingBound();
  // the shape js-yaml misreads is rare: scalars are told apart only for a text that has it
  const hazards = emptyEntryHazards(text);
  const scalars = hazards.length > 0 ? new ScalarSpans() : undefined;
  /** Per document: where its root node opens. */
  const starts: number[] = [];
  const lines: number[] = [];
  const aliases: boolean[] = [];
  /** Per document: whether it is nothing but comments, not begun by `---` (see below). */
  const bare: boolean[] = [];
  let explicit = false;
  let rootEnd = 0;
  let listened: ListenedState | undefined;
  const listener = (event: JsYaml.EventType, state: ListenedState) => {
    if (event === 'open') {
      bound.open(state);
      scalars?.opened(state.position);
      if (bound.depth === 1) {
        // a document's root: `readDocument()` has read the directives and the `---`, if any
        listened = state;
        starts.push(state.position);
        lines.push(state.line + 1);
        aliases.push(false);
        explicit = hasStartMarker(text.slice(rootEnd, state.position));
      }
    } else {
      bound.close(state);
      scalars?.closed(state.position, state.kind);
      const result = state.result;
      if (typeof result === 'string' && result.length >= SLICED_STRING_MIN) { (state as { result: unknown }).result = JSON.parse(JSON.stringify(result)); }
      // an alias leaves the node's kind unset and its value the anchored one (`readAlias()`)
      if (state.kind === null && state.result !== null && typeof state.result === 'object') { aliases[aliases.length - 1] = true; }
      if (bound.depth === 0) {
        rootEnd = state.position;
        bare.push(!explicit && state.kind === null && state.tag === null && state.result === null);
      }
    }
  };
  let values: unknown[];
  let failure: ReadFailure | undefined;
  try {
    values = jsYaml().loadAll(text, null, loadOptions(listener));
  } catch (e) {
    values = listened ? listened.documents.slice() : [];
    failure = readFailure(e, text, values);
  }
  const misread = scalars && !failure?.tooDeep ? firstMisread(hazards, scalars, failure?.position ?? text.length) : undefined;
  if (misread) {
    // the documents before the one misread stand; js-yaml's own error, if any, came of the misreading
    const document = starts.filter(start => start <= misread.dash).length || 1;
    values = values.slice(0, document - 1);
    const line = lineOf(text, misread.lineStart);
    const message = emptyEntryMisread(line, misread.dash - misread.lineStart + 1);
    failure = { problem: { document, line, message }, lineStart: misread.lineStart, tooDeep: false, position: misread.dash };
  }
  // js-yaml reads text of comments alone (after the last `...`, or all of it) as one more empty
  // document; yaml has no document there.
  if (values.length > 0 && bare[values.length - 1] === true) { values.pop(); }
  return { values, lines, aliases, failure };
}

/** Whether text before a document's root has a `---` line, which starts a document even if empty. */
function hasStartMarker(before: string): boolean {
  return /(?:^|[\r\n])---(?=[ \t\r\n]|$)/.test(before);
}

/**
 * The problem js-yaml stopped at, named as before (yaml's pretty errors without the snippet):
 * `YAML does not parse (line L): <what> at line L, column C`. `values` are the documents complete
 * before it; one that js-yaml found complete but not followed by a document's end is dropped.
 */
function readFailure(e: unknown, text: string, values: unknown[]): ReadFailure {
  if (e instanceof YamlTooDeep) {
    return { problem: { document: values.length + 1, line: e.line, message: e.message }, lineStart: 0, tooDeep: true };
  }
  if (!(e instanceof jsYaml().YAMLException) || !e.mark) { throw e; }
  const { line: line0, column, position } = e.mark;
  const line = line0 + 1;
  // `readDocument()` pushes a document, then throws when what follows is neither a document's end nor the text's
  if (e.reason.startsWith('end of the stream or a document separator is expected')) { values.pop(); }
  const document = values.length + 1;
  const lineStart = position - column;
  if (e.reason === 'duplicated mapping key') {
    const key = keyAt(text, position);
    // an explicit key (`? key`) is placed after the `?`, before the space: name where the key is
    let at = position;
    while (text[at] === ' ' || text[at] === '\t') { at++; }
    const keyColumn = column + 1 + at - position;
    return { problem: { document, line, message: `YAML does not parse (line ${line}): Map keys must be unique: ${describeKey(key)} at line ${line}, column ${keyColumn}` }, lineStart, tooDeep: false, position };
  }
  return { problem: { document, line, message: `YAML does not parse (line ${line}): ${e.reason} at line ${line}, column ${column + 1}` }, lineStart, tooDeep: false, position };
}

/** The line, counting from 1, of a position in the text. */
function lineOf(text: string, position: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < position; at = text.indexOf('\n', at + 1)) { line++; }
  return line;
}

/** Stops a reading once it found what it looked for. */
class Found extends Error {
  constructor(public readonly value: unknown) { super('found'); }
}

/**
 * The key that begins at `position`, as js-yaml read it: the text is read again, up to that key.
 * js-yaml places a duplicate key's error where the key node begins (`storeMappingPair()` is given
 * its start), and a key node opens there (`readBlockMapping()` and `readFlowCollection()` open it
 * without skipping space first); the innermost node opening there is the key. Only on an error.
 */
function keyAt(text: string, position: number): unknown {
  const opened: number[] = [];
  try {
    jsYaml().loadAll(text, null, loadOptions((event, state) => {
      if (event === 'open') {
        opened.push(state.position);
      } else if (opened.pop() === position) {
        throw new Found(state.result);
      }
    }));
  } catch (e) {
    if (e instanceof Found) { return e.value; }
  }
  return undefined;
}

/** The problem of a document whose aliases expand too far, or undefined. */
function aliasProblem(read: ReadDocuments, index: number): YamlProblem | undefined {
  if (!read.aliases[index] || !aliasesExpandTooFar(read.values[index])) { return undefined; }
  return { document: index + 1, line: read.lines[index], message: `YAML cannot be read: ${EXCESSIVE_ALIASES}` };
}

/** A key in a message: strings and collections as JSON, as yaml wrote them; `null`, numbers (`NaN` too) and booleans as they read. */
function describeKey(key: unknown): string {
  return typeof key === 'string' || (key !== null && typeof key === 'object') ? JSON.stringify(key) : String(key);
}
