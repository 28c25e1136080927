import { ApiObject, ApiObjectMetadata, Lazy, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkDynamicAllocation } from './abstract-spark-job';
import { DynamicAllocation } from './dynamic-allocation';
import { SparkEventLog } from './event-log';
import { DYNAMIC_ALLOCATION_SHAPE } from './option-shapes';
import { RemoteShuffle } from './remote-shuffle';
import { SparkRole } from './role/spark-role';
import { noteMutation } from '../checks/cluster-check';
import { PlacementOptions, PlacementTarget } from '../eci/placement-target';
import { SparkPlacement } from '../eci/spark-placement';
import { SPARK_CONNECT_GVK } from '../private/bindings';
import { checkInteger, invalid, invalidMessage } from '../private/errors';
import { applicationNameProblem, compareVersions } from '../private/names';
import { captureArgument, optionsShape, ShapeOf } from '../private/props-shape';
import { compact, definedMetadata, mapOrUndefined, wholeMilliseconds } from '../private/render';
import { checkConfEntry, checkSecretConf, checkSparkConfKey } from '../private/spark-conf-rules';
import { SparkClusterProfile } from '../profile/cluster-profile';
import { sparkConnectProblems } from '../profile/profile-gates';

/** The settings of the Spark Connect server pod or of its executors (`spec.server` / `spec.executor`). */
export interface SparkConnectRoleProps {
  /**
   * CPU cores (`cores`; `spark.driver.cores` / `spark.executor.cores`), an integer >= 1.
   *
   * @default - Spark's default, 1
   */
  readonly cores?: number;

  /**
   * JVM heap per pod (`memory`), rendered in Spark's format (`Size.gibibytes(4)` is `4g`).
   *
   * @default - Spark's default, `1g`
   */
  readonly memory?: Size;

  /**
   * Labels of the pods, written to `template.metadata.labels`.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the pods (ECI options are annotations too), written to
   * `template.metadata.annotations`.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * A pod template (`template`): the operator creates the server pod from it as it is, and Spark
   * applies the executors' one. Placement rules and the labels and annotations above are merged in.
   * The server pod gets only the resources its template gives its `spark-kubernetes-driver`
   * container: on ECI, size it there (or with `eci.instanceSpecs`), else ECI creates 2 vCPU / 4 GiB.
   *
   * @default - none
   */
  readonly template?: k8s.PodTemplateSpec;
}

/** The executors of a Spark Connect server (`spec.executor`). */
export interface SparkConnectExecutorProps extends SparkConnectRoleProps {
  /**
   * Number of executors (`instances`), an integer >= 0; with dynamic allocation the initial count.
   *
   * @default - Spark's default
   */
  readonly instances?: number;
}

/** Longest name whose server pod `<name>-server` is a valid label. */
const MAX_NAME_LENGTH = 63 - '-server'.length;

/** What each key of the roles holds (`captureArgument`); typed, so a new key needs a shape to compile. */
const ROLE: ShapeOf<SparkConnectRoleProps> = { cores: 'number', memory: 'instance', labels: 'stringMap', annotations: 'stringMap', template: 'data' };
const SERVER_SHAPE = optionsShape<SparkConnectRoleProps>(ROLE);
const EXECUTOR_SHAPE = optionsShape<SparkConnectExecutorProps>({ ...ROLE, instances: 'number' });

/**
 * The server or the executors of a `SparkConnectServer`. Every placement rule, label and
 * annotation goes into the role's pod template, the only place SparkConnect has for them.
 */
export class SparkConnectRole extends SparkRole {
  private readonly instancesValue?: number;

  /**
   * @param roleName `server` or `executor`, the YAML key of the role
   * @param props the role's settings
   */
  public constructor(roleName: string, props: SparkConnectExecutorProps = {}) {
    if (roleName !== 'server' && roleName !== 'executor') {
      invalid('SparkConnectRole roleName', 'must be "server" or "executor"', roleName);
    }
    props = captureArgument(roleName, props, roleName === 'server' ? SERVER_SHAPE : EXECUTOR_SHAPE, true) ?? {};
    super(roleName, { cores: props.cores, memory: props.memory, template: props.template });
    checkInteger(`${roleName}.instances`, props.instances, 0);
    this.instancesValue = props.instances;
    for (const [key, value] of Object.entries(props.labels ?? {})) { this.addLabel(key, value); }
    for (const [key, value] of Object.entries(props.annotations ?? {})) { this.addAnnotation(key, value); }
  }

  /** The Spark container's name: the server runs Spark's driver, `spark-kubernetes-driver`. */
  public get containerName(): string {
    return this.roleName === 'server' ? 'spark-kubernetes-driver' : 'spark-kubernetes-executor';
  }

  /** Adds a label to the pods, in the pod template (the only place SparkConnect has). */
  public addLabel(key: string, value: string, _options: PlacementOptions = {}): void {
    super.addLabel(key, value, { target: PlacementTarget.POD_TEMPLATE });
  }

  /** Adds an annotation to the pods, in the pod template. */
  public addAnnotation(key: string, value: string, _options: PlacementOptions = {}): void {
    super.addAnnotation(key, value, { target: PlacementTarget.POD_TEMPLATE });
  }

  /** Adds a toleration to the pod template. */
  public addToleration(toleration: k8s.Toleration, _options: PlacementOptions = {}): void {
    super.addToleration(toleration, { target: PlacementTarget.POD_TEMPLATE });
  }

  /** Requires a node label expression in the pod template's node affinity. */
  public requireNodeAffinity(requirement: k8s.NodeSelectorRequirement, _options: PlacementOptions = {}): void {
    super.requireNodeAffinity(requirement, { target: PlacementTarget.POD_TEMPLATE });
  }

  /** Prefers nodes matching a label expression in the pod template's node affinity. */
  public preferNodeAffinity(weight: number, requirement: k8s.NodeSelectorRequirement, _options: PlacementOptions = {}): void {
    super.preferNodeAffinity(weight, requirement, { target: PlacementTarget.POD_TEMPLATE });
  }

  /** Adds a node selector label to the pod template. */
  public addNodeSelector(key: string, value: string, _options: PlacementOptions = {}): void {
    super.addNodeSelector(key, value, { target: PlacementTarget.POD_TEMPLATE });
  }

  /**
   * Fields set through the shared role methods that SparkConnect has no place for.
   * @internal
   */
  public _unsupported(): string[] {
    const rendered = this._renderRole();
    return Object.keys(rendered).filter(k => !['cores', 'memory', 'template'].includes(k)).map(k =>
      invalidMessage(`${this.roleName}.${k}`, `is not a SparkConnect field: write it in ${this.roleName}.template`, rendered[k]));
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    const rendered = this._renderRole();
    return compact({
      cores: rendered.cores,
      memory: rendered.memory,
      instances: this.instancesValue,
      template: rendered.template,
    });
  }
}

/** A Spark Connect server (`SparkConnect`, `sparkoperator.k8s.io/v1alpha1`, operator >= 2.3). */
export interface SparkConnectServerProps {
  /**
   * Metadata of the SparkConnect object; its name must be a DNS-1035 label of at most 56 characters
   * (the server pod is `<name>-server`).
   *
   * @default - a name generated from the construct path
   */
  readonly metadata?: ApiObjectMetadata;

  /** Spark version of the image (`sparkVersion`), at least 3.4 (Spark Connect's first release). */
  readonly sparkVersion: string;

  /** Container image of the server and executors (`image`), with Spark Connect's jars. */
  readonly image: string;

  /**
   * Spark configuration (`sparkConf`); keys the operator sets and keys holding credentials are
   * refused, as for `SparkJob`.
   *
   * @default - none
   */
  readonly sparkConf?: { [key: string]: string };

  /**
   * Hadoop configuration (`hadoopConf`); keys holding credentials are refused.
   *
   * @default - none
   */
  readonly hadoopConf?: { [key: string]: string };

  /**
   * Configuration keys that may hold clear-text values although their name says credential (see
   * `SparkJob`'s `allowedSecretConfKeys`).
   *
   * @default - none
   */
  readonly allowedSecretConfKeys?: string[];

  /**
   * The server pod (`server`).
   *
   * @default - Spark's defaults
   */
  readonly server?: SparkConnectRoleProps;

  /**
   * The executors (`executor`).
   *
   * @default - Spark's defaults
   */
  readonly executor?: SparkConnectExecutorProps;

  /**
   * Dynamic allocation of executors (`dynamicAllocation`).
   *
   * @default - off
   */
  readonly dynamicAllocation?: DynamicAllocation;

  /**
   * Where the server and executors run, e.g. `SparkPlacement.recommended()` (server on ECS,
   * executors ECS then ECI) or `SparkPlacement.spotResilient()`; the placement's driver rules apply
   * to the server. Everything is written into the pod templates, whatever the placement's mechanism.
   *
   * @default - nothing added: pods stay on ECS nodes
   */
  readonly placement?: SparkPlacement;

  /**
   * A remote shuffle service (see `RemoteShuffle`).
   *
   * @default - shuffle files stay on the executors
   */
  readonly shuffle?: RemoteShuffle;

  /**
   * Spark event logs for a History Server (see `SparkEventLog`).
   *
   * @default - no event logs
   */
  readonly eventLog?: SparkEventLog;
}

/** What each prop holds (`captureArgument`); typed over the props, so a new prop needs a shape to compile. */
const PROPS_SHAPE = optionsShape<SparkConnectServerProps>({
  metadata: 'data',
  sparkVersion: 'string',
  image: 'string',
  sparkConf: 'stringMap',
  hadoopConf: 'stringMap',
  allowedSecretConfKeys: 'strings',
  server: SERVER_SHAPE,
  executor: EXECUTOR_SHAPE,
  dynamicAllocation: DYNAMIC_ALLOCATION_SHAPE,
  placement: 'instance',
  shuffle: 'instance',
  eventLog: 'instance',
});

/**
 * A long-running Spark Connect server with its executors (`SparkConnect`,
 * `sparkoperator.k8s.io/v1alpha1`, Spark Operator >= 2.3), with the same placements and ECI
 * options as `SparkJob`. The operator creates the server pod from `server.template` and starts
 * `start-connect-server.sh`; Spark creates the executors.
 *
 * @see https://www.kubeflow.org/docs/components/spark-operator/user-guide/spark-connect/
 */
export class SparkConnectServer extends Construct {
  /** The server pod's settings. */
  public readonly server: SparkConnectRole;
  /** The executors' settings. */
  public readonly executor: SparkConnectRole;
  /** Spark version of the image. */
  public readonly sparkVersion: string;
  /** The primary API object (child id `Resource`). */
  public readonly apiObject: ApiObject;

  private readonly props: SparkConnectServerProps;
  private readonly _sparkConf: { [key: string]: string } = {};
  private readonly _hadoopConf: { [key: string]: string } = {};
  private readonly allowed: Set<string>;
  private _shuffle?: RemoteShuffle;

  public constructor(scope: Construct, id: string, props: SparkConnectServerProps) {
    super(scope, id);
    // The caller's objects are copied: changing them later changes nothing.
    props = captureArgument('', props, PROPS_SHAPE);
    if (typeof props.sparkVersion !== 'string' || !/^\d+\.\d+(\.\d+)?/.test(props.sparkVersion) || compareVersions(props.sparkVersion, '3.4.0') < 0) {
      invalid('sparkVersion', 'must be a Spark version of at least 3.4, Spark Connect\'s first release, e.g. "4.0.1"', props.sparkVersion);
    }
    if (typeof props.image !== 'string' || props.image.trim() === '') {
      invalid('image', 'is required: the operator refuses a SparkConnect without one', props.image);
    }
    this.props = props;
    this.sparkVersion = props.sparkVersion;
    this.allowed = new Set(props.allowedSecretConfKeys ?? []);
    this.server = new SparkConnectRole('server', props.server ?? {});
    this.executor = new SparkConnectRole('executor', props.executor ?? {});
    for (const [key, value] of Object.entries(props.sparkConf ?? {})) { this.addSparkConf(key, value); }
    for (const [key, value] of Object.entries(props.hadoopConf ?? {})) {
      checkConfEntry('hadoopConf', key, value);
      checkSecretConf('hadoopConf', key, value, this.allowed);
      this._hadoopConf[key] = value;
    }
    checkDynamicAllocation(props.dynamicAllocation);
    if (props.shuffle) {
      if (!RemoteShuffle.isRemoteShuffle(props.shuffle)) { invalid('shuffle', 'must be made with RemoteShuffle.celeborn()', props.shuffle); }
      props.shuffle._applyTo(this);
      this._shuffle = props.shuffle;
    }
    if (props.eventLog) {
      if (!SparkEventLog.isSparkEventLog(props.eventLog)) { invalid('eventLog', 'must be made with SparkEventLog.toOss() or toUri()', props.eventLog); }
      for (const [key, value] of Object.entries(props.eventLog.sparkConf)) { this.addSparkConf(key, value); }
    }
    if (props.placement) {
      if (!SparkPlacement.isSparkPlacement(props.placement)) {
        invalid('placement', 'must be made with SparkPlacement.of(), perRole(), recommended() or spotResilient()', props.placement);
      }
      const self = this;
      props.placement._applyTo({
        sparkVersion: this.sparkVersion,
        driver: this.server,
        executor: this.executor,
        get sparkConf() { return self.sparkConf; },
        addSparkConf: (key, value) => this.addSparkConf(key, value),
      });
    }
    this.apiObject = new ApiObject(this, 'Resource', {
      ...SPARK_CONNECT_GVK,
      metadata: definedMetadata(props.metadata),
      spec: Lazy.any({ produce: () => this._render() }),
    });
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** The Spark configuration (a copy). */
  public get sparkConf(): { [key: string]: string } {
    return { ...this._sparkConf };
  }

  /** Dynamic allocation, if on (a copy). */
  public get dynamicAllocation(): DynamicAllocation | undefined {
    return this.props.dynamicAllocation && { ...this.props.dynamicAllocation };
  }

  /** Sets a Spark configuration entry (`sparkConf`), with `SparkJob`'s rules. */
  public addSparkConf(key: string, value: string): void {
    noteMutation();
    checkConfEntry('sparkConf', key, value);
    checkSparkConfKey(key);
    checkSecretConf('sparkConf', key, value, this.allowed);
    this._sparkConf[key] = value;
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    const da = this.props.dynamicAllocation;
    return compact({
      sparkVersion: this.sparkVersion,
      image: this.props.image,
      sparkConf: mapOrUndefined(this._sparkConf),
      hadoopConf: mapOrUndefined(this._hadoopConf),
      server: this.server._render(),
      executor: this.executor._render(),
      dynamicAllocation: da && compact({
        enabled: true,
        initialExecutors: da.initialExecutors,
        minExecutors: da.minExecutors,
        maxExecutors: da.maxExecutors,
        shuffleTrackingEnabled: da.shuffleTracking ?? (this._shuffle ? false : undefined),
        shuffleTrackingTimeout: wholeMilliseconds('dynamicAllocation.shuffleTrackingTimeout', da.shuffleTrackingTimeout),
      }),
    });
  }

  private validate(): string[] {
    const errors: string[] = [];
    // The operator names the server pod `<name>-server`, which must stay a 63-character label.
    const nameProblem = applicationNameProblem(this.apiObject.name, MAX_NAME_LENGTH);
    if (nameProblem) { errors.push(`metadata.name ${nameProblem}`); }
    errors.push(...this.server._unsupported(), ...this.executor._unsupported());
    errors.push(...this._shuffle?._problems(this) ?? []);
    const profile = SparkClusterProfile.of(this);
    if (profile) { errors.push(...sparkConnectProblems(profile, this.apiObject.metadata.namespace ?? 'default')); }
    return errors;
  }
}
