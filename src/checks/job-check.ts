/**
 * A job's (or another object's) findings as synthesis reports them: the model's verdicts
 * (`verdicts.ts`: the job's decisions over the defaults), phrased by the model's shared phrasing
 * with the construct's prop names, plus the advice a construct's user needs (which prop to
 * change). Nothing here decides anything the `plan` command does not decide the same way.
 */
import { DecisionDefaults, NO_DECISIONS } from '../model/decisions';
import { describeJobPending, describeProblem, FieldNamer, PROP_FIELD_NAMER, yamlFieldNamer } from '../model/describe';
import { describePendingFix } from '../model/describe-fix';
import { JobPlanModel, ObjectProblems, PendingGroup, PendingReasonCode, PlanProblem, ProblemCode } from '../model/planner';
import { describeRef } from '../model/resource-policies';
import { isCapacity, pendingVerdict, problemVerdict, Verdict } from '../model/verdicts';

/** What one owner reports: errors fail synthesis, warnings are printed once. */
export interface OwnerMessages {
  readonly errors: string[];
  readonly warnings: string[];
}

/** Problems whose fields are YAML paths even at synthesis: the API server's, named as it names them. */
const YAML_PATH_CODES: readonly ProblemCode[] = [ProblemCode.API_SERVER_REFUSES, ProblemCode.DUPLICATE_OBJECT, ProblemCode.DECISION_INVALID];

/** Problems whose message names the object already (a warning of another problem starts with the object). */
const NAMES_THE_JOB: readonly ProblemCode[] = [ProblemCode.POLICY_PLACES_NONE, ProblemCode.POLICY_IN_OTHER_NAMESPACE, ProblemCode.DUPLICATE_OBJECT];

/** What to do about Pending pods, in a construct's props. */
export function advice(group: PendingGroup, capacity: boolean = isCapacity(group)): string {
  if (group.reason.code === PendingReasonCode.QUOTA || group.reason.code === PendingReasonCode.QUEUE) {
    return `${describePendingFix(group.reason.code, group.role, PROP_FIELD_NAMER)} Or pass PendingPods.ALLOW.`;
  }
  if (capacity) {
    return group.role === 'executor'
      ? `Raise a unit's max, lower ${group.dynamicAllocation ? 'dynamicAllocation.maxExecutors' : 'executor.instances'}, or pass PendingPods.ALLOW.`
      : 'Raise a unit\'s max, or pass PendingPods.ALLOW.';
  }
  return 'These pods can never start: fix the placement or the size, or pass unschedulablePods: PendingPods.ALLOW.';
}

/** How a problem names its field: as a prop of the construct that owns the object, else as a YAML path. */
function namerFor(problem: PlanProblem, owned: boolean): FieldNamer {
  if (!owned) { return yamlFieldNamer(problem.job); }
  return YAML_PATH_CODES.includes(problem.code) ? field => field : PROP_FIELD_NAMER;
}

/** One problem with its verdict, as an error or a warning of the construct. */
function problemMessage(
  job: JobPlanModel | undefined, problem: PlanProblem, verdict: Verdict, prefix: string, owned: boolean, out: OwnerMessages,
): void {
  if (verdict === Verdict.ALLOWED) { return; }
  const text = describeProblem(problem, namerFor(problem, owned));
  if (problem.code === ProblemCode.GANG_UNREACHABLE && job?.gang && job.gang.members.length === 1 && job.gang.members[0] === 'executor') {
    out.errors.push(`${prefix}${text}. Set gang.minAvailable to at most ${job.gang.placeable}, or give the Pending pods room.`);
    return;
  }
  if (problem.code === ProblemCode.QUOTA_EXCEEDS_MAX) {
    const accept = verdict === Verdict.ERROR ? '. Pass pendingPods: PendingPods.WARN to accept it.' : '';
    (verdict === Verdict.ERROR ? out.errors : out.warnings).push(`${prefix}${describeRef(problem.job)}: ${text}${accept}`);
    return;
  }
  if (problem.code === ProblemCode.ECI_UNUSED_SHARE) {
    out.warnings.push(`${prefix}${describeRef(problem.job)}: ${text} Set unusedShareWarning: 0 on the placement to silence this.`);
    return;
  }
  if (verdict === Verdict.ERROR) {
    out.errors.push(`${prefix}${text}`);
  } else {
    out.warnings.push(`${prefix}${NAMES_THE_JOB.includes(problem.code) ? '' : `${describeRef(problem.job)}: `}${text}`);
  }
}

/**
 * A job's findings, with its verdicts, as synthesis reports them.
 *
 * @param owned whether a library construct owns the job (fields are then named as its props)
 */
export function jobMessages(job: JobPlanModel, defaults: DecisionDefaults, prefix: string, owned: boolean): OwnerMessages {
  const out: OwnerMessages = { errors: [], warnings: [] };
  for (const group of [...job.driver.pending, ...job.executor.pending]) {
    const verdict = pendingVerdict(group, job.decisions, defaults);
    if (verdict === Verdict.ALLOWED) { continue; }
    const text = `${prefix}${describeJobPending(job.app.ref, job.executor.role.count, group)} ${advice(group)}`;
    (verdict === Verdict.ERROR ? out.errors : out.warnings).push(text);
  }
  for (const problem of job.problems) {
    problemMessage(job, problem, problemVerdict(problem, job.decisions, defaults), prefix, owned, out);
  }
  return out;
}

/** The findings about an object that is not a job. */
export function objectMessages(object: ObjectProblems, defaults: DecisionDefaults, prefix: string, owned: boolean): OwnerMessages {
  const out: OwnerMessages = { errors: [], warnings: [] };
  for (const problem of object.problems) {
    problemMessage(undefined, problem, problemVerdict(problem, NO_DECISIONS, defaults), prefix, owned, out);
  }
  return out;
}
