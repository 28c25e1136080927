/**
 * Gang scheduling: the labels the `gang` prop writes, and whether the one planner can place
 * `min-available` pods together, asked at synth and by `plan` over the same YAML.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import {
  ConcurrencyPolicy, EciPlacement, ResourcePolicyUnit, ResourcePolicyUnits, ScheduledSparkJob, SparkApplicationType, SparkJob,
  SparkJobProps, SparkPlacement, SparkTesting,
} from '../src';
import { expectValidManifests } from './support/crd-schema';
import { planOfYaml, synthError } from './support/plan';
import { synth } from './support/synth';
import { renderTable } from '../src/cli/render';
import { planManifests } from '../src/model/plan';
import { ProblemCode } from '../src/model/planner';

const NAME = 'pod-group.scheduling.sigs.k8s.io/name';
const MIN = 'pod-group.scheduling.sigs.k8s.io/min-available';

const base: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  metadata: { name: 'etl' },
  driver: { cores: 1, memory: Size.mebibytes(512) },
  executor: { instances: 5, cores: 1, memory: Size.gibibytes(2) },
};

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'spark' });
}

/** A job whose executors a policy caps at `max` ECI pods. */
function capped(max: number, props: Partial<SparkJobProps> = {}): Chart {
  const c = chart();
  const job = new SparkJob(c, 'Job', {
    ...base,
    placement: SparkPlacement.perRole({ driver: EciPlacement.ecsOnly(), executor: EciPlacement.resourcePolicy() }),
    ...props,
  });
  new ResourcePolicyUnits(c, 'Policy', { units: [ResourcePolicyUnit.eci({ max })] }).addJob(job, { pendingPods: undefined });
  return c;
}

const UNREACHABLE = 'the gang\'s min-available pods must be placeable together, or none of them start (a deadlock, not a delay): '
  + 'lower min-available (pod-group.scheduling.sigs.k8s.io/min-available) to what can be placed, or make room for the Pending pods '
  + '(got group etl, min-available 5, 4 of 5 pods placeable)';

describe('the labels', () => {
  test('the executors carry the group (the job name) and every executor as min-available; the driver stays outside', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...base, gang: {} });
    const [app] = synth(c);
    expect(app.spec.executor.labels).toEqual({ [NAME]: 'etl', [MIN]: '5' });
    expect(app.spec.driver.labels).toBeUndefined();
    expectValidManifests([app]);
    expect(app).toMatchSnapshot();
  });

  test('with dynamic allocation, the initial executors count', () => {
    const c = chart();
    new SparkJob(c, 'Job', {
      ...base,
      executor: { ...base.executor, instances: 2 },
      dynamicAllocation: { minExecutors: 3, initialExecutors: 4, maxExecutors: 10 },
      gang: {},
    });
    expect(synth(c)[0].spec.executor.labels[MIN]).toBe('4');
  });

  test('a group name and a count of the user\'s', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...base, gang: { groupName: 'etl-nightly', minAvailable: 3 } });
    const [app] = synth(c);
    expect([app.spec.driver.labels, app.spec.executor.labels]).toEqual([undefined, { [NAME]: 'etl-nightly', [MIN]: '3' }]);
  });

  test('a gang label the user set too is refused, naming the role; on the driver, it would deadlock the job', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...base, executor: { ...base.executor, labels: { [MIN]: '2' } }, gang: {} });
    expect(synthError(c)).toContain(`executor.labels["${MIN}"] must be left to the gang prop: the gang prop writes it (got "2")`);
    const d = chart();
    new SparkJob(d, 'Job', { ...base, driver: { ...base.driver, labels: { [NAME]: 'etl' } }, gang: {} });
    expect(synthError(d)).toContain(`driver.labels["${NAME}"] must be left to the gang prop: the driver stays outside the gang, `
      + 'which the gang prop writes on the executors (got "etl")');
  });

  test.each<[string, unknown, string]>([
    ['a count of 0', { minAvailable: 0 }, 'gang.minAvailable must be an integer from 1 to 2147483647 (got 0)'],
    ['a fractional count', { minAvailable: 1.5 }, 'gang.minAvailable must be an integer from 1 to 2147483647 (got 1.5)'],
    ['a group name that is not a DNS subdomain', { groupName: 'Etl_Nightly' }, 'gang.groupName must be'],
    ['a group name over 63 characters', { groupName: 'a'.repeat(64) }, 'gang.groupName must be'],
    ['a misspelled key', { minAvaliable: 3 }, 'gang.minAvaliable must be one of the known keys (minAvailable, groupName) (got 3)'],
    ['not an object', 'yes', 'gang must be an object with the keys minAvailable, groupName (got "yes")'],
  ])('%s is refused where it is passed', (_, gang, message) => {
    expect(() => new SparkJob(chart(), 'Job', { ...base, gang: gang as any })).toThrow(message);
  });
});

describe('whether the gang assembles, in the order Spark creates pods', () => {
  test('min-available above what the policy can place fails synthesis with the placeable count', () => {
    expect(synthError(capped(4, { gang: {} }))).toContain(`${UNREACHABLE}. Set gang.minAvailable to at most 4, or give the Pending pods room.`);
  });

  test('plan over the same YAML reports the same, in JSON and in the table: every executor Pending, the driver placed', () => {
    const report = planOfYaml(capped(4, { gang: {} }));
    const job = report.jobs[0];
    expect(job.gang).toEqual({
      group: 'etl',
      minAvailable: 5,
      members: ['executor'],
      pods: 5,
      placeable: 4,
      reachable: false,
      cause: 'TOO_FEW_PLACEABLE',
      message: 'executors only, min-available 5, 4 of 5 pods placeable: never assembles (fewer than 5 of the executors created at start can be placed '
        + 'together); none of the executors start',
    });
    expect(job.problems.filter(p => p.code === ProblemCode.GANG_UNREACHABLE).map(p => [p.severity, p.message])).toEqual([['ERROR', UNREACHABLE]]);
    // The pods the policy could place are held by the gang; executor-5 keeps its own reason.
    expect(job.pending.map(p => [p.pods, p.reason.code])).toEqual([['executor-1 to executor-4', 'GANG'], ['executor-5', 'UNIT_CAPS']]);
    expect(job.roles.map(r => r.eciPods.atMost)).toEqual([0, 0]);
    expect(renderTable(report)).toContain('Gang etl: executors only, min-available 5, 4 of 5 pods placeable: never assembles');
    expect(SparkTesting.planSnapshot(capped(4, { gang: {} }))).toContain('spark/etl gang etl (executor): 4 of 5 needed placeable, never assembles (TOO_FEW_PLACEABLE)\n');
    expect(job.notes).toContain('gang scheduling on ECI virtual nodes: ACK does not document whether its coscheduling gathers pods there; '
      + 'the gang is planned as if it did');
  });

  test('a min-available the policy can place synthesizes, Pending pods aside', () => {
    const c = capped(4, { gang: { minAvailable: 4 }, pendingPods: undefined });
    expect(synthError(c)).not.toContain('min-available');
    expect(planOfYaml(c).jobs[0].gang).toMatchObject({ group: 'etl', minAvailable: 4, pods: 5, placeable: 4, reachable: true, cause: null });
  });

  test('a gang with room for every pod has no finding', () => {
    const c = capped(5, { gang: {} });
    expect(synthError(c)).toBe('');
    expect(planOfYaml(c).jobs[0].gang?.reachable).toBe(true);
  });

  // Spark's ExecutorPodsAllocator creates executors up to the target while earlier ones are Pending; the group never has more.
  test('min-available above the executors the driver creates never assembles: instances, or spark.kubernetes.allocation.maxPendingPods', () => {
    const more = chart();
    new SparkJob(more, 'Job', { ...base, gang: { minAvailable: 6 } });
    expect(synthError(more)).toContain('the gang\'s min-available must be at most the executors the driver creates at start');
    expect(planOfYaml(more).jobs[0].gang).toMatchObject({ pods: 5, reachable: false, cause: 'TOO_FEW_CREATED' });
    const capped3 = chart();
    new SparkJob(capped3, 'Job', { ...base, gang: {}, sparkConf: { 'spark.kubernetes.allocation.maxPendingPods': '3' } });
    expect(planOfYaml(capped3).jobs[0].gang).toMatchObject({ minAvailable: 5, pods: 3, reachable: false, cause: 'TOO_FEW_CREATED' });
  });

  test('with dynamic allocation, the pods requested later do not count towards the group', () => {
    const c = chart();
    new SparkJob(c, 'Job', {
      ...base,
      executor: { ...base.executor, instances: 2 },
      dynamicAllocation: { minExecutors: 2, initialExecutors: 2, maxExecutors: 10 },
      gang: { minAvailable: 3 },
    });
    expect(planOfYaml(c).jobs[0].gang).toMatchObject({ minAvailable: 3, pods: 2, reachable: false, cause: 'TOO_FEW_CREATED' });
  });
});

describe('what ACK needs of a group', () => {
  test('driver and executors in one group at different priorities are refused; the gang prop keeps the driver out, so its priority is free', () => {
    const hand = chart();
    const labels = { [NAME]: 'etl', [MIN]: '1' };
    new SparkJob(hand, 'Job', { ...base, driver: { ...base.driver, priorityClassName: 'high', labels }, executor: { ...base.executor, labels } });
    expect(synthError(hand)).toContain('driver.priorityClassName and executor.priorityClassName must be the same for a gang: '
      + 'ACK schedules a group\'s pods at one priority (got driver high, executor none)');
    const prop = chart();
    new SparkJob(prop, 'Job', { ...base, driver: { ...base.driver, priorityClassName: 'high' }, gang: {} });
    expect(synthError(prop)).toBe('');
  });

  test('two jobs with one group name in a namespace are refused', () => {
    const c = chart();
    new SparkJob(c, 'A', { ...base, metadata: { name: 'a' }, gang: { groupName: 'shared' } });
    new SparkJob(c, 'B', { ...base, metadata: { name: 'b' }, gang: { groupName: 'shared' } });
    expect(synthError(c)).toContain('[test/A] the gang\'s group name must be unique per submission in the namespace: '
      + 'the scheduler would count the pods of SparkApplication spark/b in the same group (got "shared")');
  });

  test('a scheduled job whose runs may overlap is refused; Forbid is fine', () => {
    const scheduled = (concurrencyPolicy?: ConcurrencyPolicy) => {
      const c = chart();
      new ScheduledSparkJob(c, 'Job', { ...base, schedule: '0 3 * * *', concurrencyPolicy, gang: {} });
      return c;
    };
    expect(synthError(scheduled())).toContain('concurrencyPolicy must be Forbid or Replace for a gang: with Allow, overlapping runs share the group '
      + '"etl" and the scheduler counts their pods as one (got Allow)');
    expect(synthError(scheduled(ConcurrencyPolicy.FORBID))).toBe('');
    expect(planOfYaml(scheduled()).jobs[0].problems.map(p => p.message)).toContain('spec.concurrencyPolicy must be Forbid or Replace for a gang: '
      + 'with Allow, overlapping runs share the group "etl" and the scheduler counts their pods as one (got Allow)');
  });

  test('hand-written labels that name two groups: the driver\'s own group of min-available 3 never assembles, and none of the pods start', () => {
    const file = path.join(__dirname, 'fixtures', 'plan', 'gang', 'inconsistent.yaml');
    const report = planManifests([{ file: 'inconsistent.yaml', text: fs.readFileSync(file, 'utf8') }]);
    const job = report.jobs[0];
    expect(job.problems.map(p => [p.code, p.message])).toEqual([
      [ProblemCode.GANG_LABELS_INCONSISTENT, `the driver and executor pods must carry the same ${NAME} and ${MIN} labels, or the scheduler never gathers `
        + `one group (got the driver's ${NAME} is "nightly" and the executors' is "nightly-executors", two groups)`],
      [ProblemCode.GANG_UNREACHABLE, 'spec.driver.labels must not put the driver in a gang with min-available above 1: Spark creates the executors from '
        + 'the running driver, so until the driver runs it is its group\'s only pod, the scheduler holds it, and none of the job\'s pods ever start '
        + `(a deadlock); put ${NAME} and ${MIN} on the executors only, as the gang prop writes them (got group nightly, min-available 3, 1 of 1 pods placeable)`],
    ]);
    expect(job.gang).toMatchObject({ group: 'nightly', minAvailable: 3, members: ['driver'], pods: 1, placeable: 1, reachable: false, cause: 'DRIVER_IN_GANG' });
    expect(report.totals).toMatchObject({ pods: 3, pendingPods: 3 });
  });

  test('executors whose count differs from the driver\'s in one group are rejected by the scheduler: they never start', () => {
    const c = chart();
    new SparkJob(c, 'Job', {
      ...base,
      driver: { ...base.driver, labels: { [NAME]: 'etl', [MIN]: '1' } },
      executor: { ...base.executor, labels: { [NAME]: 'etl', [MIN]: '5' } },
    });
    const job = planOfYaml(c).jobs[0];
    expect(job.gang).toMatchObject({ members: ['driver', 'executor'], minAvailable: 1, reachable: false, cause: 'COUNT_MISMATCH' });
    expect(job.pending.map(p => [p.pods, p.reason.code])).toEqual([['executor-1 to executor-5', 'GANG']]);
    expect(synthError(c)).toContain('executor.labels must carry the same pod-group.scheduling.sigs.k8s.io/min-available as the driver in the same group');
  });
});
