/**
 * The cases of issue 25 ("One rule book"), each with the answer the model gives every front end:
 * a judgement is made once, from the rendered objects, and synthesis, `plan`, the plugin and the
 * testing kit report it alike.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Size, Testing, Yaml } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import {
  EciPlacement, ElasticQuotaTree, OperatorWebhook, PendingPods, PlacementTarget, ResourcePolicyUnit, ResourcePolicyUnits, ScratchDisk,
  SparkClusterProfile, SparkConnectServer, SparkJob, SparkPlacement, SparkPodSelector, SparkTesting,
} from '../src';
import { MINIMAL_JOB } from './support/jobs';
import { synthError } from './support/plan';
import { planManifests, PlanReport } from '../src/model/plan';
import { findingsOf } from '../src/plugin/findings';

const ECI_TOLERATION = { key: 'virtual-kubelet.io/provider', operator: 'Equal', value: 'alibabacloud', effect: 'NoSchedule' };
const ECI_AFFINITY = {
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: ['virtual-kubelet'] }] }] } },
};

/** `plan --json` over the YAML the app synthesizes to, without cdk8s' validation. */
function planOfYaml(app: App, defaults?: { pendingPods: PendingPods; unschedulablePods: PendingPods }): PlanReport {
  const yaml = Yaml.stringify(...app.node.findAll().filter(ApiObject.isApiObject).map(o => (o as ApiObject).toJson()));
  return planManifests([{ file: 'app.k8s.yaml', text: yaml }], { defaults });
}

function codes(report: PlanReport): string[] {
  return [
    ...report.jobs.flatMap(j => [...j.pending.map(p => `${p.reason.code} ${p.severity}`), ...j.problems.map(p => `${p.code} ${p.severity}`)]),
    ...report.objects.flatMap(o => o.problems.map(p => `${p.code} ${p.severity}`)),
  ].sort();
}

describe('one rule book', () => {
  test('an app synthesis refuses for rules about the rendered application gets the same errors from plan', () => {
    const app = Testing.app();
    new SparkJob(new Chart(app, 'c', { namespace: 'jobs' }), 'Job', {
      ...MINIMAL_JOB,
      nodeSelector: { 'kubernetes.io/arch': 'amd64' },
      pythonVersion: '3' as any,
      sparkConf: { 'spark.kubernetes.namespace': 'other' },
      dynamicAllocation: { maxExecutors: 2 },
      driver: { nodeSelector: { zone: 'a' } },
      executor: { instances: 3, cores: 1, memory: Size.gibibytes(1) },
    });
    const error = synthError(app);
    for (const text of [
      'nodeSelector cannot be set together with driver.nodeSelector',
      'sparkConf["spark.kubernetes.namespace"] must equal the object\'s namespace "jobs"',
      'executor.instances must be <= dynamicAllocation.maxExecutors (2)',
      'pythonVersion applies only to type SparkApplicationType.PYTHON',
    ]) { expect(error).toContain(text); }
    const report = planOfYaml(app);
    expect(codes(report)).toEqual(expect.arrayContaining([
      'INSTANCES_ABOVE_MAX_EXECUTORS ERROR', 'NODE_SELECTOR_ON_APP_AND_ROLE ERROR', 'PYTHON_VERSION_WITHOUT_PYTHON ERROR', 'SPARK_NAMESPACE_CONF_MISMATCH ERROR',
    ]));
    expect(report.totals.errors).toBe(error.split('\n').length - 1);
    expect(findingsOf(report, { failOnPending: true, failOnWarnings: false, sharedNames: new Set() }).failed).toBe(true);
  });

  test('an executor placed on ECI by hand (affinity and toleration) may run on ECI: addImageCache() takes it, its scratch disk buys ECI storage', () => {
    const app = Testing.app();
    const job = new SparkJob(new Chart(app, 'c', { namespace: 'jobs' }), 'Job', {
      ...MINIMAL_JOB,
      executor: { instances: 2, tolerations: [ECI_TOLERATION], affinity: ECI_AFFINITY, scratch: ScratchDisk.ofSize(Size.gibibytes(100)) },
    });
    job.addImageCache();
    const spec = job.toManifest().spec;
    expect(spec.executor.annotations).toMatchObject({ 'k8s.aliyun.com/eci-extra-ephemeral-storage': expect.stringMatching(/Gi$/) });
    expect(spec.executor.annotations['k8s.aliyun.com/eci-auto-imc'] ?? spec.executor.annotations['k8s.aliyun.com/eci-image-cache']).toBe('true');
    const report = planOfYaml(app);
    expect(codes(report).filter(c => c.startsWith('SCRATCH'))).toEqual([]);
  });

  test('a job that accepts Pending pods (the README\'s ResourcePolicy example) passes synth, plan and the plugin alike', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'default' });
    const policy = new ResourcePolicyUnits(chart, 'Policy', {
      metadata: { name: 'capped' },
      units: [ResourcePolicyUnit.ecs({ max: 1 }), ResourcePolicyUnit.eci({ max: 1 })],
    });
    const job = new SparkJob(chart, 'Job', { ...MINIMAL_JOB, executor: { instances: 4 } });
    policy.addJob(job, { pendingPods: PendingPods.ALLOW });
    expect(synthError(app)).toBe('');
    const report = planOfYaml(app);
    expect(report.totals.pendingPods).toBeGreaterThan(0);
    expect(report.jobs[0].pending.every(p => p.severity === 'ALLOWED')).toBe(true);
    expect(report.totals.errors).toBe(0);
    const plugin = findingsOf(report, { failOnPending: true, failOnWarnings: false, sharedNames: new Set() });
    expect(plugin.failed).toBe(false);
    expect(plugin.violations.filter(v => v.ruleName === 'UNIT_CAPS')).toEqual([]);
  });

  test('policy.plan(job) answers for the job inside its app: a second job sharing the budget is seen, as synth sees it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'default' });
    const policy = new ResourcePolicyUnits(chart, 'Policy', {
      metadata: { name: 'shared' },
      selector: SparkPodSelector.custom({ team: 'a' }),
      units: [ResourcePolicyUnit.ecs({ max: 3 })],
    });
    const first = new SparkJob(chart, 'First', { ...MINIMAL_JOB, metadata: { name: 'first', labels: { team: 'a' } }, executor: { instances: 2 } });
    const second = new SparkJob(chart, 'Second', { ...MINIMAL_JOB, metadata: { name: 'second', labels: { team: 'a' } }, executor: { instances: 2 } });
    expect(policy.plan(first).pending).toEqual([]);
    const plan = policy.plan(second);
    expect(plan.pending).toHaveLength(3); // the first job's 3 pods take the budget
    const kit = SparkTesting.plan(app).jobs.find((j: any) => j.name === 'second');
    expect(plan.pending).toHaveLength(kit.roles.reduce((n: number, r: any) => n + r.pendingPods, 0));
  });

  test('SparkConnectServer is checked by construction: namespace, label keys, ports and int32 counts', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'Team_A' });
    new SparkConnectServer(chart, 'Connect', {
      metadata: { name: 'connect' },
      sparkVersion: '4.0.1',
      image: 'spark:4.0.1',
      server: {
        labels: { 'a key': 'x' },
        template: { spec: { containers: [{ name: 'spark-kubernetes-driver', ports: [{ containerPort: 0 }, { containerPort: 70000 }] }] } },
      },
      executor: { instances: 3000000000 },
    });
    const error = synthError(app);
    expect(error).toContain('metadata.namespace must be a DNS-1123 label');
    expect(error).toContain('spec.server.template.metadata.labels key must be a Kubernetes label key');
    expect(error).toContain('containerPort must be an integer from 1 to 65535');
    expect(error).toContain('spec.executor.instances must be an integer from -2147483648 to 2147483647');
  });

  test('a quota leaf added with ElasticQuotaTree.addChild() between two synths is seen by the second', () => {
    const app = Testing.app();
    new SparkJob(new Chart(app, 'c', { namespace: 'jobs' }), 'Job', { ...MINIMAL_JOB, executor: { instances: 8, cores: 4 } });
    const tree = new ElasticQuotaTree(new Chart(app, 'cluster'), 'Quota', { root: { name: 'root', max: { cpu: Cpu.units(1000) }, children: [] } });
    expect(synthError(app)).toBe('');
    tree.addChild({ name: 'jobs', namespaces: ['jobs'], max: { cpu: Cpu.units(4) } });
    expect(synthError(app)).toContain('the job\'s total requests must fit the max of its ElasticQuotaTree leaf');
  });

  test('an explicit PlacementTarget.SPEC_FIELDS is refused when the profile turns the webhook off, never moved into the templates', () => {
    const profile = SparkClusterProfile.upstream('2.5.2', { webhook: OperatorWebhook.DISABLED });
    const chart = Testing.chart();
    expect(() => new SparkJob(chart, 'Job', { ...MINIMAL_JOB, profile, placement: SparkPlacement.of(EciPlacement.eciOnly(), PlacementTarget.SPEC_FIELDS) }))
      .toThrow('placement.mechanism cannot be PlacementTarget.SPEC_FIELDS when the cluster profile turns the operator\'s webhook off');
    // Without an explicit mechanism the library writes the pod templates, as the profile needs.
    const job = new SparkJob(chart, 'Other', { ...MINIMAL_JOB, metadata: { name: 'other' }, profile, placement: SparkPlacement.of(EciPlacement.eciOnly()) });
    expect(job.toManifest().spec.executor.template.spec.tolerations).toEqual([ECI_TOLERATION]);
  });

  // The operator decodes these fields into Go int32 / int64 (v2.5.2 api/v1beta2/sparkapplication_types.go:
  // `Instances *int32`, `FailureRetries *int32`, `TimeToLiveSeconds *int64`); the API server stores any
  // number, and Go's decoder then refuses the object. The rule book refuses them for every front end.
  test.each([
    ['spec.executor.instances', '    instances: 2', '    instances: 5000000000'],
    ['spec.restartPolicy.onFailureRetries', '  sparkVersion: 3.5.2', '  sparkVersion: 3.5.2\n  restartPolicy:\n    type: OnFailure\n    onFailureRetries: 1.5'],
  ])('%s: a number the operator cannot decode is an API_SERVER_REFUSES error in plan', (field, from, to) => {
    const text = fs.readFileSync(path.join(__dirname, 'fixtures', 'plan', 'eci-only.yaml'), 'utf8');
    expect(text).toContain(from);
    const report = planManifests([{ file: 'job.yaml', text: text.replace(from, to) }]);
    const refused = report.jobs[0].problems.filter(p => p.code === 'API_SERVER_REFUSES');
    expect(refused.map(p => p.severity)).toEqual(['ERROR']);
    expect(refused[0].message).toMatch(/int32/);
    expect(refused[0].message).toContain(field);
  });
});

