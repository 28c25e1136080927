import { createHash } from 'crypto';
import { ApiObject, ApiObjectMetadata, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { PlacementPlan } from './placement-plan';
import { ResourcePolicyUnit, UnitResourceKind } from './resource-policy-unit';
import { CheckedApiObject } from '../checks/checked-api-object';
import { appPlan, warnOnce } from '../checks/cluster-check';
import { advice } from '../checks/job-check';
import { PendingPods } from '../checks/pending-pods';
import { registerChecked, SynthSession } from '../checks/synth-session';
import { ECI_POD_OPTIONS_SHAPE, renderEciAnnotations } from '../eci/eci-annotations';
import { EciPlacement } from '../eci/eci-placement';
import { EciPodOptions } from '../eci/eci-pod-options';
import { PlacementTarget } from '../eci/placement-target';
import { SparkPlacement } from '../eci/spark-placement';
import type { ResourcePolicySpecPreemptPolicy, ResourcePolicySpecStrategy, ResourcePolicySpecWhenTryNextUnitsPolicy } from '../imports/resource-policy-scheduling.alibabacloud.com';
import { toJson_ResourcePolicySpec } from '../imports/resource-policy-scheduling.alibabacloud.com';
import { applicationFromPodSet, readApplication } from '../model/applications';
import { describeJobPending } from '../model/describe';
import { planCluster } from '../model/planner';
import { readResourcePolicy } from '../model/resource-policies';
import { ISparkPods, SparkOperatorLabels } from '../model/spark-pods';
import { brand, isBranded } from '../private/brand';
import { invalid, invalidMessage } from '../private/errors';
import { captureArgument, checkArguments, enumShape, instanceShape, optionsShape } from '../private/props-shape';
import { definedMetadata, listOrUndefined, mapOrUndefined } from '../private/render';
import {
  checkLabelKeyList, checkLabels, checkLabelValue, formatVersion, MIN_SCHEDULER_VERSION, parseSchedulerVersion,
  SchedulerFeature, SchedulerVersion, toGoDuration, versionAtLeast,
} from '../private/resource-policy';
import { SparkClusterProfile } from '../profile/cluster-profile';
import type { AbstractSparkJob } from '../spark/job/abstract-spark-job';

const GVK = { apiVersion: 'scheduling.alibabacloud.com/v1alpha1', kind: 'ResourcePolicy' } as const;

/**
 * The pod label `addJob()` writes on the roles a policy governs, when the policy has no selector of
 * its own: its value is the policy's name, and the policy selects on it. Spark applies role labels
 * itself (no webhook), and they reach every submission, scheduled runs included.
 */
const POLICY_LABEL = 'cdk8s-spark-eci/resource-policy';

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

/** Pods a policy can plan: a job, or another `ISparkPods` (read by its method, so a job of another copy of the package passes). */
const SPARK_PODS_SHAPE = instanceShape<ISparkPods>('ISparkPods',
  (value): value is ISparkPods => typeof (value as Partial<ISparkPods> | undefined)?.toPodSet === 'function',
  'must be a SparkJob, a ScheduledSparkJob or another ISparkPods (with toPodSet())');

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
    const rendered = timeout === undefined ? undefined : toGoDuration('whenTryNextUnits.timeout', timeout);
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
    captureArgument('SparkPodSelector.job name', name, 'string');
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
    captureArgument('SparkPodSelector.custom labels', labels, 'stringMap');
    captureArgument('SparkPodSelector.custom matchLabelKeys', matchLabelKeys, 'strings', true);
    return new SparkPodSelector(
      checkLabels('SparkPodSelector.custom labels', labels),
      checkLabelKeyList('SparkPodSelector.custom matchLabelKeys', matchLabelKeys),
      false,
    );
  }

  /**
   * The pods of the jobs given to one policy's `addJob()`: selects `POLICY_LABEL: <value>`, each
   * submission with its own budget (as `allSparkPods()`).
   * @internal
   */
  public static _scoped(value: string): SparkPodSelector {
    return new SparkPodSelector({ [POLICY_LABEL]: value }, [SparkOperatorLabels.SUBMISSION_ID], true);
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
    checkArguments('matches()', ['labels', labels, 'stringMap']);
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
   * @default - the pods of the jobs given to `addJob()` (a label it writes on the roles the policy
   * governs), each submission with its own budget; `SparkPodSelector.allSparkPods()` while no job
   * is added
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

/** What each prop holds (`captureArgument`); typed over the props, so a new prop needs a shape to compile. */
const PROPS_SHAPE = optionsShape<ResourcePolicyUnitsProps>({
  metadata: 'object',
  selector: 'instance',
  units: { list: 'instance' },
  strategy: enumShape('ResourcePolicyStrategy', ResourcePolicyStrategy),
  preemptPolicy: enumShape('PreemptPolicy', PreemptPolicy),
  whenTryNextUnits: 'instance',
  ignorePreviousPod: 'boolean',
  ignoreTerminatingPod: 'boolean',
  matchLabelKeys: 'strings',
  schedulerVersion: 'string',
});
const PENDING_PODS = enumShape('PendingPods', PendingPods);
const CAPACITY_CHECK_SHAPE = optionsShape<CapacityCheckOptions>({ pendingPods: PENDING_PODS });
const JOB_OPTIONS_SHAPE = optionsShape<ResourcePolicyJobOptions>({
  pendingPods: PENDING_PODS,
  eci: ECI_POD_OPTIONS_SHAPE,
  mechanism: enumShape('PlacementTarget', PlacementTarget),
});

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


  private readonly props: ResourcePolicyUnitsProps;
  private readonly _units: ResourcePolicyUnit[] = [];
  private readonly _jobs: AbstractSparkJob[] = [];
  private readonly _checkedPods: Array<{ pods: ISparkPods; pendingPods: PendingPods }> = [];
  private readonly _matchLabelKeys: string[];
  private readonly version?: SchedulerVersion;
  /** Where `version` came from, for messages. */
  private readonly versionSource: string;

  public constructor(scope: Construct, id: string, props: ResourcePolicyUnitsProps = {}) {
    super(scope, id);
    registerChecked(this);
    // The caller's objects are copied: changing them later changes nothing.
    props = captureArgument('', props, PROPS_SHAPE, true) ?? {};
    this.props = props;
    if (props.selector !== undefined && !SparkPodSelector.isSparkPodSelector(props.selector)) {
      invalid('selector', 'must be made with SparkPodSelector.allSparkPods(), job() or custom()', props.selector);
    }
    if (props.whenTryNextUnits !== undefined && !WhenTryNextUnits.isWhenTryNextUnits(props.whenTryNextUnits)) {
      invalid('whenTryNextUnits', 'must be made with a WhenTryNextUnits factory, e.g. WhenTryNextUnits.exceedMax()', props.whenTryNextUnits);
    }
    // Its own schedulerVersion, else the cluster profile's (SparkClusterProfile.attachTo()).
    const profileVersion = props.schedulerVersion === undefined ? SparkClusterProfile.of(this)?.kubeSchedulerVersion : undefined;
    this.versionSource = profileVersion === undefined ? 'schedulerVersion' : "the cluster profile's kubeSchedulerVersion";
    const version = props.schedulerVersion ?? profileVersion;
    this.version = version === undefined ? undefined : parseSchedulerVersion('schedulerVersion', version);

    this._matchLabelKeys = checkLabelKeyList('matchLabelKeys', props.matchLabelKeys);
    for (const key of this._matchLabelKeys) {
      if ((props.selector ?? SparkPodSelector.allSparkPods()).matchLabelKeys.includes(key)) {
        invalid('matchLabelKeys', 'must not repeat a key the selector already groups by', key);
      }
    }
    this.requireVersion(policyFeatures(props, this._matchLabelKeys));

    this.apiObject = new CheckedApiObject(this, 'Resource', {
      ...GVK,
      metadata: definedMetadata(props.metadata),
      spec: Lazy.any({ produce: () => this._render() }),
    });

    if (props.units !== undefined && props.units.length === 0) {
      invalid('units', 'must list at least one unit (or be left out and filled with addUnit())', props.units);
    }
    for (const unit of props.units ?? []) { this.addUnit(unit); }

    this.node.addValidation({ validate: () => this.validatePolicy() });
  }

  /**
   * Which pods the policy applies to: the `selector` prop, else the pods of the jobs given to
   * `addJob()`, else every pod the Spark Operator launches in the namespace.
   */
  public get selector(): SparkPodSelector {
    if (this.props.selector) { return this.props.selector; }
    return this._jobs.length > 0 ? SparkPodSelector._scoped(this.scopeLabelValue()) : SparkPodSelector.allSparkPods();
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
    this.requireSeveralAcs(unit, index);
    this._units.push(unit);
  }

  /**
   * Where the policy puts the pods of one job, assuming every unit has room for its pods: the
   * driver first, then executors 1..n, each into the first unit below its `max` that can take it.
   * Pods the selector does not match, or in another namespace, are unmanaged.
   *
   * A job of this app (a `SparkJob`, a `ScheduledSparkJob`) is planned inside its app, as
   * synthesis and `plan` plan it: other jobs that share the policy's budget, other policies and
   * quota count. A description of pods (`toPodSet()` only) has no app: it is planned alone with
   * this policy.
   *
   * @param pods the job, e.g. a `SparkJob` (read as it renders), or a description of its pods
   */
  public plan(pods: ISparkPods): PlacementPlan {
    checkArguments('plan()', ['pods', pods, SPARK_PODS_SHAPE]);
    const policy = readResourcePolicy(this.apiObject.toJson());
    const apiObject = (pods as { apiObject?: unknown }).apiObject;
    if (ApiObject.isApiObject(apiObject) && apiObject.node.root === this.node.root) {
      const app = appPlan(this);
      const job = app.jobAt(apiObject.node.path);
      const readError = app.readErrorAt(apiObject.node.path);
      if (readError !== undefined) { invalid('plan() pods', `must render a manifest the planner can read: ${readError}`, apiObject.node.path); }
      const planned = app.plan.policies.find(p => p.ref.namespace === policy.ref.namespace && p.ref.name === policy.ref.name) ?? policy;
      return PlacementPlan._fromModel(job!, planned);
    }
    const rendered = typeof (pods as any).toManifest === 'function';
    const app = rendered ? readApplication((pods as any).toManifest(), {}, '') : applicationFromPodSet(pods.toPodSet());
    const result = planCluster({ applications: [app], policies: [policy] });
    return PlacementPlan._fromModel(result.jobs[0], result.policies[0]);
  }

  /**
   * Checks at synth that the policy places every pod of the job: by default synthesis fails when
   * some would stay Pending, naming the job, the pods, the reason and the fix. It also fails when
   * the policy selects none of the job's pods. A `SparkJob` or `ScheduledSparkJob` is checked by
   * the plan of the whole app (other jobs may share the policy's budget); a hand-written
   * `ISparkPods` is planned alone.
   *
   * @param job the job, read at synth (so later changes to it count)
   * @param options what to do about Pending pods
   */
  public checkCapacity(job: ISparkPods, options: CapacityCheckOptions = {}): void {
    checkArguments('checkCapacity()', ['job', job, SPARK_PODS_SHAPE]);
    options = captureArgument('checkCapacity() options', options, CAPACITY_CHECK_SHAPE, true) ?? {};
    if (typeof (job as any)._requirePolicy === 'function') {
      (job as AbstractSparkJob)._requirePolicy(this.policyKey(), options.pendingPods ?? PendingPods.ERROR);
      return;
    }
    this._checkedPods.push({ pods: job, pendingPods: options.pendingPods ?? PendingPods.ERROR });
  }

  /**
   * Puts a Spark job under this policy. Without a `selector` prop, the policy selects exactly the
   * pods of the jobs added here (all their submissions, each with its own budget): a label with
   * the policy's name goes on the roles it governs. A role placed ECS only (for example the
   * driver of `SparkPlacement.recommended()`) is left out of the policy's reach and stays on ECS.
   * A job without a placement gets `EciPlacement.resourcePolicy()`: the ECI toleration, never the
   * `alibabacloud.com/eci` label, which would override the policy. The namespaces must match,
   * and synthesis checks that the policy places every pod (see `checkCapacity()`).
   *
   * Which roles the policy governs is decided when the job synthesizes, from its rendered pods
   * (a placement, toleration or label given after this call counts), and so is the check that
   * some role may run on ECI and that the policy's own selector selects no role the placement
   * keeps on ECS only: synthesis fails naming the job's placement.
   *
   * @param job the job
   * @param options Pending-pod behaviour, ECI options of the governed roles, where the toleration is written
   */
  public addJob(job: AbstractSparkJob, options: ResourcePolicyJobOptions = {}): void {
    if (typeof (job as Partial<AbstractSparkJob> | undefined)?._requirePolicy !== 'function') {
      invalid('addJob() job', 'must be a SparkJob or ScheduledSparkJob', job);
    }
    options = captureArgument('addJob() options', options, JOB_OPTIONS_SHAPE, true) ?? {};
    if (this._jobs.includes(job)) {
      invalid('addJob()', 'must be called once per job', job.node.path);
    }
    const placement = job.placement;
    if (placement === undefined) {
      job.place(SparkPlacement.of(EciPlacement.resourcePolicy({ eci: options.eci }), options.mechanism));
    } else if (options.mechanism !== undefined && options.mechanism !== placement.mechanism) {
      invalid('addJob() mechanism', `must equal the job's placement mechanism (${placement.mechanism}), which wrote its tolerations already`, options.mechanism);
    }
    const eci = placement !== undefined && options.eci !== undefined ? renderEciAnnotations('addJob() eci', options.eci) : {};
    this._jobs.push(job);
    // Which roles the policy governs is the model's answer about the job as it renders, decided
    // then (a placement or toleration given later counts): the roles that may run on ECI (without a
    // selector of its own, the policy labels exactly those), or the roles its own selector matches.
    // The job's checks at synth refuse a job none of whose roles may run on ECI, and a role kept on
    // ECS only that the selector selects.
    job._addEciRoleWrite({
      call: 'addJob()',
      policy: this.policyKey(),
      selectedBy: this.props.selector === undefined ? undefined : () => readResourcePolicy(SynthSession.of(this).renderedJson(this.apiObject)),
      labels: this.props.selector === undefined ? { [POLICY_LABEL]: this.scopeLabelValue() } : {},
      annotations: eci,
    });
    job._requirePolicy(this.policyKey(), options.pendingPods);
  }

  /**
   * Renders `spec` with the generated binding; empty lists and maps are left out.
   * @internal
   */
  public _render(): any {
    const p = this.props;
    const when = p.whenTryNextUnits;
    return toJson_ResourcePolicySpec({
      selector: mapOrUndefined(this.selector.labels),
      strategy: (p.strategy ?? ResourcePolicyStrategy.PREFER) as string as ResourcePolicySpecStrategy,
      units: this._units.map(u => u._render()),
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
        invalid(f.field, `needs kube-scheduler ${f.minimum} or later, but ${this.versionSource} is ${formatVersion(this.version)}`, f.value);
      }
    }
  }

  /** A second `acs` unit needs a newer scheduler than the first one does; the message names both units. */
  private requireSeveralAcs(unit: ResourcePolicyUnit, index: number): void {
    if (this.version === undefined || unit.resource !== UnitResourceKind.ACS) { return; }
    const first = this._units.findIndex(u => u.resource === UnitResourceKind.ACS);
    if (first >= 0 && !versionAtLeast(this.version, MIN_SCHEDULER_VERSION.severalAcs)) {
      invalid(`units[${index}].resource`,
        `cannot be a second acs unit (units[${first}] is one) below kube-scheduler ${MIN_SCHEDULER_VERSION.severalAcs}, `
        + `but ${this.versionSource} is ${formatVersion(this.version)}: merge them into one acs unit`, unit.resource);
    }
  }

  private validatePolicy(): string[] {
    // A policy without units is refused by the model's reader of the rendered policy (spec.units).
    const errors: string[] = [];
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
        `needs kube-scheduler ${MIN_SCHEDULER_VERSION.matchLabelKeys} or later, but ${this.versionSource} is ${formatVersion(this.version)}`
        + ' (use SparkPodSelector.custom() to select without grouping)', this.matchLabelKeys));
    }
    const elastic = this._units.map((u, i) => (u.resource === UnitResourceKind.ELASTIC ? `units[${i}]` : undefined)).filter(x => x);
    if (elastic.length > 0) {
      warnOnce(this, `${elastic.join(', ')}: resource "elastic" is deprecated by ACK; `
        + 'use ResourcePolicyUnit.ecs({ waitForEcsScaling: true }) with an auto-scaling node pool');
    }
    errors.push(...this.checkedPodsProblems());
    return errors;
  }

  /** `namespace/name`, as the checks key policies. */
  private policyKey(): string {
    return `${this.namespace ?? 'default'}/${this.name}`;
  }

  /** The value of `POLICY_LABEL`: the policy's name, shortened with a hash to fit a label value. */
  private scopeLabelValue(): string {
    return labelValueOf(this.name);
  }

  /** Pending pods of the hand-written pod sets given to `checkCapacity()`. */
  private checkedPodsProblems(): string[] {
    const errors: string[] = [];
    for (const { pods, pendingPods } of this._checkedPods) {
      if (pendingPods === PendingPods.ALLOW || this._units.length === 0) { continue; }
      const plan = this.plan(pods);
      const job = plan._job();
      const selected = [job.driver, job.executor].filter(r => r.policy !== undefined);
      const executors = job.executor.role.count;
      const launches = `SparkApplication ${plan.jobNamespace}/${plan.jobName} launches ${1 + executors} pods (1 driver + ${executors} executor${executors === 1 ? '' : 's'})`;
      const problems = selected.length === 0
        ? [`${launches} but ResourcePolicy ${plan.policyNamespace}/${plan.policyName} places none of them: `
          + (plan.jobNamespace !== plan.policyNamespace
            ? `it runs in namespace ${plan.jobNamespace}, the policy only sees ${plan.policyNamespace}`
            : `the selector ${JSON.stringify(this.selector.labels)} matches none of them`) + '. Fix the selector or the namespace, or drop checkCapacity().']
        : selected.flatMap(r => r.pending).map(group => `${describeJobPending(job.app.ref, executors, group)} ${advice(group)}`);
      for (const problem of problems) {
        if (pendingPods === PendingPods.WARN) { warnOnce(this, problem); } else { errors.push(problem); }
      }
    }
    return errors;
  }
}

/** A label value (at most 63 characters) that stands for a name: the name, or its start and a hash. */
function labelValueOf(name: string): string {
  if (name.length <= 63) { return name; }
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 54).replace(/[-_.]+$/, '')}-${hash}`;
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
