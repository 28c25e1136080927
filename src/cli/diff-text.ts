/**
 * The words of a plan diff (`plan --compare`), shared by its table, Markdown and HTML formats:
 * the summary, a job's title, one line per changed role, problems added and removed, Pending
 * reasons, quota pressure and cost. Each renderer adds only its markup and escaping.
 */
import { costText, severityText } from './report-text';
import { BeforeAfter, JobChange, JobDiff, PlanDiff, PodsByPlace, QuotaPressure, RoleDiff } from '../model/plan-diff';
import { CostRange } from '../model/plan-report';

/** What every format prints when neither side has a Spark job. */
export const NO_JOBS_EITHER_SIDE_TEXT = 'No SparkApplication or ScheduledSparkApplication on either side.';

/** `→`, between the value before and the value after. */
export const ARROW = '→';

/** `the change adds 2 Pending pods and 1 error` or `the change adds no Pending pods and no errors`. */
export function verdictText(diff: PlanDiff): string {
  const t = diff.totals;
  if (!diff.addsPendingOrErrors) { return 'the change adds no Pending pods and no errors'; }
  const parts = [
    ...(t.pendingPodsAdded > 0 ? [plural(t.pendingPodsAdded, 'Pending pod')] : []),
    ...(t.errorsAdded > 0 ? [plural(t.errorsAdded, 'error')] : []),
  ];
  return `the change adds ${parts.join(' and ')}`;
}

/** `2 jobs changed, 1 added, 0 removed, 5 unchanged`. */
export function jobCountsText(diff: PlanDiff): string {
  const t = diff.totals;
  return `${plural(t.jobsChanged, 'job')} changed, ${t.jobsAdded} added, ${t.jobsRemoved} removed, ${t.jobsUnchanged} unchanged`;
}

/**
 * The totals before and after, one row each: `[what, before, after, change]`, only the rows
 * that differ, plus the Pending pods and errors rows always (the exit code reads them).
 */
export function totalsRows(diff: PlanDiff): string[][] {
  const b = diff.totals.before;
  const a = diff.totals.after;
  const currency = diff.prices?.currency ? ` (${diff.prices.currency})` : '';
  const rows: string[][] = [
    ['jobs', String(b.jobs), String(a.jobs), signed(a.jobs - b.jobs)],
    ['pods', String(b.pods), String(a.pods), signed(a.pods - b.pods)],
    ['Pending pods', String(b.pendingPods), String(a.pendingPods), addedRemoved(diff.totals.pendingPodsAdded, diff.totals.pendingPodsRemoved)],
    ['errors', String(b.errors), String(a.errors), addedRemoved(diff.totals.errorsAdded, diff.totals.errorsRemoved)],
    ['warnings', String(b.warnings), String(a.warnings), addedRemoved(diff.totals.warningsAdded, diff.totals.warningsRemoved)],
    ['ECI pods', rangeText(b.eciPods), rangeText(a.eciPods), rangeDelta(b.eciPods, a.eciPods)],
  ];
  if (b.eciCostPerHour && a.eciCostPerHour) {
    rows.push([`ECI cost per hour${currency}`, costText(b.eciCostPerHour), costText(a.eciCostPerHour), costDelta(b.eciCostPerHour, a.eciCostPerHour)]);
  }
  return rows.filter(r => r[1] !== r[2] || r[0] === 'Pending pods' || r[0] === 'errors');
}

/** The column headers of `totalsRows()`. */
export const TOTALS_COLUMNS = ['', 'BEFORE', 'AFTER', 'CHANGE'];

/** `SparkApplication default/spark-pi`. */
export function diffJobTitle(job: JobDiff): string {
  return `${job.kind} ${job.namespace}/${job.name}`;
}

/** `added`, `removed`, `changed`. */
export function changeText(job: JobDiff): string {
  return job.change === JobChange.ADDED ? 'added' : job.change === JobChange.REMOVED ? 'removed' : 'changed';
}

/** `adds 1 Pending pod, 1 error`, or undefined when the job adds neither. */
export function jobVerdictText(job: JobDiff): string | undefined {
  if (!job.addsPendingOrErrors) { return undefined; }
  const errors = job.errorsAdded;
  const parts = [
    ...(job.pendingPodsAdded > 0 ? [plural(job.pendingPodsAdded, 'Pending pod')] : []),
    ...(errors > 0 ? [plural(errors, 'error')] : []),
  ];
  return `adds ${parts.join(', ')}`;
}

/** `dist/spark-pi.k8s.yaml, document 2` (after, else before). */
export function diffSourceText(job: JobDiff): string {
  const s = job.source.after ?? job.source.before!;
  return `${s.file ?? s.path}${s.document === null ? '' : `, document ${s.document}`}`;
}

/** `ECS 2, ECI 3, Pending 1`: where a role's pods run. */
export function placesText(places: PodsByPlace): string {
  const parts = [
    ...(places.ecs > 0 ? [`ECS ${places.ecs}`] : []),
    ...(places.eci > 0 ? [`ECI ${places.eci}`] : []),
    ...(places.ecsOrEci > 0 ? [`ECS or ECI ${places.ecsOrEci}`] : []),
    ...(places.elastic > 0 ? [`elastic ${places.elastic}`] : []),
    ...(places.acs > 0 ? [`ACS ${places.acs}`] : []),
    ...(places.pending > 0 ? [`Pending ${places.pending}`] : []),
  ];
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/**
 * One line per role: what changed (`executor: pods 5 → 6; ECS 2, ECI 3, Pending 1 → ECS 2, ECI
 * 3, Pending 2; ECI size 2-1Gi → 2-1Gi spot`), or, for an added or removed job, what it has.
 */
export function roleDiffText(role: RoleDiff, currency: string | null): string | undefined {
  const unit = currency ? ` ${currency}` : '';
  const parts: string[] = [];
  const one = role.pods.before === null || role.pods.after === null;
  if (one) {
    const side = role.pods.after === null ? 'before' : 'after';
    const places = role.places[side]!;
    parts.push(`${plural(role.pods[side]!, 'pod')}: ${placesText(places)}`);
    const size = sizeText(role.billed[side], role.spot[side]);
    if (size) { parts.push(`ECI size ${size}`); }
    const cost = role.eciCostPerHour[side];
    if (cost) { parts.push(`ECI cost per hour ${costText(cost)}${unit}`); }
    return `${role.role}: ${parts.join('; ')}`;
  }
  if (!role.changed) { return undefined; }
  if (role.pods.before !== role.pods.after) { parts.push(`pods ${role.pods.before} ${ARROW} ${role.pods.after}`); }
  const places = { before: placesText(role.places.before!), after: placesText(role.places.after!) };
  if (places.before !== places.after) { parts.push(`${places.before} ${ARROW} ${places.after}`); }
  const size = { before: sizeText(role.billed.before, role.spot.before) ?? 'not on ECI', after: sizeText(role.billed.after, role.spot.after) ?? 'not on ECI' };
  if (size.before !== size.after) { parts.push(`ECI size ${size.before} ${ARROW} ${size.after}`); }
  const cost = role.eciCostPerHour;
  if (!sameCost(cost)) {
    parts.push(`ECI cost per hour ${cost.before ? costText(cost.before) : '-'} ${ARROW} ${cost.after ? costText(cost.after) : '-'}${unit}`
      + (cost.before && cost.after ? percentChange(cost.before, cost.after) : ''));
  }
  const start = role.coldStart;
  if ((start.before?.source ?? null) !== (start.after?.source ?? null)) {
    parts.push(`cold start ${start.before?.source ?? 'not on ECI'} ${ARROW} ${start.after?.source ?? 'not on ECI'}`);
  }
  if (parts.length === 0 && role.placementText.before !== role.placementText.after) {
    parts.push(`${role.placementText.before} ${ARROW} ${role.placementText.after}`);
  }
  return parts.length === 0 ? undefined : `${role.role}: ${parts.join('; ')}`;
}

/** `executor Pending for SHARED_BUDGET: 0 → 2`, for each reason whose count differs. */
export function pendingReasonTexts(job: JobDiff): string[] {
  return job.pendingReasons.filter(p => p.before !== p.after)
    .map(p => `${p.role} Pending for ${p.code}: ${p.before} ${ARROW} ${p.after}`);
}

/** `+ error POLICY_OVERLAP (driver): message` and `- warning ...`: problems added, then removed. */
export function problemTexts(job: JobDiff): Array<{ readonly added: boolean; readonly text: string }> {
  const text = (p: JobDiff['problemsAdded'][number]) => `${severityText(p.severity)} ${p.code}${p.role === null ? '' : ` (${p.role})`}: ${p.message}`;
  return [
    ...job.problemsAdded.map(p => ({ added: true, text: text(p) })),
    ...job.problemsRemoved.map(p => ({ added: false, text: text(p) })),
  ];
}

/**
 * The job's requests against its quota leaf, when either side has one and they differ:
 * `quota kube-system/t root.children[0]: cpu 3000 → 5000 millicores (min 4000, max 8000); now exceeds min`.
 */
export function quotaText(job: JobDiff): string | undefined {
  const q = job.quota;
  if (JSON.stringify(q.before) === JSON.stringify(q.after)) { return undefined; }
  const side = q.after ?? q.before!;
  const head = `quota ${side.tree} ${side.leaf}`;
  if (q.before === null) { return `${head}: ${pressure(q.after!)} (new)`; }
  if (q.after === null) { return `${head}: no longer under the quota (was ${pressure(q.before)})`; }
  const resources = q.after.resources.filter(r => !unused(r, q.before!)).map(r => {
    const old = q.before!.resources.find(o => o.resource === r.resource);
    const requested = old && old.requested !== r.requested ? `${old.requested} ${ARROW} ${r.requested}` : String(r.requested);
    return `${r.resource} ${requested} ${r.unit} (min ${r.min}, max ${r.max ?? 'none'})`;
  });
  return `${head}: ${resources.join('; ')}; ${stateText(q.before)} ${ARROW} ${stateText(q.after)}`;
}

/** `ECI cost per hour 0.5 → 0.6 CNY (+20.0%)`, when the job's cost differs. */
export function jobCostText(job: JobDiff, currency: string | null): string | undefined {
  const c = job.eciCostPerHour;
  if (sameCost(c) || (c.before === null && c.after === null)) { return undefined; }
  return `ECI cost per hour ${c.before ? costText(c.before) : '-'} ${ARROW} ${c.after ? costText(c.after) : '-'}${currency ? ` ${currency}` : ''}`
    + (c.before && c.after ? percentChange(c.before, c.after) : '');
}

/** Every line of a job's changes, in the order every format prints them. */
export function jobChangeLines(job: JobDiff, currency: string | null): Array<{ readonly kind: string; readonly text: string }> {
  const lines: Array<{ kind: string; text: string }> = [];
  if (job.schedule.before !== job.schedule.after && job.change === JobChange.CHANGED) {
    lines.push({ kind: 'schedule', text: `schedule "${job.schedule.before}" ${ARROW} "${job.schedule.after}"` });
  }
  for (const role of job.roles) {
    const text = roleDiffText(role, currency);
    if (text) { lines.push({ kind: 'role', text }); }
  }
  if (job.change === JobChange.CHANGED) {
    for (const text of pendingReasonTexts(job)) { lines.push({ kind: 'pending', text }); }
  }
  for (const p of problemTexts(job)) { lines.push({ kind: p.added ? 'added' : 'removed', text: p.text }); }
  const quota = quotaText(job);
  if (quota) { lines.push({ kind: 'quota', text: quota }); }
  const cost = job.change === JobChange.CHANGED ? jobCostText(job, currency) : undefined;
  if (cost) { lines.push({ kind: 'cost', text: cost }); }
  if (job.spotReclaim.before !== job.spotReclaim.after && job.change === JobChange.CHANGED) {
    lines.push({ kind: 'spot', text: `spot reclaim: ${job.spotReclaim.after ?? 'the executors no longer ask for spot ECI'}` });
  }
  if (job.change === JobChange.CHANGED) {
    // The deadline sentences that differ, as AFTER says them (`run: no limit` where one went away).
    const before = job.deadlines.before ?? [];
    for (const text of job.deadlines.after ?? []) {
      if (!before.includes(text)) { lines.push({ kind: 'deadline', text: `deadline ${text}` }); }
    }
  }
  return lines;
}

/** The markers each kind of line starts with in the table: `+` for what the change adds, `-` for what it removes. */
export const LINE_MARKERS: { readonly [kind: string]: string } = {
  schedule: '~', role: '~', pending: '~', added: '+', removed: '-', quota: '~', cost: '~', spot: '~', deadline: '~',
};

/** `+0.1234 (+12.5%)`. */
export function costDelta(before: CostRange, after: CostRange): string {
  const d = after.atMost - before.atMost;
  const sign = d > 0 ? '+' : d < 0 ? '-' : '±';
  const abs = Math.round(Math.abs(d) * 10_000) / 10_000;
  const pct = before.atMost === 0 ? '' : ` (${sign}${(Math.round(Math.abs(d) / before.atMost * 1000) / 10).toFixed(1)}%)`;
  return `${sign}${abs}${pct}`;
}

/** `, -70.0%`: the change of the most a cost can be, or nothing when it was 0. */
function percentChange(before: CostRange, after: CostRange): string {
  if (before.atMost === 0) { return ''; }
  const pct = Math.round((after.atMost - before.atMost) / before.atMost * 1000) / 10;
  return `, ${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

/** Jobs in the order the formats show them: those that add Pending pods or errors first, then the rest, each in the diff's order. */
export function jobsByConcern(diff: PlanDiff): JobDiff[] {
  return [...diff.jobs.filter(j => j.addsPendingOrErrors), ...diff.jobs.filter(j => !j.addsPendingOrErrors)];
}

function sizeText(billed: string | null, spot: boolean | null): string | undefined {
  if (spot === null) { return undefined; }
  return billed === null ? 'none fits' : `${billed}${spot ? ' spot' : ''}`;
}

/** A resource neither side requests and the leaf does not cap (GPUs, mostly): left out of the line. */
function unused(r: QuotaPressure['resources'][number], other: QuotaPressure | null): boolean {
  const old = other?.resources.find(o => o.resource === r.resource);
  return r.requested === 0 && (old?.requested ?? 0) === 0 && r.min === 0 && r.max === null;
}

function pressure(q: QuotaPressure): string {
  return `${q.resources.filter(r => !unused(r, null)).map(r => `${r.resource} ${r.requested} ${r.unit} (min ${r.min}, max ${r.max ?? 'none'})`).join('; ')}; ${stateText(q)}`;
}

function stateText(q: QuotaPressure): string {
  return q.exceedsMax ? 'exceeds max' : q.exceedsMin ? 'exceeds min' : 'within min';
}

function sameCost(c: BeforeAfter<CostRange | null>): boolean {
  return JSON.stringify(c.before) === JSON.stringify(c.after);
}

function rangeText(r: { atLeast: number; atMost: number }): string {
  return r.atLeast === r.atMost ? String(r.atMost) : `${r.atLeast} to ${r.atMost}`;
}

function rangeDelta(b: { atLeast: number; atMost: number }, a: { atLeast: number; atMost: number }): string {
  return b.atLeast === b.atMost && a.atLeast === a.atMost ? signed(a.atMost - b.atMost)
    : `${signed(a.atLeast - b.atLeast)} to ${signed(a.atMost - b.atMost)}`;
}

function addedRemoved(added: number, removed: number): string {
  return added === 0 && removed === 0 ? '0' : [...(added > 0 ? [`+${added}`] : []), ...(removed > 0 ? [`-${removed}`] : [])].join(' ');
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
