/**
 * The plan of a scope as a few lines of text for `toMatchSnapshot()`: one line per role, then the
 * job's findings, then the totals. Deterministic: jobs sorted by namespace and name (then
 * construct path), roles in the report's order (driver, executor), generated name hashes shown as
 * `<hash>`, no file paths, no timestamps, no free-text messages (codes only), so the snapshot
 * changes when the plan does and not when an unrelated part of the app does.
 */
import { PlannedJob, PlannedRole, ScopePlan } from './scope-plan';
import { DeadlinesPlan } from '../model/deadlines';
import { CostRange } from '../model/plan';
import { formatPercent } from '../private/units';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cost(range: CostRange, currency: string | null): string {
  const unit = currency ? ` ${currency}` : '';
  return range.atLeast === range.atMost
    ? `ECI cost ${range.atMost}${unit} per hour`
    : `ECI cost ${range.atLeast} to ${range.atMost}${unit} per hour`;
}

/** `start driver none, executor 30 min; run 120 min (3 runs); clean-up 86400 s`: the numbers of a job's deadlines. */
function deadlinesText(d: DeadlinesPlan): string {
  const start = d.start.map(s => {
    if (s.eciMaxPendingMinutes === null) { return `${s.role} none`; }
    return `${s.role} ${s.eciMaxPendingMinutes} min${s.explicit ? '' : ' (ECI default)'}${s.unboundedPods > 0 ? ` (${s.unboundedPods} may run off ECI)` : ''}`;
  }).join(', ');
  const runs = d.runMinutes === null || d.attempts === 1 ? '' : d.attempts === null ? ' (restarted without end)' : ` (${d.attempts} runs)`;
  return `start ${start}; run ${d.runMinutes === null ? 'none' : `${d.runMinutes} min`}${runs}; `
    + `clean-up ${d.cleanUpSeconds === null ? 'none' : `${d.cleanUpSeconds} s`}`;
}

function roleLine(plan: ScopePlan, id: string, job: PlannedJob, role: PlannedRole): string {
  const r = role.report;
  const segments: string[] = [];
  const policy = role.model.policy;
  const where = policy
    ? `ResourcePolicy ${policy.ref.namespace}/${plan.shownName(policy.ref.name)} (${r.placed.map(p => `${p.where} ${p.count}`).join(', ') || 'none placed'})`
    : r.placementText;
  let eci: string | undefined;
  if (r.eci) {
    eci = r.eci.fits && r.eci.billed !== null
      ? `ECI ${r.eci.billed}${r.eci.spot ? ' spot' : ''}${r.eci.unusedShare === null ? '' : ` (${formatPercent(r.eci.unusedShare)} unused)`}`
      : 'ECI cannot create the pods';
  }
  // `ECI` then `ECI 2-4Gi (…)` says it twice: an ECI-only role shows the size alone.
  if (eci === undefined || where !== 'ECI') { segments.push(where); }
  if (eci !== undefined) { segments.push(eci); }
  for (const p of job.report.pending.filter(g => g.role === role.name)) {
    segments.push(`${p.count} Pending (${p.reason.code}${p.dynamicAllocation ? ', dynamic allocation' : ''})`);
  }
  if (r.eciCostPerHour) { segments.push(cost(r.eciCostPerHour, plan.report.prices?.currency ?? null)); }
  const initial = r.initialPods < r.pods ? ` (${r.initialPods} at submission)` : '';
  return `${id} ${role.name} ×${r.pods}${initial}: ${segments.join(', ')}`;
}

/** The snapshot text of a plan. */
export function planSnapshot(plan: ScopePlan): string {
  const shown = plan.jobs.map(job => ({
    job,
    namespace: job.report.namespace,
    name: plan.shownName(job.report.name),
    kind: job.report.kind === 'SparkApplication' ? '' : ` (${job.report.kind})`,
  }));
  const seen = new Map<string, number>();
  for (const s of shown) { seen.set(`${s.namespace}/${s.name}`, (seen.get(`${s.namespace}/${s.name}`) ?? 0) + 1); }
  shown.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name) || compare(a.job.path, b.job.path));
  const out: string[] = [];
  for (const s of shown) {
    const base = `${s.namespace}/${s.name}`;
    const id = `${base}${s.kind}${seen.get(base)! > 1 ? ` at ${s.job.path}` : ''}`;
    for (const role of s.job.roles) { out.push(roleLine(plan, id, s.job, role)); }
    const r = s.job.report;
    // Admission lines, only for jobs that have them: a gang, a queue, a quota leaf.
    if (r.gang) {
      const held = r.gang.reachable ? '' : `, never assembles (${r.gang.cause})`;
      out.push(`${id} gang ${r.gang.group} (${r.gang.members.join(', ')}): ${r.gang.placeable} of ${r.gang.minAvailable} needed placeable${held}`);
    }
    if (r.queue) { out.push(`${id} queue: ${r.queue.system}${r.queue.name === null ? '' : ` ${r.queue.name}`}`); }
    if (r.quota) { out.push(`${id} quota ${r.quota.leaf}: ${r.quota.exceedsMax ? 'exceeds max' : r.quota.exceedsMin ? 'exceeds min' : 'within min'}`); }
    // Deadlines, only for jobs that set one or whose profile asks for them (as the table prints them).
    if (r.deadlines.set || r.deadlines.required) { out.push(`${id} deadlines: ${deadlinesText(r.deadlines)}`); }
    for (const p of r.problems) {
      out.push(`${id}: ${p.severity} ${p.code}${p.role === null ? '' : ` (${p.role})`}`);
    }
  }
  const t = plan.report.totals;
  const eci = t.eciPods.atLeast === t.eciPods.atMost ? `${t.eciPods.atMost}` : `${t.eciPods.atLeast} to ${t.eciPods.atMost}`;
  out.push(`total: ${t.jobs} job${t.jobs === 1 ? '' : 's'}, ${t.pods} pod${t.pods === 1 ? '' : 's'}, ${t.pendingPods} Pending, ${eci} on ECI`
    + `${t.eciCostPerHour ? `, ${cost(t.eciCostPerHour, plan.report.prices?.currency ?? null)}` : ''}`);
  return `${out.join('\n')}\n`;
}
