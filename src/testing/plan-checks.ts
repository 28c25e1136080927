/**
 * The checks of the testing kit, each a question put to the plan of a scope. A check returns
 * whether it passed and what was found, phrased for a failure: `SparkTesting` throws it, and the
 * jest matchers print it (the other message for `.not`). Every answer is read from the report of
 * `plan --json` or from the planner's model beside it; nothing is recomputed.
 */
import { PlannedPlacement } from './planned-placement';
import { plannedPlacementOf } from './planned-placement-internal';
import { checkRole, PlannedJob, PlannedRole, RoleName, ScopePlan } from './scope-plan';
import { ImageSource } from '../model/cold-start';
import { CostModel } from '../model/cost-model';
import { EciInstanceSize } from '../model/eci-instance-size';
import { PendingPlan } from '../model/plan';
import { ProblemCode } from '../model/planner';
import { describeValue, invalid } from '../private/errors';
import { formatPercent } from '../private/units';

/** What a check found. */
export interface CheckResult {
  readonly pass: boolean;
  /** Why the check fails, or (when it passes) why its negation (`.not`) fails. */
  readonly message: string;
}

/** Pending pods expected per job (`namespace/name`) and role: `{ 'spark/etl': { executor: 2 } }`. */
export interface ExpectedPendingPods {
  readonly [job: string]: { readonly [role: string]: number };
}

function pods(n: number): string {
  return `${n} pod${n === 1 ? '' : 's'}`;
}

function lines(items: readonly string[]): string {
  return items.map(i => `\n  ${i}`).join('');
}

function pendingLine(job: PlannedJob, p: PendingPlan): string {
  const dynamic = p.dynamicAllocation ? ', with dynamic allocation' : '';
  return `${job.label} ${p.role}: ${pods(p.count)} Pending (${p.reason.code}${dynamic}): ${p.message}`;
}

/** `the 24 pods of 7 jobs`. */
function totalPods(plan: ScopePlan): string {
  const t = plan.report.totals;
  return `the ${pods(t.pods)} of ${t.jobs} job${t.jobs === 1 ? '' : 's'}`;
}

/** `1 of the 24 pods of 7 jobs stays Pending`. */
function pendingOf(plan: ScopePlan): string {
  const pending = plan.report.totals.pendingPods;
  const t = plan.report.totals;
  return `${pending} of the ${t.pods} pod${t.pods === 1 ? '' : 's'} of ${t.jobs} job${t.jobs === 1 ? '' : 's'} ${pending === 1 ? 'stays' : 'stay'} Pending`;
}

/** Every pod of every job is placed: none stays Pending. */
export function checkNoPendingPods(plan: ScopePlan): CheckResult {
  const pending = plan.report.totals.pendingPods;
  if (pending === 0) {
    return { pass: true, message: `expected some pods to stay Pending, but all ${totalPods(plan)} are placed` };
  }
  const found = plan.jobs.flatMap(job => job.report.pending.map(p => pendingLine(job, p)));
  return { pass: false, message: `expected every pod to be placed, but ${pendingOf(plan)}:${lines(found)}` };
}

/** Exactly `total` pods stay Pending, over every job. */
export function checkPendingTotal(plan: ScopePlan, total: unknown): CheckResult {
  if (!(typeof total === 'number' && Number.isInteger(total) && total >= 0)) {
    invalid('pending pods', 'must be an integer >= 0', total);
  }
  const pending = plan.report.totals.pendingPods;
  const found = plan.jobs.flatMap(job => job.report.pending.map(p => pendingLine(job, p)));
  if (pending === total) {
    return { pass: true, message: `expected other than ${pods(total)} Pending, but ${pendingOf(plan)}${found.length > 0 ? ':' : ''}${lines(found)}` };
  }
  return {
    pass: false,
    message: `expected ${pods(total)} Pending, but ${pendingOf(plan)}${found.length > 0 ? ':' : ''}${lines(found)}`,
  };
}

/**
 * Exactly the Pending pods expected: per job and role, a count; every job and role left out
 * expects none.
 */
export function checkPendingPods(plan: ScopePlan, expected: unknown): CheckResult {
  // A JavaScript Map's entries are not its keys: it would read as "no Pending pods anywhere".
  if (typeof expected !== 'object' || expected === null || Array.isArray(expected) || expected instanceof Map) {
    invalid('expected', 'must be a map (a plain object) of "namespace/name" to a map of role to Pending pods, e.g. { "spark/etl": { "executor": 2 } }',
      expected instanceof Map ? `Map(${JSON.stringify(Object.fromEntries(expected))})` : expected);
  }
  const want = new Map<PlannedJob, Map<RoleName, number>>();
  for (const [id, roles] of Object.entries(expected as ExpectedPendingPods)) {
    const job = plan.job(id, 'expected key');
    if (typeof roles !== 'object' || roles === null || Array.isArray(roles) || roles instanceof Map) {
      invalid(`expected["${id}"]`, 'must be a map of role ("driver", "executor") to Pending pods', roles);
    }
    const byRole = new Map<RoleName, number>();
    for (const [role, count] of Object.entries(roles)) {
      const name = checkRole(role, `expected["${id}"] key`);
      if (!(typeof count === 'number' && Number.isInteger(count) && count >= 0)) {
        invalid(`expected["${id}"].${role}`, 'must be an integer >= 0', count);
      }
      byRole.set(name, count);
    }
    want.set(job, byRole);
  }
  const wrong: string[] = [];
  for (const job of plan.jobs) {
    for (const role of job.roles) {
      const expectedCount = want.get(job)?.get(role.name) ?? 0;
      const found = role.report.pendingPods;
      if (found === expectedCount) { continue; }
      const groups = job.report.pending.filter(p => p.role === role.name);
      const detail = groups.length === 0 ? 'every pod is placed' : groups.map(p => `${p.reason.code}: ${p.message}`).join('; ');
      wrong.push(`${job.label} ${role.name}: expected ${expectedCount} Pending, found ${found} (${detail})`);
    }
  }
  if (wrong.length === 0) {
    return { pass: true, message: `expected other Pending pods than ${describeValue(expected)}, but exactly those stay Pending` };
  }
  return { pass: false, message: `expected exactly the Pending pods ${describeValue(expected)}, but:${lines(wrong)}` };
}

function checkPlacementKind(kind: unknown): PlannedPlacement {
  const kinds = Object.values(PlannedPlacement) as string[];
  if (!kinds.includes(kind as string)) {
    invalid('placement', `must be a PlannedPlacement (${kinds.join(', ')})`, kind);
  }
  return kind as PlannedPlacement;
}

function describePlacement(role: PlannedRole): string {
  return `${role.report.placement}: ${role.report.placementText}`;
}

/** The role's pods are placed as `kind` says (ECS, ECI, either, a ResourcePolicy's units, nowhere). */
export function checkPlacement(plan: ScopePlan, job: unknown, role: unknown, kind: unknown): CheckResult {
  const wanted = checkPlacementKind(kind);
  const found = plan.role(job, role);
  const is = plannedPlacementOf(found.role.report.placement);
  const name = `${found.job.label} ${found.role.name}`;
  if (is === wanted) {
    return { pass: true, message: `expected ${name} not to be placed ${wanted}, but it is (${describePlacement(found.role)})` };
  }
  return { pass: false, message: `expected ${name} to be placed ${wanted}, found ${is} (${describePlacement(found.role)})` };
}

/** No driver asks for spot ECI where it may run on ECI (the plan's SPOT_DRIVER finding). */
export function checkNoSpotDriver(plan: ScopePlan): CheckResult {
  const found = plan.jobs.flatMap(job => job.report.problems
    .filter(p => p.code === ProblemCode.SPOT_DRIVER)
    .map(p => `${job.label} driver: ${p.message}`));
  if (found.length === 0) {
    return { pass: true, message: `expected a driver on spot ECI, but no driver of the ${plan.report.totals.jobs} jobs asks for spot where it may run on ECI` };
  }
  return { pass: false, message: `expected no driver on spot ECI, but:${lines(found)}` };
}

/**
 * Every role whose pods may run on ECI uses an image cache: the plan's cold start of the role
 * (`coldStart[].source`, the planner's one answer) is not `PULL`. ECI auto-matches a cache unless
 * `k8s.aliyun.com/eci-auto-imc` is `"false"`, and creates one on the first run when none matches
 * (DOMAIN.md §4), so only pods that turn matching off pull their image every time.
 */
export function checkImageCacheOnEci(plan: ScopePlan): CheckResult {
  const missing: string[] = [];
  let eciRoles = 0;
  let onFirstRun = 0;
  for (const job of plan.jobs) {
    for (const start of job.report.coldStart) {
      eciRoles++;
      if (start.source === ImageSource.CACHE_ON_FIRST_RUN) { onFirstRun++; }
      if (start.source !== ImageSource.PULL) { continue; }
      const onEci = job.report.roles.find(r => r.role === start.role)?.eciPods.atMost ?? 0;
      missing.push(`${job.label} ${start.role}: up to ${pods(onEci)} may run on ECI without an image cache: ${start.message}`);
    }
  }
  if (missing.length === 0) {
    const firstRun = onFirstRun === 0 ? '' : ` (${onFirstRun} of them create${onFirstRun === 1 ? 's' : ''} it on the first run)`;
    return { pass: true, message: `expected a role on ECI without an image cache, but all ${eciRoles} roles that may run on ECI have one${firstRun}` };
  }
  return { pass: false, message: `expected every role that may run on ECI to use an image cache, but:${lines(missing)}` };
}

function describeBilled(role: PlannedRole): string {
  const eci = role.report.eci;
  const r = role.report.request;
  const request = `${r.cpuMillis / 1000} vCPU / ${r.memoryMebibytes} MiB per pod`;
  if (eci === null) { return `its pods never run on ECI (${describePlacement(role)})`; }
  if (!eci.fits || eci.billed === null) { return `ECI cannot create its pods (${request}): ${eci.suggestion ?? 'no size fits'}`; }
  const unused = eci.unusedShare === null ? '' : `, ${formatPercent(eci.unusedShare)} unused`;
  return `billed as ${eci.billed}${eci.spot ? ' spot' : ''} (${request}${unused})`;
}

/** ECI bills each of the role's pods at `size` (`2-4Gi`). */
export function checkBilledSize(plan: ScopePlan, job: unknown, role: unknown, size: unknown): CheckResult {
  const found = plan.role(job, role);
  const wanted = EciInstanceSize.parse(size as string).toString();
  const billed = found.role.report.eci?.billed ?? null;
  const name = `${found.job.label} ${found.role.name}`;
  if (billed !== null && EciInstanceSize.parse(billed).toString() === wanted) {
    return { pass: true, message: `expected ${name} not to be billed as ${wanted}, but it is: ${describeBilled(found.role)}` };
  }
  return { pass: false, message: `expected ${name} to be billed as ${wanted} on ECI, but ${describeBilled(found.role)}` };
}

function money(value: number, plan: ScopePlan): string {
  const currency = plan.report.prices?.currency;
  return currency ? `${value} ${currency}` : String(value);
}

/** The ECI cost per hour of every pod that may run on ECI, together, stays below `bound`. */
export function checkCostBelow(plan: ScopePlan, prices: CostModel, bound: unknown): CheckResult {
  if (!CostModel.isCostModel(prices)) { invalid('prices', 'must be made with new CostModel({ ... })', prices); }
  if (!(typeof bound === 'number' && Number.isFinite(bound) && bound >= 0)) {
    invalid('bound', 'must be a number >= 0, an hourly cost in the prices\' currency', bound);
  }
  const unpriced: string[] = [];
  const priced: Array<{ cost: number; text: string }> = [];
  for (const job of plan.jobs) {
    for (const role of job.roles) {
      const r = role.report;
      if (r.eciPods.atMost === 0) { continue; }
      if (r.eciCostPerHour === null) {
        unpriced.push(`${job.label} ${role.name}: up to ${pods(r.eciPods.atMost)} may run on ECI, and the plan cannot price them (${describeBilled(role)})`);
        continue;
      }
      const c = r.eciCostPerHour;
      const range = c.atLeast === c.atMost ? money(c.atMost, plan) : `${money(c.atLeast, plan)} to ${money(c.atMost, plan)}`;
      priced.push({ cost: c.atMost, text: `${job.label} ${role.name}: ${range} per hour (${r.eciPods.atMost} × ${money(c.perPod, plan)}, ${r.eci?.billed})` });
    }
  }
  const total = plan.report.totals.eciCostPerHour!;
  const breakdown = lines(priced.sort((a, b) => b.cost - a.cost).map(p => p.text));
  const limit = `below ${money(bound, plan)} per hour`;
  if (unpriced.length > 0) {
    return { pass: false, message: `expected the ECI cost to stay ${limit}, but some pods cannot be priced:${lines(unpriced)}` };
  }
  if (total.atMost < bound) {
    return { pass: true, message: `expected the ECI cost to reach ${money(bound, plan)} per hour, but it is at most ${money(total.atMost, plan)}:${breakdown}` };
  }
  return {
    pass: false,
    message: `expected the ECI cost to stay ${limit}, but it may reach ${money(total.atMost, plan)} per hour (at least ${money(total.atLeast, plan)}):${breakdown}`,
  };
}
