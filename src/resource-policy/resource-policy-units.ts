import { ApiObject, ApiObjectMetadata, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { PlacementPlan, PodPlacement } from './placement-plan';
import { ResourcePolicyUnit, UnitResourceKind } from './resource-policy-unit';
import { EciPlacement, SparkPlacement } from '../eci/eci-placement';
import { EciPodOptions } from '../eci/eci-pod-options';
import { PlacementTarget } from '../eci/placement-target';
import type { ResourcePolicySpecPreemptPolicy, ResourcePolicySpecStrategy, ResourcePolicySpecWhenTryNextUnitsPolicy } from '../imports/resource-policy-scheduling.alibabacloud.com';
import { toJson_ResourcePolicySpec } from '../imports/resource-policy-scheduling.alibabacloud.com';
import { ISparkPods, SparkOperatorLabels } from '../model/spark-pods';
import { brand, isBranded } from '../private/brand';
import { invalid, invalidMessage } from '../private/errors';
import { definedMetadata, listOrUndefined, mapOrUndefined } from '../private/render';
import {
  checkLabelKeyList, checkLabels, checkLabelValue, describePods, formatVersion, MIN_SCHEDULER_VERSION, parseSchedulerVersion,
  SchedulerFeature, SchedulerVersion, toGoDuration, versionAtLeast,
} from '../private/resource-policy';
import type { AbstractSparkJob } from '../spark/abstract-spark-job';

const GVK = { apiVersion: 'scheduling.alibabacloud.com/v1alpha1', kind: 'ResourcePolicy' } as const;

/** How the units are used (`spec.strategy`). */
export enum ResourcePolicyStrategy {
  /** Try the units in order (`prefer`), the only value ACK documents. */
  PREFER = 'prefer',
}

/** When pods may preempt others (`spec.preemptPolicy`, kube-scheduler 6.1 or later). */
export enum PreemptPolicy {
  /** Only after every unit failed to take the pod (`AfterAllUnits`), the scheduler's default. */
  AFTER_ALL_UNITS = 'AfterAllUnits',
  /** In each unit before trying the next (`BeforeNextUnit`). */
  BEFORE_NEXT_UNIT = 'BeforeNextUnit',
}

/** What a synth-time capacity check does when some of the job's pods would stay Pending. */
export enum PendingPods {
  /** Fail synthesis with a message that names the job, the counts and the units. */
  ERROR = 'ERROR',
  /** Print the same message as a warning (`console.warn`) and go on. */
  WARN = 'WARN',
  /** Accept Pending pods silently. */
  ALLOW = 'ALLOW',
}

/**
 * When a pod may move on to the next unit (`spec.whenTryNextUnits`, kube-scheduler 6.4 or later).
 */
export class WhenTryNextUnits {
  /**
   * Whether `x` is a `WhenTryNextUnits`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isWhenTryNextUnits(x: any): x is WhenTryNextUnits {
    return isBranded(x, 'WhenTryNextUnits');
  }

  /** When the unit lacks resources or is at its `max` (`LackResourceOrExceedMax`), the scheduler's default. */
  public static lackResourceOrExceedMax(): WhenTryNextUnits {
    return new WhenTryNextUnits('LackResourceOrExceedMax');
  }

  /**
   * Only when the unit is at its `max` (`ExceedMax`): a unit short of resources keeps its pods
   * Pending, e.g. while its node pool scales out.
   */
  public static exceedMax(): WhenTryNextUnits {
    return new WhenTryNextUnits('ExceedMax');
  }

  /**
   * When the unit is at its `max`, or a pod has waited `timeout` in it (`TimeoutOrExceedMax`).
   *
   * @param timeout how long a pod waits, rendered as a Go duration (`15m`, `90s`, `1h30m`); the
   * `timeout` field. Default: not written, the scheduler waits 15 minutes.
   */
  public static timeoutOrExceedMax(timeout?: Duration): WhenTryNextUnits {
    const rendered = timeout && toGoDuration('whenTryNextUnits.timeout', timeout);
    return new WhenTryNextUnits('TimeoutOrExceedMax', rendered);
  }

  /**
   * When the unit lacks resources and none of its pods is terminating
   * (`LackResourceAndNoTerminating`; Alibaba's Go types spell it `LackResourceAndNoterminating`,
   * the documented spelling is written).
   */
  public static lackResourceAndNoTerminating(): WhenTryNextUnits {
    return new WhenTryNextUnits('LackResourceAndNoTerminating');
  }

  /** The `policy` value, e.g. `TimeoutOrExceedMax`. */
  public readonly policy: string;

  /** The `timeout` value as a Go duration, or undefined for the scheduler's default (15m). */
  public readonly timeout?: string;

  private constructor(policy: string, timeout?: string) {
    brand(this, 'WhenTryNextUnits');
    this.policy = policy;
    this.timeout = timeout;
  }
}

/**
 * Which pods a ResourcePolicy applies to (`spec.selector`), with the labels that split them into
 * groups that each get their own `max` (`spec.matchLabelKeys`).
 */
export class SparkPodSelector {
  /**
   * Whether `x` is a `SparkPodSelector`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isSparkPodSelector(x: any): x is SparkPodSelector {
    return isBranded(x, 'SparkPodSelector');
  }

  /**
   * Every pod the Spark Operator launches in the policy's namespace, each submission with its own
   * budget: selects `sparkoperator.k8s.io/launched-by-spark-operator: "true"` and, when some unit
   * has a `max`, writes `matchLabelKeys: [sparkoperator.k8s.io/submission-id]` (grouping only
   * changes how `max` counts, so it is left out otherwise).
   */
  public static allSparkPods(): SparkPodSelector {
    return new SparkPodSelector(
      { [SparkOperatorLabels.LAUNCHED_BY_SPARK_OPERATOR]: 'true' },
      [SparkOperatorLabels.SUBMISSION_ID],
      true,
    );
  }

  /**
   * The pods of one SparkApplication: selects `sparkoperator.k8s.io/app-name: <name>`. All its
   * submissions share one budget unless the policy sets `matchLabelKeys`.
   *
   * @param name the SparkApplication's `metadata.name`
   */
  public static job(name: string): SparkPodSelector {
    checkLabelValue('SparkPodSelector.job name', name);
    if (name === '') { invalid('SparkPodSelector.job name', 'must not be empty', name); }
    return new SparkPodSelector({ [SparkOperatorLabels.APP_NAME]: name }, [], false);
  }

  /**
   * Any label selector, optionally with grouping keys.
   *
   * @param labels labels a pod must carry (`selector`); empty selects every pod in the namespace
   * @param matchLabelKeys label keys whose values split the pods into groups that each get their
   * own `max` (`matchLabelKeys`); needs a unit with a `max`. Default: no grouping.
   */
  public static custom(labels: { [key: string]: string }, matchLabelKeys?: string[]): SparkPodSelector {
    return new SparkPodSelector(
      checkLabels('SparkPodSelector.custom labels', labels),
      checkLabelKeyList('SparkPodSelector.custom matchLabelKeys', matchLabelKeys),
      false,
    );
  }

  private readonly _labels: { [key: string]: string };
  private readonly _matchLabelKeys: string[];
  private readonly groupsOnlyWithMax: boolean;

  private constructor(labels: { [key: string]: string }, matchLabelKeys: string[], groupsOnlyWithMax: boolean) {
    brand(this, 'SparkPodSelector');
    this._labels = labels;
    this._matchLabelKeys = matchLabelKeys;
    this.groupsOnlyWithMax = groupsOnlyWithMax;
  }

  /** The labels a pod must carry (`selector`), a copy. */
  public get labels(): { [key: string]: string } {
    return { ...this._labels };
  }

  /** The grouping keys this selector brings (`matchLabelKeys`), a copy. */
  public get matchLabelKeys(): string[] {
    return [...this._matchLabelKeys];
  }

  /**
   * Whether a pod with these labels is selected.
   *
   * @param labels all labels of the pod
   */
  public matches(labels: { [key: string]: string }): boolean {
    return Object.entries(this._labels).every(([key, value]) => labels[key] === value);
  }

  /**
   * The keys to write, given whether some unit has a `max`; and whether they were asked for
   * explicitly (explicit keys without a `max` are refused).
   * @internal
   */
  public _matchLabelKeysFor(anyMax: boolean): { keys: string[]; explicit: boolean } {
    if (this.groupsOnlyWithMax) {
      return { keys: anyMax ? [...this._matchLabelKeys] : [], explicit: false };
    }
    return { keys: [...this._matchLabelKeys], explicit: this._matchLabelKeys.length > 0 };
  }
}

/** Props of a `ResourcePolicyUnits`. */
export interface ResourcePolicyUnitsProps {
  /**
   * Metadata of the ResourcePolicy (`metadata`); its namespace is the only one the policy sees.
   *
   * @default - a name generated from the construct path, the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Which pods the policy applies to (`spec.selector`, and `spec.matchLabelKeys` when the
   * selector brings grouping keys).
   *
   * @default SparkPodSelector.allSparkPods()
   */
  readonly selector?: SparkPodSelector;

  /**
   * Units in priority order (`spec.units`); add more with `addUnit()`. At least one is needed.
   *
   * @default - none; add them with `addUnit()`
   */
  readonly units?: ResourcePolicyUnit[];

  /**
   * How the units are used (`spec.strategy`).
   *
   * @default ResourcePolicyStrategy.PREFER
   */
  readonly strategy?: ResourcePolicyStrategy;

  /**
   * When pods may preempt others (`spec.preemptPolicy`); kube-scheduler 6.1 or later.
   *
   * @default - not written: the scheduler uses `AfterAllUnits`
   */
  readonly preemptPolicy?: PreemptPolicy;

  /**
   * When a pod may move on to the next unit (`spec.whenTryNextUnits`); kube-scheduler 6.4 or later.
   *
   * @default - not written: the scheduler uses `LackResourceOrExceedMax`
   */
  readonly whenTryNextUnits?: WhenTryNextUnits;

  /**
   * Whether pods scheduled before the policy existed are left out of the `max` counts
   * (`spec.ignorePreviousPod`); needs a unit with a `max` and kube-scheduler 6.1 or later.
   *
   * @default - not written (false)
   */
  readonly ignorePreviousPod?: boolean;

  /**
   * Whether terminating pods are left out of the `max` counts (`spec.ignoreTerminatingPod`);
   * needs a unit with a `max` and kube-scheduler 6.1 or later.
   *
   * @default - not written (false)
   */
  readonly ignoreTerminatingPod?: boolean;

  /**
   * Label keys whose values split the selected pods into groups that each get their own `max`
   * (`spec.matchLabelKeys`, after the selector's keys); a pod missing one is rejected. Needs a
   * unit with a `max` and kube-scheduler 6.2 or later.
   *
   * @default - only the selector's keys
   */
  readonly matchLabelKeys?: string[];

  /**
   * The cluster's ACK kube-scheduler version (`6.4.3`, `v6.4.3` or the component version
   * `v1.28.3-aliyun-6.4.3.e8a4c58b`); fields it cannot honour are refused. Writes nothing.
   *
   * @default - no version check
   */
  readonly schedulerVersion?: string;
}

/** Options of `ResourcePolicyUnits.checkCapacity()`. */
export interface CapacityCheckOptions {
  /**
   * What to do when some of the job's pods would stay Pending.
   *
   * @default PendingPods.ERROR
   */
  readonly pendingPods?: PendingPods;
}

/** Options of `ResourcePolicyUnits.addJob()`. */
export interface ResourcePolicyJobOptions extends CapacityCheckOptions {
  /**
   * ECI options of the job's pods (annotations; they take effect on pods the policy sends to ECI).
   *
   * @default - none
   */
  readonly eci?: EciPodOptions;

  /**
   * Where the ECI toleration is written: the spec fields (needs the operator's webhook), the
   * pod template (Spark >= 3.0), or both.
   *
   * @default PlacementTarget.SPEC_FIELDS
   */
  readonly mechanism?: PlacementTarget;
}

/**
 * An ACK ResourcePolicy (`scheduling.alibabacloud.com/v1alpha1`) that sends Spark pods to
 * kinds of capacity in a fixed order: e.g. the first two pods of each submission to ECS, the
 * next three to ECI. Scale-out fills the units in order, scale-in empties them in reverse.
 *
 * The primary child is the `ApiObject` with id `Resource`, so `ApiObject.of(policy)` and JSON
 * patches work. `plan()` shows where a job's pods land; `checkCapacity()` fails synthesis when a
 * job would leave pods Pending.
 *
 * @see https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/configure-priority-based-resource-scheduling
 */
export class ResourcePolicyUnits extends Construct {
  /** The ResourcePolicy API object. */
  public readonly apiObject: ApiObject;

  /** Which pods the policy applies to. */
  public readonly selector: SparkPodSelector;

  private readonly props: ResourcePolicyUnitsProps;
  private readonly _units: ResourcePolicyUnit[] = [];
  private readonly _matchLabelKeys: string[];
  private readonly version?: SchedulerVersion;
  private elasticWarned = false;

  public constructor(scope: Construct, id: string, props: ResourcePolicyUnitsProps = {}) {
    super(scope, id);
    this.props = props;
    if (props.selector !== undefined && !SparkPodSelector.isSparkPodSelector(props.selector)) {
      invalid('selector', 'must be made with SparkPodSelector.allSparkPods(), job() or custom()', props.selector);
    }
    if (props.whenTryNextUnits !== undefined && !WhenTryNextUnits.isWhenTryNextUnits(props.whenTryNextUnits)) {
      invalid('whenTryNextUnits', 'must be made with a WhenTryNextUnits factory, e.g. WhenTryNextUnits.exceedMax()', props.whenTryNextUnits);
    }
    this.selector = props.selector ?? SparkPodSelector.allSparkPods();
    this.version = props.schedulerVersion === undefined ? undefined : parseSchedulerVersion('schedulerVersion', props.schedulerVersion);

    this._matchLabelKeys = checkLabelKeyList('matchLabelKeys', props.matchLabelKeys);
    for (const key of this._matchLabelKeys) {
      if (this.selector.matchLabelKeys.includes(key)) {
        invalid('matchLabelKeys', 'must not repeat a key the selector already groups by', key);
      }
    }
    this.requireVersion(policyFeatures(props, this._matchLabelKeys));

    this.apiObject = new ApiObject(this, 'Resource', {
      ...GVK,
      metadata: definedMetadata(props.metadata),
      spec: Lazy.any({ produce: () => this._toSpec() }),
    });

    if (props.units !== undefined && props.units.length === 0) {
      invalid('units', 'must list at least one unit (or be left out and filled with addUnit())', props.units);
    }
    for (const unit of props.units ?? []) { this.addUnit(unit); }

    this.node.addValidation({ validate: () => this.validatePolicy() });
  }

  /** The ResourcePolicy's name (`metadata.name`). */
  public get name(): string {
    return this.apiObject.name;
  }

  /** The ResourcePolicy's namespace (`metadata.namespace`), or undefined for the kubectl context's. */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /** The units in priority order (a copy). */
  public get units(): ResourcePolicyUnit[] {
    return [...this._units];
  }

  /** The grouping keys that will be written (`spec.matchLabelKeys`): the selector's, then the prop's. */
  public get matchLabelKeys(): string[] {
    return this.effectiveMatchLabelKeys().keys;
  }

  /**
   * The most pods one group (or, without `matchLabelKeys`, the namespace) gets: the sum of the
   * units' `max`, or undefined when some unit is unbounded.
   */
  public get maxPods(): number | undefined {
    if (this._units.length === 0 || this._units.some(u => u.max === undefined)) { return undefined; }
    return this._units.reduce((sum, u) => sum + u.max!, 0);
  }

  /**
   * Appends a unit (`spec.units[]`): it is tried after the units already there.
   *
   * @param unit e.g. `ResourcePolicyUnit.eci({ max: 3 })`
   */
  public addUnit(unit: ResourcePolicyUnit): void {
    const index = this._units.length;
    if (!ResourcePolicyUnit.isResourcePolicyUnit(unit)) {
      invalid(`units[${index}]`, 'must be made with ResourcePolicyUnit.ecs(), eci(), acs() or elastic()', unit);
    }
    this.requireVersion(unit._features().map(f => ({ ...f, field: `units[${index}].${f.field}` })));
    this._units.push(unit);
  }

  /**
   * Where the policy puts the pods of one job, assuming every unit has room for its pods: the
   * driver first, then executors 1..n, each into the first unit below its `max`. Pods the
   * selector does not match, or in another namespace, are unmanaged. A pure calculation.
   *
   * @param pods the job, e.g. a `SparkJob`
   */
  public plan(pods: ISparkPods): PlacementPlan {
    return PlacementPlan._compute({
      policyName: this.name,
      policyNamespace: this.namespace,
      selector: this.selector.labels,
      matchLabelKeys: this.matchLabelKeys,
      units: this._units.map(u => ({ resource: u.resource, max: u.max, hasMaxResources: u.maxResources !== undefined })),
      pods: pods.toPodSet(),
    });
  }

  /**
   * Checks at synth that the policy places every pod of the job (see `plan()`): by default
   * synthesis fails when some would stay Pending, naming the job, the counts and the units. It
   * also fails when the policy selects none of the job's pods.
   *
   * @param job the job, read at synth (so later changes to it count)
   * @param options what to do about Pending pods
   */
  public checkCapacity(job: ISparkPods, options: CapacityCheckOptions = {}): void {
    const behaviour = options.pendingPods ?? PendingPods.ERROR;
    if (behaviour === PendingPods.ALLOW) { return; }
    let warned = false;
    this.node.addValidation({
      validate: () => {
        const problem = this.capacityProblem(job);
        if (problem === undefined) { return []; }
        if (behaviour === PendingPods.WARN) {
          if (!warned) {
            console.warn(`[${this.node.path}] warning: ${problem}`);
            warned = true;
          }
          return [];
        }
        return [problem];
      },
    });
  }

  /**
   * Puts a Spark job under this policy: its pods get the ECI toleration (so the policy's ECI
   * units can take them; never the `alibabacloud.com/eci` label, which would override the
   * policy), the namespaces must match, and `checkCapacity()` runs for it.
   *
   * @param job a job without a placement (it gets `EciPlacement.resourcePolicy()`), or one whose roles can run on ECI
   * @param options Pending-pod behaviour, ECI options and where the toleration is written
   */
  public addJob(job: AbstractSparkJob, options: ResourcePolicyJobOptions = {}): void {
    const placement = job.placement;
    if (placement === undefined) {
      job.place(SparkPlacement.of(EciPlacement.resourcePolicy({ eci: options.eci }), options.mechanism));
    } else if (!placement.driver.mayRunOnEci || !placement.executor.mayRunOnEci) {
      // Without the ECI toleration a pod can never use the policy's ECI units.
      invalid(`${job.node.path}.placement`,
        'must let both roles run on ECI under a ResourcePolicy (EciPlacement.resourcePolicy(), ecsFirst() or eciOnly(), or no placement)',
        `driver ${placement.driver.kind}, executor ${placement.executor.kind}`);
    }
    job._bindToResourcePolicy(this.node.path);
    this.node.addValidation({
      validate: () => {
        const policyNs = this.namespace ?? 'default';
        const jobNs = job.namespace ?? 'default';
        return policyNs === jobNs ? [] : [invalidMessage(`namespace of job ${job.name}`,
          `must equal the ResourcePolicy's namespace "${policyNs}": a policy only sees pods in its own namespace`, jobNs)];
      },
    });
    this.checkCapacity(job, options);
  }

  /**
   * Renders `spec` with the generated binding; empty lists and maps are left out.
   * @internal
   */
  public _toSpec(): any {
    const p = this.props;
    const when = p.whenTryNextUnits;
    return toJson_ResourcePolicySpec({
      selector: mapOrUndefined(this.selector.labels),
      strategy: (p.strategy ?? ResourcePolicyStrategy.PREFER) as string as ResourcePolicySpecStrategy,
      units: this._units.map(u => u._toSpec()),
      preemptPolicy: p.preemptPolicy as string | undefined as ResourcePolicySpecPreemptPolicy | undefined,
      ignorePreviousPod: p.ignorePreviousPod,
      ignoreTerminatingPod: p.ignoreTerminatingPod,
      matchLabelKeys: listOrUndefined(this.matchLabelKeys),
      whenTryNextUnits: when && {
        policy: when.policy as ResourcePolicySpecWhenTryNextUnitsPolicy,
        timeout: when.timeout,
      },
    });
  }

  private effectiveMatchLabelKeys(): { keys: string[]; explicit: boolean } {
    const anyMax = this._units.some(u => u.max !== undefined);
    const fromSelector = this.selector._matchLabelKeysFor(anyMax);
    return {
      keys: [...fromSelector.keys, ...this._matchLabelKeys],
      explicit: fromSelector.explicit || this._matchLabelKeys.length > 0,
    };
  }

  private requireVersion(features: SchedulerFeature[]): void {
    if (this.version === undefined) { return; }
    for (const f of features) {
      if (!versionAtLeast(this.version, f.minimum)) {
        invalid(f.field, `needs kube-scheduler ${f.minimum} or later, but schedulerVersion is ${formatVersion(this.version)}`, f.value);
      }
    }
  }

  private validatePolicy(): string[] {
    const errors: string[] = [];
    if (this._units.length === 0) {
      errors.push(invalidMessage('units', 'must list at least one unit: pass units or call addUnit()', []));
    }
    const anyMax = this._units.some(u => u.max !== undefined);
    if (!anyMax && this._units.length > 0) {
      const needsMax: Array<[string, unknown]> = [
        ['ignorePreviousPod', this.props.ignorePreviousPod],
        ['ignoreTerminatingPod', this.props.ignoreTerminatingPod],
      ];
      const grouping = this.effectiveMatchLabelKeys();
      if (grouping.explicit) { needsMax.push(['matchLabelKeys', grouping.keys]); }
      for (const [field, value] of needsMax.filter(([, v]) => v !== undefined)) {
        errors.push(invalidMessage(field, 'only applies to max counts: set max on at least one unit, or leave it out', value));
      }
    }
    // The allSparkPods() grouping appears only once a unit has a max, so its version is checked here.
    if (this.version !== undefined && this.matchLabelKeys.length > 0 && !versionAtLeast(this.version, MIN_SCHEDULER_VERSION.matchLabelKeys)) {
      errors.push(invalidMessage('matchLabelKeys',
        `needs kube-scheduler ${MIN_SCHEDULER_VERSION.matchLabelKeys} or later, but schedulerVersion is ${formatVersion(this.version)}`
        + ' (use SparkPodSelector.custom() to select without grouping)', this.matchLabelKeys));
    }
    const elastic = this._units.map((u, i) => (u.resource === UnitResourceKind.ELASTIC ? `units[${i}]` : undefined)).filter(x => x);
    if (elastic.length > 0 && !this.elasticWarned) {
      this.elasticWarned = true;
      console.warn(`[${this.node.path}] warning: ${elastic.join(', ')}: resource "elastic" is deprecated by ACK; `
        + 'use ResourcePolicyUnit.ecs({ waitForEcsScaling: true }) with an auto-scaling node pool');
    }
    return errors;
  }

  private capacityProblem(job: ISparkPods): string | undefined {
    if (this._units.length === 0) { return undefined; } // reported by validatePolicy()
    const plan = this.plan(job);
    const set = job.toPodSet();
    const executors = set.executors.count;
    const jobRef = `SparkApplication ${plan.jobNamespace}/${plan.jobName}`;
    const policyRef = `ResourcePolicy ${plan.policyNamespace}/${plan.policyName}`;
    const launches = `launches ${1 + executors} pods (1 driver + ${executors} executor${executors === 1 ? '' : 's'})`;
    const managed = plan.pods.filter(p => p.placement !== PodPlacement.UNMANAGED);
    if (managed.length === 0) {
      const why = plan.jobNamespace !== plan.policyNamespace
        ? `it runs in namespace ${plan.jobNamespace}, the policy only sees ${plan.policyNamespace}`
        : `the selector ${JSON.stringify(this.selector.labels)} matches none of them`;
      return `${jobRef} ${launches} but ${policyRef} places none of them: ${why}. Fix the selector or the namespace, or drop checkCapacity().`;
    }
    const rejected = managed.filter(p => p.placement === PodPlacement.PENDING && p.reason !== 'every unit is at its max');
    if (rejected.length > 0) {
      return `${jobRef} ${launches} but ${policyRef} rejects ${describePods(rejected.map(p => p.name))}: ${rejected[0].reason}.`
        + ' Add the label to the job\'s pods or remove the key from matchLabelKeys.';
    }
    const pending = plan.pending;
    if (pending.length === 0) { return undefined; }
    const selected = managed.length < plan.pods.length ? `, ${managed.length} of them selected,` : '';
    const perGroup = plan.groups > 1 ? ' per matchLabelKeys group' : '';
    const units = this._units.map(u => `${u.resource} max ${u.max}`).join(', ');
    const verb = pending.length === 1 ? 'stays' : 'stay';
    return `${jobRef} ${launches}${selected} but ${policyRef} places at most ${this.maxPods}${perGroup} (${units}): `
      + `${describePods(pending)} ${verb} Pending. Raise a unit's max, lower executor.instances, or pass PendingPods.ALLOW.`;
  }
}

/** Policy-level fields the scheduler version must support. */
function policyFeatures(props: ResourcePolicyUnitsProps, matchLabelKeys: string[]): SchedulerFeature[] {
  const features: SchedulerFeature[] = [];
  const add = (field: keyof typeof MIN_SCHEDULER_VERSION, value: unknown) => {
    if (value !== undefined) { features.push({ field, minimum: MIN_SCHEDULER_VERSION[field], value }); }
  };
  add('preemptPolicy', props.preemptPolicy);
  add('ignorePreviousPod', props.ignorePreviousPod);
  add('ignoreTerminatingPod', props.ignoreTerminatingPod);
  add('matchLabelKeys', matchLabelKeys.length > 0 ? matchLabelKeys : undefined);
  add('whenTryNextUnits', props.whenTryNextUnits?.policy);
  return features;
}
