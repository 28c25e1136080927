/**
 * The `html` format of `plan --schedule-day`: one self-contained page (inline CSS and SVG, no
 * script, nothing fetched). The summary; a picture of the day, one bar per minute with runs (its
 * height the number of runs that start then, red where runs collide), the hours marked; then the
 * collisions, the findings and the schedules. Every text from the report goes through `htmlText`.
 */
import { htmlPageStart } from './html-page';
import { collisionText, NO_SCHEDULES_TEXT, SCHEDULE_COLUMNS, scheduleCells, scheduleSummaryText, showsOffsets } from './schedule-text';
import { ScheduleDayReport, scheduleDayHasFindings } from '../model/scheduled-runs';
import { htmlText } from '../private/escape';

const STYLE = `
:root { color-scheme: light; --run: #2f6fdb; --pending: #d1242f; --wait: #e8912d; --ok: #1a7f37; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px auto; max-width: 1120px; padding: 0 16px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 18px 0 4px; }
.summary { font-size: 15px; margin: 0 0 12px; }
.status { display: inline-block; border-radius: 10px; padding: 0 8px; color: #fff; font-size: 12px; font-weight: 600; vertical-align: 2px; }
.status.clean { background: var(--ok); }
.status.attention { background: var(--pending); }
.muted { color: #59636e; }
table { border-collapse: collapse; margin-top: 10px; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
footer { margin-top: 10px; }
td.num { text-align: right; }
ul { margin: 0; padding-left: 20px; }
li { overflow-wrap: anywhere; }
li.pending, li.error { color: var(--pending); }
svg { display: block; margin-top: 10px; max-width: 100%; height: auto; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #59636e; }
.run { fill: var(--run); background: var(--run); }
.collide { fill: var(--pending); background: var(--pending); }
.wait { fill: var(--wait); background: var(--wait); }
.axis { stroke: #c5cad3; stroke-width: 1; }
.legend span { display: inline-block; margin-right: 14px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
`;

/** The picture's geometry: one unit per minute, bars up to `CHART_H` high. */
const LEFT = 30;
/** Width of a minute: the day fits the page's 1,120 pixels. */
const PER_MINUTE = 0.72;
const CHART_H = 120;
const TOP = 8;

/** The report as one HTML page, with a trailing newline. */
export function renderScheduleHtml(report: ScheduleDayReport): string {
  const empty = report.schedules.length === 0;
  const summary = empty ? NO_SCHEDULES_TEXT : scheduleSummaryText(report);
  const bad = scheduleDayHasFindings(report);
  const offsets = showsOffsets(report);
  const body = [
    '<header>',
    '<h1>cdk8s-spark-eci plan --schedule-day</h1>',
    `<p class="summary">${empty ? '' : `<span class="status ${bad ? 'attention' : 'clean'}">${bad ? 'pods Pending or errors' : 'no pods Pending'}</span> `}${htmlText(summary)}</p>`,
    '</header>',
  ];
  if (!empty) {
    body.push(chart(report));
    const list = (title: string, items: Array<[string, string]>) => {
      if (items.length === 0) { return; }
      body.push(`<h2>${htmlText(title)}</h2>`, '<ul>', ...items.map(([cls, text]) => `<li class="${cls}">${htmlText(text)}</li>`), '</ul>');
    };
    list('Runs that collide', report.collisions.map(c => [c.outcome === 'PENDING' ? 'pending' : 'wait', collisionText(c, offsets)]));
    list('Findings', report.findings.map(f => [f.severity === 'ERROR' ? 'error' : 'warning',
      `${f.severity === 'ERROR' ? 'error' : 'warning'}: ${f.schedule ? `${f.schedule.namespace}/${f.schedule.name}: ` : ''}${f.message}`]));
    body.push(
      '<h2>Schedules</h2>',
      '<table>',
      `<thead><tr>${SCHEDULE_COLUMNS.map(c => `<th>${htmlText(c)}</th>`).join('')}</tr></thead>`,
      '<tbody>',
      ...report.schedules.map(e => `<tr>${scheduleCells(e).map((cell, c) => `<td${SCHEDULE_COLUMNS[c] === 'RUNS' ? ' class="num"' : ''}>${htmlText(cell)}</td>`).join('')}</tr>`),
      '</tbody>',
      '</table>',
      '<footer><ul>', ...report.assumptions.map(a => `<li class="muted">${htmlText(`assumes: ${a}`)}</li>`), '</ul></footer>',
    );
  }
  return [
    ...htmlPageStart(`cdk8s-spark-eci plan --schedule-day: ${summary}`, STYLE),
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The day as bars: one per minute with runs, as high as its runs, coloured by its collisions. */
function chart(report: ScheduleDayReport): string {
  const minutesInDay = Math.round((Date.parse(report.end) - Date.parse(report.start)) / 60_000);
  const width = Math.ceil(LEFT + minutesInDay * PER_MINUTE + 24);
  const height = TOP + CHART_H + 20;
  const most = Math.max(1, ...report.minutes.map(m => m.runs.length));
  const worst = new Map<number, string>();
  for (const c of report.collisions) {
    if (c.outcome === 'PENDING' || !worst.has(c.minute)) { worst.set(c.minute, c.outcome === 'PENDING' ? 'collide' : 'wait'); }
  }
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" `
    + `aria-label="${htmlText(`runs per minute on ${report.day} (${report.timeZone})`)}">`];
  parts.push(`<line class="axis" x1="${LEFT}" y1="${TOP + CHART_H}" x2="${num(LEFT + minutesInDay * PER_MINUTE)}" y2="${TOP + CHART_H}"/>`);
  parts.push(`<text x="0" y="${TOP + 10}">${most}</text><text x="0" y="${TOP + CHART_H}">0</text>`);
  for (let h = 0; h * 60 <= minutesInDay; h += 3) {
    const x = num(LEFT + h * 60 * PER_MINUTE);
    parts.push(`<line class="axis" x1="${x}" y1="${TOP + CHART_H}" x2="${x}" y2="${TOP + CHART_H + 4}"/><text x="${num(Number(x) - 6)}" y="${TOP + CHART_H + 16}">${h}h</text>`);
  }
  for (const m of report.minutes) {
    const h = Math.max(2, (m.runs.length / most) * CHART_H);
    const cls = worst.get(m.minute) ?? 'run';
    const names = m.runs.map(r => `${r.namespace}/${r.name}`);
    parts.push(`<g><title>${htmlText(`${m.time} (${m.utcOffset}): ${m.runs.length} run${m.runs.length === 1 ? '' : 's'}: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', ...' : ''}`)}</title>`
      + `<rect class="${cls}" x="${num(LEFT + m.minute * PER_MINUTE)}" y="${(TOP + CHART_H - h).toFixed(1)}" width="1.5" height="${h.toFixed(1)}"/></g>`);
  }
  parts.push('</svg>');
  const legend = [['run', 'runs that start in the minute'], ['collide', 'runs that leave pods Pending together'], ['wait', 'runs that wait or borrow quota together']];
  return `${parts.join('\n')}\n<p class="legend">${legend.map(([cls, text]) => `<span><i class="${cls}"></i>${htmlText(text)}</span>`).join('')}</p>`;
}

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}
