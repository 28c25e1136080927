/**
 * A guard against a js-yaml 4 misreading: a block sequence whose entry is empty (`-` and nothing
 * after it on the line) takes the less indented entries that follow it as its own.
 *
 * ```yaml
 * containers:
 *   - name: a
 *     args:
 *       -
 *   - name: b        # js-yaml 4.1 to 4.3: args is [null, {name: b}], one container
 * ```
 *
 * In `readBlockSequence()` (js-yaml 4 `lib/loader.js`) an empty entry is pushed and the loop goes
 * on without the `lineIndent < nodeIndent` check that ends the sequence after other entries, and
 * the loop reads any line that begins with `- ` as its next entry, however far left. So the
 * misreading happens exactly where an empty entry is followed (blank and comment lines between)
 * by a line whose `-` is further left; in YAML that line belongs to an outer sequence (an entry's
 * content is more indented than its `-`, YAML 1.2 section 8.2.1). The text is scanned for that
 * shape; a `-` line inside a scalar (a block scalar's text, a plain scalar's continuation) is no
 * entry, so the scan's finds are kept only where js-yaml read no scalar (`ScalarSpans`). Such
 * text is refused rather than read wrong; js-yaml 5.5 fixed the loop, but is slower and larger.
 */

/** Why a text is refused where js-yaml would misread: the entry at `line` (its `-` at `column`, both counting from 1). */
export function emptyEntryMisread(line: number, column: number): string {
  return `YAML cannot be read (line ${line}): the sequence entry at line ${line}, column ${column} follows an empty entry ("-" alone on its line) `
    + 'of a more indented sequence, and the reader (js-yaml 4) would read it into that sequence: write the empty entry as "- null"';
}

/** An empty entry followed by an entry further left: where js-yaml misreads, if both are entries. */
export interface EmptyEntryHazard {
  /** Where the empty entry's `-` is in the text. */
  readonly emptyDash: number;
  /** Where the following entry's `-` is. */
  readonly dash: number;
  /** Where the following entry's line starts. */
  readonly lineStart: number;
}

/**
 * A line whose last `-` is an empty entry: indentation, compact entries before it (`- - `), the
 * `-`, then nothing but blanks and a comment (a `#` after a blank, else it is a plain scalar).
 */
const EMPTY_ENTRY_LINE = /^ *(?:-[ \t]+)*-(?:[ \t]+(?:#[^\n]*)?)?\r?$/gm;
/** A line that is blank or a comment alone. */
const NOTHING_LINE = /^[ \t]*(?:#[^\n]*)?\r?$/;
/** A line that begins a block sequence entry: indentation, `-`, then a blank or the line's end. */
const ENTRY_LINE = /^( *)-(?:[ \t]|\r?$)/;

/** Every empty entry in `text` followed by an entry further left, in text order. */
export function emptyEntryHazards(text: string): EmptyEntryHazard[] {
  const hazards: EmptyEntryHazard[] = [];
  EMPTY_ENTRY_LINE.lastIndex = 0;
  for (let m = EMPTY_ENTRY_LINE.exec(text); m !== null; m = EMPTY_ENTRY_LINE.exec(text)) {
    const emptyDash = m.index + m[0].lastIndexOf('-');
    const column = emptyDash - m.index;
    let at = m.index + m[0].length + 1;
    while (at < text.length) {
      const end = lineEnd(text, at);
      const line = text.slice(at, end);
      if (!NOTHING_LINE.test(line)) {
        const entry = ENTRY_LINE.exec(line);
        if (entry && entry[1].length < column) { hazards.push({ emptyDash, dash: at + entry[1].length, lineStart: at }); }
        break;
      }
      at = end + 1;
    }
    if (m[0].length === 0) { EMPTY_ENTRY_LINE.lastIndex++; }
  }
  return hazards;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/**
 * Where js-yaml read scalars, from its listener (each node that closes as a scalar, from where it
 * opened); kept only while hazards need it.
 */
export class ScalarSpans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly open: number[] = [];

  /** A node opens at `position`. */
  public opened(position: number): void {
    this.open.push(position);
  }

  /** The last node opened closes at `position`, as js-yaml's `kind` of node. */
  public closed(position: number, kind: string | null): void {
    const start = this.open.pop();
    // js-yaml opens and closes a node of no kind where it tries a node that is not there
    if (start === undefined || kind !== 'scalar') { return; }
    // scalars inside a scalar's span are js-yaml's tries: the outer span holds them
    while (this.starts.length > 0 && this.starts[this.starts.length - 1] >= start) {
      this.starts.pop();
      this.ends.pop();
    }
    this.starts.push(start);
    this.ends.push(position);
  }

  /** Whether `position` is inside a scalar read. */
  public contains(position: number): boolean {
    // spans are in text order and never overlap: the last one starting at or before `position`
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.starts[mid] <= position) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found >= 0 && position < this.ends[found];
  }
}

/**
 * The first hazard before `limit` where js-yaml misread: its empty entry is an entry (in no
 * scalar), so the entry after it was read into its sequence.
 */
export function firstMisread(hazards: readonly EmptyEntryHazard[], scalars: ScalarSpans, limit: number): EmptyEntryHazard | undefined {
  return hazards.find(h => h.dash < limit && !scalars.contains(h.emptyDash));
}
