/**
 * The start every HTML report of the `plan` command shares, up to `<body>`: no script and nothing
 * fetched (a Content-Security-Policy that allows inline style only), so the page is whole as it
 * is, even if an escape were missed. The title goes through `htmlText`.
 */
import { htmlText } from '../private/escape';

/** The lines of the page before its body: doctype, head (charset, policy, viewport, title, style), `<body>`. */
export function htmlPageStart(title: string, style: string): string[] {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
  ];
}
