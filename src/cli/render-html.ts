/**
 * The `html` format of the `plan` command: one self-contained page (inline CSS and SVG, no
 * script, no request to any server; a Content-Security-Policy says so to the browser). Per job:
 * a picture with one bar per role, its pods grouped by where they run (a ResourcePolicy unit,
 * ECS, ECI) and the Pending ones in red, the billed ECI size against the request (the unused
 * share) and the ECI cost per hour when prices were given; then the role table of the text
 * format and the job's problems, Pending pods, suggestions and notes. Every text from the report
 * goes through `htmlText`. Written piece by piece (`htmlChunks()`), as the JSON format is.
 */
import { htmlPageStart } from './html-page';
import {
  admissionTexts, coldStartTexts, costText, deadlineTexts, diskTexts, jobFindingsText, jobSourceText, jobTitle, NO_JOBS_TEXT, objectProblemTexts,
  pendingText, placedText, planIsClean, pricesText, resourcePolicyText, roleCells, roleColumns, severityText, totalsText,
} from './report-text';
import { JobPlan, PlanReport, RolePlan } from '../model/plan';
import { htmlText } from '../private/escape';
import { formatPercent } from '../private/units';

const STYLE = `
:root { color-scheme: light; --ecs: #2f6fdb; --eci: #e8912d; --elastic: #7b4fc9; --acs: #1a9c8c; --either: #8a94a6; --pending: #d1242f; --unused: #e6e8ec; --ok: #1a7f37; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px auto; max-width: 1120px; padding: 0 16px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 2px; overflow-wrap: anywhere; }
h3 { font-size: 14px; margin: 14px 0 4px; }
.summary { font-size: 15px; margin: 0 0 12px; }
.status { display: inline-block; border-radius: 10px; padding: 0 8px; color: #fff; font-size: 12px; font-weight: 600; vertical-align: 2px; }
.status.clean { background: var(--ok); }
.status.attention { background: var(--pending); }
.job { border: 1px solid #d0d7de; border-radius: 8px; padding: 14px 16px; margin: 16px 0; }
.job.attention { border-color: var(--pending); }
.source, .policy, .admission, .muted { color: #59636e; margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin-top: 10px; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; }
ul { margin: 0; padding-left: 20px; }
li { overflow-wrap: anywhere; }
ul.pending li, ul.errors li { color: var(--pending); }
nav ul { columns: 2; }
.legend span { display: inline-block; margin-right: 14px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
svg { display: block; margin-top: 10px; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1f2328; }
svg text.caption { fill: #59636e; font-size: 11px; }
svg text.role { font-weight: 600; }
svg text.in { fill: #fff; font-size: 11px; font-weight: 600; }
svg text.bad { fill: var(--pending); }
.seg { stroke: #fff; stroke-width: 1; }
.ecs { fill: var(--ecs); background: var(--ecs); }
.eci { fill: var(--eci); background: var(--eci); }
.elastic { fill: var(--elastic); background: var(--elastic); }
.acs { fill: var(--acs); background: var(--acs); }
.either { fill: var(--either); background: var(--either); }
.pending-seg { fill: var(--pending); background: var(--pending); }
.unused { fill: var(--unused); background: var(--unused); stroke: #c5cad3; stroke-width: 1; }
.none { fill: none; stroke: #c5cad3; stroke-dasharray: 4 3; }
`;

/** The picture's geometry, in SVG user units (pixels at 100%). */
const ROW = 62;
const TOP = 22;
const PODS_X = 120;
const PODS_W = 360;
const ECI_X = 510;
const ECI_BAR_X = 545;
const ECI_W = 190;
const COST_X = 760;
const BAR_H = 28;
/** Roughly the width of one character of the 11px bold label, to tell whether a label fits its segment. */
const CHAR_W = 6.8;

/** The report as one HTML page, with a trailing newline: `htmlChunks()` joined. */
export function renderHtml(report: PlanReport): string {
  return Array.from(htmlChunks(report)).join('');
}

/**
 * The page in pieces: the head and the summary, the table of contents, one per job, then the
 * legend, the footer and the end of the page; the command writes them one at a time.
 */
export function* htmlChunks(report: PlanReport): Generator<string> {
  const clean = planIsClean(report);
  const summary = report.jobs.length === 0 ? NO_JOBS_TEXT : totalsText(report);
  yield lines([
    ...htmlPageStart(`cdk8s-spark-eci plan: ${summary}`, STYLE),
    '<header>',
    '<h1>cdk8s-spark-eci plan</h1>',
    `<p class="summary">${report.jobs.length === 0 ? '' : `<span class="status ${clean ? 'clean' : 'attention'}">${clean ? 'clean' : 'Pending pods or errors'}</span> `}${htmlText(summary)}</p>`,
    '</header>',
  ]);
  if (report.jobs.length > 1) {
    yield lines(['<nav><ul>', ...report.jobs.map((job, j) => {
      const findings = jobFindingsText(job);
      return `<li><a href="#job-${j + 1}">${htmlText(jobTitle(job))}</a>${findings ? ` <span class="muted">(${htmlText(findings)})</span>` : ''}</li>`;
    }), '</ul></nav>']);
  }
  for (const [j, job] of report.jobs.entries()) {
    yield lines(jobSection(job, j, report));
  }
  const tail: string[] = [];
  const objects = objectProblemTexts(report);
  if (objects.length > 0) {
    tail.push('<section class="job attention" id="objects">', '<h2>Other objects</h2>');
    list(tail, 'Problems', 'errors', objects);
    tail.push('</section>');
  }
  if (report.jobs.length > 0) {
    tail.push(legend(report));
  }
  const footer = [...report.assumptions.map(a => `assumes: ${a}`), ...[pricesText(report)].filter((p): p is string => p !== undefined)];
  if (footer.length > 0) {
    tail.push('<footer><ul>', ...footer.map(line => `<li class="muted">${htmlText(line)}</li>`), '</ul></footer>');
  }
  yield lines([...tail, '</body>', '</html>']);
}

/** Each line with its newline. */
function lines(items: string[]): string {
  return items.map(item => `${item}\n`).join('');
}

function jobSection(job: JobPlan, index: number, report: PlanReport): string[] {
  const findings = jobFindingsText(job);
  const priced = report.prices !== null;
  const columns = roleColumns(report);
  const numeric = (c: number) => columns[c] === 'PODS' || columns[c] === 'PENDING' || columns[c].startsWith('ECI COST');
  const out = [
    `<section class="job${findings ? ' attention' : ''}" id="job-${index + 1}">`,
    `<h2>${htmlText(jobTitle(job))}${findings ? ` <span class="status attention">${htmlText(findings)}</span>` : ''}</h2>`,
    `<p class="source">${htmlText(jobSourceText(job))}</p>`,
  ];
  const policy = resourcePolicyText(job);
  if (policy) { out.push(`<p class="policy">${htmlText(policy)}</p>`); }
  for (const text of admissionTexts(job)) { out.push(`<p class="admission">${htmlText(text)}</p>`); }
  out.push(picture(job, report));
  out.push(
    '<table>',
    `<thead><tr>${columns.map(c => `<th>${htmlText(c)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...job.roles.map(role => `<tr>${roleCells(role, priced).map((cell, c) => `<td${numeric(c) ? ' class="num"' : ''}>${htmlText(cell)}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
  );
  list(out, 'Problems', 'errors', job.problems.map(p => `${severityText(p.severity)}: ${p.message}`));
  list(out, 'Pending pods', 'pending', job.pending.map(pendingText));
  list(out, 'Suggestions', 'suggestions', job.suggestions.map(s => `${s.role}: ${s.text}`));
  list(out, 'Cold start', 'notes', coldStartTexts(job));
  list(out, 'Notes', 'notes', job.notes);
  list(out, 'Disk', 'notes', diskTexts(job));
  list(out, 'Spot reclaim', 'notes', job.spotReclaim ? [job.spotReclaim] : []);
  list(out, 'Deadlines', 'notes', deadlineTexts(job));
  out.push('</section>');
  return out;
}

function list(out: string[], title: string, cls: string, items: string[]): void {
  if (items.length === 0) { return; }
  out.push(`<h3>${htmlText(title)}</h3>`, `<ul class="${cls}">`, ...items.map(item => `<li>${htmlText(item)}</li>`), '</ul>');
}

/** One bar per role: its pods by where they run, its billed ECI size against the request, its cost. */
function picture(job: JobPlan, report: PlanReport): string {
  const priced = report.prices !== null;
  const width = priced ? COST_X + 150 : COST_X - 10;
  const height = TOP + job.roles.length * ROW;
  const currency = report.prices?.currency ? ` ${report.prices.currency}` : '';
  const unit = report.prices?.currency ? ` (${report.prices.currency})` : '';
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${htmlText(`${jobTitle(job)}: ${job.roles.map(r => `${r.role} ${r.placementText}`).join('; ')}`)}">`,
    `<text class="caption" x="${PODS_X}" y="12">pods, by where they run</text>`,
    `<text class="caption" x="${ECI_X}" y="12">billed ECI size: requested and unused</text>`,
    ...(priced ? [`<text class="caption" x="${COST_X}" y="12">${htmlText(`ECI cost per hour${unit}`)}</text>`] : []),
  ];
  job.roles.forEach((role, i) => {
    const y = TOP + i * ROW;
    parts.push(
      `<text class="role" x="0" y="${y + 16}">${htmlText(role.role)}</text>`,
      `<text class="caption" x="0" y="${y + 32}">${htmlText(`${role.pods} pod${role.pods === 1 ? '' : 's'}`)}</text>`,
      ...(role.initialPods !== role.pods ? [`<text class="caption" x="0" y="${y + 46}">${htmlText(`${role.initialPods} at submission`)}</text>`] : []),
      ...podsBar(role, y),
      ...eciBars(role, y),
      ...(priced ? costCell(role, y, currency) : []),
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** The role's pods, one segment per place they run and one for the Pending ones. */
function podsBar(role: RolePlan, y: number): string[] {
  const segments = [
    ...role.placed.map(p => ({ label: placedText(p), cls: placeClass(p.where), count: p.count })),
    ...(role.pendingPods > 0 ? [{ label: 'Pending', cls: 'pending-seg', count: role.pendingPods }] : []),
  ].filter(s => s.count > 0);
  const total = segments.reduce((n, s) => n + s.count, 0);
  const out: string[] = [`<rect class="none" x="${PODS_X}" y="${y + 2}" width="${PODS_W}" height="${BAR_H}"/>`];
  let x = PODS_X;
  for (const s of segments) {
    const w = (s.count / total) * PODS_W;
    const full = `${s.label}: ${s.count}`;
    const text = fits(full, w) ? full : fits(String(s.count), w) ? String(s.count) : '';
    out.push(
      `<g><title>${htmlText(`${s.label}: ${s.count} pod${s.count === 1 ? '' : 's'}`)}</title>`
      + `<rect class="seg ${s.cls}" x="${num(x)}" y="${y + 2}" width="${num(w)}" height="${BAR_H}"/>`
      + (text ? `<text class="in" x="${num(x + w / 2)}" y="${y + 20}" text-anchor="middle">${htmlText(text)}</text>` : '')
      + '</g>',
    );
    x += w;
  }
  out.push(`<text class="caption" x="${PODS_X}" y="${y + 46}">${htmlText(role.placementText)}</text>`);
  return out;
}

/** The billed ECI size's vCPU and memory, each split into the requested and the unused share. */
function eciBars(role: RolePlan, y: number): string[] {
  const eci = role.eci;
  if (eci === null) {
    return [`<text class="caption" x="${ECI_X}" y="${y + 20}">not on ECI</text>`];
  }
  if (eci.billed === null || eci.unusedVcpuShare === null || eci.unusedMemoryShare === null) {
    return [`<text class="bad" x="${ECI_X}" y="${y + 20}">no ECI size fits</text>`];
  }
  const bar = (label: string, unused: number, by: number) => {
    const used = (1 - unused) * ECI_W;
    return `<g><title>${htmlText(`${label}: ${formatPercent(1 - unused)} requested, ${formatPercent(unused)} unused of ${eci.billed}`)}</title>`
      + `<text class="caption" x="${ECI_X}" y="${by + 10}">${label}</text>`
      + `<rect class="unused" x="${ECI_BAR_X}" y="${by}" width="${ECI_W}" height="12"/>`
      + `<rect class="eci" x="${ECI_BAR_X}" y="${by}" width="${num(used)}" height="12"/></g>`;
  };
  const unused = eci.unusedShare === null ? '' : `, ${formatPercent(eci.unusedShare)} unused`;
  return [
    bar('cpu', eci.unusedVcpuShare, y + 2),
    bar('mem', eci.unusedMemoryShare, y + 18),
    `<text class="caption" x="${ECI_X}" y="${y + 46}">${htmlText(`billed ${eci.billed}${eci.spot ? ' spot' : ''}${unused}`)}</text>`,
  ];
}

function costCell(role: RolePlan, y: number, currency: string): string[] {
  const c = role.eciCostPerHour;
  if (c === null) {
    return [`<text class="caption" x="${COST_X}" y="${y + 20}">-</text>`];
  }
  return [
    `<text x="${COST_X}" y="${y + 20}">${htmlText(`${costText(c)}${currency}`)}</text>`,
    `<text class="caption" x="${COST_X}" y="${y + 36}">${htmlText(`${costText({ atLeast: c.perPod, atMost: c.perPod })} per pod`)}</text>`,
  ];
}

/** The colour of a place: a unit by its resource, or where the pods' own constraints send them. */
function placeClass(where: string): string {
  switch (where.toLowerCase()) {
    case 'ecs': return 'ecs';
    case 'eci': return 'eci';
    case 'elastic': return 'elastic';
    case 'acs': return 'acs';
    default: return 'either';
  }
}

function legend(report: PlanReport): string {
  const used = new Set(report.jobs.flatMap(j => j.roles.flatMap(r => [
    ...r.placed.map(p => placeClass(p.where)),
    ...(r.pendingPods > 0 ? ['pending-seg'] : []),
    ...(r.eci?.billed ? ['eci', 'unused'] : []),
  ])));
  const entries: Array<[string, string]> = [
    ['ecs', 'ECS'], ['eci', 'ECI (and the requested share of its billed size)'], ['elastic', 'elastic nodes'], ['acs', 'ACS'],
    ['either', 'ECS or ECI'], ['pending-seg', 'Pending'], ['unused', 'unused share of the billed ECI size'],
  ];
  return `<p class="legend">${entries.filter(([cls]) => used.has(cls)).map(([cls, text]) => `<span><i class="${cls}"></i>${htmlText(text)}</span>`).join('')}</p>`;
}

function fits(text: string, width: number): boolean {
  return text.length * CHAR_W + 8 <= width;
}

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}
