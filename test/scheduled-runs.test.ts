/**
 * A day of scheduled runs (`plan --schedule-day`, `SparkTesting.scheduleDay()`): the runs of
 * each ScheduledSparkApplication as the operator's robfig/cron starts them (time zones, DST days
 * both ways, descriptors, steps, ranges), the minutes where runs that start together share a
 * budget, and every format of the report.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import {
  ConcurrencyPolicy, ResourcePolicyUnit, ResourcePolicyUnits, ScheduledSparkJob, SparkApplicationType, SparkPodSelector, SparkTesting,
} from '../src';
import { seedApp } from './support/compare-apps';
import { seedAvailable, seedManifests } from './support/seed';
import { main } from '../src/cli/cli';
import { renderScheduleHtml, renderScheduleJson, renderScheduleMarkdown, renderScheduleTable } from '../src/cli/render-schedule';
import { parseManifests, planObjects, SourcedManifest, toReport } from '../src/model/plan';
import { scheduleDay, ScheduleDayOptions, scheduleDayHasFindings, ScheduleDayReport } from '../src/model/scheduled-runs';

const COLLIDE = path.join('test', 'fixtures', 'schedule', 'collide.yaml');

function objectsOf(file: string): SourcedManifest[] {
  return parseManifests([{ file, text: fs.readFileSync(file, 'utf8') }]);
}

/** A ScheduledSparkApplication manifest with one driver and `executors` executors. */
function scheduled(
  name: string, spec: { [key: string]: unknown }, options: { namespace?: string; labels?: { [key: string]: string }; executors?: number } = {},
): SourcedManifest {
  return {
    origin: { file: 'app.yaml', document: 1 },
    object: {
      apiVersion: 'sparkoperator.k8s.io/v1beta2',
      kind: 'ScheduledSparkApplication',
      metadata: { name, namespace: options.namespace ?? 'jobs', ...(options.labels ? { labels: options.labels } : {}) },
      spec: {
        concurrencyPolicy: 'Forbid',
        ...spec,
        template: {
          type: 'Scala',
          mode: 'cluster',
          sparkVersion: '3.5.2',
          mainApplicationFile: 'local:///app.jar',
          driver: { cores: 1, memory: '1g' },
          executor: { instances: options.executors ?? 2, cores: 1, memory: '1g' },
        },
      },
    },
  };
}

function runsOf(spec: { [key: string]: unknown }, options: Omit<ScheduleDayOptions, 'day'> & { day: string }): string[] {
  return scheduleDay([scheduled('job', spec)], options).schedules[0].runs;
}

describe('the collision the test app has, and none in the seed\'s', () => {
  const report = scheduleDay(objectsOf(COLLIDE), { day: '2026-03-09' });

  test('18:00 UTC: etl-orders (02:00 Shanghai) and etl-payments (18:00 UTC) share etl-budget\'s 6 pods with 8: 2 stay Pending', () => {
    expect(report.collisions).toEqual([{
      minute: 18 * 60,
      time: '18:00',
      utcOffset: '+00:00',
      kind: 'RESOURCE_POLICY',
      outcome: 'PENDING',
      shared: 'ResourcePolicy etl/etl-budget',
      runs: [
        { kind: 'ScheduledSparkApplication', namespace: 'etl', name: 'etl-orders' },
        { kind: 'ScheduledSparkApplication', namespace: 'etl', name: 'etl-payments' },
      ],
      pendingPods: 2,
      message: 'runs of etl/etl-orders, etl/etl-payments start together and share the max of ResourcePolicy etl/etl-budget, which does not group '
        + 'pods by submission (matchLabelKeys without sparkoperator.k8s.io/submission-id): 2 pods stay Pending',
    }]);
    expect(scheduleDayHasFindings(report)).toBe(true);
  });

  test('the reports jobs start together every hour under a per-submission budget: no collision; the peak is 18:00 with 4 runs', () => {
    expect(report.schedules.map(s => [s.name, s.runs.length])).toEqual([
      ['etl-orders', 1], ['etl-payments', 1], ['reports-hourly', 24], ['reports-half-hourly', 48],
    ]);
    expect(report.minutes.filter(m => m.runs.length === 2)).toHaveLength(23);
    expect(report.peak).toEqual({ submissions: 4, times: ['18:00'], unanchored: 0 });
    expect(report.totals).toEqual({ schedules: 4, runs: 74, minutesWithRuns: 48, collisionMinutes: 1, pendingPods: 2, errors: 0, warnings: 0 });
  });

  test('an hour apart, the etl jobs do not collide', () => {
    const apart = objectsOf(COLLIDE).map(o => (o.object.metadata.name === 'etl-payments'
      ? { ...o, object: { ...o.object, spec: { ...o.object.spec, schedule: '0 19 * * *' } } } : o));
    const r = scheduleDay(apart, { day: '2026-03-09' });
    expect(r.collisions).toEqual([]);
    expect(scheduleDayHasFindings(r)).toBe(false);
  });

  test('the seed\'s manifests have no ScheduledSparkApplication, so no run and no collision', () => {
    if (!seedAvailable()) { return; }
    const seed = seedManifests().map(s => ({ object: s.manifest, origin: { file: 'seed', document: s.index + 1 } }));
    const r = scheduleDay(seed, { day: '2026-03-09' });
    expect(r.schedules).toEqual([]);
    expect(r.collisions).toEqual([]);
    expect(r.totals.runs).toBe(0);
    expect(renderScheduleTable(r)).toBe('No ScheduledSparkApplication found.\n');
    SparkTesting.assertNoScheduleCollisions(seedApp(), '2026-03-09');
  });

  test('the nightly fixture: one run at 19:00 UTC (03:00 in Shanghai), nothing shared', () => {
    const r = scheduleDay(objectsOf(path.join('test', 'fixtures', 'plan', 'scheduled.yaml')), { day: '2026-03-09' });
    expect(r.schedules.map(s => s.runs)).toEqual([['19:00']]);
    expect(r.collisions).toEqual([]);
  });
});

describe('run times follow the operator\'s robfig/cron', () => {
  test('time zones: timeZone, a CRON_TZ in the schedule (which wins), Local as the operator\'s zone', () => {
    expect(runsOf({ schedule: '0 3 * * *', timeZone: 'Asia/Shanghai' }, { day: '2026-03-09' })).toEqual(['19:00']);
    expect(runsOf({ schedule: '0 3 * * *', timeZone: 'Asia/Shanghai' }, { day: '2026-03-09', timeZone: 'Asia/Shanghai' })).toEqual(['03:00']);
    expect(runsOf({ schedule: 'CRON_TZ=Asia/Tokyo 0 9 * * *', timeZone: 'America/New_York' }, { day: '2026-03-09' })).toEqual(['00:00']);
    expect(runsOf({ schedule: '0 3 * * *' }, { day: '2026-03-09' })).toEqual(['03:00']);
    expect(runsOf({ schedule: '0 3 * * *', timeZone: 'Local' }, { day: '2026-03-09', operatorTimeZone: 'Asia/Shanghai' })).toEqual(['19:00']);
  });

  test('spring forward (New York, 2026-03-08): 02:30 does not exist and does not run; @hourly runs 23 times', () => {
    const ny = { day: '2026-03-08', timeZone: 'America/New_York' };
    expect(runsOf({ schedule: '30 2 * * *', timeZone: 'America/New_York' }, ny)).toEqual([]);
    expect(runsOf({ schedule: '30 2 * * *', timeZone: 'America/New_York' }, { ...ny, day: '2026-03-09' })).toEqual(['02:30']);
    const hourly = runsOf({ schedule: '@hourly', timeZone: 'America/New_York' }, ny);
    expect(hourly).toHaveLength(23);
    expect(hourly.slice(0, 3)).toEqual(['00:00', '01:00', '03:00']);
  });

  test('fall back (New York, 2026-11-01): 01:30 comes twice and runs twice; @hourly runs 25 times; the day has 25 hours', () => {
    const ny = { day: '2026-11-01', timeZone: 'America/New_York' };
    const r = scheduleDay([scheduled('job', { schedule: '30 1 * * *', timeZone: 'America/New_York' })], ny);
    expect(r.schedules[0].runs).toEqual(['01:30', '01:30']);
    expect(r.minutes.map(m => [m.time, m.utcOffset, m.at])).toEqual([
      ['01:30', '-04:00', '2026-11-01T05:30:00.000Z'],
      ['01:30', '-05:00', '2026-11-01T06:30:00.000Z'],
    ]);
    expect([r.start, r.end]).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
    expect(runsOf({ schedule: '@hourly', timeZone: 'America/New_York' }, ny)).toHaveLength(25);
    expect(renderScheduleTable(r)).toContain('01:30 01:30');
  });

  test('a DST day of the schedule\'s zone read in UTC: the 02:00 New York run moves by an hour, nothing lost', () => {
    expect(runsOf({ schedule: '0 2 * * *', timeZone: 'America/New_York' }, { day: '2026-03-07' })).toEqual(['07:00']);
    expect(runsOf({ schedule: '0 2 * * *', timeZone: 'America/New_York' }, { day: '2026-03-08' })).toEqual([]);
    expect(runsOf({ schedule: '0 2 * * *', timeZone: 'America/New_York' }, { day: '2026-03-09' })).toEqual(['06:00']);
  });

  test('steps and ranges: every 20 minutes from 9 to 17 on weekdays; both day fields restricted means either', () => {
    const weekday = runsOf({ schedule: '*/20 9-17 * * MON-FRI', timeZone: 'UTC' }, { day: '2026-03-09' });
    expect(weekday).toHaveLength(27);
    expect([weekday[0], weekday[1], weekday[26]]).toEqual(['09:00', '09:20', '17:40']);
    expect(runsOf({ schedule: '*/20 9-17 * * MON-FRI', timeZone: 'UTC' }, { day: '2026-03-14' })).toEqual([]);
    expect(runsOf({ schedule: '5/15 * * * *', timeZone: 'UTC' }, { day: '2026-03-09' }).slice(0, 4)).toEqual(['00:05', '00:20', '00:35', '00:50']);
    // Monday the 9th, Sunday the 15th: either day field; Tuesday the 10th: neither.
    for (const [day, runs] of [['2026-03-09', 1], ['2026-03-15', 1], ['2026-03-10', 0]] as const) {
      expect(runsOf({ schedule: '0 0 1,15 * MON', timeZone: 'UTC' }, { day })).toHaveLength(runs);
    }
    expect(runsOf({ schedule: '@daily', timeZone: 'UTC' }, { day: '2026-03-09' })).toEqual(['00:00']);
    expect(runsOf({ schedule: '@weekly', timeZone: 'UTC' }, { day: '2026-03-09' })).toEqual([]);
    expect(runsOf({ schedule: '@weekly', timeZone: 'UTC' }, { day: '2026-03-08' })).toEqual(['00:00']);
  });
});

describe('what the operator does with the object', () => {
  test('a schedule or a time zone it refuses: FailedValidation, no run, an error', () => {
    const r = scheduleDay([
      scheduled('bad-cron', { schedule: '0 25 * * *' }),
      scheduled('bad-zone', { schedule: '0 3 * * *', timeZone: 'Mars/Olympus' }),
    ], { day: '2026-03-09' });
    expect(r.schedules.map(s => [s.name, s.runs, s.refused !== null])).toEqual([['bad-cron', [], true], ['bad-zone', [], true]]);
    expect(r.findings.map(f => [f.code, f.severity])).toEqual([['SCHEDULE_REFUSED', 'ERROR'], ['SCHEDULE_REFUSED', 'ERROR']]);
    expect(r.findings[0].message).toBe('robfig/cron refuses schedule "0 25 * * *": field 2 (hour) must be 0-23 (got "25"); the object stays in FailedValidation');
    expect(scheduleDayHasFindings(r)).toBe(true);
  });

  test('no concurrencyPolicy: a warning (no run starts once one run\'s SparkApplication is kept); suspend: no run', () => {
    const unset = scheduled('unset', { schedule: '0 3 * * *' });
    delete (unset.object.spec as any).concurrencyPolicy;
    const r = scheduleDay([unset, scheduled('paused', { schedule: '0 3 * * *', suspend: true })], { day: '2026-03-09' });
    expect(r.findings.map(f => [f.code, f.schedule!.name])).toEqual([['CONCURRENCY_POLICY_UNSET', 'unset']]);
    expect(r.schedules.map(s => [s.name, s.concurrencyPolicy, s.suspended, s.runs])).toEqual([
      ['unset', null, false, ['03:00']], ['paused', 'Forbid', true, []],
    ]);
  });

  test('the plan says the same of the job: a CONCURRENCY_POLICY_UNSET warning, with the same reason', () => {
    const unset = scheduled('unset', { schedule: '0 3 * * *' });
    delete (unset.object.spec as any).concurrencyPolicy;
    const report = toReport(planObjects([unset, scheduled('paused', { schedule: '0 3 * * *', suspend: true }), scheduled('set', { schedule: '0 3 * * *' })]));
    expect(report.jobs.map(j => [j.name, j.problems.filter(p => p.code === 'CONCURRENCY_POLICY_UNSET').map(p => p.severity)])).toEqual([
      ['unset', ['WARNING']], ['paused', []], ['set', []],
    ]);
    const day = scheduleDay([unset], { day: '2026-03-09' });
    expect(day.findings[0].message.startsWith(report.jobs[0].problems.find(p => p.code === 'CONCURRENCY_POLICY_UNSET')!.message)).toBe(true);
  });

  test('@every: minutes unknown, counted at its most per minute in the peak', () => {
    const r = scheduleDay([scheduled('often', { schedule: '@every 30s' }), scheduled('nightly', { schedule: '0 3 * * *' })], { day: '2026-03-09' });
    expect(r.schedules[0].every).toEqual({ seconds: 30, runsPerDay: 2880, perMinuteAtMost: 2 });
    expect(r.peak).toEqual({ submissions: 3, times: ['03:00'], unanchored: 2 });
    expect(r.findings.map(f => f.code)).toEqual(['EVERY_UNANCHORED']);
  });

  test('more submissions in a minute than the operator processes: a warning', () => {
    const many = ['a', 'b', 'c'].map(n => scheduled(n, { schedule: '0 3 * * *' }));
    const r = scheduleDay(many, { day: '2026-03-09', submissionsPerMinute: 2 });
    expect(r.findings.map(f => [f.code, f.severity, f.message])).toEqual([['SUBMISSIONS_ABOVE_THROUGHPUT', 'WARNING',
      '3 submissions start in one minute (03:00), above the 2 per minute the operator is assumed to process: the last are created about 1 minute(s) '
      + 'late, and a lagging operator may mark short jobs failed (kubeflow/spark-operator #2755); spread the schedules over more minutes']]);
    expect(scheduleDayHasFindings(r)).toBe(false);
    expect(scheduleDay(many, { day: '2026-03-09' }).findings).toEqual([]);
  });

  test('a quota leaf: two 3-CPU runs in a leaf of max 5 leave pods Pending; within max but above min they borrow', () => {
    const tree = (max: number): SourcedManifest => ({
      origin: { file: 'tree.yaml', document: 1 },
      object: {
        apiVersion: 'scheduling.sigs.k8s.io/v1beta1',
        kind: 'ElasticQuotaTree',
        metadata: { name: 'elasticquotatree', namespace: 'kube-system' },
        spec: { root: { name: 'root', max: { cpu: '64', memory: '256Gi' }, children: [{ name: 'jobs', namespaces: ['jobs'], min: { cpu: '4', memory: '64Gi' }, max: { cpu: String(max), memory: '64Gi' } }] } },
      },
    });
    const jobs = [scheduled('a', { schedule: '0 3 * * *' }), scheduled('b', { schedule: '0 3 * * *' })];
    const pending = scheduleDay([tree(5), ...jobs], { day: '2026-03-09' }).collisions;
    expect(pending.map(c => [c.time, c.kind, c.outcome, c.shared, c.runs.map(r => r.name), c.pendingPods])).toEqual([
      ['03:00', 'QUOTA', 'PENDING', 'ElasticQuotaTree kube-system/elasticquotatree root.children[0]', ['a', 'b'], null],
    ]);
    expect(pending[0].message).toMatch(/^runs of jobs\/a, jobs\/b start together in quota leaf root\.children\[0\]; their requests together: exceeds max, never fully starts: cpu 6000 millicores > max 5000/);
    const borrowed = scheduleDay([tree(8), ...jobs], { day: '2026-03-09' }).collisions;
    expect(borrowed.map(c => [c.kind, c.outcome])).toEqual([['QUOTA', 'BORROWED']]);
  });

  test('a queue: two runs that enter one Kueue LocalQueue together wait', () => {
    const queued = { labels: { 'kueue.x-k8s.io/queue-name': 'batch' } };
    const r = scheduleDay([scheduled('a', { schedule: '0 3 * * *' }, queued), scheduled('b', { schedule: '0 3 * * *' }, queued)], { day: '2026-03-09' });
    expect(r.collisions.map(c => [c.kind, c.outcome, c.shared, c.runs.map(x => x.name)])).toEqual([['QUEUE', 'WAIT', 'Kueue LocalQueue jobs/batch', ['a', 'b']]]);
    expect(scheduleDayHasFindings(r)).toBe(false);
  });

  test('bad options are refused by name', () => {
    expect(() => scheduleDay([], { day: '2026-02-30' })).toThrow('day must be a date written YYYY-MM-DD, such as 2026-03-08 (got "2026-02-30")');
    expect(() => scheduleDay([], { day: '2026-03-09', timeZone: 'Local' })).toThrow('timeZone must be "UTC" or an IANA time zone name');
    expect(() => scheduleDay([], { day: '2026-03-09', operatorTimeZone: 'Mars/Base' })).toThrow(/^operatorTimeZone must be "Local", "UTC" or an IANA/);
  });
});

describe('every format', () => {
  const report: ScheduleDayReport = scheduleDay(objectsOf(COLLIDE), { day: '2026-03-09' });

  test('table', () => {
    expect(renderScheduleTable(report).split('\n').slice(0, 9)).toEqual([
      '2026-03-09 (UTC): 4 schedules, 74 runs in 48 minutes; peak 4 submissions in a minute (18:00), the operator is assumed to process 130; '
        + '1 minute where runs collide, 2 pods Pending',
      '',
      'pending   18:00: runs of etl/etl-orders, etl/etl-payments start together and share the max of ResourcePolicy etl/etl-budget, which does not '
        + 'group pods by submission (matchLabelKeys without sparkoperator.k8s.io/submission-id): 2 pods stay Pending',
      '',
      '  SCHEDULE                 CRON          ZONE           CONCURRENCY  RUNS  TIMES',
      '  etl/etl-orders           0 2 * * *     Asia/Shanghai  Forbid       1     18:00',
      '  etl/etl-payments         0 18 * * *    UTC            Forbid       1     18:00',
      '  etl/reports-hourly       @hourly       UTC            Forbid       24    00:00 01:00 02:00 03:00 04:00 05:00 06:00 07:00 +16 more',
      '  etl/reports-half-hourly  */30 * * * *  UTC            Replace      48    00:00 00:30 01:00 01:30 02:00 02:30 03:00 03:30 +40 more',
    ]);
  });

  test('markdown: the summary first, the collision, the schedules', () => {
    const md = renderScheduleMarkdown(report);
    expect(md).toMatch(/^❌ \*\*cdk8s-spark-eci plan --schedule-day\*\*: 2026-03-09 \(UTC\): 4 schedules, 74 runs in 48 minutes; /);
    expect(md).toContain('**Runs that collide**\n\n- 18:00: runs of etl/etl-orders, etl/etl-payments start together and share the max of ResourcePolicy etl/etl-budget');
    expect(md).toContain('| etl/reports-half-hourly | &#42;/30 &#42; &#42; &#42; &#42; | UTC | Replace | 48 |');
  });

  test('HTML: one bar per minute with runs, the collision minute red', () => {
    const html = renderScheduleHtml(report);
    expect(html.match(/<rect class="(run|collide|wait)"/g)).toHaveLength(48);
    expect(html).toContain('<title>18:00 (+00:00): 4 runs: etl/etl-orders, etl/etl-payments, etl/reports-hourly, etl/reports-half-hourly</title><rect class="collide"');
    expect(html).toContain('<li class="pending">18:00: runs of etl/etl-orders, etl/etl-payments');
    expect(html).not.toMatch(/<script|src=|href="http/);
  });

  test('JSON: the report as it is', () => {
    expect(JSON.parse(renderScheduleJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

describe('the command: plan --schedule-day', () => {
  async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(['plan', ...args], { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
    return { code, stdout, stderr };
  }

  test('exit 1 for the collision, 0 without; every format is the model\'s report', async () => {
    const result = await run(COLLIDE, '--schedule-day', '2026-03-09');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(renderScheduleTable(scheduleDay(objectsOf(COLLIDE), { day: '2026-03-09' })));
    const json = await run(COLLIDE, '--schedule-day=2026-03-10', '--schedule-time-zone', 'Asia/Shanghai', '--json');
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(renderScheduleJson(scheduleDay(objectsOf(COLLIDE), { day: '2026-03-10', timeZone: 'Asia/Shanghai' }))));
    expect(JSON.parse(json.stdout).collisions.map((c: any) => c.time)).toEqual(['02:00']);
    expect((await run(COLLIDE, '--schedule-day', '2026-03-09', '--format', 'markdown')).stdout).toMatch(/^❌/);
    const clean = await run(path.join('test', 'fixtures', 'plan', 'scheduled.yaml'), '--schedule-day', '2026-03-09', '--format', 'html');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('<span class="status clean">no pods Pending</span>');
  });

  test('usage errors', async () => {
    const usage = (message: string) => ({ code: 2, stdout: '', stderr: `cdk8s-spark-eci: ${message}\nRun "cdk8s-spark-eci plan --help" for usage.\n` });
    expect(await run(COLLIDE, '--schedule-day', '9 March')).toEqual(usage('--schedule-day must be a date written YYYY-MM-DD, such as 2026-03-08 (got "9 March")'));
    expect(await run(COLLIDE, '--schedule-day', '2026-03-09', '--schedule-time-zone', 'Mars/Base'))
      .toEqual(usage('--schedule-time-zone must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai" (got "Mars/Base")'));
    expect(await run(COLLIDE, '--schedule-time-zone', 'UTC')).toEqual(usage('--schedule-time-zone goes with --schedule-day'));
    expect(await run(COLLIDE, COLLIDE, '--compare', '--schedule-day', '2026-03-09'))
      .toEqual(usage('--compare and --schedule-day are two reports: run the command once for each'));
    expect(await run(COLLIDE, '--schedule-day', '2026-03-09', '--price-vcpu-hour', '1', '--price-gib-hour', '1'))
      .toEqual(usage('--schedule-day prints no costs: leave out --price-vcpu-hour and --price-gib-hour'));
  });
});

describe('the testing kit: SparkTesting.scheduleDay()', () => {
  /** The collision fixture's etl jobs, written with the constructs. */
  function etlApp(paymentsHour: number): App {
    const app = new App();
    const chart = new Chart(app, 'etl', { namespace: 'etl' });
    new ResourcePolicyUnits(chart, 'Budget', {
      metadata: { name: 'etl-budget' },
      selector: SparkPodSelector.custom({ team: 'etl' }),
      units: [ResourcePolicyUnit.ecs({ max: 2 }), ResourcePolicyUnit.eci({ max: 4 })],
    });
    const job = (id: string, schedule: string, timeZone: string) => new ScheduledSparkJob(chart, id, {
      metadata: { name: id, labels: { team: 'etl' } },
      schedule,
      timeZone,
      concurrencyPolicy: ConcurrencyPolicy.FORBID,
      type: SparkApplicationType.SCALA,
      image: 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2',
      mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
      sparkVersion: '3.5.2',
      driver: { cores: 1, memory: Size.gibibytes(1) },
      executor: { instances: 3, cores: 1, memory: Size.gibibytes(2), coreLimit: Cpu.units(1) },
    });
    job('etl-orders', '0 2 * * *', 'Asia/Shanghai');
    job('etl-payments', `0 ${paymentsHour} * * *`, 'UTC');
    return app;
  }

  test('finds the same collision in the app the constructs write', () => {
    const r = SparkTesting.scheduleDay(etlApp(18), '2026-03-09');
    expect(r.collisions.map((c: any) => [c.time, c.shared, c.runs.map((x: any) => x.name), c.pendingPods]))
      .toEqual([['18:00', 'ResourcePolicy etl/etl-budget', ['etl-orders', 'etl-payments'], 2]]);
    expect(r.schedules[0].source.path).toBe('etl/etl-orders/Resource');
    expect(() => SparkTesting.assertNoScheduleCollisions(etlApp(18), '2026-03-09')).toThrow(
      'expected no runs that start together on 2026-03-09 (UTC) to leave pods Pending, but:\n  18:00 (+00:00): runs of etl/etl-orders, etl/etl-payments start together');
    SparkTesting.assertNoScheduleCollisions(etlApp(19), '2026-03-09');
  });

  test('refuses a bad day by name', () => {
    expect(() => SparkTesting.scheduleDay(new App(), 'tomorrow')).toThrow('day must be a date written YYYY-MM-DD');
  });
});
