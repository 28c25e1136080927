/**
 * The testing kit's view of a change: the diff of two scopes' plans (`diffPlans()`, the same
 * function `plan --compare` runs), and the assertion that the change adds no Pending pods and no
 * `ERROR` problems.
 */
import { IConstruct } from 'constructs';
import { CheckResult } from './plan-checks';
import { ScopePlan } from './scope-plan';
import { CostModel } from '../model/cost-model';
import { diffPlans, PlanDiff } from '../model/plan-diff';
import { checkArguments, CONSTRUCT_SHAPE } from '../private/props-shape';

/** The diff of the plans of two scopes, as `plan --compare --format json` prints it for their YAML. */
export function scopeDiff(before: IConstruct, after: IConstruct, prices?: CostModel): PlanDiff {
  // named as the caller wrote them, not both `scope`
  checkArguments('comparePlans()', ['before', before, CONSTRUCT_SHAPE], ['after', after, CONSTRUCT_SHAPE]);
  return diffPlans(new ScopePlan(before, prices).report, new ScopePlan(after, prices).report);
}

/** Passes when the change adds no Pending pods and no error to any job; the message lists each job that gets some. */
export function checkNoPendingPodsOrErrorsAdded(diff: PlanDiff): CheckResult {
  const lines = diff.jobs.filter(j => j.addsPendingOrErrors).map(job => {
    const what = [
      ...job.pendingReasons.filter(p => p.after > p.before).map(p => `${p.after - p.before} more ${p.role} pod${p.after - p.before === 1 ? '' : 's'} Pending (${p.code})`),
      ...job.problemsAdded.filter(p => p.severity === 'ERROR').map(p => `error ${p.code}${p.role === null ? '' : ` (${p.role})`}: ${p.message}`),
    ];
    return `  ${job.kind} ${job.namespace}/${job.name} (${job.change === 'ADDED' ? 'added' : 'changed'}): ${what.join('; ')}`;
  });
  return lines.length === 0
    ? { pass: true, message: 'expected the change to add Pending pods or errors, but it adds none' }
    : { pass: false, message: `expected the change to add no Pending pods and no errors, but:\n${lines.join('\n')}` };
}
