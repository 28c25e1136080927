/**
 * The example app's own tests, as a platform team writes them with the testing kit: what the
 * cluster will do with each chart (where the pods run, what stays Pending, what ECI bills), and a
 * snapshot of the plan that changes only when the plan does.
 */
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { defineSeedCharts } from '../examples/seed-app';
import { defineSpark4Chart } from '../examples/spark4-app';
import { CostModel, PlannedPlacement, SparkTesting } from '../src';
import { sparkMatchers } from '../src/testing/jest-matchers';

expect.extend(sparkMatchers);

/** Made-up prices (the library ships none): 0.1 per vCPU-hour and 0.02 per GiB-hour. */
const PRICES = new CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.02, currency: 'CNY' });

/** The seed's charts of the example app (the Spark 4 chart, in its own namespace, is planned below). */
function exampleApp(): App {
  const app = new App();
  defineSeedCharts(app);
  return app;
}

const app = exampleApp();
const chart = (id: string) => app.node.findChild(id) as Chart;

describe('each chart of the example, applied on its own', () => {
  test('ECS only: every pod on ECS, nothing on ECI', () => {
    const c = chart('spark-pi-ecs-only');
    SparkTesting.assertPlacement(c, 'default/spark-pi-ecs-only', 'driver', PlannedPlacement.ECS);
    SparkTesting.assertPlacement(c, 'default/spark-pi-ecs-only', 'executor', PlannedPlacement.ECS);
    expect(c).toPlaceAllPods();
    expect(SparkTesting.plan(c).totals.eciPods).toEqual({ atLeast: 0, atMost: 0 });
  });

  test('ECI only: every pod on ECI, billed at the sizes the requests round up to', () => {
    const c = chart('spark-pi-eci-only');
    SparkTesting.assertPlacement(c, 'default/spark-pi-eci-only', 'executor', PlannedPlacement.ECI);
    SparkTesting.assertBilledSize(c, 'default/spark-pi-eci-only', 'driver', '2-1Gi');
    SparkTesting.assertBilledSize(c, 'default/spark-pi-eci-only', 'executor', '2-8Gi');
    SparkTesting.assertNoPendingPods(c);
    SparkTesting.assertCostBelow(c, PRICES, 1);
  });

  // The seed submits spark-pi-eci-only "without an image cache" and its driver's events read ImageCacheMissed, then
  // ImageCacheAutoCreated: eci-auto-imc defaults to true (DOMAIN.md §4). The first run creates the cache; the plan warns.
  test('ECI only without an annotation auto-matches: its first run creates the cache, which the image-cache charts name or match', () => {
    SparkTesting.assertImageCacheOnEci(chart('spark-pi-eci-only'));
    expect(SparkTesting.plan(chart('spark-pi-eci-only')).jobs[0].coldStart.map((c: any) => c.source)).toEqual(['CACHE_ON_FIRST_RUN', 'CACHE_ON_FIRST_RUN']);
    SparkTesting.assertImageCacheOnEci(chart('spark-pi-eci-only-image-cache-id'));
    SparkTesting.assertImageCacheOnEci(chart('spark-pi-eci-only-image-cache-auto'));
  });

  test('ECS first: the pods may run on either', () => {
    expect(chart('spark-pi-ecs-first')).toPlace('default/spark-pi-ecs-first', 'executor', PlannedPlacement.EITHER);
    expect(chart('spark-pi-ecs-first')).toPlaceAllPods();
  });

  test('ResourcePolicy: 2 pods on ECS, 3 on ECI, and the seed\'s one executor Pending', () => {
    const c = chart('spark-pi-resource-policy');
    SparkTesting.assertPlacement(c, 'default/spark-pi', 'executor', PlannedPlacement.UNITS);
    SparkTesting.assertPendingPods(c, { 'default/spark-pi': { executor: 1 } });
    expect(SparkTesting.plan(c).jobs[0].resourcePolicy.units.map((u: any) => [u.resource, u.pods])).toEqual([['ecs', 2], ['eci', 3]]);
  });

  test('no driver runs on spot ECI anywhere in the app', () => {
    SparkTesting.assertNoSpotDriver(app);
    expect(app).toHaveNoSpotDriver();
  });

  test('each chart plans as its snapshot', () => {
    expect(app.charts.map(c => `# ${c.node.id}\n${SparkTesting.planSnapshot(c, PRICES)}`).join('\n')).toMatchSnapshot();
  });
});

describe('the whole example app, applied together', () => {
  // The ResourcePolicy selects every Spark pod of namespace default: applied together, it places
  // the pods of every chart, each submission with its own budget.
  test('plans as its snapshot', () => {
    expect(SparkTesting.planSnapshot(app, PRICES)).toMatchSnapshot();
  });

  test('the policy places every job, and only the 5-executor job has a pod Pending', () => {
    for (const job of SparkTesting.plan(app).jobs) {
      expect(job.roles.map((r: any) => r.placement)).toEqual(['RESOURCE_POLICY', 'RESOURCE_POLICY']);
    }
    expect(SparkTesting.plan(app).totals.pendingPods).toBe(1);
    expect(app).toHavePendingPods(1);
  });
});

describe('the Spark 4 chart, in its own namespace', () => {
  const spark4 = defineSpark4Chart(new App());

  test('drivers on ECS, Scala executors on spot ECI, nothing Pending', () => {
    SparkTesting.assertPlacement(spark4, 'spark-apps/spark-pi', 'driver', PlannedPlacement.ECS);
    SparkTesting.assertPlacement(spark4, 'spark-apps/spark-pi', 'executor', PlannedPlacement.ECI);
    SparkTesting.assertNoSpotDriver(spark4);
    SparkTesting.assertNoPendingPods(spark4);
  });

  test('plans as its snapshot', () => {
    expect(SparkTesting.planSnapshot(spark4, PRICES)).toMatchSnapshot();
  });

  test('no policy of the seed reaches it when both are applied together', () => {
    const together = exampleApp();
    defineSpark4Chart(together);
    const spark4Jobs = SparkTesting.plan(together).jobs.filter((j: any) => j.namespace === 'spark-apps');
    expect(spark4Jobs.map((j: any) => j.name).sort()).toEqual(['spark-pi', 'spark-pi-python']);
    for (const job of spark4Jobs) { expect(job.resourcePolicy).toBeNull(); }
  });
});

describe('the plan snapshot is deterministic', () => {
  test('two synths of the app give the same bytes', () => {
    expect(SparkTesting.planSnapshot(exampleApp(), PRICES)).toBe(SparkTesting.planSnapshot(exampleApp(), PRICES));
  });

  test('an unrelated chart, before or after the others, or a ConfigMap in a chart, changes nothing', () => {
    const before = new App();
    new ApiObject(new Chart(before, 'aaa-config', { namespace: 'default' }), 'Config', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } });
    defineSeedCharts(before);
    const after = exampleApp();
    new ApiObject(new Chart(after, 'zzz-config'), 'Config', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } });
    const inside = exampleApp();
    new ApiObject(inside.node.findChild('spark-pi-resource-policy') as Chart, 'Config', { apiVersion: 'v1', kind: 'ConfigMap' });
    const expected = SparkTesting.planSnapshot(exampleApp(), PRICES);
    for (const changed of [before, after, inside]) {
      expect(SparkTesting.planSnapshot(changed, PRICES)).toBe(expected);
    }
  });

  test('it changes when the plan does: one more executor stays Pending', () => {
    const changed = new App();
    defineSeedCharts(changed);
    const job = SparkTesting.plan(changed.node.findChild('spark-pi-resource-policy') as Chart).jobs[0];
    expect(job.pending).toHaveLength(1);
    ApiObject.of(changed.node.findChild('spark-pi-resource-policy').node.findChild('SparkPi'))
      .addJsonPatch(JsonPatch.replace('/spec/executor/instances', 6));
    expect(SparkTesting.planSnapshot(changed, PRICES)).not.toBe(SparkTesting.planSnapshot(exampleApp(), PRICES));
    expect(() => SparkTesting.assertPendingPods(changed.node.findChild('spark-pi-resource-policy') as Chart, { 'default/spark-pi': { executor: 1 } }))
      .toThrow('expected exactly the Pending pods {"default/spark-pi":{"executor":1}}, but:\n'
        + '  SparkApplication default/spark-pi executor: expected 1 Pending, found 2 (UNIT_CAPS: executor-5, executor-6: '
        + 'ResourcePolicy default/sparkapplication-resource-policy (ecs max 2, eci max 3): every unit the pods may use is at its max)');
  });
});
