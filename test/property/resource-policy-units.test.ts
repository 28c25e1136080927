import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { ResourcePolicyCase, resourcePolicyCase } from './arbitraries';
import { Counts, Mutation, Schemas, expectRefusal, mutation, newChart, parameters, report, silenceWarnings, synthValid } from './support';
import {
  EciPlacement, PendingPods, PreemptPolicy, ResourcePolicyUnit, ResourcePolicyUnits, SparkApplicationType, SparkJob, SparkPlacement,
  SparkPodSelector, UnitResourceKind, WhenTryNextUnits,
} from '../../src';

const counts = new Counts('ResourcePolicyUnits');
silenceWarnings();
afterAll(() => report(counts));

/** A case, with for invalid cases a job in another namespace or already placed. */
interface PolicyCase extends ResourcePolicyCase {
  readonly jobNamespace?: string;
  readonly jobPlacement?: SparkPlacement;
}

function build(c: PolicyCase) {
  const chart = newChart('spark');
  const policy = new ResourcePolicyUnits(chart, 'Policy', c.props);
  if (c.job) {
    const job = new SparkJob(chart, 'Job', {
      type: SparkApplicationType.SCALA,
      sparkVersion: '3.5.2',
      image: 'spark:3.5.2',
      mainApplicationFile: 'local:///opt/app.jar',
      metadata: { name: 'etl', namespace: c.jobNamespace },
      executor: { instances: c.job.instances },
      placement: c.jobPlacement,
      unschedulablePods: PendingPods.ALLOW,
    });
    policy.addJob(job, { pendingPods: c.job.pendingPods });
  }
  return chart;
}

type M = fc.Arbitrary<Mutation<PolicyCase>>;

const KINDS: Array<[UnitResourceKind, (o: any) => ResourcePolicyUnit]> = [
  [UnitResourceKind.ECS, o => ResourcePolicyUnit.ecs(o)],
  [UnitResourceKind.ECI, o => ResourcePolicyUnit.eci(o)],
  [UnitResourceKind.ACS, o => ResourcePolicyUnit.acs(o)],
];

/** A unit of any kind built with bad options, prepended to the valid units. */
function badUnit(name: string, prop: string, options: fc.Arbitrary<any>): M {
  return mutation<PolicyCase, [[UnitResourceKind, (o: any) => ResourcePolicyUnit], any]>(name, ([[kind]]) => `ResourcePolicyUnit.${kind}() options.${prop}`,
    fc.tuple(fc.constantFrom(...KINDS), options),
    (c, [[, make], o]) => ({ ...c, props: { ...c.props, units: [make(o), ...c.props.units ?? []] } }));
}

function props(name: string, prop: string, values: fc.Arbitrary<any>, apply: (c: PolicyCase, v: any) => PolicyCase): M {
  return mutation<PolicyCase, any>(name, prop, values, apply);
}

const UNBOUNDED = () => [ResourcePolicyUnit.ecs(), ResourcePolicyUnit.eci()];

/** A policy whose units have no max, with one field that needs a max. */
function withoutMax(c: PolicyCase, field: object): PolicyCase {
  return {
    ...c,
    job: undefined,
    props: { ...c.props, units: UNBOUNDED(), ignorePreviousPod: undefined, ignoreTerminatingPod: undefined, matchLabelKeys: undefined, ...field },
  };
}

/** A policy for an old scheduler: only `units` and the field under test use versioned features. */
function oldScheduler(c: PolicyCase, schedulerVersion: string, units: ResourcePolicyUnit[], extra: object = {}): PolicyCase {
  return {
    ...c,
    job: undefined,
    props: {
      metadata: c.props.metadata,
      selector: SparkPodSelector.custom({}),
      schedulerVersion,
      units,
      ...extra,
    },
  };
}

const mutations: M[] = [
  badUnit('max', 'max', fc.constantFrom(-1, 1.5, NaN).map(max => ({ max }))),
  badUnit('nodeSelector key', 'nodeSelector key', fc.constantFrom('bad key', '-x', 'a/b/c', 'x'.repeat(64)).map(k => ({ nodeSelector: { [k]: 'v' } }))),
  badUnit('nodeSelector value', 'nodeSelector["zone"]', fc.constantFrom('a b', '-x', 'x'.repeat(64)).map(v => ({ nodeSelector: { zone: v } }))),
  badUnit('ECI label', 'podLabels["alibabacloud.com/eci"]', fc.constantFrom('true', 'false').map(v => ({ podLabels: { 'alibabacloud.com/eci': v } }))),
  badUnit('podAnnotations key', 'podAnnotations key', fc.constantFrom('/x', 'a b').map(k => ({ podAnnotations: { [k]: 'v' } }))),
  badUnit('empty maxResources', 'maxResources', fc.constant({ maxResources: {} })),
  badUnit('maxResources quantity', 'maxResources.custom["nvidia.com/gpu"]',
    fc.constantFrom('-1', '1.5Gb', '', 'lots').map(q => ({ maxResources: { custom: { 'nvidia.com/gpu': q } } }))),
  badUnit('maxResources repeated', 'maxResources.custom', fc.constant({ maxResources: { cpu: Cpu.units(2), custom: { cpu: '4' } } })),
  badUnit('maxResources memory', 'maxResources.memory', fc.constantFrom(0.5, 1.25).map(k => ({ maxResources: { memory: Size.kibibytes(k) } }))),
  badUnit('maxResources cpu', 'maxResources.cpu', fc.constantFrom(Cpu.units(-1), Cpu.millis(NaN)).map(cpu => ({ maxResources: { cpu } }))),
  props('waitForEcsScaling against its label', 'ResourcePolicyUnit.ecs() options.podLabels["k8s.aliyun.com/resource-policy-wait-for-ecs-scaling"]', fc.constantFrom('false', 'no'),
    (c, v) => ({
      ...c,
      props: {
        ...c.props,
        units: [ResourcePolicyUnit.ecs({ waitForEcsScaling: true, podLabels: { [ResourcePolicyUnit.WAIT_FOR_ECS_SCALING_LABEL]: v } })],
      },
    })),
  props('no units', 'units', fc.constant(undefined), c => ({ ...c, props: { ...c.props, units: [] } })),
  props('units left out', 'units', fc.constant(undefined), c => ({ ...c, job: undefined, props: { ...c.props, units: undefined } })),
  props('ignore flags without a max', 'ignorePreviousPod', fc.boolean(), (c, v) => withoutMax(c, { ignorePreviousPod: v })),
  props('ignoreTerminatingPod without a max', 'ignoreTerminatingPod', fc.boolean(), (c, v) => withoutMax(c, { ignoreTerminatingPod: v })),
  props('grouping without a max', 'matchLabelKeys', fc.constantFrom(['team'], ['example.com/run']), (c, v) => withoutMax(c, { matchLabelKeys: v })),
  props('grouping key the selector has', 'matchLabelKeys', fc.constant('sparkoperator.k8s.io/submission-id'),
    (c, v) => ({ ...c, props: { ...c.props, selector: SparkPodSelector.allSparkPods(), matchLabelKeys: [v] } })),
  props('bad grouping key', 'matchLabelKeys', fc.constantFrom(['not a key'], ['a', 'a'], ['']),
    (c, v) => ({ ...c, props: { ...c.props, matchLabelKeys: v } })),
  props('schedulerVersion', 'schedulerVersion', fc.constantFrom('latest', '', 'six', 'v', '6..4'),
    (c, v) => ({ ...c, props: { ...c.props, schedulerVersion: v } })),
  props('preemptPolicy on an old scheduler', 'preemptPolicy', fc.constantFrom('6.0', '5.9.9', 'v1.22.15-aliyun-6.0.1'),
    (c, v) => ({ ...c, props: { ...c.props, schedulerVersion: v, preemptPolicy: PreemptPolicy.BEFORE_NEXT_UNIT } })),
  props('whenTryNextUnits on an old scheduler', 'whenTryNextUnits', fc.constantFrom('6.3', '6.1.0'),
    (c, v) => oldScheduler(c, v, UNBOUNDED(), { whenTryNextUnits: WhenTryNextUnits.exceedMax() })),
  props('grouping on an old scheduler', 'matchLabelKeys', fc.constantFrom('6.1', '5.0'),
    (c, v) => oldScheduler(c, v, [ResourcePolicyUnit.ecs({ max: 2 })], { matchLabelKeys: ['team'] })),
  props('an acs unit on an old scheduler', 'units[0].resource', fc.constantFrom('6.4', '6.7.0'),
    (c, v) => oldScheduler(c, v, [ResourcePolicyUnit.acs()])),
  props('maxResources on an old scheduler', 'units[0].maxResources', fc.constantFrom('6.9', '6.9.4'),
    (c, v) => oldScheduler(c, v, [ResourcePolicyUnit.ecs({ maxResources: { cpu: Cpu.units(8) } })])),
  props('max on an old scheduler', 'units[0].max', fc.constantFrom('4.9', '3'),
    (c, v) => oldScheduler(c, v, [ResourcePolicyUnit.eci({ max: 3 })])),
  props('timeout', 'whenTryNextUnits.timeout', fc.constantFrom(Duration.millis(0.5), Duration.seconds(0)),
    (c, v) => ({ ...c, props: { ...c.props, whenTryNextUnits: WhenTryNextUnits.timeoutOrExceedMax(v) } })),
  props('job selector name', 'SparkPodSelector.job name', fc.constantFrom('Bad_Name!', '', 'x'.repeat(64)),
    (c, v) => ({ ...c, props: { ...c.props, selector: SparkPodSelector.job(v) } })),
  props('custom selector label', 'SparkPodSelector.custom labels key', fc.constantFrom('bad key!', '/'),
    (c, v) => ({ ...c, props: { ...c.props, selector: SparkPodSelector.custom({ [v]: 'x' }) } })),
  props('a job with no role that may run on ECI', 'placement',
    fc.constant(SparkPlacement.of(EciPlacement.ecsOnly())),
    (c, v) => ({ ...c, job: c.job ?? { instances: 1, pendingPods: PendingPods.ALLOW }, jobPlacement: v })),
  props('an ECS-only role under a policy with its own selector', 'placement',
    fc.constantFrom(SparkPlacement.recommended(), SparkPlacement.perRole({ executor: EciPlacement.ecsFirst() })),
    (c, v) => ({
      ...c,
      // A selector that selects the ECS-only role (the model reads which roles a selector selects).
      props: { ...c.props, selector: SparkPodSelector.allSparkPods() },
      job: c.job ?? { instances: 1, pendingPods: PendingPods.ALLOW },
      jobPlacement: v,
    })),
  props('a job in another namespace', 'namespace of job etl', fc.constantFrom('other', 'default'),
    (c, v) => ({ ...c, job: c.job ?? { instances: 1, pendingPods: PendingPods.ALLOW }, jobNamespace: v })),
];

describe('ResourcePolicyUnits properties', () => {
  test('valid prop sets synthesize to ResourcePolicies the CRD accepts, with no pruned field', () => {
    fc.assert(fc.property(resourcePolicyCase(), c => {
      counts.valid++;
      const manifests = synthValid(build(c), Schemas.OWN);
      const policy = manifests.find(m => m.kind === 'ResourcePolicy');
      const kinds = policy.spec.units.map((u: any) => u.resource);
      const expected = c.props.units!.map(u => u.resource);
      if (JSON.stringify(kinds) !== JSON.stringify(expected)) { throw new Error(`units ${kinds} are not in the order given (${expected})`); }
      counts.passed++;
    }), parameters());
  });

  test('invalid prop sets end in the library\'s own validation error', () => {
    fc.assert(fc.property(resourcePolicyCase(), fc.oneof(...mutations), (c, m) => {
      counts.invalid++;
      expectRefusal(m.propFor(c), () => build(m.apply(c)), Schemas.OWN);
      counts.refused++;
    }), parameters());
  });
});
