/**
 * How the `plan` command prints a report: an aligned table (per job: a header line, one row per
 * role, then Pending pods, suggestions and notes) or JSON with the same content.
 */
import { CostRange, JobPlan, PlanReport, RolePlan } from '../model/plan';
import { ECI_DEFAULT_EPHEMERAL_GIBIBYTES } from '../model/scratch-disk';
import { SparkPodSizing } from '../model/spark-pod-resources';
import { forTerminal } from '../private/terminal';

/** The report as pretty-printed JSON, with a trailing newline. */
export function renderJson(report: PlanReport): string {
  return `${JSON.stringify(report, undefined, 2)}\n`;
}

/**
 * The report as a table people read, with a trailing newline. Text from the manifests (names,
 * namespaces, file names, reasons, notes) goes through `forTerminal`: cells before the column
 * widths are measured, every other line as it is printed.
 */
export function renderTable(report: PlanReport): string {
  if (report.jobs.length === 0) {
    return 'No SparkApplication or ScheduledSparkApplication found.\n';
  }
  const priced = report.prices !== null;
  const currency = report.prices?.currency ? ` (${report.prices.currency})` : '';
  const header = ['ROLE', 'PODS', 'PLACEMENT', 'CPU', 'MEMORY', 'ECI SIZE', 'UNUSED', 'PENDING', ...(priced ? [`ECI COST/H${currency}`] : [])].map(forTerminal);
  const rows = report.jobs.map(job => job.roles.map(role => roleRow(role, priced).map(forTerminal)));
  // One set of widths for every job, so the columns line up down the whole output.
  const widths = header.map((h, c) => Math.max(h.length, ...rows.flat().map(r => r[c].length)));
  const line = (cells: string[]) => `  ${cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}`.trimEnd();

  const out: string[] = [];
  report.jobs.forEach((job, j) => {
    if (j > 0) { out.push(''); }
    out.push(jobHeader(job));
    if (job.resourcePolicy) {
      const units = job.resourcePolicy.units.map(u => `${u.resource} max ${u.max ?? '-'}`).join(', ');
      out.push(`  ResourcePolicy ${job.resourcePolicy.namespace}/${job.resourcePolicy.name}: units ${units}`);
    }
    if (job.gang) {
      const g = job.gang;
      out.push(`  Gang ${g.group}: min-available ${g.minAvailable}, ${g.placeable} of ${g.pods} pods placeable`
        + `${g.reachable ? '' : ': none of the pods start'}`);
    }
    if (job.quota) {
      out.push(`  ElasticQuotaTree ${job.quota.tree.namespace}/${job.quota.tree.name}, leaf ${job.quota.leaf}: ${job.quota.message}`);
    }
    out.push(line(header));
    out.push(...rows[j].map(line));
    for (const problem of job.problems) { out.push(`  ${problem.severity === 'ERROR' ? 'error  ' : 'warning'}     ${problem.message}`); }
    for (const pending of job.pending) { out.push(`  pending     ${pending.message}`); }
    for (const s of job.suggestions) { out.push(`  suggestion  ${s.role}: ${s.text}`); }
    for (const note of job.notes) { out.push(`  note        ${note}`); }
    const disk = diskLine(job);
    if (disk) { out.push(`  disk        ${disk}`); }
    if (job.spotReclaim) { out.push(`  spot        ${job.spotReclaim}`); }
  });

  const t = report.totals;
  const eciPods = t.eciPods.atLeast === t.eciPods.atMost ? `${t.eciPods.atMost}` : `${t.eciPods.atLeast} to ${t.eciPods.atMost}`;
  let total = `${t.jobs} job${t.jobs === 1 ? '' : 's'}, ${t.pods} pods: ${eciPods} on ECI, ${t.pendingPods} Pending`;
  if (t.errors + t.warnings > 0) { total += `; ${t.errors} error${t.errors === 1 ? '' : 's'}, ${t.warnings} warning${t.warnings === 1 ? '' : 's'}`; }
  if (t.eciCostPerHour) {
    total += `; ECI cost ${cost(t.eciCostPerHour)}${report.prices?.currency ? ` ${report.prices.currency}` : ''} per hour`;
  }
  out.push('', total);
  for (const a of report.assumptions) { out.push(`assumes: ${a}`); }
  if (report.prices) {
    const p = report.prices;
    out.push(`prices: ${p.pricePerVcpuHour} per vCPU-hour, ${p.pricePerGibHour} per GiB-hour${p.spotDiscount !== null ? `, spot ${Math.round(p.spotDiscount * 1000) / 10}% off` : ''}`
      + `${p.currency ? ` (${p.currency})` : ''}; ECS capacity is not priced`);
  }
  return `${out.map(forTerminal).join('\n')}\n`;
}

/** Scratch and ECI disk of the roles that have scratch volumes or extra ECI disk; undefined when none has. */
function diskLine(job: JobPlan): string | undefined {
  const parts = job.roles.filter(r => r.disk.scratch.length > 0 || (r.disk.eciBilledExtraGibibytes ?? 0) > 0).map(r => {
    const d = r.disk;
    const scratch = d.scratch.length > 0 ? `scratch ${d.scratch.join(', ')}` : 'default scratch';
    const eci = d.eciEphemeralGibibytes === null ? ''
      : `; ECI disk ${d.eciEphemeralGibibytes} GiB per pod, ${d.eciBilledExtraGibibytes} GiB billed above the free ${ECI_DEFAULT_EPHEMERAL_GIBIBYTES} GiB`;
    return `${r.role}: ${scratch}${eci}`;
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function jobHeader(job: JobPlan): string {
  const schedule = job.schedule !== null ? `, schedule "${job.schedule}"` : '';
  return `${job.kind} ${job.namespace}/${job.name}  (${job.source.file ?? job.source.path}${job.source.document === null ? '' : `, document ${job.source.document}`}${schedule})`;
}

function roleRow(role: RolePlan, priced: boolean): string[] {
  const r = role.request;
  const cpu = SparkPodSizing.formatCpuMillis(r.cpuMillis) + (r.cpuLimitMillis !== null && r.cpuLimitMillis !== r.cpuMillis
    ? ` (limit ${SparkPodSizing.formatCpuMillis(r.cpuLimitMillis)})` : '');
  const memory = `${r.memoryMebibytes}Mi` + (r.memoryLimitMebibytes !== r.memoryMebibytes ? ` (limit ${r.memoryLimitMebibytes}Mi)` : '');
  const eci = role.eci;
  const size = eci === null ? '-' : eci.billed === null ? 'none fits' : `${eci.billed}${eci.spot ? ' spot' : ''}`;
  const unused = eci === null || eci.unusedShare === null ? '-'
    : `${pct(eci.unusedShare)} (cpu ${pct(eci.unusedVcpuShare!)}, mem ${pct(eci.unusedMemoryShare!)})`;
  const row = [role.role, String(role.pods), role.placementText, cpu, memory, size, unused, String(role.pendingPods)];
  if (priced) {
    row.push(role.eciCostPerHour === null ? '-' : cost(role.eciCostPerHour));
  }
  return row;
}

/** `0.4936`, or `0 to 0.9872` when soft placement may or may not put pods on ECI. */
function cost(range: CostRange): string {
  const f = (n: number) => String(Math.round(n * 10_000) / 10_000);
  return range.atLeast === range.atMost ? f(range.atMost) : `${f(range.atLeast)} to ${f(range.atMost)}`;
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
