/**
 * Text from a manifest, made safe for where it is shown: the one place every front end (the
 * `plan` command's formats, the cdk8s plugin's report) escapes what it did not write.
 *
 * A manifest is input the library did not write: a `metadata.name` holding `\x1b[2J` clears the
 * screen, one holding `\n` forges a table row, bidi overrides (U+202E) reorder what is shown, a
 * name holding `<script>` must not run in the HTML page, one holding `|` must not split a Markdown
 * table cell, and one holding `@team` must not notify a team when the plan is posted as a
 * pull-request comment.
 *
 * - `forTerminal`: control characters written as escapes a reader can see; every format but JSON
 *   (and the plugin's violations, which cdk8s-cli prints on the terminal) goes through it.
 * - `htmlText`: that, and `& < > " '` as entities.
 * - `markdownText`: that, every character Markdown gives a meaning as a character reference, and
 *   `@mentions` made inert.
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

const HTML_ENTITIES: { [char: string]: string } = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` for HTML element content or a quoted attribute value: control characters made visible, `& < > " '` as entities. */
export function htmlText(text: string): string {
  return forTerminal(text).replace(/[&<>"']/g, char => HTML_ENTITIES[char]);
}

/**
 * An `@` that GitHub and GitLab read as a mention: at the start or after a character that is not
 * a letter, digit or `_`, and before a letter or digit (`@team`, `(@user)`), not in `a@b.example`
 * or `image@sha256:...`.
 */
const MENTION = /(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g;

/**
 * `text` for GitHub- or GitLab-flavoured Markdown, in a paragraph, a list item, a table cell or
 * an HTML block such as `<summary>`: HTML as entities, every character Markdown gives a meaning
 * (`|` of tables, backticks of code, `\`, emphasis, links, headings) as a numeric character
 * reference, which Markdown shows as the character and never reads as markup (a backslash escape
 * of `|` is not enough: `\|` still ends a table cell in some renderers), and a zero-width space
 * (`&#8203;`) after the `@` of a mention. A character reference alone does not stop a mention:
 * the mention is found in the rendered text, where `&#64;` is `@` again; the zero-width space is
 * what Dependabot and Renovate write into the release notes they quote for the same reason.
 */
export function markdownText(text: string): string {
  return forTerminal(text)
    .replace(/[&<>"|`\\*_[\]~#]/g, char => HTML_ENTITIES[char] ?? `&#${char.charCodeAt(0)};`)
    .replace(MENTION, '$1@&#8203;');
}
