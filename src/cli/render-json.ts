/**
 * The `json` format of the `plan` command (`--format json`, or `--json`): the report as it is,
 * the schema documented in docs/plan-json.md.
 */
import { PlanReport } from '../model/plan';

/**
 * The report as pretty-printed JSON, with a trailing newline. Text from the manifests is kept as
 * it is (JSON escapes control characters itself), and fields this version does not know are kept.
 */
export function renderJson(report: PlanReport): string {
  return Array.from(jsonChunks(report)).join('');
}

/**
 * `renderJson()`'s text in pieces, byte for byte the same as `JSON.stringify(report, undefined,
 * 2)` with a newline: one piece per element of the report's top-level lists (its jobs, policies,
 * problems...). The command writes them one at a time, so 10,000 jobs never become one 44 MB
 * string and its 44 MB write buffer at once (issue #17: ~95 MiB of the plan's peak RSS).
 */
export function* jsonChunks(report: PlanReport): Generator<string> {
  // Only the keys JSON.stringify writes: undefined, functions and symbols are left out.
  const entries = Object.entries(report as unknown as { [key: string]: unknown })
    .filter(([, value]) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol');
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (const [i, [key, value]] of entries.entries()) {
    const prefix = `  ${JSON.stringify(key)}: `;
    if (Array.isArray(value) && value.length > 0) {
      yield `${prefix}[\n`;
      for (const [j, item] of value.entries()) {
        yield `    ${indent(stringify(item), '    ')}${j < value.length - 1 ? ',' : ''}\n`;
      }
      yield '  ]';
    } else {
      yield `${prefix}${indent(stringify(value), '  ')}`;
    }
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}\n';
}

/** An element as JSON.stringify writes it inside a list (`null` for what it cannot write). */
function stringify(value: unknown): string {
  return JSON.stringify(value, undefined, 2) ?? 'null';
}

/** Indents every line but the first (JSON strings escape their newlines, so every `\n` is a line break). */
function indent(json: string, by: string): string {
  return json.replace(/\n/g, `\n${by}`);
}
