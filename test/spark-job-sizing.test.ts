import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { defineSeedCharts } from '../examples/seed-app';
import {
  EciInstanceSpec, EciPlacement, EciSpot, PendingPods, ResourcePolicyUnit, ResourcePolicyUnits, ScheduledSparkJob,
  SparkApplicationType, SparkJob, SparkJobProps, SparkPlacement,
} from '../src';
import { expectValidManifests } from './support/crd-schema';
import { seedAvailable, seedManifest, SeedKey } from './support/seed';
import { synth } from './support/synth';
import { SparkJobSizing, SparkRoleFit } from '../src/model/spark-job-sizing';

/** The seed's SparkPi job (examples/seed-app.ts), without a name or placement. */
const SPARK_PI: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2',
  mainClass: 'org.apache.spark.examples.SparkPi',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  driver: { cores: 1, coreLimit: Cpu.millis(1200), memory: Size.mebibytes(512) },
  executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
};

/** The figures a row of the table checks. */
interface RoleRow {
  readonly pods: number;
  readonly cpu: number;
  readonly cpuLimit?: number;
  readonly memory: number;
  readonly billed: string;
  readonly unused: number;
  readonly smallerMemory?: string;
  readonly smallerSize?: string;
  readonly coreLimit?: string;
}

function row(fit: SparkRoleFit): RoleRow {
  const f = fit.eciFit;
  return {
    pods: fit.podCount,
    cpu: fit.resources.cpuRequestMillis,
    cpuLimit: fit.resources.cpuLimitMillis,
    memory: fit.resources.memoryMebibytes,
    billed: `${f.billed}`,
    unused: Math.round(f.unusedShare! * 10_000) / 10_000,
    smallerMemory: f.maxMemoryForSmallerSize,
    smallerSize: f.smallerSize?.toString(),
    coreLimit: f.coreLimitForSmallerSize,
  };
}

// The seed's driver: 1 core limited to 1200m, 512m + 384 MiB overhead = 896 MiB: 2-1Gi, 40% of the vCPUs unused.
const SEED_DRIVER: RoleRow = { pods: 1, cpu: 1000, cpuLimit: 1200, memory: 896, billed: '2-1Gi', unused: 0.2625, coreLimit: '1' };
// The seed's executor: 2 cores, 4g + 409 MiB overhead = 4505 MiB: 2-8Gi, where 3712m fits 2-4Gi.
const SEED_EXECUTOR: RoleRow = { pods: 2, cpu: 2000, memory: 4505, billed: '2-8Gi', unused: 0.225, smallerMemory: '3712m', smallerSize: '2-4Gi' };
// The ResourcePolicy example's executor: like the driver, five of them.
const SEED_SMALL_EXECUTOR: RoleRow = { ...SEED_DRIVER, pods: 5 };

/** Every SparkApplication of the example app (the seed's manifests), by chart id. */
const SEED_JOBS: Array<[string, SeedKey, RoleRow, RoleRow]> = [
  ['spark-pi-ecs-only', 'ecs-only', SEED_DRIVER, SEED_EXECUTOR],
  ['spark-pi-eci-only', 'eci-only', SEED_DRIVER, SEED_EXECUTOR],
  ['spark-pi-ecs-first', 'ecs-first', SEED_DRIVER, SEED_EXECUTOR],
  ['spark-pi-resource-policy', 'spark-pi-5-executors', SEED_DRIVER, SEED_SMALL_EXECUTOR],
  ['spark-pi-image-cache-baseline', 'image-cache-baseline', SEED_DRIVER, SEED_EXECUTOR],
  ['spark-pi-eci-only-image-cache-id', 'image-cache-explicit-id', SEED_DRIVER, SEED_EXECUTOR],
  ['spark-pi-eci-only-image-cache-auto', 'image-cache-auto', SEED_DRIVER, SEED_EXECUTOR],
];

function seedApp(): App {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'sizing-')) });
  defineSeedCharts(app);
  return app;
}

function seedJob(app: App, chartId: string): SparkJob {
  return app.node.findChild(chartId).node.findChild('SparkPi') as SparkJob;
}

/** A chart with one job, in namespace default. */
function job(props: Partial<SparkJobProps> = {}): SparkJob {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
  return new SparkJob(chart, 'Job', { ...SPARK_PI, metadata: { name: 'job' }, ...props });
}

/** Runs `fn` with console.warn captured; returns the warnings. */
function warnings(fn: () => void): string[] {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    fn();
    return warn.mock.calls.map(call => String(call[0]));
  } finally {
    warn.mockRestore();
  }
}

describe('SparkJobSizing.of() on the seed\'s jobs', () => {
  const app = seedApp();

  test.each(SEED_JOBS)('%s', (chartId, _key, driver, executor) => {
    const sizing = SparkJobSizing.of(seedJob(app, chartId));
    expect(sizing.kind).toBe('SparkApplication');
    expect(sizing.namespace).toBe('default');
    expect(row(sizing.driver)).toEqual(driver);
    expect(row(sizing.executor)).toEqual(executor);
    expect(sizing.roles.map(r => r.roleName)).toEqual(['driver', 'executor']);
    expect(sizing.roles.every(r => !r.spot && r.instanceSpecs === undefined && r.notes.length === 0)).toBe(true);
  });

  test('the ECI-only executor is billed 2 vCPU / 8 GiB, and 3712m fits 2 vCPU / 4 GiB', () => {
    const fit = SparkJobSizing.of(seedJob(app, 'spark-pi-eci-only')).executor.eciFit;
    expect(fit.billed).toMatchObject({ vcpu: 2, memoryGibibytes: 8 });
    expect(fit.smallerSize).toMatchObject({ vcpu: 2, memoryGibibytes: 4 });
    expect(fit.maxMemoryForSmallerSize).toBe('3712m');
    expect(fit.suggestion).toBe('memory 4g makes a 4505 MiB pod (4096 MiB + 409 MiB overhead), billed as 2-8Gi with 45.0% of its memory unused; '
      + 'memory 3712m or less fits 2-4Gi');
  });

  test.each(SEED_JOBS)('fromManifest() of the synthesized %s agrees with of()', (chartId) => {
    const j = seedJob(app, chartId);
    let manifests: any[] = [];
    warnings(() => { manifests = Testing.synth(app.node.findChild(chartId) as Chart); }); // synth warns about the drivers
    const manifest = manifests.find(m => m.kind === 'SparkApplication');
    expect(SparkJobSizing.fromManifest(manifest)).toEqual(SparkJobSizing.of(j));
  });
});

const describeWithSeed = seedAvailable() ? describe : describe.skip;

describeWithSeed('SparkJobSizing.fromManifest() on the seed document\'s manifests', () => {
  test.each(SEED_JOBS)('%s (seed %s)', (_chartId, key, driver, executor) => {
    const sizing = SparkJobSizing.fromManifest(seedManifest(key));
    expect(row(sizing.driver)).toEqual(driver);
    expect(row(sizing.executor)).toEqual(executor);
  });
});

describe('what SparkJobSizing reads', () => {
  const manifest = (spec: any, kind = 'SparkApplication'): any => ({
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind,
    metadata: { name: 'job', namespace: 'team' },
    spec: kind === 'SparkApplication' ? spec : { schedule: '@daily', template: spec },
  });
  const base = { type: 'Scala', sparkVersion: '3.5.2', mainApplicationFile: 'local:///app.jar' };

  test.each<[string, any, Partial<{ cpu: number; cpuLimit: number; memory: number; limit: number; overhead: number; billed: string }>]>([
    ['Spark\'s defaults: 1 core, 1g + 384 MiB', {}, { cpu: 1000, memory: 1408, overhead: 384, billed: '1-2Gi' }],
    ['factor 0.4 for Python', { type: 'Python', mainApplicationFile: 'local:///app/main.py', driver: { memory: '4g' } }, { memory: 4096 + 1638, billed: '1-8Gi' }],
    ['factor 0.4 for R, by the main file', { type: 'R', mainApplicationFile: 'local:///app/main.R', driver: { memory: '4g' } }, { memory: 4096 + 1638 }],
    ['spec.memoryOverheadFactor, a string in the CRD', { memoryOverheadFactor: '0.25', driver: { memory: '4g' } }, { memory: 5120 }],
    ['the role\'s factor in sparkConf before spec.memoryOverheadFactor',
      { memoryOverheadFactor: '0.25', sparkConf: { 'spark.driver.memoryOverheadFactor': '0.5' }, driver: { memory: '4g' } }, { memory: 6144 }],
    ['spark.kubernetes.memoryOverheadFactor last',
      { sparkConf: { 'spark.kubernetes.memoryOverheadFactor': '0.5' }, driver: { memory: '4g' } }, { memory: 6144 }],
    ['an explicit memoryOverhead', { driver: { memory: '4g', memoryOverhead: '512m' } }, { memory: 4608, overhead: 512 }],
    ['memoryLimit, which ECI sizes by', { driver: { memory: '1g', memoryLimit: '3Gi' } }, { memory: 1408, limit: 3072, billed: '1-4Gi' }],
    ['memoryLimit in bytes with an exponent, rounded up', { driver: { memoryLimit: '2e9' } }, { limit: 1908 }],
    ['memoryLimit in Java units, which the webhook converts', { driver: { memoryLimit: '2g' } }, { limit: 2048 }],
    ['memoryLimit equal to the request, in KiB (1408Mi)', { driver: { memory: '1g', memoryLimit: '1441792Ki' } }, { memory: 1408, limit: 1408 }],
    ['coreRequest and coreLimit', { driver: { cores: 2, coreRequest: '500m', coreLimit: 1 } }, { cpu: 500, cpuLimit: 1000 }],
    ['sparkConf when the spec leaves a field out', {
      sparkConf: {
        'spark.driver.cores': '2',
        'spark.driver.memory': '2g',
        'spark.driver.memoryOverhead': '1g',
        'spark.kubernetes.driver.request.cores': '1500m',
        'spark.kubernetes.driver.limit.cores': '3',
      },
    }, { cpu: 1500, cpuLimit: 3000, memory: 3072, billed: '4-4Gi' }],
    ['the spec before sparkConf', { sparkConf: { 'spark.driver.memory': '8g' }, driver: { memory: '1g' } }, { memory: 1408 }],
    ['a bare number as MiB', { driver: { memory: 2048 } }, { memory: 2432 }],
  ])('%s', (_name, spec, expected) => {
    const driver = SparkJobSizing.fromManifest(manifest({ ...base, ...spec })).driver;
    expect({
      cpu: driver.resources.cpuRequestMillis,
      cpuLimit: driver.resources.cpuLimitMillis,
      memory: driver.resources.memoryMebibytes,
      limit: driver.resources.memoryLimitMebibytes,
      overhead: driver.resources.overheadMebibytes,
      billed: `${driver.eciFit.billed}`,
    }).toMatchObject(expected);
  });

  test('executors: instances, sparkConf, or the dynamic allocation bound', () => {
    const count = (spec: any) => SparkJobSizing.fromManifest(manifest({ ...base, ...spec })).executor;
    expect(count({}).podCount).toBe(1);
    expect(count({ executor: { instances: 4 } }).podCount).toBe(4);
    expect(count({ sparkConf: { 'spark.executor.instances': '3' } }).podCount).toBe(3);
    const bounded = count({ executor: { instances: 2 }, dynamicAllocation: { enabled: true, maxExecutors: 10 } });
    expect(bounded.podCount).toBe(10);
    expect(bounded.notes).toEqual(['dynamic allocation: sized at maxExecutors (10 executors)']);
    const open = count({ executor: { instances: 2 }, dynamicAllocation: { enabled: true, initialExecutors: 6 } });
    expect(open.podCount).toBe(6);
    expect(open.notes).toEqual(['dynamic allocation without maxExecutors: sized at 6 executors; Spark may start more']);
    expect(count({ executor: { instances: 2 }, dynamicAllocation: { enabled: false, maxExecutors: 10 } }).podCount).toBe(2);
  });

  test('the ECI annotations: sizes of eci-use-specs in order, spot, the pod template\'s too', () => {
    const executor = SparkJobSizing.fromManifest(manifest({
      ...base,
      executor: {
        cores: 2,
        memory: '4g',
        annotations: { 'k8s.aliyun.com/eci-use-specs': '4-16Gi, ecs.c6.xlarge,2-8Gi' },
        template: { metadata: { annotations: { 'k8s.aliyun.com/eci-spot-strategy': 'SpotAsPriceGo' } } },
      },
    })).executor;
    expect(executor.spot).toBe(true);
    expect(executor.instanceSpecs?.map(String)).toEqual(['4-16Gi', '2-8Gi']);
    expect(`${executor.eciFit.billed}`).toBe('4-16Gi'); // ECI takes the first spec that fits
    expect(executor.notes).toEqual(['eci-use-specs instance types (ecs.c6.xlarge) are not sized; the fit uses its vCPU/memory sizes only']);

    const typesOnly = SparkJobSizing.fromManifest(manifest({
      ...base, executor: { annotations: { 'k8s.aliyun.com/eci-use-specs': 'ecs.c6.xlarge' } },
    })).executor;
    expect(typesOnly.instanceSpecs).toBeUndefined();
    expect(typesOnly.notes).toEqual(['eci-use-specs lists only instance types (ecs.c6.xlarge), which are not sized; the fit uses every size all regions offer']);
  });

  test('spot leaves out sizes under 2 vCPU', () => {
    const driver = SparkJobSizing.fromManifest(manifest({
      ...base, driver: { annotations: { 'k8s.aliyun.com/eci-spot-strategy': 'SpotWithPriceLimit' } },
    })).driver;
    expect(`${driver.eciFit.billed}`).toBe('2-2Gi');
  });

  test('notes what Spark reads but does not add, and what the sizing does not count', () => {
    const sizing = SparkJobSizing.fromManifest(manifest({
      ...base,
      sparkConf: {
        'spark.executor.pyspark.memory': '1g',
        'spark.memory.offHeap.size': '2g',
        'spark.executor.minMemoryOverhead': '1g',
      },
      executor: { sidecars: [{ name: 'fluent-bit', image: 'fluent-bit' }] },
    }));
    expect(sizing.executor.notes).toEqual([
      'sparkConf spark.executor.minMemoryOverhead is ignored: Spark reads it only from 4.0 (sparkVersion 3.5.2)',
      'spark.memory.offHeap.size (2g) is not added to the executor pods: spark.memory.offHeap.enabled is not true',
      'spark.executor.pyspark.memory (1g) is not added to the executor pods: Spark adds it for Python applications only (mainApplicationFile ending in .py)',
      '1 sidecar container(s) add to each executor pod and are not counted',
    ]);
    expect(sizing.executor.resources.memoryMebibytes).toBe(1408);
    // The driver gets no note about executor settings: Spark adds neither to the driver pod.
    expect(sizing.driver.notes).toEqual([]);
  });

  test('spark.{driver,executor}.minMemoryOverhead from Spark 4.0', () => {
    const sizing = SparkJobSizing.fromManifest(manifest({ ...base, sparkVersion: '4.0.0', sparkConf: { 'spark.executor.minMemoryOverhead': '1g' } }));
    expect(sizing.executor.resources.overheadMebibytes).toBe(1024);
    expect(sizing.driver.resources.overheadMebibytes).toBe(384);
  });

  test('plans a ScheduledSparkApplication from its template', () => {
    const sizing = SparkJobSizing.fromManifest(manifest({ ...base, executor: { instances: 3, memory: '2g' } }, 'ScheduledSparkApplication'));
    expect(sizing).toMatchObject({ kind: 'ScheduledSparkApplication', jobName: 'job', namespace: 'team' });
    expect(sizing.executor.podCount).toBe(3);
    expect(sizing.executor.resources.memoryMebibytes).toBe(2432);
  });

  test('of() reads a ScheduledSparkJob', () => {
    const chart = new Chart(Testing.app(), 'test');
    const scheduled = new ScheduledSparkJob(chart, 'Nightly', { ...SPARK_PI, metadata: { name: 'nightly' }, schedule: '@daily' });
    const sizing = SparkJobSizing.of(scheduled);
    expect(sizing).toMatchObject({ kind: 'ScheduledSparkApplication', jobName: 'nightly', namespace: undefined });
    expect(row(sizing.executor)).toEqual(SEED_EXECUTOR);
    const synthesized = Testing.synth(chart)[0];
    expect(SparkJobSizing.fromManifest(synthesized)).toEqual(sizing);
  });

  test('of() reads changes made after construction, sparkConf and scaling included', () => {
    const j = job({ sparkConf: { 'spark.executor.memoryOverheadFactor': '0.5' } });
    j.executor.scaleTo(7);
    expect(SparkJobSizing.of(j).executor).toMatchObject({ podCount: 7, resources: { memoryMebibytes: 4096 + 2048 } });
  });

  test('of() sizes what the job renders, JSON patches included, as fromManifest() of the YAML does', () => {
    const j = job();
    ApiObject.of(j).addJsonPatch(JsonPatch.replace('/spec/executor/memory', '2g'));
    expect(SparkJobSizing.of(j).executor.resources.sparkMemoryMebibytes).toBe(2048);
    expect(SparkJobSizing.fromManifest(ApiObject.of(j).toJson()).executor.resources.sparkMemoryMebibytes).toBe(2048);
  });

  test.each<[string, any, string]>([
    ['not an object', 'spark-pi', 'manifest must be a SparkApplication or ScheduledSparkApplication object (got "spark-pi")'],
    ['another kind', { kind: 'Deployment' }, 'kind must be SparkApplication or ScheduledSparkApplication (got "Deployment")'],
    ['no name', { kind: 'SparkApplication', spec: base }, 'metadata.name must be a non-empty string (got undefined)'],
    ['no spec', { kind: 'SparkApplication', metadata: { name: 'x' } }, 'spec must be an object holding the application spec (got undefined)'],
    ['a scheduled job without template', { kind: 'ScheduledSparkApplication', metadata: { name: 'x' }, spec: {} },
      'spec.template must be an object holding the application spec (got undefined)'],
    ['Kubernetes memory units', manifest({ ...base, executor: { memory: '4Gi' } }),
      'spec.executor.memory must be a Spark memory string: a whole number with an optional b, k, m, g, t or p suffix, e.g. "512m" or "4g" (not "1Gi" or "1.5g") (got "4Gi")'],
    ['a fractional memory', manifest({ ...base, driver: { memoryOverhead: '1.5g' } }), 'spec.driver.memoryOverhead must be a Spark memory string'],
    ['a bad sparkConf memory', manifest({ ...base, sparkConf: { 'spark.executor.memory': '4 GB' } }), 'sparkConf["spark.executor.memory"] must be a Spark memory string'],
    ['fractional cores', manifest({ ...base, executor: { cores: 1.5 } }), 'spec.executor.cores must be an integer >= 1 (got 1.5)'],
    ['cores as a string', manifest({ ...base, executor: { cores: 'two' } }), 'spec.executor.cores must be an integer >= 1 (got "two")'],
    ['a limit below the request', manifest({ ...base, driver: { cores: 2, coreLimit: '1' } }),
      'spec.driver.coreLimit must be at least the CPU request (2), or Kubernetes refuses the pod (got "1")'],
    ['a memoryLimit the webhook cannot convert', manifest({ ...base, driver: { memoryLimit: '2G' } }),
      'spec.driver.memoryLimit must be a Kubernetes quantity ("10Gi") or a Java size with a lower-case unit ("10g"): the webhook rewrites it to "2GGi", '
      + 'which does not parse, and the pod is refused (spark-operator v2.5.2 pkg/util/util.go:118-128, internal/webhook/sparkpod_defaulter.go:119-123) (got "2G")'],
    ['a memoryLimit below the memory Spark requests', manifest({ ...base, driver: { memoryLimit: '1Gi' } }),
      'spec.driver.memoryLimit must be at least the memory Spark requests (1408Mi), or Kubernetes refuses the pod (got "1Gi")'],
    // 1407.5Mi rounds up to the 1408Mi Spark requests, but the API server compares exactly.
    ['a memoryLimit below the request by less than 1Mi', manifest({ ...base, driver: { memoryLimit: '1441280Ki' } }),
      'spec.driver.memoryLimit must be at least the memory Spark requests (1408Mi), or Kubernetes refuses the pod (got "1441280Ki")'],
    ['a bad factor', manifest({ ...base, memoryOverheadFactor: 'ten' }), 'memoryOverheadFactor must be a number >= 0, e.g. "0.1" (got "ten")'],
    ['a coreLimit that is no quantity', manifest({ ...base, driver: { coreLimit: { cpu: 1 } } }),
      'spec.driver.coreLimit must be a Kubernetes CPU quantity such as "500m" or "2" (got {"cpu":1})'],
    ['a memoryLimit under 1Mi', manifest({ ...base, driver: { memoryLimit: '0' } }), 'spec.driver.memoryLimit must be at least 1Mi (got "0")'],
    ['a bad type', manifest({ ...base, type: 'Go' }), 'spec.type must be one of Java, Scala, Python, R (got "Go")'],
    ['fractional instances', manifest({ ...base, executor: { instances: 2.5 } }), 'spec.executor.instances must be an integer >= 1 (got 2.5)'],
    ['a bad maxExecutors', manifest({ ...base, dynamicAllocation: { enabled: true, maxExecutors: -1 } }),
      'spec.dynamicAllocation.maxExecutors must be an integer >= 0 (got -1)'],
    ['a role that is not an object', manifest({ ...base, driver: ['x'] }), 'spec.driver must be an object (got ["x"])'],
    ['sparkConf that is not a map', manifest({ ...base, sparkConf: ['a=b'] }), 'spec.sparkConf must be a map of strings (got ["a=b"])'],
    ['a size ECI cannot make', manifest({ ...base, driver: { annotations: { 'k8s.aliyun.com/eci-use-specs': '0.3-1Gi' } } }),
      'spec.driver.annotations["k8s.aliyun.com/eci-use-specs"] must list sizes "<vcpu>-<memory>Gi" with 0.25, 0.5 or whole vCPUs'],
  ])('fromManifest() refuses %s', (_name, input, message) => {
    expect(() => SparkJobSizing.fromManifest(input)).toThrow(message);
  });
});

describe('EciPlacementOptions.fitInstanceSpecs', () => {
  const specs = (j: SparkJob) => {
    const manifests = synth(j.node.scope as Chart);
    expectValidManifests(manifests);
    const s = manifests.find(m => m.kind === 'SparkApplication').spec;
    return { driver: s.driver.annotations?.['k8s.aliyun.com/eci-use-specs'], executor: s.executor.annotations?.['k8s.aliyun.com/eci-use-specs'] };
  };
  const fit = (options: object = {}) => EciPlacement.eciOnly({ fitInstanceSpecs: true, unusedShareWarning: 0, ...options });

  test('writes the size each role is billed at into eci-use-specs', () => {
    const j = job({ placement: SparkPlacement.of(fit()) });
    expect(specs(j)).toEqual({ driver: '2-1Gi', executor: '2-8Gi' });
    expect(synth(j.node.scope as Chart)).toMatchSnapshot();
  });

  test('computes the size at synth, from the job as it is then', () => {
    const j = job({ executor: { cores: 2, memory: Size.gibibytes(2) }, placement: SparkPlacement.perRole({ executor: fit() }) });
    j.addSparkConf('spark.executor.memoryOverheadFactor', '1.5'); // 2048 + 3072 MiB
    expect(specs(j)).toEqual({ driver: undefined, executor: '2-8Gi' });
  });

  test('fits spot pods among sizes of 2 vCPU or more', () => {
    const j = job({
      executor: { cores: 1, memory: Size.gibibytes(1) },
      placement: SparkPlacement.perRole({ executor: fit({ eci: { spot: EciSpot.asPriceGo() } }) }),
    });
    expect(specs(j).executor).toBe('2-2Gi');
  });

  test('works under a ResourcePolicy', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
    const policy = new ResourcePolicyUnits(chart, 'Policy', { units: [ResourcePolicyUnit.ecs({ max: 2 }), ResourcePolicyUnit.eci()] });
    const j = new SparkJob(chart, 'Job', {
      ...SPARK_PI,
      metadata: { name: 'job' },
      placement: SparkPlacement.of(EciPlacement.resourcePolicy({ fitInstanceSpecs: true, unusedShareWarning: 0 })),
    });
    policy.addJob(j, { pendingPods: PendingPods.ALLOW });
    expect(specs(j)).toEqual({ driver: '2-1Gi', executor: '2-8Gi' });
  });

  test('leaves the specs the user gave', () => {
    const given = job({ placement: SparkPlacement.of(fit({ eci: { instanceSpecs: [EciInstanceSpec.size(4, Size.gibibytes(8))] } })) });
    expect(specs(given)).toEqual({ driver: '4-8Gi', executor: '4-8Gi' });
    const annotated = job({
      executor: { ...SPARK_PI.executor, annotations: { 'k8s.aliyun.com/eci-use-specs': 'ecs.c6.xlarge' } },
      placement: SparkPlacement.of(fit()),
    });
    expect(specs(annotated)).toEqual({ driver: '2-1Gi', executor: 'ecs.c6.xlarge' });
  });

  test('is off by default', () => {
    const plain = job({ placement: SparkPlacement.of(EciPlacement.eciOnly({ unusedShareWarning: 0 })) });
    expect(specs(plain)).toEqual({ driver: undefined, executor: undefined });
    expect(EciPlacement.ecsFirst()).toMatchObject({ fitInstanceSpecs: false, unusedShareWarning: 0.25 });
    expect(EciPlacement.ecsOnly()).toMatchObject({ fitInstanceSpecs: false, unusedShareWarning: 0 });
  });

  test('fails synthesis when no ECI size fits: the pods stay Pending, as the model of the rendered manifest says', () => {
    const j = job({ executor: { cores: 80 }, placement: SparkPlacement.perRole({ executor: fit() }) });
    expect(() => synth(j.node.scope as Chart)).toThrow('[test/Job] SparkApplication default/job launches 2 pods (1 driver + 1 executor), but executor-1: '
      + 'they must run on ECI and ECI cannot create them: no ECI size fits a pod of 80 vCPU / 1408 MiB in the table every region offers; the largest is 64-512Gi.');
  });

  test('fails synthesis when the job cannot be sized, with or without fitInstanceSpecs', () => {
    const conf = { 'spark.executor.memoryOverheadFactor': 'high' };
    const message = '[test/Job] sparkConf["spark.executor.memoryOverheadFactor"] must be a number > 0, e.g. "0.1" (got "high")';
    const fitted = job({ sparkConf: conf, placement: SparkPlacement.perRole({ executor: fit() }) });
    expect(() => synth(fitted.node.scope as Chart)).toThrow(message);
    const placed = job({ sparkConf: conf, placement: SparkPlacement.of(EciPlacement.eciOnly()) });
    expect(() => synth(placed.node.scope as Chart)).toThrow(message);
  });

  test('refuses a non-boolean', () => {
    expect(() => EciPlacement.eciOnly({ fitInstanceSpecs: 'yes' as any })).toThrow('fitInstanceSpecs must be a boolean (got "yes")');
  });
});

describe('EciPlacementOptions.unusedShareWarning', () => {
  /** The sizing warnings of a synth, without the cold-start one (tested in cold-start.test.ts). */
  const sizeWarnings = (fn: () => void) => warnings(fn).filter(w => !w.includes('auto-match an image cache'));

  const DRIVER_WARNING = '[test/Job] warning: SparkApplication default/job: 1 driver pod may run on ECI, billed as 2-1Gi (2 vCPU / 1 GiB) '
    + 'with 26.3% of it unused (vCPU 40.0%, memory 12.5%), above the 25.0% threshold: coreLimit 1200m rounds the pod up to 2 vCPU (2-1Gi); '
    + 'with coreLimit 1 or none it is billed as 1-2Gi. Set unusedShareWarning: 0 on the placement to silence this.';

  test('warns once at synth for the seed\'s ECI-only driver, which wastes 26.3% of 2 vCPU / 1 GiB', () => {
    const j = job({ placement: SparkPlacement.of(EciPlacement.eciOnly()) });
    const printed = sizeWarnings(() => {
      synth(j.node.scope as Chart);
      synth(j.node.scope as Chart);
    });
    // The executor leaves 22.5% unused (45% of its memory), under the default 25%.
    expect(printed).toEqual([DRIVER_WARNING]);
  });

  test('names the executor, its billed size and the memory that fits a smaller size, under a lower threshold', () => {
    const j = job({ placement: SparkPlacement.perRole({ executor: EciPlacement.ecsFirst({ unusedShareWarning: 0.2 }) }) });
    expect(sizeWarnings(() => synth(j.node.scope as Chart))).toEqual([
      '[test/Job] warning: SparkApplication default/job: 2 executor pods may run on ECI, billed as 2-8Gi (2 vCPU / 8 GiB) '
      + 'with 22.5% of it unused (vCPU 0.0%, memory 45.0%), above the 20.0% threshold: memory 4g makes a 4505 MiB pod '
      + '(4096 MiB + 409 MiB overhead), billed as 2-8Gi with 45.0% of its memory unused; memory 3712m or less fits 2-4Gi. '
      + 'Set unusedShareWarning: 0 on the placement to silence this.',
    ]);
  });

  test('says when no smaller size fits', () => {
    const j = job({
      driver: { cores: 3 },
      placement: SparkPlacement.perRole({ driver: EciPlacement.eciOnly() }),
    });
    expect(sizeWarnings(() => synth(j.node.scope as Chart))).toEqual([expect.stringContaining(
      '1 driver pod may run on ECI, billed as 4-2Gi (4 vCPU / 2 GiB) with 28.1% of it unused (vCPU 25.0%, memory 31.3%), above the 25.0% threshold: '
      + 'no smaller ECI size fits a pod of 3 vCPU / 1408 MiB.')]);
  });

  test('fails synthesis when pods that must run on ECI fit no ECI size: they never start', () => {
    const j = job({ executor: { cores: 70 }, placement: SparkPlacement.perRole({ executor: EciPlacement.eciOnly() }) });
    expect(() => synth(j.node.scope as Chart)).toThrow('[test/Job] SparkApplication default/job launches 2 pods (1 driver + 1 executor), '
      + 'but executor-1: they must run on ECI and ECI cannot create them: no ECI size fits a pod of 70 vCPU / 1408 MiB '
      + 'in the table every region offers; the largest is 64-512Gi.');
  });

  test('warns when pods that may run on ECI fit no ECI size', () => {
    const j = job({ executor: { cores: 70 }, placement: SparkPlacement.perRole({ executor: EciPlacement.ecsFirst() }) });
    expect(sizeWarnings(() => synth(j.node.scope as Chart))).toEqual([
      '[test/Job] warning: SparkApplication default/job: the executor pods may run on ECI, but ECI cannot create them there: '
      + 'no ECI size fits a pod of 70 vCPU / 1408 MiB in the table every region offers; the largest is 64-512Gi',
    ]);
  });

  test('is silent with 0, for ECS-only roles, and under the threshold', () => {
    expect(sizeWarnings(() => {
      synth(job({ placement: SparkPlacement.of(EciPlacement.eciOnly({ unusedShareWarning: 0 })) }).node.scope as Chart);
      synth(job({ placement: SparkPlacement.of(EciPlacement.ecsOnly()) }).node.scope as Chart);
      synth(job({ placement: SparkPlacement.of(EciPlacement.eciOnly({ unusedShareWarning: 0.5 })) }).node.scope as Chart);
      synth(job().node.scope as Chart);
    })).toEqual([]);
  });

  test('warns for the seed\'s jobs that may run on ECI when the example app synthesizes', () => {
    const app = seedApp();
    // Only the unused-share warnings (the cache-on-first-run warning is tested in cold-start.test.ts).
    const printed = sizeWarnings(() => app.synth()).filter(w => w.includes(' unused '));
    // One app is one cluster: the seed's policy selects every Spark pod in default, so the ECS-first
    // and ECS-only jobs' drivers are placed in its ecs unit; the ECI-only jobs' pods go to its eci unit.
    expect(printed.map(w => w.slice(0, w.indexOf(' warning:')))).toEqual([
      '[spark-pi-eci-only/SparkPi]',
      '[spark-pi-resource-policy/SparkPi]',
      '[spark-pi-eci-only-image-cache-id/SparkPi]',
      '[spark-pi-eci-only-image-cache-auto/SparkPi]',
    ]);
    expect(printed.every(w => w.includes('billed as 2-1Gi (2 vCPU / 1 GiB) with 26.3% of it unused'))).toBe(true);
  });

  test.each([-0.1, 1, 25, Number.NaN])('refuses %d', (threshold) => {
    expect(() => EciPlacement.ecsFirst({ unusedShareWarning: threshold }))
      .toThrow(`unusedShareWarning must be a share from 0 (no warning) to less than 1, e.g. 0.25 (got ${threshold})`);
  });
});
