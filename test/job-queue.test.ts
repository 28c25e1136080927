/**
 * Job queues: what `queue` writes, what synthesis refuses, and what `plan` reads from YAML.
 */
import { Chart, Size, Testing } from 'cdk8s';
import { JobQueue, ScheduledSparkJob, SparkApplicationType, SparkJob, SparkJobDefaults, SparkJobProps, SparkTesting } from '../src';
import { expectValidManifests } from './support/crd-schema';
import { planOfYaml, synthError } from './support/plan';
import { synth } from './support/synth';
import { renderTable } from '../src/cli/render';
import { ProblemCode } from '../src/model/planner';

const base: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  metadata: { name: 'etl', labels: { team: 'data' } },
  driver: { cores: 1, memory: Size.mebibytes(512) },
  executor: { instances: 2, cores: 1, memory: Size.gibibytes(2) },
};

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'spark' });
}

const KUEUE_DA_REASON = 'must be off for a job Kueue queues (LocalQueue "spark-batch"): Kueue rejects SparkApplications with dynamic allocation, '
  + 'whether the spec field or sparkConf switches it on; give a fixed executor.instances (got true)';
const KUEUE_DA = `dynamicAllocation.enabled ${KUEUE_DA_REASON}`;

describe('Kueue', () => {
  test('the LocalQueue label goes on the application, beside the user\'s labels', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...base, queue: JobQueue.kueue('spark-batch') });
    const [app] = synth(c);
    expect(app.metadata.labels).toEqual({ 'team': 'data', 'kueue.x-k8s.io/queue-name': 'spark-batch' });
    expect(app.spec.suspend).toBeUndefined();
    expectValidManifests([app]);
    expect(app).toMatchSnapshot();
    const job = planOfYaml(c).jobs[0];
    expect(job.queue).toEqual({
      system: 'KUEUE', name: 'spark-batch', release: null, message: 'Kueue LocalQueue spark-batch: submitted when Kueue admits it (needs operator >= 2.4)',
    });
    expect(renderTable(planOfYaml(c))).toContain('  Queue: Kueue LocalQueue spark-batch');
    expect(SparkTesting.planSnapshot(c)).toContain('spark/etl queue: KUEUE spark-batch\n');
  });

  test('a scheduled job carries the label on the ScheduledSparkApplication, which the operator copies to each run', () => {
    const c = chart();
    new ScheduledSparkJob(c, 'Job', { ...base, schedule: '0 3 * * *', queue: JobQueue.kueue('spark-batch') });
    const [app] = synth(c);
    expect(app.metadata.labels['kueue.x-k8s.io/queue-name']).toBe('spark-batch');
    expectValidManifests([app]);
  });

  test('dynamic allocation is refused at synth, and plan reports it from the YAML', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...base, dynamicAllocation: { maxExecutors: 4 }, queue: JobQueue.kueue('spark-batch') });
    expect(synthError(c)).toContain(`[test/Job] ${KUEUE_DA}`);
    const job = planOfYaml(c).jobs[0];
    expect(job.problems.map(p => [p.code, p.severity, p.message])).toEqual([[ProblemCode.KUEUE_DYNAMIC_ALLOCATION, 'ERROR',
      `spec.dynamicAllocation.enabled ${KUEUE_DA_REASON}`]]);
  });

  // Kueue's SparkApplication integration rejects dynamic allocation also when sparkConf turns it on (DOMAIN.md §7: kubernetes-sigs/kueue
  // PR #7268, issue #10483). The operator passes sparkConf to spark-submit, so Spark runs with dynamic allocation either way.
  const CONF_DA = `sparkConf["spark.dynamicAllocation.enabled"] ${KUEUE_DA_REASON}`;
  test.each<[string, (c: Chart) => void]>([
    ['sparkConf in the props', c => { new SparkJob(c, 'Job', { ...base, sparkConf: { 'spark.dynamicAllocation.enabled': 'true' }, queue: JobQueue.kueue('spark-batch') }); }],
    ['a later addSparkConf()', c => {
      new SparkJob(c, 'Job', { ...base, queue: JobQueue.kueue('spark-batch') }).addSparkConf('spark.dynamicAllocation.enabled', 'true');
    }],
    ['SparkJobDefaults', c => {
      new SparkJobDefaults(c, 'Defaults', { sparkConf: { 'spark.dynamicAllocation.enabled': 'true' } });
      new SparkJob(c, 'Job', { ...base, queue: JobQueue.kueue('spark-batch') });
    }],
  ])('dynamic allocation switched on by %s is refused by the same rule, at synth and in plan', (_, build) => {
    const c = chart();
    build(c);
    expect(synthError(c)).toContain(`[test/Job] ${CONF_DA}`);
    const job = planOfYaml(c).jobs[0];
    expect(job.problems.map(p => [p.code, p.field, p.message])).toEqual([[ProblemCode.KUEUE_DYNAMIC_ALLOCATION,
      'spec.sparkConf["spark.dynamicAllocation.enabled"]', `spec.${CONF_DA}`]]);
  });

  test('sparkConf that turns dynamic allocation off is no finding', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...base, sparkConf: { 'spark.dynamicAllocation.enabled': 'false' }, queue: JobQueue.kueue('spark-batch') });
    expect(synthError(c)).toBe('');
  });

  test.each<[string, () => unknown, string]>([
    ['a LocalQueue name that is not a DNS subdomain', () => JobQueue.kueue('Batch Queue'), 'JobQueue.kueue() localQueue must be'],
    ['a LocalQueue name that is not a string', () => JobQueue.kueue(5 as any), 'JobQueue.kueue() localQueue must be a string (got 5)'],
    ['a queue that is not a JobQueue', () => new SparkJob(chart(), 'Job', { ...base, queue: 'kueue' as any }),
      'queue must be made with JobQueue.kueue(localQueue) or JobQueue.ackKubeQueue() (got "kueue")'],
    ['a queue label the user set to another queue', () => new SparkJob(chart(), 'Job', {
      ...base, metadata: { name: 'etl', labels: { 'kueue.x-k8s.io/queue-name': 'other' } }, queue: JobQueue.kueue('spark-batch'),
    }), 'metadata.labels["kueue.x-k8s.io/queue-name"] must be left to the queue prop, which writes it (got "other")'],
  ])('%s is refused', (_, make, message) => {
    expect(make).toThrow(message);
  });
});

describe('ack-kube-queue', () => {
  test('the application is created suspended; a scheduled job\'s runs are', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...base, queue: JobQueue.ackKubeQueue() });
    new ScheduledSparkJob(c, 'Nightly', { ...base, metadata: { name: 'nightly' }, schedule: '0 3 * * *', queue: JobQueue.ackKubeQueue() });
    const [app, scheduled] = synth(c);
    expect(app.spec.suspend).toBe(true);
    expect(scheduled.spec.suspend).toBeUndefined(); // the schedule itself runs
    expect(scheduled.spec.template.suspend).toBe(true);
    expectValidManifests([app, scheduled]);
    expect(planOfYaml(c).jobs.map(j => j.queue?.system)).toEqual(['SUSPENDED', 'SUSPENDED']);
  });

  test('suspend: false contradicts it', () => {
    expect(() => new SparkJob(chart(), 'Job', { ...base, suspend: false, queue: JobQueue.ackKubeQueue() }))
      .toThrow('suspend must be left out or true with JobQueue.ackKubeQueue(), which creates the job suspended (got false)');
  });

  test('no queue: nothing in the plan', () => {
    const c = chart();
    new SparkJob(c, 'Job', base);
    expect(planOfYaml(c).jobs[0].queue).toBeNull();
  });
});
