/**
 * Issue 27's "Why", one test per bullet, each with the answer from the cited source, asked through
 * every front end (synthesis, the synth-time plan, `plan --json`, the validation plugin and the
 * testing kit), which must agree.
 */
import { Chart, Size, Testing } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-28';
import {
  CostModel, EciPlacement, EciSpot, ElasticQuotaTree, ImageCache, JobQueue, PendingPods, ResourcePolicyUnit, ResourcePolicyUnits,
  SparkApplicationType, SparkClusterProfile, SparkJob, SparkJobProps, SparkPlacement, SparkTesting,
} from '../src';
import { askEveryFrontEnd, expectOneAnswer } from './support/front-ends';
import { synthError } from './support/plan';

const IMAGE = 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2';
const NAME = 'pod-group.scheduling.sigs.k8s.io/name';
const MIN = 'pod-group.scheduling.sigs.k8s.io/min-available';
const PRICES = new CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.02 });

/** The seed's SparkPi: 1 core, 512m driver; 2-core, 4g executors. */
const sparkPi: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: IMAGE,
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  metadata: { name: 'spark-pi' },
  driver: { cores: 1, memory: Size.mebibytes(512) },
  executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
};

function chart(namespace = 'default'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

/** The seed's ResourcePolicy (ecs max 2, then eci max 3) over a job's pods. */
function seedPolicy(c: Chart, job: SparkJob): void {
  new ResourcePolicyUnits(c, 'Policy', { units: [ResourcePolicyUnit.ecs({ max: 2 }), ResourcePolicyUnit.eci({ max: 3 })] })
    .addJob(job, { pendingPods: PendingPods.ALLOW });
}

/**
 * A tree with one leaf per namespace, each with a cpu min and max (and 64 GiB of memory guaranteed, so that
 * cpu decides), under a root with a cpu max.
 */
function quotaTree(c: Chart, rootMax: number, leaves: Array<{ namespace: string; min: number; max: number }>): void {
  new ElasticQuotaTree(new Chart(c.node.root as any, 'cluster'), 'Quota', {
    root: {
      name: 'root',
      max: { cpu: Cpu.units(rootMax) },
      children: leaves.map(l => ({
        name: l.namespace,
        namespaces: [l.namespace],
        min: { cpu: Cpu.units(l.min), memory: Size.gibibytes(64) },
        max: { cpu: Cpu.units(l.max), memory: Size.gibibytes(64) },
      })),
    },
  });
}

describe('gangs that can assemble (DOMAIN.md §7; ACK "Work with gang scheduling"; scheduler-plugins KEP-2 coscheduling at v0.18.9)', () => {
  // spark-submit creates only the driver; the running driver creates the executors; PreFilter rejects a pod while its group has
  // fewer pods than min-available ("less than pgMinAvailable"). A group that holds the driver and counts its executors never starts.
  test('the old default gang (1 + executors on the driver and the executors) deadlocks: every pod is Pending, in every count', async () => {
    const c = chart();
    const labels = { [NAME]: 'spark-pi', [MIN]: '3' };
    new SparkJob(c, 'Job', { ...sparkPi, driver: { ...sparkPi.driver, labels }, executor: { ...sparkPi.executor, labels } });
    const report = expectOneAnswer(await askEveryFrontEnd(c));
    const job = report.jobs[0];
    expect(job.gang).toMatchObject({ members: ['driver', 'executor'], minAvailable: 3, pods: 1, placeable: 1, reachable: false, cause: 'DRIVER_IN_GANG' });
    expect(job.pending.map(p => [p.pods, p.reason.code])).toEqual([['driver', 'GANG'], ['executor-1, executor-2', 'GANG']]);
    // Errors: the driver's and the executors' Pending runs (GANG), and GANG_UNREACHABLE that says why.
    expect(report.totals).toMatchObject({ pods: 3, pendingPods: 3, errors: 3, eciPods: { atLeast: 0, atMost: 0 } });
    expect(job.problems.map(p => p.code)).toEqual(['GANG_UNREACHABLE']);
    expect(synthError(c)).toContain('driver.labels must not put the driver in a gang with min-available above 1');
  });

  test('gang: {} now writes a group of the executors only, which assembles', async () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...sparkPi, gang: {} });
    const report = expectOneAnswer(await askEveryFrontEnd(c));
    const [manifest] = Testing.synth(c);
    expect([manifest.spec.driver.labels, manifest.spec.executor.labels]).toEqual([undefined, { [NAME]: 'spark-pi', [MIN]: '2' }]);
    expect(report.jobs[0].gang).toMatchObject({ members: ['executor'], minAvailable: 2, pods: 2, placeable: 2, reachable: true, cause: null });
    expect(report.totals.pendingPods).toBe(0);
  });

  // The seed's policy places 5 of its 6 pods: ECS 2 (driver, executor-1), ECI 3, executor-5 Pending. A gang of all 6 never forms.
  test('an unreachable gang counts none of its pods as placed: all 6 Pending, no ECS or ECI pod, no cost', async () => {
    const c = chart();
    const labels = { [NAME]: 'spark-pi', [MIN]: '6' };
    const job = new SparkJob(c, 'Job', {
      ...sparkPi,
      driver: { ...sparkPi.driver, labels },
      executor: { ...sparkPi.executor, instances: 5, labels },
      unschedulablePods: PendingPods.ALLOW,
    });
    seedPolicy(c, job);
    const report = expectOneAnswer(await askEveryFrontEnd(c, PRICES));
    const planned = report.jobs[0];
    expect(planned.gang).toMatchObject({ reachable: false, cause: 'DRIVER_IN_GANG' });
    expect(planned.roles.map(r => [r.pendingPods, r.placed, r.eciPods])).toEqual([
      [1, [], { atLeast: 0, atMost: 0 }],
      [5, [], { atLeast: 0, atMost: 0 }],
    ]);
    expect(planned.resourcePolicy?.units.map(u => u.pods)).toEqual([0, 0]);
    expect(report.totals).toMatchObject({ pods: 6, pendingPods: 6, eciPods: { atLeast: 0, atMost: 0 }, eciCostPerHour: { atLeast: 0, atMost: 0 } });
    expect(() => SparkTesting.assertNoPendingPods(c)).toThrow('6 of the 6 pods of 1 job stay Pending');
  });

  test('the executors-only gang under the seed\'s policy: 4 of 5 executors placeable, so none of them starts; the driver runs', async () => {
    const c = chart();
    const job = new SparkJob(c, 'Job', { ...sparkPi, executor: { ...sparkPi.executor, instances: 5 }, gang: {} });
    seedPolicy(c, job);
    const report = expectOneAnswer(await askEveryFrontEnd(c));
    expect(report.jobs[0].gang).toMatchObject({ members: ['executor'], minAvailable: 5, pods: 5, placeable: 4, reachable: false, cause: 'TOO_FEW_PLACEABLE' });
    expect(report.jobs[0].roles.map(r => [r.placementText, r.pendingPods])).toEqual([['ResourcePolicy: ecs 1', 0], ['ResourcePolicy: Pending 5', 5]]);
    expect(synthError(c)).toContain('Set gang.minAvailable to at most 4, or give the Pending pods room.');
  });
});

describe('quota as ACK admits it (DOMAIN.md §7; ACK "Work with capacity scheduling": "A pod is scheduled if its requested resources, '
  + 'added to the node\'s current usage, stay within max")', () => {
  test('over a leaf\'s max, the pods beyond it are Pending (QUOTA): 5 cpu asked of a 4 cpu max holds executor-2 back', async () => {
    const c = chart('spark');
    new SparkJob(c, 'Job', sparkPi);
    quotaTree(c, 64, [{ namespace: 'spark', min: 2, max: 4 }]);
    const report = expectOneAnswer(await askEveryFrontEnd(c));
    const job = report.jobs[0];
    expect(job.pending.map(p => [p.pods, p.reason.code, p.reason.quota?.node, p.reason.quota?.used, p.reason.quota?.request]))
      .toEqual([['executor-2', 'QUOTA', 'root.children[0]', 3000, 2000]]);
    expect(job.problems.map(p => [p.code, p.severity])).toEqual([['QUOTA_EXCEEDS_MAX', 'ERROR']]);
    // Errors: the Pending executor-2 (QUOTA) and QUOTA_EXCEEDS_MAX, each the job's pendingPods decides.
    expect(report.totals).toMatchObject({ pendingPods: 1, errors: 2 });
    expect(job.quota).toMatchObject({ exceedsMax: true, pendingPods: 1 });
    expect(() => SparkTesting.assertNoPendingPods(c.node.root)).toThrow('executor: 1 pod Pending (QUOTA)');
  });

  test('two 4-cpu jobs in a 6-cpu leaf: the second job\'s last two executors are Pending, by submission order', async () => {
    const c = chart('spark');
    const four = { ...sparkPi, executor: { instances: 3, cores: 1, memory: Size.gibibytes(1) } }; // 1 + 3 × 1 cpu
    new SparkJob(c, 'A', { ...four, metadata: { name: 'a' } });
    new SparkJob(c, 'B', { ...four, metadata: { name: 'b' } });
    quotaTree(c, 64, [{ namespace: 'spark', min: 6, max: 6 }]);
    const report = expectOneAnswer(await askEveryFrontEnd(c));
    expect(report.jobs.map(j => [j.name, j.pending.map(p => [p.pods, p.reason.code])])).toEqual([
      ['a', []],
      ['b', [['executor-2, executor-3', 'QUOTA']]],
    ]);
    expect(report.totals.pendingPods).toBe(2);
    expect(synthError(c)).toContain('[test/B] SparkApplication spark/b launches 4 pods (1 driver + 3 executors), but executor-2, executor-3:');
  });

  // "when another quota node needs its min resources back, the scheduler selects pods from the borrowing node to evict".
  test('a sibling that claims its min back puts the borrowed pods at risk of eviction, and is itself admitted', async () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'a' });
    const b = new Chart(app, 'b', { namespace: 'b' });
    new SparkJob(a, 'Wide', { ...sparkPi, metadata: { name: 'wide' }, executor: { instances: 7, cores: 1, memory: Size.gibibytes(1) } });
    new SparkJob(b, 'Small', { ...sparkPi, metadata: { name: 'small' }, executor: { instances: 3, cores: 1, memory: Size.gibibytes(1) } });
    quotaTree(a, 8, [{ namespace: 'a', min: 4, max: 8 }, { namespace: 'b', min: 4, max: 8 }]);
    const report = expectOneAnswer(await askEveryFrontEnd(a));
    expect(report.totals.pendingPods).toBe(0);
    const wide = report.jobs.find(j => j.name === 'wide')!;
    expect(wide.quota?.borrowed).toEqual({ cpuMillis: 4000, memoryMebibytes: 0, gpus: 0 });
    expect(wide.problems.map(p => [p.code, p.severity, p.objects.map(o => o.name)])).toEqual([
      ['QUOTA_EVICTION_RISK', 'WARNING', [expect.any(String), 'small']],
    ]);
    expect(wide.problems[0].message).toBe('some of the job\'s pods run on quota borrowed above the min of its ElasticQuotaTree leaf, and the scheduler '
      + 'evicts borrowed pods when another leaf takes its min back, as SparkApplication b/small does later in the same set '
      + '(got cpu 4000 millicores above the min of root.children[0])');
    expect(report.jobs.find(j => j.name === 'small')!.problems).toEqual([]);
  });
});

describe('queues that hold (DOMAIN.md §7: ack-kube-queue "un-suspends a job only once its quota can take the job\'s whole request")', () => {
  test('a job above its leaf\'s max is never released: all its pods Pending (QUEUE), none placed', async () => {
    const c = chart('spark');
    new SparkJob(c, 'Job', { ...sparkPi, queue: JobQueue.ackKubeQueue() });
    quotaTree(c, 64, [{ namespace: 'spark', min: 2, max: 4 }]);
    const report = expectOneAnswer(await askEveryFrontEnd(c));
    const job = report.jobs[0];
    expect(job.queue).toMatchObject({ system: 'SUSPENDED', release: 'NEVER' });
    expect(job.pending.map(p => [p.pods, p.reason.code])).toEqual([['driver', 'QUEUE'], ['executor-1, executor-2', 'QUEUE']]);
    expect(job.roles.map(r => r.placed)).toEqual([[], []]);
  });

  test('a queued job that fits its leaf, but not beside the jobs before it, waits for them: no pod Pending', async () => {
    const c = chart('spark');
    new SparkJob(c, 'First', { ...sparkPi, metadata: { name: 'first' } });
    new SparkJob(c, 'Queued', { ...sparkPi, metadata: { name: 'queued' }, queue: JobQueue.ackKubeQueue() });
    quotaTree(c, 64, [{ namespace: 'spark', min: 5, max: 6 }]);
    const report = expectOneAnswer(await askEveryFrontEnd(c));
    expect(report.jobs.map(j => [j.name, j.queue?.release ?? null, j.pending.length])).toEqual([['first', null, 0], ['queued', 'AFTER_EARLIER_JOBS', 0]]);
  });

  test('without its sparkapp extension, ack-kube-queue never un-suspends a SparkApplication: the profile refuses the queue', () => {
    const c = chart('default');
    const profile = SparkClusterProfile.upstream('2.5.2', { ackKubeQueueSparkApp: false });
    new SparkJob(c, 'Job', { ...sparkPi, queue: JobQueue.ackKubeQueue(), profile });
    expect(synthError(c)).toContain('queue needs ack-kube-queue with its sparkapp extension (v0.4.0+)');
    const c2 = chart('default');
    new SparkJob(c2, 'Job', { ...sparkPi, queue: JobQueue.ackKubeQueue(), profile: profile.withOptions({ ackKubeQueueSparkApp: true }) });
    expect(synthError(c2)).toBe('');
  });

  test('Kueue with dynamic allocation from sparkConf is refused by every front end', async () => {
    const c = chart('spark');
    new SparkJob(c, 'Job', { ...sparkPi, sparkConf: { 'spark.dynamicAllocation.enabled': 'true' }, queue: JobQueue.kueue('batch') });
    const report = expectOneAnswer(await askEveryFrontEnd(c));
    expect(report.jobs[0].problems.map(p => [p.code, p.field])).toEqual([['KUEUE_DYNAMIC_ALLOCATION', 'spec.sparkConf["spark.dynamicAllocation.enabled"]']]);
  });
});

describe('caches and disks as ECI does (DOMAIN.md §4)', () => {
  // ECI "使用ImageCache加速创建Pod" (doc 141241): eci-auto-imc "默认为true"; the seed's first run: ImageCacheMissed, ImageCacheAutoCreated.
  test('an ECI pod without annotations auto-matches: the first run creates the cache; with an ImageCache in the app, a hit', async () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...sparkPi, placement: SparkPlacement.of(EciPlacement.eciOnly()) });
    const first = expectOneAnswer(await askEveryFrontEnd(c));
    expect(first.jobs[0].coldStart.map(s => s.source)).toEqual(['CACHE_ON_FIRST_RUN', 'CACHE_ON_FIRST_RUN']);
    expect(first.jobs[0].problems.map(p => p.code).filter(code => code !== 'ECI_UNUSED_SHARE')).toEqual(['IMAGE_CACHE_ON_FIRST_RUN']);
    new ImageCache(c, 'Cache', { images: [IMAGE] });
    const cached = expectOneAnswer(await askEveryFrontEnd(c));
    expect(cached.jobs[0].coldStart.map(s => s.source)).toEqual(['CACHE_OBJECT', 'CACHE_OBJECT']);
    SparkTesting.assertImageCacheOnEci(c);
  });

  // ECI "Create a preemptible elastic container instance": 2 vCPU spot sizes are "2, 4, 8, and 16" GiB.
  test('a 2 vCPU / 896 MiB spot executor is created and billed 2-2Gi, and the plan says it was rounded up from 2-1Gi', async () => {
    const c = chart();
    new SparkJob(c, 'Job', {
      ...sparkPi,
      executor: { instances: 2, cores: 2, memory: Size.mebibytes(512) }, // 512 + 384 overhead = 896 MiB
      placement: SparkPlacement.perRole({ executor: EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() } }) }),
    });
    const report = expectOneAnswer(await askEveryFrontEnd(c));
    const executor = report.jobs[0].roles[1];
    expect([executor.request.memoryMebibytes, executor.eci?.billed, executor.eci?.spotRoundedUpFrom]).toEqual([896, '2-2Gi', '2-1Gi']);
    expect(report.jobs[0].notes).toContain('executor: spot pods are created and billed as 2-2Gi, not 2-1Gi: ECI\'s spot sizes start at 2 vCPU with '
      + 'at least as many GiB as vCPUs, and ECI rounds a spot pod up to the next of them');
    SparkTesting.assertBilledSize(c, 'default/spark-pi', 'executor', '2-2Gi');
  });

  // ECI "Scale up the temporary storage space": the free 30 GiB "is shared between the container image and your running workloads".
  test('a 30 GiB scratch with no extra storage warns: the image takes its share of the free 30 GiB', async () => {
    const c = chart();
    new SparkJob(c, 'Job', {
      ...sparkPi,
      volumes: [{ name: 'spark-local-dir-1', emptyDir: { sizeLimit: k8s.Quantity.fromString('30Gi') } }],
      executor: { ...sparkPi.executor, volumeMounts: [{ name: 'spark-local-dir-1', mountPath: '/data' }] },
      placement: SparkPlacement.perRole({ executor: EciPlacement.eciOnly() }),
    });
    const report = expectOneAnswer(await askEveryFrontEnd(c));
    expect(report.jobs[0].roles[1].disk).toMatchObject({
      scratchMebibytes: 30720, eciEphemeralGibibytes: 30, eciImageGibibytes: 2, eciScratchGibibytes: 28,
    });
    expect(report.jobs[0].problems.map(p => p.code)).toContain('SCRATCH_EXCEEDS_ECI_DISK');
  });
});
