/**
 * A job against its namespace's ElasticQuotaTree leaf, asked both ways: synthesis of the app
 * (an error or a warning, as the job's `pendingPods` says) and the `plan` command over YAML.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { ElasticQuotaTree, PendingPods, SparkApplicationType, SparkJob, SparkJobProps, SparkTesting } from '../src';
import { planOfYaml, synthError } from './support/plan';
import { renderTable } from '../src/cli/render';
import { planManifests } from '../src/model/plan';
import { ProblemCode } from '../src/model/planner';

const sparkPi: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  metadata: { name: 'etl' },
  driver: { cores: 1, memory: Size.mebibytes(512) },
  // 1 + 2 × 2 = 5 vCPU requested in all.
  executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
};

function app(leafMaxCpu: number, leafMinCpu: number, props: Partial<SparkJobProps> = {}): Chart {
  const root = Testing.app();
  const chart = new Chart(root, 'test', { namespace: 'spark-jobs' });
  new SparkJob(chart, 'Job', { ...sparkPi, ...props });
  // The tree lives in kube-system: a chart of its own, without a namespace.
  new ElasticQuotaTree(new Chart(root, 'cluster'), 'Quota', {
    root: {
      name: 'root',
      max: { cpu: Cpu.units(64), memory: Size.gibibytes(256) },
      children: [{ name: 'spark', namespaces: ['spark-jobs'], min: { cpu: Cpu.units(leafMinCpu) }, max: { cpu: Cpu.units(leafMaxCpu) } }],
    },
  });
  return chart;
}

const EXCEEDS_MAX = 'the job\'s total requests must fit the max of its ElasticQuotaTree leaf (and its ancestors\'), or it never fully starts: '
  + 'lower the requests or raise max (got exceeds max, never fully starts: cpu 5000 millicores > max 4000 (root.children[0]))';

describe('a job against its quota leaf', () => {
  test('requests above the leaf max fail synthesis with the numbers, by default: the pods beyond max stay Pending', () => {
    const error = synthError(app(4, 2));
    expect(error).toContain(`SparkApplication spark-jobs/etl: ${EXCEEDS_MAX}. Pass pendingPods: PendingPods.WARN to accept it.`);
    expect(error).toContain('SparkApplication spark-jobs/etl launches 3 pods (1 driver + 2 executors), but executor-2: ElasticQuotaTree kube-system/');
  });

  test('pendingPods: PendingPods.WARN turns it into warnings, printed once each', () => {
    const chart = app(4, 2, { pendingPods: PendingPods.WARN });
    const warnings: string[] = [];
    const spy = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => { warnings.push(args.join(' ')); });
    try {
      expect(synthError(chart)).toBe('');
    } finally {
      spy.mockRestore();
    }
    expect(warnings).toEqual([
      expect.stringMatching(/^\[test\/Job\] warning: SparkApplication spark-jobs\/etl launches 3 pods \(1 driver \+ 2 executors\), but executor-2: /),
      `[test/Job] warning: SparkApplication spark-jobs/etl: ${EXCEEDS_MAX}`,
    ]);
  });

  test('requests within max but above min: the job borrows, and no sibling claims its min back, so nothing is reported', () => {
    const chart = app(8, 4);
    expect(synthError(chart)).toBe('');
    const job = planOfYaml(chart).jobs[0];
    expect(job.problems).toEqual([]);
    expect(job.quota).toMatchObject({ leaf: 'root.children[0]', exceedsMax: false, exceedsMin: true, pendingPods: 0 });
    expect(job.quota?.borrowed.cpuMillis).toBe(1000);
  });

  test('plan over the same YAML reports the same finding, in JSON and in the table', () => {
    const report = planOfYaml(app(4, 2));
    const job = report.jobs[0];
    expect(job.problems.map(p => [p.code, p.severity, p.message])).toEqual([[ProblemCode.QUOTA_EXCEEDS_MAX, 'ERROR', EXCEEDS_MAX]]);
    expect(job.pending.map(p => [p.pods, p.reason.code])).toEqual([['executor-2', 'QUOTA']]);
    expect(job.quota).toEqual({
      tree: { kind: 'ElasticQuotaTree', namespace: 'kube-system', name: expect.any(String) },
      leaf: 'root.children[0]',
      exceedsMax: true,
      exceedsMin: true,
      pendingPods: 1,
      borrowed: { cpuMillis: 1000, memoryMebibytes: expect.any(Number), gpus: 0 },
      resources: [
        { resource: 'cpu', unit: 'millicores', requested: 5000, min: 2000, max: 4000, maxFrom: 'root.children[0]' },
        { resource: 'memory', unit: 'MiB', requested: expect.any(Number), min: 0, max: 262144, maxFrom: 'root' },
        { resource: 'nvidia.com/gpu', unit: 'count', requested: 0, min: 0, max: null, maxFrom: null },
      ],
      message: 'exceeds max, never fully starts: cpu 5000 millicores > max 4000 (root.children[0]); 1 pod held back with the jobs admitted before; '
        + 'some pods run on borrowed quota above min',
    });
    // Errors: the Pending pod (QUOTA) and QUOTA_EXCEEDS_MAX, which the job's pendingPods decides alike.
    expect(report.totals).toMatchObject({ errors: 2, pendingPods: 1 });
    expect(SparkTesting.planSnapshot(app(4, 2).node.root)).toContain('spark-jobs/etl quota root.children[0]: exceeds max\n');
    expect(report.assumptions).toContain('quota is planned for the jobs of the input in their order, each pod against its leaf\'s max with the pods '
      + 'admitted before; pods already running in the cluster are not counted');
    expect(renderTable(report)).toContain('leaf root.children[0]: exceeds max, never fully starts: cpu 5000 millicores > max 4000 (root.children[0])');
  });

  test('a job in a namespace no leaf lists has no quota finding', () => {
    const report = planOfYaml(app(4, 2, { metadata: { name: 'etl', namespace: 'elsewhere' } }));
    expect(report.jobs[0].quota).toBeNull();
    expect(report.jobs[0].problems).toEqual([]);
    expect(report.jobs[0].pending).toEqual([]);
  });

  test('pods of 2,147,483,647 executors are admitted with arithmetic, not one by one', () => {
    const report = planOfYaml(app(64, 2, { executor: { instances: 2147483647, cores: 1, memory: Size.gibibytes(1) } }));
    // 64 cpu: the driver and 63 executors.
    expect(report.jobs[0].pending.map(p => [p.first, p.count, p.reason.code])).toEqual([[64, 2147483647 - 63, 'QUOTA']]);
  });
});

describe('plan on hand-written YAML', () => {
  const dir = path.join(__dirname, 'fixtures', 'plan', 'quota');

  test('a hand-written tree and job: the job exceeds its leaf max, and the fifth pod is Pending', () => {
    const text = fs.readFileSync(path.join(dir, 'exceeds-max.yaml'), 'utf8');
    const job = planManifests([{ file: 'exceeds-max.yaml', text }]).jobs[0];
    expect(job.problems.map(p => p.code)).toEqual([ProblemCode.QUOTA_EXCEEDS_MAX]);
    expect(job.quota?.message).toBe('exceeds max, never fully starts: memory 20350 MiB > max 16384 (root.children[0]); 1 pod held back with the jobs '
      + 'admitted before');
    // 16384 MiB holds 4 pods of 4070 MiB: the driver and 3 executors.
    expect(job.pending.map(p => [p.pods, p.reason.code, p.message])).toEqual([['executor-4', 'QUOTA', 'executor-4: ElasticQuotaTree '
      + 'kube-system/elasticquotatree admits a pod only within max: leaf root.children[0] (analytics) has memory 16280 MiB in use by the pods admitted '
      + 'before, and 4070 more per pod would exceed its max of 16384']]);
  });

  test('two trees: the first is planned and the second is reported', () => {
    const text = fs.readFileSync(path.join(dir, 'exceeds-max.yaml'), 'utf8');
    const second = text.split('\n---\n').find(d => d.includes('kind: ElasticQuotaTree'))!.replace('name: elasticquotatree', 'name: second');
    const job = planManifests([{ file: 'a.yaml', text }, { file: 'b.yaml', text: second }]).jobs[0];
    expect(job.problems.map(p => p.code)).toEqual([ProblemCode.QUOTA_TREES, ProblemCode.QUOTA_EXCEEDS_MAX]);
    expect(job.problems[0].message).toBe('the app has more than one ElasticQuotaTree (ElasticQuotaTree kube-system/elasticquotatree '
      + 'and ElasticQuotaTree kube-system/second); ACK reads one per cluster, the first is planned');
  });

  test('jobs share their leaf in file order: the same two jobs in the other order hold back the other job\'s pods', () => {
    const text = fs.readFileSync(path.join(dir, 'exceeds-max.yaml'), 'utf8');
    const [tree, job] = text.split('\n---\n');
    const small = job.replace('name: nightly', 'name: small').replace('instances: 4', 'instances: 1');
    const plan = (...docs: string[]) => planManifests([{ file: 'q.yaml', text: docs.join('\n---\n') }]).jobs.map(j => [j.name, j.pending.map(p => p.pods)]);
    // 4 pods fit: nightly's 5 first leaves small nothing; small's 2 first leave nightly the driver and one executor.
    expect(plan(tree, job, small)).toEqual([['nightly', ['executor-4']], ['small', ['driver', 'executor-1']]]);
    expect(plan(tree, small, job)).toEqual([['small', []], ['nightly', ['executor-2, executor-3, executor-4']]]);
  });
});
