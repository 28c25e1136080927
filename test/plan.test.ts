import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { seedAvailable, seedManifest, SeedKey } from './support/seed';
import { renderJson, renderTable } from '../src/cli/render';
import { CostModel } from '../src/model/cost-model';
import { NodePlacement } from '../src/model/eci-scheduling';
import { JobPlan, ManifestFile, PlanInputError, planManifests, PlanReport } from '../src/model/plan';

const FIXTURES = path.join(__dirname, 'fixtures', 'plan');

/** Fixture files, named relative to the fixtures folder so reports are the same on every machine. */
function fixtures(...names: string[]): ManifestFile[] {
  return names.map(name => ({ file: name, text: fs.readFileSync(path.join(FIXTURES, name), 'utf8') }));
}

/** Inline YAML documents as one file. */
function yaml(...docs: string[]): ManifestFile[] {
  return [{ file: 'inline.yaml', text: docs.join('\n---\n') }];
}

function jobNamed(report: PlanReport, name: string): JobPlan {
  const found = report.jobs.filter(j => j.name === name);
  if (found.length !== 1) { throw new Error(`expected one job ${name}, got ${found.length}`); }
  return found[0];
}

const SEED_POLICY = ['resource-policy/resourcepolicy.yaml', 'resource-policy/spark-pi.yaml'];
const PRICES = new CostModel({ pricePerVcpuHour: 0.2, pricePerGibHour: 0.02, spotDiscount: 0.7, currency: 'CNY' });

/** A SparkApplication whose executor spec is `executor` (YAML, indented by 4). */
function app(name: string, executor: string, extra = ''): string {
  return `apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: ${name}
  namespace: default
${extra}spec:
  type: Scala
  sparkVersion: 3.5.2
  image: spark:3.5.2
  mainApplicationFile: local:///opt/app.jar
  driver:
    cores: 1
  executor:
    instances: 2
${executor}`;
}

const TOLERATE = `    tolerations:
    - key: virtual-kubelet.io/provider
      operator: Equal
      value: alibabacloud
      effect: NoSchedule
`;

describe('the seed\'s ResourcePolicy and its 5-executor spark-pi', () => {
  const report = planManifests(fixtures(...SEED_POLICY));
  const job = jobNamed(report, 'spark-pi');

  test('places the driver and 1 executor on ECS, 3 executors on ECI, and leaves 1 executor Pending', () => {
    expect(job.resourcePolicy).toEqual({
      namespace: 'default',
      name: 'sparkapplication-resource-policy',
      units: [
        { index: 0, resource: 'ecs', max: 2, pods: 2 },
        { index: 1, resource: 'eci', max: 3, pods: 3 },
      ],
    });
    expect(job.pending).toEqual([{
      role: 'executor',
      pods: 'executor-5',
      first: 5,
      count: 1,
      dynamicAllocation: false,
      reason: expect.objectContaining({
        code: 'UNIT_CAPS',
        policy: { kind: 'ResourcePolicy', namespace: 'default', name: 'sparkapplication-resource-policy' },
        units: [{ index: 0, resource: 'ecs', max: 2 }, { index: 1, resource: 'eci', max: 3 }],
      }),
      // The hand-written seed records no decision: plan's default makes Pending pods an error.
      severity: 'ERROR',
      message: 'executor-5: ResourcePolicy default/sparkapplication-resource-policy (ecs max 2, eci max 3): every unit the pods may use is at its max',
    }]);
    expect(job.roles.map(r => [r.role, r.pods, r.placement, r.placementText, r.pendingPods])).toEqual([
      ['driver', 1, 'RESOURCE_POLICY', 'ResourcePolicy: ecs 1', 0],
      ['executor', 5, 'RESOURCE_POLICY', 'ResourcePolicy: ecs 1, eci 3, Pending 1', 1],
    ]);
    expect(report.totals).toMatchObject({ jobs: 1, pods: 6, pendingPods: 1, eciPods: { atLeast: 3, atMost: 3 } });
  });

  test('sizes only the role that reaches ECI', () => {
    const [driver, executor] = job.roles;
    expect(driver.eci).toBeNull();
    expect(executor.request).toEqual({
      cpuMillis: 1000,
      cpuLimitMillis: 1200,
      memoryMebibytes: 896,
      memoryLimitMebibytes: 896,
      sparkMemoryMebibytes: 512,
      overheadMebibytes: 384,
      offHeapMebibytes: 0,
      pysparkMemoryMebibytes: 0,
    });
    expect(executor.eci).toMatchObject({ billed: '2-1Gi', unusedShare: 0.2625, coreLimitForSmallerSize: '1', sizeWithCoreLimit: '1-2Gi' });
    expect(job.suggestions).toEqual([{
      role: 'executor', text: 'coreLimit 1200m rounds the pod up to 2 vCPU (2-1Gi); with coreLimit 1 or none it is billed as 1-2Gi',
    }]);
  });

  test('costs the 3 ECI executors', () => {
    const priced = jobNamed(planManifests(fixtures(...SEED_POLICY), { costModel: PRICES }), 'spark-pi');
    // 2-1Gi: 2 x 0.2 + 1 x 0.02 = 0.42 per pod and hour
    expect(priced.roles[1].eciCostPerHour).toEqual({ perPod: 0.42, atLeast: 1.26, atMost: 1.26 });
    expect(priced.roles[0].eciCostPerHour).toBeNull();
    expect(priced.eciCostPerHour).toEqual({ atLeast: 1.26, atMost: 1.26 });
  });

  test('says where the policy came from and what the plan assumes', () => {
    expect(job.notes).toEqual([
      'ResourcePolicy default/sparkapplication-resource-policy (resource-policy/resourcepolicy.yaml) selects this job\'s pods: '
      + 'it applies to every pod labelled sparkoperator.k8s.io/launched-by-spark-operator=true in namespace default',
    ]);
    expect(report.assumptions).toEqual([
      'a unit whose nodes a pod\'s tolerations, node affinity or nodeSelector exclude counts as short of resources for that pod, which moves on to the next unit',
      'each ResourcePolicy unit is assumed to have room for the pods it takes; a unit short of resources sends pods on as whenTryNextUnits says',
    ]);
  });
});

describe('the seed\'s ECI-only job', () => {
  const job = jobNamed(planManifests(fixtures('eci-only.yaml'), { costModel: PRICES }), 'spark-pi-eci-only');

  test('runs every pod on ECI; executors billed 2 vCPU / 8 GiB, where 3712m fits 2 vCPU / 4 GiB', () => {
    const [driver, executor] = job.roles;
    expect(driver).toMatchObject({ placement: NodePlacement.ECI_ONLY, placementText: 'ECI', eciPods: { atLeast: 1, atMost: 1 } });
    expect(executor).toMatchObject({ placement: NodePlacement.ECI_ONLY, pods: 2, eciPods: { atLeast: 2, atMost: 2 } });
    expect(executor.request).toMatchObject({ cpuMillis: 2000, cpuLimitMillis: null, memoryMebibytes: 4505 });
    expect(executor.eci).toEqual({
      fits: true,
      billed: '2-8Gi',
      vcpu: 2,
      memoryGibibytes: 8,
      spot: false,
      spotRoundedUpFrom: null,
      instanceSpecs: null,
      unusedShare: 0.225,
      unusedVcpuShare: 0,
      unusedMemoryShare: 0.4501,
      suggestion: 'memory 4g makes a 4505 MiB pod (4096 MiB + 409 MiB overhead), billed as 2-8Gi with 45.0% of its memory unused; '
        + 'memory 3712m or less fits 2-4Gi',
      maxMemoryForSmallerSize: '3712m',
      smallerSize: '2-4Gi',
      coreLimitForSmallerSize: null,
      sizeWithCoreLimit: null,
    });
    expect(job.pending).toEqual([]);
    expect(job.suggestions.map(s => s.role)).toEqual(['driver', 'executor']);
  });

  test('costs every pod: 2-1Gi at 0.42 and 2 x 2-8Gi at 0.56', () => {
    expect(job.roles.map(r => r.eciCostPerHour)).toEqual([
      { perPod: 0.42, atLeast: 0.42, atMost: 0.42 },
      { perPod: 0.56, atLeast: 1.12, atMost: 1.12 },
    ]);
    expect(job.eciCostPerHour).toEqual({ atLeast: 1.54, atMost: 1.54 });
  });
});

describe('placement read from hand-written tolerations and affinity', () => {
  test('the seed\'s ECS-first job may use ECI, ECS first', () => {
    const job = jobNamed(planManifests(fixtures('ecs-first.yaml'), { costModel: PRICES }), 'spark-pi-ecs-first');
    expect(job.roles.map(r => [r.placement, r.placementText, r.eciPods])).toEqual([
      [NodePlacement.ECS_FIRST, 'ECS then ECI', { atLeast: 0, atMost: 1 }],
      [NodePlacement.ECS_FIRST, 'ECS then ECI', { atLeast: 0, atMost: 2 }],
    ]);
    expect(job.roles[1].eciCostPerHour).toEqual({ perPod: 0.56, atLeast: 0, atMost: 1.12 });
  });

  test('the seed\'s ECS-only job stays off ECI and has no ECI size', () => {
    const job = jobNamed(planManifests(fixtures('ecs-only.yaml')), 'spark-pi-ecs-only');
    expect(job.roles.map(r => [r.placement, r.eci, r.eciPods.atMost])).toEqual([
      [NodePlacement.ECS_ONLY, null, 0],
      [NodePlacement.ECS_ONLY, null, 0],
    ]);
    expect(job.suggestions).toEqual([]);
  });

  test.each<[string, string, NodePlacement]>([
    ['no toleration', '', NodePlacement.ECS_ONLY],
    ['the toleration alone', TOLERATE, NodePlacement.ECS_OR_ECI],
    ['a keyless Exists toleration', '    tolerations:\n    - operator: Exists\n', NodePlacement.ECS_OR_ECI],
    ['Exists on the key, any effect', '    tolerations:\n    - key: virtual-kubelet.io/provider\n      operator: Exists\n', NodePlacement.ECS_OR_ECI],
    ['a toleration for another effect', '    tolerations:\n    - key: virtual-kubelet.io/provider\n      operator: Exists\n      effect: NoExecute\n',
      NodePlacement.ECS_ONLY],
    ['a toleration for another value', '    tolerations:\n    - key: virtual-kubelet.io/provider\n      value: aws\n', NodePlacement.ECS_ONLY],
    ['the toleration and nodeSelector type: virtual-kubelet', `${TOLERATE}    nodeSelector:\n      type: virtual-kubelet\n`, NodePlacement.ECI_ONLY],
    ['the toleration and required type NotIn [virtual-kubelet]', `${TOLERATE}    affinity:
      nodeAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms:
          - matchExpressions:
            - {key: type, operator: NotIn, values: [virtual-kubelet]}
`, NodePlacement.ECS_ONLY],
    ['the toleration and a preference for virtual nodes', `${TOLERATE}    affinity:
      nodeAffinity:
        preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 50
          preference:
            matchExpressions:
            - {key: type, operator: In, values: [virtual-kubelet]}
`, NodePlacement.ECI_FIRST],
    ['required terms, one of which admits virtual nodes', `${TOLERATE}    affinity:
      nodeAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms:
          - matchExpressions:
            - {key: type, operator: In, values: [virtual-kubelet]}
          - matchExpressions:
            - {key: kubernetes.io/arch, operator: In, values: [amd64]}
`, NodePlacement.ECS_OR_ECI],
    ['the pod label that forces ECI', '    labels:\n      alibabacloud.com/eci: "true"\n', NodePlacement.ECI_ONLY],
    ['placement in the pod template', `    template:
      spec:
        containers: []
        tolerations:
        - {key: virtual-kubelet.io/provider, operator: Equal, value: alibabacloud, effect: NoSchedule}
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - {key: type, operator: Exists}
`, NodePlacement.ECI_ONLY],
  ])('%s', (_name, executor, expected) => {
    const job = planManifests(yaml(app('job', executor))).jobs[0];
    expect(job.roles[1].placement).toBe(expected);
    expect(job.roles[0].placement).toBe(NodePlacement.ECS_ONLY);
  });

  test('pods that require virtual nodes without the toleration stay Pending, and say why', () => {
    const job = planManifests(yaml(app('job', '    nodeSelector:\n      type: virtual-kubelet\n'))).jobs[0];
    expect(job.roles[1]).toMatchObject({ placement: NodePlacement.NOWHERE, placementText: 'none (Pending)', pendingPods: 2, eci: null });
    expect(job.pending).toEqual([expect.objectContaining({
      role: 'executor',
      pods: 'executor-1, executor-2',
      reason: expect.objectContaining({ code: 'NO_NODE', ecsObstacle: 'REQUIRES_VIRTUAL_NODES', eciObstacle: 'NO_ECI_TOLERATION' }),
      message: 'executor-1, executor-2: no node can take them: ECS nodes refuse them (their nodeSelector type: virtual-kubelet names '
        + 'ECI virtual nodes only); ECI virtual nodes refuse them (they do not tolerate the ECI taint virtual-kubelet.io/provider=alibabacloud:NoSchedule)',
    })]);
  });

  test('pods no node matches stay Pending', () => {
    const job = planManifests(yaml(app('job', `${TOLERATE}    nodeSelector:\n      type: gpu\n`))).jobs[0];
    expect(job.pending.map(p => [p.pods, p.reason.code, p.reason.ecsObstacle, p.reason.eciObstacle]))
      .toEqual([['executor-1, executor-2', 'NO_NODE', 'NODE_LABELS', 'NODE_LABELS']]);
  });

  test('spec.nodeSelector applies to both roles', () => {
    const job = planManifests(yaml(app('job', TOLERATE).replace('  driver:\n', `  nodeSelector:\n    type: virtual-kubelet\n  driver:\n${TOLERATE}`))).jobs[0];
    expect(job.roles.map(r => r.placement)).toEqual([NodePlacement.ECI_ONLY, NodePlacement.ECI_ONLY]);
  });

  test('pods forced onto ECI that fit no ECI size cannot be created', () => {
    const job = planManifests(yaml(app('huge', `    cores: 80\n${TOLERATE}    nodeSelector:\n      type: virtual-kubelet\n`))).jobs[0];
    expect(job.roles[1]).toMatchObject({ pendingPods: 2, eciPods: { atLeast: 0, atMost: 0 }, eci: { fits: false, billed: null } });
    expect(job.pending[0].reason).toMatchObject({
      code: 'NO_ECI_SIZE', eciDetail: 'no ECI size fits a pod of 80 vCPU / 1408 MiB in the table every region offers; the largest is 64-512Gi',
    });
  });
});

describe('ResourcePolicies in the input', () => {
  const policy = (spec: string, namespace = 'default') => `apiVersion: scheduling.alibabacloud.com/v1alpha1
kind: ResourcePolicy
metadata:
  name: policy
  namespace: ${namespace}
spec:
${spec}`;
  const SEED_UNITS = '  units:\n  - {resource: ecs, max: 2}\n  - {resource: eci, max: 3}\n';

  test('a policy in another namespace does not apply', () => {
    const job = planManifests(yaml(policy(SEED_UNITS, 'other'), app('job', TOLERATE))).jobs[0];
    expect(job.resourcePolicy).toBeNull();
    expect(job.roles[1].placement).toBe(NodePlacement.ECS_OR_ECI);
  });

  test('a policy whose selector matches no pod does not apply', () => {
    const job = planManifests(yaml(policy(`  selector:\n    app: other\n${SEED_UNITS}`), app('job', TOLERATE))).jobs[0];
    expect(job.resourcePolicy).toBeNull();
  });

  test('a policy that selects only the executors leaves the driver to its affinity', () => {
    const selector = '  selector:\n    matchLabels:\n      spark-role: executor\n';
    const job = planManifests(yaml(policy(`${selector}${SEED_UNITS}`), app('job', TOLERATE))).jobs[0];
    expect(job.roles.map(r => r.placementText)).toEqual(['ECS', 'ResourcePolicy: ecs 2']);
    expect(job.resourcePolicy?.units[0].pods).toBe(2);
  });

  test('an eci unit takes pods without the ECI toleration: it adds the toleration inside the scheduler', () => {
    const job = planManifests(yaml(policy('  units:\n  - {resource: eci, max: 1}\n  - {resource: ecs}\n'), app('job', ''))).jobs[0];
    expect(job.roles.map(r => r.placementText)).toEqual(['ResourcePolicy: eci 1', 'ResourcePolicy: ecs 2']);
    expect(job.pending).toEqual([]);
  });

  test('an eci unit does not take pods whose affinity excludes virtual nodes; with ExceedMax they wait there', () => {
    const ecsOnly = '    affinity:\n      nodeAffinity:\n        requiredDuringSchedulingIgnoredDuringExecution:\n          nodeSelectorTerms:\n'
      + '          - matchExpressions:\n            - {key: type, operator: NotIn, values: [virtual-kubelet]}\n';
    const job = planManifests(yaml(policy('  units:\n  - {resource: eci, max: 1}\n  - {resource: ecs}\n'), app('job', ecsOnly))).jobs[0];
    expect(job.roles[1].placementText).toBe('ResourcePolicy: ecs 2');
    const waiting = planManifests(yaml(policy('  whenTryNextUnits:\n    policy: ExceedMax\n  units:\n  - {resource: eci, max: 5}\n  - {resource: ecs}\n'),
      app('job', ecsOnly))).jobs[0];
    expect(waiting.pending.map(p => p.pods)).toEqual(['executor-1, executor-2']);
    expect(waiting.pending[0].message).toBe('executor-1, executor-2: ResourcePolicy default/policy units[0] (eci) cannot take them '
      + '(their required node affinity type NotIn [virtual-kubelet] keeps them off ECI virtual nodes (type: virtual-kubelet)), '
      + 'and whenTryNextUnits ExceedMax keeps them waiting there');
  });

  test('an ecs unit does not take pods that require virtual nodes', () => {
    const eciOnly = `${TOLERATE}    nodeSelector:\n      type: virtual-kubelet\n`;
    const job = planManifests(yaml(policy(SEED_UNITS), app('job', eciOnly))).jobs[0];
    expect(job.roles[1].placementText).toBe('ResourcePolicy: eci 2');
    const full = planManifests(yaml(policy('  units:\n  - {resource: ecs, max: 2}\n  - {resource: eci, max: 1}\n'), app('job', eciOnly))).jobs[0];
    expect(full.pending.map(p => [p.pods, p.message])).toEqual([['executor-2',
      'executor-2: ResourcePolicy default/policy (eci max 1): every unit the pods may use is at its max']]);
  });

  test('pods missing a matchLabelKeys label are rejected, as PlacementPlan says', () => {
    const job = planManifests(yaml(policy(`  matchLabelKeys: [team]\n${SEED_UNITS}`), app('job', TOLERATE))).jobs[0];
    expect(job.pending.map(p => [p.pods, p.reason.code, p.reason.missingLabels])).toEqual([
      ['driver', 'MISSING_MATCH_LABEL', ['team']],
      ['executor-1, executor-2', 'MISSING_MATCH_LABEL', ['team']],
    ]);
  });

  test('the forcing label overrides the policy', () => {
    const forced = app('job', '    labels:\n      alibabacloud.com/eci: "true"\n').replace('  driver:\n', '  driver:\n    labels:\n      alibabacloud.com/eci: "true"\n');
    const job = planManifests(yaml(policy(SEED_UNITS), forced)).jobs[0];
    expect(job.resourcePolicy).toBeNull();
    expect(job.roles.map(r => r.placement)).toEqual([NodePlacement.ECI_ONLY, NodePlacement.ECI_ONLY]);
    expect(job.problems.map(p => [p.code, p.severity, p.role, p.field])).toEqual([
      ['ECI_LABEL_UNDER_POLICY', 'ERROR', 'driver', 'spec.driver.labels'],
      ['ECI_LABEL_UNDER_POLICY', 'ERROR', 'executor', 'spec.executor.labels'],
      ['IMAGE_CACHE_ON_FIRST_RUN', 'WARNING', null, null],
    ]);
  });

  test('two policies that select the same pods are an error (ACK documents no rule); the first in the input plans them', () => {
    const second = policy(SEED_UNITS).replace('name: policy', 'name: second');
    const report = planManifests(yaml(policy(SEED_UNITS), second, app('job', TOLERATE)));
    const job = report.jobs[0];
    expect(job.resourcePolicy?.name).toBe('policy');
    expect(job.problems.map(p => [p.code, p.severity, p.role, p.objects.map(o => o.name)])).toEqual([
      ['POLICY_OVERLAP', 'ERROR', 'driver', ['policy', 'second']],
      ['POLICY_OVERLAP', 'ERROR', 'executor', ['policy', 'second']],
      ['IMAGE_CACHE_ON_FIRST_RUN', 'WARNING', null, []],
    ]);
    expect(report.totals.errors).toBe(2);
  });

  test('acs units are not priced', () => {
    const job = planManifests(yaml(policy('  units:\n  - {resource: acs}\n'), app('job', TOLERATE)), { costModel: PRICES }).jobs[0];
    expect(job.roles[1].placementText).toBe('ResourcePolicy: acs 2');
    expect(job.eciCostPerHour).toEqual({ atLeast: 0, atMost: 0 });
    expect(job.notes).toContain('executor: pods in acs units run on ACS, which this plan does not price');
  });

  test.each<[string, string, string]>([
    ['no units', '  units: []\n', 'inline.yaml: document 1: ResourcePolicy policy: spec.units must list at least one unit (got [])'],
    ['a unit without resource', '  units:\n  - {max: 2}\n', 'spec.units[0].resource must be ecs, eci, elastic or acs (got undefined)'],
    ['a fractional max', '  units:\n  - {resource: ecs, max: 1.5}\n', 'spec.units[0].max must be an integer from 0 to 2147483647 (got 1.5)'],
    ['a selector list', '  selector: [a]\n  units:\n  - {resource: ecs}\n', 'spec.selector must be a map of labels (got ["a"])'],
    ['a selector number', '  selector:\n    a: 1\n  units:\n  - {resource: ecs}\n', 'spec.selector["a"] must be a string (got 1)'],
    ['bad matchLabelKeys', '  matchLabelKeys: a\n  units:\n  - {resource: ecs}\n', 'spec.matchLabelKeys must be a list of label keys (got "a")'],
  ])('refuses a policy with %s', (_name, spec, message) => {
    expect(() => planManifests(yaml(policy(spec)))).toThrow(message);
  });
});

describe('ScheduledSparkApplications', () => {
  const report = planManifests(fixtures('scheduled.yaml'), { costModel: PRICES });
  const job = report.jobs[0];

  test('are planned from their template, with the placement of the executors\' pod template', () => {
    expect(report.jobs).toHaveLength(1); // the Service is ignored
    expect(job).toMatchObject({ kind: 'ScheduledSparkApplication', namespace: 'analytics', name: 'nightly-report', schedule: '0 3 * * *' });
    expect(job.roles.map(r => [r.role, r.pods, r.placement])).toEqual([
      ['driver', 1, NodePlacement.ECS_ONLY],
      ['executor', 8, NodePlacement.ECI_ONLY],
    ]);
    // 6g + 0.2 x 6g overhead = 7372 MiB, 1500m: the first eci-use-specs size that fits, on spot
    expect(job.roles[1].eci).toMatchObject({ billed: '2-8Gi', spot: true, instanceSpecs: ['2-8Gi', '4-16Gi'] });
    // 2-8Gi: 0.56 on demand, 70% off on spot, 8 executors
    expect(job.roles[1].eciCostPerHour).toEqual({ perPod: 0.168, atLeast: 1.344, atMost: 1.344 });
    expect(job.notes).toEqual([
      'planned from spec.template: each run is a SparkApplication named nightly-report-<timestamp>',
      'executor: dynamic allocation: sized at maxExecutors (8 executors)',
      'executor: eci-use-specs instance types (ecs.c6.xlarge) are not sized; the fit uses its vCPU/memory sizes only',
    ]);
  });

  test('spot pods are priced on demand when no spot discount is given', () => {
    const plain = planManifests(fixtures('scheduled.yaml'), { costModel: new CostModel({ pricePerVcpuHour: 0.2, pricePerGibHour: 0.02 }) }).jobs[0];
    expect(plain.roles[1].eciCostPerHour?.perPod).toBe(0.56);
    expect(plain.notes).toContain('executor: spot pods priced at pay-as-you-go: pass --spot-discount for spot prices');
  });
});

describe('reading the input', () => {
  test('skips empty documents and objects of other kinds, and expands Lists', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${app('listed', '').replace(/\n/g, '\n  ')}`;
    // Nothing before the first `---` is no document: the List is document 3.
    const report = planManifests(yaml('', '# only a comment', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x', list));
    expect(report.jobs.map(j => [j.name, j.source])).toEqual([['listed', { file: 'inline.yaml', document: 3, path: null }]]);
  });

  test('a job without a namespace is planned in default, with a note', () => {
    const job = planManifests(yaml(app('job', '').replace('  namespace: default\n', ''))).jobs[0];
    expect(job.namespace).toBe('default');
    expect(job.notes).toContain('no metadata.namespace: planned in default; kubectl applies it to the namespace of its context');
  });

  test.each<[string, ManifestFile[], string, number | undefined]>([
    ['YAML that does not parse', fixtures('invalid/bad-yaml.yaml'),
      'invalid/bad-yaml.yaml: document 2: YAML does not parse (line 12): missed comma between flow collection entries at line 12, column 3',
      2],
    ['a Spark value Spark refuses', fixtures('invalid/bad-memory.yaml'),
      'invalid/bad-memory.yaml: document 2: SparkApplication spark-pi: spec.executor.memory must be a Spark memory string: '
      + 'a whole number with an optional b, k, m, g, t or p suffix, e.g. "512m" or "4g" (not "1Gi" or "1.5g") (got "4Gi")', 2],
    ['a document that is not a Kubernetes object', yaml('apiVersion: v1\nkind: ConfigMap', '- a\n- b'),
      'inline.yaml: document 2: is not a Kubernetes object: it needs apiVersion and kind', 2],
    ['a Spark object without a name', yaml('apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec: {}'),
      'inline.yaml: document 1: SparkApplication: metadata.name must be a non-empty string (got undefined)', 1],
  ])('refuses %s, naming the file and the document', (_name, files, message, document) => {
    let error: unknown;
    try {
      planManifests(files);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanInputError);
    expect((error as PlanInputError).message).toBe(message);
    expect((error as PlanInputError).document).toBe(document);
  });
});

describe('rendering', () => {
  const all = fixtures('eci-only.yaml', 'ecs-first.yaml', 'ecs-only.yaml', 'scheduled.yaml', ...SEED_POLICY);

  test('the table, with prices', () => {
    expect(renderTable(planManifests(all, { costModel: PRICES }))).toMatchSnapshot();
  });

  test('the table, without prices', () => {
    const table = renderTable(planManifests(all));
    expect(table).toMatchSnapshot();
    expect(table).not.toContain('COST');
  });

  test('lines up the columns of every job', () => {
    const lines = renderTable(planManifests(all)).split('\n');
    const headers = lines.filter(l => l.startsWith('  ROLE '));
    expect(headers).toHaveLength(5);
    expect(new Set(headers).size).toBe(1);
    const column = headers[0].indexOf('ECI SIZE');
    for (const line of lines.filter(l => /^ {2}(driver|executor) /.test(l))) {
      expect(line[column - 1]).toBe(' ');
      expect(line[column]).not.toBe(' ');
    }
  });

  test('JSON holds the same report', () => {
    const report = planManifests(all, { costModel: PRICES });
    expect(JSON.parse(renderJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(renderJson(report).endsWith('}\n')).toBe(true);
  });

  test('says when there is nothing to plan', () => {
    expect(renderTable(planManifests(yaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x')))).toBe('No SparkApplication or ScheduledSparkApplication found.\n');
  });
});

const describeWithSeed = seedAvailable() ? describe : describe.skip;

describeWithSeed('the fixtures are the seed\'s manifests, unchanged', () => {
  test.each<[string, SeedKey]>([
    ['resource-policy/resourcepolicy.yaml', 'resource-policy'],
    ['resource-policy/spark-pi.yaml', 'spark-pi-5-executors'],
    ['eci-only.yaml', 'eci-only'],
    ['ecs-first.yaml', 'ecs-first'],
    ['ecs-only.yaml', 'ecs-only'],
  ])('%s', (file, key) => {
    const docs = parseAllDocuments(fs.readFileSync(path.join(FIXTURES, file), 'utf8')).map(d => d.toJS());
    expect(docs).toEqual([seedManifest(key)]);
  });
});
