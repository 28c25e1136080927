import { Chart, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import {
  EciImageCache, EciPlacement, PendingPods, PlacementTarget, PodPlacement, ResourcePolicyUnit, ResourcePolicyUnits, SparkApplicationType,
  SparkJob, SparkJobProps, SparkPlacement,
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

function seedPolicy(chart: Chart): ResourcePolicyUnits {
  return new ResourcePolicyUnits(chart, 'Policy', {
    metadata: { name: 'sparkapplication-resource-policy' },
    ignorePreviousPod: true,
    ignoreTerminatingPod: false,
    units: [
      ResourcePolicyUnit.ecs({ max: 2, nodeSelector: { 'kubernetes.io/arch': 'amd64' } }),
      ResourcePolicyUnit.eci({ max: 3 }),
    ],
  });
}

function setup(props: Partial<SparkJobProps> = {}): { chart: Chart; policy: ResourcePolicyUnits; job: SparkJob } {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
  const policy = seedPolicy(chart);
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

  test('refuses a job with a role placed ECS only', () => {
    const { policy, job } = setup({ placement: SparkPlacement.recommended() });
    expect(() => policy.addJob(job)).toThrow(
      'test/SparkPi.placement must let both roles run on ECI under a ResourcePolicy (EciPlacement.resourcePolicy(), ecsFirst() or eciOnly(), or no placement) (got "driver ECS_ONLY, executor ECS_FIRST")');
  });

  test('accepts a job already placed with EciPlacement.resourcePolicy()', () => {
    const { chart, policy, job } = setup({ executor: { instances: 1 }, placement: SparkPlacement.of(EciPlacement.resourcePolicy()) });
    policy.addJob(job);
    expect(synth(chart)).toHaveLength(2);
  });
});
