/**
 * The synth-time front end of the model: collects the rendered manifests of an app (every
 * SparkApplication, ScheduledSparkApplication and ResourcePolicy in the construct tree, this
 * library's or `Include`d), runs the one planner over them once per synth, and hands each
 * construct the findings about its own object.
 *
 * cdk8s validates the whole app once in `App.synth()` and once more per chart, so the plan is
 * cached: it is valid until a library construct changes (every mutator calls `noteMutation()`)
 * and for the current synchronous run only (a microtask clears it), so code that edits objects
 * through cdk8s' own APIs between two synths is seen too.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CostModel } from '../model/cost-model';
import { isPlannedManifest, planObjects, PlanReport, SourcedManifest, toReport } from '../model/plan';
import { ClusterPlanModel, JobPlanModel } from '../model/planner';

let mutations = 0;

/** Marks the cached plans stale: every mutator of a library construct calls it. */
export function noteMutation(): void {
  mutations++;
}

/** The plan of an app, and where each job's plan is. */
export interface AppPlan {
  readonly plan: ClusterPlanModel;
  /** Every manifest that could not be read: the API object's path and why. */
  readonly readErrors: ReadonlyMap<string, string>;
  /** The plan of the job whose API object has this construct path. */
  jobAt(path: string): JobPlanModel | undefined;
  /** Why the manifest of the API object at this path could not be read, if it could not. */
  readErrorAt(path: string): string | undefined;
}

interface Cached {
  readonly key: number;
  readonly value: AppPlan;
}

let cache = new WeakMap<IConstruct, Cached>();
let results = new WeakMap<object, { readonly key: number; readonly value: unknown }>();
let clearScheduled = false;

/** Drops every cached plan and result when the current synchronous run ends. */
function scheduleClear(): void {
  if (clearScheduled) { return; }
  clearScheduled = true;
  queueMicrotask(() => {
    cache = new WeakMap();
    results = new WeakMap();
    clearScheduled = false;
  });
}

/**
 * `compute()`, computed once per synth for `owner` and reused until a mutator runs or the
 * synchronous run ends, as the plan is: cdk8s validates every construct twice per synth (once in
 * `App.synth()`, once per chart), and a job's own checks (sizing, ECI fit, contradictions) cost
 * as much as rendering it (issue #17).
 */
export function perSynth<T>(owner: object, compute: () => T): T {
  const cached = results.get(owner);
  if (cached && cached.key === mutations) { return cached.value as T; }
  const value = compute();
  results.set(owner, { key: mutations, value });
  scheduleClear();
  return value;
}

/**
 * `apiObject.toJson()` once per synth for the checks (the plan and the API-server rules both read
 * every library object; `toJson` resolves the whole object each time, about a tenth of synth).
 * cdk8s' own `toJson` for the YAML still runs: only the checks share this copy, and they only
 * read it. Stale, like the cached plan, only for an edit through cdk8s' own APIs between two
 * synths in one synchronous run; the testing kit's `scopePlan()` reads every object afresh, so a
 * test that patches an object and plans again sees the patch.
 */
export function renderedJson(apiObject: ApiObject): any {
  return perSynth(apiObject, () => apiObject.toJson());
}

/** The plan of the app `scope` belongs to, computed at most once per synth. */
export function appPlan(scope: IConstruct): AppPlan {
  const root = scope.node.root;
  const cached = cache.get(root);
  if (cached && cached.key === mutations) { return cached.value; }
  const value = computePlan(root, renderedJson);
  cache.set(root, { key: mutations, value });
  scheduleClear();
  return value;
}

/**
 * The plan of the API objects under `scope` alone (an App: every chart; a Chart: its own
 * objects), what `plan` reports for the YAML those objects synthesize to. Not cached: the
 * testing kit asks once per assertion.
 */
export function scopePlan(scope: IConstruct): AppPlan {
  return computePlan(scope, apiObject => apiObject.toJson());
}

/** @param render how each object's JSON is read: once per synth for the checks, fresh for the testing kit */
function computePlan(scope: IConstruct, render: (apiObject: ApiObject) => any): AppPlan {
  const manifests: SourcedManifest[] = [];
  for (const c of scope.node.findAll()) {
    if (!ApiObject.isApiObject(c)) { continue; }
    const apiObject = c as ApiObject;
    const probe = { apiVersion: apiObject.apiVersion, kind: apiObject.kind };
    if (!isPlannedManifest(probe)) { continue; }
    manifests.push({ object: render(apiObject), origin: { path: apiObject.node.path } });
  }
  const readErrors = new Map<string, string>();
  const plan = planObjects(manifests, {
    fieldPrefix: '',
    onError: (manifest, error) => { readErrors.set(manifest.origin.path!, error.message); },
  });
  const byPath = new Map(plan.jobs.map(job => [job.app.origin.path!, job]));
  return {
    plan,
    jobAt: path => byPath.get(path),
    readErrorAt: path => readErrors.get(path),
    readErrors,
  };
}

const warned = new WeakMap<IConstruct, Set<string>>();

/**
 * Prints a warning on the terminal of `cdk8s synth` (standard error), once per app and text:
 * cdk8s validates several times per synth, and `node.addMetadata` warnings are never printed.
 */
export function warnOnce(scope: IConstruct, text: string): void {
  const root = scope.node.root;
  let seen = warned.get(root);
  if (!seen) { seen = new Set(); warned.set(root, seen); }
  const line = `[${scope.node.path}] warning: ${text}`;
  if (seen.has(line)) { return; }
  seen.add(line);
  console.warn(line);
}

/**
 * The plan of the app `scope` belongs to, as the `plan` command's JSON reports it: what synthesis
 * decided from the app's own rendered manifests.
 */
export function planReportOf(scope: IConstruct, costModel?: CostModel): PlanReport {
  return toReport(appPlan(scope).plan, costModel);
}
