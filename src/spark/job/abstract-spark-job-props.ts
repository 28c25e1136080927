// The props of a Spark application, shared by `SparkJob` and `ScheduledSparkJob`, and the options
// of `addImageCache()`.
import type { ApiObjectMetadata, Duration, Size } from 'cdk8s';
import type { ImagePullPolicy, k8s } from 'cdk8s-plus-28';
import type { PendingPods } from '../../checks/pending-pods';
import type { EciAnnotationNaming } from '../../eci/eci-pod-options';
import type { ImageCachePullSecret } from '../../eci/image-cache';
import type { SparkPlacement } from '../../eci/spark-placement';
import type { SparkApplicationType } from '../../model/spark-application-type';
import type { SparkClusterProfile } from '../../profile/cluster-profile';
import type { DynamicAllocation } from '../dynamic-allocation';
import type { SparkEventLog } from '../event-log';
import type { GangScheduling } from '../gang-scheduling';
import type { JobDeadlines } from '../job-deadlines';
import type { JobQueue } from '../job-queue';
import type { PodSecurityPreset } from '../pod-security';
import type { RemoteShuffle } from '../remote-shuffle';
import type { RestartPolicy } from '../restart-policy';
import type { SparkDriverProps, SparkExecutorProps } from '../role/spark-role-props';
import type {
  BatchScheduler, BatchSchedulerOptions, DeployMode, PythonVersion, SparkDependencies, SparkMonitoring, SparkUiOptions,
} from '../spark-application-options';

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
   * How long the job may take to start and to run, written where the cluster enforces it: ECI's
   * `k8s.aliyun.com/eci-max-pending-minute` on the roles that may run on ECI (`start`), Spark
   * 4.0's `spark.driver.timeout` with its plugin in `sparkConf` (`run`). With `timeToLive`, what
   * the plan shows as the job's deadlines.
   *
   * @default - none: ECI's default of 240 minutes on ECI pods, no run limit
   */
  readonly deadlines?: JobDeadlines;

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
   * Schedules the executors as one gang (ACK coscheduling): none of them starts until
   * `minAvailable` of them can be placed together. Writes `pod-group.scheduling.sigs.k8s.io/name`
   * and `/min-available` into `executor.labels`; the driver stays outside the group, because the
   * running driver creates the executors (a gang that holds the driver never assembles).
   * Synthesis fails when the group can never assemble (a deadlock, whatever `pendingPods` says),
   * and for a scheduled job whose overlapping runs would share the group (`concurrencyPolicy` Allow).
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
