/**
 * Findings that exist because of a job's recorded decisions (`decisions.ts`): a ResourcePolicy it
 * was given to that places none of its pods, and an ECI size it wastes more of than its threshold.
 * They read the planned job and its decisions, never a construct.
 */
import { formatPercent as percent } from '../../private/units';
import { DecisionProblem, DEFAULT_UNUSED_SHARE_WARNING, JobDecisions } from '../decisions';
import { JobPlanModel, PlanProblem, ProblemCode, ProblemSeverity, RolePlanModel } from '../planner';
import { describeRef, PolicyModel } from '../resource-policies';

/** The problems a job's decisions lead to, in a stable order. */
export function decidedProblems(
  job: JobPlanModel, decisions: JobDecisions, decisionProblems: readonly DecisionProblem[], policies: readonly PolicyModel[],
): PlanProblem[] {
  const out: PlanProblem[] = decisionProblems.map(p => ({
    code: ProblemCode.DECISION_INVALID,
    severity: ProblemSeverity.ERROR,
    job: job.app.ref,
    field: `metadata.annotations["${p.key}"]`,
    allowed: p.allowed,
    got: p.got,
  }));
  out.push(...policyProblems(job, decisions, policies));
  for (const role of [job.driver, job.executor]) {
    const threshold = decisions.unusedShareWarning[role.role.role] ?? DEFAULT_UNUSED_SHARE_WARNING;
    const problem = unusedShareProblem(job, role, threshold);
    if (problem) { out.push(problem); }
  }
  return out;
}

/** A policy the job was given to must place some of its pods (`ResourcePolicyUnits.addJob()`, `checkCapacity()`). */
function policyProblems(job: JobPlanModel, decisions: JobDecisions, policies: readonly PolicyModel[]): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const { policy } of decisions.resourcePolicies) {
    const governs = [job.driver, job.executor].some(r => r.policy && `${r.policy.ref.namespace}/${r.policy.ref.name}` === policy);
    if (governs) { continue; }
    const namespace = policy.slice(0, policy.indexOf('/'));
    const name = policy.slice(policy.indexOf('/') + 1);
    const ref = { kind: 'ResourcePolicy', namespace, name };
    if (namespace !== job.app.ref.namespace) {
      // ACK: a ResourcePolicy selects pods in its own namespace only.
      out.push({ code: ProblemCode.POLICY_IN_OTHER_NAMESPACE, severity: ProblemSeverity.ERROR, job: job.app.ref, objects: [ref], detail: namespace });
      continue;
    }
    const executors = job.executor.role.count;
    const launches = `${describeRef(job.app.ref)} launches ${1 + executors} pods (1 driver + ${executors} executor${executors === 1 ? '' : 's'})`;
    const selector = policies.find(p => p.ref.namespace === namespace && p.ref.name === name)?.selector ?? {};
    out.push({
      code: ProblemCode.POLICY_PLACES_NONE,
      severity: ProblemSeverity.ERROR,
      job: job.app.ref,
      objects: [ref],
      detail: `${launches}, but ResourcePolicy ${policy} places none of them: its selector must match the job's pods, `
        + 'and no other policy may select them first; fix the selector or drop the job from the policy '
        + `(got selector ${JSON.stringify(selector)})`,
    });
  }
  return out;
}

/** The warning for a role that may run on ECI and leaves more of its billed size unused than `threshold`. */
function unusedShareProblem(job: JobPlanModel, role: RolePlanModel, threshold: number): PlanProblem | undefined {
  if (threshold <= 0 || role.eciPods.atMost === 0) { return undefined; }
  const fit = role.role.fit.eciFit;
  if (!fit.fits || fit.billed === undefined || fit.unusedShare === undefined || fit.unusedShare <= threshold) { return undefined; }
  const count = role.role.count;
  const onEci = role.eciPods.atMost;
  const name = role.role.role;
  const pods = onEci < count ? `${onEci} of the ${count} ${name} pods` : `${count} ${name} pod${count === 1 ? '' : 's'}`;
  const billed = fit.billed;
  const specs = role.role.fit.instanceSpecs;
  const change = fit.suggestion ?? (specs && specs.length > 0
    ? `the instance specs given (${specs.join(',')}) decide the size; put a smaller one that fits first`
    : `no smaller ECI size fits a pod of ${fit.podCpuMillis / 1000} vCPU / ${fit.podMemoryMebibytes} MiB`);
  return {
    code: ProblemCode.ECI_UNUSED_SHARE,
    severity: ProblemSeverity.WARNING,
    job: job.app.ref,
    role: name,
    detail: `${pods} may run on ECI, billed as ${billed} (${billed.vcpu} vCPU / ${billed.memoryGibibytes} GiB`
      + `${role.role.fit.spot ? ', spot' : ''}) with ${percent(fit.unusedShare)} of it unused (vCPU ${percent(fit.unusedVcpuShare!)}, `
      + `memory ${percent(fit.unusedMemoryShare!)}), above the ${percent(threshold)} threshold: ${change}.`,
  };
}
