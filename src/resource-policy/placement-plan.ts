import { UnitResourceKind } from './resource-policy-unit';
import { ApplicationModel } from '../model/applications';
import { describePendingReason } from '../model/describe';
import { JobPlanModel, RolePlanModel } from '../model/planner';
import { PolicyModel } from '../model/resource-policies';
import { invalid } from '../private/errors';
import { checkArguments } from '../private/props-shape';
import { describePods } from '../private/resource-policy';

/** Where a ResourcePolicy puts one pod. */
export enum PodPlacement {
  /** The pod runs in a unit (see `unitIndex`). */
  PLACED = 'PLACED',
  /** The policy selects the pod but no unit takes it: it stays Pending. */
  PENDING = 'PENDING',
  /** The policy does not select the pod (other labels or another namespace); the scheduler places it as usual. */
  UNMANAGED = 'UNMANAGED',
}

/** One pod of a placement plan. */
export interface PlannedPod {
  /** `driver`, or `executor-<n>` counting from 1 in launch order. */
  readonly name: string;
  /** `driver` or `executor` (the pod's `spark-role` label). */
  readonly role: string;
  /** Whether the pod is placed, Pending, or not managed by the policy. */
  readonly placement: PodPlacement;
  /**
   * Index of the unit in `spec.units` (from 0).
   *
   * @default - not placed
   */
  readonly unitIndex?: number;
  /**
   * Kind of capacity the pod runs on.
   *
   * @default - not placed
   */
  readonly resource?: UnitResourceKind;
  /**
   * Why the pod is Pending or unmanaged.
   *
   * @default - placed
   */
  readonly reason?: string;
}

/** One unit of a placement plan and the pods it takes. */
export interface PlannedUnit {
  /** Index of the unit in `spec.units` (from 0). */
  readonly index: number;
  /** Kind of capacity of the unit. */
  readonly resource: UnitResourceKind;
  /**
   * The unit's `max`.
   *
   * @default - unbounded
   */
  readonly max?: number;
  /** How many of the job's pods the unit takes. */
  readonly count: number;
  /** Names of those pods, in launch order. */
  readonly pods: string[];
}

/**
 * Where a ResourcePolicy puts the pods of one Spark application when every unit has room for
 * them: the driver first, then executors 1..n, each into the first unit below its `max` that can
 * take it (its tolerations, node affinity and nodeSelector decide; `eci` and `acs` units add the
 * ECI toleration themselves).
 *
 * A view of the one planner's result for this job and this policy alone
 * (`ResourcePolicyUnits.plan()`); `toString()` renders it as a small Markdown table.
 */
export class PlacementPlan {
  /**
   * The view of a planned job under one policy.
   * @internal
   */
  public static _fromModel(job: JobPlanModel, policy: PolicyModel): PlacementPlan {
    return new PlacementPlan(job, policy);
  }

  /** Name of the SparkApplication. */
  public readonly jobName: string;
  /** Namespace of the SparkApplication (`default` when it names none). */
  public readonly jobNamespace: string;
  /** Name of the ResourcePolicy. */
  public readonly policyName: string;
  /** Namespace of the ResourcePolicy (`default` when it names none). */
  public readonly policyNamespace: string;
  /** Every unit of the policy, in priority order, with the pods it takes. */
  public readonly units: PlannedUnit[];
  /** What the plan assumes or cannot check. */
  public readonly notes: string[];
  /** Whether `max` counts per group of `matchLabelKeys` values rather than per namespace. */
  public readonly perGroup: boolean;
  /**
   * How many budgets the job's selected pods use: the groups of equal `matchLabelKeys` values
   * (one per submission with the default selector), or 1 without `matchLabelKeys`; 0 when the
   * policy selects none of them.
   */
  public readonly groups: number;

  private readonly job: JobPlanModel;
  private readonly policy: PolicyModel;

  private constructor(job: JobPlanModel, policy: PolicyModel) {
    this.job = job;
    this.policy = policy;
    const app = job.app;
    this.jobName = app.ref.name;
    this.jobNamespace = app.ref.namespace;
    this.policyName = policy.ref.name;
    this.policyNamespace = policy.ref.namespace;
    this.perGroup = policy.matchLabelKeys.length > 0;
    const selected = [job.driver, job.executor].filter(r => r.policy === policy);
    this.groups = new Set(selected.map(r => policy.matchLabelKeys.map(k => r.role.scheduling.labels[k]).join('\u0000'))).size;

    this.units = policy.units.map(unit => {
      const names = selected.flatMap(r => r.placed.filter(p => p.unitIndex === unit.index).flatMap(p => podNames(r, p.first, p.count)));
      return { index: unit.index, resource: unit.resource as UnitResourceKind, max: unit.max, count: names.length, pods: names };
    });

    const notes: string[] = [];
    if (selected.length > 0) {
      if (this.perGroup) {
        notes.push(`max counts per group of pods with equal ${policy.matchLabelKeys.join(', ')} labels; `
          + `this job forms ${this.groups} group${this.groups === 1 ? '' : 's'} and is planned alone.`);
      } else {
        notes.push(`without matchLabelKeys every pod the selector matches in namespace ${this.policyNamespace} shares the units' max; `
          + `this plans ${this.jobName} alone, as if no other such pod were running.`);
      }
    }
    const capped = policy.units.filter(u => u.hasMaxResources).map(u => `units[${u.index}]`);
    if (capped.length > 0) {
      notes.push(`maxResources caps (${capped.join(', ')}) are not checked: the plan does not know pod sizes.`);
    }
    const unbounded = policy.units.findIndex(u => u.max === undefined);
    if (unbounded >= 0 && unbounded < policy.units.length - 1) {
      notes.push(`units after units[${unbounded}] (no max) are only used when units[${unbounded}] lacks resources; the plan assumes it has room.`);
    }
    notes.push('the plan assumes every unit has room for its pods; a unit short of resources sends pods on as whenTryNextUnits says.');
    this.notes = notes;
  }

  /**
   * Every pod of the job, driver first, then executors in launch order. Computed when read: for
   * a job with very many executors, read `units`, `pending` and `unmanaged` instead.
   */
  public get pods(): PlannedPod[] {
    return [this.job.driver, this.job.executor].flatMap(r => rolePods(r, this.policy, this.job.app));
  }

  /**
   * The planner's result this view shows.
   * @internal
   */
  public _job(): JobPlanModel {
    return this.job;
  }

  /** Names of the pods that stay Pending. */
  public get pending(): string[] {
    return [this.job.driver, this.job.executor]
      .filter(r => r.policy === this.policy)
      .flatMap(r => r.pending.flatMap(p => podNames(r, p.first, p.count)));
  }

  /** Names of the pods the policy does not select. */
  public get unmanaged(): string[] {
    return [this.job.driver, this.job.executor]
      .filter(r => r.policy !== this.policy)
      .flatMap(r => podNames(r, 1, r.role.count));
  }

  /**
   * The plan of one pod.
   *
   * @param name `driver` or `executor-<n>`
   */
  public placementOf(name: string): PlannedPod {
    checkArguments('placementOf()', ['name', name, 'string']);
    const pod = this.pods.find(p => p.name === name);
    if (!pod) {
      return invalid('placementOf() name', `must name a pod in the plan of ${this.jobName} (pods: ${describePods(this.pods.map(p => p.name))})`, name);
    }
    return { ...pod };
  }

  /**
   * The plan as a Markdown table: one row per unit, then the Pending and unmanaged pods, then
   * the notes.
   */
  public toString(): string {
    const rows: string[][] = [['unit', 'resource', 'max', 'pods', 'placed']];
    for (const unit of this.units) {
      rows.push([`units[${unit.index}]`, unit.resource, unit.max === undefined ? '-' : String(unit.max), String(unit.count), describePods(unit.pods)]);
    }
    const pending = this.pending;
    if (pending.length > 0) { rows.push(['Pending', '', '', String(pending.length), describePods(pending)]); }
    const unmanaged = this.unmanaged;
    if (unmanaged.length > 0) { rows.push(['unmanaged', '', '', String(unmanaged.length), describePods(unmanaged)]); }

    const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
    const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
    const out = [
      `SparkApplication ${this.jobNamespace}/${this.jobName} under ResourcePolicy ${this.policyNamespace}/${this.policyName}:`,
      '',
      line(rows[0]),
      `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
      ...rows.slice(1).map(line),
    ];
    if (this.notes.length > 0) {
      out.push('', ...this.notes.map(n => `- ${n}`));
    }
    return out.join('\n');
  }
}

/** `driver`, or `executor-<first>` ... for a run of a role's pods. */
function podNames(role: RolePlanModel, first: number, count: number): string[] {
  if (role.role.role === 'driver') { return count > 0 ? ['driver'] : []; }
  return Array.from({ length: count }, (_, i) => `executor-${first + i}`);
}

/** Every pod of a role, as the view lists them. */
function rolePods(role: RolePlanModel, policy: PolicyModel, app: ApplicationModel): PlannedPod[] {
  const kind = role.role.role;
  if (role.policy !== policy) {
    const reason = app.ref.namespace !== policy.ref.namespace
      ? `the policy only sees pods in namespace ${policy.ref.namespace}, the job runs in ${app.ref.namespace}`
      : `the selector ${JSON.stringify(policy.selector)} does not match the pod's labels`;
    return podNames(role, 1, role.role.count).map(name => ({ name, role: kind, placement: PodPlacement.UNMANAGED, reason }));
  }
  const out: PlannedPod[] = [];
  for (const p of role.placed) {
    for (const name of podNames(role, p.first, p.count)) {
      out.push({ name, role: kind, placement: PodPlacement.PLACED, unitIndex: p.unitIndex, resource: p.where as UnitResourceKind });
    }
  }
  for (const p of role.pending) {
    const reason = describePendingReason(p.reason);
    for (const name of podNames(role, p.first, p.count)) {
      out.push({ name, role: kind, placement: PodPlacement.PENDING, reason });
    }
  }
  const order = (name: string) => (name === 'driver' ? 0 : Number(name.slice('executor-'.length)));
  return out.sort((a, b) => order(a.name) - order(b.name));
}
