/**
 * Text from a manifest, made safe for the markup of an output format. A manifest is input the
 * command did not write: a name holding `<script>` must not run in the HTML page, one holding `|`
 * must not split a Markdown table cell, and control characters (ANSI escapes, `\n`, bidi
 * overrides) are shown as escapes (`forTerminal`) in every format but JSON.
 */
import { forTerminal } from '../private/terminal';

const HTML_ENTITIES: { [char: string]: string } = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` for HTML element content or a quoted attribute value: control characters made visible, `& < > " '` as entities. */
export function htmlText(text: string): string {
  return forTerminal(text).replace(/[&<>"']/g, char => HTML_ENTITIES[char]);
}

/**
 * `text` for GitHub- or GitLab-flavoured Markdown, in a paragraph, a list item, a table cell or
 * an HTML block such as `<summary>`: HTML as entities, and every character Markdown gives a
 * meaning (`|` of tables, backticks of code, `\`, emphasis, links, headings) as a numeric
 * character reference, which Markdown shows as the character and never reads as markup (a
 * backslash escape of `|` is not enough: `\\|` still ends a table cell in some renderers).
 */
export function markdownText(text: string): string {
  return forTerminal(text).replace(/[&<>"|`\\*_[\]~#]/g, char => HTML_ENTITIES[char] ?? `&#${char.charCodeAt(0)};`);
}
