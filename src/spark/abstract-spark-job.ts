import { ApiObject, ApiObjectMetadata, Duration, Size } from 'cdk8s';
import { ImagePullPolicy, k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DynamicAllocation } from './dynamic-allocation';
import { checkDynamicAllocation, renderDynamicAllocation } from './dynamic-allocation-internal';
import { SparkEventLog } from './event-log';
import { checkGangScheduling, GangScheduling, gangLabelClashes, withGangLabels } from './gang-scheduling';
import { inheritJobDefaults } from './inherit-defaults';
import { profileFindings, renderForProfile, resolveProfile } from './job-profile';
import { JobQueue } from './job-queue';
import { DEPENDENCIES_SHAPE } from './option-shapes';
import { PodSecurityPreset } from './pod-security';
import { RemoteShuffle } from './remote-shuffle';
import { RestartPolicy } from './restart-policy';
import { SparkDriver, SparkExecutor } from './role/spark-role';
import { SparkDriverProps, SparkExecutorProps } from './role/spark-role-props';
import { applyScratchDisks, withScratchAnnotations } from './scratch-disk';
import {
  BatchScheduler, BatchSchedulerOptions, DeployMode, PythonVersion, SparkDependencies, SparkMonitoring, SparkUiOptions,
} from './spark-application-options';
import { SparkConf } from './spark-conf';
import { ISparkDriverAccountUser, ISparkDriverServiceAccount, SparkDriverRbac, SparkDriverRbacOptions, checkDriverAccount } from './spark-driver-rbac';
import { specContradictions } from './spec-contradictions';
import { noteMutation, perSynth, renderedJson } from '../checks/cluster-check';
import { jobFindings } from '../checks/job-check';
import { PendingPods } from '../checks/pending-pods';
import { checkRenderedObjects } from '../checks/rendered-objects-check';
import { ECI_ANNOTATIONS, renderEciAnnotations } from '../eci/eci-annotations';
import { EciAnnotationNaming, EciImageCache } from '../eci/eci-pod-options';
import { ImageCache, ImageCachePullSecret } from '../eci/image-cache';
import { PlacementTarget } from '../eci/placement-target';
import { SparkPlacement } from '../eci/spark-placement';
import { initialExecutorCount } from '../model/applications';
import { SparkApplicationType } from '../model/spark-application-type';
import { IRenderedSparkApplication, SparkJobSizing } from '../model/spark-job-sizing';
import { ISparkPods, SparkPodSet } from '../model/spark-pods';
import { checkInteger, invalid, invalidMessage } from '../private/errors';
import { k8sJson } from '../private/k8s-json';
import { isRenderableNumber } from '../private/k8s-names';
import { applicationNameProblem, compareVersions } from '../private/names';
import { captureArgument, checkArguments, enumShape, optionsShape } from '../private/props-shape';
import { compact, definedMetadata, listOrUndefined, mapOrUndefined, wholeSeconds } from '../private/render';
import { SPARK_NAMESPACE_CONF } from '../private/spark-conf-rules';
import { checkCpu, toQuantity } from '../private/units';
import { SparkClusterProfile } from '../profile/cluster-profile';

/** The settings of a Spark application, shared by `SparkJob` and `ScheduledSparkJob`. */
export interface AbstractSparkJobProps {
  /** Language of the application (`type`); also decides Spark's memory overhead factor. */
  readonly type: SparkApplicationType;

  /** Spark version of the image, e.g. `3.5.2` (`sparkVersion`). */
  readonly sparkVersion: string;

  /**
   * The application's jar, Python or R file (`mainApplicationFile`), e.g.
   * `local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar`.
   */
  readonly mainApplicationFile: string;

  /**
   * Fully qualified main class, for Java and Scala applications (`mainClass`).
   *
   * @default - the jar manifest's `Main-Class`
   */
  readonly mainClass?: string;

  /**
   * Arguments passed to the application (`arguments`).
   *
   * @default - none
   */
  readonly arguments?: string[];

  /**
   * Where the driver runs (`mode`).
   *
   * @default DeployMode.CLUSTER
   */
  readonly mode?: DeployMode;

  /**
   * Container image of the driver and executors (`image`); the typed replacement for
   * `spark.kubernetes.container.image`.
   *
   * @default - none: set it here or per role
   */
  readonly image?: string;

  /**
   * When the image is pulled (`imagePullPolicy`).
   *
   * @default - Kubernetes' default for the tag
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * Names of Secrets used to pull the image (`imagePullSecrets`).
   *
   * @default - none
   */
  readonly imagePullSecrets?: string[];

  /**
   * Spark configuration, as with `--conf` (`sparkConf`). Keys the operator's webhook rejects
   * are refused with the typed prop to use instead, and so are keys that carry credentials
   * (see `allowedSecretConfKeys`).
   *
   * @default - none
   */
  readonly sparkConf?: { [key: string]: string };

  /**
   * Hadoop configuration, as with `--conf spark.hadoop.*` (`hadoopConf`). Keys that carry
   * credentials are refused (see `allowedSecretConfKeys`).
   *
   * @default - none
   */
  readonly hadoopConf?: { [key: string]: string };

  /**
   * `sparkConf` / `hadoopConf` keys that may hold a value in clear text although their name
   * says credential (`*secret*`, `*password*`, `*token`, `fs.s3a.access.key`,
   * `fs.oss.accessKeyId`...). Such values are stored in the manifest, in Git and in
   * `kubectl get -o yaml`, so list a key only when its value is not secret (a key the rule
   * mistakes for a credential) or the cluster is a throw-away one. Keys are matched exactly, as
   * written. Without listing it, a value that only refers to an environment variable
   * (`${env.NAME}` for Hadoop keys, `${env:NAME}` for Spark's) is accepted: set that variable
   * from a Secret with `EnvValue.fromSecretValue()`.
   *
   * @default - none: every credential key is refused
   */
  readonly allowedSecretConfKeys?: string[];

  /**
   * A security preset for the driver and executor pods, e.g. `PodSecurityPreset.HARDENED`
   * (non-root, no privilege escalation, all capabilities dropped, seccomp `RuntimeDefault`);
   * same as calling `applyPodSecurity()`.
   *
   * @default - none: the pods run with what the image and the cluster decide
   */
  readonly podSecurity?: PodSecurityPreset;

  /**
   * Name of a ConfigMap holding Spark configuration files (`sparkConfigMap`).
   *
   * @default - none
   */
  readonly sparkConfigMap?: string;

  /**
   * Name of a ConfigMap holding Hadoop configuration files (`hadoopConfigMap`).
   *
   * @default - none
   */
  readonly hadoopConfigMap?: string;

  /**
   * Jars, files and packages Spark fetches (`deps`).
   *
   * @default - none
   */
  readonly deps?: SparkDependencies;

  /**
   * Whether the operator restarts the application (`restartPolicy`).
   *
   * @default - the operator's default, never
   */
  readonly restartPolicy?: RestartPolicy;

  /**
   * Turns on dynamic allocation with these bounds (`dynamicAllocation`).
   *
   * @default - off: `executor.instances` executors
   */
  readonly dynamicAllocation?: DynamicAllocation;

  /**
   * How long a finished application is kept before the operator deletes it
   * (`timeToLiveSeconds`), whole seconds.
   *
   * @default - kept until deleted
   */
  readonly timeToLive?: Duration;

  /**
   * Volumes the roles can mount with `volumeMounts` (`volumes`).
   *
   * @default - none
   */
  readonly volumes?: k8s.Volume[];

  /**
   * Node labels both roles must run on (`nodeSelector`).
   *
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Metrics (`monitoring`).
   *
   * @default - no metrics exposed
   */
  readonly monitoring?: SparkMonitoring;

  /**
   * The Spark UI's Service and Ingress (`sparkUIOptions`).
   *
   * @default - the operator's defaults
   */
  readonly sparkUiOptions?: SparkUiOptions;

  /**
   * Batch scheduler of the pods (`batchScheduler`).
   *
   * @default - the default scheduler
   */
  readonly batchScheduler?: BatchScheduler;

  /**
   * Options for the batch scheduler (`batchSchedulerOptions`).
   *
   * @default - none
   */
  readonly batchSchedulerOptions?: BatchSchedulerOptions;

  /**
   * Major Python version of the image, for Python applications (`pythonVersion`).
   *
   * @default - the operator's default, 3
   */
  readonly pythonVersion?: PythonVersion;

  /**
   * Share of `memory` added as overhead when a role has no `memoryOverhead`
   * (`memoryOverheadFactor`), greater than 0 and less than 1.
   *
   * @default - 0.1 for JVM applications, 0.4 for Python and R
   */
  readonly memoryOverheadFactor?: number;

  /**
   * User to impersonate when submitting (`proxyUser`; `--proxy-user`).
   *
   * @default - none
   */
  readonly proxyUser?: string;

  /**
   * What synthesis does when some of the job's pods would stay Pending for lack of capacity:
   * every unit of the ResourcePolicy that selects them is at its `max`, or other jobs use the
   * policy's budget first, or the job's total requests exceed the `max` of its namespace's leaf in
   * the app's `ElasticQuotaTree`. The plan that decides it is the one `cdk8s-spark-eci plan` prints
   * for the synthesized YAML. `ResourcePolicyUnits.addJob()` can choose per policy.
   *
   * @default PendingPods.ERROR
   */
  readonly pendingPods?: PendingPods;

  /**
   * Schedules the driver and executors as one gang (ACK coscheduling): none of them starts until
   * `minAvailable` of them can be placed together, so a driver never holds resources while its
   * executors stay Pending. Writes `pod-group.scheduling.sigs.k8s.io/name` and `/min-available`
   * into `driver.labels` and `executor.labels`. Synthesis fails when the placement cannot place
   * `minAvailable` pods together (a deadlock, whatever `pendingPods` says), when driver and
   * executors have different priority classes, and for a scheduled job whose overlapping runs
   * would share the group (`concurrencyPolicy` Allow).
   *
   * @default - no gang: each pod is scheduled on its own
   */
  readonly gang?: GangScheduling;

  /**
   * The job queue that holds the job until the cluster has room (`JobQueue.kueue(name)` writes
   * the `kueue.x-k8s.io/queue-name` label; `JobQueue.ackKubeQueue()` creates the application
   * with `suspend: true`). Needs Spark Operator >= 2.4. `plan` shows the queue per job.
   *
   * @default - no queue: the operator submits the job when it is created
   */
  readonly queue?: JobQueue;

  /**
   * What synthesis does when some of the job's pods can never start: no ECS or ECI node matches
   * their tolerations, node affinity and nodeSelector, no ECI size fits pods that must run on ECI
   * (given instance specs, spot minimums, GPUs), or a ResourcePolicy rejects them.
   *
   * @default PendingPods.ERROR
   */
  readonly unschedulablePods?: PendingPods;

  /**
   * A remote shuffle service, e.g. `RemoteShuffle.celeborn({ masterEndpoints })`: writes its Spark
   * confs (`spark.shuffle.manager`...) and turns off what conflicts with it; same as calling
   * `useRemoteShuffle()`. The image must carry the service's client jar.
   *
   * @default - shuffle files stay on the executors' scratch disk
   */
  readonly shuffle?: RemoteShuffle;

  /**
   * Spark event logs for a History Server, e.g. `SparkEventLog.toOss('oss://bucket/spark-events/')`:
   * writes `spark.eventLog.enabled` and `spark.eventLog.dir`; same as calling `addEventLog()`.
   *
   * @default - no event logs
   */
  readonly eventLog?: SparkEventLog;

  /**
   * Where the driver and executors run: ECS, ECI or both, per role, with ECI options.
   * Writes tolerations, node affinity and ECI annotations into the roles; see `place()`.
   *
   * @default - nothing added: pods stay on ECS nodes (the ECI taint keeps them off virtual nodes)
   */
  readonly placement?: SparkPlacement;

  /**
   * The cluster this job runs on (operator release, webhook, namespaces...), overriding the
   * profile attached to its App or Chart (`SparkClusterProfile.attachTo()`); synthesis refuses
   * what that cluster would drop or reject. Writes nothing itself.
   *
   * @default - the profile attached nearest up the scope; with none, no cluster checks
   */
  readonly profile?: SparkClusterProfile;

  /**
   * The driver (`driver`).
   *
   * @default - the operator's defaults: 1 core, `1g`
   */
  readonly driver?: SparkDriverProps;

  /**
   * The executors (`executor`).
   *
   * @default - one executor with the operator's defaults: 1 core, `1g`
   */
  readonly executor?: SparkExecutorProps;
}

/** Options of `addImageCache()`: the `ImageCache` object; its images come from the job. */
export interface JobImageCacheOptions {
  /**
   * Metadata of the ImageCache (cluster-scoped: no namespace).
   *
   * @default - a name generated from the construct path
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Secrets to pull private images (`spec.imagePullSecrets`, `namespace:name`). Pass `[]` to give
   * the cache none although the job has some.
   *
   * @default - the job's own `imagePullSecrets` (also those added later with
   * `addImagePullSecret()`), each as `<job namespace>:<name>`, since the pods pull with them from
   * the job's namespace (`default` when the job has none, as the rest of the library takes it);
   * none when the job has none: its images are public, or in an ACR the cluster may pull from
   */
  readonly imagePullSecrets?: ImageCachePullSecret[];

  /**
   * Size of the cache's disk (`spec.imageCacheSize`), whole GiB.
   *
   * @default - ECI's default, 20 GiB
   */
  readonly size?: Size;

  /**
   * How long the cache is kept (`spec.retentionDays`), whole days.
   *
   * @default - kept until the object is deleted
   */
  readonly retention?: Duration;

  /**
   * Reuse layers of existing caches (annotation `k8s.aliyun.com/imc-enable-reuse`).
   *
   * @default false
   */
  readonly reuseLayers?: boolean;

  /**
   * Annotation names for auto-matching on the pods.
   *
   * @default EciAnnotationNaming.ACK (`k8s.aliyun.com/eci-image-cache`, as ACK documents it)
   */
  readonly naming?: EciAnnotationNaming;
}

/** What `addImageCache()` takes; typed, so a new option needs a shape to compile. The cache checks its pull secrets' keys. */
const IMAGE_CACHE_OPTIONS_SHAPE = optionsShape<JobImageCacheOptions>({
  metadata: 'data',
  imagePullSecrets: { list: 'object' },
  size: 'instance',
  retention: 'instance',
  reuseLayers: 'boolean',
  naming: enumShape('EciAnnotationNaming', EciAnnotationNaming),
});

/**
 * Base of `SparkJob` and `ScheduledSparkJob`: the application spec, its mutators and its checks.
 */
export abstract class AbstractSparkJob extends Construct implements ISparkPods, IRenderedSparkApplication, ISparkDriverAccountUser {
  /** The driver pod's settings. */
  public readonly driver: SparkDriver;
  /** The executor pods' settings. */
  public readonly executor: SparkExecutor;
  /** Language of the application. */
  public readonly type: SparkApplicationType;
  /** Spark version of the image. */
  public readonly sparkVersion: string;
  /** The primary API object (child id `Resource`), so `ApiObject.of(job)` finds it. */
  public abstract readonly apiObject: ApiObject;

  private readonly props: AbstractSparkJobProps;
  private readonly conf = new SparkConf();
  private readonly _arguments: string[] = [];
  private readonly _volumes: k8s.Volume[] = [];
  private readonly _imagePullSecrets: string[] = [];
  private readonly _deps: { [kind: string]: string[] } = {};
  /** The key of the rendered spec in the per-synth cache (`perSynth`). */
  private readonly _renderKey = {};
  private _placement?: SparkPlacement;
  private _shuffle?: RemoteShuffle;
  /** The `addImageCache()` cache that takes the job's pull secrets (none when the caller gave its own). */
  private _pullSecretsCache?: ImageCache;
  private readonly _pendingPodsByPolicy = new Map<string, PendingPods>();
  private readonly _requiredPolicies: string[] = [];
  private readonly _defaultSources: { [field: string]: string };
  private readonly _profile?: SparkClusterProfile;

  /**
   * @param maxNameLength longest name the operator accepts for this kind
   */
  protected constructor(scope: Construct, id: string, props: AbstractSparkJobProps, private readonly maxNameLength: number) {
    super(scope, id);
    const inherited = inheritJobDefaults(this, props);
    props = inherited.props;
    this._defaultSources = inherited.sources;
    this._profile = resolveProfile(this, props.profile);
    checkRenderedObjects(this);
    checkRequired(props);
    this.props = props;
    this.type = props.type;
    this.sparkVersion = props.sparkVersion;
    const factor = props.memoryOverheadFactor;
    if (factor !== undefined && !(factor > 0 && factor < 1)) {
      invalid('memoryOverheadFactor', 'must be greater than 0 and less than 1', factor);
    }
    if (factor !== undefined && isRenderableNumber(factor)) {
      invalid('memoryOverheadFactor', 'must be at least 0.000001 (it is written as text, and smaller numbers get an exponent)', factor);
    }
    wholeSeconds('timeToLive', props.timeToLive, 0);
    checkDynamicAllocation(props.dynamicAllocation);
    checkInteger('monitoring.prometheus.port', props.monitoring?.prometheus?.port, 1024, 49151);
    checkInteger('sparkUiOptions.servicePort', props.sparkUiOptions?.servicePort, 1, 65535);
    if (props.restartPolicy !== undefined && !RestartPolicy.isRestartPolicy(props.restartPolicy)) {
      invalid('restartPolicy', 'must be made with RestartPolicy.never(), onFailure() or always()', props.restartPolicy);
    }
    if (props.batchScheduler !== undefined && !BatchScheduler.isBatchScheduler(props.batchScheduler)) {
      invalid('batchScheduler', 'must be a BatchScheduler, e.g. BatchScheduler.VOLCANO or BatchScheduler.custom(name)', props.batchScheduler);
    }
    checkCpu('batchSchedulerOptions.cpu', props.batchSchedulerOptions?.cpu);
    if (props.batchSchedulerOptions?.memory) { toQuantity('batchSchedulerOptions.memory', props.batchSchedulerOptions.memory, { positive: true }); }

    this.driver = new SparkDriver(props.driver);
    this.executor = new SparkExecutor(props.executor);
    this.allowSecretConfKeys(...props.allowedSecretConfKeys ?? []);
    for (const [key, value] of Object.entries(props.sparkConf ?? {})) { this.addSparkConf(key, value); }
    for (const [key, value] of Object.entries(props.hadoopConf ?? {})) { this.addHadoopConf(key, value); }
    this.addArguments(...props.arguments ?? []);
    for (const volume of props.volumes ?? []) { this.addVolume(volume); }
    for (const secret of props.imagePullSecrets ?? []) { this.addImagePullSecret(secret); }
    if (props.deps) { this.addDependencies(props.deps); }
    applyScratchDisks(this);
    if (props.shuffle) { this.useRemoteShuffle(props.shuffle); }
    if (props.eventLog) { this.addEventLog(props.eventLog); }
    if (props.placement) { this.place(props.placement); }
    if (props.podSecurity) { this.applyPodSecurity(props.podSecurity); }

    checkGangScheduling('gang', props.gang);
    if (props.queue !== undefined && !JobQueue.isJobQueue(props.queue)) {
      invalid('queue', 'must be made with JobQueue.kueue(localQueue) or JobQueue.ackKubeQueue()', props.queue);
    }
    checkEnum('pendingPods', props.pendingPods, PendingPods);
    checkEnum('unschedulablePods', props.unschedulablePods, PendingPods);
    noteMutation();
    // Once per synth (cdk8s validates twice); a copy each time, as callers may change the list.
    this.node.addValidation({
      validate: () => [...perSynth(this, () => [...this.validateApplication(), ...this.validateProfile(), ...this.validateWithPlan()])],
    });
  }

  /**
   * The driver, as the service account user `SparkDriverRbac` sees it (the same object as
   * `driver`).
   */
  public get driverAccount(): ISparkDriverServiceAccount {
    return this.driver;
  }

  /** The cluster profile the job is checked against, if any (its `profile` prop, or the one attached up the scope). */
  public get clusterProfile(): SparkClusterProfile | undefined {
    return this._profile;
  }

  /**
   * Where each value the job inherited from `SparkJobDefaults` came from: the field (`image`,
   * `sparkConf["spark.eventLog.enabled"]`, `driver.labels["team"]`) mapped to the path of the
   * defaults construct that supplied it, or to `job` where the job's own value won over a default.
   */
  public describeDefaults(): { [field: string]: string } {
    return { ...this._defaultSources };
  }

  /** Name of the application object (`metadata.name`). */
  public get name(): string {
    return this.apiObject.name;
  }

  /** Namespace of the application object, if one is set on it or its chart. */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /** The Spark configuration (a copy). */
  public get sparkConf(): { [key: string]: string } {
    return this.conf.sparkConf;
  }

  /** The Hadoop configuration (a copy). */
  public get hadoopConf(): { [key: string]: string } {
    return this.conf.hadoopConf;
  }

  /** The volumes (a copy). */
  public get volumes(): k8s.Volume[] {
    return this._volumes.slice();
  }

  /** Where the driver and executors run, if a placement was given. */
  public get placement(): SparkPlacement | undefined {
    return this._placement;
  }

  /** Whether dynamic allocation is on. */
  public get dynamicAllocation(): DynamicAllocation | undefined {
    return this.props.dynamicAllocation && { ...this.props.dynamicAllocation };
  }

  /** The Spark memory overhead factor as written, if any. */
  public get memoryOverheadFactor(): number | undefined {
    return this.props.memoryOverheadFactor;
  }

  /**
   * Sets a Spark configuration entry (`sparkConf`). Keys the operator's webhook rejects are
   * refused with the typed prop to use instead; keys that carry credentials are refused unless
   * allowed (see `allowedSecretConfKeys`).
   */
  public addSparkConf(key: string, value: string): void {
    noteMutation();
    this.conf.setSpark(key, value);
  }

  /**
   * Sets a Hadoop configuration entry (`hadoopConf`). Keys that carry credentials are refused
   * unless allowed (see `allowedSecretConfKeys`).
   */
  public addHadoopConf(key: string, value: string): void {
    noteMutation();
    this.conf.setHadoop(key, value);
  }

  /**
   * Lets `sparkConf` / `hadoopConf` keys hold clear-text values although their names say
   * credential; see `allowedSecretConfKeys` for when that is acceptable. Call it before
   * `addSparkConf()` / `addHadoopConf()` of those keys, which refuse them otherwise.
   */
  public allowSecretConfKeys(...keys: string[]): void {
    checkArguments('allowSecretConfKeys()', ['keys', keys, 'strings']);
    noteMutation();
    this.conf.allowSecretKeys(keys);
  }

  /**
   * Applies a security preset to the driver and executor pods (see `PodSecurityPreset`): the
   * pod security context and the security context of every container, merged at synth with
   * what the roles set. Written where the preset's `target` says; by default both the spec
   * fields and the pod templates with Spark >= 3.0 (and a cluster profile's operator >= 2.1),
   * only the spec fields before.
   */
  public applyPodSecurity(preset: PodSecurityPreset): void {
    noteMutation();
    if (!PodSecurityPreset.isPodSecurityPreset(preset)) {
      invalid('podSecurity', 'must be PodSecurityPreset.HARDENED or made with PodSecurityPreset.hardened()', preset);
    }
    const target = preset.target
      ?? (compareVersions(this.sparkVersion, '3.0.0') >= 0 && (this._profile?.operatorAtLeast('2.1') ?? true) ? PlacementTarget.BOTH : PlacementTarget.SPEC_FIELDS);
    this.driver.applyPodSecurity(preset, { target });
    this.executor.applyPodSecurity(preset, { target });
  }

  /**
   * Creates the ServiceAccount, Role and RoleBinding the driver needs to run executors in the
   * job's namespace (`SparkDriverRbac`, child id `DriverRbac`) and makes the driver use the
   * account (`driver.serviceAccount`).
   *
   * @param options the account's name
   * @returns the RBAC construct
   */
  public grantDriverRbac(options: SparkDriverRbacOptions = {}): SparkDriverRbac {
    options = SparkDriverRbac._captureOptions('grantDriverRbac() options', options);
    // Checked before anything is created, so a refused call leaves the job as it was.
    checkDriverAccount(this, options.serviceAccountName);
    return new SparkDriverRbac(this, 'DriverRbac', { ...options, namespace: this.namespace, jobs: [this] });
  }

  /** Appends application arguments (`arguments`). */
  public addArguments(...args: string[]): void {
    checkArguments('addArguments()', ['arguments', args, 'strings']);
    noteMutation();
    this._arguments.push(...args);
  }

  /** Adds jars, files and packages (`deps`); lists are appended, duplicates dropped. */
  public addDependencies(deps: SparkDependencies): void {
    deps = captureArgument('addDependencies() deps', deps, DEPENDENCIES_SHAPE);
    noteMutation();
    for (const [kind, entries] of Object.entries(deps)) {
      if (!entries) { continue; }
      const list = this._deps[kind] ??= [];
      for (const entry of entries as string[]) {
        if (!list.includes(entry)) { list.push(entry); }
      }
    }
  }

  /** Adds a volume the roles can mount (`volumes`). */
  public addVolume(volume: k8s.Volume): void {
    volume = captureArgument('addVolume() volume', volume, 'object');
    noteMutation();
    if (this._volumes.some(v => v.name === volume.name)) {
      invalid('volumes', 'must not define a volume name twice', volume.name);
    }
    this._volumes.push(volume);
  }

  /**
   * Sends shuffle data to a remote shuffle service (see `RemoteShuffle`): writes its Spark confs,
   * keeping values set before, and refuses what contradicts it (the external shuffle service on,
   * another shuffle manager, dynamic allocation before Spark 3.5 or with shuffle tracking). Once
   * per job, before `place()` so a spot placement knows shuffle data is remote.
   */
  public useRemoteShuffle(shuffle: RemoteShuffle): void {
    noteMutation();
    if (!RemoteShuffle.isRemoteShuffle(shuffle)) {
      invalid('shuffle', 'must be made with RemoteShuffle.celeborn()', shuffle);
    }
    if (this._shuffle) {
      invalid('shuffle', 'can be given once per job (props.shuffle or useRemoteShuffle())', 'a second remote shuffle');
    }
    shuffle._applyTo(this);
    this._shuffle = shuffle;
  }

  /** The remote shuffle service, if one was given. */
  public get shuffle(): RemoteShuffle | undefined {
    return this._shuffle;
  }

  /**
   * Writes Spark event logs for a History Server (see `SparkEventLog`) through `addSparkConf()`, so
   * the same rules (credentials refused) apply.
   */
  public addEventLog(eventLog: SparkEventLog): void {
    noteMutation();
    if (!SparkEventLog.isSparkEventLog(eventLog)) {
      invalid('eventLog', 'must be made with SparkEventLog.toOss() or SparkEventLog.toUri()', eventLog);
    }
    for (const [key, value] of Object.entries(eventLog.sparkConf)) { this.addSparkConf(key, value); }
  }

  /**
   * Places the driver and executors on ECS, ECI or both: adds the ECI toleration, node affinity
   * and ECI annotations to each role, merged with what the roles already have. Once per job.
   */
  public place(placement: SparkPlacement): void {
    noteMutation();
    if (!SparkPlacement.isSparkPlacement(placement)) {
      invalid('placement', 'must be made with SparkPlacement.of(), perRole() or recommended()', placement);
    }
    if (this._placement) {
      invalid('placement', 'can be given once per job (props.placement, place(), or ResourcePolicyUnits.addJob() on a job without one, '
        + 'which places it with EciPlacement.resourcePolicy()): call place() before addJob()', 'a second placement');
    }
    placement._applyTo(this);
    this._placement = placement;
  }

  /**
   * Creates an `ImageCache` (`eci.alibabacloud.com/v1`) for the job's images and turns on
   * auto-matching (`EciImageCache.auto()`) on the roles that can run on ECI, so ECI pods start
   * without the ~100 s image pull. The cache id is known only after the cloud creates it, which
   * is why the pods match automatically instead of by id. Call after `place()`.
   *
   * @param options size, retention and pull secrets of the cache (by default the job's own pull secrets)
   * @returns the ImageCache construct (child id `ImageCache`)
   */
  public addImageCache(options: JobImageCacheOptions = {}): ImageCache {
    options = captureArgument('addImageCache() options', options, IMAGE_CACHE_OPTIONS_SHAPE, true) ?? {};
    noteMutation();
    const placement = this._placement;
    const eciRoles = [this.driver, this.executor].filter(role =>
      placement && (role === this.driver ? placement.driver : placement.executor).mayRunOnEci);
    if (eciRoles.length === 0) {
      invalid('addImageCache()', 'needs a placement that can run pods on ECI (call place() with eciOnly, ecsFirst or resourcePolicy first)',
        placement ? `driver ${placement.driver.kind}, executor ${placement.executor.kind}` : 'no placement');
    }
    const images = [...new Set([this.props.image, this.driver.image, this.executor.image].filter((i): i is string => !!i))];
    if (images.length === 0) {
      invalid('addImageCache()', 'needs an image on the job or its roles', images);
    }
    const { naming, imagePullSecrets, ...cacheProps } = options;
    // A job with pull secrets pulls a private image: ECI needs the same secrets to cache it.
    const inherited = imagePullSecrets === undefined ? this._imagePullSecrets.map(name => this.pullSecretOfCache(name)) : imagePullSecrets;
    const cache = new ImageCache(this, 'ImageCache', { ...cacheProps, images, imagePullSecrets: inherited });
    if (imagePullSecrets === undefined) { this._pullSecretsCache = cache; }
    const autoMatch = renderEciAnnotations('addImageCache()', { imageCache: EciImageCache.auto({ naming }) });
    for (const role of eciRoles) {
      for (const [key, value] of Object.entries(autoMatch)) { role.addAnnotation(key, value); }
    }
    return cache;
  }

  /**
   * Records what a ResourcePolicy asked for this job (`addJob()`, `checkCapacity()`): the policy
   * (`namespace/name`) must place some of the job's pods, with this severity for Pending pods.
   * @internal
   */
  public _requirePolicy(policy: string, pendingPods: PendingPods | undefined): void {
    if (!this._requiredPolicies.includes(policy)) { this._requiredPolicies.push(policy); }
    if (pendingPods !== undefined) { this._pendingPodsByPolicy.set(policy, pendingPods); }
    noteMutation();
  }

  /** The object as it synthesizes (plain JSON), JSON patches included; what the checks and `SparkJobSizing.of()` read. */
  public toManifest(): any {
    return this.apiObject.toJson();
  }

  /** Adds an image pull secret by name (`imagePullSecrets`). */
  public addImagePullSecret(name: string): void {
    checkArguments('addImagePullSecret()', ['name', name, 'string']);
    noteMutation();
    if (!this._imagePullSecrets.includes(name)) {
      this._imagePullSecrets.push(name);
      this._pullSecretsCache?.addImagePullSecret(this.pullSecretOfCache(name));
    }
  }

  /** A job's pull secret as its image cache names it: the Secret is in the job's namespace. */
  private pullSecretOfCache(name: string): ImageCachePullSecret {
    return { namespace: this.namespace ?? 'default', name };
  }

  /**
   * How many executor pods to plan for: `executor.instances`, or with dynamic allocation
   * `maxExecutors` (the initial count when unbounded).
   */
  public get plannedExecutors(): number {
    const da = this.props.dynamicAllocation;
    return da
      ? da.maxExecutors ?? Math.max(da.initialExecutors ?? 0, da.minExecutors ?? 0, this.executor.instances)
      : this.executor.instances;
  }

  /** The pods this application launches, for placement plans and sizing (see `plannedExecutors`). */
  public toPodSet(): SparkPodSet {
    const executors = this.plannedExecutors;
    const appLabels = this.apiObject.metadata.toJson().labels ?? {};
    return {
      jobName: this.name,
      namespace: this.namespace,
      driver: { count: 1, labels: { ...appLabels, ...this.driver.labels }, annotations: this.driver.annotations },
      executors: { count: executors, labels: { ...appLabels, ...this.executor.labels }, annotations: this.executor.annotations },
    };
  }

  /**
   * The application object's metadata as given, with the labels of the job's queue.
   * @internal
   */
  protected _applicationMetadata(metadata: ApiObjectMetadata | undefined): ApiObjectMetadata | undefined {
    const queueLabels = this.props.queue?._labels() ?? {};
    const given = metadata?.labels ?? {};
    for (const [key, value] of Object.entries(queueLabels)) {
      if (given[key] !== undefined && given[key] !== value) {
        invalid(`metadata.labels["${key}"]`, 'must be left to the queue prop, which writes it', given[key]);
      }
    }
    if (Object.keys(queueLabels).length === 0) { return definedMetadata(metadata); }
    return definedMetadata({ ...metadata, labels: { ...given, ...queueLabels } });
  }

  /**
   * Renders the SparkApplication spec, as the CRD spells it.
   * @internal
   */
  protected _renderApplication(): { [key: string]: any } {
    // Rendered once per synth: cdk8s' two validation passes, the checks and toJson all ask.
    return perSynth(this._renderKey, () => this.renderApplicationSpec());
  }

  private renderApplicationSpec(): { [key: string]: any } {
    const p = this.props;
    const ui = p.sparkUiOptions;
    const bs = p.batchSchedulerOptions;
    const spec = compact({
      type: p.type,
      mode: p.mode ?? DeployMode.CLUSTER,
      image: p.image,
      imagePullPolicy: p.imagePullPolicy,
      imagePullSecrets: listOrUndefined(this._imagePullSecrets),
      mainClass: p.mainClass,
      mainApplicationFile: p.mainApplicationFile,
      arguments: listOrUndefined(this._arguments),
      sparkVersion: p.sparkVersion,
      sparkConf: this.conf.renderSparkConf(),
      hadoopConf: this.conf.renderHadoopConf(),
      sparkConfigMap: p.sparkConfigMap,
      hadoopConfigMap: p.hadoopConfigMap,
      deps: mapOrUndefined(this._deps),
      restartPolicy: p.restartPolicy?._render(),
      dynamicAllocation: renderDynamicAllocation(p.dynamicAllocation, this._shuffle !== undefined),
      timeToLiveSeconds: wholeSeconds('timeToLive', p.timeToLive, 0),
      volumes: listOrUndefined(this._volumes, v => k8sJson.toJson_Volume(v)),
      nodeSelector: mapOrUndefined(p.nodeSelector),
      monitoring: p.monitoring && compact({
        exposeDriverMetrics: p.monitoring.exposeDriverMetrics ?? false,
        exposeExecutorMetrics: p.monitoring.exposeExecutorMetrics ?? false,
        metricsProperties: p.monitoring.metricsProperties,
        metricsPropertiesFile: p.monitoring.metricsPropertiesFile,
        prometheus: p.monitoring.prometheus && compact({ ...p.monitoring.prometheus }),
      }),
      sparkUIOptions: ui && compact({
        servicePort: ui.servicePort,
        servicePortName: ui.servicePortName,
        serviceType: ui.serviceType,
        serviceAnnotations: mapOrUndefined(ui.serviceAnnotations),
        serviceLabels: mapOrUndefined(ui.serviceLabels),
        ingressAnnotations: mapOrUndefined(ui.ingressAnnotations),
        ingressTLS: listOrUndefined(ui.ingressTls, t => k8sJson.toJson_IngressTls(t)),
      }),
      batchScheduler: p.batchScheduler?.name,
      batchSchedulerOptions: bs && compact({
        queue: bs.queue,
        priorityClassName: bs.priorityClassName,
        resources: mapOrUndefined(compact({ cpu: bs.cpu?.amount, memory: bs.memory && toQuantity('batchSchedulerOptions.memory', bs.memory, { positive: true }) })),
      }),
      pythonVersion: p.pythonVersion,
      memoryOverheadFactor: p.memoryOverheadFactor?.toString(),
      proxyUser: p.proxyUser,
      driver: this.driver._render(),
      executor: this.executor._render(),
    });
    const gang = p.gang && withGangLabels(spec, p.gang, this.name, 1 + initialExecutorCount(spec));
    const queued = p.queue?._suspends ? { ...gang ?? spec, suspend: true } : gang ?? spec;
    const scratched = withScratchAnnotations(queued, { driver: this.driver.scratch, executor: this.executor.scratch },
      { driver: this._placement?.driver.mayRunOnEci ?? false, executor: this._placement?.executor.mayRunOnEci ?? false });
    return renderForProfile(this._profile, this.withFittedInstanceSpecs(scratched),
      { driver: this.driver.containerName, executor: this.executor.containerName });
  }

  /** What the cluster profile refuses in the rendered manifest (see `profile`). */
  private validateProfile(): string[] {
    return profileFindings(this, this._profile, {
      manifest: renderedJson(this.apiObject),
      scheduled: this.apiObject.kind === 'ScheduledSparkApplication',
      namespace: this.namespace ?? 'default',
      queue: this.props.queue?.system,
    });
  }

  /**
   * Writes the ECI size each role's pods are billed at into `k8s.aliyun.com/eci-use-specs` where
   * the placement asks for it (`fitInstanceSpecs`), sized from the spec as rendered.
   */
  private withFittedInstanceSpecs(spec: { [key: string]: any }): { [key: string]: any } {
    const fitted = this.rolesToFit(spec);
    if (fitted.length === 0) { return spec; }
    let sizing: SparkJobSizing;
    try {
      sizing = this.sizeRendered(spec);
    } catch {
      return spec; // a value Spark refuses: the plan of the rendered manifest reports it
    }
    const out = { ...spec };
    for (const roleName of fitted) {
      const billed = sizing[roleName].eciFit.billed;
      if (billed) {
        out[roleName] = { ...spec[roleName], annotations: { ...spec[roleName].annotations, [ECI_ANNOTATIONS.USE_SPECS]: billed.toString() } };
      }
    }
    return out;
  }

  /** Roles whose placement fits instance specs and that have none yet. */
  private rolesToFit(spec: { [key: string]: any }): Array<'driver' | 'executor'> {
    const placement = this._placement;
    if (!placement) { return []; }
    return (['driver', 'executor'] as const).filter(roleName =>
      placement[roleName].fitInstanceSpecs && spec[roleName]?.annotations?.[ECI_ANNOTATIONS.USE_SPECS] === undefined);
  }

  /** Sizes a rendered application spec, naming fields after the job's props. */
  private sizeRendered(spec: { [key: string]: any }): SparkJobSizing {
    return SparkJobSizing._fromManifest({ apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication', metadata: { name: this.name }, spec }, '');
  }

  /**
   * The planner's findings about this job's rendered manifest, with the severities chosen for
   * them (see `pendingPods`, `unschedulablePods`).
   */
  private validateWithPlan(): string[] {
    const placement = this._placement;
    return jobFindings(this, this.apiObject.node.path, {
      pendingPods: this.props.pendingPods ?? PendingPods.ERROR,
      unschedulablePods: this.props.unschedulablePods ?? PendingPods.ERROR,
      pendingPodsByPolicy: this._pendingPodsByPolicy,
      requiredPolicies: this._requiredPolicies,
      declared: { driver: placement?.driver.kind, executor: placement?.executor.kind },
      unusedShareWarning: {
        driver: placement?.driver.unusedShareWarning ?? 0,
        executor: placement?.executor.unusedShareWarning ?? 0,
      },
    });
  }

  /** `fitInstanceSpecs` on a role whose pods no ECI size fits. */
  private fitProblems(): string[] {
    const spec = this._renderApplication();
    const unfitted = this.rolesToFit(spec);
    if (unfitted.length === 0) { return []; }
    let sizing: SparkJobSizing;
    try {
      sizing = this.sizeRendered(spec);
    } catch {
      return []; // the plan reports the refused value
    }
    return unfitted.map(roleName => sizing[roleName].eciFit).filter(fit => !fit.fits).map((fit, i) =>
      `${unfitted[i]}.eci fitInstanceSpecs found no ECI size for the pod: ${fit.suggestion}; lower its CPU or memory, or drop fitInstanceSpecs`);
  }

  /** Whole-object rules, checked at synth after every mutator has run. */
  private validateApplication(): string[] {
    const errors: string[] = [];
    const nameProblem = applicationNameProblem(this.name, this.maxNameLength);
    if (nameProblem) { errors.push(`metadata.name ${nameProblem}`); }
    if (this.props.gang) {
      errors.push(...gangLabelClashes('driver', this.driver.labels), ...gangLabelClashes('executor', this.executor.labels));
    }

    const confNamespace = this.conf.sparkConf[SPARK_NAMESPACE_CONF];
    if (confNamespace !== undefined && confNamespace !== (this.namespace ?? 'default')) {
      errors.push(invalidMessage(`sparkConf["${SPARK_NAMESPACE_CONF}"]`,
        `must equal the object's namespace "${this.namespace ?? 'default'}" (the webhook rejects others); set the namespace on the job or chart instead`,
        confNamespace));
    }

    const da = this.props.dynamicAllocation;
    if (da?.maxExecutors !== undefined && this.executor.instances > da.maxExecutors) {
      errors.push(invalidMessage('executor.instances', `must be <= dynamicAllocation.maxExecutors (${da.maxExecutors})`, this.executor.instances));
    }

    for (const role of [this.driver, this.executor]) {
      errors.push(...role._podSecurityProblems());
      if (role.hasTemplate && compareVersions(this.sparkVersion, '3.0.0') < 0) {
        errors.push(invalidMessage(`${role.roleName}.template`,
          'needs sparkVersion >= 3.0 (Spark applies pod templates only since 3.0); use the spec fields instead', `sparkVersion ${this.sparkVersion}`));
      }
      const volumeNames = this._volumes.map(v => v.name);
      for (const name of role.mountedVolumeNames) {
        if (!volumeNames.includes(name)) {
          errors.push(invalidMessage(`${role.roleName}.volumeMounts[].name`,
            `must name a volume in volumes (${volumeNames.length ? volumeNames.join(', ') : 'none defined'})`, name));
        }
      }
    }


    errors.push(...this.fitProblems());
    errors.push(...this._shuffle?._problems(this) ?? []);
    const placed = this._placement;
    const context = {
      sparkVersion: this.sparkVersion,
      podSecurity: this.props.podSecurity !== undefined,
      // only a placement's ECS_ONLY role cannot run on ECI; no placement at all is not one
      ecsOnly: placed && { driver: !placed.driver.mayRunOnEci, executor: !placed.executor.mayRunOnEci },
    };
    errors.push(...specContradictions(this._renderApplication(), context));

    if (this.props.pythonVersion !== undefined && this.type !== SparkApplicationType.PYTHON) {
      errors.push(invalidMessage('pythonVersion', 'applies only to type SparkApplicationType.PYTHON', `type ${this.type}`));
    }
    // PySpark dropped Python 2 in Spark 3.1 (SPARK-32138); Spark 4 needs Python 3.9 or later.
    if (this.props.pythonVersion === PythonVersion.PYTHON_2 && compareVersions(this.sparkVersion, '3.1.0') >= 0) {
      errors.push(invalidMessage('pythonVersion', 'cannot be PythonVersion.PYTHON_2 with sparkVersion >= 3.1 (PySpark dropped Python 2 in 3.1): use PythonVersion.PYTHON_3',
        `PYTHON_2, sparkVersion ${this.sparkVersion}`));
    }
    return errors;
  }
}

function checkRequired(props: AbstractSparkJobProps): void {
  // TypeScript enforces these; jsii users in other languages and plain JavaScript do not.
  const types = Object.values(SparkApplicationType) as string[];
  if (!types.includes(props.type)) {
    invalid('type', `must be one of ${types.join(', ')}`, props.type);
  }
  if (typeof props.sparkVersion !== 'string' || !/^\d+\.\d+(\.\d+)?([-.+][0-9A-Za-z.-]+)?$/.test(props.sparkVersion)) {
    invalid('sparkVersion', 'is required, a Spark version like "3.5.2"', props.sparkVersion);
  }
  if (typeof props.mainApplicationFile !== 'string' || props.mainApplicationFile.trim() === '') {
    invalid('mainApplicationFile', 'is required: the jar, Python or R file to run, e.g. "local:///opt/spark/examples/jars/app.jar"', props.mainApplicationFile);
  }
}

function checkEnum(prop: string, value: unknown, enumObject: object): void {
  const values = Object.values(enumObject) as unknown[];
  if (value !== undefined && !values.includes(value)) {
    invalid(prop, `must be one of ${values.join(', ')}`, value);
  }
}
