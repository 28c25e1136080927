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
  return `${JSON.stringify(report, undefined, 2)}\n`;
}
