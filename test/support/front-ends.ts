/**
 * One app asked through every front end: synthesis (the constructs' checks), the synth-time plan,
 * `plan --json` over the synthesized YAML, the cdk8s validation plugin over the same YAML files,
 * and the testing kit. They must give the same counts and the same findings.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Yaml } from 'cdk8s';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { IConstruct } from 'constructs';
import { synthError } from './plan';
import { CostModel, IValidationContext, SparkPlanValidation, SparkTesting } from '../../src';
import { planReportOf } from '../../src/checks/cluster-check';
import { JobPlan, planManifests, PlanReport } from '../../src/model/plan';

/** What each front end answered. */
export interface FrontEndAnswers {
  /** The plan at synth, from the constructs' own rendered manifests. */
  readonly atSynth: PlanReport;
  /** `plan --json` over the app's YAML. */
  readonly json: PlanReport;
  /** The testing kit's `SparkTesting.plan()`. */
  readonly kit: PlanReport;
  /** The validation plugin's summary and its violations' rule names. */
  readonly plugin: { readonly summary: { [key: string]: string }; readonly rules: string[] };
  /** Synthesis with the app's own severities: '' or the error message. */
  readonly synth: string;
}

/** Asks every front end about the app `scope` belongs to. */
export async function askEveryFrontEnd(scope: IConstruct, prices?: CostModel): Promise<FrontEndAnswers> {
  const root = scope.node.root as App;
  const objects = root.node.findAll().filter(ApiObject.isApiObject).map(o => (o as ApiObject).toJson());
  const text = Yaml.stringify(...objects);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'front-ends-'));
  const file = path.join(dir, 'app.k8s.yaml');
  fs.writeFileSync(file, text);
  const context = new ValidationContext([file], 'cdk8s-spark-eci', '0.0.0', {}, false);
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const plugin = new SparkPlanValidation(prices ? { pricePerVcpuHour: prices.pricePerVcpuHour, pricePerGibHour: prices.pricePerGibHour } : {});
    await plugin.validate(context as unknown as IValidationContext);
  } finally {
    log.mockRestore();
  }
  const json = context.report.toJson();
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  let synth: string;
  try {
    synth = synthError(root);
  } finally {
    warn.mockRestore();
  }
  return {
    atSynth: planReportOf(root, prices),
    json: planManifests([{ file, text }], { costModel: prices }),
    kit: SparkTesting.plan(root, prices),
    plugin: { summary: json.summary.metadata ?? {}, rules: json.violations.map((v: any) => v.ruleName) },
    synth,
  };
}

/** Everything but where a manifest came from. */
function comparable(report: PlanReport): unknown {
  const job = (j: JobPlan) => ({ ...j, source: undefined, notes: j.notes.filter(n => !n.includes(' selects this job\'s pods')) });
  return { ...report, jobs: report.jobs.map(job) };
}

/**
 * Asserts that every front end says the same: the three plans are equal field by field, the
 * plugin counts the same pods and reports a violation per Pending group and per problem it does
 * not accept, and synthesis fails exactly when the plan has an error.
 */
export function expectOneAnswer(answers: FrontEndAnswers): PlanReport {
  const { atSynth, json, kit, plugin, synth } = answers;
  expect(comparable(atSynth)).toEqual(comparable(json));
  expect(comparable(kit)).toEqual(comparable(json));
  const t = json.totals;
  expect(plugin.summary).toMatchObject({ 'Spark jobs': String(t.jobs), 'Pods': String(t.pods), 'Pending pods': String(t.pendingPods) });
  // The plugin reports every finding with its verdict, except those the job (or its defaults) accepts.
  const reported = <T extends { severity: string }>(list: T[]) => list.filter(f => f.severity !== 'ALLOWED');
  const rules = json.jobs.flatMap(j => [...reported(j.pending).map(p => p.reason.code), ...reported(j.problems).map(p => p.code)]);
  expect([...plugin.rules].sort()).toEqual([...rules].sort());
  // Synthesis fails exactly when a finding's verdict is an error (Pending pods are, unless the job accepts them).
  expect(synth !== '').toBe(t.errors > 0);
  return json;
}
