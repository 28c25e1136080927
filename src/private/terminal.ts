/**
 * Text from a manifest, made safe to print on a terminal.
 *
 * A manifest is input the command did not write: a `metadata.name` holding `\x1b[2J` clears the
 * screen, one holding `\n` forges a table row, and bidi overrides (U+202E) reorder what is
 * shown. `forTerminal` writes every such character as an escape a reader can see.
 */

const SHORT: { [char: string]: string } = {
  '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\0',
};

/**
 * C0 controls (ESC starts every ANSI sequence), DEL, C1 controls (U+009B is a one-character
 * CSI), the Unicode line and paragraph separators, and the bidi embeddings, overrides and
 * isolates.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character written as `\n`, `\t`, `\x1b` or `\u202e`. */
export function forTerminal(text: string): string {
  return String(text).replace(UNSAFE, char => {
    const short = SHORT[char];
    if (short) { return short; }
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
