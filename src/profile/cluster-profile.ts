import { Size } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { SCHEDULED_TIMESTAMP_DIGITS } from '../model/rules/spark-application';
import { brand, isBranded } from '../private/brand';
import { invalid } from '../private/errors';
import { checkDns1123Label } from '../private/k8s-names';
import { compareVersions } from '../private/names';
import { captureArgument, checkArguments, CONSTRUCT_SHAPE, enumShape, optionsShape, ShapeOf, SIZE_SHAPE } from '../private/props-shape';
import { parseSchedulerVersion } from '../private/resource-policy';
import { checkSize, toQuantity } from '../private/units';

/** Whether the Spark Operator's mutating webhook runs in the cluster. */
export enum OperatorWebhook {
  /** The webhook runs (chart 2.x default): per-role spec fields reach the pods. */
  ENABLED = 'ENABLED',
  /**
   * The webhook is off (upstream advises it at scale): per-role fields only the webhook applies
   * are written into the pod templates, or refused where no template can carry them.
   */
  DISABLED = 'DISABLED',
  /** Not known: the output stays as without a profile, with a warning for each such field. */
  UNKNOWN = 'UNKNOWN',
}

/**
 * How precise the timestamp in a scheduled run's name is: the operator flag
 * `--scheduled-spark-application-timestamp-precision` (v2.5.0+). Runs are named
 * `<name>-<timestamp>`, and the whole name must fit 63 characters.
 */
export enum ScheduledTimestampPrecision {
  /** 19 digits, names up to 43 characters: the default, and the only one before v2.5.0. */
  NANOS = 'nanos',
  /** 16 digits, names up to 46 characters. */
  MICROS = 'micros',
  /** 13 digits, names up to 49 characters. */
  MILLIS = 'millis',
  /** 10 digits, names up to 52 characters. */
  SECONDS = 'seconds',
  /** 8 digits, names up to 54 characters. */
  MINUTES = 'minutes',
}

/** Digits of the run timestamp for each precision (operator `formatTimestamp`): the model's table. */
const TIMESTAMP_DIGITS = SCHEDULED_TIMESTAMP_DIGITS;

/** What a preset can be told about the cluster beyond its operator release. */
export interface SparkClusterProfileOptions {
  /**
   * Whether the operator's mutating webhook runs (chart value `webhook.enable`).
   *
   * @default - the preset's value
   */
  readonly webhook?: OperatorWebhook;

  /**
   * The operator's `--scheduled-spark-application-timestamp-precision` (v2.5.0+), which sets the
   * longest ScheduledSparkApplication name.
   *
   * @default ScheduledTimestampPrecision.NANOS
   */
  readonly scheduledTimestampPrecision?: ScheduledTimestampPrecision;

  /**
   * Kubernetes version of the cluster, e.g. `1.33`.
   *
   * @default - the preset's value
   */
  readonly kubernetesVersion?: string;

  /**
   * ACK kube-scheduler version (`6.4.3`, `v6.4.3` or `v1.28.3-aliyun-6.4.3.e8a4c58b`): the
   * `schedulerVersion` of every `ResourcePolicyUnits` in scope that sets none.
   *
   * @default - no ResourcePolicy version check
   */
  readonly kubeSchedulerVersion?: string;

  /**
   * Namespaces the operator watches (chart value `spark.jobNamespaces`); a job in another one is
   * refused. `""` in the list means every namespace.
   *
   * @default - the preset's value (both charts default to `["default"]`)
   */
  readonly jobNamespaces?: string[];

  /**
   * Compressed size of the Spark image the jobs run (the size the registry shows). ECI's free
   * 30 GiB of disk per pod holds the image, at least twice its compressed size, before any
   * scratch, shuffle or spill (ECI "Scale up the temporary storage space"): the plan compares a
   * role's scratch with what is left. Written on each SparkApplication as the annotation
   * `cdk8s-spark-eci/image-size`, which the `plan` command reads too; a job's own annotation wins.
   *
   * @default - 1 GiB assumed (the Apache Spark 3.5 images are about 0.5 to 0.7 GiB compressed)
   */
  readonly imageSize?: Size;

  /**
   * Whether the cluster's ack-kube-queue runs with its `sparkapp` extension (v0.4.0+), which
   * queues SparkApplications through `suspend` and un-suspends a job once its ElasticQuotaTree
   * leaf can take the whole of it. By default ack-kube-queue queues only TfJob and PyTorchJob
   * (ACK "Use ack-kube-queue to manage job queues", DOMAIN.md §7). When false, a job with
   * `queue: JobQueue.ackKubeQueue()` is refused: nothing would ever un-suspend it.
   *
   * @default - not known: not checked
   */
  readonly ackKubeQueueSparkApp?: boolean;

  /**
   * Whether every job should have deadlines (see `JobDeadlines`): synthesis and `plan` warn about
   * a job whose ECI pods have no start deadline of their own, whose driver nothing ends after a
   * time, or that has no `timeToLive`. Each job records it as the annotation
   * `cdk8s-spark-eci/require-deadlines: "true"`, which is how `plan` and the plugin know it.
   *
   * @default false
   */
  readonly requireDeadlines?: boolean;
}

/** Everything a profile knows about the cluster a job runs on. */
export interface SparkClusterProfileProps extends SparkClusterProfileOptions {
  /** Spark Operator release, `2.5.2` or `v2.5.2` (2.0.0 or later). */
  readonly operatorVersion: string;
}

const PROFILE_ID = 'SparkClusterProfile';

/** What each option holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const OPTIONS: ShapeOf<SparkClusterProfileOptions> = {
  webhook: enumShape('OperatorWebhook', OperatorWebhook),
  scheduledTimestampPrecision: enumShape('ScheduledTimestampPrecision', ScheduledTimestampPrecision),
  kubernetesVersion: 'string',
  kubeSchedulerVersion: 'string',
  jobNamespaces: 'strings',
  imageSize: SIZE_SHAPE,
  ackKubeQueueSparkApp: 'boolean',
  requireDeadlines: 'boolean',
};
const OPTIONS_SHAPE = optionsShape<SparkClusterProfileOptions>(OPTIONS);
const PROPS_SHAPE = optionsShape<SparkClusterProfileProps>({ ...OPTIONS, operatorVersion: 'string' });

/** The checked copy of a preset's options (`options.webHook must be one of the known keys ...`). */
function captureOptions(options: SparkClusterProfileOptions | undefined): SparkClusterProfileOptions {
  return captureArgument('options', options, OPTIONS_SHAPE, true) ?? {};
}

/**
 * The cluster the jobs in a scope will run on: the Spark Operator release and its webhook,
 * scheduled-name precision, Kubernetes and ACK kube-scheduler versions, and the namespaces the
 * operator watches. Synthesis refuses what that cluster would drop or reject.
 *
 * Attach it once to the App or a Chart (`attachTo()`), as CDK feature flags are set on the app,
 * before the constructs it applies to are created; a job's `profile` prop overrides it. Without
 * a profile the output is what it was before profiles existed.
 */
export class SparkClusterProfile {
  /**
   * What `ack-spark-operator` ships (ACK's build of kubeflow/spark-operator, chart 2.1.x): the
   * v2.1 CRDs, the webhook on, jobs in `default` only, Kubernetes 1.33 (the oldest ACK supports
   * in 2026).
   *
   * @param options what differs in your cluster
   */
  public static ackSparkOperator(options: SparkClusterProfileOptions = {}): SparkClusterProfile {
    options = captureOptions(options);
    return new SparkClusterProfile({
      webhook: OperatorWebhook.ENABLED,
      kubernetesVersion: '1.33',
      jobNamespaces: ['default'],
      ...definedOnly(options),
      operatorVersion: '2.1.1',
    }, 'ackSparkOperator()');
  }

  /**
   * An upstream kubeflow/spark-operator release installed with its chart's defaults: the
   * webhook on, jobs in `default` only.
   *
   * @param version the release, one of 2.0.2, 2.1.1, 2.2.1, 2.3.0, 2.4.0, 2.5.2 (a later
   *   patch of those minors is accepted too)
   * @param options what differs in your cluster
   */
  public static upstream(version: string, options: SparkClusterProfileOptions = {}): SparkClusterProfile {
    checkArguments('SparkClusterProfile.upstream()', ['version', version, 'string']);
    options = captureOptions(options);
    return new SparkClusterProfile({
      webhook: OperatorWebhook.ENABLED,
      jobNamespaces: ['default'],
      ...definedOnly(options),
      operatorVersion: version,
    }, `upstream(${JSON.stringify(version)})`);
  }

  /**
   * Whether `x` is a `SparkClusterProfile`, also when another copy of this package made it.
   *
   * @param x any value
   */
  public static isSparkClusterProfile(x: any): x is SparkClusterProfile {
    return isBranded(x, 'SparkClusterProfile');
  }

  /**
   * The profile attached nearest to `scope` (itself, then its parents up to the App), if any.
   *
   * @param scope a construct
   */
  public static of(scope: IConstruct): SparkClusterProfile | undefined {
    checkArguments('SparkClusterProfile.of()', ['scope', scope, CONSTRUCT_SHAPE]);
    for (const s of [...scope.node.scopes].reverse()) {
      const holder = s.node.tryFindChild(PROFILE_ID) as ProfileHolder | undefined;
      if (holder && SparkClusterProfile.isSparkClusterProfile(holder.profile)) { return holder.profile; }
    }
    return undefined;
  }

  /** Spark Operator release, normalized (`2.5.2`). */
  public readonly operatorVersion: string;
  /** Whether the operator's webhook runs. */
  public readonly webhook: OperatorWebhook;
  /** The scheduled run names' timestamp precision. */
  public readonly scheduledTimestampPrecision: ScheduledTimestampPrecision;
  /** Kubernetes version, if known. */
  public readonly kubernetesVersion?: string;
  /** ACK kube-scheduler version, if known. */
  public readonly kubeSchedulerVersion?: string;
  /** Compressed size of the jobs' Spark image, if given. */
  public readonly imageSize?: Size;
  /** Whether ack-kube-queue queues SparkApplications (its `sparkapp` extension), if known. */
  public readonly ackKubeQueueSparkApp?: boolean;
  /** Whether every job should have deadlines. */
  public readonly requireDeadlines: boolean;
  /** How the profile was made, for messages: `upstream("2.5.2")`, `ackSparkOperator()` or `custom`. */
  public readonly source: string;
  private readonly _jobNamespaces?: string[];

  /**
   * @param props what the cluster runs
   * @param source how it was made, for messages (presets pass their name)
   */
  public constructor(props: SparkClusterProfileProps, source?: string) {
    props = captureArgument('', props, PROPS_SHAPE);
    checkArguments('SparkClusterProfile', ['source', source, 'string', true]);
    const version = typeof props.operatorVersion === 'string' ? props.operatorVersion.trim().replace(/^v/, '') : props.operatorVersion;
    if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version) || compareVersions(version, '2.0.0') < 0) {
      invalid('operatorVersion', 'must be a Spark Operator release 2.0.0 or later, such as "2.5.2"', props.operatorVersion);
    }
    // webhook and scheduledTimestampPrecision are their enums' own values (the shape above)
    const precision = props.scheduledTimestampPrecision ?? ScheduledTimestampPrecision.NANOS;
    if (precision !== ScheduledTimestampPrecision.NANOS && compareVersions(version, '2.5.0') < 0) {
      invalid('scheduledTimestampPrecision', `needs Spark Operator >= 2.5.0, which added --scheduled-spark-application-timestamp-precision (operatorVersion ${version} names runs with 19 digits)`, precision);
    }
    if (props.kubernetesVersion !== undefined && (typeof props.kubernetesVersion !== 'string' || !/^v?1\.\d+(\.\d+)?$/.test(props.kubernetesVersion))) {
      invalid('kubernetesVersion', 'must be a Kubernetes version such as "1.33" or "v1.33.1"', props.kubernetesVersion);
    }
    if (props.kubeSchedulerVersion !== undefined) { parseSchedulerVersion('kubeSchedulerVersion', props.kubeSchedulerVersion); }
    if (props.jobNamespaces !== undefined) {
      if (!Array.isArray(props.jobNamespaces) || props.jobNamespaces.length === 0) {
        invalid('jobNamespaces', 'must list at least one namespace ("" for every namespace), or be left out', props.jobNamespaces);
      }
      for (const ns of props.jobNamespaces) {
        if (ns !== '') { checkDns1123Label('jobNamespaces[]', ns); }
      }
    }
    if (props.imageSize !== undefined) {
      checkSize('imageSize', props.imageSize, 'Size.gibibytes(2)');
      toQuantity('imageSize', props.imageSize, { positive: true });
    }
    if (props.ackKubeQueueSparkApp !== undefined && typeof props.ackKubeQueueSparkApp !== 'boolean') {
      invalid('ackKubeQueueSparkApp', 'must be true or false', props.ackKubeQueueSparkApp);
    }
    if (props.requireDeadlines !== undefined && typeof props.requireDeadlines !== 'boolean') {
      invalid('requireDeadlines', 'must be true or false', props.requireDeadlines);
    }
    this.operatorVersion = version;
    this.imageSize = props.imageSize;
    this.ackKubeQueueSparkApp = props.ackKubeQueueSparkApp;
    this.webhook = props.webhook ?? OperatorWebhook.UNKNOWN;
    this.scheduledTimestampPrecision = precision;
    this.kubernetesVersion = props.kubernetesVersion?.replace(/^v/, '');
    this.kubeSchedulerVersion = props.kubeSchedulerVersion;
    this._jobNamespaces = props.jobNamespaces && [...props.jobNamespaces];
    this.requireDeadlines = props.requireDeadlines ?? false;
    this.source = source ?? 'custom';
    brand(this, 'SparkClusterProfile');
  }

  /** Namespaces the operator watches (a copy), or undefined when not checked. */
  public get jobNamespaces(): string[] | undefined {
    return this._jobNamespaces && [...this._jobNamespaces];
  }

  /** Whether the operator manages jobs in `namespace`. */
  public watches(namespace: string): boolean {
    checkArguments('watches()', ['namespace', namespace, 'string']);
    return this._jobNamespaces === undefined || this._jobNamespaces.includes('') || this._jobNamespaces.includes(namespace);
  }

  /** The longest ScheduledSparkApplication name: 63 minus `-` and the run timestamp's digits. */
  public get maxScheduledNameLength(): number {
    return 63 - 1 - TIMESTAMP_DIGITS[this.scheduledTimestampPrecision];
  }

  /** Whether the operator release is `minimum` or later (`2.4`, `2.1.0`). */
  public operatorAtLeast(minimum: string): boolean {
    checkArguments('operatorAtLeast()', ['minimum', minimum, 'string']);
    return compareVersions(this.operatorVersion, minimum) >= 0;
  }

  /**
   * Attaches this profile to `scope` (an App or a Chart): every construct created under it
   * afterwards uses it, unless a nearer scope or a job's `profile` prop says otherwise. Once per
   * scope.
   *
   * @param scope the App or Chart
   */
  public attachTo(scope: Construct): void {
    checkArguments('attachTo()', ['scope', scope, CONSTRUCT_SHAPE]);
    if (scope.node.tryFindChild(PROFILE_ID)) {
      invalid('attachTo()', 'takes one profile per scope: attach a second one to a Chart below it, or pass profile to the job', scope.node.path || '(app)');
    }
    new ProfileHolder(scope, PROFILE_ID, this);
  }

  /** A copy with some settings changed. */
  public withOptions(options: SparkClusterProfileOptions): SparkClusterProfile {
    options = captureOptions(options);
    return new SparkClusterProfile({
      operatorVersion: this.operatorVersion,
      webhook: this.webhook,
      scheduledTimestampPrecision: this.scheduledTimestampPrecision,
      kubernetesVersion: this.kubernetesVersion,
      kubeSchedulerVersion: this.kubeSchedulerVersion,
      jobNamespaces: this._jobNamespaces,
      imageSize: this.imageSize,
      ackKubeQueueSparkApp: this.ackKubeQueueSparkApp,
      requireDeadlines: this.requireDeadlines,
      ...definedOnly(options),
    }, this.source);
  }

  /** The profile as it is described in messages: `upstream("2.5.2") (operator 2.5.2, webhook DISABLED)`. */
  public toString(): string {
    return `${this.source} (operator ${this.operatorVersion}, webhook ${this.webhook})`;
  }
}

/** The child that marks a scope's profile; it renders nothing. */
class ProfileHolder extends Construct {
  public constructor(scope: Construct, id: string, public readonly profile: SparkClusterProfile) {
    super(scope, id);
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
