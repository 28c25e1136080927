/**
 * The `html` format of `plan --compare`: one self-contained page (inline CSS and SVG, no script,
 * nothing fetched; a Content-Security-Policy says so). The verdict and the totals before and
 * after first; then per job that differs, those that add Pending pods or errors first: a picture
 * with two bars per role, its pods by where they run before and after the change (Pending in
 * red), and the list of changes. Every text from the diff goes through `htmlText`.
 */
import {
  changeText, diffJobTitle, diffSourceText, jobChangeLines, jobCountsText, jobsByConcern, jobVerdictText, NO_JOBS_EITHER_SIDE_TEXT,
  placesText, TOTALS_COLUMNS, totalsRows, verdictText,
} from './diff-text';
import { htmlPageStart } from './html-page';
import { JobDiff, PlanDiff, PodsByPlace, RoleDiff } from '../model/plan-diff';
import { htmlText } from '../private/escape';

const STYLE = `
:root { color-scheme: light; --ecs: #2f6fdb; --eci: #e8912d; --elastic: #7b4fc9; --acs: #1a9c8c; --either: #8a94a6; --pending: #d1242f; --ok: #1a7f37; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px auto; max-width: 1120px; padding: 0 16px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 2px; overflow-wrap: anywhere; }
.summary { font-size: 15px; margin: 0 0 12px; }
.status { display: inline-block; border-radius: 10px; padding: 0 8px; color: #fff; font-size: 12px; font-weight: 600; vertical-align: 2px; }
.status.clean { background: var(--ok); }
.status.attention { background: var(--pending); }
.status.neutral { background: #59636e; }
.job { border: 1px solid #d0d7de; border-radius: 8px; padding: 14px 16px; margin: 16px 0; }
.job.attention { border-color: var(--pending); }
.source, .muted { color: #59636e; margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin-top: 10px; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; }
th { background: #f6f8fa; }
td.num { text-align: right; }
ul.changes { margin: 8px 0 0; padding-left: 0; list-style: none; }
ul.changes li { overflow-wrap: anywhere; padding-left: 22px; text-indent: -22px; }
ul.changes li b { display: inline-block; width: 18px; text-indent: 0; text-align: center; }
li.added { color: var(--pending); }
li.removed { color: var(--ok); }
nav ul { columns: 2; }
.legend span { display: inline-block; margin-right: 14px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
svg { display: block; margin-top: 10px; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1f2328; }
svg text.caption { fill: #59636e; font-size: 11px; }
svg text.role { font-weight: 600; }
svg text.in { fill: #fff; font-size: 11px; font-weight: 600; }
.seg { stroke: #fff; stroke-width: 1; }
.ecs { fill: var(--ecs); background: var(--ecs); }
.eci { fill: var(--eci); background: var(--eci); }
.elastic { fill: var(--elastic); background: var(--elastic); }
.acs { fill: var(--acs); background: var(--acs); }
.either { fill: var(--either); background: var(--either); }
.pending-seg { fill: var(--pending); background: var(--pending); }
.none { fill: none; stroke: #c5cad3; stroke-dasharray: 4 3; }
`;

/** The picture's geometry, in SVG user units. */
const LABEL_W = 120;
const SIDE_W = 50;
const BAR_W = 420;
const BAR_H = 20;
const ROLE_H = 62;
const TEXT_X = LABEL_W + SIDE_W + BAR_W + 14;
/** Roughly one character of the 11px bold label. */
const CHAR_W = 6.8;

const PLACES: ReadonlyArray<[keyof PodsByPlace, string, string]> = [
  ['ecs', 'ECS', 'ecs'], ['eci', 'ECI', 'eci'], ['ecsOrEci', 'ECS or ECI', 'either'], ['elastic', 'elastic', 'elastic'], ['acs', 'ACS', 'acs'],
  ['pending', 'Pending', 'pending-seg'],
];

/** The diff as one HTML page, with a trailing newline. */
export function renderDiffHtml(diff: PlanDiff): string {
  const t = diff.totals;
  const empty = t.before.jobs === 0 && t.after.jobs === 0;
  const summary = empty ? NO_JOBS_EITHER_SIDE_TEXT : `${verdictText(diff)}: ${jobCountsText(diff)}`;
  const jobs = jobsByConcern(diff);
  const status = diff.addsPendingOrErrors ? ['attention', 'adds Pending pods or errors'] : ['clean', 'adds no Pending pods or errors'];
  const body = [
    '<header>',
    '<h1>cdk8s-spark-eci plan --compare</h1>',
    `<p class="summary">${empty ? '' : `<span class="status ${status[0]}">${status[1]}</span> `}${htmlText(summary)}</p>`,
    '</header>',
  ];
  if (!empty) {
    body.push(
      '<table>',
      `<thead><tr>${TOTALS_COLUMNS.map(c => `<th>${htmlText(c)}</th>`).join('')}</tr></thead>`,
      '<tbody>',
      ...totalsRows(diff).map(r => `<tr>${r.map((cell, c) => `<td${c > 0 ? ' class="num"' : ''}>${htmlText(cell)}</td>`).join('')}</tr>`),
      '</tbody>',
      '</table>',
    );
  }
  if (jobs.length > 1) {
    body.push('<nav><ul>', ...jobs.map((job, j) => {
      const verdict = jobVerdictText(job);
      return `<li><a href="#job-${j + 1}">${htmlText(diffJobTitle(job))}</a> <span class="muted">(${htmlText(`${changeText(job)}${verdict ? `, ${verdict}` : ''}`)})</span></li>`;
    }), '</ul></nav>');
  }
  jobs.forEach((job, j) => body.push(...jobSection(job, j, diff.prices?.currency ?? null)));
  if (jobs.length > 0) { body.push(legend(jobs)); }
  if (diff.assumptions.length > 0) {
    body.push('<footer><ul>', ...diff.assumptions.map(a => `<li class="muted">${htmlText(`assumes: ${a}`)}</li>`), '</ul></footer>');
  }
  return [
    ...htmlPageStart(`cdk8s-spark-eci plan --compare: ${summary}`, STYLE),
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function jobSection(job: JobDiff, index: number, currency: string | null): string[] {
  const verdict = jobVerdictText(job);
  const badge = verdict ? `<span class="status attention">${htmlText(verdict)}</span>` : `<span class="status neutral">${htmlText(changeText(job))}</span>`;
  const lines = jobChangeLines(job, currency);
  return [
    `<section class="job${verdict ? ' attention' : ''}" id="job-${index + 1}">`,
    `<h2>${htmlText(diffJobTitle(job))} ${badge}</h2>`,
    `<p class="source">${htmlText(`${changeText(job)}; ${diffSourceText(job)}`)}</p>`,
    picture(job),
    '<ul class="changes">',
    ...lines.map(line => {
      const mark = line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : '~';
      return `<li class="${line.kind}"><b>${mark}</b>${htmlText(line.text)}</li>`;
    }),
    '</ul>',
    '</section>',
  ];
}

/** Per role two bars, before and after, with the role's pods by where they run. */
function picture(job: JobDiff): string {
  const width = TEXT_X + 240;
  const height = job.roles.length * ROLE_H + 4;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${htmlText(`${diffJobTitle(job)}: pods by where they run, before and after`)}">`,
  ];
  const most = Math.max(1, ...job.roles.flatMap(r => [r.pods.before ?? 0, r.pods.after ?? 0]));
  job.roles.forEach((role, i) => {
    const y = i * ROLE_H + 2;
    parts.push(`<text class="role" x="0" y="${y + 15}">${htmlText(role.role)}</text>`);
    parts.push(...bar(role, 'before', y, most), ...bar(role, 'after', y + BAR_H + 6, most));
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function bar(role: RoleDiff, side: 'before' | 'after', y: number, most: number): string[] {
  const places = role.places[side];
  const out = [`<text class="caption" x="${LABEL_W}" y="${y + 14}">${side}</text>`];
  const x0 = LABEL_W + SIDE_W;
  if (places === null) {
    return [...out, `<rect class="none" x="${x0}" y="${y}" width="${BAR_W}" height="${BAR_H}"/>`,
      `<text class="caption" x="${TEXT_X}" y="${y + 14}">${side === 'before' ? 'not in BEFORE' : 'not in AFTER'}</text>`];
  }
  let x = x0;
  for (const [key, label, cls] of PLACES) {
    const count = places[key];
    if (count === 0) { continue; }
    const w = (count / most) * BAR_W;
    const text = fits(`${label} ${count}`, w) ? `${label} ${count}` : fits(String(count), w) ? String(count) : '';
    out.push(`<g><title>${htmlText(`${side}: ${label} ${count}`)}</title><rect class="seg ${cls}" x="${num(x)}" y="${y}" width="${num(w)}" height="${BAR_H}"/>`
      + (text ? `<text class="in" x="${num(x + w / 2)}" y="${y + 14}" text-anchor="middle">${htmlText(text)}</text>` : '') + '</g>');
    x += w;
  }
  out.push(`<text class="caption" x="${TEXT_X}" y="${y + 14}">${htmlText(placesText(places))}</text>`);
  return out;
}

function legend(jobs: readonly JobDiff[]): string {
  const used = new Set<string>();
  for (const role of jobs.flatMap(j => j.roles)) {
    for (const places of [role.places.before, role.places.after]) {
      for (const [key, , cls] of PLACES) { if (places && places[key] > 0) { used.add(cls); } }
    }
  }
  return `<p class="legend">${PLACES.filter(([, , cls]) => used.has(cls)).map(([, label, cls]) => `<span><i class="${cls}"></i>${htmlText(label)}</span>`).join('')}</p>`;
}

function fits(text: string, width: number): boolean {
  return text.length * CHAR_W + 8 <= width;
}

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}
