/**
 * The words of a plan report, shared by every output format (table, Markdown, HTML): the
 * columns of a role, the job's title, the totals line, the prices line. Each renderer adds only
 * its own markup and its own escaping (`forTerminal`, Markdown, HTML) to these strings, so the
 * formats say the same thing in the same words.
 */
import { CostRange, JobPlan, ObjectPlan, PendingPlan, PlacedPlan, PlanReport, RolePlan } from '../model/plan';
import { ECI_DEFAULT_EPHEMERAL_GIBIBYTES } from '../model/scratch-disk';
import { SparkPodSizing } from '../model/spark-pod-resources';
import { formatPercent } from '../private/units';

/** What every format prints for input without a Spark job. */
export const NO_JOBS_TEXT = 'No SparkApplication or ScheduledSparkApplication found.';

/** The column headers of the per-role table; the cost column only when prices were given. */
export function roleColumns(report: PlanReport): string[] {
  const currency = report.prices?.currency ? ` (${report.prices.currency})` : '';
  return ['ROLE', 'PODS', 'PLACEMENT', 'CPU', 'MEMORY', 'ECI SIZE', 'UNUSED', 'PENDING', ...(report.prices !== null ? [`ECI COST/H${currency}`] : [])];
}

/** One role's cells, in the order of `roleColumns()`. */
export function roleCells(role: RolePlan, priced: boolean): string[] {
  const r = role.request;
  const cpu = SparkPodSizing.formatCpuMillis(r.cpuMillis) + (r.cpuLimitMillis !== null && r.cpuLimitMillis !== r.cpuMillis
    ? ` (limit ${SparkPodSizing.formatCpuMillis(r.cpuLimitMillis)})` : '');
  const memory = `${r.memoryMebibytes}Mi` + (r.memoryLimitMebibytes !== r.memoryMebibytes ? ` (limit ${r.memoryLimitMebibytes}Mi)` : '');
  const row = [role.role, String(role.pods), role.placementText, cpu, memory, eciSizeText(role), unusedText(role), String(role.pendingPods)];
  if (priced) {
    row.push(role.eciCostPerHour === null ? '-' : costText(role.eciCostPerHour));
  }
  return row;
}

/** `2-8Gi`, `2-8Gi spot`, `none fits`, or `-` for a role that never runs on ECI. */
export function eciSizeText(role: RolePlan): string {
  const eci = role.eci;
  return eci === null ? '-' : eci.billed === null ? 'none fits' : `${eci.billed}${eci.spot ? ' spot' : ''}`;
}

/** `26.3% (cpu 40.0%, mem 12.5%)`, or `-`. */
export function unusedText(role: RolePlan): string {
  const eci = role.eci;
  return eci === null || eci.unusedShare === null ? '-'
    : `${formatPercent(eci.unusedShare)} (cpu ${formatPercent(eci.unusedVcpuShare!)}, mem ${formatPercent(eci.unusedMemoryShare!)})`;
}

/** `SparkApplication default/spark-pi`. */
export function jobTitle(job: JobPlan): string {
  return `${job.kind} ${job.namespace}/${job.name}`;
}

/** `spark-pi.yaml, document 2, schedule "0 3 * * *"`: where the job was read from. */
export function jobSourceText(job: JobPlan): string {
  const schedule = job.schedule !== null ? `, schedule "${job.schedule}"` : '';
  return `${job.source.file ?? job.source.path}${job.source.document === null ? '' : `, document ${job.source.document}`}${schedule}`;
}

/** `ResourcePolicy default/p: units ecs max 2, eci max 3`, or undefined without a policy. */
export function resourcePolicyText(job: JobPlan): string | undefined {
  if (!job.resourcePolicy) { return undefined; }
  const units = job.resourcePolicy.units.map(u => `${u.resource} max ${u.max ?? '-'}`).join(', ');
  return `ResourcePolicy ${job.resourcePolicy.namespace}/${job.resourcePolicy.name}: units ${units}`;
}

/**
 * What decides whether and when the job starts, one line each, only for what it has: its queue
 * (`Queue: Kueue LocalQueue batch: ...`), its gang (`Gang etl: executors only, min-available 5,
 * 4 of 5 pods placeable: never assembles (...)`) and its quota leaf (`ElasticQuotaTree
 * kube-system/t, leaf root.children[0]: exceeds max, ...`).
 */
export function admissionTexts(job: JobPlan): string[] {
  const out: string[] = [];
  if (job.queue) { out.push(`Queue: ${job.queue.message}`); }
  if (job.gang) { out.push(`Gang ${job.gang.group}: ${job.gang.message}`); }
  if (job.quota) { out.push(`ElasticQuotaTree ${job.quota.tree.namespace}/${job.quota.tree.name}, leaf ${job.quota.leaf}: ${job.quota.message}`); }
  return out;
}

/** What each role's first run pays on ECI, `driver and executor: every pod pulls ...`: roles that read the same share a line. */
export function coldStartTexts(job: JobPlan): string[] {
  const roles = new Map<string, string[]>();
  for (const start of job.coldStart) { roles.set(start.message, [...roles.get(start.message) ?? [], start.role]); }
  return [...roles].map(([message, names]) => `${names.join(' and ')}: ${message}`);
}

/**
 * The job's deadlines (start, run, clean-up), one line each, for a job that sets one or whose
 * cluster profile asks for them; none otherwise (the limit ECI puts on its pods by default is in
 * the cold start line).
 */
export function deadlineTexts(job: JobPlan): string[] {
  return job.deadlines.set || job.deadlines.required ? job.deadlines.messages : [];
}

/**
 * Scratch space and ECI disk of each role that has scratch volumes or extra ECI disk, one line
 * per role: `executor: scratch 100Gi ...; ECI disk 130 GiB per pod, 100 GiB billed above the free
 * 30 GiB`. Empty when no role has either.
 */
export function diskTexts(job: JobPlan): string[] {
  return job.roles.filter(r => r.disk.scratch.length > 0 || (r.disk.eciBilledExtraGibibytes ?? 0) > 0).map(r => {
    const d = r.disk;
    const scratch = d.scratch.length > 0 ? `scratch ${d.scratch.join(', ')}` : 'default scratch';
    const eci = d.eciEphemeralGibibytes === null ? ''
      : `; ECI disk ${d.eciEphemeralGibibytes} GiB per pod, ${d.eciBilledExtraGibibytes} GiB billed above the free ${ECI_DEFAULT_EPHEMERAL_GIBIBYTES} GiB, `
        + `${d.eciScratchGibibytes} GiB left after the image`;
    return `${r.role}: ${scratch}${eci}`;
  });
}

/** `2 jobs, 9 pods: 6 on ECI, 1 Pending; 1 error, 0 warnings; ECI cost 2.8 CNY per hour`. */
export function totalsText(report: PlanReport): string {
  const t = report.totals;
  const eciPods = t.eciPods.atLeast === t.eciPods.atMost ? `${t.eciPods.atMost}` : `${t.eciPods.atLeast} to ${t.eciPods.atMost}`;
  let total = `${plural(t.jobs, 'job')}, ${t.pods} pods: ${eciPods} on ECI, ${t.pendingPods} Pending`;
  if (t.errors + t.warnings > 0) { total += `; ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}`; }
  if (t.eciCostPerHour) {
    total += `; ECI cost ${costText(t.eciCostPerHour)}${report.prices?.currency ? ` ${report.prices.currency}` : ''} per hour`;
  }
  return total;
}

/** `prices: 0.2 per vCPU-hour, ...; ECS capacity is not priced`, or undefined without prices. */
export function pricesText(report: PlanReport): string | undefined {
  const p = report.prices;
  if (!p) { return undefined; }
  return `prices: ${p.pricePerVcpuHour} per vCPU-hour, ${p.pricePerGibHour} per GiB-hour${p.spotDiscount !== null ? `, spot ${Math.round(p.spotDiscount * 1000) / 10}% off` : ''}`
    + `${p.currency ? ` (${p.currency})` : ''}; ECS capacity is not priced`;
}

/**
 * Whether the plan is clean: no pod stays Pending and no problem is an error. The command exits
 * 0 for a clean plan and 1 otherwise; the Markdown and HTML summaries say the same.
 */
export function planIsClean(report: PlanReport): boolean {
  return report.totals.errors === 0;
}

/** `error`, `warning` or `accepted`, for a finding's verdict. */
export function severityText(severity: string): string {
  return severity === 'ERROR' ? 'error' : severity === 'WARNING' ? 'warning' : 'accepted';
}

/** A run of Pending pods in words, with its verdict when the job's decision (or the defaults) made it less than an error. */
export function pendingText(pending: PendingPlan): string {
  return pending.severity === 'ERROR' ? pending.message : `${pending.message} (${severityText(pending.severity)})`;
}

/** `Role team/spark-driver (dist/app.k8s.yaml: document 3)`: an object other than a job. */
export function objectTitle(object: ObjectPlan): string {
  const where = object.source.path ?? (object.source.file === null ? null
    : `${object.source.file}${object.source.document === null ? '' : `: document ${object.source.document}`}`);
  return `${object.kind} ${object.namespace === '' ? '' : `${object.namespace}/`}${object.name}${where === null ? '' : ` (${where})`}`;
}

/** One line per problem of the objects other than jobs: `error: Role team/x (...): metadata.name must be ...`. */
export function objectProblemTexts(report: PlanReport): string[] {
  return report.objects.flatMap(o => o.problems.map(p => `${severityText(p.severity)}: ${objectTitle(o)}: ${p.message}`));
}

/** `1 Pending pod, 1 error`: what in a job needs a look, or undefined when nothing does. */
export function jobFindingsText(job: JobPlan): string | undefined {
  const pending = job.roles.reduce((n, r) => n + r.pendingPods, 0);
  const errors = job.problems.filter(p => p.severity === 'ERROR').length;
  const warnings = job.problems.length - errors;
  const parts = [
    ...(pending > 0 ? [`${pending} Pending pod${pending === 1 ? '' : 's'}`] : []),
    ...(errors > 0 ? [plural(errors, 'error')] : []),
    ...(warnings > 0 ? [plural(warnings, 'warning')] : []),
  ];
  return parts.length === 0 ? undefined : parts.join(', ');
}

/** Where a placed group runs, in words: `ecs unit 0`, or `ECS`, `ECI`, `ECS or ECI` by the pods' own constraints. */
export function placedText(placed: PlacedPlan): string {
  if (placed.unitIndex !== null) { return `${placed.where} unit ${placed.unitIndex}`; }
  return placed.where === 'ECS_OR_ECI' ? 'ECS or ECI' : placed.where;
}

/** `0.4936`, or `0 to 0.9872` when soft placement may or may not put pods on ECI. */
export function costText(range: CostRange): string {
  const f = (n: number) => String(Math.round(n * 10_000) / 10_000);
  return range.atLeast === range.atMost ? f(range.atMost) : `${f(range.atLeast)} to ${f(range.atMost)}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
