/**
 * The plan of one scope (an App, a Chart, any construct) as the testing kit reads it: the report
 * of `cdk8s-spark-eci plan --json` for the API objects under the scope, each job beside the
 * planner's model of it, and the lookups the assertions share. Nothing here decides where a pod
 * goes: the report and the model do.
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { scopePlan } from '../checks/cluster-check';
import { CostModel } from '../model/cost-model';
import { JobPlan, PlanReport, RolePlan, toReport } from '../model/plan';
import { JobPlanModel, RolePlanModel } from '../model/planner';
import { describeRef } from '../model/resource-policies';
import { invalid } from '../private/errors';

/** The roles of a job, in the order of the report. */
export const ROLES = ['driver', 'executor'] as const;

/** A role's name. */
export type RoleName = typeof ROLES[number];

/** One role of a planned job: its report and its model. */
export interface PlannedRole {
  readonly name: RoleName;
  readonly report: RolePlan;
  readonly model: RolePlanModel;
}

/** One planned job. */
export interface PlannedJob {
  /** `namespace/name`, as assertions name jobs. */
  readonly id: string;
  /** `SparkApplication default/spark-pi`, with the construct path when another job has the same name. */
  readonly label: string;
  /** The construct path of the job's API object. */
  readonly path: string;
  readonly report: JobPlan;
  readonly model: JobPlanModel;
  readonly roles: readonly PlannedRole[];
  /** The job's manifest, as synthesized. */
  manifest(): { [key: string]: any };
}

/** Refuses anything but a construct, for callers without types. */
export function checkScope(scope: unknown, prop = 'scope'): IConstruct {
  if (!Construct.isConstruct(scope)) {
    return invalid(prop, 'must be an App, a Chart or another construct', typeof scope === 'object' && scope !== null ? String(scope) : scope);
  }
  return scope;
}

/** Refuses anything but `driver` and `executor`. */
export function checkRole(role: unknown, prop = 'role'): RoleName {
  if (!ROLES.includes(role as RoleName)) {
    return invalid(prop, `must be ${ROLES.map(r => `"${r}"`).join(' or ')}`, role);
  }
  return role as RoleName;
}

/** The plan of the API objects under one scope. */
export class ScopePlan {
  /** The report, exactly as `plan --json` has it. */
  public readonly report: PlanReport;
  /** Every job, in the report's order. */
  public readonly jobs: readonly PlannedJob[];
  private readonly scope: IConstruct;
  private readonly objects: readonly ApiObject[];
  private readonly generatedNames: ReadonlySet<string>;

  /**
   * @throws SparkEciValidationError when a Spark application or ResourcePolicy under the scope
   *   cannot be read (synthesis refuses it too): a plan without it would pass assertions it should fail
   */
  constructor(scope: unknown, costModel?: CostModel) {
    this.scope = checkScope(scope);
    if (costModel !== undefined && !CostModel.isCostModel(costModel)) {
      invalid('prices', 'must be made with new CostModel({ ... })', costModel);
    }
    const planned = scopePlan(this.scope);
    const unread = [...planned.readErrors];
    if (unread.length > 0) {
      const [path, message] = unread[0];
      invalid(`the manifest at ${path}`, 'must be readable to be planned', message);
    }
    this.report = toReport(planned.plan, costModel);
    this.objects = this.scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
    const byPath = new Map(this.objects.map(o => [o.node.path, o]));
    this.generatedNames = new Set(this.objects.filter(o => Chart.of(o).generateObjectName(o) === o.name).map(o => o.name));
    const count = new Map<string, number>();
    const ids = this.report.jobs.map(j => `${j.namespace}/${j.name}`);
    for (const id of ids) { count.set(id, (count.get(id) ?? 0) + 1); }
    this.jobs = planned.plan.jobs.map((model, i) => {
      const report = this.report.jobs[i];
      const path = model.app.origin.path!;
      const roles = ROLES.map((name, r) => ({ name, report: report.roles[r], model: model[name] }));
      const label = `${describeRef(model.app.ref)}${count.get(ids[i])! > 1 ? ` (at ${path})` : ''}`;
      const object = byPath.get(path)!;
      return { id: ids[i], label, path, report, model, roles, manifest: () => object.toJson() };
    });
  }

  /**
   * The job named `namespace/name`.
   *
   * @throws SparkEciValidationError naming the jobs of the scope, when none or several have that name
   */
  public job(id: unknown, prop = 'job'): PlannedJob {
    const known = [...new Set(this.jobs.map(j => j.id))];
    if (typeof id !== 'string' || !/^[^/]+\/[^/]+$/.test(id)) {
      return invalid(prop, `must name a job as "namespace/name" (${this.describeKnown(known)})`, id);
    }
    const found = this.jobs.filter(j => j.id === id);
    if (found.length === 0) {
      return invalid(prop, `must name a job of ${this.scope.node.path === '' ? 'the app' : `scope ${this.scope.node.path}`} (${this.describeKnown(known)})`, id);
    }
    if (found.length > 1) {
      return invalid(prop, `must name one job, but ${found.length} jobs have this name (at ${found.map(j => j.path).join(', ')}): `
        + 'pass the chart that holds one of them as the scope', id);
    }
    return found[0];
  }

  /** A role of the job named `namespace/name`. */
  public role(jobId: unknown, role: unknown): { readonly job: PlannedJob; readonly role: PlannedRole } {
    const name = checkRole(role);
    const job = this.job(jobId);
    return { job, role: job.roles.find(r => r.name === name)! };
  }

  /** The manifests of the API objects under the scope with this apiVersion and kind, as synthesized. */
  public manifestsOf(gvk: { readonly apiVersion: string; readonly kind: string }): Array<{ [key: string]: any }> {
    return this.objects
      .filter(o => o.apiVersion === gvk.apiVersion && o.kind === gvk.kind)
      .map(o => o.toJson());
  }

  /**
   * A name as a snapshot shows it: a name the chart generated (no `metadata.name` given) ends in
   * a hash of the construct path, shown as `<hash>`.
   */
  public shownName(name: string): string {
    return this.generatedNames.has(name) ? name.replace(/-[0-9a-f]{8}$/, '-<hash>') : name;
  }

  private describeKnown(known: readonly string[]): string {
    return known.length === 0 ? 'the scope has no Spark job' : `one of ${known.join(', ')}`;
  }
}
