/**
 * One rule book, four front ends: for generated apps, synthesis, `plan --json` over the YAML cdk8s
 * writes, the cdk8s plugin's violations over the same YAML and the testing kit's plan must give
 * the same findings: the same problem codes with the same verdicts, the same Pending pods, and
 * synthesis fails exactly when the plan has an error, with one error line per error finding.
 *
 * The apps mix what changes verdicts and placements: per-job decisions (`pendingPods`,
 * `unschedulablePods`, a policy's own choice, unused-share thresholds), ResourcePolicies (scoped,
 * custom and per-role selectors, caps), an ElasticQuotaTree, gangs, image caches, and roles placed
 * by hand-written tolerations and affinity instead of a placement.
 *
 * Render once: what synthesis writes (each library object rendered once, its checked JSON handed
 * to cdk8s' final render) must be what a fresh render of every object gives.
 */
import { ApiObject, App, Chart, Size, Yaml } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { NUM_RUNS, parameters, SEED } from './support';
import {
  AbstractSparkJob, EciPlacement, ElasticQuotaTree, ImageCache, PendingPods, ResourcePolicyUnit, ResourcePolicyUnits, ScheduledSparkJob,
  SparkApplicationType, SparkJob, SparkPlacement, SparkPodSelector, SparkTesting,
} from '../../src';
import { planManifests, PlanReport } from '../../src/model/plan';
import { findingsOf } from '../../src/plugin/findings';
import { jobArgumentProblems } from '../../src/spark/job/job-argument-checks';
import type { JobState } from '../../src/spark/job/job-state';

type Placement = 'none' | 'ecsOnly' | 'eciOnly' | 'ecsFirst' | 'handWrittenEci' | 'handWrittenEcsFirst';
type Choice = PendingPods | undefined;

interface JobSpec {
  readonly scheduled: boolean;
  readonly namespace: 'default' | 'spark';
  readonly instances: number;
  readonly cores: number;
  readonly memoryMebibytes: number;
  readonly driver: Placement;
  readonly executor: Placement;
  readonly pendingPods: Choice;
  readonly unschedulablePods: Choice;
  readonly unusedShareWarning?: number;
  readonly gang: boolean;
}

interface PolicySpec {
  readonly namespace: 'default' | 'spark';
  readonly selector: 'scoped' | 'all' | 'executors';
  readonly units: Array<{ resource: 'ecs' | 'eci'; max?: number }>;
  readonly jobs: Array<{ index: number; pendingPods: Choice }>;
}

interface AppSpec {
  readonly jobs: JobSpec[];
  readonly policies: PolicySpec[];
  readonly quotaCpu?: number;
  readonly imageCache: boolean;
}

const choice: fc.Arbitrary<Choice> = fc.constantFrom(undefined, PendingPods.ERROR, PendingPods.WARN, PendingPods.ALLOW);

const jobSpec: fc.Arbitrary<JobSpec> = fc.record({
  scheduled: fc.boolean(),
  namespace: fc.constantFrom('default' as const, 'spark' as const),
  instances: fc.integer({ min: 1, max: 6 }),
  cores: fc.integer({ min: 1, max: 70 }),
  memoryMebibytes: fc.constantFrom(512, 1024, 3712, 16384),
  driver: fc.constantFrom<Placement>('none', 'ecsOnly', 'ecsFirst', 'handWrittenEcsFirst'),
  executor: fc.constantFrom<Placement>('none', 'ecsOnly', 'eciOnly', 'ecsFirst', 'handWrittenEci', 'handWrittenEcsFirst'),
  pendingPods: choice,
  unschedulablePods: choice,
  unusedShareWarning: fc.option(fc.constantFrom(0, 0.1, 0.6), { nil: undefined }),
  gang: fc.boolean(),
});

const policySpec: fc.Arbitrary<PolicySpec> = fc.record({
  namespace: fc.constantFrom('default' as const, 'spark' as const),
  selector: fc.constantFrom('scoped' as const, 'all' as const, 'executors' as const),
  units: fc.array(fc.record({ resource: fc.constantFrom('ecs' as const, 'eci' as const), max: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }) }),
    { minLength: 1, maxLength: 2 }),
  jobs: fc.array(fc.record({ index: fc.integer({ min: 0, max: 3 }), pendingPods: choice }), { maxLength: 2 }),
});

/**
 * A job whose roles are placed either both by placements or both by hand: `SparkPlacement.perRole()`
 * keeps a role it is not given on ECS only, and a hand-written toleration on such a role is an
 * argument the construct refuses (the YAML does not show the placement), not this property's subject.
 */
const HAND_WRITTEN: { [kind in Placement]: Placement } = {
  none: 'none', ecsOnly: 'none', eciOnly: 'handWrittenEci', ecsFirst: 'handWrittenEcsFirst', handWrittenEci: 'handWrittenEci', handWrittenEcsFirst: 'handWrittenEcsFirst',
};
const consistentJob = jobSpec.map(j => (j.driver.startsWith('handWritten') || j.executor.startsWith('handWritten')
  ? { ...j, driver: HAND_WRITTEN[j.driver], executor: HAND_WRITTEN[j.executor] } : j));

const appSpec: fc.Arbitrary<AppSpec> = fc.record({
  jobs: fc.array(consistentJob, { minLength: 1, maxLength: 4 }),
  policies: fc.array(policySpec, { maxLength: 2 }),
  quotaCpu: fc.option(fc.integer({ min: 2, max: 64 }), { nil: undefined }),
  imageCache: fc.boolean(),
});

const ECI_TOLERATION = { key: 'virtual-kubelet.io/provider', operator: 'Equal', value: 'alibabacloud', effect: 'NoSchedule' };

function placementOf(kind: Placement, threshold: number | undefined): EciPlacement | undefined {
  const options = { unusedShareWarning: threshold };
  switch (kind) {
    case 'ecsOnly': return EciPlacement.ecsOnly();
    case 'eciOnly': return EciPlacement.eciOnly(options);
    case 'ecsFirst': return EciPlacement.ecsFirst(options);
    default: return undefined;
  }
}

/** Tolerations and affinity written by hand where a placement would write them. */
function handWritten(kind: Placement): object {
  if (kind === 'handWrittenEci') {
    return {
      tolerations: [ECI_TOLERATION],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: ['virtual-kubelet'] }] }] } } },
    };
  }
  if (kind === 'handWrittenEcsFirst') { return { tolerations: [ECI_TOLERATION] }; }
  return {};
}

/**
 * The app, with every `addJob()` whose arguments contradict left out: `addJob()` refuses at synth
 * a job none of whose roles may run on ECI, or a role its placement keeps on ECS only that the
 * policy's own selector selects (the YAML does not show the placement: not this property's
 * subject). A first build finds those calls by the job's argument checks, which name the policy;
 * the second leaves them out, as the calls that threw at construction used to be.
 */
function build(spec: AppSpec): App {
  const first = buildWithout(spec, new Set());
  const refused = new Set<string>();
  for (const job of first.node.findAll().filter((c): c is AbstractSparkJob => c instanceof SparkJob || c instanceof ScheduledSparkJob)) {
    for (const problem of jobArgumentProblems(job, (job as unknown as { state: JobState }).state)) {
      const policy = /ResourcePolicy \S+\/(policy-\d+)/.exec(problem)?.[1];
      if (policy) { refused.add(`${policy} ${job.name}`); }
    }
  }
  return refused.size === 0 ? first : buildWithout(spec, refused);
}

/** The app, leaving out the `addJob()` calls named `policy-<i> job-<j>` in `refused`. */
function buildWithout(spec: AppSpec, refused: ReadonlySet<string>): App {
  const app = new App();
  const charts = new Map<string, Chart>();
  const chartFor = (ns: string) => {
    let chart = charts.get(ns);
    if (!chart) { chart = new Chart(app, `c-${ns}`, { namespace: ns }); charts.set(ns, chart); }
    return chart;
  };
  const jobs: AbstractSparkJob[] = spec.jobs.map((j, i) => {
    const driver = placementOf(j.driver, j.unusedShareWarning);
    const executor = placementOf(j.executor, j.unusedShareWarning);
    const props = {
      metadata: { name: `job-${i}` },
      type: SparkApplicationType.SCALA,
      sparkVersion: '3.5.2',
      mainApplicationFile: 'local:///opt/app.jar',
      image: 'registry.example/spark:3.5.2',
      pendingPods: j.pendingPods,
      unschedulablePods: j.unschedulablePods,
      placement: driver || executor ? SparkPlacement.perRole({ driver, executor }) : undefined,
      gang: j.gang ? {} : undefined,
      driver: { cores: 1, memory: Size.mebibytes(512), ...handWritten(j.driver) },
      executor: { instances: j.instances, cores: j.cores, memory: Size.mebibytes(j.memoryMebibytes), ...handWritten(j.executor) },
    };
    return j.scheduled
      ? new ScheduledSparkJob(chartFor(j.namespace), `job-${i}`, { ...props, schedule: '0 3 * * *' })
      : new SparkJob(chartFor(j.namespace), `job-${i}`, props);
  });
  if (spec.quotaCpu !== undefined) {
    new ElasticQuotaTree(new Chart(app, 'cluster'), 'quota', {
      root: { name: 'root', max: { cpu: Cpu.units(spec.quotaCpu) }, children: [{ name: 'spark', namespaces: ['default', 'spark'], max: { cpu: Cpu.units(spec.quotaCpu) } }] },
    });
  }
  if (spec.imageCache) {
    new ImageCache(new Chart(app, 'caches'), 'spark', { images: ['registry.example/spark:3.5.2'] });
  }
  spec.policies.forEach((p, i) => {
    const selector = p.selector === 'all' ? SparkPodSelector.allSparkPods()
      : p.selector === 'executors' ? SparkPodSelector.custom({ 'sparkoperator.k8s.io/launched-by-spark-operator': 'true', 'spark-role': 'executor' })
        : undefined;
    const units = p.units.map(u => (u.resource === 'ecs' ? ResourcePolicyUnit.ecs({ max: u.max }) : ResourcePolicyUnit.eci({ max: u.max })));
    const policy = new ResourcePolicyUnits(chartFor(p.namespace), `policy-${i}`, { metadata: { name: `policy-${i}` }, selector, units });
    const added = new Set<number>();
    for (const { index, pendingPods } of p.jobs) {
      const job = jobs[index];
      if (!job || added.has(index) || (job.namespace ?? 'default') !== p.namespace) { continue; }
      added.add(index);
      if (refused.has(`policy-${i} ${job.name}`)) { continue; }
      policy.addJob(job, { pendingPods });
    }
  });
  return app;
}

/** The documents of a YAML text as JSON strings, sorted: the same objects in any order compare equal. */
function documents(yaml: string): string[] {
  return parseAllDocuments(yaml).map(d => JSON.stringify(d.toJS())).sort();
}

/** `CODE VERDICT` of every finding of a report that is reported (accepted ones are not), sorted. */
function findings(report: PlanReport): string[] {
  const out: string[] = [];
  for (const job of report.jobs) {
    for (const p of job.pending) { if (p.severity !== 'ALLOWED') { out.push(`${job.namespace}/${job.name} ${p.reason.code} ${p.severity}`); } }
    for (const p of job.problems) { if (p.severity !== 'ALLOWED') { out.push(`${job.namespace}/${job.name} ${p.code} ${p.severity}`); } }
  }
  for (const o of report.objects) {
    for (const p of o.problems) { if (p.severity !== 'ALLOWED') { out.push(`${o.namespace}/${o.name} ${p.code} ${p.severity}`); } }
  }
  return out.sort();
}

/** The same, from the plugin's violations. */
function pluginFindings(report: PlanReport): string[] {
  const plugin = findingsOf(report, { failOnPending: true, failOnWarnings: false, sharedNames: new Set() });
  return plugin.violations.map(v => {
    const resource = v.violatingResources[0].locations[0].split(' ')[1].replace(/:.*$/, '');
    return `${resource} ${v.ruleName} ${v.recommendation.startsWith('error:') ? 'ERROR' : 'WARNING'}`;
  }).sort();
}

/** Synthesis as a user sees it: whether it fails, its error lines, the warnings it prints. */
function synthesize(app: App): { failed: boolean; errors: number; warnings: number; yaml?: string } {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const yaml = app.synthYaml();
    return { failed: false, errors: 0, warnings: new Set(warn.mock.calls.map(c => String(c[0]))).size, yaml };
  } catch (e) {
    const message = (e as Error).message;
    expect(message).toContain('Validation failed');
    return { failed: true, errors: message.split('\n').slice(1).length, warnings: new Set(warn.mock.calls.map(c => String(c[0]))).size };
  } finally {
    warn.mockRestore();
  }
}

let apps = 0;
let disagreements = 0;

describe('every front end gives the same findings', () => {
  afterAll(() => {
    process.stderr.write(`findings differential: ${apps} apps, ${disagreements} disagreements (seed ${SEED}; replay with FC_SEED=${SEED})\n`);
  });

  test(`synthesis, plan --json, the plugin and the testing kit agree (${NUM_RUNS} apps)`, () => {
    fc.assert(fc.property(appSpec, spec => {
      const app = build(spec);
      const yaml = Yaml.stringify(...app.node.findAll().filter(ApiObject.isApiObject).map(o => (o as ApiObject).toJson()));
      const plan = planManifests([{ file: 'app.k8s.yaml', text: yaml }]);
      const kit = SparkTesting.plan(app) as PlanReport;
      apps++;
      try {
        expect(findings(kit)).toEqual(findings(plan));
        expect(pluginFindings(plan)).toEqual(findings(plan));
        expect(kit.totals).toEqual(plan.totals);
        const synth = synthesize(app);
        expect(synth.failed).toBe(plan.totals.errors > 0);
        if (synth.failed) { expect(synth.errors).toBe(plan.totals.errors); }
        // A synth that fails stops before every construct has printed its warnings.
        if (!synth.failed) { expect(synth.warnings).toBe(plan.totals.warnings); }
        if (!synth.failed) { expect(documents(synth.yaml!)).toEqual(documents(yaml)); }
      } catch (e) {
        disagreements++;
        throw e;
      }
    }), parameters());
  });
});
