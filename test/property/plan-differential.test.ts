/**
 * The constructs, the `plan` command, the validation plugin and the testing kit must decide the
 * same from the same app: generated apps (several jobs of both kinds, random placements per role,
 * policies with random units, caps, selectors, matchLabelKeys and namespaces, dynamic allocation
 * from the prop or from sparkConf, instance specs, GPUs, gangs written by the prop or by hand (the
 * driver in the group too), `maxPendingPods`, queues, image caches and cache annotations, and a
 * quota tree whose leaves several jobs share, with mins and maxes for cpu and memory) are planned
 * at synth from the constructs' own rendered output, by the plan command's reader from the
 * synthesized YAML and by the testing kit, and the plans must be equal field by field; the plugin,
 * over the same YAML as a file, must count the same pods and report the same findings. A second
 * property checks that synthesis with the default severities fails exactly when that plan has
 * Pending pods or errors.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Size, Yaml } from 'cdk8s';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { Cpu } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { parameters, SEED, NUM_RUNS } from './support';
import {
  AbstractSparkJob, EciImageCache, EciInstanceSpec, ElasticQuotaTree, ImageCache, IValidationContext, JobQueue, EciPlacement, EciPodOptions,
  PendingPods, ResourcePolicyUnit, ResourcePolicyUnits, ScheduledSparkJob, SparkApplicationType, SparkJob, SparkPlacement, SparkPlanValidation,
  SparkPodSelector, SparkTesting,
} from '../../src';
import { planReportOf } from '../../src/checks/cluster-check';
import { JobPlan, planManifests, PlanReport } from '../../src/model/plan';

type PlacementKind = 'none' | 'ecsOnly' | 'eciOnly' | 'ecsFirst' | 'resourcePolicy';

interface JobSpec {
  readonly scheduled: boolean;
  readonly namespace: string;
  readonly instances: number;
  readonly cores: number;
  readonly memoryMebibytes: number;
  readonly driver: PlacementKind;
  readonly executor: PlacementKind;
  readonly specs?: string;
  readonly dynamicMax?: number | null;
  readonly gpu: boolean;
  readonly gang?: { readonly minAvailable?: number };
  /** Gang labels written by hand instead of the prop: on the executors only, or on the driver too (which deadlocks above 1). */
  readonly handGang?: { readonly driverToo: boolean; readonly minAvailable: number };
  /** `spark.kubernetes.allocation.maxPendingPods`. */
  readonly maxPendingPods?: number;
  /** Dynamic allocation switched on through sparkConf rather than the prop. */
  readonly confDynamicAllocation: boolean;
  readonly queue: 'none' | 'kueue' | 'ackKubeQueue';
  /** The executors' image-cache option on ECI: none (ECI's default matching), auto, off or a cache id. */
  readonly imageCache: 'none' | 'auto' | 'off' | 'id';
  /**
   * Deadlines (minutes; `start` only where a role may run on ECI, `run` on Spark 4), `timeToLive`
   * in seconds, and whether the job asks for deadlines (the annotation a profile's `requireDeadlines` writes).
   */
  readonly deadlines: { readonly start?: number; readonly run?: number; readonly ttl?: number; readonly required: boolean };
}

interface PolicySpec {
  readonly namespace: string;
  readonly units: Array<{ resource: 'ecs' | 'eci' | 'acs'; max?: number; arch: boolean }>;
  readonly selector: 'scoped' | 'all' | 'perRole' | 'everyPod';
  readonly jobs: number[];
}

interface AppSpec {
  readonly jobs: JobSpec[];
  readonly policies: PolicySpec[];
  /**
   * A quota tree: one leaf takes both namespaces, or one leaf per namespace under a root with its
   * own max; cpu and memory bounds per leaf.
   */
  readonly quota?: {
    readonly rootMaxCpu: number;
    readonly leaves: ReadonlyArray<{ readonly minCpu: number; readonly maxCpu: number; readonly minGib: number; readonly maxGib: number }>;
  };
  /** ImageCache objects: for the jobs' image, or for another one. */
  readonly caches: ReadonlyArray<'jobImage' | 'otherImage'>;
}

const placementKind: fc.Arbitrary<PlacementKind> = fc.constantFrom('none', 'ecsOnly', 'eciOnly', 'ecsFirst', 'resourcePolicy');

const jobSpec: fc.Arbitrary<JobSpec> = fc.record({
  scheduled: fc.boolean(),
  namespace: fc.constantFrom('default', 'spark'),
  instances: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant(2147483647)),
  cores: fc.integer({ min: 1, max: 80 }),
  memoryMebibytes: fc.constantFrom(512, 1024, 3712, 4096, 16384),
  driver: placementKind,
  executor: placementKind,
  specs: fc.option(fc.constantFrom('2-4Gi', '1-2Gi,2-4Gi', '4-8Gi', 'ecs.gn6i-c4g1.xlarge'), { nil: undefined }),
  dynamicMax: fc.option(fc.oneof(fc.integer({ min: 8, max: 20 }), fc.constant(null)), { nil: undefined }),
  gpu: fc.boolean(),
  gang: fc.option(fc.record({ minAvailable: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }) }), { nil: undefined }),
  handGang: fc.option(fc.record({ driverToo: fc.boolean(), minAvailable: fc.integer({ min: 1, max: 6 }) }), { nil: undefined }),
  maxPendingPods: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  confDynamicAllocation: fc.boolean(),
  queue: fc.constantFrom('none' as const, 'kueue' as const, 'ackKubeQueue' as const),
  imageCache: fc.constantFrom('none' as const, 'auto' as const, 'off' as const, 'id' as const),
  deadlines: fc.record({
    start: fc.option(fc.integer({ min: 10, max: 1440 }), { nil: undefined }),
    run: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
    ttl: fc.option(fc.integer({ min: 0, max: 864_000 }), { nil: undefined }),
    required: fc.boolean(),
  }),
}).map(j => (j.gang && j.handGang ? { ...j, handGang: undefined } : j)); // the prop refuses hand-written gang labels beside it

const policySpec: fc.Arbitrary<PolicySpec> = fc.record({
  namespace: fc.constantFrom('default', 'spark'),
  units: fc.array(fc.record({
    resource: fc.constantFrom('ecs' as const, 'eci' as const, 'acs' as const),
    max: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    arch: fc.boolean(),
  }), { minLength: 1, maxLength: 3 }),
  selector: fc.constantFrom('scoped' as const, 'all' as const, 'perRole' as const, 'everyPod' as const),
  jobs: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
}).map(p => (p.selector === 'perRole' && p.units.every(u => u.max === undefined)
  // explicit matchLabelKeys need a unit with a max (the policy refuses them otherwise): not this property's subject
  ? { ...p, selector: 'all' as const } : p));

const quotaLeaf = fc.integer({ min: 1, max: 48 }).chain(minCpu => fc.integer({ min: 1, max: 64 }).chain(minGib => fc.record({
  minCpu: fc.constant(minCpu),
  maxCpu: fc.integer({ min: minCpu, max: 96 }),
  minGib: fc.constant(minGib),
  maxGib: fc.integer({ min: minGib, max: 256 }),
})));

const appSpec: fc.Arbitrary<AppSpec> = fc.record({
  jobs: fc.array(jobSpec, { minLength: 1, maxLength: 5 }),
  policies: fc.array(policySpec, { maxLength: 3 }),
  quota: fc.option(fc.record({
    rootMaxCpu: fc.integer({ min: 1, max: 128 }),
    leaves: fc.array(quotaLeaf, { minLength: 1, maxLength: 2 }),
  }), { nil: undefined }),
  caches: fc.array(fc.constantFrom('jobImage' as const, 'otherImage' as const), { maxLength: 2 }),
});

const IMAGE = 'registry.example/spark:3.5.2';

function placementOf(kind: PlacementKind, eci: EciPodOptions | undefined): EciPlacement | undefined {
  switch (kind) {
    case 'none': return undefined;
    case 'ecsOnly': return EciPlacement.ecsOnly();
    case 'eciOnly': return EciPlacement.eciOnly({ eci, unusedShareWarning: 0 });
    case 'ecsFirst': return EciPlacement.ecsFirst({ eci, unusedShareWarning: 0 });
    case 'resourcePolicy': return EciPlacement.resourcePolicy({ eci, unusedShareWarning: 0 });
  }
}

/** Builds the app; `severity` is what every check gets. */
function build(spec: AppSpec, severity: PendingPods | undefined): App {
  const app = new App();
  const charts = new Map<string, Chart>();
  const chartFor = (ns: string) => {
    let chart = charts.get(ns);
    if (!chart) { chart = new Chart(app, `c-${ns}`, { namespace: ns }); charts.set(ns, chart); }
    return chart;
  };
  const jobs: AbstractSparkJob[] = spec.jobs.map((j, i) => {
    const imageCache = j.imageCache === 'auto' ? EciImageCache.auto() : j.imageCache === 'off' ? EciImageCache.off()
      : j.imageCache === 'id' ? EciImageCache.id('imc-2ze0123456789abcdef') : undefined;
    const eci: EciPodOptions | undefined = j.specs === undefined && imageCache === undefined ? undefined : {
      imageCache,
      instanceSpecs: j.specs?.split(',').map(s => (s.startsWith('ecs.') ? EciInstanceSpec.instanceType(s)
        : EciInstanceSpec.size(Number(s.split('-')[0]), Size.gibibytes(Number(s.split('-')[1].replace('Gi', '')))))),
    };
    const gangLabels = j.handGang && { 'pod-group.scheduling.sigs.k8s.io/name': `hand-${i}`, 'pod-group.scheduling.sigs.k8s.io/min-available': String(j.handGang.minAvailable) };
    const sparkConf: { [key: string]: string } = {
      ...(j.maxPendingPods === undefined ? {} : { 'spark.kubernetes.allocation.maxPendingPods': String(j.maxPendingPods) }),
      ...(j.confDynamicAllocation ? { 'spark.dynamicAllocation.enabled': 'true' } : {}),
    };
    const driver = placementOf(j.driver, undefined);
    const executor = placementOf(j.executor, eci);
    const placement = driver || executor ? SparkPlacement.perRole({ driver, executor }) : undefined;
    const d = j.deadlines;
    const mayUseEci = [driver, executor].some(p => p?.mayRunOnEci);
    const props = {
      metadata: { name: `job-${i}`, annotations: d.required ? { 'cdk8s-spark-eci/require-deadlines': 'true' } : undefined },
      type: SparkApplicationType.SCALA,
      sparkVersion: d.run === undefined ? '3.5.2' : '4.0.0',
      timeToLive: d.ttl === undefined ? undefined : Duration.seconds(d.ttl),
      deadlines: {
        start: d.start === undefined || !mayUseEci ? undefined : Duration.minutes(d.start),
        run: d.run === undefined ? undefined : Duration.minutes(d.run),
      },
      mainApplicationFile: 'local:///opt/app.jar',
      image: IMAGE,
      sparkConf: Object.keys(sparkConf).length > 0 ? sparkConf : undefined,
      pendingPods: severity,
      unschedulablePods: severity,
      placement,
      gang: j.gang,
      queue: j.queue === 'kueue' ? JobQueue.kueue('batch') : j.queue === 'ackKubeQueue' ? JobQueue.ackKubeQueue() : undefined,
      dynamicAllocation: j.dynamicMax === undefined ? undefined : { maxExecutors: j.dynamicMax ?? undefined, minExecutors: 1 },
      driver: { cores: 1, memory: Size.mebibytes(512), labels: j.handGang?.driverToo ? gangLabels : undefined },
      executor: {
        instances: j.dynamicMax === undefined || j.dynamicMax === null ? j.instances : Math.min(j.instances, j.dynamicMax),
        cores: j.cores,
        memory: Size.mebibytes(j.memoryMebibytes),
        gpu: j.gpu ? { name: 'nvidia.com/gpu', quantity: 1 } : undefined,
        labels: gangLabels,
      },
    };
    return j.scheduled
      ? new ScheduledSparkJob(chartFor(j.namespace), `job-${i}`, { ...props, schedule: '0 3 * * *' })
      : new SparkJob(chartFor(j.namespace), `job-${i}`, props);
  });
  if (spec.quota) {
    const q = spec.quota;
    const namespaces = q.leaves.length === 1 ? [['default', 'spark']] : [['default'], ['spark']];
    new ElasticQuotaTree(new Chart(app, 'cluster'), 'quota', {
      root: {
        name: 'root',
        max: { cpu: Cpu.units(Math.max(q.rootMaxCpu, ...q.leaves.map(l => l.maxCpu))) },
        children: q.leaves.map((l, i) => ({
          name: `leaf-${i}`,
          namespaces: namespaces[i],
          min: { cpu: Cpu.units(l.minCpu), memory: Size.gibibytes(l.minGib) },
          max: { cpu: Cpu.units(l.maxCpu), memory: Size.gibibytes(l.maxGib) },
        })),
      },
    });
  }
  spec.caches.forEach((c, i) => {
    new ImageCache(chartFor('default'), `cache-${i}`, { images: [c === 'jobImage' ? IMAGE : 'registry.example/other:1'] });
  });
  spec.policies.forEach((p, i) => {
    const selector = p.selector === 'all' ? SparkPodSelector.allSparkPods()
      : p.selector === 'perRole' ? SparkPodSelector.custom({ 'sparkoperator.k8s.io/launched-by-spark-operator': 'true' }, ['spark-role'])
        : p.selector === 'everyPod' ? SparkPodSelector.custom({}) : undefined;
    const units = p.units.map(u => {
      const options = { max: u.max, nodeSelector: u.arch ? { 'kubernetes.io/arch': 'amd64' } : undefined };
      return u.resource === 'ecs' ? ResourcePolicyUnit.ecs(options) : u.resource === 'eci' ? ResourcePolicyUnit.eci(options) : ResourcePolicyUnit.acs(options);
    });
    const policy = new ResourcePolicyUnits(chartFor(p.namespace), `policy-${i}`, { metadata: { name: `policy-${i}` }, selector, units });
    for (const index of new Set(p.jobs)) {
      const job = jobs[index];
      if (!job || (job.namespace ?? 'default') !== p.namespace) { continue; }
      try {
        policy.addJob(job, { pendingPods: severity });
      } catch {
        // a combination addJob refuses up front (e.g. an ECS-only job): not part of this property
      }
    }
  });
  return app;
}

/** What both front ends must agree on: everything but where a manifest came from. */
function comparable(report: PlanReport): unknown {
  const job = (j: JobPlan) => ({ ...j, source: undefined, notes: j.notes.filter(n => !n.includes(' selects this job\'s pods')) });
  return { ...report, jobs: report.jobs.map(job) };
}

let apps = 0;
let disagreements = 0;

describe('the constructs and the plan command decide the same', () => {
  afterAll(() => {
    process.stderr.write(`plan differential: ${apps} apps, ${disagreements} disagreements (seed ${SEED}; replay with FC_SEED=${SEED})\n`);
  });

  test(`the synth-time plan, plan --json, the testing kit and the plugin agree over the synthesized YAML (${NUM_RUNS} apps)`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-differential-'));
    await fc.assert(fc.asyncProperty(appSpec, async spec => {
      const app = build(spec, PendingPods.ALLOW);
      // The YAML cdk8s writes, without its validation (which refuses apps whose plan has errors).
      const yaml = Yaml.stringify(...app.node.findAll().filter(ApiObject.isApiObject).map(o => (o as ApiObject).toJson()));
      const atSynth = planReportOf(app);
      const fromYaml = planManifests([{ file: 'app.k8s.yaml', text: yaml }]);
      const kit = SparkTesting.plan(app);
      const file = path.join(dir, 'app.k8s.yaml');
      fs.writeFileSync(file, yaml);
      const context = new ValidationContext([file], 'cdk8s-spark-eci', '0.0.0', {}, false);
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        await new SparkPlanValidation().validate(context as unknown as IValidationContext);
      } finally {
        log.mockRestore();
      }
      const plugin = context.report.toJson();
      apps++;
      try {
        expect(comparable(atSynth)).toEqual(comparable(fromYaml));
        expect(comparable(kit)).toEqual(comparable(fromYaml));
        const t = fromYaml.totals;
        expect(plugin.summary.metadata).toMatchObject({ 'Spark jobs': String(t.jobs), 'Pods': String(t.pods), 'Pending pods': String(t.pendingPods) });
        // The plugin reports every finding the job does not accept (its decisions travel in the YAML).
        const reported = <T extends { severity: string }>(list: T[]) => list.filter(f => f.severity !== 'ALLOWED');
        const codes = fromYaml.jobs.flatMap(j => [...reported(j.pending).map(p => p.reason.code), ...reported(j.problems).map(p => p.code)]);
        expect(plugin.violations.map((v: any) => v.ruleName).sort()).toEqual(codes.sort());
      } catch (e) {
        disagreements++;
        throw e;
      }
    }), parameters());
  });

  test('with the default severities, synthesis fails exactly when the plan has Pending pods or errors', () => {
    fc.assert(fc.property(appSpec, spec => {
      const plan = planReportOf(build(spec, PendingPods.ALLOW).node.root);
      const expected = plan.totals.pendingPods > 0 || plan.totals.errors > 0;
      const app = build(spec, undefined);
      let failed = false;
      try {
        app.synthYaml();
      } catch (e) {
        failed = true;
        expect((e as Error).message).toContain('Validation failed');
      }
      expect(failed).toBe(expected);
    }), { ...parameters(), numRuns: Math.max(1, Math.floor(NUM_RUNS / 4)) });
  });
});
