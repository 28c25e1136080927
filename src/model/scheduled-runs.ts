/**
 * A day of scheduled runs (`plan --schedule-day`, `SparkTesting.scheduleDay()`): for each
 * ScheduledSparkApplication, the runs the Spark operator starts in each minute of one day, and
 * the minutes where runs that start together share a budget: a ResourcePolicy that does not
 * group pods by submission (`matchLabelKeys` without `sparkoperator.k8s.io/submission-id`), an
 * ElasticQuotaTree leaf or a queue. Pending pods are the one planner's: the runs of a minute are
 * planned together, each a SparkApplication as the operator creates it.
 *
 * The operator's rules (kubeflow/spark-operator v2.5.2, internal/controller/
 * scheduledsparkapplication/controller.go):
 * - `spec.timeZone` (default `Local`, the operator process's zone) is loaded with Go's
 *   `time.LoadLocation`; unless the schedule starts with `CRON_TZ=` or `TZ=`, it is prefixed with
 *   `CRON_TZ=<timeZone> ` and parsed by robfig/cron v3 `ParseStandard` (five fields or a
 *   descriptor: `@hourly`, `@daily`, `@every 90m`...). A zone or schedule it refuses leaves the
 *   object in `FailedValidation`: no run.
 * - After each run, `NextRun = schedule.Next(now)` (robfig/cron's `SpecSchedule.Next`, ported in
 *   src/private/cron-next.ts with its DST behaviour).
 * - A run is a SparkApplication named `<name>-<UnixNano of now>` in the same namespace, with the
 *   label `sparkoperator.k8s.io/scheduled-app-name: <name>` and the object's own labels, and
 *   `spec.template` as its spec (`createSparkApplication`).
 * - `concurrencyPolicy`: `Allow` starts every run; `Forbid` skips a due run while the last one
 *   has not finished (it tries again at the next time of the schedule); `Replace` deletes the
 *   unfinished last run. No value at all matches none of the cases of `shouldStartNextRun`:
 *   once a run's SparkApplication exists (the history keeps one), no run starts.
 * - `suspend: true`: no run.
 *
 * Operator throughput: data-on-eks measured the operator (chart 2.1.0, 20 workers, a 36-vCPU
 * c5.9xlarge) processing about 130 SparkApplications per minute, CPU-bound
 * (awslabs/data-on-eks, website/docs/benchmarks/spark-operator-eks-benchmark.md, "Job Processing
 * Rate"); kubeflow/spark-operator issue #2755 shows what a lagging operator does to short jobs
 * (a driver pod gone before its status is processed marks the application failed).
 */
import { isSparkApplicationManifest, ObjectRef, SCHEDULED_APP_NAME_LABEL } from './applications';
import { checkJobAgainstQuota, describeQuotaCheck, leafOf, QUOTA_CPU, QUOTA_GPU, QUOTA_MEMORY } from './elastic-quota';
import { isObject, nonEmptyString } from './json';
import { planObjects, SourcedManifest } from './plan';
import { JobPlanModel, PendingReasonCode, quotaTreeRef } from './planner';
import { QueueSystem } from './queues';
import { describeRef } from './resource-policies';
import { CONCURRENCY_POLICY_UNSET_TEXT, runsOnlyOnce } from './scheduled-concurrency';
import { CronSchedule, parseCron, timeZoneProblem } from '../private/cron';
import { cronNext } from '../private/cron-next';
import { invalid } from '../private/errors';
import { GoLocation } from '../private/go-time';

/** Version of the schema of `plan --schedule-day --format json`. */
export const SCHEDULE_DAY_SCHEMA_VERSION = 1;

/**
 * SparkApplications the operator processes per minute, the throughput this report assumes: about
 * 130 measured by data-on-eks on a 36-vCPU node with 20 workers (see the file's comment).
 */
export const OPERATOR_SUBMISSIONS_PER_MINUTE = 130;

/** Options of `scheduleDay()`. */
export interface ScheduleDayOptions {
  /** The day, `YYYY-MM-DD`. */
  readonly day: string;
  /** The zone the day and its minutes are read in: an IANA name or `UTC` (default `UTC`). */
  readonly timeZone?: string;
  /** The operator process's zone, which `timeZone: Local` (or none) means (default `UTC`, a container's usual zone). */
  readonly operatorTimeZone?: string;
  /** The operator throughput to compare the peak with (default `OPERATOR_SUBMISSIONS_PER_MINUTE`). */
  readonly submissionsPerMinute?: number;
  /** Called for a run's manifest the readers refuse (default: the run is left out). */
  readonly onError?: (manifest: SourcedManifest, error: Error) => void;
}

/** What shares a budget between runs that start in the same minute. */
export enum ScheduleCollisionKind {
  /** A ResourcePolicy whose `max` is not per submission (`matchLabelKeys` does not split runs). */
  RESOURCE_POLICY = 'RESOURCE_POLICY',
  /** An ElasticQuotaTree leaf. */
  QUOTA = 'QUOTA',
  /** A queue: Kueue's LocalQueue, or ack-kube-queue for suspended applications. */
  QUEUE = 'QUEUE',
}

/** What the runs of a collision minute go through. */
export enum ScheduleCollisionOutcome {
  /** Pods stay Pending until the budget frees: the unit caps or the quota's `max`. */
  PENDING = 'PENDING',
  /** The runs wait in the queue, admitted as its quota allows. */
  WAIT = 'WAIT',
  /** The runs together exceed the leaf's `min`: some run on borrowed quota, which preemption may reclaim. */
  BORROWED = 'BORROWED',
}

/** A finding about a schedule or the whole day. */
export enum ScheduleFindingCode {
  /** The operator refuses the schedule or the time zone: `FailedValidation`, no run. */
  SCHEDULE_REFUSED = 'SCHEDULE_REFUSED',
  /** No `concurrencyPolicy`: once a run's SparkApplication exists, the operator starts no more. */
  CONCURRENCY_POLICY_UNSET = 'CONCURRENCY_POLICY_UNSET',
  /** `@every`: the runs count from when the operator first saw the object, so their minutes are unknown. */
  EVERY_UNANCHORED = 'EVERY_UNANCHORED',
  /** More submissions in a minute than the operator processes per minute. */
  SUBMISSIONS_ABOVE_THROUGHPUT = 'SUBMISSIONS_ABOVE_THROUGHPUT',
}

/** One ScheduledSparkApplication and its runs of the day. */
export interface ScheduleEntry {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly source: { readonly file: string | null; readonly document: number | null; readonly path: string | null };
  readonly schedule: string;
  /** `spec.timeZone` as written, or null. */
  readonly timeZone: string | null;
  /** The zone the schedule runs in: a `CRON_TZ=` in the schedule, else `timeZone`, with `Local` resolved. */
  readonly zone: string;
  /** `spec.concurrencyPolicy` as written, or null. */
  readonly concurrencyPolicy: string | null;
  readonly suspended: boolean;
  /** The times of the day's runs, `HH:MM` in the day's zone. */
  readonly runs: string[];
  /** For `@every`: its delay, and the most runs it may start in one minute. */
  readonly every: { readonly seconds: number; readonly runsPerDay: number; readonly perMinuteAtMost: number } | null;
  /** Why the operator runs none (a refused schedule or zone), or null. */
  readonly refused: string | null;
}

/** A minute with runs. */
export interface ScheduleMinute {
  /** Minutes since the day's start. */
  readonly minute: number;
  /** `HH:MM` in the day's zone. */
  readonly time: string;
  /** The zone's offset then, `+08:00`. */
  readonly utcOffset: string;
  /** The instant, ISO 8601 in UTC. */
  readonly at: string;
  /** The schedules with a run starting in the minute. */
  readonly runs: ObjectRef[];
}

/** Runs that start in the same minute and share a budget. */
export interface ScheduleCollision {
  readonly minute: number;
  readonly time: string;
  readonly utcOffset: string;
  readonly kind: ScheduleCollisionKind;
  readonly outcome: ScheduleCollisionOutcome;
  /** What they share: `ResourcePolicy default/p`, `ElasticQuotaTree kube-system/t root.children[0]`, `Kueue LocalQueue team/batch`. */
  readonly shared: string;
  /** The schedules whose runs share it. */
  readonly runs: ObjectRef[];
  /** Pods that stay Pending (RESOURCE_POLICY); null where the plan cannot count them. */
  readonly pendingPods: number | null;
  readonly message: string;
}

/** A finding of the day. */
export interface ScheduleFinding {
  readonly code: ScheduleFindingCode;
  readonly severity: 'ERROR' | 'WARNING';
  /** The schedule it is about; null for the whole day. */
  readonly schedule: ObjectRef | null;
  readonly message: string;
}

/** The day's report. */
export interface ScheduleDayReport {
  readonly schemaVersion: number;
  readonly day: string;
  readonly timeZone: string;
  readonly operatorTimeZone: string;
  /** The day's first and last instant (exclusive), ISO 8601 in UTC; a DST day has 23 or 25 hours. */
  readonly start: string;
  readonly end: string;
  readonly submissionsPerMinute: number;
  readonly schedules: ScheduleEntry[];
  /** The minutes with at least one run, in order. */
  readonly minutes: ScheduleMinute[];
  readonly collisions: ScheduleCollision[];
  /** The most runs that start in one minute (with `@every` schedules at their most per minute), and when. */
  readonly peak: { readonly submissions: number; readonly times: string[]; readonly unanchored: number };
  readonly findings: ScheduleFinding[];
  readonly totals: {
    readonly schedules: number;
    readonly runs: number;
    readonly minutesWithRuns: number;
    readonly collisionMinutes: number;
    /** Pods Pending in collision minutes, where the plan counts them. */
    readonly pendingPods: number;
    readonly errors: number;
    readonly warnings: number;
  };
  readonly assumptions: string[];
}

/** An option `scheduleDay()` refuses: which, what is allowed, what was given (each front end names the option its own way). */
export interface ScheduleDayOptionProblem {
  readonly option: 'day' | 'timeZone' | 'operatorTimeZone';
  readonly allowed: string;
  readonly got: unknown;
}

/** Why the options cannot make a report, or undefined. */
export function scheduleDayOptionsProblem(
  options: { readonly day?: unknown; readonly timeZone?: unknown; readonly operatorTimeZone?: unknown },
): ScheduleDayOptionProblem | undefined {
  const day = typeof options.day === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.day) : null;
  if (!day || new Date(Date.UTC(+day[1], +day[2] - 1, +day[3])).toISOString().slice(0, 10) !== options.day) {
    return { option: 'day', allowed: 'must be a date written YYYY-MM-DD, such as 2026-03-08', got: options.day };
  }
  for (const option of ['timeZone', 'operatorTimeZone'] as const) {
    const zone = options[option];
    if (zone === undefined) { continue; }
    // `Local` is what these options say; the day's zone and the operator's must be real zones.
    const problem = zone === 'Local' || typeof zone !== 'string' ? 'must be "UTC" or an IANA time zone name such as "Asia/Shanghai"' : timeZoneProblem(zone);
    if (problem) { return { option, allowed: problem, got: zone }; }
  }
  return undefined;
}

/** A schedule read from its manifest, with what it takes to create its runs. */
interface ScheduledApp {
  readonly entry: ScheduleEntry;
  readonly manifest: SourcedManifest;
  readonly ref: ObjectRef;
  readonly times: number[];
}

/**
 * The day's runs of every ScheduledSparkApplication among `objects`, and the minutes where runs
 * that start together wait or leave pods Pending.
 *
 * @throws SparkEciValidationError naming the option, when the options are not a day and zones
 */
export function scheduleDay(objects: readonly SourcedManifest[], options: ScheduleDayOptions): ScheduleDayReport {
  const problem = scheduleDayOptionsProblem(options);
  if (problem) { invalid(problem.option, problem.allowed, problem.got); }
  const timeZone = options.timeZone ?? 'UTC';
  const operatorTimeZone = options.operatorTimeZone ?? 'UTC';
  const perMinute = options.submissionsPerMinute ?? OPERATOR_SUBMISSIONS_PER_MINUTE;
  const dayZone = new GoLocation(timeZone);
  const [y, m, d] = options.day.split('-').map(Number);
  const start = dayZone.date(y, m, d, 0, 0, 0);
  const end = dayZone.date(y, m, d + 1, 0, 0, 0);
  const clock = (t: number) => {
    const w = dayZone.wall(t);
    return { time: `${two(w.hour)}:${two(w.minute)}`, utcOffset: offsetText(w.offset) };
  };

  const findings: ScheduleFinding[] = [];
  const apps = objects
    .filter(o => isSparkApplicationManifest(o.object) && o.object.kind === 'ScheduledSparkApplication')
    .map(o => readSchedule(o, start, end, operatorTimeZone, clock, findings));

  // The runs of each minute.
  const byMinute = new Map<number, Array<{ app: ScheduledApp; at: number }>>();
  for (const app of apps) {
    for (const at of app.times) {
      const minute = Math.floor((at - start) / 60);
      byMinute.set(minute, [...byMinute.get(minute) ?? [], { app, at }]);
    }
  }
  const minutes: ScheduleMinute[] = [...byMinute.keys()].sort((a, b) => a - b).map(minute => ({
    minute,
    ...clock(start + minute * 60),
    at: new Date((start + minute * 60) * 1000).toISOString(),
    runs: byMinute.get(minute)!.map(r => r.app.ref),
  }));

  const others = objects.filter(o => !isSparkApplicationManifest(o.object));
  const collisions: ScheduleCollision[] = [];
  for (const minute of minutes) {
    const runs = byMinute.get(minute.minute)!;
    if (runs.length < 2) { continue; }
    collisions.push(...minuteCollisions(minute, runs, others, options.onError));
  }

  const unanchored = apps.reduce((n, a) => n + (a.entry.every?.perMinuteAtMost ?? 0), 0);
  const most = Math.max(0, ...minutes.map(x => x.runs.length));
  const peakTimes = minutes.filter(x => x.runs.length === most && most > 0).map(x => x.time);
  const peak = { submissions: most + unanchored, times: peakTimes.slice(0, 10), unanchored };
  if (peak.submissions > perMinute) {
    findings.push({
      code: ScheduleFindingCode.SUBMISSIONS_ABOVE_THROUGHPUT,
      severity: 'WARNING',
      schedule: null,
      message: `${peak.submissions} submissions start in one minute${peakTimes.length > 0 ? ` (${peakTimes.join(', ')})` : ''}, above the `
        + `${perMinute} per minute the operator is assumed to process: the last are created about ${Math.ceil(peak.submissions / perMinute) - 1} `
        + 'minute(s) late, and a lagging operator may mark short jobs failed (kubeflow/spark-operator #2755); spread the schedules over more minutes',
    });
  }
  const assumptions = [
    `the operator processes about ${perMinute} SparkApplications per minute (data-on-eks: ~130 on 36 vCPU with 20 workers)`,
    'only runs that start in the same minute share a budget: runs of earlier minutes are assumed finished',
    'runs that start together reach the scheduler in an order nobody controls: which of them keeps its pods Pending may differ',
  ];
  if (apps.some(a => a.entry.timeZone === null || a.entry.timeZone === 'Local')) {
    assumptions.push(`timeZone Local (or none) is the operator's own zone, taken as ${operatorTimeZone}`);
  }
  const errors = findings.filter(f => f.severity === 'ERROR').length;
  return {
    schemaVersion: SCHEDULE_DAY_SCHEMA_VERSION,
    day: options.day,
    timeZone,
    operatorTimeZone,
    start: new Date(start * 1000).toISOString(),
    end: new Date(end * 1000).toISOString(),
    submissionsPerMinute: perMinute,
    schedules: apps.map(a => a.entry),
    minutes,
    collisions,
    peak,
    findings,
    totals: {
      schedules: apps.length,
      runs: apps.reduce((n, a) => n + a.times.length, 0),
      minutesWithRuns: minutes.length,
      collisionMinutes: new Set(collisions.map(c => c.minute)).size,
      pendingPods: collisions.reduce((n, c) => n + (c.pendingPods ?? 0), 0),
      errors,
      warnings: findings.length - errors,
    },
    assumptions,
  };
}

/** Whether the day leaves pods Pending or has an error: `plan --schedule-day` exits 1. */
export function scheduleDayHasFindings(report: ScheduleDayReport): boolean {
  return report.collisions.some(c => c.outcome === ScheduleCollisionOutcome.PENDING) || report.totals.errors > 0;
}

function readSchedule(
  o: SourcedManifest, start: number, end: number, operatorTimeZone: string,
  clock: (t: number) => { time: string }, findings: ScheduleFinding[],
): ScheduledApp {
  const manifest = o.object;
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  const spec = isObject(manifest.spec) ? manifest.spec : {};
  const ref: ObjectRef = { kind: 'ScheduledSparkApplication', namespace: nonEmptyString(metadata.namespace) ?? 'default', name: String(metadata.name ?? '') };
  const schedule = typeof spec.schedule === 'string' ? spec.schedule : '';
  const timeZone = typeof spec.timeZone === 'string' && spec.timeZone !== '' ? spec.timeZone : null;
  const concurrencyPolicy = typeof spec.concurrencyPolicy === 'string' && spec.concurrencyPolicy !== '' ? spec.concurrencyPolicy : null;
  const suspended = spec.suspend === true;
  const base = {
    ...ref,
    source: { file: o.origin.file ?? null, document: o.origin.document ?? null, path: o.origin.path ?? null },
    schedule,
    timeZone,
    concurrencyPolicy,
    suspended,
  };
  const refuse = (why: string): ScheduledApp => {
    findings.push({ code: ScheduleFindingCode.SCHEDULE_REFUSED, severity: 'ERROR', schedule: ref, message: why });
    return { entry: { ...base, zone: timeZone ?? operatorTimeZone, runs: [], every: null, refused: why }, manifest: o, ref, times: [] };
  };
  // The controller loads an explicit timeZone first, then prefixes the schedule unless it names a zone itself.
  const zoneProblem = timeZone === null ? undefined : timeZoneProblem(timeZone);
  if (zoneProblem) { return refuse(`the operator cannot load timeZone "${timeZone}": it ${zoneProblem}; the object stays in FailedValidation`); }
  const written = schedule.startsWith('CRON_TZ=') || schedule.startsWith('TZ=') ? schedule : `CRON_TZ=${timeZone ?? 'Local'} ${schedule}`;
  const parsed = parseCron(written);
  if (parsed.problem) {
    const p = parsed.problem;
    return refuse(`robfig/cron refuses schedule "${schedule}": ${p.field ? `${p.field} ` : ''}${p.allowed} (got "${p.got}"); the object stays in FailedValidation`);
  }
  const cron: CronSchedule = parsed.schedule!;
  const zoneName = cron.timeZone === undefined || cron.timeZone === 'Local' ? operatorTimeZone : cron.timeZone;
  if (runsOnlyOnce(spec)) {
    findings.push({
      code: ScheduleFindingCode.CONCURRENCY_POLICY_UNSET,
      severity: 'WARNING',
      schedule: ref,
      message: `${CONCURRENCY_POLICY_UNSET_TEXT} (its runs are listed as the schedule asks)`,
    });
  }
  if (suspended) {
    return { entry: { ...base, zone: zoneName, runs: [], every: null, refused: null }, manifest: o, ref, times: [] };
  }
  if (cron.kind === 'every') {
    findings.push({
      code: ScheduleFindingCode.EVERY_UNANCHORED,
      severity: 'WARNING',
      schedule: ref,
      message: `"${schedule}" runs every ${cron.seconds} s from when the operator first reconciles the object: its minutes cannot be planned, `
        + 'so it is counted at its most per minute in the peak and left out of the collisions; a cron schedule fixes the minute',
    });
    const every = { seconds: cron.seconds, runsPerDay: Math.ceil((end - start) / cron.seconds), perMinuteAtMost: Math.ceil(60 / cron.seconds) };
    return { entry: { ...base, zone: zoneName, runs: [], every, refused: null }, manifest: o, ref, times: [] };
  }
  const location = new GoLocation(zoneName);
  const times: number[] = [];
  for (let t = cronNext(cron, location, start - 1); t !== undefined && t < end; t = cronNext(cron, location, t)) {
    times.push(t);
  }
  return { entry: { ...base, zone: zoneName, runs: times.map(t => clock(t).time), every: null, refused: null }, manifest: o, ref, times };
}

/** A run of a schedule as the operator creates it (`createSparkApplication`). */
function runManifest(app: ScheduledApp, at: number): SourcedManifest {
  const manifest = app.manifest.object;
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  const labels = isObject(metadata.labels) ? metadata.labels : {};
  return {
    origin: app.manifest.origin,
    object: {
      apiVersion: manifest.apiVersion,
      kind: 'SparkApplication',
      metadata: {
        // `<name>-<UnixNano>`: the operator's default timestamp precision.
        name: `${app.ref.name}-${at}000000000`,
        ...(nonEmptyString(metadata.namespace) === undefined ? {} : { namespace: metadata.namespace }),
        labels: { [SCHEDULED_APP_NAME_LABEL]: app.ref.name, ...labels },
      },
      spec: manifest.spec.template,
    },
  };
}

/** Plans the runs of one minute together and says what they share. */
function minuteCollisions(
  minute: ScheduleMinute, runs: ReadonlyArray<{ app: ScheduledApp; at: number }>, others: readonly SourcedManifest[],
  onError: ScheduleDayOptions['onError'],
): ScheduleCollision[] {
  const byRun = new Map<string, ObjectRef>();
  const manifests = runs.map(r => {
    const run = runManifest(r.app, r.at);
    byRun.set(`${r.app.ref.namespace}/${run.object.metadata.name}`, r.app.ref);
    return run;
  });
  const plan = planObjects([...manifests, ...others], { onError: onError ?? (() => undefined) });
  const scheduleOf = (job: { namespace: string; name: string }) => byRun.get(`${job.namespace}/${job.name}`);
  // The schedules of a collision in the order of the input.
  const order = new Map(runs.map((r, i) => [r.app.ref, i]));
  const inOrder = (refs: Iterable<ObjectRef>) => [...new Set(refs)].sort((a, b) => order.get(a)! - order.get(b)!);
  const out: ScheduleCollision[] = [];
  const base = { minute: minute.minute, time: minute.time, utcOffset: minute.utcOffset };

  // ResourcePolicy budgets: the planner's SHARED_BUDGET pods, by policy.
  const byPolicy = new Map<string, { policy: ObjectRef; pods: number; runs: Set<ObjectRef> }>();
  for (const job of plan.jobs) {
    for (const group of [...job.driver.pending, ...job.executor.pending]) {
      if (group.reason.code !== PendingReasonCode.SHARED_BUDGET || !group.reason.policy) { continue; }
      const key = describeRef(group.reason.policy);
      const entry = byPolicy.get(key) ?? { policy: group.reason.policy, pods: 0, runs: new Set<ObjectRef>() };
      entry.pods += group.count;
      for (const ref of [job.app.ref, ...group.reason.sharedWith ?? []]) {
        const schedule = scheduleOf(ref);
        if (schedule) { entry.runs.add(schedule); }
      }
      byPolicy.set(key, entry);
    }
  }
  for (const [key, entry] of byPolicy) {
    const names = inOrder(entry.runs);
    out.push({
      ...base,
      kind: ScheduleCollisionKind.RESOURCE_POLICY,
      outcome: ScheduleCollisionOutcome.PENDING,
      shared: key,
      runs: names,
      pendingPods: entry.pods,
      message: `runs of ${names.map(refName).join(', ')} start together and share the max of ${key}, which does not group pods by submission `
        + `(matchLabelKeys without sparkoperator.k8s.io/submission-id): ${entry.pods} pod${entry.pods === 1 ? '' : 's'} stay Pending`,
    });
  }

  // Quota leaves: the runs' requests together against the leaf.
  if (plan.quotaTree) {
    const byLeaf = new Map<string, JobPlanModel[]>();
    for (const job of plan.jobs) {
      if (job.quota) { byLeaf.set(`${job.app.ref.namespace}\u0000${job.quota.leaf}`, [...byLeaf.get(`${job.app.ref.namespace}\u0000${job.quota.leaf}`) ?? [], job]); }
    }
    for (const jobs of byLeaf.values()) {
      if (jobs.length < 2) { continue; }
      const path = leafOf(plan.quotaTree, jobs[0].app.ref.namespace)!;
      const total = (resource: string) => jobs.reduce((n, j) => n + (j.quota!.resources.find(r => r.resource === resource)?.requested ?? 0), 0);
      const check = checkJobAgainstQuota(path, { cpuMillis: total(QUOTA_CPU), memoryMebibytes: total(QUOTA_MEMORY), gpus: total(QUOTA_GPU) });
      const alone = (f: 'exceedsMax' | 'exceedsMin') => jobs.some(j => j.quota![f]);
      const outcome = check.exceedsMax && !alone('exceedsMax') ? ScheduleCollisionOutcome.PENDING
        : check.exceedsMin && !alone('exceedsMin') ? ScheduleCollisionOutcome.BORROWED : undefined;
      if (!outcome) { continue; }
      const names = inOrder(jobs.map(j => scheduleOf(j.app.ref)).filter((r): r is ObjectRef => r !== undefined));
      out.push({
        ...base,
        kind: ScheduleCollisionKind.QUOTA,
        outcome,
        shared: `${describeRef(quotaTreeRef(plan.quotaTree))} ${check.leaf}`,
        runs: names,
        pendingPods: null,
        message: `runs of ${names.map(refName).join(', ')} start together in quota leaf ${check.leaf}; their requests together: ${describeQuotaCheck(check)}`
          + (outcome === ScheduleCollisionOutcome.PENDING ? '; the pods above max stay Pending until quota frees' : ''),
      });
    }
  }

  // Queues: runs that enter one queue together wait for it to admit them.
  const byQueue = new Map<string, ObjectRef[]>();
  for (const job of plan.jobs) {
    const queue = job.app.queue;
    if (!queue) { continue; }
    const key = queue.system === QueueSystem.KUEUE ? `Kueue LocalQueue ${job.app.ref.namespace}/${queue.name}` : `ack-kube-queue (suspended) in ${job.app.ref.namespace}`;
    const schedule = scheduleOf(job.app.ref);
    if (schedule) { byQueue.set(key, [...byQueue.get(key) ?? [], schedule]); }
  }
  for (const [key, queued] of byQueue) {
    if (queued.length < 2) { continue; }
    const names = inOrder(queued);
    out.push({
      ...base,
      kind: ScheduleCollisionKind.QUEUE,
      outcome: ScheduleCollisionOutcome.WAIT,
      shared: key,
      runs: names,
      pendingPods: null,
      message: `runs of ${names.map(refName).join(', ')} enter ${key} together: they wait until its quota (not in the input) admits them, one after another`,
    });
  }
  return out;
}

function refName(ref: ObjectRef): string {
  return `${ref.namespace}/${ref.name}`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `+08:00`, `-04:00`. */
function offsetText(seconds: number): string {
  const minutes = Math.abs(seconds) / 60;
  return `${seconds < 0 ? '-' : '+'}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}
