import { ApiObject, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { PendingPods, SparkClusterProfile } from '../src';
import { expectValidManifests } from './support/crd-schema';
import { seedAvailable, seedManifest } from './support/seed';
import { ResourcePolicy } from '../src/imports/resource-policy-scheduling.alibabacloud.com';
import { ISparkPods, SparkPodSet } from '../src/model/spark-pods';
import { SparkEciValidationError } from '../src/private/errors';
import { PlacementPlan, PodPlacement } from '../src/resource-policy/placement-plan';
import { ResourcePolicyUnit, UnitResourceKind } from '../src/resource-policy/resource-policy-unit';
import {
  PreemptPolicy, ResourcePolicyStrategy, ResourcePolicyUnits, ResourcePolicyUnitsProps, SparkPodSelector, WhenTryNextUnits,
} from '../src/resource-policy/resource-policy-units';

/** The seed's `resourcepolicy.yaml`, written by hand ("自定义弹性资源优先级调度", step 1). */
const SEED_BY_HAND = {
  apiVersion: 'scheduling.alibabacloud.com/v1alpha1',
  kind: 'ResourcePolicy',
  metadata: { name: 'sparkapplication-resource-policy', namespace: 'default' },
  spec: {
    ignorePreviousPod: true,
    ignoreTerminatingPod: false,
    matchLabelKeys: ['sparkoperator.k8s.io/submission-id'],
    preemptPolicy: 'AfterAllUnits',
    selector: { 'sparkoperator.k8s.io/launched-by-spark-operator': 'true' },
    strategy: 'prefer',
    units: [
      { max: 2, resource: 'ecs', nodeSelector: { 'kubernetes.io/arch': 'amd64' } },
      { max: 3, resource: 'eci' },
    ],
  },
};

const SEED_PROPS: ResourcePolicyUnitsProps = {
  metadata: { name: 'sparkapplication-resource-policy', namespace: 'default' },
  ignorePreviousPod: true,
  ignoreTerminatingPod: false,
  preemptPolicy: PreemptPolicy.AFTER_ALL_UNITS,
  selector: SparkPodSelector.allSparkPods(),
  strategy: ResourcePolicyStrategy.PREFER,
  units: [
    ResourcePolicyUnit.ecs({ max: 2, nodeSelector: { 'kubernetes.io/arch': 'amd64' } }),
    ResourcePolicyUnit.eci({ max: 3 }),
  ],
};

interface FakeJobOptions {
  readonly name?: string;
  readonly namespace?: string | null;
  readonly driverLabels?: { [key: string]: string };
  readonly executorLabels?: { [key: string]: string };
}

/** A hand-written ISparkPods: 1 driver + `executors` executors (`spark-pi` in `default`). */
class FakeJob implements ISparkPods {
  public constructor(public executors: number, private readonly options: FakeJobOptions = {}) {}

  public toPodSet(): SparkPodSet {
    return {
      jobName: this.options.name ?? 'spark-pi',
      namespace: this.options.namespace === null ? undefined : (this.options.namespace ?? 'default'),
      driver: { count: 1, labels: this.options.driverLabels },
      executors: { count: this.executors, labels: this.options.executorLabels },
    };
  }
}

function seedPolicy(chart: Chart = Testing.chart(), extra: Partial<ResourcePolicyUnitsProps> = {}): ResourcePolicyUnits {
  return new ResourcePolicyUnits(chart, 'policy', { ...SEED_PROPS, ...extra });
}

/** Synthesizes one policy alone and checks the result against the project's CRD. */
function synthPolicy(props: ResourcePolicyUnitsProps): any {
  const chart = Testing.chart();
  new ResourcePolicyUnits(chart, 'policy', props);
  const manifests = Testing.synth(chart);
  expectValidManifests(manifests);
  expect(manifests).toHaveLength(1);
  return manifests[0];
}

function specOf(props: ResourcePolicyUnitsProps): any {
  return synthPolicy(props).spec;
}

describe('the seed policy', () => {
  test('reproduces sparkapplication-resource-policy exactly', () => {
    const chart = Testing.chart();
    seedPolicy(chart);
    const manifests = Testing.synth(chart);
    expect(manifests).toEqual([SEED_BY_HAND]);
    expectValidManifests(manifests);
  });

  test('matches the manifest parsed from the seed document', () => {
    if (!seedAvailable()) {
      console.warn('seed document not found: comparing with the hand-written copy only');
      return;
    }
    const chart = Testing.chart();
    seedPolicy(chart);
    expect(Testing.synth(chart)).toEqual([seedManifest('resource-policy')]);
  });

  test('writes the apiVersion and kind of the generated binding', () => {
    const manifest = synthPolicy(SEED_PROPS);
    expect({ apiVersion: manifest.apiVersion, kind: manifest.kind }).toEqual(ResourcePolicy.GVK);
  });

  test('is the child with id Resource, so JSON patches survive', () => {
    const chart = Testing.chart();
    const policy = seedPolicy(chart);
    expect(ApiObject.of(policy)).toBe(policy.apiObject);
    ApiObject.of(policy).addJsonPatch(
      JsonPatch.add('/spec/units/1/podLabels', { team: 'data' }),
      JsonPatch.add('/spec/futureField', 'kept'),
    );
    const [manifest] = Testing.synth(chart);
    expect(manifest.spec.units[1].podLabels).toEqual({ team: 'data' });
    expect(manifest.spec.futureField).toBe('kept');
  });

  test('renders lazily: units added after construction appear', () => {
    const chart = Testing.chart();
    const policy = new ResourcePolicyUnits(chart, 'policy', { metadata: { namespace: 'default' } });
    policy.addUnit(ResourcePolicyUnit.ecs({ max: 2 }));
    policy.addUnit(ResourcePolicyUnit.eci({ max: 3 }));
    const [manifest] = Testing.synth(chart);
    expect(manifest.spec.units).toEqual([{ resource: 'ecs', max: 2 }, { resource: 'eci', max: 3 }]);
    expect(manifest.spec.matchLabelKeys).toEqual(['sparkoperator.k8s.io/submission-id']);
  });
});

describe('placement plan', () => {
  test('keeps the driver and executor-1 on ECS, executors 2-4 on ECI, executor-5 Pending (the seed)', () => {
    const plan = seedPolicy().plan(new FakeJob(5));
    expect(plan.pods.map(p => [p.name, p.placement, p.unitIndex, p.resource])).toEqual([
      ['driver', PodPlacement.PLACED, 0, UnitResourceKind.ECS],
      ['executor-1', PodPlacement.PLACED, 0, UnitResourceKind.ECS],
      ['executor-2', PodPlacement.PLACED, 1, UnitResourceKind.ECI],
      ['executor-3', PodPlacement.PLACED, 1, UnitResourceKind.ECI],
      ['executor-4', PodPlacement.PLACED, 1, UnitResourceKind.ECI],
      ['executor-5', PodPlacement.PENDING, undefined, undefined],
    ]);
    expect(plan.units).toEqual([
      { index: 0, resource: UnitResourceKind.ECS, max: 2, count: 2, pods: ['driver', 'executor-1'] },
      { index: 1, resource: UnitResourceKind.ECI, max: 3, count: 3, pods: ['executor-2', 'executor-3', 'executor-4'] },
    ]);
    expect(plan.pending).toEqual(['executor-5']);
    expect(plan.unmanaged).toEqual([]);
    expect(plan.placementOf('executor-5').reason).toBe('ResourcePolicy default/sparkapplication-resource-policy (ecs max 2, eci max 3): every unit the pods may use is at its max');
    expect(plan.groups).toBe(1);
    expect(plan.perGroup).toBe(true);
    expect(plan.jobName).toBe('spark-pi');
    expect(plan.policyName).toBe('sparkapplication-resource-policy');
  });

  test('renders a readable table', () => {
    const plan = seedPolicy().plan(new FakeJob(5));
    expect(plan.toString()).toMatchSnapshot();
    expect(plan.toString()).toContain('| units[1] | eci      | 3   | 3    | executor-2, executor-3, executor-4 |');
  });

  test('places every pod when the units have room', () => {
    const plan = seedPolicy().plan(new FakeJob(4));
    expect(plan.pending).toEqual([]);
    expect(plan.units.map(u => u.count)).toEqual([2, 3]);
  });

  test('counts the driver: a job with no executors uses one ECS slot', () => {
    const plan = seedPolicy().plan(new FakeJob(0));
    expect(plan.units.map(u => u.pods)).toEqual([['driver'], []]);
  });

  test('puts everything beyond bounded units into an unbounded one', () => {
    const policy = new ResourcePolicyUnits(Testing.chart(), 'p', {
      units: [ResourcePolicyUnit.ecs({ max: 1 }), ResourcePolicyUnit.eci(), ResourcePolicyUnit.acs({ max: 2 })],
    });
    const plan = policy.plan(new FakeJob(40));
    expect(plan.pending).toEqual([]);
    expect(plan.units.map(u => u.count)).toEqual([1, 40, 0]);
    expect(plan.toString()).toContain('executor-1 to executor-40');
    expect(plan.notes.join('\n')).toContain('units after units[1] (no max) are only used when units[1] lacks resources');
    expect(policy.maxPods).toBeUndefined();
  });

  test('leaves pods the selector does not match unmanaged', () => {
    const policy = seedPolicy(Testing.chart(), { selector: SparkPodSelector.job('other-job') });
    const plan = policy.plan(new FakeJob(2));
    expect(plan.unmanaged).toEqual(['driver', 'executor-1', 'executor-2']);
    expect(plan.placementOf('driver').reason).toContain('does not match');
    expect(plan.groups).toBe(0);
  });

  test('selects on user labels too: a selector on executor labels leaves the driver unmanaged', () => {
    const policy = new ResourcePolicyUnits(Testing.chart(), 'p', {
      metadata: { namespace: 'default' },
      selector: SparkPodSelector.custom({ pool: 'spot' }),
      units: [ResourcePolicyUnit.eci({ max: 1 })],
    });
    const plan = policy.plan(new FakeJob(2, { executorLabels: { pool: 'spot' } }));
    expect(plan.unmanaged).toEqual(['driver']);
    expect(plan.units[0].pods).toEqual(['executor-1']);
    expect(plan.pending).toEqual(['executor-2']);
    expect(plan.notes[0]).toContain('without matchLabelKeys every pod the selector matches in namespace default shares');
  });

  test('operator labels win over user labels of the same key', () => {
    const plan = seedPolicy().plan(new FakeJob(1, { driverLabels: { 'sparkoperator.k8s.io/launched-by-spark-operator': 'false' } }));
    expect(plan.placementOf('driver').placement).toBe(PodPlacement.PLACED);
  });

  test('only sees its own namespace', () => {
    const plan = seedPolicy().plan(new FakeJob(2, { namespace: 'spark' }));
    expect(plan.unmanaged).toEqual(['driver', 'executor-1', 'executor-2']);
    expect(plan.placementOf('executor-1').reason).toBe('the policy only sees pods in namespace default, the job runs in spark');
  });

  test('treats a missing namespace as default on both sides', () => {
    const policy = new ResourcePolicyUnits(Testing.chart(), 'p', { units: [ResourcePolicyUnit.ecs({ max: 1 })] });
    expect(policy.namespace).toBeUndefined();
    const plan = policy.plan(new FakeJob(1, { namespace: null }));
    expect(plan.jobNamespace).toBe('default');
    expect(plan.policyNamespace).toBe('default');
    expect(plan.pending).toEqual(['executor-1']);
  });

  test('uses the chart namespace as the policy namespace', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'spark' });
    const policy = new ResourcePolicyUnits(chart, 'p', { units: [ResourcePolicyUnit.ecs({ max: 5 })] });
    expect(policy.plan(new FakeJob(1, { namespace: 'spark' })).unmanaged).toEqual([]);
  });

  test('counts per group: grouping by spark-role gives the driver its own budget', () => {
    const policy = new ResourcePolicyUnits(Testing.chart(), 'p', {
      metadata: { namespace: 'default' },
      selector: SparkPodSelector.custom({ 'sparkoperator.k8s.io/app-name': 'spark-pi' }, ['spark-role']),
      units: [ResourcePolicyUnit.ecs({ max: 1 }), ResourcePolicyUnit.eci({ max: 2 })],
    });
    const plan = policy.plan(new FakeJob(4));
    expect(plan.groups).toBe(2);
    expect(plan.units.map(u => u.pods)).toEqual([['driver', 'executor-1'], ['executor-2', 'executor-3']]);
    expect(plan.pending).toEqual(['executor-4']);
  });

  test('leaves a pod without a matchLabelKeys label Pending, with the reason', () => {
    const policy = seedPolicy(Testing.chart(), { matchLabelKeys: ['team'] });
    const plan = policy.plan(new FakeJob(1, { executorLabels: { team: 'a' } }));
    expect(plan.placementOf('driver').placement).toBe(PodPlacement.PENDING);
    expect(plan.placementOf('driver').reason).toBe('they lack the label team named in the matchLabelKeys of ResourcePolicy default/sparkapplication-resource-policy, so the scheduler rejects them');
    expect(plan.placementOf('executor-1').placement).toBe(PodPlacement.PLACED);
  });

  test('notes that maxResources caps are not checked', () => {
    const policy = new ResourcePolicyUnits(Testing.chart(), 'p', {
      units: [ResourcePolicyUnit.ecs({ max: 2, maxResources: { cpu: Cpu.units(4) } }), ResourcePolicyUnit.eci()],
    });
    expect(policy.plan(new FakeJob(1)).notes).toContain('maxResources caps (units[0]) are not checked: the plan does not know pod sizes.');
  });

  test('refuses an unknown pod name and odd pod sets', () => {
    const plan = seedPolicy().plan(new FakeJob(1));
    expect(() => plan.placementOf('executor-9')).toThrow('placementOf() name must name a pod in the plan of spark-pi (pods: driver, executor-1) (got "executor-9")');
    expect(() => seedPolicy().plan(new FakeJob(1.5))).toThrow('executors.count must be an integer >= 0 (got 1.5)');
    const twoDrivers: ISparkPods = { toPodSet: () => ({ ...new FakeJob(1).toPodSet(), driver: { count: 2 } }) };
    expect(() => seedPolicy().plan(twoDrivers)).toThrow('driver.count must be an integer from 1 to 1 (got 2)');
  });

  test('returns a PlacementPlan with copies of pod plans', () => {
    const plan = seedPolicy().plan(new FakeJob(1));
    expect(plan).toBeInstanceOf(PlacementPlan);
    (plan.placementOf('driver') as any).name = 'changed';
    expect(plan.placementOf('driver').name).toBe('driver');
  });
});

describe('synth-time capacity check', () => {
  const SEED_ERROR = 'SparkApplication default/spark-pi launches 6 pods (1 driver + 5 executors) but ResourcePolicy '
    + 'default/sparkapplication-resource-policy places at most 5 (ecs max 2, eci max 3): executor-5 stays Pending. '
    + 'Raise a unit\'s max, lower executor.instances, or pass PendingPods.ALLOW.';

  test('fails synthesis when the seed job leaves executor-5 Pending', () => {
    const chart = Testing.chart();
    seedPolicy(chart).checkCapacity(new FakeJob(5));
    expect(() => Testing.synth(chart)).toThrow(SEED_ERROR);
    expect(() => Testing.synth(chart)).toThrow('[test/policy] SparkApplication default/spark-pi');
  });

  test('names every Pending pod', () => {
    const chart = Testing.chart();
    seedPolicy(chart).checkCapacity(new FakeJob(7));
    expect(() => Testing.synth(chart)).toThrow('launches 8 pods (1 driver + 7 executors) but ResourcePolicy default/sparkapplication-resource-policy '
      + 'places at most 5 (ecs max 2, eci max 3): executor-5, executor-6, executor-7 stay Pending.');
  });

  test('passes with PendingPods.ALLOW', () => {
    const chart = Testing.chart();
    seedPolicy(chart).checkCapacity(new FakeJob(5), { pendingPods: PendingPods.ALLOW });
    expect(Testing.synth(chart)).toEqual([SEED_BY_HAND]);
  });

  test('warns once and passes with PendingPods.WARN', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const chart = Testing.chart();
      seedPolicy(chart).checkCapacity(new FakeJob(5), { pendingPods: PendingPods.WARN });
      expect(Testing.synth(chart)).toEqual([SEED_BY_HAND]);
      Testing.synth(chart);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(`[test/policy] warning: ${SEED_ERROR}`);
    } finally {
      warn.mockRestore();
    }
  });

  test('passes when every pod fits', () => {
    const chart = Testing.chart();
    seedPolicy(chart).checkCapacity(new FakeJob(4));
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('reads the job at synth, so a later change counts', () => {
    const chart = Testing.chart();
    const job = new FakeJob(4);
    seedPolicy(chart).checkCapacity(job);
    job.executors = 6;
    expect(() => Testing.synth(chart)).toThrow('executor-5, executor-6 stay Pending');
  });

  test('fails when the policy selects none of the job\'s pods', () => {
    const chart = Testing.chart();
    seedPolicy(chart).checkCapacity(new FakeJob(1, { namespace: 'spark' }));
    expect(() => Testing.synth(chart)).toThrow('SparkApplication spark/spark-pi launches 2 pods (1 driver + 1 executor) but ResourcePolicy '
      + 'default/sparkapplication-resource-policy places none of them: it runs in namespace spark, the policy only sees default.');

    const other = Testing.chart();
    seedPolicy(other, { selector: SparkPodSelector.job('etl') }).checkCapacity(new FakeJob(1));
    expect(() => Testing.synth(other)).toThrow('places none of them: the selector {"sparkoperator.k8s.io/app-name":"etl"} matches none of them.');
  });

  test('says how many pods the selector picks when it skips some', () => {
    const chart = Testing.chart();
    new ResourcePolicyUnits(chart, 'p', {
      metadata: { name: 'spot', namespace: 'default' },
      selector: SparkPodSelector.custom({ pool: 'spot' }),
      units: [ResourcePolicyUnit.eci({ max: 1 })],
    }).checkCapacity(new FakeJob(2, { executorLabels: { pool: 'spot' } }));
    expect(() => Testing.synth(chart)).toThrow('launches 3 pods (1 driver + 2 executors) but ResourcePolicy default/spot '
      + 'places at most 1 (eci max 1): executor-2 stays Pending.');
  });

  test('says the budget is per group when the job forms several', () => {
    const chart = Testing.chart();
    new ResourcePolicyUnits(chart, 'p', {
      metadata: { name: 'by-role', namespace: 'default' },
      selector: SparkPodSelector.custom({}, ['spark-role']),
      units: [ResourcePolicyUnit.ecs({ max: 1 })],
    }).checkCapacity(new FakeJob(2));
    expect(() => Testing.synth(chart)).toThrow('places at most 1 (ecs max 1): executor-2 stays Pending.');
  });

  test('fails when pods lack a matchLabelKeys label', () => {
    const chart = Testing.chart();
    seedPolicy(chart, { matchLabelKeys: ['team'] }).checkCapacity(new FakeJob(1));
    expect(() => Testing.synth(chart)).toThrow('but driver: they lack the label team named in the matchLabelKeys of '
      + 'ResourcePolicy default/sparkapplication-resource-policy, so the scheduler rejects them.');
  });
});

describe('units', () => {
  test('ecs unit with every option', () => {
    const spec = specOf({
      units: [ResourcePolicyUnit.ecs({
        nodeSelector: { 'alibabacloud.com/nodepool-id': 'np-1' },
        max: 10,
        maxResources: {
          cpu: Cpu.units(32),
          memory: Size.gibibytes(64),
          ephemeralStorage: Size.mebibytes(1536),
          custom: { 'nvidia.com/gpu': '8' },
        },
        podLabels: { team: 'data' },
        podAnnotations: { 'example.com/note': 'placed on ECS' },
        waitForEcsScaling: true,
      })],
    });
    expect(spec.units).toEqual([{
      resource: 'ecs',
      nodeSelector: { 'alibabacloud.com/nodepool-id': 'np-1' },
      max: 10,
      maxResources: { 'cpu': '32', 'memory': '64Gi', 'ephemeral-storage': '1536Mi', 'nvidia.com/gpu': '8' },
      podLabels: { 'team': 'data', 'k8s.aliyun.com/resource-policy-wait-for-ecs-scaling': 'true' },
      podAnnotations: { 'example.com/note': 'placed on ECS' },
    }]);
    expect(spec).toMatchSnapshot();
  });

  test('eci unit', () => {
    expect(specOf({ units: [ResourcePolicyUnit.eci({ max: 0, maxResources: { cpu: Cpu.millis(1500) } })] })).toMatchSnapshot();
  });

  test('acs unit', () => {
    expect(specOf({ units: [ResourcePolicyUnit.acs({ podAnnotations: { 'alibabacloud.com/compute-class': 'general-purpose' } })] })).toMatchSnapshot();
  });

  test('elastic unit is accepted with one deprecation warning at synth', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const chart = Testing.chart();
      new ResourcePolicyUnits(chart, 'policy', { units: [ResourcePolicyUnit.ecs({ max: 1 }), ResourcePolicyUnit.elastic({ max: 4 })] });
      expect(warn).not.toHaveBeenCalled();
      const manifests = Testing.synth(chart);
      Testing.synth(chart);
      expectValidManifests(manifests);
      expect(manifests[0].spec).toMatchSnapshot();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toBe('[test/policy] warning: units[1]: resource "elastic" is deprecated by ACK; '
        + 'use ResourcePolicyUnit.ecs({ waitForEcsScaling: true }) with an auto-scaling node pool');
    } finally {
      warn.mockRestore();
    }
  });

  test('waitForEcsScaling accepts the same label given by hand', () => {
    const unit = ResourcePolicyUnit.ecs({ waitForEcsScaling: true, podLabels: { [ResourcePolicyUnit.WAIT_FOR_ECS_SCALING_LABEL]: 'true' } });
    expect(unit.podLabels).toEqual({ 'k8s.aliyun.com/resource-policy-wait-for-ecs-scaling': 'true' });
  });

  test('leaves empty maps out', () => {
    const spec = specOf({ units: [ResourcePolicyUnit.eci({ nodeSelector: {}, podLabels: {}, podAnnotations: {} })] });
    expect(spec.units).toEqual([{ resource: 'eci' }]);
  });

  test('getters return copies', () => {
    const unit = ResourcePolicyUnit.ecs({ nodeSelector: { a: 'b' }, podLabels: { c: 'd' }, podAnnotations: { e: 'f' }, maxResources: { memory: Size.gibibytes(1) } });
    unit.nodeSelector.x = 'y';
    unit.podLabels.x = 'y';
    unit.podAnnotations.x = 'y';
    unit.maxResources!.x = 'y';
    expect(unit.nodeSelector).toEqual({ a: 'b' });
    expect(unit.podLabels).toEqual({ c: 'd' });
    expect(unit.podAnnotations).toEqual({ e: 'f' });
    expect(unit.maxResources).toEqual({ memory: '1Gi' });
    expect(ResourcePolicyUnit.eci().maxResources).toBeUndefined();

    const policy = seedPolicy();
    policy.units.pop();
    expect(policy.units).toHaveLength(2);
    policy.matchLabelKeys.pop();
    expect(policy.matchLabelKeys).toEqual(['sparkoperator.k8s.io/submission-id']);
    expect(policy.maxPods).toBe(5);
  });
});

describe('whenTryNextUnits', () => {
  const cases: Array<[string, WhenTryNextUnits, any]> = [
    ['lackResourceOrExceedMax', WhenTryNextUnits.lackResourceOrExceedMax(), { policy: 'LackResourceOrExceedMax' }],
    ['exceedMax', WhenTryNextUnits.exceedMax(), { policy: 'ExceedMax' }],
    ['timeoutOrExceedMax()', WhenTryNextUnits.timeoutOrExceedMax(), { policy: 'TimeoutOrExceedMax' }],
    ['timeoutOrExceedMax(15 minutes)', WhenTryNextUnits.timeoutOrExceedMax(Duration.minutes(15)), { policy: 'TimeoutOrExceedMax', timeout: '15m' }],
    ['lackResourceAndNoTerminating', WhenTryNextUnits.lackResourceAndNoTerminating(), { policy: 'LackResourceAndNoTerminating' }],
  ];
  test.each(cases)('%s', (_name, when, expected) => {
    const spec = specOf({ whenTryNextUnits: when, units: [ResourcePolicyUnit.ecs({ max: 2 }), ResourcePolicyUnit.eci()] });
    expect(spec.whenTryNextUnits).toEqual(expected);
    expect(spec).toMatchSnapshot();
  });

  test.each([
    ['seconds(90)', Duration.seconds(90), '90s'],
    ['minutes(15)', Duration.minutes(15), '15m'],
    ['minutes(90)', Duration.minutes(90), '90m'],
    ['hours(1.5)', Duration.hours(1.5), '1h30m'],
    ['hours(2)', Duration.hours(2), '2h'],
    ['days(1)', Duration.days(1), '24h'],
    ['millis(1500)', Duration.millis(1500), '1s500ms'],
    ['parse("PT1H30M")', Duration.parse('PT1H30M'), '1h30m'],
    ['seconds(0.25)', Duration.seconds(0.25), '250ms'],
  ])('renders Duration.%s as the Go duration %s', (_name, duration, expected) => {
    expect(WhenTryNextUnits.timeoutOrExceedMax(duration).timeout).toBe(expected);
  });

  test('refuses a zero or sub-millisecond timeout', () => {
    expect(() => WhenTryNextUnits.timeoutOrExceedMax(Duration.seconds(0)))
      .toThrow('whenTryNextUnits.timeout must be a positive whole number of milliseconds (got "0 ms")');
    expect(() => WhenTryNextUnits.timeoutOrExceedMax(Duration.millis(0.5))).toThrow(SparkEciValidationError);
  });
});

describe('selectors', () => {
  test('allSparkPods() groups by submission when a unit has a max', () => {
    const spec = specOf({ selector: SparkPodSelector.allSparkPods(), units: [ResourcePolicyUnit.ecs({ max: 2 })] });
    expect(spec.selector).toEqual({ 'sparkoperator.k8s.io/launched-by-spark-operator': 'true' });
    expect(spec.matchLabelKeys).toEqual(['sparkoperator.k8s.io/submission-id']);
    expect(spec).toMatchSnapshot();
  });

  test('allSparkPods() is the default and leaves matchLabelKeys out without a max', () => {
    const spec = specOf({ units: [ResourcePolicyUnit.ecs(), ResourcePolicyUnit.eci()] });
    expect(spec).toEqual({
      selector: { 'sparkoperator.k8s.io/launched-by-spark-operator': 'true' },
      strategy: 'prefer',
      units: [{ resource: 'ecs' }, { resource: 'eci' }],
    });
  });

  test('job(name) selects one application', () => {
    const spec = specOf({ selector: SparkPodSelector.job('spark-pi'), units: [ResourcePolicyUnit.ecs({ max: 1 }), ResourcePolicyUnit.eci()] });
    expect(spec.selector).toEqual({ 'sparkoperator.k8s.io/app-name': 'spark-pi' });
    expect(spec.matchLabelKeys).toBeUndefined();
    expect(spec).toMatchSnapshot();
  });

  test('custom() with grouping keys, plus more keys from the policy', () => {
    const spec = specOf({
      selector: SparkPodSelector.custom({ 'team': 'data', 'spark-role': 'executor' }, ['sparkoperator.k8s.io/app-name']),
      matchLabelKeys: ['sparkoperator.k8s.io/submission-id'],
      units: [ResourcePolicyUnit.eci({ max: 10 })],
    });
    expect(spec.matchLabelKeys).toEqual(['sparkoperator.k8s.io/app-name', 'sparkoperator.k8s.io/submission-id']);
    expect(spec).toMatchSnapshot();
  });

  test('custom({}) selects every pod of the namespace and writes no selector', () => {
    const spec = specOf({ selector: SparkPodSelector.custom({}), units: [ResourcePolicyUnit.eci()] });
    expect(spec.selector).toBeUndefined();
    expect(seedPolicy(Testing.chart(), { selector: SparkPodSelector.custom({}) }).plan(new FakeJob(1)).unmanaged).toEqual([]);
  });

  test('matches() compares labels', () => {
    const selector = SparkPodSelector.job('spark-pi');
    expect(selector.matches({ 'sparkoperator.k8s.io/app-name': 'spark-pi', 'other': 'x' })).toBe(true);
    expect(selector.matches({ 'sparkoperator.k8s.io/app-name': 'etl' })).toBe(false);
    selector.labels.x = 'y';
    expect(selector.labels).toEqual({ 'sparkoperator.k8s.io/app-name': 'spark-pi' });
    expect(SparkPodSelector.allSparkPods().matchLabelKeys).toEqual(['sparkoperator.k8s.io/submission-id']);
  });
});

describe('policy fields', () => {
  test('every policy field at once', () => {
    const spec = specOf({
      metadata: { name: 'all-fields', namespace: 'spark', labels: { app: 'spark' } },
      selector: SparkPodSelector.allSparkPods(),
      strategy: ResourcePolicyStrategy.PREFER,
      preemptPolicy: PreemptPolicy.BEFORE_NEXT_UNIT,
      whenTryNextUnits: WhenTryNextUnits.timeoutOrExceedMax(Duration.minutes(5)),
      ignorePreviousPod: false,
      ignoreTerminatingPod: true,
      matchLabelKeys: ['team'],
      schedulerVersion: 'v6.9.5',
      units: [
        ResourcePolicyUnit.ecs({ max: 2, waitForEcsScaling: true }),
        ResourcePolicyUnit.eci({ max: 8, maxResources: { memory: Size.gibibytes(64) } }),
        ResourcePolicyUnit.acs(),
      ],
    });
    expect(spec).toMatchSnapshot();
  });

  test('generates a name and takes the chart namespace', () => {
    const chart = new Chart(Testing.app(), 'jobs', { namespace: 'spark' });
    const policy = new ResourcePolicyUnits(chart, 'policy', { units: [ResourcePolicyUnit.eci()] });
    const [manifest] = Testing.synth(chart);
    expect(manifest.metadata).toEqual({ name: policy.name, namespace: 'spark' });
    expect(policy.name).toMatch(/^jobs-policy-/);
    expect(policy.namespace).toBe('spark');
  });
});

describe('scheduler version gate', () => {
  const gated: Array<[string, () => ResourcePolicyUnitsProps, string]> = [
    ['max', () => ({ units: [ResourcePolicyUnit.ecs({ max: 1 })] }), 'units[0].max needs kube-scheduler 5.0 or later, but schedulerVersion is 4.9.0 (got 1)'],
    ['preemptPolicy', () => ({ preemptPolicy: PreemptPolicy.BEFORE_NEXT_UNIT }), 'preemptPolicy needs kube-scheduler 6.1 or later'],
    ['ignorePreviousPod', () => ({ ignorePreviousPod: true }), 'ignorePreviousPod needs kube-scheduler 6.1 or later'],
    ['ignoreTerminatingPod', () => ({ ignoreTerminatingPod: false }), 'ignoreTerminatingPod needs kube-scheduler 6.1 or later'],
    ['matchLabelKeys', () => ({ matchLabelKeys: ['team'] }), 'matchLabelKeys needs kube-scheduler 6.2 or later'],
    ['whenTryNextUnits', () => ({ whenTryNextUnits: WhenTryNextUnits.exceedMax() }), 'whenTryNextUnits needs kube-scheduler 6.4 or later'],
    ['elastic', () => ({ units: [ResourcePolicyUnit.elastic()] }), 'units[0].resource needs kube-scheduler 6.4.3 or later'],
    ['acs', () => ({ units: [ResourcePolicyUnit.eci(), ResourcePolicyUnit.acs()] }), 'units[1].resource needs kube-scheduler 6.7.1 or later'],
    ['maxResources', () => ({ units: [ResourcePolicyUnit.eci({ maxResources: { cpu: Cpu.units(8) } })] }), 'units[0].maxResources needs kube-scheduler 6.9.5 or later'],
  ];

  test.each(gated)('refuses %s on an older scheduler', (_field, props, message) => {
    expect(() => new ResourcePolicyUnits(Testing.chart(), 'p', { ...props(), schedulerVersion: '4.9' })).toThrow(message);
  });

  test('names the version just below each minimum', () => {
    expect(() => new ResourcePolicyUnits(Testing.chart(), 'p', { units: [ResourcePolicyUnit.acs()], schedulerVersion: 'v6.7.0' }))
      .toThrow('units[0].resource needs kube-scheduler 6.7.1 or later, but schedulerVersion is 6.7.0 (got "acs")');
    expect(() => new ResourcePolicyUnits(Testing.chart(), 'p', { units: [ResourcePolicyUnit.acs()], schedulerVersion: 'v6.7.1' })).not.toThrow();
  });

  test('checks units added later', () => {
    const policy = new ResourcePolicyUnits(Testing.chart(), 'p', { schedulerVersion: '6.4.3', units: [ResourcePolicyUnit.eci()] });
    expect(() => policy.addUnit(ResourcePolicyUnit.acs())).toThrow('units[1].resource needs kube-scheduler 6.7.1 or later, but schedulerVersion is 6.4.3');
  });

  test('refuses a second acs unit below kube-scheduler 6.8.3, naming both units and the version', () => {
    const units = () => [ResourcePolicyUnit.acs({ max: 2 }), ResourcePolicyUnit.eci(), ResourcePolicyUnit.acs()];
    expect(() => new ResourcePolicyUnits(Testing.chart(), 'p', { units: units(), schedulerVersion: '6.8.2' }))
      .toThrow('units[2].resource cannot be a second acs unit (units[0] is one) below kube-scheduler 6.8.3, but schedulerVersion is 6.8.2: merge them into one acs unit (got "acs")');
    expect(() => new ResourcePolicyUnits(Testing.chart(), 'p', { units: units(), schedulerVersion: '6.8.3' })).not.toThrow();
    // without a known version nothing is refused; one acs unit is fine from 6.7.1
    expect(() => new ResourcePolicyUnits(Testing.chart(), 'p', { units: units() })).not.toThrow();
    expect(() => new ResourcePolicyUnits(Testing.chart(), 'p', { units: [ResourcePolicyUnit.acs()], schedulerVersion: '6.7.1' })).not.toThrow();
  });

  test('refuses a second acs unit added later, with the cluster profile\'s version', () => {
    const app = Testing.app();
    SparkClusterProfile.upstream('2.5.2', { kubeSchedulerVersion: '6.7.1' }).attachTo(app);
    const chart = new Chart(app, 'test', { namespace: 'default' });
    const policy = new ResourcePolicyUnits(chart, 'p', { units: [ResourcePolicyUnit.acs()] });
    expect(() => policy.addUnit(ResourcePolicyUnit.acs()))
      .toThrow("units[1].resource cannot be a second acs unit (units[0] is one) below kube-scheduler 6.8.3, but the cluster profile's kubeSchedulerVersion is 6.7.1");
  });

  test('reads the ACK component version', () => {
    const props = { units: [ResourcePolicyUnit.ecs({ max: 2 })], whenTryNextUnits: WhenTryNextUnits.exceedMax() };
    expect(() => new ResourcePolicyUnits(Testing.chart(), 'p', { ...props, schedulerVersion: 'v1.28.3-aliyun-6.4.3.e8a4c58b' })).not.toThrow();
    expect(() => new ResourcePolicyUnits(Testing.chart(), 'p', { ...props, schedulerVersion: 'v1.28.3-aliyun-6.2.0.e8a4c58b' }))
      .toThrow('whenTryNextUnits needs kube-scheduler 6.4 or later, but schedulerVersion is 6.2.0 (got "ExceedMax")');
  });

  test('checks the grouping that allSparkPods() adds once a unit has a max', () => {
    const chart = Testing.chart();
    new ResourcePolicyUnits(chart, 'p', { schedulerVersion: '6.1', units: [ResourcePolicyUnit.ecs({ max: 2 })] });
    expect(() => Testing.synth(chart)).toThrow('matchLabelKeys needs kube-scheduler 6.2 or later, but schedulerVersion is 6.1.0 '
      + '(use SparkPodSelector.custom() to select without grouping) (got ["sparkoperator.k8s.io/submission-id"])');
  });

  test('accepts the seed on scheduler 6.2', () => {
    expect(() => Testing.synth(seedPolicy(Testing.chart(), { schedulerVersion: '6.2' }).node.scope as Chart)).not.toThrow();
  });

  test('refuses a version it cannot read', () => {
    expect(() => seedPolicy(Testing.chart(), { schedulerVersion: 'latest' }))
      .toThrow('schedulerVersion must be a kube-scheduler version such as `6.4.3`, `v6.4.3` or `v1.28.3-aliyun-6.4.3.e8a4c58b` (got "latest")');
  });
});

describe('refused input', () => {
  test.each([
    ['negative max', () => ResourcePolicyUnit.ecs({ max: -1 }), 'ResourcePolicyUnit.ecs() options.max must be an integer >= 0 (got -1)'],
    ['fractional max', () => ResourcePolicyUnit.eci({ max: 1.5 }), 'ResourcePolicyUnit.eci() options.max must be an integer >= 0 (got 1.5)'],
    ['bad nodeSelector key', () => ResourcePolicyUnit.ecs({ nodeSelector: { 'bad key': 'x' } }), 'ResourcePolicyUnit.ecs() options.nodeSelector key must be a Kubernetes label key'],
    ['bad nodeSelector value', () => ResourcePolicyUnit.ecs({ nodeSelector: { arch: 'amd 64' } }), 'ResourcePolicyUnit.ecs() options.nodeSelector["arch"] must be a Kubernetes label value'],
    ['label key with two slashes', () => ResourcePolicyUnit.eci({ podLabels: { 'a/b/c': 'x' } }), 'ResourcePolicyUnit.eci() options.podLabels key must be a Kubernetes label key'],
    ['label key with an upper-case prefix', () => ResourcePolicyUnit.eci({ podLabels: { 'Example.com/a': 'x' } }), '(got "Example.com/a")'],
    ['label value over 63 characters', () => ResourcePolicyUnit.eci({ podLabels: { a: 'x'.repeat(64) } }), 'ResourcePolicyUnit.eci() options.podLabels["a"] must be a Kubernetes label value'],
    ['bad annotation key', () => ResourcePolicyUnit.acs({ podAnnotations: { '-a': 'x' } }), 'ResourcePolicyUnit.acs() options.podAnnotations key must be a Kubernetes annotation key'],
    ['the ECI label', () => ResourcePolicyUnit.eci({ podLabels: { 'alibabacloud.com/eci': 'true' } }),
      'ResourcePolicyUnit.eci() options.podLabels["alibabacloud.com/eci"] must not be set: the label forces ECI and overrides the ResourcePolicy; use an eci unit (got "true")'],
    ['a conflicting wait label', () => ResourcePolicyUnit.ecs({ waitForEcsScaling: true, podLabels: { 'k8s.aliyun.com/resource-policy-wait-for-ecs-scaling': 'false' } }),
      'ResourcePolicyUnit.ecs() options.podLabels["k8s.aliyun.com/resource-policy-wait-for-ecs-scaling"] must be "true" or absent with waitForEcsScaling: true (got "false")'],
    ['empty maxResources', () => ResourcePolicyUnit.eci({ maxResources: {} }), 'ResourcePolicyUnit.eci() options.maxResources must cap at least one resource'],
    ['a bad quantity', () => ResourcePolicyUnit.eci({ maxResources: { custom: { 'nvidia.com/gpu': 'two' } } }),
      'ResourcePolicyUnit.eci() options.maxResources.custom["nvidia.com/gpu"] must be a non-negative Kubernetes quantity of at most 2^63-1 (9223372036854775807) such as `2`, `500m` or `40Gi` (got "two")'],
    ['a negative CPU', () => ResourcePolicyUnit.eci({ maxResources: { cpu: Cpu.units(-1) } }), 'ResourcePolicyUnit.eci() options.maxResources.cpu must be a non-negative Kubernetes quantity'],
    ['a repeated resource', () => ResourcePolicyUnit.eci({ maxResources: { cpu: Cpu.units(1), custom: { cpu: '2' } } }),
      'ResourcePolicyUnit.eci() options.maxResources.custom must not repeat a resource set by its own prop (cpu, memory, ephemeral-storage) (got "cpu")'],
    ['a fractional KiB', () => ResourcePolicyUnit.eci({ maxResources: { memory: Size.kibibytes(0.5) } }), 'ResourcePolicyUnit.eci() options.maxResources.memory must be a whole, non-negative number of KiB (got "0.5 KiB")'],
    ['an empty job name', () => SparkPodSelector.job(''), 'SparkPodSelector.job name must not be empty'],
    ['a job name that is no label value', () => SparkPodSelector.job('spark pi'), 'SparkPodSelector.job name must be a Kubernetes label value'],
    ['a bad selector key', () => SparkPodSelector.custom({ 'a b': 'c' }), 'SparkPodSelector.custom labels key must be a Kubernetes label key'],
    ['a repeated selector grouping key', () => SparkPodSelector.custom({}, ['team', 'team']), 'SparkPodSelector.custom matchLabelKeys must not name a key twice (got "team")'],
  ])('refuses %s', (_name, make, message) => {
    expect(make).toThrow(SparkEciValidationError);
    expect(make).toThrow(message);
  });

  test.each([
    ['empty units', { units: [] }, 'units must list at least one unit (or be left out and filled with addUnit()) (got [])'],
    ['duplicate matchLabelKeys', { matchLabelKeys: ['team', 'team'] }, 'matchLabelKeys must not name a key twice (got "team")'],
    ['a matchLabelKey the selector has', { matchLabelKeys: ['sparkoperator.k8s.io/submission-id'] },
      'matchLabelKeys must not repeat a key the selector already groups by (got "sparkoperator.k8s.io/submission-id")'],
    ['a bad matchLabelKey', { matchLabelKeys: ['team/'] }, 'matchLabelKeys must be a Kubernetes label key'],
  ] as Array<[string, ResourcePolicyUnitsProps, string]>)('refuses %s', (_name, props, message) => {
    expect(() => seedPolicy(Testing.chart(), props)).toThrow(SparkEciValidationError);
    expect(() => seedPolicy(Testing.chart(), props)).toThrow(message);
  });

  test.each([
    ['ignorePreviousPod', { ignorePreviousPod: true }, 'ignorePreviousPod only applies to max counts: set max on at least one unit, or leave it out (got true)'],
    ['ignoreTerminatingPod', { ignoreTerminatingPod: false }, 'ignoreTerminatingPod only applies to max counts: set max on at least one unit, or leave it out (got false)'],
    ['matchLabelKeys', { matchLabelKeys: ['team'] }, 'matchLabelKeys only applies to max counts: set max on at least one unit, or leave it out (got ["team"])'],
    ['grouping keys of a custom selector', { selector: SparkPodSelector.custom({}, ['team']) }, 'matchLabelKeys only applies to max counts'],
  ] as Array<[string, ResourcePolicyUnitsProps, string]>)('refuses %s without a unit max, at synth', (_name, props, message) => {
    const chart = Testing.chart();
    new ResourcePolicyUnits(chart, 'p', { ...props, units: [ResourcePolicyUnit.ecs(), ResourcePolicyUnit.eci()] });
    expect(() => Testing.synth(chart)).toThrow(`[test/p] ${message}`);
  });

  test('accepts those fields once a unit added later has a max', () => {
    const chart = Testing.chart();
    const policy = new ResourcePolicyUnits(chart, 'p', { ignorePreviousPod: true, units: [ResourcePolicyUnit.ecs()] });
    policy.addUnit(ResourcePolicyUnit.eci({ max: 3 }));
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('refuses a policy with no units at synth', () => {
    const chart = Testing.chart();
    new ResourcePolicyUnits(chart, 'p');
    expect(() => Testing.synth(chart)).toThrow('[test/p] spec.units must list at least one unit (got [])');
  });

  test('the capacity check stays quiet about a policy with no units', () => {
    const chart = Testing.chart();
    new ResourcePolicyUnits(chart, 'p').checkCapacity(new FakeJob(1));
    expect(() => Testing.synth(chart)).toThrow(/^Validation failed with the following errors:\n {2}\[test\/p\] spec.units must list at least one unit[^\n]*$/);
  });
});
