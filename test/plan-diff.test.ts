/**
 * `plan --compare` and `SparkTesting.comparePlans()`: the example app before and after three
 * changes (more executors, a spot switch, a new quota), with the deltas each must show worked
 * out from the seed's policy and Spark's sizing rules, in every format, from the model, the
 * command and the testing kit.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, JsonPatch } from 'cdk8s';
import { CostModel, SparkTesting } from '../src';
import { jobOf, moreExecutors, newQuota, seedApp, spotExecutors, synthFiles } from './support/compare-apps';
import { main } from '../src/cli/cli';
import { renderDiffHtml, renderDiffJson, renderDiffMarkdown, renderDiffTable } from '../src/cli/render-diff';
import { MAX_COMMENT_CHARACTERS } from '../src/cli/render-diff-markdown';
import { ManifestFile, planManifests } from '../src/model/plan';
import { diffPlans, PlanDiff } from '../src/model/plan-diff';
import { htmlText, markdownText } from '../src/private/escape';

/** Made-up prices: 0.1 per vCPU-hour, 0.02 per GiB-hour, spot 70% off. */
const PRICES = new CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.02, spotDiscount: 0.7, currency: 'CNY' });

const BEFORE = synthFiles(seedApp(), 'before');

function diffOf(after: App | ManifestFile[], before: ManifestFile[] = BEFORE): PlanDiff {
  const files = Array.isArray(after) ? after : synthFiles(after, 'dist');
  return diffPlans(planManifests(before, { costModel: PRICES }), planManifests(files, { costModel: PRICES }));
}

const NONE = { ecs: 0, eci: 0, ecsOrEci: 0, elastic: 0, acs: 0, pending: 0 };

describe('the model: diffPlans()', () => {
  test('the same manifests: nothing differs, every job counted as unchanged', () => {
    const diff = diffOf(seedApp());
    expect(diff.jobs).toEqual([]);
    expect(diff.addsPendingOrErrors).toBe(false);
    expect(diff.totals).toMatchObject({ jobsAdded: 0, jobsRemoved: 0, jobsChanged: 0, jobsUnchanged: 7, pendingPodsAdded: 0, errorsAdded: 0 });
  });

  test('more executors: the policy job\'s 6th executor stays Pending too (ecs max 2, eci max 3 per submission)', () => {
    const diff = diffOf(moreExecutors());
    expect(diff.addsPendingOrErrors).toBe(true);
    expect(diff.jobs).toHaveLength(1);
    const job = diff.jobs[0];
    expect(job).toMatchObject({
      kind: 'SparkApplication',
      namespace: 'default',
      name: 'spark-pi',
      change: 'CHANGED',
      pendingPods: { before: 1, after: 2 },
      pendingPodsAdded: 1,
      problemsAdded: [],
      problemsRemoved: [],
      pendingReasons: [{ role: 'executor', code: 'UNIT_CAPS', before: 1, after: 2 }],
      addsPendingOrErrors: true,
    });
    expect(job.source.after!.file).toBe('dist/spark-pi-resource-policy.k8s.yaml');
    const [driver, executor] = job.roles;
    expect(driver.changed).toBe(false);
    // The driver takes one of the two ECS slots: 1 executor on ECS, 3 on ECI, the rest Pending.
    expect(executor).toMatchObject({
      role: 'executor',
      changed: true,
      pods: { before: 5, after: 6 },
      places: { before: { ...NONE, ecs: 1, eci: 3, pending: 1 }, after: { ...NONE, ecs: 1, eci: 3, pending: 2 } },
      billed: { before: '2-1Gi', after: '2-1Gi' },
    });
    // Still 3 executors on ECI: the cost does not move.
    expect(executor.eciCostPerHour.before).toEqual(executor.eciCostPerHour.after);
    expect(diff.totals).toMatchObject({ jobsChanged: 1, jobsUnchanged: 6, pendingPodsAdded: 1, pendingPodsRemoved: 0, errorsAdded: 0 });
    expect([diff.totals.before.pods, diff.totals.after.pods]).toEqual([24, 25]);
  });

  test('a spot switch: the ECI-only job\'s executors billed at the same size, 70% off, and a spot reclaim line', () => {
    const diff = diffOf(spotExecutors());
    expect(diff.addsPendingOrErrors).toBe(false);
    expect(diff.jobs.map(j => [j.name, j.source.after!.file])).toEqual([['spark-pi-eci-only', 'dist/spark-pi-eci-only.k8s.yaml']]);
    const job = diff.jobs[0];
    // 2-8Gi: 2 x 0.1 + 8 x 0.02 = 0.36 per pod, 2 pods 0.72; spot 0.108 per pod, 0.216. The driver (2-1Gi) 0.22.
    expect(job.roles[1]).toMatchObject({
      billed: { before: '2-8Gi', after: '2-8Gi' },
      spot: { before: false, after: true },
      eciCostPerHour: { before: { atLeast: 0.72, atMost: 0.72 }, after: { atLeast: 0.216, atMost: 0.216 } },
    });
    expect(job.roles[0].changed).toBe(false);
    expect(job.eciCostPerHour).toEqual({ before: { atLeast: 0.94, atMost: 0.94 }, after: { atLeast: 0.436, atMost: 0.436 } });
    expect(job.spotReclaim.before).toBeNull();
    expect(job.spotReclaim.after).toMatch(/^executors on spot ECI \(SpotAsPriceGo/);
    expect([diff.totals.before.eciCostPerHour!.atMost, diff.totals.after.eciCostPerHour!.atMost]).toEqual([4.56, 4.056]);
  });

  // The seven jobs of default share the leaf's 5 CPUs, pod by pod in file order (ACK "Work with capacity scheduling"): the first
  // (spark-pi-ecs-only, 5 CPUs) takes them all, and the other six jobs' 20 pods stay Pending (QUOTA); the policy job (6 CPUs) also
  // exceeds the max on its own.
  test('a new quota: the first job takes the leaf\'s 5 CPUs, the other six jobs\' 20 pods stay Pending, the policy job exceeds its max', () => {
    const diff = diffOf(newQuota());
    expect(diff.addsPendingOrErrors).toBe(true);
    // The warnings removed: the six jobs' ECI pods are Pending now, so no first run creates an image cache.
    expect(diff.totals).toMatchObject({ jobsChanged: 7, errorsAdded: 16, warningsAdded: 0, pendingPodsAdded: 20 });
    const policyJob = diff.jobs.find(j => j.source.after!.file === 'dist/spark-pi-resource-policy.k8s.yaml')!;
    expect(policyJob.problemsAdded.map(p => `${p.severity} ${p.code}`)).toEqual(['ERROR QUOTA_EXCEEDS_MAX']);
    const others = diff.jobs.filter(j => j !== policyJob).map(j => j.problemsAdded.map(p => `${p.severity} ${p.code}`));
    expect(others).toEqual(Array(6).fill([]));
    const ecsOnlyJob = diff.jobs.find(j => j.name === 'spark-pi-ecs-only')!;
    expect(diff.jobs.filter(j => j !== ecsOnlyJob).map(j => j.pendingReasons.filter(p => p.code === 'QUOTA').map(p => p.after)))
      .toEqual([[1, 2], [1, 2], [1, 4], [1, 2], [1, 2], [1, 2]]);
    // Driver 1 core and 512m + 384 MiB overhead; 5 executors the same: 6000m, 5376 MiB.
    expect(policyJob.quota).toEqual({
      before: null,
      after: {
        tree: 'kube-system/elasticquotatree',
        leaf: 'root.children[0]',
        exceedsMax: true,
        exceedsMin: true,
        resources: [
          { resource: 'cpu', unit: 'millicores', requested: 6000, min: 4000, max: 5000 },
          { resource: 'memory', unit: 'MiB', requested: 5376, min: 8192, max: 16384 },
          { resource: 'nvidia.com/gpu', unit: 'count', requested: 0, min: 0, max: null },
        ],
      },
    });
    // Driver 896 MiB; 2 executors of 4g + 409 MiB (10%) overhead: 9906 MiB and 5000m.
    const ecsOnly = diff.jobs.find(j => j.name === 'spark-pi-ecs-only')!;
    expect(ecsOnly.quota.after!.resources.slice(0, 2).map(r => r.requested)).toEqual([5000, 9906]);
  });

  test('jobs of one name pair by file, whatever the folders and the order of the files', () => {
    const after = synthFiles(spotExecutors(), 'elsewhere/dist').reverse();
    const diff = diffOf(after);
    expect(diff.jobs.map(j => j.source.after!.file)).toEqual(['elsewhere/dist/spark-pi-eci-only.k8s.yaml']);
    expect(diff.totals.jobsUnchanged).toBe(6);
  });

  test('a renamed job is one removed and one added; an added job\'s Pending pods are added, a removed one\'s removed', () => {
    const app = seedApp();
    jobOf(app, 'spark-pi-resource-policy').addJsonPatch(JsonPatch.replace('/metadata/name', 'spark-pi-2'));
    const diff = diffOf(app);
    expect(diff.jobs.map(j => [j.change, j.name, j.pendingPods.before, j.pendingPods.after])).toEqual([
      ['ADDED', 'spark-pi-2', 0, 1],
      // The other spark-pi of the app no longer shares its name with it: its duplicate-name warning goes.
      ['CHANGED', 'spark-pi', 0, 0],
      ['REMOVED', 'spark-pi', 1, 0],
    ]);
    expect(diff.totals).toMatchObject({ jobsAdded: 1, jobsRemoved: 1, pendingPodsAdded: 1, pendingPodsRemoved: 1 });
    expect(diff.jobs[0].roles[1].places).toEqual({ before: null, after: { ...NONE, ecs: 1, eci: 3, pending: 1 } });
  });

  test('a problem both sides have is neither added nor removed; one more of the same code is added', () => {
    const [before, after] = [planManifests(BEFORE), planManifests(BEFORE)];
    const job = after.jobs[0] as any;
    const problem = { code: 'SPOT_DRIVER', severity: 'WARNING', role: 'driver', objects: [], field: null, message: 'm' };
    (before.jobs[0] as any).problems = [problem];
    job.problems = [problem, { ...problem, message: 'another' }];
    const diff = diffPlans(before, after);
    expect(diff.jobs[0].problemsAdded.map(p => p.message)).toEqual(['another']);
    expect(diff.jobs[0].problemsRemoved).toEqual([]);
    expect(diff.addsPendingOrErrors).toBe(false);
    job.problems = [{ ...problem, severity: 'ERROR' }];
    const worse = diffPlans(before, after);
    expect(worse.jobs[0].problemsAdded.map(p => p.severity)).toEqual(['ERROR']);
    expect(worse.jobs[0].problemsRemoved.map(p => p.severity)).toEqual(['WARNING']);
    expect(worse.addsPendingOrErrors).toBe(true);
  });
});

describe('every format says the same deltas', () => {
  test('table: more executors', () => {
    expect(renderDiffTable(diffOf(moreExecutors()))).toBe([
      'the change adds 1 Pending pod: 1 job changed, 0 added, 0 removed, 6 unchanged',
      '',
      '                BEFORE  AFTER  CHANGE',
      '  pods          24      25     +1',
      '  Pending pods  1       2      +1',
      '  errors        1       1      0',
      '',
      'SparkApplication default/spark-pi  (changed, adds 1 Pending pod; dist/spark-pi-resource-policy.k8s.yaml, document 2)',
      '  ~ executor: pods 5 → 6; ECS 1, ECI 3, Pending 1 → ECS 1, ECI 3, Pending 2',
      '  ~ executor Pending for UNIT_CAPS: 1 → 2',
      'assumes: a unit whose nodes a pod\'s tolerations, node affinity or nodeSelector exclude counts as short of resources for that pod, which moves on to the next unit',
      'assumes: each ResourcePolicy unit is assumed to have room for the pods it takes; a unit short of resources sends pods on as whenTryNextUnits says',
      '',
    ].join('\n'));
  });

  test('table: a spot switch and a new quota', () => {
    const spot = renderDiffTable(diffOf(spotExecutors()));
    expect(spot).toContain('the change adds no Pending pods and no errors: 1 job changed, 0 added, 0 removed, 6 unchanged\n');
    expect(spot).toContain('  ECI cost per hour (CNY)  4.56    4.056  -0.504 (-11.1%)\n');
    expect(spot).toContain('  ~ executor: ECI size 2-8Gi → 2-8Gi spot; ECI cost per hour 0.72 → 0.216 CNY, -70.0%\n');
    expect(spot).toContain('  ~ ECI cost per hour 0.94 → 0.436 CNY, -53.6%\n');
    expect(spot).toContain('  ~ spot reclaim: executors on spot ECI (SpotAsPriceGo');
    const quota = renderDiffTable(diffOf(newQuota()));
    expect(quota).toMatch(/^the change adds 20 Pending pods and 16 errors: 7 jobs changed, 0 added, 0 removed, 0 unchanged\n/);
    expect(quota).toContain('  Pending pods             1       21     +20\n  errors                   1       17     +16\n  warnings                 15      6      -9\n');
    // The jobs that add Pending pods or errors come first; the one that only changed (spark-pi-ecs-only) last.
    expect(quota.split('\n')[9]).toBe('SparkApplication default/spark-pi-eci-only  (changed, adds 3 Pending pods, 2 errors; dist/spark-pi-eci-only.k8s.yaml, document 1)');
    expect(quota).toContain('SparkApplication default/spark-pi  (changed, adds 5 Pending pods, 4 errors; dist/spark-pi-resource-policy.k8s.yaml, document 2)');
    expect(quota).toContain('  ~ quota kube-system/elasticquotatree root.children[0]: cpu 6000 millicores (min 4000, max 5000); '
      + 'memory 5376 MiB (min 8192, max 16384); exceeds max (new)\n');
    expect(quota.match(/~ driver Pending for QUOTA: 0 → 1/g)).toHaveLength(6);
  });

  test('markdown: the verdict and totals first, the job that adds Pending pods open', () => {
    const md = renderDiffMarkdown(diffOf(moreExecutors()));
    expect(md.split('\n').slice(0, 8)).toEqual([
      '❌ **cdk8s-spark-eci plan --compare**: the change adds 1 Pending pod: 1 job changed, 0 added, 0 removed, 6 unchanged',
      '',
      '|  | BEFORE | AFTER | CHANGE |',
      '| --- | ---: | ---: | ---: |',
      '| pods | 24 | 25 | +1 |',
      '| Pending pods | 1 | 2 | +1 |',
      '| errors | 1 | 1 | 0 |',
      '',
    ]);
    expect(md).toContain('<details open>\n<summary><b>SparkApplication default/spark-pi</b>: changed, adds 1 Pending pod</summary>');
    expect(md).toContain('- executor: pods 5 → 6; ECS 1, ECI 3, Pending 1 → ECS 1, ECI 3, Pending 2\n- executor Pending for UNIT&#95;CAPS: 1 → 2\n');
    const spot = renderDiffMarkdown(diffOf(spotExecutors()));
    expect(spot).toMatch(/^✅ /);
    expect(spot).toContain('<details>\n<summary><b>SparkApplication default/spark-pi-eci-only</b>: changed</summary>');
    expect(spot).toContain('| ECI cost per hour (CNY) | 4.56 | 4.056 | -0.504 (-11.1%) |');
    const quota = renderDiffMarkdown(diffOf(newQuota()));
    expect(quota).toContain('- **+** error QUOTA&#95;EXCEEDS&#95;MAX: ');
    expect(quota.match(/- driver Pending for QUOTA: 0 → 1/g)).toHaveLength(6);
  });

  test('markdown: cut to the limit, the jobs that add findings first, with a note that says how many are left out', () => {
    const diff = diffOf(newQuota());
    const whole = renderDiffMarkdown(diff);
    expect(whole).not.toContain('not shown');
    const cut = renderDiffMarkdown(diff, 4500);
    expect(cut.length).toBeLessThanOrEqual(4500);
    expect(cut).toContain('Pending for QUOTA');
    const shown = (cut.match(/<details/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(7);
    expect(cut).toContain(`> **${7 - shown} more job${7 - shown === 1 ? '' : 's'} not shown** (${shown} of 7 that differ): GitHub limits a comment to 65,536 characters.`);
    expect(cut.trimEnd().endsWith('`--format json`.') || cut.includes('- assumes:')).toBe(true);
  });

  test('markdown: 3,000 added jobs stay within GitHub\'s 65,536 characters', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata: { name: job-${i}, namespace: team }
spec: { type: Scala, mode: cluster, sparkVersion: 3.5.2, image: 'spark:3.5.2', mainApplicationFile: local:///a.jar, driver: { cores: 1 }, executor: { instances: ${i % 7 + 1} } }
`).join('---\n');
    const md = renderDiffMarkdown(diffOf([{ file: 'dist/many.yaml', text: many }], [{ file: 'dist/many.yaml', text: '' }]));
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_CHARACTERS);
    expect(md.length).toBeGreaterThan(MAX_COMMENT_CHARACTERS - 2000);
    expect(md).toMatch(/^✅ \*\*cdk8s-spark-eci plan --compare\*\*: the change adds no Pending pods and no errors: 0 jobs changed, 3000 added/);
    expect(md).toMatch(/> \*\*\d+ more jobs not shown\*\* \(\d+ of 3000 that differ\)/);
  });

  test('HTML: the verdict, the totals, a before and an after bar per role, the same lines', () => {
    const html = renderDiffHtml(diffOf(moreExecutors()));
    expect(html).toContain('<span class="status attention">adds Pending pods or errors</span> the change adds 1 Pending pod: 1 job changed');
    expect(html).toContain('<tr><td>Pending pods</td><td class="num">1</td><td class="num">2</td><td class="num">+1</td></tr>');
    expect(html).toContain('<li class="role"><b>~</b>executor: pods 5 → 6; ECS 1, ECI 3, Pending 1 → ECS 1, ECI 3, Pending 2</li>');
    expect(html).toContain('<title>before: Pending 1</title>');
    expect(html).toContain('<title>after: Pending 2</title>');
    expect(html).not.toMatch(/<script|src=|href="http/);
    const quota = renderDiffHtml(diffOf(newQuota()));
    expect(quota).toContain('<li class="added"><b>+</b>error QUOTA_EXCEEDS_MAX: ');
  });

  /** Per change, the lines every format must say (in the table's words) and the JSON facts behind them. */
  const EXPECTED: Array<[string, () => App, string[], (d: PlanDiff) => unknown, unknown]> = [
    ['more executors', moreExecutors,
      ['the change adds 1 Pending pod: 1 job changed, 0 added, 0 removed, 6 unchanged',
        'executor: pods 5 → 6; ECS 1, ECI 3, Pending 1 → ECS 1, ECI 3, Pending 2', 'executor Pending for UNIT_CAPS: 1 → 2'],
      d => [d.addsPendingOrErrors, d.totals.pendingPodsAdded, d.jobs[0].roles[1].pods], [true, 1, { before: 5, after: 6 }]],
    ['a spot switch', spotExecutors,
      ['the change adds no Pending pods and no errors: 1 job changed, 0 added, 0 removed, 6 unchanged',
        'executor: ECI size 2-8Gi → 2-8Gi spot; ECI cost per hour 0.72 → 0.216 CNY, -70.0%', 'ECI cost per hour 0.94 → 0.436 CNY, -53.6%'],
      d => [d.addsPendingOrErrors, d.jobs[0].roles[1].spot, d.totals.after.eciCostPerHour],
      [false, { before: false, after: true }, { atLeast: 4.056, atMost: 4.056 }]],
    ['a new quota', newQuota,
      ['the change adds 20 Pending pods and 16 errors: 7 jobs changed, 0 added, 0 removed, 0 unchanged',
        'quota kube-system/elasticquotatree root.children[0]: cpu 6000 millicores (min 4000, max 5000); memory 5376 MiB (min 8192, max 16384); exceeds max (new)',
        'error QUOTA_EXCEEDS_MAX: the job\'s total requests must fit the max of its ElasticQuotaTree leaf', 'executor Pending for QUOTA: 0 → 4'],
      d => [d.addsPendingOrErrors, d.totals.errorsAdded, d.totals.warningsAdded, d.totals.pendingPodsAdded], [true, 16, 0, 20]],
  ];

  test.each(EXPECTED)('%s: the same deltas in the table, Markdown, HTML and JSON', (_name, change, lines, facts, expected) => {
    const diff = diffOf(change());
    const [table, markdown, html, json] = [renderDiffTable(diff), renderDiffMarkdown(diff), renderDiffHtml(diff), JSON.parse(renderDiffJson(diff))];
    for (const line of lines) {
      expect(table).toContain(line);
      expect(markdown).toContain(markdownText(line));
      expect(html).toContain(htmlText(line));
    }
    expect(facts(json)).toEqual(expected);
  });

  test('JSON: the diff as it is', () => {
    const diff = diffOf(newQuota());
    expect(JSON.parse(renderDiffJson(diff))).toEqual(JSON.parse(JSON.stringify(diff)));
    expect(JSON.parse(renderDiffJson(diff)).schemaVersion).toBe(1);
  });

  test('text from the manifests is escaped in every format but JSON', () => {
    const diff = diffOf(synthFiles(spotExecutors(), 'dist').map(f => ({ ...f, file: `${f.file}<img>|\u001b[2J` })));
    expect(diff.jobs[0].source.after!.file).toBe('dist/spark-pi-eci-only.k8s.yaml<img>|\u001b[2J');
    expect(renderDiffJson(diff)).toContain('spark-pi-eci-only.k8s.yaml<img>|\\u001b[2J');
    expect(renderDiffTable(diff)).toContain('spark-pi-eci-only.k8s.yaml<img>|\\x1b[2J, document 1');
    expect(renderDiffHtml(diff)).toContain('spark-pi-eci-only.k8s.yaml&lt;img&gt;|\\x1b[2J, document 1');
    expect(renderDiffMarkdown(diff)).toContain('spark-pi-eci-only.k8s.yaml&lt;img&gt;&#124;&#92;x1b&#91;2J, document 1');
  });
});

describe('the command: plan --compare BEFORE AFTER', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-compare-'));
    for (const [name, app] of [['before', seedApp()], ['more', moreExecutors()], ['spot', spotExecutors()]] as const) {
      fs.mkdirSync(path.join(dir, name));
      for (const f of synthFiles(app, path.join(dir, name))) { fs.writeFileSync(f.file, f.text); }
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(['plan', ...args], { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
    return { code, stdout, stderr };
  }

  test('exit 1 when the change adds Pending pods, 0 when it adds none; the table by default', async () => {
    const more = await run('--compare', path.join(dir, 'before'), path.join(dir, 'more'));
    expect(more.code).toBe(1);
    expect(more.stdout).toMatch(/^the change adds 1 Pending pod: 1 job changed/);
    const spot = await run('--compare', path.join(dir, 'before'), path.join(dir, 'spot'), '--price-vcpu-hour', '0.1', '--price-gib-hour', '0.02');
    expect(spot.code).toBe(0);
    expect(spot.stdout).toContain('ECI size 2-8Gi → 2-8Gi spot');
    // Both sides have the seed's Pending executor: comparing a side with itself adds nothing.
    expect((await run(path.join(dir, 'more'), path.join(dir, 'more'), '--compare')).code).toBe(0);
  });

  test('every format, the same diff as the model', async () => {
    const files = (name: string) => fs.readdirSync(path.join(dir, name)).sort()
      .map(f => ({ file: path.join(dir, name, f), text: fs.readFileSync(path.join(dir, name, f), 'utf8') }));
    const diff = diffPlans(planManifests(files('before')), planManifests(files('more')));
    const args = ['--compare', path.join(dir, 'before'), path.join(dir, 'more')];
    expect(JSON.parse((await run(...args, '--json')).stdout)).toEqual(JSON.parse(JSON.stringify(diff)));
    expect((await run(...args, '--format', 'markdown')).stdout).toBe(renderDiffMarkdown(diff));
    expect((await run(...args, '--format', 'html')).stdout).toBe(renderDiffHtml(diff));
  });

  test('--output writes the file and says what the change adds', async () => {
    const out = path.join(dir, 'diff.md');
    const result = await run('--compare', path.join(dir, 'before'), path.join(dir, 'more'), '--format', 'markdown', '--output', out);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `cdk8s-spark-eci plan: wrote the markdown diff to ${out} (adds 1 Pending pod: exit code 1)\n` });
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^❌ \*\*cdk8s-spark-eci plan --compare\*\*/);
  });

  test('usage errors: not two inputs, an input that cannot be read', async () => {
    expect(await run('--compare', path.join(dir, 'before'))).toEqual({
      code: 2, stdout: '', stderr: 'cdk8s-spark-eci: --compare needs two inputs, BEFORE and AFTER (got 1)\nRun "cdk8s-spark-eci plan --help" for usage.\n',
    });
    expect((await run('--compare', 'a', 'b', 'c')).stderr).toContain('--compare needs two inputs, BEFORE and AFTER (got 3)');
    expect(await run('--compare', path.join(dir, 'before'), path.join(dir, 'nowhere'))).toEqual({
      code: 2, stdout: '', stderr: `cdk8s-spark-eci plan: cannot read ${path.join(dir, 'nowhere')}: no such file or directory\n`,
    });
    expect((await run('--help')).stdout).toContain('--compare                plan BEFORE and AFTER');
  });
});

describe('the testing kit: SparkTesting.comparePlans()', () => {
  /** The diff without where each job was read from (a construct path in the kit, a file in the command). */
  function withoutSources(diff: any): any {
    return { ...diff, jobs: diff.jobs.map((j: any) => ({ ...j, source: null })) };
  }

  test('says what the command says about the same YAML', () => {
    for (const change of [moreExecutors, spotExecutors, newQuota]) {
      const kit = SparkTesting.comparePlans(seedApp(), change(), PRICES);
      const command = diffOf(change());
      expect(withoutSources(kit)).toEqual(withoutSources(command));
      expect(kit.jobs.map((j: any) => j.source.after.path)).toEqual(command.jobs.map(j => `${j.source.after!.file!.slice('dist/'.length, -'.k8s.yaml'.length)}/SparkPi/Resource`));
    }
  });

  test('assertNoPendingPodsOrErrorsAdded passes a spot switch and names what more executors and a quota add', () => {
    SparkTesting.assertNoPendingPodsOrErrorsAdded(seedApp(), spotExecutors());
    expect(() => SparkTesting.assertNoPendingPodsOrErrorsAdded(seedApp(), moreExecutors())).toThrow(
      'expected the change to add no Pending pods and no errors, but:\n  SparkApplication default/spark-pi (changed): 1 more executor pod Pending (UNIT_CAPS)');
    expect(() => SparkTesting.assertNoPendingPodsOrErrorsAdded(seedApp(), newQuota())).toThrow(
      /^expected the change to add no Pending pods and no errors, but:\n {2}SparkApplication default\/spark-pi-eci-only \(changed\): 1 more driver pod Pending \(QUOTA\); 2 more executor pods Pending \(QUOTA\)\n/);
    expect(() => SparkTesting.assertNoPendingPodsOrErrorsAdded(seedApp(), newQuota())).toThrow(
      /\n {2}SparkApplication default\/spark-pi \(changed\): 1 more driver pod Pending \(QUOTA\); 4 more executor pods Pending \(QUOTA\); error QUOTA_EXCEEDS_MAX: /);
  });

  test('refuses what is not a construct', () => {
    expect(() => SparkTesting.comparePlans({} as any, seedApp())).toThrow(/^comparePlans\(\) before must be a construct \(the App, a Chart or another construct\)/);
  });
});
