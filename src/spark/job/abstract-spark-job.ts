import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AbstractSparkJobProps, JobImageCacheOptions } from './abstract-spark-job-props';
import { renderedApplication, withQueueLabels } from './application-spec';
import type { EciRoleWrite } from './eci-role-writes';
import { inheritJobDefaults, InheritedDefaults } from './inherit-defaults';
import { jobArgumentProblems } from './job-argument-checks';
import { addJobImageCache, captureImageCacheOptions, pullSecretOfCache } from './job-image-cache';
import { resolveProfile, withProfileAnnotations } from './job-profile';
import { checkApplicationProps, checkSchedulingProps } from './job-props-checks';
import { JobState } from './job-state';
import { DecisionRecording } from '../../checks/decision-recording';
import { PendingPods } from '../../checks/pending-pods';
import { registerChecked } from '../../checks/synth-session';
import { ImageCache } from '../../eci/image-cache';
import { PlacementTarget } from '../../eci/placement-target';
import { SparkPlacement } from '../../eci/spark-placement';
import { DECISION_KEYS, DecisionAnnotation, decisionAnnotations } from '../../model/decisions';
import { SparkApplicationType } from '../../model/spark-application-type';
import { IRenderedSparkApplication } from '../../model/spark-job-sizing';
import { ISparkPods, SparkPodSet } from '../../model/spark-pods';
import { invalid } from '../../private/errors';
import { compareVersions } from '../../private/names';
import { captureArgument, checkArguments } from '../../private/props-shape';
import { OperatorWebhook, SparkClusterProfile } from '../../profile/cluster-profile';
import { DynamicAllocation } from '../dynamic-allocation';
import { SparkEventLog } from '../event-log';
import { checkJobDeadlines, withDeadlineRequirement } from '../job-deadlines-internal';
import { DEPENDENCIES_SHAPE } from '../option-shapes';
import { PodSecurityPreset } from '../pod-security';
import { RemoteShuffle } from '../remote-shuffle';
import { SparkDriver, SparkExecutor } from '../role/spark-role';
import { applyScratchDisks } from '../scratch-disk-internal';
import { SparkDependencies } from '../spark-application-options';
import { ISparkDriverAccountUser, ISparkDriverServiceAccount, SparkDriverRbac, SparkDriverRbacOptions } from '../spark-driver-rbac';

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

  /** What the mutators wrote, read by the rendering, the checks and the image cache. */
  private readonly state: JobState;
  private readonly _defaults: InheritedDefaults;

  protected constructor(scope: Construct, id: string, props: AbstractSparkJobProps) {
    super(scope, id);
    const inherited = inheritJobDefaults(this, props);
    props = inherited.props;
    this._defaults = inherited.defaults;
    const profile = resolveProfile(this, props.profile);
    checkApplicationProps(props);
    checkJobDeadlines(props.deadlines, props.sparkVersion);
    this.state = new JobState(props, profile);
    // Every judgement about the rendered application is the model's (the synth session runs the
    // rule book and the planner over every object); the job adds its decisions, the facts of its
    // cluster profile, and the checks of its own arguments.
    registerChecked(this, {
      decisions: () => this.state.decisions(),
      ruleContext: () => ({ scheduledTimestampPrecision: profile?.scheduledTimestampPrecision }),
      argumentProblems: () => jobArgumentProblems(this, this.state),
    });
    this.type = props.type;
    this.sparkVersion = props.sparkVersion;

    this.driver = new SparkDriver(props.driver);
    this.executor = new SparkExecutor(props.executor);
    this.allowSecretConfKeys(...props.allowedSecretConfKeys ?? []);
    for (const [key, value] of Object.entries(props.sparkConf ?? {})) { this._defaults.apply(`sparkConf["${key}"]`, () => this.addSparkConf(key, value)); }
    for (const [key, value] of Object.entries(props.hadoopConf ?? {})) { this.addHadoopConf(key, value); }
    this.addArguments(...props.arguments ?? []);
    for (const volume of props.volumes ?? []) { this.addVolume(volume); }
    for (const secret of props.imagePullSecrets ?? []) { this.addImagePullSecret(secret); }
    if (props.deps) { this.addDependencies(props.deps); }
    applyScratchDisks(this);
    if (props.shuffle) { this.useRemoteShuffle(props.shuffle); }
    if (props.eventLog) { this.addEventLog(props.eventLog); }
    if (props.placement) { this._defaults.apply('placement', () => this.place(props.placement!)); }
    if (props.podSecurity) { this._defaults.apply('podSecurity', () => this.applyPodSecurity(props.podSecurity!)); }

    checkSchedulingProps(props);
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
    return this.state.profile;
  }

  /**
   * Where each value the job inherited from `SparkJobDefaults` came from: the field (`image`,
   * `sparkConf["spark.eventLog.enabled"]`, `driver.labels["team"]`) mapped to the path of the
   * defaults construct that supplied it, or to `job` where the job's own value won over a default,
   * in its props or by a later call (`addSparkConf()`, `driver.useServiceAccount()`...).
   */
  public describeDefaults(): { [field: string]: string } {
    return this._defaults.describe(this);
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
    return this.state.conf.sparkConf;
  }

  /** The Hadoop configuration (a copy). */
  public get hadoopConf(): { [key: string]: string } {
    return this.state.conf.hadoopConf;
  }

  /** The volumes (a copy). */
  public get volumes(): k8s.Volume[] {
    return this.state.volumes.slice();
  }

  /** Where the driver and executors run, if a placement was given. */
  public get placement(): SparkPlacement | undefined {
    return this.state.placement;
  }

  /** Whether dynamic allocation is on. */
  public get dynamicAllocation(): DynamicAllocation | undefined {
    return this.state.props.dynamicAllocation && { ...this.state.props.dynamicAllocation };
  }

  /** The Spark memory overhead factor as written, if any. */
  public get memoryOverheadFactor(): number | undefined {
    return this.state.props.memoryOverheadFactor;
  }

  /**
   * Sets a Spark configuration entry (`sparkConf`). Keys the operator's webhook rejects are
   * refused with the typed prop to use instead; keys that carry credentials are refused unless
   * allowed (see `allowedSecretConfKeys`).
   */
  public addSparkConf(key: string, value: string): void {
    this.state.conf.setSpark(key, value);
  }

  /**
   * Sets a Hadoop configuration entry (`hadoopConf`). Keys that carry credentials are refused
   * unless allowed (see `allowedSecretConfKeys`).
   */
  public addHadoopConf(key: string, value: string): void {
    this.state.conf.setHadoop(key, value);
  }

  /**
   * Lets `sparkConf` / `hadoopConf` keys hold clear-text values although their names say
   * credential; see `allowedSecretConfKeys` for when that is acceptable. Call it before
   * `addSparkConf()` / `addHadoopConf()` of those keys, which refuse them otherwise.
   */
  public allowSecretConfKeys(...keys: string[]): void {
    checkArguments('allowSecretConfKeys()', ['keys', keys, 'strings']);
    this.state.conf.allowSecretKeys(keys);
  }

  /**
   * Applies a security preset to the driver and executor pods (see `PodSecurityPreset`): the
   * pod security context and the security context of every container, merged at synth with
   * what the roles set. Written where the preset's `target` says; by default both the spec
   * fields and the pod templates with Spark >= 3.0 (and a cluster profile's operator >= 2.1),
   * only the spec fields before.
   */
  public applyPodSecurity(preset: PodSecurityPreset): void {
    if (!PodSecurityPreset.isPodSecurityPreset(preset)) {
      invalid('podSecurity', 'must be PodSecurityPreset.HARDENED or made with PodSecurityPreset.hardened()', preset);
    }
    const target = preset.target
      ?? (compareVersions(this.sparkVersion, '3.0.0') >= 0 && (this.state.profile?.operatorAtLeast('2.1') ?? true) ? PlacementTarget.BOTH : PlacementTarget.SPEC_FIELDS);
    this.driver.applyPodSecurity(preset, { target });
    this.executor.applyPodSecurity(preset, { target });
  }

  /**
   * Creates the ServiceAccount, Role and RoleBinding the driver needs to run executors in the
   * job's namespace (`SparkDriverRbac`, child id `DriverRbac`) and makes the driver use the
   * account (`driver.serviceAccount`). The account is `serviceAccountName`, else the one
   * `SparkJobDefaults` gave the driver, else a generated one; jobs of a chart that ask for the
   * same account in one namespace share one `SparkDriverRbac`. Refused when the driver already
   * names another account.
   *
   * @param options the account's name
   * @returns the RBAC construct
   */
  public grantDriverRbac(options: SparkDriverRbacOptions = {}): SparkDriverRbac {
    return SparkDriverRbac._grant(this, SparkDriverRbac._captureOptions('grantDriverRbac() options', options));
  }

  /** Appends application arguments (`arguments`). */
  public addArguments(...args: string[]): void {
    checkArguments('addArguments()', ['arguments', args, 'strings']);
    this.state.arguments.push(...args);
  }

  /** Adds jars, files and packages (`deps`); lists are appended, duplicates dropped. */
  public addDependencies(deps: SparkDependencies): void {
    deps = captureArgument('addDependencies() deps', deps, DEPENDENCIES_SHAPE);
    for (const [kind, entries] of Object.entries(deps)) {
      if (!entries) { continue; }
      const list = this.state.deps[kind] ??= [];
      for (const entry of entries as string[]) {
        if (!list.includes(entry)) { list.push(entry); }
      }
    }
  }

  /** Adds a volume the roles can mount (`volumes`). */
  public addVolume(volume: k8s.Volume): void {
    volume = captureArgument('addVolume() volume', volume, 'object');
    if (this.state.volumes.some(v => v.name === volume.name)) {
      invalid('volumes', 'must not define a volume name twice', volume.name);
    }
    this.state.volumes.push(volume);
  }

  /**
   * Sends shuffle data to a remote shuffle service (see `RemoteShuffle`): writes its Spark confs,
   * keeping values set before, and refuses what contradicts it (the external shuffle service on,
   * another shuffle manager, dynamic allocation before Spark 3.5 or with shuffle tracking). Once
   * per job, before `place()` so a spot placement knows shuffle data is remote.
   */
  public useRemoteShuffle(shuffle: RemoteShuffle): void {
    if (!RemoteShuffle.isRemoteShuffle(shuffle)) {
      invalid('shuffle', 'must be made with RemoteShuffle.celeborn()', shuffle);
    }
    if (this.state.shuffle) {
      invalid('shuffle', 'can be given once per job (props.shuffle or useRemoteShuffle())', 'a second remote shuffle');
    }
    shuffle._applyTo(this);
    this.state.shuffle = shuffle;
  }

  /** The remote shuffle service, if one was given. */
  public get shuffle(): RemoteShuffle | undefined {
    return this.state.shuffle;
  }

  /**
   * Writes Spark event logs for a History Server (see `SparkEventLog`) through `addSparkConf()`, so
   * the same rules (credentials refused) apply.
   */
  public addEventLog(eventLog: SparkEventLog): void {
    if (!SparkEventLog.isSparkEventLog(eventLog)) {
      invalid('eventLog', 'must be made with SparkEventLog.toOss() or SparkEventLog.toUri()', eventLog);
    }
    eventLog._applyTo(this);
  }

  /**
   * Places the driver and executors on ECS, ECI or both: adds the ECI toleration, node affinity
   * and ECI annotations to each role, merged with what the roles already have. Once per job.
   */
  public place(placement: SparkPlacement): void {
    if (!SparkPlacement.isSparkPlacement(placement)) {
      invalid('placement', 'must be made with SparkPlacement.of(), perRole() or recommended()', placement);
    }
    const webhookOff = this.state.profile?.webhook === OperatorWebhook.DISABLED;
    if (placement._mechanismGiven && placement.mechanism === PlacementTarget.SPEC_FIELDS && webhookOff) {
      // Only the operator's webhook applies spec tolerations and affinity (DOMAIN.md §1): an explicit
      // SPEC_FIELDS would be silently moved into the pod templates, or silently ignored.
      invalid('placement.mechanism', 'cannot be PlacementTarget.SPEC_FIELDS when the cluster profile turns the operator\'s webhook off: '
        + 'only the webhook applies spec tolerations and affinity; leave the mechanism out (the library writes the pod templates then) '
        + `or use PlacementTarget.POD_TEMPLATE (the cluster profile is ${this.state.profile.source})`, PlacementTarget.SPEC_FIELDS);
    }
    const inherited = this._defaults.sourceOf('placement', this);
    if (inherited !== undefined) {
      invalid('placement', `is already set by SparkJobDefaults ${inherited} (its placement), and can be given once per job: `
        + 'pass this placement as the job\'s placement prop instead, where it wins over the defaults\'', 'a second placement');
    }
    if (this.state.placement) {
      invalid('placement', 'can be given once per job (props.placement, place(), or ResourcePolicyUnits.addJob() on a job without one, '
        + 'which places it with EciPlacement.resourcePolicy()): call place() before addJob()', 'a second placement');
    }
    placement._applyTo(this);
    this.state.placement = placement;
  }

  /**
   * Creates an `ImageCache` (`eci.alibabacloud.com/v1`) for the job's images and turns on
   * auto-matching (`EciImageCache.auto()`) on the roles that can run on ECI, so ECI pods start
   * without the ~100 s image pull. The cache id is known only after the cloud creates it, which
   * is why the pods match automatically instead of by id. Which roles can run on ECI is decided
   * when the job synthesizes, from its rendered pods (a placement given after this call counts);
   * synthesis fails when none can.
   *
   * @param options size, retention and pull secrets of the cache (by default the job's own pull secrets)
   * @returns the ImageCache construct (child id `ImageCache`)
   */
  public addImageCache(options: JobImageCacheOptions = {}): ImageCache {
    options = captureImageCacheOptions(options);
    return addJobImageCache(this, this.state, options);
  }

  /**
   * Records what a ResourcePolicy asked for this job (`addJob()`, `checkCapacity()`): the policy
   * (`namespace/name`) must place some of the job's pods, with this severity for Pending pods.
   * @internal
   */
  public _requirePolicy(policy: string, pendingPods: PendingPods | undefined): void {
    const known = this.state.resourcePolicies.find(p => p.policy === policy);
    if (!known) {
      this.state.resourcePolicies.push({ policy, pendingPods });
    } else if (pendingPods !== undefined) {
      known.pendingPods = pendingPods;
    }
  }

  /**
   * Records labels and annotations for the roles a call reaches, written when the job renders
   * (`ResourcePolicyUnits.addJob()`, `addImageCache()`).
   * @internal
   */
  public _addEciRoleWrite(write: EciRoleWrite): void {
    this.state.eciRoleWrites.push(write);
  }

  /** The object as it synthesizes (plain JSON), JSON patches included; what the checks and `SparkJobSizing.of()` read. */
  public toManifest(): any {
    return this.apiObject.toJson();
  }

  /** Adds an image pull secret by name (`imagePullSecrets`). */
  public addImagePullSecret(name: string): void {
    checkArguments('addImagePullSecret()', ['name', name, 'string']);
    if (!this.state.imagePullSecrets.includes(name)) {
      this.state.imagePullSecrets.push(name);
      this.state.pullSecretsCache?.addImagePullSecret(pullSecretOfCache(this, name));
    }
  }

  /**
   * How many executor pods to plan for: `executor.instances`, or with dynamic allocation
   * `maxExecutors` (the initial count when unbounded).
   */
  public get plannedExecutors(): number {
    const da = this.state.props.dynamicAllocation;
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
    for (const key of Object.keys(metadata?.annotations ?? {})) {
      if (DECISION_KEYS.includes(key)) {
        invalid(`metadata.annotations["${key}"]`, 'must be left to the library, which records the job\'s decisions there: '
          + 'set pendingPods, unschedulablePods or the placement\'s unusedShareWarning instead', metadata!.annotations![key]);
      }
    }
    const labelled = withDeadlineRequirement(this.state.profile,
      withQueueLabels(this.state.props.queue, withProfileAnnotations(this.state.profile, metadata))) ?? {};
    // The decisions that differ from the defaults, as the YAML carries them for plan, the plugin and
    // the testing kit: resolved at synth (decisions change later, addJob() adds a policy), and left
    // out when the app turns recording off (an undefined annotation is dropped by cdk8s).
    const recorded: { [key: string]: string } = {};
    for (const key of Object.values(DecisionAnnotation)) {
      recorded[key] = Lazy.any({
        produce: () => (DecisionRecording.isEnabled(this) ? decisionAnnotations(this.state.decisions())[key] : undefined),
      });
    }
    return { ...labelled, annotations: { ...labelled.annotations, ...recorded } };
  }

  /**
   * Renders the SparkApplication spec, as the CRD spells it.
   * @internal
   */
  protected _renderApplication(): { [key: string]: any } {
    return renderedApplication(this, this.state);
  }

}
