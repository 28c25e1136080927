import { ApiObject, Chart, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import {
  EciImageCache, EciPlacement, EciSpot, PendingPods, PlacementTarget, PodPlacement, ResourcePolicyUnit, ResourcePolicyUnits, ResourcePolicyUnitsProps,
  SparkApplicationType, SparkJob, SparkJobProps, SparkPlacement, SparkPodSelector,
} from '../src';
import { expectValidManifests } from './support/crd-schema';
import { ECI_TOLERATION } from './support/jobs';
import { synth } from './support/synth';

const TOLERATION = ECI_TOLERATION;

const sparkPi: SparkJobProps = {
  metadata: { name: 'spark-pi' },
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'spark:3.5.2',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  driver: { cores: 1, coreLimit: Cpu.millis(1200), memory: Size.mebibytes(512) },
  executor: { instances: 5, cores: 1, coreLimit: Cpu.millis(1200), memory: Size.mebibytes(512) },
};

function seedPolicy(chart: Chart, props: Partial<ResourcePolicyUnitsProps> = {}): ResourcePolicyUnits {
  return new ResourcePolicyUnits(chart, 'Policy', {
    ...props,
    metadata: { name: 'sparkapplication-resource-policy' },
    ignorePreviousPod: true,
    ignoreTerminatingPod: false,
    units: [
      ResourcePolicyUnit.ecs({ max: 2, nodeSelector: { 'kubernetes.io/arch': 'amd64' } }),
      ResourcePolicyUnit.eci({ max: 3 }),
    ],
  });
}

function setup(
  props: Partial<SparkJobProps> = {}, policyProps: Partial<ResourcePolicyUnitsProps> = {},
): { chart: Chart; policy: ResourcePolicyUnits; job: SparkJob } {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
  const policy = seedPolicy(chart, policyProps);
  const job = new SparkJob(chart, 'SparkPi', { ...sparkPi, ...props });
  return { chart, policy, job };
}

describe('putting a SparkJob under a ResourcePolicy', () => {
  test('adds the ECI toleration to both roles, as the seed spark-pi does, and never the eci label', () => {
    const { chart, policy, job } = setup();
    policy.addJob(job, { pendingPods: PendingPods.ALLOW });
    const manifests = synth(chart);
    expectValidManifests(manifests);
    expect(manifests).toMatchSnapshot();
    const app = manifests.find(m => m.kind === 'SparkApplication');
    expect(app.spec.driver.tolerations).toEqual([TOLERATION]);
    expect(app.spec.executor.tolerations).toEqual([TOLERATION]);
    expect(app.spec.driver.affinity).toBeUndefined();
    expect(JSON.stringify(app)).not.toContain('alibabacloud.com/eci"');
  });

  test('plans the seed case: driver and executor-1 on ECS, executors 2-4 on ECI, executor-5 Pending', () => {
    const { policy, job } = setup();
    const plan = policy.plan(job);
    const where = Object.fromEntries(plan.pods.map(p => [p.name, p.placement === PodPlacement.PLACED ? p.resource : p.placement]));
    expect(where).toEqual({
      'driver': 'ecs',
      'executor-1': 'ecs',
      'executor-2': 'eci',
      'executor-3': 'eci',
      'executor-4': 'eci',
      'executor-5': PodPlacement.PENDING,
    });
    expect(plan.pending).toEqual(['executor-5']);
    expect(plan.units.map(u => u.count)).toEqual([2, 3]);
    expect(plan.toString()).toMatchSnapshot();
  });

  test('fails synthesis without the opt-in, saying which pod stays Pending', () => {
    const { chart, policy, job } = setup();
    policy.addJob(job);
    expect(() => synth(chart)).toThrow(
      'SparkApplication default/spark-pi launches 6 pods (1 driver + 5 executors) but ResourcePolicy default/sparkapplication-resource-policy places at most 5 (ecs max 2, eci max 3): executor-5 stays Pending.');
  });

  test('passes without the opt-in when every pod fits', () => {
    const { chart, policy, job } = setup({ executor: { instances: 4 } });
    policy.addJob(job);
    expect(() => synth(chart)).not.toThrow();
  });

  test('plans dynamic allocation at its maximum', () => {
    const { chart, policy, job } = setup({ executor: { instances: 2 }, dynamicAllocation: { minExecutors: 1, maxExecutors: 6 } });
    policy.addJob(job);
    expect(() => synth(chart)).toThrow('launches 7 pods (1 driver + 6 executors)');
  });

  test('passes ECI options and the template mechanism through', () => {
    const { chart, policy, job } = setup({ executor: { instances: 3 } });
    policy.addJob(job, { eci: { imageCache: EciImageCache.auto() }, mechanism: PlacementTarget.BOTH });
    const app = synth(chart).find(m => m.kind === 'SparkApplication');
    expect(app.spec.executor.annotations).toEqual({ 'k8s.aliyun.com/eci-image-cache': 'true' });
    expect(app.spec.executor.template.spec.tolerations).toEqual([TOLERATION]);
  });

  test('refuses a job in another namespace', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
    const policy = seedPolicy(chart);
    const job = new SparkJob(chart, 'SparkPi', { ...sparkPi, metadata: { name: 'spark-pi', namespace: 'etl' }, executor: { instances: 1 } });
    policy.addJob(job, { pendingPods: PendingPods.ALLOW });
    expect(() => synth(chart)).toThrow(
      'namespace of job spark-pi must equal the ResourcePolicy\'s namespace "default": a policy only sees pods in its own namespace (got "etl")');
  });

  test('refuses the alibabacloud.com/eci label on a job under a policy', () => {
    const { chart, policy, job } = setup({ executor: { instances: 1 } });
    job.executor.addLabel('alibabacloud.com/eci', 'true');
    policy.addJob(job);
    expect(() => synth(chart)).toThrow('executor.labels must not contain "alibabacloud.com/eci" under a ResourcePolicy');
  });

  test('accepts an ECS-first job: its pods tolerate ECI', () => {
    const { chart, policy, job } = setup({ executor: { instances: 1 }, placement: SparkPlacement.of(EciPlacement.ecsFirst()) });
    policy.addJob(job);
    expect(synth(chart).find(m => m.kind === 'SparkApplication').spec.executor.tolerations).toEqual([TOLERATION]);
  });

  test('keeps a role placed ECS only out of the policy\'s reach (Alibaba\'s split: the driver on ECS)', () => {
    const { policy, job } = setup({ placement: SparkPlacement.recommended() });
    policy.addJob(job);
    const spec = ApiObject.of(job).toJson().spec;
    expect(spec.driver.labels).toBeUndefined();
    expect(spec.executor.labels).toEqual({ 'cdk8s-spark-eci/resource-policy': 'sparkapplication-resource-policy' });
    const plan = policy.plan(job);
    expect(plan.unmanaged).toEqual(['driver']);
    expect(plan.placementOf('executor-1')).toMatchObject({ placement: 'PLACED', unitIndex: 0 });
  });

  test('refuses at synth a job whose roles are all placed ECS only', () => {
    const { chart, policy, job } = setup({ placement: SparkPlacement.of(EciPlacement.ecsOnly()) });
    policy.addJob(job);
    expect(() => synth(chart)).toThrow('test/SparkPi.placement must let some role run on ECI for ResourcePolicy default/sparkapplication-resource-policy '
      + 'to govern it (EciPlacement.resourcePolicy(), ecsFirst() or eciOnly()) (got "driver ECS_ONLY, executor ECS_ONLY")');
  });

  test('refuses at synth an ECS-only role when the policy has its own selector, which would select it', () => {
    const { chart, policy, job } = setup({ placement: SparkPlacement.recommended() }, { selector: SparkPodSelector.allSparkPods() });
    policy.addJob(job);
    expect(() => synth(chart)).toThrow('must not keep the driver on ECS only when the selector of ResourcePolicy default/sparkapplication-resource-policy selects it');
  });

  test('renders nothing at the call: the governed roles are decided when the job renders', () => {
    const { chart, policy, job } = setup({ placement: SparkPlacement.recommended() });
    const renders = jest.spyOn(job, '_render');
    policy.addJob(job);
    expect(renders).not.toHaveBeenCalled();
    Testing.synth(chart); // one synthesis, one render (render once)
    expect(renders).toHaveBeenCalledTimes(1);
    renders.mockRestore();
  });

  test('selects by the job\'s labels at synth, with its own selector: a label given after addJob() counts', () => {
    const team = SparkPodSelector.custom({ team: 'etl' });
    const { chart, policy, job } = setup({ executor: { instances: 1 }, placement: SparkPlacement.of(EciPlacement.ecsFirst()) }, { selector: team });
    policy.addJob(job);
    expect(() => synth(chart)).toThrow('places none of them');
    job.executor.addLabel('team', 'etl');
    expect(() => synth(chart)).not.toThrow();
    expect(policy.plan(job).unmanaged).toEqual(['driver']);
  });

  test('writes its ECI options on the governed roles only, and refuses at synth one the role sets otherwise', () => {
    const eci = { spot: EciSpot.asPriceGo() };
    const { chart, policy, job } = setup({ placement: SparkPlacement.recommended() });
    policy.addJob(job, { eci });
    const spec = ApiObject.of(job).toJson().spec;
    expect(spec.executor.annotations).toMatchObject({ 'k8s.aliyun.com/eci-spot-strategy': 'SpotAsPriceGo' });
    expect(spec.driver.annotations?.['k8s.aliyun.com/eci-spot-strategy']).toBeUndefined();
    job.executor.addAnnotation('k8s.aliyun.com/eci-spot-strategy', 'SpotWithPriceLimit');
    expect(() => synth(chart)).toThrow('addJob() eci (k8s.aliyun.com/eci-spot-strategy) must agree with the executor\'s annotations, '
      + 'which set "SpotWithPriceLimit": set it in one place (got "SpotAsPriceGo")');
  });

  test('accepts an ECS-only driver when the policy\'s own selector selects the executors only (the model reads the rendered labels)', () => {
    const executorsOnly = SparkPodSelector.custom({ 'sparkoperator.k8s.io/launched-by-spark-operator': 'true', 'spark-role': 'executor' });
    const { chart, policy, job } = setup({ placement: SparkPlacement.recommended() }, { selector: executorsOnly });
    policy.addJob(job);
    expect(policy.plan(job).unmanaged).toEqual(['driver']);
    expect(() => synth(chart)).not.toThrow();
  });

  test('accepts a job already placed with EciPlacement.resourcePolicy()', () => {
    const { chart, policy, job } = setup({ executor: { instances: 1 }, placement: SparkPlacement.of(EciPlacement.resourcePolicy()) });
    policy.addJob(job);
    expect(synth(chart)).toHaveLength(2);
  });
});
