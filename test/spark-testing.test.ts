import { execFileSync } from 'child_process';
import * as path from 'path';
import { ApiObject, App, Chart, Size, Testing, Yaml } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import {
  CostModel, EciImageCache, EciPlacement, EciSpot, ImageCache, PendingPods, PlannedPlacement, ResourcePolicyUnit, ResourcePolicyUnits,
  ScheduledSparkJob, SparkApplicationType, SparkEciValidationError, SparkJob, SparkJobProps, SparkPlacement, SparkTesting,
} from '../src';
import { NodePlacement } from '../src/model/eci-scheduling';
import { planManifests } from '../src/model/plan';
import { sparkMatchers } from '../src/testing/jest-matchers';
import { checkCostBelow } from '../src/testing/plan-checks';
import { plannedPlacementOf } from '../src/testing/planned-placement-internal';
import { ScopePlan } from '../src/testing/scope-plan';

expect.extend(sparkMatchers);

const IMAGE = 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2';

const etl: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: IMAGE,
  mainClass: 'org.apache.spark.examples.SparkPi',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  metadata: { name: 'etl' },
  driver: { cores: 1, coreLimit: Cpu.millis(1200), memory: Size.mebibytes(512) },
  executor: { instances: 4, cores: 1, memory: Size.mebibytes(3200) },
};

const PRICES = new CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.02, currency: 'CNY' });

/** A platform team's chart: one job whose pods a policy places, 2 on ECS then 3 on ECI. */
function etlChart(options: { executors?: number; app?: App } = {}): Chart {
  const chart = new Chart(options.app ?? Testing.app(), 'etl', { namespace: 'spark' });
  const job = new SparkJob(chart, 'Etl', { ...etl, executor: { ...etl.executor, instances: options.executors ?? 4 } });
  const policy = new ResourcePolicyUnits(chart, 'Units', {
    metadata: { name: 'etl-units' },
    units: [ResourcePolicyUnit.ecs({ max: 2 }), ResourcePolicyUnit.eci({ max: 3 })],
  });
  policy.addJob(job, { pendingPods: PendingPods.ALLOW });
  return chart;
}

/** A chart with one job placed by its own constraints. */
function placedChart(placement?: EciPlacement, props: Partial<SparkJobProps> = {}): Chart {
  const chart = new Chart(Testing.app(), 'jobs', { namespace: 'spark' });
  new SparkJob(chart, 'Etl', { ...etl, ...props, ...(placement ? { placement: SparkPlacement.of(placement) } : {}) });
  return chart;
}

function thrown(f: () => void): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the call to throw');
}

describe('SparkTesting.plan', () => {
  test('is the report of plan --json for the YAML the chart synthesizes to, with construct paths for files', () => {
    const chart = etlChart();
    const fromYaml = planManifests([{ file: 'etl.k8s.yaml', text: Yaml.stringify(...Testing.synth(chart)) }]);
    const report = SparkTesting.plan(chart);
    const withoutSource = (r: any) => ({ ...r, jobs: r.jobs.map((j: any) => ({ ...j, source: null })) });
    expect(withoutSource(report)).toEqual(withoutSource(fromYaml));
    expect(report.jobs[0].source).toEqual({ file: null, document: null, path: 'etl/Etl/Resource' });
  });

  test('prices each role with a CostModel', () => {
    const report = SparkTesting.plan(etlChart(), PRICES);
    expect(report.prices).toEqual({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.02, spotDiscount: null, currency: 'CNY' });
    expect(report.totals.eciCostPerHour.atMost).toBeGreaterThan(0);
    expect(SparkTesting.plan(etlChart()).totals.eciCostPerHour).toBeNull();
  });

  test('plans a chart alone, and an app with every chart: a policy in another chart applies only to the app', () => {
    const app = Testing.app();
    const jobs = new Chart(app, 'jobs', { namespace: 'spark' });
    new SparkJob(jobs, 'Etl', etl);
    const policies = new Chart(app, 'policies', { namespace: 'spark' });
    new ResourcePolicyUnits(policies, 'All', { units: [ResourcePolicyUnit.ecs({ max: 1 })] });
    expect(SparkTesting.plan(jobs).jobs[0].roles.map((r: any) => r.placement)).toEqual(['ECS_ONLY', 'ECS_ONLY']);
    expect(SparkTesting.plan(app).jobs[0].roles.map((r: any) => r.placement)).toEqual(['RESOURCE_POLICY', 'RESOURCE_POLICY']);
    expect(SparkTesting.plan(policies).jobs).toEqual([]);
  });

  test('refuses what is not a construct', () => {
    expect(() => SparkTesting.plan({} as any)).toThrow(SparkEciValidationError);
    expect(thrown(() => SparkTesting.plan('etl' as any))).toBe('scope must be an App, a Chart or another construct (got "etl")');
    expect(thrown(() => SparkTesting.plan(etlChart(), { pricePerVcpuHour: 1 } as any)))
      .toBe('prices must be made with new CostModel({ ... }) (got {"pricePerVcpuHour":1})');
  });

  test('refuses a Spark application the planner cannot read, rather than plan without it', () => {
    const chart = new Chart(Testing.app(), 'raw');
    new ApiObject(chart, 'Bad', {
      apiVersion: 'sparkoperator.k8s.io/v1beta2',
      kind: 'SparkApplication',
      metadata: { name: 'bad' },
      spec: { type: 'Scala', sparkVersion: '3.5.2', mainApplicationFile: 'local:///a.jar', executor: { instances: 1, memory: 'lots' } },
    });
    expect(thrown(() => SparkTesting.plan(chart))).toMatch(/^the manifest at raw\/Bad must be readable to be planned \(got "executor\.memory .*lots/);
  });
});

describe('SparkTesting.assertNoPendingPods', () => {
  test('passes when every pod is placed', () => {
    expect(() => SparkTesting.assertNoPendingPods(etlChart())).not.toThrow();
  });

  test('names the job, the role, the pods and the reason when one more executor stays Pending', () => {
    const chart = etlChart({ executors: 5 });
    expect(thrown(() => SparkTesting.assertNoPendingPods(chart))).toBe(
      'expected every pod to be placed, but 1 of the 6 pods of 1 job stays Pending:\n'
      + '  SparkApplication spark/etl executor: 1 pod Pending (UNIT_CAPS): executor-5: '
      + 'ResourcePolicy spark/etl-units (ecs max 2, eci max 3): every unit the pods may use is at its max',
    );
  });
});

describe('SparkTesting.assertPendingPods', () => {
  test('passes for exactly the Pending pods of each job and role', () => {
    const chart = etlChart({ executors: 6 });
    SparkTesting.assertPendingPods(chart, { 'spark/etl': { executor: 2 } });
    SparkTesting.assertPendingPods(chart, { 'spark/etl': { driver: 0, executor: 2 } });
    SparkTesting.assertPendingPods(etlChart(), {});
  });

  test('lists each role whose count differs, with what the plan found', () => {
    expect(thrown(() => SparkTesting.assertPendingPods(etlChart({ executors: 6 }), { 'spark/etl': { executor: 1 } }))).toBe(
      'expected exactly the Pending pods {"spark/etl":{"executor":1}}, but:\n'
      + '  SparkApplication spark/etl executor: expected 1 Pending, found 2 (UNIT_CAPS: executor-5, executor-6: '
      + 'ResourcePolicy spark/etl-units (ecs max 2, eci max 3): every unit the pods may use is at its max)',
    );
    expect(thrown(() => SparkTesting.assertPendingPods(etlChart(), { 'spark/etl': { driver: 1 } }))).toBe(
      'expected exactly the Pending pods {"spark/etl":{"driver":1}}, but:\n'
      + '  SparkApplication spark/etl driver: expected 1 Pending, found 0 (every pod is placed)',
    );
  });

  test('refuses a job it does not know, a role that is none, and a count that is no count', () => {
    const chart = etlChart();
    expect(thrown(() => SparkTesting.assertPendingPods(chart, { 'spark/elt': { executor: 1 } })))
      .toBe('expected key must name a job of scope etl (one of spark/etl) (got "spark/elt")');
    expect(thrown(() => SparkTesting.assertPendingPods(chart, { etl: { executor: 1 } })))
      .toBe('expected key must name a job as "namespace/name" (one of spark/etl) (got "etl")');
    expect(thrown(() => SparkTesting.assertPendingPods(chart, { 'spark/etl': { executors: 1 } })))
      .toBe('expected["spark/etl"] key must be "driver" or "executor" (got "executors")');
    expect(thrown(() => SparkTesting.assertPendingPods(chart, { 'spark/etl': { executor: -1 } })))
      .toBe('expected["spark/etl"].executor must be an integer >= 0 (got -1)');
    expect(thrown(() => SparkTesting.assertPendingPods(chart, [] as any)))
      .toMatch(/^expected must be a map \(a plain object\) of "namespace\/name" to a map of role to Pending pods/);
  });

  test('refuses a total that is no count, and a role map that is none', () => {
    expect(thrown(() => expect(etlChart()).toHavePendingPods(-1))).toBe('pending pods must be an integer >= 0 (got -1)');
    expect(thrown(() => SparkTesting.assertPendingPods(etlChart(), { 'spark/etl': 2 } as any)))
      .toBe('expected["spark/etl"] must be a map of role ("driver", "executor") to Pending pods (got 2)');
  });

  test('refuses a name two jobs share, and asks for the chart that holds one', () => {
    const app = Testing.app();
    etlChart({ app });
    new SparkJob(new Chart(app, 'copy', { namespace: 'spark' }), 'Etl', etl);
    expect(thrown(() => SparkTesting.assertPendingPods(app, { 'spark/etl': { executor: 0 } }))).toBe(
      'expected key must name one job, but 2 jobs have this name (at etl/Etl/Resource, copy/Etl/Resource): '
      + 'pass the chart that holds one of them as the scope (got "spark/etl")',
    );
  });
});

describe('SparkTesting.assertPlacement', () => {
  test.each([
    ['no placement', undefined, PlannedPlacement.ECS],
    ['ecsOnly()', EciPlacement.ecsOnly(), PlannedPlacement.ECS],
    ['eciOnly()', EciPlacement.eciOnly(), PlannedPlacement.ECI],
    ['ecsFirst()', EciPlacement.ecsFirst(), PlannedPlacement.EITHER],
  ])('reads %s as %s', (_name, placement, kind) => {
    SparkTesting.assertPlacement(placedChart(placement), 'spark/etl', 'executor', kind);
    SparkTesting.assertPlacement(placedChart(placement), 'spark/etl', 'driver', kind);
  });

  test('reads a ResourcePolicy as UNITS', () => {
    SparkTesting.assertPlacement(etlChart(), 'spark/etl', 'executor', PlannedPlacement.UNITS);
  });

  test('maps every placement of the report to a kind', () => {
    expect(Object.values(NodePlacement).map(plannedPlacementOf)).toEqual(['ECS', 'ECI', 'EITHER', 'EITHER', 'EITHER', 'NOWHERE']);
    expect(plannedPlacementOf('RESOURCE_POLICY')).toBe(PlannedPlacement.UNITS);
    expect(() => plannedPlacementOf('SOMEWHERE')).toThrow(/a placement this kit does not know: SOMEWHERE/);
  });

  test('names the job, the role, and the placement found', () => {
    expect(thrown(() => SparkTesting.assertPlacement(placedChart(EciPlacement.ecsFirst()), 'spark/etl', 'executor', PlannedPlacement.ECI)))
      .toBe('expected SparkApplication spark/etl executor to be placed ECI, found EITHER (ECS_FIRST: ECS then ECI)');
    expect(thrown(() => SparkTesting.assertPlacement(etlChart(), 'spark/etl', 'driver', PlannedPlacement.ECS)))
      .toBe('expected SparkApplication spark/etl driver to be placed ECS, found UNITS (RESOURCE_POLICY: ResourcePolicy: ecs 1)');
  });

  test('refuses a role and a placement it does not know', () => {
    expect(thrown(() => SparkTesting.assertPlacement(etlChart(), 'spark/etl', 'executors', PlannedPlacement.ECS)))
      .toBe('role must be "driver" or "executor" (got "executors")');
    expect(thrown(() => SparkTesting.assertPlacement(etlChart(), 'spark/etl', 'driver', 'ECS_ONLY' as any)))
      .toBe('placement must be a PlannedPlacement (ECS, ECI, EITHER, UNITS, NOWHERE) (got "ECS_ONLY")');
  });
});

describe('SparkTesting.assertNoSpotDriver', () => {
  test('passes for spot executors and a pay-as-you-go driver', () => {
    const chart = new Chart(Testing.app(), 'jobs', { namespace: 'spark' });
    new SparkJob(chart, 'Etl', {
      ...etl,
      placement: SparkPlacement.perRole({ driver: EciPlacement.ecsOnly(), executor: EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() } }) }),
      executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
    });
    SparkTesting.assertNoSpotDriver(chart);
  });

  test('names the job whose driver may run on spot ECI', () => {
    const chart = placedChart(EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() } }), {
      driver: { cores: 2, memory: Size.gibibytes(2) },
      executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
    });
    expect(thrown(() => SparkTesting.assertNoSpotDriver(chart))).toBe(
      'expected no driver on spot ECI, but:\n'
      + '  SparkApplication spark/etl driver: the driver asks for spot ECI (spec.driver.annotations): '
      + 'a reclaimed driver fails the whole job; keep the driver on ECS or pay-as-you-go ECI',
    );
  });
});

describe('SparkTesting.assertImageCacheOnEci', () => {
  test('passes for jobs that never run on ECI, and for ECI pods with an image-cache annotation', () => {
    SparkTesting.assertImageCacheOnEci(placedChart());
    SparkTesting.assertImageCacheOnEci(placedChart(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.auto() } })));
    SparkTesting.assertImageCacheOnEci(placedChart(EciPlacement.ecsFirst({ eci: { imageCache: EciImageCache.id('imc-2ze0123456789abcdef') } })));
  });

  test('passes for an ImageCache in the scope that lists the job\'s image', () => {
    const chart = placedChart(EciPlacement.eciOnly());
    new ImageCache(chart, 'Cache', { images: [IMAGE] });
    SparkTesting.assertImageCacheOnEci(chart);
  });

  // ECI "使用ImageCache加速创建Pod" (doc 141241): eci-auto-imc defaults to true, and a miss creates the cache on the first run.
  test('passes for ECI pods without an annotation: ECI matches by default, and the first run creates the cache', () => {
    const chart = placedChart(EciPlacement.eciOnly());
    new ImageCache(chart, 'Cache', { images: ['registry.example/other:1'] });
    SparkTesting.assertImageCacheOnEci(chart);
    expect(thrown(() => expect(chart).not.toUseImageCacheOnEci()))
      .toBe('expected a role on ECI without an image cache, but all 2 roles that may run on ECI have one (2 of them create it on the first run)');
  });

  test('reads the plan\'s one answer: the roles that turn matching off pull every time, even with an ImageCache that lists the image', () => {
    const chart = placedChart(EciPlacement.eciOnly(), { executor: { ...etl.executor, annotations: { 'k8s.aliyun.com/eci-auto-imc': 'false' } } });
    new ImageCache(chart, 'Cache', { images: [IMAGE] });
    expect(thrown(() => SparkTesting.assertImageCacheOnEci(chart))).toBe(
      'expected every role that may run on ECI to use an image cache, but:\n'
      + `  SparkApplication spark/etl executor: up to 4 pods may run on ECI without an image cache: every pod pulls ${IMAGE} `
      + '(image-cache matching turned off); ECI gives up a Pending pod after 240 min',
    );
    const plan = SparkTesting.plan(chart);
    expect(plan.jobs[0].coldStart.map((c: any) => [c.role, c.source])).toEqual([['driver', 'CACHE_OBJECT'], ['executor', 'PULL']]);
  });

  test('names the role\'s own image', () => {
    const chart = placedChart(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.off() } }), { executor: { ...etl.executor, image: 'registry.example/executor:1' } });
    expect(thrown(() => SparkTesting.assertImageCacheOnEci(chart)))
      .toMatch(/^expected every role that may run on ECI to use an image cache, but:\n {2}SparkApplication spark\/etl driver: .*\n {2}SparkApplication spark\/etl executor: .* pulls registry\.example\/executor:1 /);
  });
});

describe('SparkTesting.assertBilledSize', () => {
  test('passes for the size ECI bills, however it is written', () => {
    SparkTesting.assertBilledSize(placedChart(EciPlacement.eciOnly()), 'spark/etl', 'executor', '1-4Gi');
    SparkTesting.assertBilledSize(placedChart(EciPlacement.eciOnly()), 'spark/etl', 'executor', '1.0-4.0Gi');
  });

  test('names the size found, the request and the waste', () => {
    expect(thrown(() => SparkTesting.assertBilledSize(placedChart(EciPlacement.eciOnly()), 'spark/etl', 'executor', '2-4Gi')))
      .toBe('expected SparkApplication spark/etl executor to be billed as 2-4Gi on ECI, but billed as 1-4Gi (1 vCPU / 3584 MiB per pod, 6.3% unused)');
  });

  test('says when the role never runs on ECI', () => {
    expect(thrown(() => SparkTesting.assertBilledSize(placedChart(), 'spark/etl', 'driver', '2-4Gi')))
      .toBe('expected SparkApplication spark/etl driver to be billed as 2-4Gi on ECI, but its pods never run on ECI (ECS_ONLY: ECS)');
  });

  test('refuses a size that is none', () => {
    expect(thrown(() => SparkTesting.assertBilledSize(placedChart(), 'spark/etl', 'driver', '4Gi')))
      .toBe('EciInstanceSize.parse() spec must be an ECI size written "<vcpu>-<memory>Gi", e.g. "2-4Gi" (got "4Gi")');
  });
});

describe('SparkTesting.assertCostBelow', () => {
  test('passes below the bound and fails at it, listing the roles by cost', () => {
    const chart = etlChart();
    const atMost = SparkTesting.plan(chart, PRICES).totals.eciCostPerHour.atMost;
    SparkTesting.assertCostBelow(chart, PRICES, atMost + 0.01);
    expect(thrown(() => SparkTesting.assertCostBelow(chart, PRICES, atMost))).toBe(
      `expected the ECI cost to stay below ${atMost} CNY per hour, but it may reach ${atMost} CNY per hour (at least ${atMost} CNY):\n`
      + `  SparkApplication spark/etl executor: ${atMost} CNY per hour (3 × 0.18 CNY, 1-4Gi)`,
    );
  });

  test('fails for pods the report does not price, rather than leave them out of the sum', () => {
    // No scope makes the report leave ECI pods unpriced today; a report that does must not pass.
    const plan = new ScopePlan(placedChart(EciPlacement.eciOnly()), PRICES);
    const unpriced = {
      report: plan.report,
      jobs: plan.jobs.map(j => ({ ...j, roles: j.roles.map(r => ({ ...r, report: { ...r.report, eciCostPerHour: null } })) })),
    } as unknown as ScopePlan;
    const check = checkCostBelow(unpriced, PRICES, 100);
    expect(check.pass).toBe(false);
    expect(check.message).toBe('expected the ECI cost to stay below 100 CNY per hour, but some pods cannot be priced:\n'
      + '  SparkApplication spark/etl driver: up to 1 pod may run on ECI, and the plan cannot price them (billed as 2-1Gi (1 vCPU / 896 MiB per pod, 26.3% unused))\n'
      + '  SparkApplication spark/etl executor: up to 4 pods may run on ECI, and the plan cannot price them (billed as 1-4Gi (1 vCPU / 3584 MiB per pod, 6.3% unused))');
  });

  test('refuses prices that are not a CostModel and a bound that is no cost', () => {
    expect(thrown(() => SparkTesting.assertCostBelow(etlChart(), { pricePerVcpuHour: 1 } as any, 1))).toMatch(/^prices must be made with new CostModel/);
    expect(thrown(() => SparkTesting.assertCostBelow(etlChart(), PRICES, -1)))
      .toBe('bound must be a number >= 0, an hourly cost in the prices\' currency (got -1)');
  });
});

describe('SparkTesting.planSnapshot', () => {
  test('one line per role, the findings and the totals', () => {
    expect(SparkTesting.planSnapshot(etlChart({ executors: 5 }), PRICES)).toBe([
      'spark/etl driver ×1: ResourcePolicy spark/etl-units (ecs 1)',
      'spark/etl executor ×5: ResourcePolicy spark/etl-units (ecs 1, eci 3), ECI 1-4Gi (6.3% unused), 1 Pending (UNIT_CAPS), ECI cost 0.54 CNY per hour',
      'spark/etl: WARNING IMAGE_CACHE_ON_FIRST_RUN',
      'total: 1 job, 6 pods, 1 Pending, 3 on ECI, ECI cost 0.54 CNY per hour',
      '',
    ].join('\n'));
  });

  test('shows the findings by code, spot, and the pods dynamic allocation requests later', () => {
    const chart = new Chart(Testing.app(), 'jobs', { namespace: 'spark' });
    new SparkJob(chart, 'Etl', {
      ...etl,
      placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() } })),
      driver: { cores: 2, memory: Size.gibibytes(2) },
      executor: { cores: 2, memory: Size.gibibytes(4) },
      dynamicAllocation: { initialExecutors: 1, maxExecutors: 3 },
    });
    expect(SparkTesting.planSnapshot(chart)).toBe([
      'spark/etl driver ×1: ECI 2-4Gi spot (20.3% unused)',
      'spark/etl executor ×3 (1 at submission): ECI 2-8Gi spot (22.5% unused)',
      'spark/etl: WARNING SPOT_DRIVER (driver)',
      'spark/etl: WARNING IMAGE_CACHE_ON_FIRST_RUN',
      'total: 1 job, 4 pods, 0 Pending, 4 on ECI',
      '',
    ].join('\n'));
  });

  test('sorts jobs by namespace and name, shows generated hashes as <hash>, and marks scheduled jobs', () => {
    const app = Testing.app();
    const b = new Chart(app, 'b', { namespace: 'b' });
    new SparkJob(b, 'Zeta', { ...etl, metadata: undefined, placement: SparkPlacement.of(EciPlacement.eciOnly()) });
    const a = new Chart(app, 'a', { namespace: 'a' });
    new ScheduledSparkJob(a, 'Nightly', { ...etl, metadata: { name: 'nightly' }, schedule: '0 2 * * *' } as any);
    const text = SparkTesting.planSnapshot(app);
    expect(text).toBe([
      'a/nightly (ScheduledSparkApplication) driver ×1: ECS',
      'a/nightly (ScheduledSparkApplication) executor ×4: ECS',
      'b/b-zeta-<hash> driver ×1: ECI 2-1Gi (26.3% unused)',
      'b/b-zeta-<hash> executor ×4: ECI 1-4Gi (6.3% unused)',
      'b/b-zeta-<hash>: WARNING IMAGE_CACHE_ON_FIRST_RUN',
      'b/b-zeta-<hash>: WARNING ECI_UNUSED_SHARE (driver)',
      'total: 2 jobs, 10 pods, 0 Pending, 5 on ECI',
      '',
    ].join('\n'));
    expect(SparkTesting.plan(app).jobs.map((j: any) => j.name)).toEqual([expect.stringMatching(/^b-zeta-[0-9a-f]{8}$/), 'nightly']);
  });
});

describe('jest matchers (cdk8s-spark-eci/lib/testing/jest-matchers)', () => {
  test('pass and fail with the messages of SparkTesting, and with .not', () => {
    expect(etlChart()).toPlaceAllPods();
    expect(etlChart({ executors: 5 })).not.toPlaceAllPods();
    expect(() => expect(etlChart({ executors: 5 })).toPlaceAllPods()).toThrow(/1 of the 6 pods of 1 job stays Pending/);
    expect(() => expect(etlChart()).not.toPlaceAllPods()).toThrow('expected some pods to stay Pending, but all the 5 pods of 1 job are placed');
    expect(etlChart({ executors: 6 })).toHavePendingPods(2);
    expect(etlChart({ executors: 6 })).toHavePendingPods({ 'spark/etl': { executor: 2 } });
    expect(() => expect(etlChart()).toHavePendingPods(1)).toThrow('expected 1 pod Pending, but 0 of the 5 pods of 1 job stay Pending');
    expect(etlChart()).toPlace('spark/etl', 'executor', PlannedPlacement.UNITS);
    expect(etlChart()).not.toPlace('spark/etl', 'executor', PlannedPlacement.ECI);
    expect(etlChart()).toHaveNoSpotDriver();
    expect(placedChart(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.off() } }))).not.toUseImageCacheOnEci();
    expect(placedChart(EciPlacement.eciOnly())).toUseImageCacheOnEci();
    expect(placedChart(EciPlacement.eciOnly())).toBillOnEci('spark/etl', 'executor', '1-4Gi');
    expect(etlChart()).toCostBelow(PRICES, 1);
    expect(etlChart()).not.toCostBelow(PRICES, 0.1);
  });
});

describe('the entry points', () => {
  // Runs node on the compiled package (lib/, which the build compiles before the tests).
  const root = path.resolve(__dirname, '..');
  function loaded(entry: string): string[] {
    const script = `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)))`;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    return JSON.parse(out).map((f: string) => path.relative(root, f));
  }

  test('the main entry point loads neither the jest matchers nor jest', () => {
    const files = loaded('./lib/index.js');
    expect(files).toContain('lib/testing/spark-testing.js');
    expect(files.filter(f => /jest-matchers|node_modules\/(jest|expect|@jest)\//.test(f))).toEqual([]);
  });

  test('the jest matchers load without jest', () => {
    const files = loaded('./lib/testing/jest-matchers.js');
    expect(files).toContain('lib/testing/jest-matchers.js');
    expect(files.filter(f => /node_modules\/(jest|expect|@jest)\//.test(f))).toEqual([]);
  });
});
