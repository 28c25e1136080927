/**
 * A job's `deadlines` (src/spark/job-deadlines.ts and job-deadlines-internal.ts): what each prop
 * writes, each refusal, the cluster profile's `requireDeadlines`, the CRDs of every supported
 * operator release, and the plan of the synthesized YAML saying what synthesis says.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Duration, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  EciImageCache, EciPlacement, JobDeadlines, ResourcePolicyUnit, ResourcePolicyUnits, RestartPolicy, ScheduledSparkJob, SparkApplicationType,
  SparkClusterProfile, SparkJob, SparkJobProps, SparkPlacement, SparkTesting,
} from '../src';
import { createCrdValidator, expectValidManifests, operatorCrdDirectory } from './support/crd-schema';
import { planOfYaml } from './support/plan';
import { synth } from './support/synth';

const PLUGIN = 'org.apache.spark.deploy.DriverTimeoutPlugin';
const MAX_PENDING = 'k8s.aliyun.com/eci-max-pending-minute';

const base: SparkJobProps = {
  metadata: { name: 'etl' },
  type: SparkApplicationType.SCALA,
  sparkVersion: '4.0.0',
  image: 'spark:4.0.0',
  mainApplicationFile: 'local:///opt/app/etl.jar',
  executor: { instances: 2 },
};
/** Image-cache matching off: an ECI job without an ImageCache object warns about its first run, which is not what these tests are about. */
const NO_CACHE = { eci: { imageCache: EciImageCache.off() } };
const ECS_DRIVER_ECI_EXECUTORS = SparkPlacement.perRole({ driver: EciPlacement.ecsOnly(), executor: EciPlacement.eciOnly(NO_CACHE) });

function chartWith(profile?: SparkClusterProfile): Chart {
  const app = Testing.app();
  profile?.attachTo(app);
  return new Chart(app, 'test', { namespace: 'spark' });
}

/** The synthesized SparkApplication of a job with these props (validated as `cdk8s synth` does). */
function rendered(props: Partial<SparkJobProps>, configure?: (job: SparkJob, chart: Chart) => void): any {
  const chart = chartWith();
  const job = new SparkJob(chart, 'Job', { ...base, ...props });
  configure?.(job, chart);
  return synth(chart).find(m => m.kind === 'SparkApplication');
}

/** The message of what a job with these props throws, at construction or at synth; '' when it synthesizes. */
function refusal(props: Partial<SparkJobProps>, configure?: (job: SparkJob) => void): string {
  try {
    rendered(props, configure);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('start: ECI\'s eci-max-pending-minute on the roles that may run on ECI', () => {
  test('written on the ECI executors only, not on the ECS driver; valid against the v2.5.2 CRD', () => {
    const app = rendered({ placement: ECS_DRIVER_ECI_EXECUTORS, deadlines: { start: Duration.minutes(30) } });
    expect(app.spec.executor.annotations).toEqual({ 'k8s.aliyun.com/eci-auto-imc': 'false', [MAX_PENDING]: '30' });
    expect(app.spec.driver.annotations).toBeUndefined();
    expectValidManifests([app]);
  });

  test('on both roles placed ECS first (only their ECI pods read it); whole hours as minutes', () => {
    const app = rendered({ placement: SparkPlacement.of(EciPlacement.ecsFirst(NO_CACHE)), deadlines: { start: Duration.hours(2) } });
    expect([app.spec.driver.annotations[MAX_PENDING], app.spec.executor.annotations[MAX_PENDING]]).toEqual(['120', '120']);
  });

  test('a placement given later counts: ResourcePolicyUnits.addJob() places the job for its units', () => {
    const app = rendered({ deadlines: { start: Duration.minutes(45) } }, (job, chart) => {
      new ResourcePolicyUnits(chart, 'Policy', { units: [ResourcePolicyUnit.eci()] }).addJob(job, NO_CACHE);
    });
    expect([app.spec.driver.annotations[MAX_PENDING], app.spec.executor.annotations[MAX_PENDING]]).toEqual(['45', '45']);
  });

  test('the same value from the placement\'s eci.maxPending is one setting, written once', () => {
    const placement = SparkPlacement.of(EciPlacement.eciOnly({ eci: { maxPending: Duration.minutes(30), imageCache: EciImageCache.off() } }));
    expect(rendered({ placement, deadlines: { start: Duration.minutes(30) } }).spec.executor.annotations)
      .toEqual({ 'k8s.aliyun.com/eci-auto-imc': 'false', [MAX_PENDING]: '30' });
  });

  test('refused: outside ECI\'s 10 to 1440 whole minutes, not a Duration, no ECI placement, another value set elsewhere', () => {
    const eci = { placement: ECS_DRIVER_ECI_EXECUTORS };
    const range = 'deadlines.start (minutes) must be an integer from 10 to 1440 (whole minutes, as ECI reads them)';
    expect(refusal({ ...eci, deadlines: { start: Duration.minutes(5) } })).toContain(`${range} (got 5)`);
    expect(refusal({ ...eci, deadlines: { start: Duration.minutes(1441) } })).toContain(`${range} (got 1441)`);
    expect(refusal({ ...eci, deadlines: { start: Duration.seconds(630) } })).toContain(`${range} (got 10.5)`);
    expect(refusal({ ...eci, deadlines: { start: 30 as any } })).toContain('deadlines.start must be a Duration, e.g. Duration.minutes(15) or Duration.seconds(90) (got 30)');
    expect(refusal({ deadlines: { start: Duration.minutes(30) } })).toContain('deadlines.start needs a placement that may run a role on ECI '
      + '(EciPlacement.eciOnly(), ecsFirst() or resourcePolicy()): k8s.aliyun.com/eci-max-pending-minute is the only start deadline the cluster enforces, '
      + 'and nothing ends a Pending pod on ECS nodes (got "no placement")');
    expect(refusal({ placement: SparkPlacement.of(EciPlacement.ecsOnly()), deadlines: { start: Duration.minutes(30) } }))
      .toContain('(got "driver ECS_ONLY, executor ECS_ONLY")');
    expect(refusal({
      placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { maxPending: Duration.minutes(20), imageCache: EciImageCache.off() } })),
      deadlines: { start: Duration.minutes(30) },
    })).toContain('deadlines.start must agree with driver.annotations["k8s.aliyun.com/eci-max-pending-minute"], which the placement\'s eci.maxPending '
      + 'or the role\'s annotations set: set it in one place (got "30 minutes and \\"20\\"")');
  });

  test('refused where it is written, before any placement: a bad value fails the constructor', () => {
    expect(() => new SparkJob(chartWith(), 'Job', { ...base, deadlines: { start: Duration.minutes(9) } }))
      .toThrow('deadlines.start (minutes) must be an integer from 10 to 1440 (whole minutes, as ECI reads them) (got 9)');
  });
});

describe('run: Spark 4.0\'s spark.driver.timeout with DriverTimeoutPlugin', () => {
  test('writes the timeout in minutes and loads the plugin; valid against the v2.5.2 CRD', () => {
    const app = rendered({ deadlines: { run: Duration.hours(2) } });
    expect(app.spec.sparkConf).toEqual({ 'spark.driver.timeout': '120min', 'spark.plugins': PLUGIN });
    expectValidManifests([app]);
  });

  test('adds the plugin to the job\'s own plugins, and not again where spark.plugins.defaultList loads it', () => {
    expect(rendered({ sparkConf: { 'spark.plugins': 'com.example.Metrics' }, deadlines: { run: Duration.minutes(90) } }).spec.sparkConf)
      .toEqual({ 'spark.plugins': `com.example.Metrics,${PLUGIN}`, 'spark.driver.timeout': '90min' });
    expect(rendered({ sparkConf: { 'spark.plugins.defaultList': PLUGIN }, deadlines: { run: Duration.minutes(90) } }).spec.sparkConf)
      .toEqual({ 'spark.plugins.defaultList': PLUGIN, 'spark.driver.timeout': '90min' });
  });

  test('a spark.driver.timeout of the same minutes is kept as written; a sparkConf entry added later is seen', () => {
    expect(rendered({ sparkConf: { 'spark.driver.timeout': '2h' }, deadlines: { run: Duration.minutes(120) } }).spec.sparkConf['spark.driver.timeout']).toBe('2h');
    expect(refusal({ deadlines: { run: Duration.minutes(120) } }, job => job.addSparkConf('spark.driver.timeout', '3h')))
      .toContain('deadlines.run must agree with sparkConf["spark.driver.timeout"]: set it in one place (got "120 minutes and \\"3h\\"")');
  });

  test('refused: before Spark 4.0, not whole minutes, under a minute, not a Duration', () => {
    expect(refusal({ sparkVersion: '3.5.2', image: 'spark:3.5.2', deadlines: { run: Duration.hours(1) } }))
      .toContain(`deadlines.run needs sparkVersion 4.0.0 or later, whose ${PLUGIN} reads spark.driver.timeout: earlier Spark has neither, `
        + 'and its SparkContext fails on the plugin class (got "sparkVersion 3.5.2")');
    const minutes = 'deadlines.run (minutes) must be an integer from 1 to 9007199254740991 (whole minutes, as Spark reads spark.driver.timeout)';
    expect(refusal({ deadlines: { run: Duration.seconds(90) } })).toContain(`${minutes} (got 1.5)`);
    expect(refusal({ deadlines: { run: Duration.seconds(0) } })).toContain(`${minutes} (got 0)`);
    expect(refusal({ deadlines: { run: '2h' as any } })).toContain('deadlines.run must be a Duration, e.g. Duration.minutes(15) or Duration.seconds(90) (got "2h")');
  });

  test('what callers without TypeScript pass: an unknown key, a string for the object', () => {
    expect(refusal({ deadlines: { runs: Duration.hours(1) } as JobDeadlines })).toContain('deadlines.runs must be one of the known keys (start, run)');
    expect(refusal({ deadlines: 'PT2H' as any })).toContain('deadlines must be an object with the keys start, run (got "PT2H")');
    expect(refusal({ deadlines: null as any })).toContain('deadlines must not be null (leave it out instead)');
  });

  test('a ScheduledSparkJob writes both into its template', () => {
    const chart = chartWith();
    new ScheduledSparkJob(chart, 'Nightly', {
      ...base,
      schedule: '0 2 * * *',
      placement: ECS_DRIVER_ECI_EXECUTORS,
      timeToLive: Duration.hours(12),
      deadlines: { start: Duration.minutes(20), run: Duration.hours(3) },
    });
    const [scheduled] = synth(chart);
    expect(scheduled.spec.template.executor.annotations[MAX_PENDING]).toBe('20');
    expect(scheduled.spec.template.sparkConf).toEqual({ 'spark.driver.timeout': '180min', 'spark.plugins': PLUGIN });
    expectValidManifests([scheduled]);
    expect(planOfYaml(chart).jobs[0].deadlines).toMatchObject({ runMinutes: 180, cleanUpSeconds: 43200 });
  });
});

describe('the plan of the synthesized YAML', () => {
  const chart = chartWith();
  new SparkJob(chart, 'Job', {
    ...base,
    placement: ECS_DRIVER_ECI_EXECUTORS,
    restartPolicy: RestartPolicy.onFailure({ retries: 2 }),
    timeToLive: Duration.days(1),
    deadlines: { start: Duration.minutes(30), run: Duration.hours(2) },
  });

  test('says what the job set', () => {
    expect(planOfYaml(chart).jobs[0].deadlines).toEqual({
      start: [
        { role: 'driver', eciMaxPendingMinutes: null, explicit: false, unboundedPods: 1 },
        { role: 'executor', eciMaxPendingMinutes: 30, explicit: true, unboundedPods: 0 },
      ],
      runMinutes: 120,
      attempts: 3,
      cleanUpSeconds: 86400,
      required: false,
      set: true,
      messages: [
        'start: executor pods on ECI: ECI ends a pod still starting (pulling images, mounting volumes) after 30 min; '
        + 'driver pods off ECI: no limit, nothing ends a Pending pod there',
        'run: Spark ends the driver 2 h after it starts (spark.driver.timeout, exit code 124); restartPolicy OnFailure starts it again, up to 3 runs in all',
        'clean-up: the operator deletes the application 1 d after it ends (timeToLiveSeconds)',
      ],
    });
  });

  test('synthesis plans the same: the testing kit\'s plan and its snapshot line', () => {
    expect(SparkTesting.plan(chart).jobs[0].deadlines).toEqual(planOfYaml(chart).jobs[0].deadlines);
    expect(SparkTesting.planSnapshot(chart)).toContain('spark/etl deadlines: start driver none, executor 30 min; run 120 min (3 runs); clean-up 86400 s\n');
  });

  test('the manifest of a job with deadlines', () => {
    expect(synth(chart)).toMatchSnapshot();
  });
});

describe('a cluster profile that asks for deadlines (requireDeadlines)', () => {
  const profile = SparkClusterProfile.upstream('2.5.2', { requireDeadlines: true, jobNamespaces: ['spark'] });

  /** The warnings synthesis prints for a job with these props under the profile. */
  function warnings(props: Partial<SparkJobProps>): string[] {
    const chart = chartWith(profile);
    new SparkJob(chart, 'Job', { ...base, ...props });
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
    try {
      synth(chart);
    } finally {
      spy.mockRestore();
    }
    // Only the deadlines' warnings: an ECI job without an ImageCache has its cold-start warning too.
    return printed.filter(line => line.includes('deadline'));
  }

  test('each job records it, so that plan and the plugin know it', () => {
    const chart = chartWith(profile);
    new SparkJob(chart, 'Job', { ...base, metadata: { name: 'etl', annotations: { team: 'data' } } });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); // its missing deadlines, tested below
    let app: any;
    try {
      [app] = Testing.synth(chart);
    } finally {
      warn.mockRestore();
    }
    expect(app.metadata.annotations).toEqual({ 'team': 'data', 'cdk8s-spark-eci/require-deadlines': 'true' });
    expect(planOfYaml(chart).jobs[0].deadlines.required).toBe(true);
    expect(rendered({ metadata: { name: 'etl', annotations: { team: 'data' } } }).metadata.annotations).toEqual({ team: 'data' }); // no profile, nothing written
  });

  test('synthesis warns for each deadline the job lacks, naming the props that set them', () => {
    const printed = warnings({ placement: ECS_DRIVER_ECI_EXECUTORS });
    expect(printed).toEqual([
      '[test/Job] warning: SparkApplication spark/etl: the executor pods may run on ECI with no start deadline of their own, '
      + 'and the cluster profile asks every job for deadlines: ECI ends a pod stuck starting there (image pull, volume mounts) only after its default of 240 min; '
      + 'set k8s.aliyun.com/eci-max-pending-minute in executor.annotations (deadlines.start writes it)',
      '[test/Job] warning: SparkApplication spark/etl: nothing ends the driver after a time, and the cluster profile asks every job for deadlines: '
      + 'a driver that hangs, or waits for executors that never start, runs until someone deletes the job; '
      + `set spark.driver.timeout and spark.plugins ${PLUGIN} in sparkConf (deadlines.run writes both), on Spark 4.0.0 or later (got sparkVersion 4.0.0)`,
      '[test/Job] warning: SparkApplication spark/etl: timeToLiveSeconds is unset, and the cluster profile asks every job for deadlines: '
      + 'the operator keeps the finished application until someone deletes it; set it (timeToLive writes it)',
    ]);
  });

  test('no warning for a job with every deadline; the plan of its YAML has no problem either', () => {
    const deadlines = { start: Duration.minutes(30), run: Duration.hours(2) };
    const props = { placement: ECS_DRIVER_ECI_EXECUTORS, timeToLive: Duration.hours(6), deadlines };
    expect(warnings(props)).toEqual([]);
    const chart = chartWith(profile);
    new SparkJob(chart, 'Job', { ...base, ...props });
    expect(planOfYaml(chart).jobs[0].problems.filter(p => p.code.startsWith('DEADLINE_'))).toEqual([]);
  });

  test('a job may not write the annotation against its profile; the option must be a boolean; withOptions keeps it', () => {
    const chart = chartWith(profile);
    expect(() => new SparkJob(chart, 'Job', { ...base, metadata: { name: 'etl', annotations: { 'cdk8s-spark-eci/require-deadlines': 'false' } } }))
      .toThrow('metadata.annotations["cdk8s-spark-eci/require-deadlines"] must be left to the cluster profile\'s requireDeadlines, which writes it (got "false")');
    expect(() => SparkClusterProfile.upstream('2.5.2', { requireDeadlines: 'yes' as any })).toThrow('options.requireDeadlines must be a boolean (got "yes")');
    expect(profile.withOptions({ jobNamespaces: ['spark'] }).requireDeadlines).toBe(true);
    expect(SparkClusterProfile.ackSparkOperator().requireDeadlines).toBe(false);
  });
});

describe('every supported operator release', () => {
  const TAGS = ['v2.0.2', 'v2.1.1', 'v2.2.1', 'v2.3.0', 'v2.4.0', 'v2.5.2'];
  const crdDir = (tag: string) => (tag === 'v2.5.2' ? operatorCrdDirectory! : path.join(operatorCrdDirectory!, 'versions', tag));
  const haveCrds = operatorCrdDirectory !== undefined && fs.existsSync(path.join(operatorCrdDirectory, 'versions'));

  // No release from v2.0 to v2.5.2 lacks what the deadlines write: pod annotations and sparkConf
  // reach the pods through spark-submit (submission.go@v2.0.2:368,705; @v2.5.2:411,778), and every
  // CRD has timeToLiveSeconds. So no profile refuses them; the Spark version gates `run`.
  (haveCrds ? test.each : test.skip.each)(TAGS)('%s: accepts a job with every deadline, and its CRDs prune nothing', tag => {
    const app = new App();
    SparkClusterProfile.upstream(tag, { requireDeadlines: true }).attachTo(app);
    const chart = new Chart(app, 'test', { namespace: 'default' });
    const deadlines = { start: Duration.minutes(15), run: Duration.hours(1) };
    const props = { ...base, placement: ECS_DRIVER_ECI_EXECUTORS, timeToLive: Duration.hours(1), deadlines };
    new SparkJob(chart, 'Job', props);
    new ScheduledSparkJob(chart, 'Nightly', { ...props, metadata: { name: 'nightly' }, schedule: '@daily' });
    createCrdValidator({ operatorCrdDirectory: crdDir(tag) }).expectValidManifests(synth(chart));
  });
});

describe('what the job sets is what the plan of its YAML reports', () => {
  const ROLE_PLACEMENTS = [EciPlacement.ecsOnly(), EciPlacement.eciOnly(NO_CACHE), EciPlacement.ecsFirst(NO_CACHE)];
  const CASE = fc.record({
    start: fc.option(fc.integer({ min: 10, max: 1440 }), { nil: undefined }),
    run: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
    ttl: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
    retries: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    driver: fc.integer({ min: 0, max: 2 }),
    executor: fc.integer({ min: 1, max: 2 }), // a role on ECI, so that start is taken
    plugins: fc.constantFrom(undefined, 'com.example.Metrics'),
  });

  test('start per role on ECI, run in minutes, runs in all, clean-up in seconds', () => {
    fc.assert(fc.property(CASE, c => {
      const chart = chartWith();
      new SparkJob(chart, 'Job', {
        ...base,
        placement: SparkPlacement.perRole({ driver: ROLE_PLACEMENTS[c.driver], executor: ROLE_PLACEMENTS[c.executor] }),
        sparkConf: c.plugins ? { 'spark.plugins': c.plugins } : undefined,
        restartPolicy: c.retries === undefined ? undefined : RestartPolicy.onFailure({ retries: c.retries }),
        timeToLive: c.ttl === undefined ? undefined : Duration.seconds(c.ttl),
        deadlines: {
          start: c.start === undefined ? undefined : Duration.minutes(c.start),
          run: c.run === undefined ? undefined : Duration.minutes(c.run),
        },
      });
      const job = planOfYaml(chart).jobs[0];
      const d = job.deadlines;
      const startOf = (onEci: boolean) => (onEci ? c.start ?? 240 : null);
      expect(d.start.map(s => s.eciMaxPendingMinutes)).toEqual([startOf(c.driver !== 0), startOf(true)]);
      expect(d.start.map(s => s.explicit)).toEqual([c.driver !== 0 && c.start !== undefined, c.start !== undefined]);
      expect(d.runMinutes).toBe(c.run ?? null);
      expect(d.attempts).toBe((c.retries ?? 0) + 1);
      expect(d.cleanUpSeconds).toBe(c.ttl ?? null);
      expect(job.problems.filter(p => p.code.startsWith('DEADLINE_') || p.code === 'SPARK_REFUSES_VALUE')).toEqual([]);
    }), { numRuns: 60 });
  });
});
