import { App, Chart, Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import {
  ConcurrencyPolicy, EciImageCache, EciInstanceSpec, EciPlacement, EciSpot, ImageCache, PendingPods, PlacementTarget,
  ResourcePolicyUnit, ResourcePolicyUnits, ScheduledSparkJob, SparkApplicationType, SparkJob, SparkJobProps, SparkPlacement,
} from '../src';
import { PodSecurityPreset } from '../src/spark/pod-security';

const IMAGE = 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2';

const base: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: IMAGE,
  mainClass: 'org.apache.spark.examples.SparkPi',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  arguments: ['1000'],
  driver: { cores: 1, coreLimit: Cpu.millis(1200), memory: Size.mebibytes(512) },
  executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
};

/** Options that add unrelated objects to the app, to check they rename nothing. */
interface Extras {
  /** A chart created before the others. */
  readonly chartBefore?: boolean;
  /** Another job in the jobs chart, created before the existing ones. */
  readonly siblingJobFirst?: boolean;
  /** Another job in the jobs chart, created after the existing ones. */
  readonly siblingJobLast?: boolean;
  /** A chart created after the others. */
  readonly chartAfter?: boolean;
}

/**
 * An app that uses every construct and every generated name: SparkApplications and a
 * ScheduledSparkApplication without a name, a placement with ECI options, an image cache, a
 * ResourcePolicy, driver RBAC and the hardened preset. Only `extras` differ between calls.
 */
function buildApp(extras: Extras = {}): App {
  const app = new App();
  if (extras.chartBefore) {
    new SparkJob(new Chart(app, 'aaa-first', { namespace: 'other' }), 'Job', base);
  }
  const jobs = new Chart(app, 'jobs', { namespace: 'spark' });
  if (extras.siblingJobFirst) {
    new SparkJob(jobs, 'AaaSibling', base);
  }
  const eciJob = new SparkJob(jobs, 'EciJob', {
    ...base,
    sparkConf: { 'spark.sql.shuffle.partitions': '200', 'spark.eventLog.enabled': 'true' },
    hadoopConf: { 'fs.oss.endpoint': 'oss-cn-hangzhou-internal.aliyuncs.com' },
    placement: SparkPlacement.recommended({
      executorSpot: EciSpot.asPriceGo({ fallbackToOnDemand: true }),
      executorEci: { instanceSpecs: [EciInstanceSpec.size(2, Size.gibibytes(8))], customTags: { team: 'data', env: 'prod' } },
      mechanism: PlacementTarget.BOTH,
    }),
    podSecurity: PodSecurityPreset.HARDENED,
  });
  eciJob.addImageCache({ size: Size.gibibytes(40), retention: Duration.days(7) });
  eciJob.grantDriverRbac();

  new ScheduledSparkJob(jobs, 'Nightly', {
    ...base,
    schedule: '0 3 * * *',
    timeZone: 'Asia/Shanghai',
    concurrencyPolicy: ConcurrencyPolicy.FORBID,
    placement: SparkPlacement.of(EciPlacement.ecsFirst({ eci: { imageCache: EciImageCache.auto() } })),
  });

  const policy = new ResourcePolicyUnits(jobs, 'Policy', {
    units: [ResourcePolicyUnit.ecs({ max: 2 }), ResourcePolicyUnit.eci({ max: 10 })],
  });
  policy.addJob(new SparkJob(jobs, 'PolicyJob', base), { pendingPods: PendingPods.ERROR });

  new ImageCache(new Chart(app, 'caches'), 'Spark', { images: [IMAGE], reuseLayers: true });

  if (extras.siblingJobLast) {
    new SparkJob(jobs, 'ZzzSibling', { ...base, placement: SparkPlacement.of(EciPlacement.eciOnly()) });
  }
  if (extras.chartAfter) {
    new SparkJob(new Chart(app, 'zzz-last', { namespace: 'spark' }), 'Job', base);
  }
  return app;
}

/** Every synthesized object by `kind/namespace/name`, as YAML-parsed JSON. */
function objects(yamlText: string): Map<string, any> {
  const map = new Map<string, any>();
  for (const doc of parseAllDocuments(yamlText)) {
    const obj = doc.toJS();
    if (!obj) { continue; }
    const key = `${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`;
    expect(map.has(key)).toBe(false);
    map.set(key, obj);
  }
  return map;
}

describe('determinism', () => {
  // The app's ECI roles print sizing warnings at synth; they are not under test here.
  let warn: jest.SpyInstance;
  beforeAll(() => { warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); });
  afterAll(() => warn.mockRestore());

  test('the same app synthesizes to byte-identical YAML', () => {
    const first = buildApp().synthYaml();
    const second = buildApp().synthYaml();
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(1000);
  });

  test('synthesizing one app twice gives the same YAML (rendering changes no state)', () => {
    const app = buildApp();
    expect(app.synthYaml()).toEqual(app.synthYaml());
  });

  test('the app covers every kind the library writes', () => {
    const kinds = new Set([...objects(buildApp().synthYaml()).values()].map(o => o.kind));
    expect([...kinds].sort()).toEqual([
      'ImageCache', 'ResourcePolicy', 'Role', 'RoleBinding', 'ScheduledSparkApplication', 'ServiceAccount', 'SparkApplication',
    ]);
  });

  test.each<[string, Extras]>([
    ['a chart created before the others', { chartBefore: true }],
    ['a chart created after the others', { chartAfter: true }],
    ['a job created before the others in the same chart', { siblingJobFirst: true }],
    ['a job created after the others in the same chart', { siblingJobLast: true }],
    ['all of these at once', { chartBefore: true, chartAfter: true, siblingJobFirst: true, siblingJobLast: true }],
  ])('adding %s renames and changes none of the existing objects', (_name, extras) => {
    const before = objects(buildApp().synthYaml());
    const after = objects(buildApp(extras).synthYaml());
    expect(after.size).toBeGreaterThan(before.size);
    for (const [key, obj] of before) {
      expect(after.get(key)).toEqual(obj);
    }
  });

  test('generated names come from the construct path, not from the order of creation', () => {
    const names = [...objects(buildApp().synthYaml()).keys()].filter(k => k.startsWith('SparkApplication/'));
    expect(names).toEqual(expect.arrayContaining([
      expect.stringMatching(/^SparkApplication\/spark\/jobs-ecijob-c8[0-9a-f]{6}$/),
      expect.stringMatching(/^SparkApplication\/spark\/jobs-policyjob-c8[0-9a-f]{6}$/),
    ]));
  });
});
