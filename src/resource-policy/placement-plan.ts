import { UnitResourceKind } from './resource-policy-unit';
import { SparkOperatorLabels } from '../model/spark-pods';
import { checkInteger } from '../private/errors';
import { describePods, PlanInput, selectorMatches } from '../private/resource-policy';

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
 * them: the driver first, then executors 1..n, each into the first unit below its `max`.
 *
 * A pure calculation from the policy and the job (`ResourcePolicyUnits.plan()`); `toString()`
 * renders it as a small Markdown table.
 */
export class PlacementPlan {
  /**
   * Plans the pods of one job under one policy.
   * @internal
   */
  public static _compute(input: PlanInput): PlacementPlan {
    return new PlacementPlan(input);
  }

  /** Name of the SparkApplication. */
  public readonly jobName: string;
  /** Namespace of the SparkApplication (`default` when it names none). */
  public readonly jobNamespace: string;
  /** Name of the ResourcePolicy. */
  public readonly policyName: string;
  /** Namespace of the ResourcePolicy (`default` when it names none). */
  public readonly policyNamespace: string;
  /** Every pod of the job, driver first, then executors in launch order. */
  public readonly pods: PlannedPod[];
  /** Every unit of the policy, in priority order, with the pods it takes. */
  public readonly units: PlannedUnit[];
  /** What the plan assumes or cannot check. */
  public readonly notes: string[];
  /** Whether `max` counts per group of `matchLabelKeys` values rather than per namespace. */
  public readonly perGroup: boolean;
  /**
   * How many budgets the job's selected pods use: the groups of equal `matchLabelKeys` values
   * (one per submission with `SparkPodSelector.allSparkPods()`), or 1 without `matchLabelKeys`; 0 when the policy
   * selects none of them.
   */
  public readonly groups: number;

  private constructor(input: PlanInput) {
    const set = input.pods;
    checkInteger('driver.count', set.driver.count, 1, 1);
    checkInteger('executors.count', set.executors.count, 0);
    this.jobName = set.jobName;
    this.jobNamespace = set.namespace ?? 'default';
    this.policyName = input.policyName;
    this.policyNamespace = input.policyNamespace ?? 'default';
    this.perGroup = input.matchLabelKeys.length > 0;

    const candidates: Array<{ name: string; role: string; labels: { [key: string]: string } }> = [
      { name: 'driver', role: 'driver', labels: podLabels(set.jobName, 'driver', set.driver.labels) },
    ];
    for (let i = 1; i <= set.executors.count; i++) {
      candidates.push({ name: `executor-${i}`, role: 'executor', labels: podLabels(set.jobName, 'executor', set.executors.labels) });
    }

    const used = new Map<string, number[]>();
    const pods: PlannedPod[] = [];
    for (const pod of candidates) {
      const base = { name: pod.name, role: pod.role };
      if (this.jobNamespace !== this.policyNamespace) {
        pods.push({
          ...base,
          placement: PodPlacement.UNMANAGED,
          reason: `the policy only sees pods in namespace ${this.policyNamespace}, the job runs in ${this.jobNamespace}`,
        });
        continue;
      }
      if (!selectorMatches(input.selector, pod.labels)) {
        pods.push({ ...base, placement: PodPlacement.UNMANAGED, reason: `the selector ${JSON.stringify(input.selector)} does not match the pod's labels` });
        continue;
      }
      const missing = input.matchLabelKeys.filter(key => !(key in pod.labels));
      if (missing.length > 0) {
        pods.push({
          ...base,
          placement: PodPlacement.PENDING,
          reason: `the pod lacks the label ${missing.join(', ')} named in matchLabelKeys, so the scheduler rejects it`,
        });
        continue;
      }
      const group = input.matchLabelKeys.map(key => pod.labels[key]).join('\u0000');
      let counts = used.get(group);
      if (!counts) {
        counts = input.units.map(() => 0);
        used.set(group, counts);
      }
      const index = input.units.findIndex((unit, i) => unit.max === undefined || counts![i] < unit.max);
      if (index < 0) {
        pods.push({ ...base, placement: PodPlacement.PENDING, reason: 'every unit is at its max' });
        continue;
      }
      counts[index]++;
      pods.push({ ...base, placement: PodPlacement.PLACED, unitIndex: index, resource: input.units[index].resource as UnitResourceKind });
    }
    this.pods = pods;
    this.groups = used.size;

    this.units = input.units.map((unit, index) => {
      const names = pods.filter(p => p.unitIndex === index).map(p => p.name);
      return { index, resource: unit.resource as UnitResourceKind, max: unit.max, count: names.length, pods: names };
    });

    const notes: string[] = [];
    if (this.jobNamespace === this.policyNamespace && pods.some(p => p.placement !== PodPlacement.UNMANAGED)) {
      if (this.perGroup) {
        notes.push(`max counts per group of pods with equal ${input.matchLabelKeys.join(', ')} labels; `
          + `this job forms ${used.size} group${used.size === 1 ? '' : 's'} and is planned alone.`);
      } else {
        notes.push(`without matchLabelKeys every pod the selector matches in namespace ${this.policyNamespace} shares the units' max; `
          + `this plans ${this.jobName} alone, as if no other such pod were running.`);
      }
    }
    const capped = input.units.map((u, i) => (u.hasMaxResources ? `units[${i}]` : undefined)).filter(x => x !== undefined);
    if (capped.length > 0) {
      notes.push(`maxResources caps (${capped.join(', ')}) are not checked: the plan does not know pod sizes.`);
    }
    const unbounded = input.units.findIndex(u => u.max === undefined);
    if (unbounded >= 0 && unbounded < input.units.length - 1) {
      notes.push(`units after units[${unbounded}] (no max) are only used when units[${unbounded}] lacks resources; the plan assumes it has room.`);
    }
    notes.push('the plan assumes every unit has room for its pods; a unit short of resources sends pods on as whenTryNextUnits says.');
    this.notes = notes;
  }

  /** Names of the pods that stay Pending. */
  public get pending(): string[] {
    return this.pods.filter(p => p.placement === PodPlacement.PENDING).map(p => p.name);
  }

  /** Names of the pods the policy does not select. */
  public get unmanaged(): string[] {
    return this.pods.filter(p => p.placement === PodPlacement.UNMANAGED).map(p => p.name);
  }

  /**
   * The plan of one pod.
   *
   * @param name `driver` or `executor-<n>`
   */
  public placementOf(name: string): PlannedPod {
    const pod = this.pods.find(p => p.name === name);
    if (!pod) {
      throw new Error(`no pod named ${name} in the plan of ${this.jobName} (pods: ${describePods(this.pods.map(p => p.name))})`);
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

/** A pod's labels: the user's, then what the operator and Spark add (theirs win). */
function podLabels(jobName: string, role: string, user: { [key: string]: string } | undefined): { [key: string]: string } {
  return { ...user, ...SparkOperatorLabels.forPod(jobName, role) };
}
