/**
 * The verdict on each finding of a planned job: an error, a warning, or accepted. The planner
 * says what happens (pods Pending and why, problems with their own severity); the job's recorded
 * decisions (`decisions.ts`), or the front end's defaults, say how bad it is. Every front end
 * (synthesis, `plan`, the plugin, the testing kit) asks here, so they give one verdict.
 */
import { DecisionDefaults, JobDecisions, PendingPods } from './decisions';
import { PendingGroup, PendingReasonCode, PlanProblem, ProblemCode, ProblemSeverity } from './planner';

/** How bad a finding is, once the decisions are applied. */
export enum Verdict {
  /** Synthesis fails, `plan` exits 1, the plugin fails the synth. */
  ERROR = 'ERROR',
  /** Reported, and nothing fails. */
  WARNING = 'WARNING',
  /** Accepted by the user's decision: counted, not reported. */
  ALLOWED = 'ALLOWED',
}

/** Pending reasons that are about capacity (caps, budgets, quota): `pendingPods` decides; others are `unschedulablePods`'. */
export const CAPACITY_REASONS: readonly PendingReasonCode[] = [
  PendingReasonCode.UNIT_CAPS, PendingReasonCode.SHARED_BUDGET, PendingReasonCode.UNIT_REFUSES, PendingReasonCode.QUOTA, PendingReasonCode.QUEUE,
];

/** Whether pods are Pending for lack of capacity (which `pendingPods` decides), not for good. */
export function isCapacity(group: PendingGroup): boolean {
  return CAPACITY_REASONS.includes(group.reason.code);
}

function verdictOf(choice: PendingPods): Verdict {
  return choice === PendingPods.ERROR ? Verdict.ERROR : choice === PendingPods.WARN ? Verdict.WARNING : Verdict.ALLOWED;
}

/** The choice for Pending pods that a policy's capacity keeps waiting. */
function capacityChoice(decisions: JobDecisions, defaults: DecisionDefaults, policy?: string): PendingPods {
  const byPolicy = policy === undefined ? undefined : decisions.resourcePolicies.find(p => p.policy === policy)?.pendingPods;
  return byPolicy ?? decisions.pendingPods ?? defaults.pendingPods;
}

/** The verdict on a run of Pending pods. */
export function pendingVerdict(group: PendingGroup, decisions: JobDecisions, defaults: DecisionDefaults): Verdict {
  if (isCapacity(group)) {
    const policy = group.reason.policy && `${group.reason.policy.namespace}/${group.reason.policy.name}`;
    return verdictOf(capacityChoice(decisions, defaults, policy));
  }
  return verdictOf(decisions.unschedulablePods ?? defaults.unschedulablePods);
}

/** The verdict on a problem: its own severity, except where it is about capacity the user may accept. */
export function problemVerdict(problem: PlanProblem, decisions: JobDecisions, defaults: DecisionDefaults): Verdict {
  if (problem.code === ProblemCode.QUOTA_EXCEEDS_MAX) {
    // Pods held back by quota are Pending for lack of capacity, as under a unit's max.
    return verdictOf(capacityChoice(decisions, defaults));
  }
  if (problem.code === ProblemCode.POLICY_PLACES_NONE) {
    const policy = problem.objects?.[0] && `${problem.objects[0].namespace}/${problem.objects[0].name}`;
    return verdictOf(capacityChoice(decisions, defaults, policy));
  }
  return problem.severity === ProblemSeverity.ERROR ? Verdict.ERROR : Verdict.WARNING;
}
