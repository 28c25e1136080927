/**
 * The plan of an app as synthesis sees it, for the constructs and the testing kit: every API
 * object rendered afresh and planned by the one planner, with the app's owners' decisions (see
 * `synth-session.ts`, which also runs the checks once per synthesis).
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { SynthSession } from './synth-session';
import { CostModel } from '../model/cost-model';
import { PlanReport, toReport } from '../model/plan';
import { ClusterPlanModel, JobPlanModel } from '../model/planner';

export { warnOnce } from './synth-session';

/** The plan of an app, and where each job's plan is. */
export interface AppPlan {
  readonly plan: ClusterPlanModel;
  /** Every manifest that could not be read: the API object's path and why. */
  readonly readErrors: ReadonlyMap<string, string>;
  /** The API objects planned, in tree order. */
  readonly objects: readonly ApiObject[];
  /** The plan of the job whose API object has this construct path. */
  jobAt(path: string): JobPlanModel | undefined;
  /** Why the manifest of the API object at this path could not be read, if it could not. */
  readErrorAt(path: string): string | undefined;
}

function appPlanOf(computed: { plan: ClusterPlanModel; readErrors: ReadonlyMap<string, string>; objects: readonly ApiObject[] }): AppPlan {
  const byPath = new Map(computed.plan.jobs.map(job => [job.app.origin.path!, job]));
  return {
    plan: computed.plan,
    readErrors: computed.readErrors,
    objects: computed.objects,
    jobAt: path => byPath.get(path),
    readErrorAt: path => computed.readErrors.get(path),
  };
}

/** The plan of the app `scope` belongs to, as synthesis makes it now. */
export function appPlan(scope: IConstruct): AppPlan {
  return appPlanOf(SynthSession.of(scope).plan());
}

/**
 * The plan of the API objects under `scope` alone (an App: every chart; a Chart: its own
 * objects), what `plan` reports for the YAML those objects synthesize to.
 */
export function scopePlan(scope: IConstruct): AppPlan {
  return appPlanOf(SynthSession.of(scope).planOf(scope));
}

/**
 * The plan of the app `scope` belongs to, as the `plan` command's JSON reports it: what synthesis
 * decided from the app's own rendered manifests.
 */
export function planReportOf(scope: IConstruct, costModel?: CostModel): PlanReport {
  return toReport(appPlan(scope).plan, costModel);
}
