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

const UNREACHABLE = 'the gang\'s min-available pods must be placeable together, or none of the job\'s pods start (a deadlock, not a delay): '
  + 'lower min-available (pod-group.scheduling.sigs.k8s.io/min-available) to what can be placed, or make room for the Pending pods '
  + '(got min-available 6, 5 of 6 pods placeable)';

describe('the labels', () => {
  test('every pod carries the group (the job name) and the driver plus every executor as min-available', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...base, gang: {} });
    const [app] = synth(c);
    for (const role of ['driver', 'executor']) {
      expect(app.spec[role].labels).toEqual({ [NAME]: 'etl', [MIN]: '6' });
    }
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
    expect(synth(c)[0].spec.executor.labels[MIN]).toBe('5');
  });

  test('a group name and a count of the user\'s', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...base, gang: { groupName: 'etl-nightly', minAvailable: 3 } });
    expect(synth(c)[0].spec.driver.labels).toEqual({ [NAME]: 'etl-nightly', [MIN]: '3' });
  });

  test('a gang label the user set too is refused, naming the role', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...base, executor: { ...base.executor, labels: { [MIN]: '2' } }, gang: {} });
    expect(synthError(c)).toContain(`executor.labels["${MIN}"] must be left to the gang prop, which writes it (got "2")`);
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

describe('whether the gang can be placed together', () => {
  test('min-available above what the policy can place fails synthesis with the placeable count', () => {
    expect(synthError(capped(4, { gang: {} }))).toContain(`${UNREACHABLE}. Set gang.minAvailable to at most 5, or give the Pending pods room.`);
  });

  test('plan over the same YAML reports the same, in JSON and in the table', () => {
    const report = planOfYaml(capped(4, { gang: {} }));
    const job = report.jobs[0];
    expect(job.gang).toEqual({ group: 'etl', minAvailable: 6, pods: 6, placeable: 5, reachable: false });
    expect(job.problems.filter(p => p.code === ProblemCode.GANG_UNREACHABLE).map(p => [p.severity, p.message])).toEqual([['ERROR', UNREACHABLE]]);
    expect(renderTable(report)).toContain('Gang etl: min-available 6, 5 of 6 pods placeable: none of the pods start');
    expect(SparkTesting.planSnapshot(capped(4, { gang: {} }))).toContain('spark/etl gang etl: 5 of 6 needed placeable, none start\n');
    expect(job.notes).toContain('gang scheduling on ECI virtual nodes: ACK does not document whether its coscheduling gathers pods there; '
      + 'the gang is planned as if it did');
  });

  test('a min-available the policy can place synthesizes, Pending pods aside', () => {
    const c = capped(4, { gang: { minAvailable: 5 }, pendingPods: undefined });
    expect(synthError(c)).not.toContain('min-available');
    expect(planOfYaml(c).jobs[0].gang).toEqual({ group: 'etl', minAvailable: 5, pods: 6, placeable: 5, reachable: true });
  });

  test('a gang with room for every pod has no finding', () => {
    const c = capped(5, { gang: {} });
    expect(synthError(c)).toBe('');
    expect(planOfYaml(c).jobs[0].gang?.reachable).toBe(true);
  });
});

describe('what ACK needs of a group', () => {
  test('driver and executors at different priorities are refused', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...base, driver: { ...base.driver, priorityClassName: 'high' }, gang: {} });
    expect(synthError(c)).toContain('driver.priorityClassName and executor.priorityClassName must be the same for a gang: '
      + 'ACK schedules a group\'s pods at one priority (got driver high, executor none)');
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

  test('hand-written labels that disagree are reported by plan', () => {
    const file = path.join(__dirname, 'fixtures', 'plan', 'gang', 'inconsistent.yaml');
    const job = planManifests([{ file: 'inconsistent.yaml', text: fs.readFileSync(file, 'utf8') }]).jobs[0];
    expect(job.problems.map(p => [p.code, p.message])).toEqual([[ProblemCode.GANG_LABELS_INCONSISTENT,
      `the driver and executor pods must carry the same ${NAME} and ${MIN} labels, or the scheduler never gathers one group `
      + `(got the driver's ${NAME} is "nightly" and the executors' is "nightly-executors"; the driver's ${MIN} is "3" and the executors' is "2")`]]);
    expect(job.gang).toEqual({ group: 'nightly', minAvailable: 3, pods: 3, placeable: 3, reachable: true });
  });
});
