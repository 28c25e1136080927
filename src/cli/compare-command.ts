/**
 * `cdk8s-spark-eci plan --compare BEFORE AFTER`: plans both sides with the one planner
 * (`planManifests()`, the same prices for both) and prints the diff (`diffPlans()`, in
 * src/model/plan-diff.ts) in one of the plan's formats. Exit code 1 when the change adds Pending
 * pods or `ERROR` problems to some job, 0 otherwise, even when both sides have some.
 */
import { OutputFormat } from './render';
import { DIFF_RENDERERS } from './render-diff';
import { CostModel } from '../model/cost-model';
import { ManifestFile, planManifests } from '../model/plan';
import { diffPlans, PlanDiff } from '../model/plan-diff';

/** What a report mode of the command prints and how it exits. */
export interface ModeResult {
  /** The text, in pieces written one after the other. */
  readonly chunks: Iterable<string>;
  readonly exitCode: number;
  /** What was printed, for the `--output` line: `diff`, `schedule`. */
  readonly noun: string;
  /** ` (adds 1 Pending pod: exit code 1)`, or `''`. */
  readonly findings: string;
}

/** Exit code of `plan --compare`: 1 when the change adds Pending pods or errors. */
export function compareExitCode(diff: PlanDiff): number {
  return diff.addsPendingOrErrors ? 1 : 0;
}

/**
 * Plans BEFORE and AFTER and renders their diff.
 *
 * @param before the manifests before the change
 * @param after the manifests after it
 */
export function runCompare(
  before: readonly ManifestFile[], after: readonly ManifestFile[], options: { readonly costModel?: CostModel; readonly format: OutputFormat },
): ModeResult {
  const diff = diffPlans(planManifests(before, { costModel: options.costModel }), planManifests(after, { costModel: options.costModel }));
  const t = diff.totals;
  const parts = [
    ...(t.pendingPodsAdded > 0 ? [`adds ${t.pendingPodsAdded} Pending pod${t.pendingPodsAdded === 1 ? '' : 's'}`] : []),
    ...(t.errorsAdded > 0 ? [`adds ${t.errorsAdded} error${t.errorsAdded === 1 ? '' : 's'}`] : []),
  ];
  return {
    chunks: [DIFF_RENDERERS[options.format](diff)],
    exitCode: compareExitCode(diff),
    noun: 'diff',
    findings: diff.addsPendingOrErrors ? ` (${parts.join(', ')}: exit code 1)` : '',
  };
}
