/**
 * A guard against a js-yaml 4 misreading: a block sequence whose entry is empty (`-` and nothing
 * after it on the line) takes the less indented entries that follow it as its own.
 *
 * ```yaml
 * containers:
 *   - name: a
 *     args:
 *       -
 *   - name: b        # js-yaml 4.3.2: args is [null, {name: b}], one container
 * ```
 *
 * In `readBlockSequence()` (js-yaml 4 `lib/loader.js`) an empty entry is pushed and the loop goes
 * on without the `lineIndent < nodeIndent` check that ends the sequence after other entries. No
 * node is read for the empty entry, so the listener never sees it; it sees the entry taken in:
 * a sequence entry whose `-` is not to the right of the `-` of the entry it is read inside. In
 * YAML an entry's content is more indented than its `-` (YAML 1.2 section 8.2.1), so that never
 * happens in a correct reading: the text is refused rather than read wrong.
 */

/** What the guard reads of js-yaml's state (js-yaml 4 `lib/loader.js`, `State`). */
export interface EntryState {
  readonly position: number;
  readonly lineStart: number;
  readonly line: number;
}

/** Thrown from the listener, out of js-yaml, at an entry js-yaml would misread. */
export class YamlEntryMisread extends Error {
  /**
   * @param line the entry's line, counting from 1
   * @param column the column of its `-`, counting from 1
   * @param lineStart where its line starts in the text
   */
  constructor(public readonly line: number, column: number, public readonly lineStart: number) {
    super(`YAML cannot be read (line ${line}): the sequence entry at line ${line}, column ${column} follows an empty entry ("-" alone on its line) `
      + 'of a more indented sequence, and the reader (js-yaml 4) would read it into that sequence: write the empty entry as "- null"');
  }
}

const SPACE = 0x20;
const TAB = 0x09;
const DASH = 0x2d;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The block sequence entries open around the node being read, from the listener's events: the
 * column of each one's `-` and the depth of its node.
 */
export class EmptyEntryGuard {
  private readonly columns: number[] = [];
  private readonly depths: number[] = [];
  private lastOpen = -1;

  constructor(private readonly text: string) {}

  /** A node begins at `depth`. */
  public open(state: EntryState, depth: number): void {
    const position = state.position;
    // Several nodes open at one place (a mapping and its first key): only the first is an entry.
    if (position === this.lastOpen) { return; }
    this.lastOpen = position;
    const column = this.dashColumn(position, state.lineStart);
    if (column < 0) { return; }
    const top = this.columns.length - 1;
    if (top >= 0 && column <= this.columns[top]) { throw new YamlEntryMisread(state.line + 1, column + 1, state.lineStart); }
    this.columns.push(column);
    this.depths.push(depth);
  }

  /** The node at `depth` ends. */
  public close(depth: number): void {
    const top = this.depths.length - 1;
    if (top >= 0 && this.depths[top] === depth) {
      this.columns.pop();
      this.depths.pop();
    }
  }

  /**
   * The column of the `-` of a block sequence entry whose node begins at `position`, or -1: a `-`
   * before it on its line, after space or at the line's start; or, for a node at the start of its
   * line, a `-` alone on the line before it (blank lines between), as in `-\n  - x`. A `-` with a
   * comment after it is not seen there: the guard then lets that one entry through unchecked.
   */
  private dashColumn(position: number, lineStart: number): number {
    const text = this.text;
    let i = position - 1;
    while (i >= lineStart && isBlank(text.charCodeAt(i))) { i--; }
    if (i >= lineStart) {
      if (i === position - 1 || text.charCodeAt(i) !== DASH) { return -1; }
      return i === lineStart || isBlank(text.charCodeAt(i - 1)) ? i - lineStart : -1;
    }
    while (i >= 0 && (isBlank(text.charCodeAt(i)) || text.charCodeAt(i) === LF || text.charCodeAt(i) === CR)) { i--; }
    if (i < 0 || text.charCodeAt(i) !== DASH) { return -1; }
    let start = i - 1;
    while (start >= 0 && isBlank(text.charCodeAt(start))) { start--; }
    return start < 0 || text.charCodeAt(start) === LF || text.charCodeAt(start) === CR ? i - start - 1 : -1;
  }
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}
