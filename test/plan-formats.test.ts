import * as fc from 'fast-check';
import { HOSTILE_NAME, EXIT_CASES, fixture, fixtureDir, hostile, noEciSize, overlappingPolicies, spotDriver } from './support/plan-inputs';
import { exitCode } from '../src/cli/cli';
import { CHUNKS, jsonChunks, OUTPUT_FORMATS, RENDERERS, renderHtml, renderJson, renderMarkdown, renderTable } from '../src/cli/render';
import { CostModel } from '../src/model/cost-model';
import { JobPlan, ManifestFile, planManifests, PlanReport } from '../src/model/plan';
import { htmlText, markdownText } from '../src/private/escape';

const PRICES = new CostModel({ pricePerVcpuHour: 0.2, pricePerGibHour: 0.02, spotDiscount: 0.7, currency: 'CNY' });

/** Each fixture of test/fixtures/plan/ (and the cases made from them), with or without prices. */
const SCENARIOS: Array<[string, () => ManifestFile[], CostModel | undefined]> = [
  ['eci-only.yaml', () => [fixture('eci-only.yaml')], undefined],
  ['ecs-first.yaml', () => [fixture('ecs-first.yaml')], undefined],
  ['ecs-only.yaml', () => [fixture('ecs-only.yaml')], undefined],
  ['scheduled.yaml, priced', () => [fixture('scheduled.yaml')], PRICES],
  ['resource-policy/ (a Pending executor)', () => fixtureDir('resource-policy'), undefined],
  ['resource-policy/ and eci-only.yaml, priced', () => [...fixtureDir('resource-policy'), fixture('eci-only.yaml')], PRICES],
  ['a spot driver (a warning)', () => [spotDriver()], undefined],
  ['two policies over one job (errors)', () => [overlappingPolicies()], undefined],
  ['executors no ECI size fits (Pending)', () => [noEciSize()], PRICES],
  ['no Spark job', () => [fixture('resource-policy/resourcepolicy.yaml')], undefined],
];

/** Control characters, DEL, C1 controls and bidi overrides: none may reach a Markdown or HTML reader. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe.each(SCENARIOS)('%s', (_name, files, costModel) => {
  const report = planManifests(files(), { costModel });

  test('markdown', () => {
    expect(renderMarkdown(report)).toMatchSnapshot();
  });

  test('json', () => {
    expect(renderJson(report)).toMatchSnapshot();
  });

  test('markdown: one <details> per job, open when it has Pending pods or problems; the summary says what the exit code says', () => {
    const md = renderMarkdown(report);
    const details = md.match(/^<details( open)?>$/gm) ?? [];
    expect(details).toHaveLength(report.jobs.length);
    expect(details.map(d => d === '<details open>')).toEqual(report.jobs.map(j => j.pending.length > 0 || j.problems.length > 0));
    const first = md.split('\n')[0];
    if (report.jobs.length === 0) {
      expect(first).toBe('**cdk8s-spark-eci plan**: No SparkApplication or ScheduledSparkApplication found.');
    } else {
      expect(first.startsWith(exitCode(report) === 0 ? '✅ ' : '❌ ')).toBe(true);
      expect(first).toContain(`${report.totals.pods} pods`);
    }
  });
});

test('the exit code follows Pending pods and errors, not warnings', () => {
  for (const [name, files, code] of EXIT_CASES) {
    expect([name, exitCode(planManifests(files))]).toEqual([name, code]);
  }
});

describe('text from manifests (a name with |, backticks, <script>, ANSI escapes, a bidi override, Markdown)', () => {
  const report = planManifests(hostile());
  const job = report.jobs.find(j => j.name === HOSTILE_NAME)!;

  test('the plan reads the hostile name as it is, and json keeps it', () => {
    expect(job).toBeDefined();
    expect(job.pending).toHaveLength(1);
    const json = JSON.parse(renderJson(report));
    expect(json.jobs.map((j: any) => j.name)).toContain(HOSTILE_NAME);
  });

  test('markdown: no markup from the manifest, the tables keep their cells, control characters shown as escapes', () => {
    const md = renderMarkdown(report);
    expect(md).not.toMatch(CONTROL);
    expect(md).not.toMatch(/<script|<\/script/i);
    expect(md.match(/<b>/g)).toHaveLength(report.jobs.length); // the job titles' own, none from the file name
    // The name in the summary, as a reader sees it: each special character as a character reference.
    expect(md).toContain('<summary><b>SparkApplication default/evil&#124;&#96;tick&#96;&lt;script&gt;alert(1)&lt;/script&gt;&#92;x1b&#91;31mred&#92;u202e'
      + '&#42;x&#42;&#95;y&#95; &#91;l&#93;(https://example.invalid) &#35; &amp;amp; &#92;&#124;</b>: 1 Pending pod, 1 error, 2 warnings</summary>');
    expect(md).toContain('hostile&#124;&lt;b&gt;.yaml, document 1');
    // Every row of a table has as many cell separators as its header: the name split no cell.
    for (const table of md.split('\n\n').filter(block => block.startsWith('| ROLE'))) {
      const pipes = table.split('\n').map(line => (line.match(/\|/g) ?? []).length);
      expect(new Set(pipes)).toEqual(new Set([9]));
    }
    // The Pending message names the job's policy; the note names the hostile file.
    expect(md).toContain('- executor-5: ResourcePolicy default/sparkapplication-resource-policy');
  });

  test('html: no element from the manifest, control characters shown as escapes', () => {
    const html = renderHtml(report);
    expect(html).not.toMatch(CONTROL);
    expect(html).not.toMatch(/<script|<\/script|<b>/i);
    expect(html).toContain(`<h2>SparkApplication default/${htmlText(HOSTILE_NAME)} <span class="status attention">1 Pending pod, 1 error, 2 warnings</span></h2>`);
    expect(htmlText(HOSTILE_NAME)).toBe('evil|`tick`&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[31mred\\u202e*x*_y_ [l](https://example.invalid) # &amp;amp; \\|');
    expect(html).toContain('aria-label="SparkApplication default/evil|`tick`&lt;script&gt;');
    expect(html).toContain('<p class="source">hostile|&lt;b&gt;.yaml, document 1</p>');
  });

  test('table: control characters shown as escapes', () => {
    const table = renderTable(report);
    expect(table).not.toMatch(CONTROL);
    expect(table).toContain('SparkApplication default/evil|`tick`<script>alert(1)</script>\\x1b[31mred\\u202e');
  });

  test('markdown: @mentions made inert (a zero-width space after the @), addresses and digests kept', () => {
    expect(markdownText('@platform-team: ping (@alice), mail ops@example.com, image spark@sha256:abc, @ alone'))
      .toBe('@&#8203;platform-team: ping (@&#8203;alice), mail ops@example.com, image spark@sha256:abc, @ alone');
    const mentioned = fixture('eci-only.yaml');
    const md = renderMarkdown(planManifests([{ file: '@reviewers.yaml', text: mentioned.text.replace('name: spark-pi-eci-only', 'name: "@org/admins"') }]));
    expect(md).toContain('<summary><b>SparkApplication default/@&#8203;org/admins</b>');
    expect(md).toContain('@&#8203;reviewers.yaml, document 1');
    // No @ that GitHub or GitLab would read as a mention is left.
    expect(md).not.toMatch(/(^|[^A-Za-z0-9_])@[A-Za-z0-9]/m);
  });

  test('the escapes leave plain text alone', () => {
    expect(markdownText('executor: memory 4g (2-8Gi), 45.0% unused; 3712m fits')).toBe('executor: memory 4g (2-8Gi), 45.0% unused; 3712m fits');
    expect(htmlText('executor-2 to executor-40: 1 (limit 1200m)')).toBe('executor-2 to executor-40: 1 (limit 1200m)');
  });
});

describe('the html page', () => {
  const report = planManifests([...fixtureDir('resource-policy'), fixture('eci-only.yaml'), fixture('scheduled.yaml')], { costModel: PRICES });
  const html = renderHtml(report);

  test('is self-contained: no script, no link, no request; a Content-Security-Policy forbids them', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(|@import|\bon\w+=/i);
    // The only address is the SVG namespace, which is never fetched.
    expect(html.match(/https?:\/\/[^"\s]*/g)).toEqual(Array(3).fill('http://www.w3.org/2000/svg'));
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">');
  });

  test('one section and one picture per job, one bar per role; Pending pods in red; ECI size bars; the cost when priced', () => {
    expect(html.match(/<section class="job/g)).toHaveLength(3);
    expect(html.match(/<svg /g)).toHaveLength(3);
    const sparkPi = section(html, 'SparkApplication default/spark-pi ');
    expect(sparkPi).toContain('<section class="job attention"');
    // The executor: ecs unit 0 takes 1, eci unit 1 takes 3, 1 stays Pending (1/5 of the bar).
    expect(sparkPi).toContain('<title>ecs unit 0: 1 pod</title><rect class="seg ecs" x="120" y="86" width="72" height="28"/>');
    expect(sparkPi).toContain('<title>eci unit 1: 3 pods</title><rect class="seg eci" x="192" y="86" width="216" height="28"/>');
    expect(sparkPi).toContain('<title>Pending: 1 pod</title><rect class="seg pending-seg" x="408" y="86" width="72" height="28"/>');
    // 2-1Gi for 1 vCPU / 896 MiB: 40% of the vCPU and 12.5% of the memory unused.
    expect(sparkPi).toContain('<title>cpu: 60.0% requested, 40.0% unused of 2-1Gi</title>');
    expect(sparkPi).toContain('<rect class="eci" x="545" y="86" width="114" height="12"/>');
    expect(sparkPi).toContain('<title>mem: 87.5% requested, 12.5% unused of 2-1Gi</title>');
    expect(sparkPi).toContain('>billed 2-1Gi, 26.3% unused</text>');
    expect(sparkPi).toContain('>not on ECI</text>');
    expect(sparkPi).toContain('>ECI cost per hour (CNY)</text>');
    expect(sparkPi).toContain(`>${report.jobs[0].roles[1].eciCostPerHour!.atMost} CNY</text>`);
    expect(sparkPi).toContain('<ul class="pending">\n<li>executor-5: ResourcePolicy default/sparkapplication-resource-policy');
    const scheduled = section(html, 'ScheduledSparkApplication analytics/nightly-report');
    // Its spot executors auto-match an image cache that no ImageCache makes: the cold-start warning.
    expect(scheduled).toContain('<section class="job attention" id="job-3">');
    expect(scheduled).toContain('>8 pods</text>');
    expect(scheduled).toContain('>2 at submission</text>');
    expect(scheduled).toContain('>billed 2-8Gi spot, 17.5% unused</text>');
  });

  test('the table has the columns of the text table', () => {
    expect(html).toContain('<thead><tr><th>ROLE</th><th>PODS</th><th>PLACEMENT</th><th>CPU</th><th>MEMORY</th><th>ECI SIZE</th><th>UNUSED</th>'
      + '<th>PENDING</th><th>ECI COST/H (CNY)</th></tr></thead>');
  });

  test('a role without pods on ECI, or with no ECI size that fits, says so', () => {
    const ecsOnly = renderHtml(planManifests([fixture('ecs-only.yaml')]));
    expect(ecsOnly).toContain('>not on ECI</text>');
    expect(ecsOnly).not.toContain('ECI cost per hour');
    const tooBig = renderHtml(planManifests([noEciSize()]));
    expect(tooBig).toContain('<text class="bad" x="510" y="104">no ECI size fits</text>');
    expect(tooBig).toContain('<title>Pending: 2 pods</title><rect class="seg pending-seg" x="120" y="86" width="360" height="28"/>');
  });

  test('without a Spark job, says so', () => {
    const empty = renderHtml(planManifests([fixture('resource-policy/resourcepolicy.yaml')]));
    expect(empty).toContain('<p class="summary">No SparkApplication or ScheduledSparkApplication found.</p>');
    expect(empty).not.toContain('<section');
  });
});

test('every format tolerates fields it does not know (a newer report)', () => {
  const report = planManifests([...fixtureDir('resource-policy'), fixture('eci-only.yaml')], { costModel: PRICES });
  const extended = JSON.parse(JSON.stringify(report));
  extended.jobs.forEach((j: any) => { j.placementBudget = { name: 'team-a', min: { cpu: 4 } }; j.roles.forEach((r: any) => { r.future = [1]; }); });
  extended.totals.future = 1;
  for (const format of OUTPUT_FORMATS.filter(f => f !== 'json')) {
    expect([format, RENDERERS[format](extended as PlanReport)]).toEqual([format, RENDERERS[format](report)]);
  }
  expect(JSON.parse(renderJson(extended)).jobs[0].placementBudget).toEqual({ name: 'team-a', min: { cpu: 4 } });
});

/** The HTML of the job section whose heading starts with `title`. */
function section(html: string, title: string): string {
  const start = html.indexOf(`<h2>${title}`);
  if (start < 0) { throw new Error(`no section for ${title}`); }
  const from = html.lastIndexOf('<section', start);
  return html.slice(from, html.indexOf('</section>', start));
}

describe('the table, markdown and html formats in pieces', () => {
  // The command writes each format piece by piece (CHUNKS), so the text of 10,000 jobs is never one
  // string: a piece per job at least, none empty, for any report: real job plans of every fixture
  // (any subset, order and repetition), with names, namespaces, files, messages and notes replaced
  // by any text, with or without prices. What the text says is the snapshots' to hold.
  const JOBS = [...SCENARIOS.flatMap(([, files, costModel]) => planManifests(files(), { costModel }).jobs), ...planManifests(hostile()).jobs];
  const BASES = SCENARIOS.map(([, files, costModel]) => planManifests(files(), { costModel }));
  const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('', ' ', 'x ', '\n', '@team', '| *a* |'));
  const job: fc.Arbitrary<JobPlan> = fc.record({
    index: fc.nat(JOBS.length - 1),
    name: text,
    namespace: text,
    file: fc.option(text),
    notes: fc.array(text, { maxLength: 2 }),
    message: fc.option(text),
    spotReclaim: fc.option(text),
  }).map(({ index, name, namespace, file, notes, message, spotReclaim }) => {
    const base = JOBS[index];
    return {
      ...base,
      name,
      namespace,
      notes,
      spotReclaim: spotReclaim ?? base.spotReclaim,
      source: { ...base.source, file: file ?? base.source.file },
      problems: base.problems.map(p => ({ ...p, message: message ?? p.message })),
      pending: base.pending.map(p => ({ ...p, message: message ?? p.message })),
    };
  });
  const report: fc.Arbitrary<PlanReport> = fc.record({
    base: fc.nat(BASES.length - 1),
    jobs: fc.array(job, { maxLength: 6 }),
    assumptions: fc.array(text, { maxLength: 2 }),
    priced: fc.nat(BASES.length - 1),
  }).map(({ base, jobs, assumptions, priced }) => ({ ...BASES[base], jobs, assumptions, prices: BASES[priced].prices }));

  test.each<[string, (r: PlanReport) => Iterable<string>]>([
    ['table', CHUNKS.table],
    ['markdown', CHUNKS.markdown],
    ['html', CHUNKS.html],
  ])('%s: a piece per job at least, none empty, ending in one newline', (_format, chunks) => {
    fc.assert(fc.property(report, r => {
      const pieces = Array.from(chunks(r));
      expect(pieces.length).toBeGreaterThanOrEqual(r.jobs.length);
      expect(pieces.filter(p => p === '')).toEqual([]);
      expect(pieces.join('')).toMatch(/[^\n]\n$/);
    }), { numRuns: Number(process.env.FC_NUM_RUNS ?? 300) });
  });

  test('each fixture\'s report, in every format: the pieces joined are the renderer\'s text', () => {
    for (const r of [...BASES, planManifests(hostile())]) {
      for (const format of OUTPUT_FORMATS) {
        expect([format, Array.from(CHUNKS[format](r)).join('')]).toEqual([format, RENDERERS[format](r)]);
      }
    }
  });
});

describe('the json format in pieces', () => {
  // The command writes jsonChunks() piece by piece; renderJson() and docs/plan-json.md promise
  // JSON.stringify's own text: the two must agree on any report-shaped value.
  test('jsonChunks() joined is JSON.stringify(report, undefined, 2) with a newline, for any JSON object', () => {
    fc.assert(fc.property(
      fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()), fc.constant(undefined))),
      value => {
        const report = value as unknown as PlanReport;
        expect(Array.from(jsonChunks(report)).join('')).toBe(`${JSON.stringify(report, undefined, 2)}\n`);
      },
    ), { numRuns: 500 });
  });

  test('a report is written one piece per job, not as one string', () => {
    const report = planManifests([...fixtureDir('resource-policy'), fixture('eci-only.yaml')]);
    const chunks = Array.from(jsonChunks(report));
    expect(chunks.length).toBeGreaterThan(report.jobs.length);
    expect(chunks.join('')).toBe(`${JSON.stringify(report, undefined, 2)}\n`);
  });
});
