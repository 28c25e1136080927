/**
 * A job's synth-time findings from the one planner, turned into errors and warnings with the
 * severities the user chose. The planner's structured results are phrased by the model's shared
 * phrasing with the job's prop names; nothing is decided here that the `plan` command does not
 * decide the same way from the YAML.
 */
import { IConstruct } from 'constructs';
import { appPlan, warnOnce } from './cluster-check';
import { PendingPods } from './pending-pods';
import { describeJobPending, describeProblem, PROP_FIELD_NAMER } from '../model/describe';
import { describePendingFix } from '../model/describe-fix';
import { ECI_FORCE_LABEL, mayRunOnEci, NodePlacement } from '../model/eci-scheduling';
import { JobPlanModel, PendingGroup, PendingReasonCode, ProblemCode, ProblemSeverity, RolePlanModel } from '../model/planner';
import { describeRef } from '../model/resource-policies';
import { formatPercent as percent } from '../private/units';

/** Pending reasons that are about capacity (caps, budgets, quota): `pendingPods` decides. */
const CAPACITY: readonly PendingReasonCode[] = [
  PendingReasonCode.UNIT_CAPS, PendingReasonCode.SHARED_BUDGET, PendingReasonCode.UNIT_REFUSES, PendingReasonCode.QUOTA, PendingReasonCode.QUEUE,
];

/** What the user chose for one job. */
export interface JobCheckSettings {
  /** Pods Pending for lack of capacity. */
  readonly pendingPods: PendingPods;
  /** Pods that can never start (no node, no ECI size, rejected by the scheduler). */
  readonly unschedulablePods: PendingPods;
  /** Per policy (`namespace/name`), what `addJob()` / `checkCapacity()` chose for capacity. */
  readonly pendingPodsByPolicy: ReadonlyMap<string, PendingPods>;
  /** Policies (`namespace/name`) that must place some of the job's pods. */
  readonly requiredPolicies: readonly string[];
  /** The placement each role was given, when it was given. */
  readonly declared: { readonly driver?: string; readonly executor?: string };
  /** Unused share of the billed ECI size above which to warn, per role (0: never). */
  readonly unusedShareWarning: { readonly driver: number; readonly executor: number };
}

/** The errors of a job; warnings are printed once. */
export function jobFindings(scope: IConstruct, apiObjectPath: string, settings: JobCheckSettings): string[] {
  const plan = appPlan(scope);
  const readError = plan.readErrorAt(apiObjectPath);
  if (readError !== undefined) { return [readError]; }
  const job = plan.jobAt(apiObjectPath);
  if (!job) { return []; }
  const errors: string[] = [];
  const report = (severity: PendingPods, text: string) => {
    if (severity === PendingPods.ERROR) { errors.push(text); }
    if (severity === PendingPods.WARN) { warnOnce(scope, text); }
  };

  const launches = `${describeRef(job.app.ref)} launches ${job.driver.role.count + job.executor.role.count} pods `
    + `(1 driver + ${job.executor.role.count} executor${job.executor.role.count === 1 ? '' : 's'})`;
  for (const group of [...job.driver.pending, ...job.executor.pending]) {
    if (group.reason.code === PendingReasonCode.GANG) { continue; } // GANG_UNREACHABLE below says it, as an error
    const capacity = isCapacity(group);
    const policyKey = group.reason.policy && `${group.reason.policy.namespace}/${group.reason.policy.name}`;
    const severity = capacity
      ? (policyKey !== undefined ? settings.pendingPodsByPolicy.get(policyKey) : undefined) ?? settings.pendingPods
      : settings.unschedulablePods;
    report(severity, `${describeJobPending(job.app.ref, job.executor.role.count, group)} ${advice(group, capacity)}`);
  }

  for (const problem of job.problems) {
    const text = describeProblem(problem, PROP_FIELD_NAMER);
    // ECI options on a role the user placed ECS only contradict what the user declared.
    const declaredEcsOnly = problem.code === ProblemCode.ECI_OPTIONS_NEVER_APPLY && settings.declared[problem.role!] === 'ECS_ONLY';
    if (problem.code === ProblemCode.GANG_UNREACHABLE && job.gang && job.gang.members.length === 1 && job.gang.members[0] === 'executor') {
      errors.push(`${text}. Set gang.minAvailable to at most ${job.gang.placeable}, or give the Pending pods room.`);
    } else if (problem.code === ProblemCode.QUOTA_EXCEEDS_MAX) {
      // Pods held back by quota are Pending for lack of capacity, as under a unit's max: the job's pendingPods decides.
      const accept = settings.pendingPods === PendingPods.ERROR ? '. Pass pendingPods: PendingPods.WARN to accept it.' : '';
      report(settings.pendingPods, `${describeRef(job.app.ref)}: ${text}${accept}`);
    } else if (problem.severity === ProblemSeverity.ERROR || declaredEcsOnly) {
      errors.push(text);
    } else {
      warnOnce(scope, `${describeRef(job.app.ref)}: ${text}`);
    }
  }

  for (const policy of settings.requiredPolicies) {
    const governs = [job.driver, job.executor].some(r => r.policy && `${r.policy.ref.namespace}/${r.policy.ref.name}` === policy);
    if (governs) { continue; }
    const policyNamespace = policy.slice(0, policy.indexOf('/'));
    if (policyNamespace !== job.app.ref.namespace) {
      errors.push(`namespace of job ${job.app.ref.name} must equal the ResourcePolicy's namespace "${policyNamespace}": `
        + `a policy only sees pods in its own namespace (got "${job.app.ref.namespace}")`);
      continue;
    }
    report(settings.pendingPodsByPolicy.get(policy) ?? settings.pendingPods,
      `${launches}, but ResourcePolicy ${policy} places none of them: its selector must match the job's pods, `
      + 'and no other policy may select them first; fix the selector or drop the job from the policy '
      + `(got selector ${JSON.stringify(plan.plan.policies.find(p => `${p.ref.namespace}/${p.ref.name}` === policy)?.selector ?? {})})`);
  }

  for (const role of [job.driver, job.executor]) {
    errors.push(...declaredPlacementProblems(role, settings.declared[role.role.role]));
    const forced = role.role.scheduling.labels[ECI_FORCE_LABEL];
    if (settings.declared[role.role.role] === 'RESOURCE_POLICY' && role.policy === undefined && forced !== undefined) {
      // Placed for a policy that is not (yet) in the app: the label would still override it.
      errors.push(describeProblem({
        code: ProblemCode.ECI_LABEL_UNDER_POLICY,
        severity: ProblemSeverity.ERROR,
        job: job.app.ref,
        role: role.role.role,
        field: `${role.role.role}.labels`,
        detail: forced,
      }, PROP_FIELD_NAMER));
    }
    const threshold = settings.unusedShareWarning[role.role.role];
    const warning = unusedShareWarning(job, role, threshold);
    if (warning) { warnOnce(scope, warning); }
  }
  return errors;
}

/** Whether pods are Pending for lack of capacity (which `pendingPods` decides), not for good. */
export function isCapacity(group: PendingGroup): boolean {
  return CAPACITY.includes(group.reason.code);
}

/** What to do about Pending pods. */
export function advice(group: PendingGroup, capacity: boolean = isCapacity(group)): string {
  if (group.reason.code === PendingReasonCode.QUOTA || group.reason.code === PendingReasonCode.QUEUE) {
    return `${describePendingFix(group.reason.code, group.role, PROP_FIELD_NAMER)} Or pass PendingPods.ALLOW.`;
  }
  if (capacity) {
    return group.role === 'executor'
      ? 'Raise a unit\'s max, lower executor.instances, or pass PendingPods.ALLOW.'
      : 'Raise a unit\'s max, or pass PendingPods.ALLOW.';
  }
  return 'These pods can never start: fix the placement or the size, or pass unschedulablePods: PendingPods.ALLOW.';
}

/** A role placed ECS only whose rendered pods may still land on ECI. */
function declaredPlacementProblems(role: RolePlanModel, declared: string | undefined): string[] {
  if (declared !== 'ECS_ONLY' || role.policy !== undefined) { return []; }
  if (!mayRunOnEci(role.nodes.placement)) { return []; }
  return [`${role.role.role}.tolerations must not tolerate the ECI taint on a role placed ECS only (EciPlacement.ecsOnly()): `
    + 'remove the toleration, or place the role with EciPlacement.ecsFirst() '
    + `(got tolerations that let the pods run ${role.nodes.placement === NodePlacement.ECI_ONLY ? 'on ECI only' : 'on ECS or ECI'})`];
}

/** The unused-share warning for one role, or undefined when it wastes no more than `threshold`. */
function unusedShareWarning(job: JobPlanModel, role: RolePlanModel, threshold: number): string | undefined {
  if (threshold <= 0 || role.eciPods.atMost === 0) { return undefined; }
  const fit = role.role.fit.eciFit;
  if (!fit.fits || fit.billed === undefined || fit.unusedShare === undefined || fit.unusedShare <= threshold) { return undefined; }
  const count = role.role.count;
  const onEci = role.eciPods.atMost;
  const pods = onEci < count
    ? `${onEci} of the ${count} ${role.role.role} pods`
    : `${count} ${role.role.role} pod${count === 1 ? '' : 's'}`;
  const billed = fit.billed;
  const specs = role.role.fit.instanceSpecs;
  const change = fit.suggestion ?? (specs && specs.length > 0
    ? `the instance specs given (${specs.join(',')}) decide the size; put a smaller one that fits first`
    : `no smaller ECI size fits a pod of ${fit.podCpuMillis / 1000} vCPU / ${fit.podMemoryMebibytes} MiB`);
  return `${describeRef(job.app.ref)}: ${pods} may run on ECI, billed as ${billed} (${billed.vcpu} vCPU / ${billed.memoryGibibytes} GiB`
    + `${role.role.fit.spot ? ', spot' : ''}) with ${percent(fit.unusedShare)} of it unused (vCPU ${percent(fit.unusedVcpuShare!)}, `
    + `memory ${percent(fit.unusedMemoryShare!)}), above the ${percent(threshold)} threshold: ${change}. `
    + 'Set unusedShareWarning: 0 on the placement to silence this.';
}


