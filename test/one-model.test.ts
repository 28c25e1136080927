/**
 * The cases where synthesis and the `plan` command used to disagree, each with the right answer,
 * asked both ways: synthesis of the app, and the plan command's reader over the app's YAML.
 */
import { ApiObject, App, Chart, Size, Testing, Yaml } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-28';
import {
  EciInstanceSpec, EciPlacement, EciSpot, ResourcePolicyUnit, ResourcePolicyUnits, ScheduledSparkJob, SparkApplicationType, SparkJob,
  SparkJobProps, SparkPlacement, SparkPodSelector,
} from '../src';
import { planReportOf } from '../src/checks/cluster-check';
import { JobPlan, planManifests, PlanReport } from '../src/model/plan';

const sparkPi: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  driver: { cores: 1, coreLimit: Cpu.millis(1200), memory: Size.mebibytes(512) },
  executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
};

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'default' });
}

/** The app's YAML as cdk8s writes it, without cdk8s' validation, planned by the plan command's reader. */
function planOfYaml(scope: Chart): PlanReport {
  const yaml = Yaml.stringify(...scope.node.root.node.findAll().filter(ApiObject.isApiObject).map(o => (o as ApiObject).toJson()));
  return planManifests([{ file: 'app.k8s.yaml', text: yaml }]);
}

function job(report: PlanReport, name: string): JobPlan {
  return report.jobs.find(j => j.name === name)!;
}

function pendingOf(report: PlanReport, name: string): Array<[string, string]> {
  return job(report, name).pending.map(p => [p.pods, p.reason.code]);
}

function synthErrors(scope: Chart): string {
  try {
    Testing.synth(scope);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('synthesis and plan decide from the same model', () => {
  test('an ECS unit cannot take executors that require virtual nodes: executor-2 and executor-3 stay Pending', () => {
    const c = chart();
    const j = new SparkJob(c, 'Job', {
      ...sparkPi,
      metadata: { name: 'etl' },
      executor: { ...sparkPi.executor, instances: 3, memory: Size.mebibytes(3712) },
      placement: SparkPlacement.perRole({ driver: EciPlacement.ecsFirst(), executor: EciPlacement.eciOnly() }),
    });
    const policy = new ResourcePolicyUnits(c, 'Policy', { units: [ResourcePolicyUnit.ecs({ max: 3 }), ResourcePolicyUnit.eci({ max: 1 })] });
    policy.addJob(j);
    expect(pendingOf(planOfYaml(c), 'etl')).toEqual([['executor-2, executor-3', 'UNIT_CAPS']]);
    expect(pendingOf(planReportOf(c), 'etl')).toEqual([['executor-2, executor-3', 'UNIT_CAPS']]);
    expect(synthErrors(c)).toContain('SparkApplication default/etl launches 4 pods (1 driver + 3 executors) but ResourcePolicy default/test-policy-c89ef47f '
      + 'places at most 1 (eci max 1): executor-2, executor-3 stay Pending.');
  });

  test('a spark-role grouping gives the driver and the executors separate budgets: 1 executor Pending', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...sparkPi, metadata: { name: 'etl' }, executor: { ...sparkPi.executor, instances: 3 } });
    new ResourcePolicyUnits(c, 'Policy', {
      selector: SparkPodSelector.custom({ 'sparkoperator.k8s.io/launched-by-spark-operator': 'true' }, ['spark-role']),
      units: [ResourcePolicyUnit.ecs({ max: 1 }), ResourcePolicyUnit.eci({ max: 1 })],
    });
    expect(pendingOf(planOfYaml(c), 'etl')).toEqual([['executor-3', 'UNIT_CAPS']]);
    expect(pendingOf(planReportOf(c), 'etl')).toEqual([['executor-3', 'UNIT_CAPS']]);
    expect(synthErrors(c)).toContain('but ResourcePolicy default/test-policy-c89ef47f places at most 2 (ecs max 1, eci max 1): executor-3 stays Pending.');
  });

  test('spot ECI executors whose only instance spec is too small never start: synthesis fails', () => {
    const c = chart();
    new SparkJob(c, 'Job', {
      ...sparkPi,
      metadata: { name: 'spark-pi' },
      placement: SparkPlacement.recommended({
        executorSpot: EciSpot.asPriceGo({ fallbackToOnDemand: true }),
        executorEci: { instanceSpecs: [EciInstanceSpec.size(2, Size.gibibytes(4))] },
      }),
    });
    expect(pendingOf(planOfYaml(c), 'spark-pi')).toEqual([['executor-1, executor-2', 'NO_ECI_SIZE']]);
    expect(synthErrors(c)).toContain('executor-1, executor-2: they must run on ECI and ECI cannot create them: no ECI size fits a pod of 2 vCPU / 4505 MiB '
      + 'among the specs 2-4Gi (spot: at least 2 vCPU, rounded up to ECI\'s spot sizes)');
    // counted once: as Pending, not also as ECI pods
    expect(job(planOfYaml(c), 'spark-pi').roles[1]).toMatchObject({ pendingPods: 2, eciPods: { atLeast: 0, atMost: 0 } });
  });

  test('two policies added to two jobs of one namespace each select their own job only', () => {
    const c = chart();
    const a = new SparkJob(c, 'A', { ...sparkPi, metadata: { name: 'job-a' }, executor: { ...sparkPi.executor, memory: Size.mebibytes(3712) } });
    const b = new SparkJob(c, 'B', { ...sparkPi, metadata: { name: 'job-b' }, executor: { ...sparkPi.executor, memory: Size.mebibytes(3712) } });
    new ResourcePolicyUnits(c, 'PolicyA', { metadata: { name: 'policy-a' }, units: [ResourcePolicyUnit.eci({ max: 10 })] }).addJob(a);
    new ResourcePolicyUnits(c, 'PolicyB', { metadata: { name: 'policy-b' }, units: [ResourcePolicyUnit.ecs({ max: 10 })] }).addJob(b);
    const report = planOfYaml(c);
    expect(job(report, 'job-a').resourcePolicy?.name).toBe('policy-a');
    expect(job(report, 'job-b').resourcePolicy?.name).toBe('policy-b');
    expect(report.totals.errors).toBe(0);
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('two policies selecting the same pods are an error at synth and in the plan', () => {
    const c = chart();
    new SparkJob(c, 'Job', { ...sparkPi, metadata: { name: 'etl' } });
    new ResourcePolicyUnits(c, 'One', { selector: SparkPodSelector.allSparkPods(), units: [ResourcePolicyUnit.ecs({ max: 10 })] });
    new ResourcePolicyUnits(c, 'Two', { selector: SparkPodSelector.allSparkPods(), units: [ResourcePolicyUnit.ecs({ max: 10 })] });
    expect(job(planOfYaml(c), 'etl').problems.map(p => p.code)).toEqual(['POLICY_OVERLAP', 'POLICY_OVERLAP']);
    expect(synthErrors(c)).toContain('the driver pods must be selected by at most one ResourcePolicy');
  });

  test('a driver placed ECS only that also tolerates the ECI taint may run on ECI: synthesis says so', () => {
    const c = chart();
    new SparkJob(c, 'Job', {
      ...sparkPi,
      metadata: { name: 'etl' },
      driver: { ...sparkPi.driver, tolerations: [{ key: 'virtual-kubelet.io/provider', operator: 'Exists' }] },
      placement: SparkPlacement.recommended(),
    });
    expect(job(planOfYaml(c), 'etl').roles[0].placement).toBe('ECS_OR_ECI');
    expect(synthErrors(c)).toContain('driver.tolerations must not tolerate the ECI taint on a role placed ECS only');
  });

  test('ECI only plus an ECS node pool\'s nodeSelector: no node matches both', () => {
    const c = chart();
    new SparkJob(c, 'Job', {
      ...sparkPi,
      metadata: { name: 'etl' },
      executor: { ...sparkPi.executor, nodeSelector: { 'alibabacloud.com/nodepool-id': 'np-123' } },
      placement: SparkPlacement.of(EciPlacement.eciOnly()),
    });
    expect(job(planOfYaml(c), 'etl').roles[1].placement).toBe('NOWHERE');
    expect(pendingOf(planOfYaml(c), 'etl')).toEqual([['executor-1, executor-2', 'NO_NODE']]);
    expect(synthErrors(c)).toContain('executor-1, executor-2: no node can take them');
  });

  test('the spot-driver warning reaches the terminal of synth, once', () => {
    const c = chart();
    new SparkJob(c, 'Job', {
      ...sparkPi,
      metadata: { name: 'etl' },
      placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() }, unusedShareWarning: 0 })),
    });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      Testing.synth(c);
      Testing.synth(c);
      const spot = warn.mock.calls.map(call => String(call[0])).filter(text => text.includes('spot ECI'));
      expect(spot).toEqual(['[test/Job] warning: SparkApplication default/etl: the driver asks for spot ECI (driver.annotations): '
        + 'a reclaimed driver fails the whole job; keep the driver on ECS or pay-as-you-go ECI']);
    } finally {
      warn.mockRestore();
    }
  });

  test('a ScheduledSparkJob added to a policy: every run\'s pods are selected', () => {
    const c = chart();
    const nightly = new ScheduledSparkJob(c, 'Nightly', {
      ...sparkPi,
      metadata: { name: 'nightly' },
      schedule: '0 3 * * *',
      executor: { ...sparkPi.executor, memory: Size.mebibytes(3712) },
    });
    new ResourcePolicyUnits(c, 'Policy', { units: [ResourcePolicyUnit.ecs({ max: 1 }), ResourcePolicyUnit.eci({ max: 5 })] }).addJob(nightly);
    const planned = job(planOfYaml(c), 'nightly');
    expect(planned.resourcePolicy?.units.map(u => u.pods)).toEqual([1, 2]);
    // ECI auto-matches an image cache by default: the first run creates it (DOMAIN.md §4).
    expect(planned.problems.map(p => p.code)).toEqual(['IMAGE_CACHE_ON_FIRST_RUN']);
  });

  test('a policy that names a ScheduledSparkJob by app-name never matches its runs', () => {
    const c = chart();
    new ScheduledSparkJob(c, 'Nightly', { ...sparkPi, metadata: { name: 'nightly' }, schedule: '0 3 * * *' });
    new ResourcePolicyUnits(c, 'Policy', { selector: SparkPodSelector.job('nightly'), units: [ResourcePolicyUnit.eci({ max: 5 })] });
    const planned = job(planOfYaml(c), 'nightly');
    expect(planned.resourcePolicy).toBeNull();
    expect(planned.problems.map(p => p.code)).toEqual(['SCHEDULED_SELECTOR_NEVER_MATCHES']);
    expect(synthErrors(c)).toContain('must not name a ScheduledSparkApplication\'s runs by app-name');
  });

  test('2,147,483,647 executors under a policy plan as one counted group', () => {
    const huge = `apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata: { name: huge, namespace: default }
spec:
  type: Scala
  sparkVersion: 3.5.2
  mainApplicationFile: local:///app.jar
  driver: { cores: 1 }
  executor: { instances: 2147483647 }
---
apiVersion: scheduling.alibabacloud.com/v1alpha1
kind: ResourcePolicy
metadata: { name: p, namespace: default }
spec:
  matchLabelKeys: [sparkoperator.k8s.io/submission-id]
  units: [{ resource: ecs, max: 2 }, { resource: eci, max: 1000000 }]
`;
    const report = planManifests([{ file: 'huge.yaml', text: huge }]);
    expect(report.jobs[0].pending.map(p => [p.pods, p.count])).toEqual([['executor-1000002 to executor-2147483647', 2147483647 - 1000001]]);
    expect(report.totals.pods).toBe(2147483648);
  });

  test('the seed\'s policy plan stays as it was: driver and executor-1 on ECS, executors 2 to 4 on ECI, executor-5 Pending', () => {
    const app = new App();
    const c = new Chart(app, 'seed', { namespace: 'default' });
    const policy = new ResourcePolicyUnits(c, 'Policy', {
      metadata: { name: 'sparkapplication-resource-policy' },
      selector: SparkPodSelector.allSparkPods(),
      units: [ResourcePolicyUnit.ecs({ max: 2, nodeSelector: { 'kubernetes.io/arch': 'amd64' } }), ResourcePolicyUnit.eci({ max: 3 })],
    });
    const j = new SparkJob(c, 'SparkPi', {
      ...sparkPi,
      metadata: { name: 'spark-pi' },
      executor: { instances: 5, cores: 1, coreLimit: Cpu.millis(1200), memory: Size.mebibytes(512) },
    });
    policy.addJob(j, { pendingPods: 'ALLOW' as any });
    const plan = policy.plan(j);
    expect(plan.units.map(u => u.pods)).toEqual([['driver', 'executor-1'], ['executor-2', 'executor-3', 'executor-4']]);
    expect(plan.pending).toEqual(['executor-5']);
    expect(pendingOf(planReportOf(c), 'spark-pi')).toEqual([['executor-5', 'UNIT_CAPS']]);
  });
});

describe('what a placement writes reads back as what it means', () => {
  const kinds: Array<[string, EciPlacement, string]> = [
    ['ecsOnly', EciPlacement.ecsOnly(), 'ECS_ONLY'],
    ['eciOnly', EciPlacement.eciOnly({ unusedShareWarning: 0 }), 'ECI_ONLY'],
    ['ecsFirst', EciPlacement.ecsFirst({ unusedShareWarning: 0 }), 'ECS_FIRST'],
    ['resourcePolicy', EciPlacement.resourcePolicy({ unusedShareWarning: 0 }), 'ECS_OR_ECI'],
  ];
  const mechanisms = ['SPEC_FIELDS', 'POD_TEMPLATE', 'BOTH'];
  test.each(kinds.flatMap(([name, placement, expected]) => mechanisms.map(m => [name, m, placement, expected] as const)))(
    '%s through %s', (_name, mechanism, placement, expected) => {
      const c = chart();
      new SparkJob(c, 'Job', {
        ...sparkPi,
        metadata: { name: 'etl' },
        executor: { ...sparkPi.executor, memory: Size.mebibytes(3712) },
        placement: SparkPlacement.of(placement, mechanism as any),
      });
      const roles = job(planOfYaml(c), 'etl').roles;
      expect(roles.map(r => r.placement)).toEqual([expected, expected]);
    });

  test('user affinity is kept and ANDed with the placement', () => {
    const c = chart();
    const affinity: k8s.Affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } };
    new SparkJob(c, 'Job', { ...sparkPi, metadata: { name: 'etl' }, executor: { ...sparkPi.executor, memory: Size.mebibytes(3712), affinity }, placement: SparkPlacement.of(EciPlacement.eciOnly({ unusedShareWarning: 0 })) });
    expect(job(planOfYaml(c), 'etl').roles[1].placement).toBe('ECI_ONLY');
  });
});
