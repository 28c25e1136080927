/**
 * What a change to the manifests does: the difference between two plan reports (`plan --compare
 * BEFORE AFTER`, `SparkTesting.comparePlans()`), as plain data. A pure function over two
 * reports, so the command and the testing kit cannot disagree: both plan with the one planner and
 * both diff here. The schema is documented in docs/plan-diff-json.md.
 *
 * Jobs are paired by kind, namespace and name; where several jobs share those (the example app
 * has three `default/spark-pi-eci-only`), first by where they were read from (the file's base
 * name, or the construct path), then in order.
 */
import { CostRange, JobPlan, PlanReport, ProblemPlan, RolePlan } from './plan-report';

/** Version of the diff's schema; raised when a field changes meaning or goes away. */
export const PLAN_DIFF_SCHEMA_VERSION = 1;

/** A value before and after the change; `null` on the side where the job or role is absent. */
export interface BeforeAfter<T> {
  readonly before: T;
  readonly after: T;
}

/** How a job changed. */
export enum JobChange {
  /** Only in AFTER: the change adds the job. */
  ADDED = 'ADDED',
  /** Only in BEFORE: the change removes the job. */
  REMOVED = 'REMOVED',
  /** In both, and its plan differs. */
  CHANGED = 'CHANGED',
}

/** A role's pods by where they run: the report's `placed` groups, summed by kind of capacity, and the Pending ones. */
export interface PodsByPlace {
  /** On ECS nodes: an `ecs` unit, or `ECS` by the pods' own constraints. */
  readonly ecs: number;
  /** On ECI: an `eci` unit, or `ECI` by the pods' own constraints. */
  readonly eci: number;
  /** On ECS or ECI, as the scheduler finds room (soft placement). */
  readonly ecsOrEci: number;
  /** In `elastic` units (autoscaled node pools). */
  readonly elastic: number;
  /** In `acs` units. */
  readonly acs: number;
  readonly pending: number;
}

/** One role of a job, before and after. */
export interface RoleDiff {
  readonly role: string;
  readonly pods: BeforeAfter<number | null>;
  readonly places: BeforeAfter<PodsByPlace | null>;
  /** The table's PLACEMENT column. */
  readonly placementText: BeforeAfter<string | null>;
  /** The ECI size each pod is billed at (`2-8Gi`), or null where the role never runs on ECI or no size fits. */
  readonly billed: BeforeAfter<string | null>;
  /** Whether the pods ask for spot ECI; null where the role never runs on ECI. */
  readonly spot: BeforeAfter<boolean | null>;
  readonly eciCostPerHour: BeforeAfter<CostRange | null>;
  /** What each pod of the first run pulls before it starts on ECI (`CACHE_OBJECT`, `PULL`...); null where the role never runs on ECI. */
  readonly coldStart: BeforeAfter<{ readonly source: string; readonly message: string } | null>;
  /** Whether anything above differs. */
  readonly changed: boolean;
}

/** Pending pods of one role for one reason, before and after. */
export interface PendingReasonDiff {
  readonly role: string;
  /** A Pending reason code (`UNIT_CAPS`, `SHARED_BUDGET`...). */
  readonly code: string;
  readonly before: number;
  readonly after: number;
}

/** A job's quota leaf and its total requests against it. */
export interface QuotaPressure {
  readonly tree: string;
  readonly leaf: string;
  readonly exceedsMax: boolean;
  readonly exceedsMin: boolean;
  /** Per resource: the job's total request, the leaf's `min` and the tightest `max` (null: uncapped). */
  readonly resources: ReadonlyArray<{
    readonly resource: string;
    readonly unit: string;
    readonly requested: number;
    readonly min: number;
    readonly max: number | null;
  }>;
}

/** One job whose plan differs. */
export interface JobDiff {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly change: JobChange;
  readonly source: BeforeAfter<JobPlan['source'] | null>;
  readonly schedule: BeforeAfter<string | null>;
  readonly roles: RoleDiff[];
  readonly pendingPods: BeforeAfter<number>;
  /** Pending pods the change adds to this job (0 when it removes some). */
  readonly pendingPodsAdded: number;
  readonly pendingReasons: PendingReasonDiff[];
  /** The job's runs of Pending pods by verdict (`ERROR`, `WARNING`): the plan's totals count them as errors and warnings. */
  readonly pendingFindings: BeforeAfter<{ readonly errors: number; readonly warnings: number }>;
  /** Errors the change adds to this job, as the plan's totals count them: ERROR problems added, and more runs of Pending pods refused. */
  readonly errorsAdded: number;
  /** Problems only AFTER has, matched by code, severity and role. */
  readonly problemsAdded: ProblemPlan[];
  /** Problems only BEFORE has. */
  readonly problemsRemoved: ProblemPlan[];
  readonly eciCostPerHour: BeforeAfter<CostRange | null>;
  readonly quota: BeforeAfter<QuotaPressure | null>;
  readonly spotReclaim: BeforeAfter<string | null>;
  /** The plan's deadline sentences (start, run, clean-up); null on an absent side. */
  readonly deadlines: BeforeAfter<string[] | null>;
  /** The change adds Pending pods or an `ERROR` problem to this job. */
  readonly addsPendingOrErrors: boolean;
}

/** The totals of both plans and what the change adds and removes. */
export interface PlanDiffTotals {
  readonly before: PlanReport['totals'];
  readonly after: PlanReport['totals'];
  readonly jobsAdded: number;
  readonly jobsRemoved: number;
  readonly jobsChanged: number;
  readonly jobsUnchanged: number;
  /** Pending pods added, job by job (a pod moved from one job to another counts). */
  readonly pendingPodsAdded: number;
  readonly pendingPodsRemoved: number;
  readonly errorsAdded: number;
  readonly errorsRemoved: number;
  readonly warningsAdded: number;
  readonly warningsRemoved: number;
}

/** The difference between two plans. */
export interface PlanDiff {
  readonly schemaVersion: number;
  /** True when the change adds Pending pods or `ERROR` problems to some job: `plan --compare` exits 1. */
  readonly addsPendingOrErrors: boolean;
  /** Jobs whose plan differs, added and removed jobs included; unchanged jobs are only counted. */
  readonly jobs: JobDiff[];
  readonly totals: PlanDiffTotals;
  /** The prices both plans were made with, as the report has them. */
  readonly prices: PlanReport['prices'];
  /** What either plan takes for granted. */
  readonly assumptions: string[];
}

/**
 * The difference between the plan BEFORE a change and the plan AFTER it.
 *
 * @param before the report of the manifests before the change
 * @param after the report of the manifests after it, made with the same prices
 */
export function diffPlans(before: PlanReport, after: PlanReport): PlanDiff {
  const pairs = pairJobs(before.jobs, after.jobs);
  const diffs = pairs.map(([b, a]) => diffJob(b, a));
  const jobs = diffs.filter((d): d is JobDiff => d !== undefined);
  const sum = (f: (j: JobDiff) => number) => jobs.reduce((n, j) => n + f(j), 0);
  return {
    schemaVersion: PLAN_DIFF_SCHEMA_VERSION,
    addsPendingOrErrors: jobs.some(j => j.addsPendingOrErrors),
    jobs,
    totals: {
      before: before.totals,
      after: after.totals,
      jobsAdded: jobs.filter(j => j.change === JobChange.ADDED).length,
      jobsRemoved: jobs.filter(j => j.change === JobChange.REMOVED).length,
      jobsChanged: jobs.filter(j => j.change === JobChange.CHANGED).length,
      jobsUnchanged: pairs.length - jobs.length,
      pendingPodsAdded: sum(j => j.pendingPodsAdded),
      pendingPodsRemoved: sum(j => Math.max(0, j.pendingPods.before - j.pendingPods.after)),
      // Findings as the plans' totals count them: problems, and runs of Pending pods by their verdict.
      errorsAdded: sum(j => j.errorsAdded),
      errorsRemoved: sum(j => severity(j.problemsRemoved, 'ERROR') + Math.max(0, j.pendingFindings.before.errors - j.pendingFindings.after.errors)),
      warningsAdded: sum(j => severity(j.problemsAdded, 'WARNING') + Math.max(0, j.pendingFindings.after.warnings - j.pendingFindings.before.warnings)),
      warningsRemoved: sum(j => severity(j.problemsRemoved, 'WARNING') + Math.max(0, j.pendingFindings.before.warnings - j.pendingFindings.after.warnings)),
    },
    prices: after.prices ?? before.prices,
    assumptions: [...new Set([...before.assumptions, ...after.assumptions])],
  };
}

/** `SparkApplication\0default\0spark-pi`. */
function jobKey(job: JobPlan): string {
  return `${job.kind}\u0000${job.namespace}\u0000${job.name}`;
}

/**
 * Where a job was read from, the same on both sides of a change: the file's base name (the two
 * sides are usually two folders, `before/x.k8s.yaml` and `after/x.k8s.yaml`), or the construct path.
 */
function sourceKey(job: JobPlan): string {
  if (job.source.path !== null) { return `path:${job.source.path}`; }
  const file = job.source.file ?? '';
  return `file:${file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1)}`;
}

/** Before and after jobs, paired: AFTER's order (with its added jobs), then the removed jobs in BEFORE's order. */
function pairJobs(before: readonly JobPlan[], after: readonly JobPlan[]): Array<[JobPlan | undefined, JobPlan | undefined]> {
  const waiting = new Map<string, JobPlan[]>();
  for (const job of before) {
    const key = jobKey(job);
    waiting.set(key, [...waiting.get(key) ?? [], job]);
  }
  const matched = new Map<JobPlan, JobPlan>();
  // First the jobs whose source also matches, then the rest of each name in order.
  for (const pass of [true, false]) {
    for (const job of after) {
      if (matched.has(job)) { continue; }
      const candidates = waiting.get(jobKey(job)) ?? [];
      const i = pass ? candidates.findIndex(c => sourceKey(c) === sourceKey(job)) : (candidates.length > 0 ? 0 : -1);
      if (i < 0) { continue; }
      matched.set(job, candidates[i]);
      candidates.splice(i, 1);
    }
  }
  const pairs: Array<[JobPlan | undefined, JobPlan | undefined]> = after.map(job => [matched.get(job), job]);
  const left = new Set([...waiting.values()].flat());
  for (const job of before) {
    if (left.has(job)) { pairs.push([job, undefined]); }
  }
  return pairs;
}

/** How many of the problems have the severity. */
function severity(list: readonly ProblemPlan[], s: string): number {
  return list.filter(p => p.severity === s).length;
}

/** A job's runs of Pending pods by verdict. */
function pendingVerdicts(job: JobPlan | undefined): { errors: number; warnings: number } {
  const pending = job?.pending ?? [];
  return { errors: pending.filter(p => p.severity === 'ERROR').length, warnings: pending.filter(p => p.severity === 'WARNING').length };
}

function diffJob(before: JobPlan | undefined, after: JobPlan | undefined): JobDiff | undefined {
  const job = (after ?? before)!;
  const roleNames = [...new Set([...(before?.roles ?? []), ...(after?.roles ?? [])].map(r => r.role))];
  const roles = roleNames.map(name => diffRole(name, before, after));
  const pending = { before: pendingOf(before), after: pendingOf(after) };
  const [problemsAdded, problemsRemoved] = diffProblems(before?.problems ?? [], after?.problems ?? []);
  const pendingReasons = diffPendingReasons(before, after);
  const pendingFindings = { before: pendingVerdicts(before), after: pendingVerdicts(after) };
  const cost = { before: before?.eciCostPerHour ?? null, after: after?.eciCostPerHour ?? null };
  const quota = { before: quotaOf(before), after: quotaOf(after) };
  const spotReclaim = { before: before?.spotReclaim ?? null, after: after?.spotReclaim ?? null };
  const schedule = { before: before?.schedule ?? null, after: after?.schedule ?? null };
  const deadlines = { before: before?.deadlines.messages ?? null, after: after?.deadlines.messages ?? null };
  const change = before === undefined ? JobChange.ADDED : after === undefined ? JobChange.REMOVED : JobChange.CHANGED;
  const changed = change !== JobChange.CHANGED
    || roles.some(r => r.changed) || problemsAdded.length > 0 || problemsRemoved.length > 0
    || pendingReasons.some(p => p.before !== p.after) || !same(pendingFindings)
    || !same(cost) || !same(quota) || !same(spotReclaim) || !same(schedule) || !same(deadlines);
  if (!changed) { return undefined; }
  const pendingPodsAdded = Math.max(0, pending.after - pending.before);
  const errorsAdded = severity(problemsAdded, 'ERROR') + Math.max(0, pendingFindings.after.errors - pendingFindings.before.errors);
  return {
    kind: job.kind,
    namespace: job.namespace,
    name: job.name,
    change,
    source: { before: before?.source ?? null, after: after?.source ?? null },
    schedule,
    roles,
    pendingPods: pending,
    pendingPodsAdded,
    pendingReasons,
    pendingFindings,
    errorsAdded,
    problemsAdded,
    problemsRemoved,
    eciCostPerHour: cost,
    quota,
    spotReclaim,
    deadlines,
    addsPendingOrErrors: pendingPodsAdded > 0 || errorsAdded > 0,
  };
}

function diffRole(name: string, before: JobPlan | undefined, after: JobPlan | undefined): RoleDiff {
  const b = before?.roles.find(r => r.role === name);
  const a = after?.roles.find(r => r.role === name);
  const pair = <T>(f: (r: RolePlan, job: JobPlan) => T): BeforeAfter<T | null> => ({
    before: b ? f(b, before!) : null,
    after: a ? f(a, after!) : null,
  });
  const diff = {
    pods: pair(r => r.pods),
    places: pair(placesOf),
    placementText: pair(r => r.placementText),
    billed: pair(r => r.eci?.billed ?? null),
    spot: pair(r => r.eci?.spot ?? null),
    eciCostPerHour: pair(r => r.eciCostPerHour === null ? null : { atLeast: r.eciCostPerHour.atLeast, atMost: r.eciCostPerHour.atMost }),
    coldStart: pair((r, job) => {
      const start = job.coldStart.find(c => c.role === r.role);
      return start ? { source: start.source, message: start.message } : null;
    }),
  };
  return { role: name, ...diff, changed: Object.values(diff).some((v: BeforeAfter<unknown>) => !same(v)) };
}

/** Where a role's pods run, summed by kind of capacity. */
export function placesOf(role: RolePlan): PodsByPlace {
  const places = { ecs: 0, eci: 0, ecsOrEci: 0, elastic: 0, acs: 0, pending: role.pendingPods };
  for (const p of role.placed) {
    switch (p.where) {
      case 'ecs': case 'ECS': places.ecs += p.count; break;
      case 'eci': case 'ECI': places.eci += p.count; break;
      case 'ECS_OR_ECI': places.ecsOrEci += p.count; break;
      case 'elastic': places.elastic += p.count; break;
      case 'acs': places.acs += p.count; break;
      default: places.ecsOrEci += p.count; // a kind of unit this version does not know: somewhere
    }
  }
  return places;
}

function pendingOf(job: JobPlan | undefined): number {
  return job ? job.roles.reduce((n, r) => n + r.pendingPods, 0) : 0;
}

/** Pending pods per role and reason code, on both sides; only the pairs where either side has some. */
function diffPendingReasons(before: JobPlan | undefined, after: JobPlan | undefined): PendingReasonDiff[] {
  const counts = new Map<string, { role: string; code: string; before: number; after: number }>();
  const add = (job: JobPlan | undefined, side: 'before' | 'after') => {
    for (const p of job?.pending ?? []) {
      const key = `${p.role}\u0000${p.reason.code}`;
      const entry = counts.get(key) ?? { role: p.role, code: p.reason.code, before: 0, after: 0 };
      entry[side] += p.count;
      counts.set(key, entry);
    }
  };
  add(before, 'before');
  add(after, 'after');
  return [...counts.values()];
}

/** Problems only one side has, matched as multisets by code, severity and role. */
function diffProblems(before: readonly ProblemPlan[], after: readonly ProblemPlan[]): [ProblemPlan[], ProblemPlan[]] {
  const key = (p: ProblemPlan) => `${p.code}\u0000${p.severity}\u0000${p.role ?? ''}`;
  const left = new Map<string, ProblemPlan[]>();
  for (const p of before) { left.set(key(p), [...left.get(key(p)) ?? [], p]); }
  const added: ProblemPlan[] = [];
  for (const p of after) {
    const same_ = left.get(key(p));
    if (same_ && same_.length > 0) { same_.shift(); } else { added.push(p); }
  }
  const removed = before.filter(p => (left.get(key(p)) ?? []).includes(p));
  return [added, removed];
}

function quotaOf(job: JobPlan | undefined): QuotaPressure | null {
  const q = job?.quota;
  if (!q) { return null; }
  return {
    tree: `${q.tree.namespace}/${q.tree.name}`,
    leaf: q.leaf,
    exceedsMax: q.exceedsMax,
    exceedsMin: q.exceedsMin,
    resources: q.resources.map(r => ({ resource: r.resource, unit: r.unit, requested: r.requested, min: r.min, max: r.max })),
  };
}

/** Whether both sides hold the same data. */
function same<T>(pair: BeforeAfter<T>): boolean {
  return JSON.stringify(pair.before) === JSON.stringify(pair.after);
}
