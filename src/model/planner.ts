/**
 * The one planner: given the Spark applications and ResourcePolicies of an app (or of a set of
 * YAML files), where each role's pods go (which unit of which policy, or ECS/ECI by their own
 * constraints), and every pod that stays Pending with a structured reason.
 *
 * Pods are counted, never listed: a role is one group of identical pods, and units fill with
 * arithmetic, so a job with 2,147,483,647 executors plans in constant memory. Policies are
 * indexed by namespace and by one label of their selector, so each role looks at the few policies
 * that may select it: one linear pass over jobs and policies.
 */
import { ApplicationModel, ManifestOrigin, ObjectRef, RoleModel } from './applications';
import { ImageSource, roleColdStart, RoleColdStart } from './cold-start';
import { deadlineFindings } from './deadlines';
import { DecisionDefaults, JobDecisions, NO_DECISIONS, STRICT_DEFAULTS } from './decisions';
import { ECI_ANNOTATION_KEYS as ECI_ANNOTATIONS } from './eci-annotation-keys';
import {
  ECI_FORCE_LABEL, ECI_NODES, ECS_NODES, forcesEci, narrowNodes, NodePlacement, NodePlacementResult, nodePlacement, obstacleCause, obstacleOn,
  SchedulingObstacle, ECI_ANNOTATION_PREFIX,
} from './eci-scheduling';
import {
  checkJobAgainstQuota, describeQuotaCheck, ELASTIC_QUOTA_TREE_NAMESPACE, leafOf, QUOTA_GPU, QuotaCheck, QuotaLeafPath, QuotaNodeModel,
  QuotaTreeModel,
} from './elastic-quota';
import { GangCause, gangKey, GangModel, gangReach, GangReach, readGang } from './gang';
import { ImageCacheHolders, ImageCacheModel, indexImageCaches } from './image-caches';
import { QueueSystem } from './queues';
import { QuotaAmount, QuotaBlock, QuotaLedger, QueueRelease, RoleAdmission } from './quota-admission';
import { PolicyModel, selects, UnitModel } from './resource-policies';
import { scratchDiskFindings } from './scratch-disk';
import { SparkOperatorLabels } from './spark-pods';
import { describeRefusalRule, RefusedBy } from './spark-role-resources';

/** Why pods stay Pending. */
export enum PendingReasonCode {
  /** Every unit of the policy that may take the pods is at its `max`, for this job alone. */
  UNIT_CAPS = 'UNIT_CAPS',
  /** The units' `max` is shared with other jobs' pods (the policy does not group by submission). */
  SHARED_BUDGET = 'SHARED_BUDGET',
  /** With `whenTryNextUnits: ExceedMax`, the pods wait in a unit that cannot take them. */
  UNIT_REFUSES = 'UNIT_REFUSES',
  /** No unit of the policy can take the pods (affinity, nodeSelector, tolerations). */
  NO_UNIT_ADMITS = 'NO_UNIT_ADMITS',
  /** The pods lack a label named in the policy's `matchLabelKeys`: the scheduler rejects them. */
  MISSING_MATCH_LABEL = 'MISSING_MATCH_LABEL',
  /** No ECS node and no ECI virtual node can take the pods. */
  NO_NODE = 'NO_NODE',
  /** The pods must run on ECI, and no ECI size fits them (given specs, spot minimums, GPUs). */
  NO_ECI_SIZE = 'NO_ECI_SIZE',
  /** Admitting the pods would take their ElasticQuotaTree leaf (or an ancestor) above `max`, with the pods of the jobs admitted before. */
  QUOTA = 'QUOTA',
  /** ack-kube-queue never releases the job: its whole request is above its quota leaf's (or an ancestor's) `max`. */
  QUEUE = 'QUEUE',
  /** The job's gang never assembles (the order Spark creates pods in, or too few placeable), so the scheduler holds the pods. */
  GANG = 'GANG',
}

/** A unit that refused pods, and why. */
export interface UnitRefusal {
  readonly unitIndex: number;
  readonly resource: string;
  readonly obstacle: SchedulingObstacle;
  /** What refuses them, in words naming the toleration, label or requirement (`obstacleCause()`). */
  readonly cause?: string;
}

/** Why a group of pods stays Pending: a typed value, phrased by each front end. */
export interface PendingReason {
  readonly code: PendingReasonCode;
  /** The policy that places (or refuses) the pods. */
  readonly policy?: ObjectRef;
  /** UNIT_CAPS, SHARED_BUDGET: the units the pods may use, with their `max`. */
  readonly units?: ReadonlyArray<{ readonly index: number; readonly resource: string; readonly max?: number }>;
  /** SHARED_BUDGET: the other jobs whose pods use the same budget first. */
  readonly sharedWith?: readonly ObjectRef[];
  /** UNIT_REFUSES, NO_UNIT_ADMITS: the units that refuse the pods, and why. */
  readonly refusals?: readonly UnitRefusal[];
  /** MISSING_MATCH_LABEL: the label keys the pods lack. */
  readonly missingLabels?: readonly string[];
  /** NO_NODE: why ECS nodes and ECI virtual nodes refuse the pods. */
  readonly ecsObstacle?: SchedulingObstacle;
  readonly eciObstacle?: SchedulingObstacle;
  /** NO_NODE: the same in words naming the toleration, label or requirement (`obstacleCause()`). */
  readonly ecsCause?: string;
  readonly eciCause?: string;
  /** NO_ECI_SIZE: why no size fits, in a sentence from the sizing. */
  readonly eciDetail?: string;
  /** QUOTA, QUEUE: the tree and the `max` the pods (or the whole job) meet. */
  readonly quota?: QuotaBlock & { readonly tree: ObjectRef };
  /** GANG: the group, its min-available and why it never assembles. */
  readonly gang?: { readonly group: string; readonly minAvailable: number; readonly cause: GangCause };
}

/** A run of pods of one role that stay Pending for one reason. */
export interface PendingGroup {
  readonly role: 'driver' | 'executor';
  /** First pod, counting from 1 (`executor-<first>`; the driver is 1). */
  readonly first: number;
  readonly count: number;
  /** Whether these pods are only requested when dynamic allocation scales up towards `maxExecutors`. */
  readonly dynamicAllocation: boolean;
  readonly reason: PendingReason;
}

/** Pods of a role placed in one unit of the policy, or on a kind of node. */
export interface PlacedGroup {
  /** First pod of the group, counting from 1. */
  readonly first: number;
  /** The unit's index, for pods a policy places. */
  readonly unitIndex?: number;
  /** `ecs`, `eci`, `elastic` or `acs` for a unit; `ECS`, `ECI` or `ECS_OR_ECI` by the pods' own constraints. */
  readonly where: string;
  readonly count: number;
}

/** The plan of one role. */
export interface RolePlanModel {
  readonly role: RoleModel;
  /** The policy that places the role's pods, if one selects them. */
  readonly policy?: PolicyModel;
  /** Where the pods may run by their own constraints. */
  readonly nodes: NodePlacementResult;
  readonly placed: readonly PlacedGroup[];
  readonly pending: readonly PendingGroup[];
  /** Pods sure to run on ECI, and pods that may. */
  readonly eciPods: { readonly atLeast: number; readonly atMost: number };
}

/** Structured findings that are not Pending pods. */
export enum ProblemCode {
  /** Two ResourcePolicies select the same pods; ACK documents no rule for that. */
  POLICY_OVERLAP = 'POLICY_OVERLAP',
  /** A policy's selector names a ScheduledSparkApplication's pods by `app-name`, which its runs never carry. */
  SCHEDULED_SELECTOR_NEVER_MATCHES = 'SCHEDULED_SELECTOR_NEVER_MATCHES',
  /** A pod under a policy carries `alibabacloud.com/eci`, which overrides the policy. */
  ECI_LABEL_UNDER_POLICY = 'ECI_LABEL_UNDER_POLICY',
  /** The driver asks for spot ECI: a reclaimed driver fails the job. */
  SPOT_DRIVER = 'SPOT_DRIVER',
  /** ECI annotations on a role that never runs on ECI. */
  ECI_OPTIONS_NEVER_APPLY = 'ECI_OPTIONS_NEVER_APPLY',
  /** Pods may run on ECI but no ECI size fits them. */
  ECI_SIZE_MAY_NOT_FIT = 'ECI_SIZE_MAY_NOT_FIT',
  /** Dynamic allocation without `maxExecutors`: Spark may ask for more executors than planned. */
  UNBOUNDED_DYNAMIC_ALLOCATION = 'UNBOUNDED_DYNAMIC_ALLOCATION',
  /** The job's requests exceed its ElasticQuotaTree leaf's `max` (or an ancestor's): it never fully starts. */
  QUOTA_EXCEEDS_MAX = 'QUOTA_EXCEEDS_MAX',
  /**
   * Some of the job's pods run above their leaf's `min` on quota borrowed from other leaves, and a later job of the set
   * claims its own leaf's `min` back: the scheduler may evict the borrowed pods.
   */
  QUOTA_EVICTION_RISK = 'QUOTA_EVICTION_RISK',
  /** More than one ElasticQuotaTree: ACK reads one per cluster; the first in the input is planned. */
  QUOTA_TREES = 'QUOTA_TREES',
  /** The gang never assembles: the driver in a group with min-available > 1, or too few executors created or placeable. */
  GANG_UNREACHABLE = 'GANG_UNREACHABLE',
  /** The gang labels of driver and executors disagree, or a count is not a whole number. */
  GANG_LABELS_INCONSISTENT = 'GANG_LABELS_INCONSISTENT',
  /** Driver and executors in one gang group have different priority classes; ACK needs one priority per group. */
  GANG_PRIORITY_DIFFERS = 'GANG_PRIORITY_DIFFERS',
  /** Two submissions share one group name: two jobs, or overlapping runs of a scheduled job. */
  GANG_GROUP_SHARED = 'GANG_GROUP_SHARED',
  /** Kueue queues the application, and it turns on dynamic allocation, which Kueue rejects. */
  KUEUE_DYNAMIC_ALLOCATION = 'KUEUE_DYNAMIC_ALLOCATION',
  /** ECI pods auto-match an image cache (ECI's default) that no ImageCache object makes: the first run pulls the image and creates a billed cache. */
  IMAGE_CACHE_ON_FIRST_RUN = 'IMAGE_CACHE_ON_FIRST_RUN',
  /** A scratch `sizeLimit` above the ECI pod's local disk: the pod is evicted when scratch fills the disk. */
  SCRATCH_EXCEEDS_ECI_DISK = 'SCRATCH_EXCEEDS_ECI_DISK',
  /** A shuffle-heavy job's executors on ECI's free 30 GiB, with no sized scratch and no remote shuffle. */
  SHUFFLE_ON_DEFAULT_ECI_DISK = 'SHUFFLE_ON_DEFAULT_ECI_DISK',
  /** Spark refuses a value that sizes the pods (a factor of 0, off-heap without a size, a GPU without a vendor): the application fails. */
  SPARK_REFUSES_VALUE = 'SPARK_REFUSES_VALUE',
  /** The operator's pod webhook cannot apply a field (`memoryLimit: 10G`): the pods are refused. */
  WEBHOOK_REFUSES_VALUE = 'WEBHOOK_REFUSES_VALUE',
  /** More of a billed ECI size is unused than the job's threshold (`cdk8s-spark-eci/unused-share-warning`, default 0.25). */
  ECI_UNUSED_SHARE = 'ECI_UNUSED_SHARE',
  /** A ResourcePolicy the job was given to (`cdk8s-spark-eci/resource-policies`) places none of its pods. */
  POLICY_PLACES_NONE = 'POLICY_PLACES_NONE',
  /** A ResourcePolicy the job was given to is in another namespace: a policy only sees pods of its own. */
  POLICY_IN_OTHER_NAMESPACE = 'POLICY_IN_OTHER_NAMESPACE',
  /** A `cdk8s-spark-eci/` decision annotation that cannot be read. */
  DECISION_INVALID = 'DECISION_INVALID',
  /** A value the API server (or the CRD's schema) refuses. */
  API_SERVER_REFUSES = 'API_SERVER_REFUSES',
  /** Two objects of one kind, namespace and name: applying the second replaces the first. */
  DUPLICATE_OBJECT = 'DUPLICATE_OBJECT',
  /** The operator's webhook refuses a nodeSelector on both the application and a role. */
  NODE_SELECTOR_ON_APP_AND_ROLE = 'NODE_SELECTOR_ON_APP_AND_ROLE',
  /** The operator's webhook refuses the sparkConf key (the master, the images, service accounts, tokens). */
  SPARK_CONF_DENIED = 'SPARK_CONF_DENIED',
  /** `sparkConf["spark.kubernetes.namespace"]` differs from the object's namespace: the webhook refuses it. */
  SPARK_NAMESPACE_CONF_MISMATCH = 'SPARK_NAMESPACE_CONF_MISMATCH',
  /** A pod template with Spark before 3.0: the webhook refuses it. */
  TEMPLATE_NEEDS_SPARK_3 = 'TEMPLATE_NEEDS_SPARK_3',
  /** Dynamic allocation with Spark before 3.0, which needs an external shuffle service Kubernetes lacks. */
  DYNAMIC_ALLOCATION_NEEDS_SPARK_3 = 'DYNAMIC_ALLOCATION_NEEDS_SPARK_3',
  /** `executor.instances` above `dynamicAllocation.maxExecutors`: Spark refuses the initial count. */
  INSTANCES_ABOVE_MAX_EXECUTORS = 'INSTANCES_ABOVE_MAX_EXECUTORS',
  /** A role mounts a volume the application does not define: the pod is refused. */
  VOLUME_MOUNT_UNDEFINED = 'VOLUME_MOUNT_UNDEFINED',
  /** `pythonVersion` on an application that is not a Python one, where the operator drops it. */
  PYTHON_VERSION_WITHOUT_PYTHON = 'PYTHON_VERSION_WITHOUT_PYTHON',
  /** Python 2 with Spark 3.1 or later, which dropped it. */
  PYTHON_2_UNSUPPORTED = 'PYTHON_2_UNSUPPORTED',
  /** A ScheduledSparkApplication's name leaves no room for its runs' timestamp within 63 characters. */
  SCHEDULED_NAME_TOO_LONG = 'SCHEDULED_NAME_TOO_LONG',
  /** A SparkConnect's name leaves no room for its Service's `-server` suffix within 63 characters. */
  SPARK_CONNECT_NAME_TOO_LONG = 'SPARK_CONNECT_NAME_TOO_LONG',
  /** A SparkConnect without an image: the webhook refuses it. */
  SPARK_CONNECT_IMAGE_MISSING = 'SPARK_CONNECT_IMAGE_MISSING',
  /** Dynamic allocation bounds out of order (minExecutors <= initialExecutors <= maxExecutors). */
  DYNAMIC_ALLOCATION_BOUNDS = 'DYNAMIC_ALLOCATION_BOUNDS',
  /** A memory string the webhook cannot read as Spark memory. */
  SPARK_MEMORY_FORMAT = 'SPARK_MEMORY_FORMAT',
  /** No image for a role (neither `image` nor the role's): Spark refuses to start ("Must specify the driver container image"). */
  IMAGE_MISSING = 'IMAGE_MISSING',
  /** Dynamic allocation with a remote shuffle manager on Spark before 3.5, which cannot release executors without a patch. */
  REMOTE_SHUFFLE_NEEDS_SPARK_3_5 = 'REMOTE_SHUFFLE_NEEDS_SPARK_3_5',
  /** The external shuffle service on with a remote shuffle manager: executors cannot register with it. */
  REMOTE_SHUFFLE_WITH_SHUFFLE_SERVICE = 'REMOTE_SHUFFLE_WITH_SHUFFLE_SERVICE',
  /** Decommissioning confs on Spark before 3.1, which ignores them. */
  DECOMMISSION_NEEDS_SPARK_3_1 = 'DECOMMISSION_NEEDS_SPARK_3_1',
  /** A SparkConnect's gRPC port other than the 15002 the operator's Service targets, or one Spark cannot read. */
  SPARK_CONNECT_GRPC_PORT = 'SPARK_CONNECT_GRPC_PORT',
  /** The profile asks for deadlines, and a role whose pods may run on ECI sets no `eci-max-pending-minute` of its own. */
  DEADLINE_START_MISSING = 'DEADLINE_START_MISSING',
  /** The profile asks for deadlines, and nothing ends the driver after a time (Spark 4.0's `spark.driver.timeout`). */
  DEADLINE_RUN_MISSING = 'DEADLINE_RUN_MISSING',
  /** The profile asks for deadlines, and the finished application is kept until deleted (no `timeToLiveSeconds`). */
  DEADLINE_CLEAN_UP_MISSING = 'DEADLINE_CLEAN_UP_MISSING',
  /** `spark.driver.timeout` is set but ends nothing: Spark before 4.0, its plugin not loaded, or less than a minute. */
  DEADLINE_RUN_IGNORED = 'DEADLINE_RUN_IGNORED',
  /** A ScheduledSparkApplication without `concurrencyPolicy`: the operator starts no run after the first (scheduled-concurrency.ts). */
  CONCURRENCY_POLICY_UNSET = 'CONCURRENCY_POLICY_UNSET',
}

/** How bad a problem is. */
export enum ProblemSeverity {
  ERROR = 'ERROR',
  WARNING = 'WARNING',
}

/** A structured finding about one job (and the objects it involves), or about another object of the set. */
export interface PlanProblem {
  readonly code: ProblemCode;
  readonly severity: ProblemSeverity;
  /** The object the finding is about: the job, or (in `ClusterPlanModel.objectProblems`) any other object. */
  readonly job: ObjectRef;
  readonly role?: 'driver' | 'executor';
  /** The other objects involved (the overlapping policies, the policy whose selector never matches). */
  readonly objects?: readonly ObjectRef[];
  /** The YAML field the finding is about, relative to the application spec (`executor.annotations`). */
  readonly field?: string;
  /** Extra facts for the message (a label, a size). */
  readonly detail?: string;
  /** GANG_UNREACHABLE: the gang's reach, and why it never assembles. */
  readonly gang?: GangReach;
  /** QUOTA_EVICTION_RISK: the job's leaf and what its admitted pods borrowed above its min (cpu millicores, memory MiB, GPUs). */
  readonly borrowed?: { readonly leaf: string; readonly amounts: readonly number[] };
  /** For a refused value: what is allowed, phrased to follow the field (`must be an integer >= 1`). */
  readonly allowed?: string;
  /** For a refused value: the value. */
  readonly got?: unknown;
}

/** The plan of one job. */
export interface JobPlanModel {
  readonly app: ApplicationModel;
  readonly driver: RolePlanModel;
  readonly executor: RolePlanModel;
  readonly problems: readonly PlanProblem[];
  /** How the job's total requests compare with its ElasticQuotaTree leaf, and how its pods were admitted, when a leaf lists its namespace. */
  readonly quota?: JobQuotaModel;
  /** When ack-kube-queue releases the job, for a job created suspended in a namespace a quota leaf lists. */
  readonly queueRelease?: QueueRelease;
  /** Whether the job's gang can assemble, when its pods carry gang labels with a valid count. */
  readonly gang?: GangReach;
  /** What the first run pays before each role's ECI pods start; only roles that may run on ECI. */
  readonly coldStart: readonly RoleColdStart[];
  /** The user's decisions about the job's findings (recorded in its annotations; see `decisions.ts`). */
  readonly decisions: JobDecisions;
}

/** The problems of an object that is not a job (a ResourcePolicy, an ImageCache, a Role...). */
export interface ObjectProblems {
  readonly ref: ObjectRef;
  readonly origin: ManifestOrigin;
  readonly problems: readonly PlanProblem[];
}

/** A job's quota: its total requests against its leaf, and what admission did with its pods. */
export interface JobQuotaModel extends QuotaCheck {
  /** Pods held back by the quota (QUOTA) or by ack-kube-queue (QUEUE). */
  readonly pendingPods: number;
  /** Per resource (cpu millicores, memory MiB, GPUs): the admitted pods' requests above the leaf's `min`, borrowed from idle quota. */
  readonly borrowed: readonly number[];
}

/** The plan of every job. */
export interface ClusterPlanModel {
  readonly jobs: readonly JobPlanModel[];
  readonly policies: readonly PolicyModel[];
  /**
   * The ElasticQuotaTree the jobs are planned against (the first one given): the jobs are admitted
   * into it in their order, each pod against its leaf's `max` with the pods admitted before.
   */
  readonly quotaTree?: QuotaTreeModel;
  /** The problems of the other objects of the set, in input order (only objects that have some). */
  readonly objectProblems: readonly ObjectProblems[];
  /** What the front end decided for jobs that record no decision of their own. */
  readonly defaults: DecisionDefaults;
}

/** What the planner reads. */
export interface PlannerInput {
  readonly applications: readonly ApplicationModel[];
  readonly policies: readonly PolicyModel[];
  /** ElasticQuotaTrees found (ACK reads one per cluster). */
  readonly quotaTrees?: readonly QuotaTreeModel[];
  /** ECI ImageCache objects found. */
  readonly imageCaches?: readonly ImageCacheModel[];
}

const INDEX_ALL = '\u0000*';

/** Policies by namespace, then by one `key=value` of their selector. */
class PolicyIndex {
  private readonly byNamespace = new Map<string, Map<string, PolicyModel[]>>();

  constructor(policies: readonly PolicyModel[]) {
    for (const policy of policies) {
      let ns = this.byNamespace.get(policy.ref.namespace);
      if (!ns) { ns = new Map(); this.byNamespace.set(policy.ref.namespace, ns); }
      const keys = Object.keys(policy.selector).sort();
      const slot = keys.length === 0 ? INDEX_ALL : `${keys[0]}=${policy.selector[keys[0]]}`;
      const entry = ns.get(slot);
      if (entry) { entry.push(policy); } else { ns.set(slot, [policy]); }
    }
  }

  /** Every policy that selects pods with these labels, in input order. */
  public selecting(namespace: string, labels: { readonly [key: string]: string }): PolicyModel[] {
    const ns = this.byNamespace.get(namespace);
    if (!ns) { return []; }
    const found: PolicyModel[] = [...(ns.get(INDEX_ALL) ?? [])];
    for (const key of Object.keys(labels)) {
      for (const policy of ns.get(`${key}=${labels[key]}`) ?? []) {
        if (selects(policy, labels)) { found.push(policy); }
      }
    }
    return found;
  }

  /** Every policy of the namespace (for checks that look at selectors, not at matches). */
  public inNamespace(namespace: string): PolicyModel[] {
    return [...(this.byNamespace.get(namespace)?.values() ?? [])].flat();
  }
}

/** A budget: pods per unit, for one group of one policy. */
interface Budget {
  readonly used: number[];
  /** The jobs that used it, in order. */
  readonly users: ObjectRef[];
}

/** Plans every job, in the input's order: the order in which they are submitted and admitted. */
export function planCluster(input: PlannerInput): ClusterPlanModel {
  const index = new PolicyIndex(input.policies);
  const order = new Map(input.policies.map((p, i) => [p, i]));
  const budgets = new Map<string, Budget>();
  const trees = input.quotaTrees ?? [];
  const caches = indexImageCaches(input.imageCaches ?? []);
  const quota: QuotaContext | undefined = trees.length > 0
    ? { trees, ledger: new QuotaLedger(trees[0]), leaves: new Map(), borrowers: [], claims: [] } : undefined;
  const planned = input.applications.map(app => {
    const placed = planJob(app, index, order, budgets);
    const admitted = admitJob(placed, quota);
    releaseUnits(placed, admitted, budgets);
    return admitted;
  });
  const jobs = withGangFindings(withEvictionRisk(planned, quota)).map(job => withDeadlineFindings(withColdStart(job, caches)));
  return { jobs, policies: input.policies, quotaTree: trees[0], objectProblems: [], defaults: STRICT_DEFAULTS };
}

/** The quota of a plan: the trees, the ledger of the first, and who borrowed and reclaimed. */
interface QuotaContext {
  readonly trees: readonly QuotaTreeModel[];
  readonly ledger: QuotaLedger;
  /** Leaves by namespace, found once. */
  readonly leaves: Map<string, QuotaLeafPath | undefined>;
  /** Jobs with pods above their leaf's min, in order. */
  readonly borrowers: Array<{ readonly job: ObjectRef; readonly order: number; readonly path: QuotaLeafPath; readonly borrowed: readonly number[] }>;
  /** Jobs whose pods took their leaf's min back above an ancestor's max, in order. */
  readonly claims: Array<{
    readonly job: ObjectRef;
    readonly order: number;
    readonly leaf: QuotaNodeModel;
    readonly under: readonly QuotaNodeModel[];
  }>;
}

/** What the first run pays on ECI, and a warning when it creates the image cache itself. */
function withColdStart(job: JobPlanModel, caches: ReadonlyMap<string, ImageCacheHolders>): JobPlanModel {
  const coldStart = [job.driver, job.executor].filter(r => r.eciPods.atMost > 0).map(r => roleColdStart(r.role, caches));
  const onFirstRun = coldStart.filter(c => c.source === ImageSource.CACHE_ON_FIRST_RUN);
  if (onFirstRun.length === 0) { return { ...job, coldStart }; }
  const images = [...new Set(onFirstRun.map(c => c.image ?? 'the image'))].join(', ');
  return {
    ...job,
    coldStart,
    problems: [...job.problems, {
      code: ProblemCode.IMAGE_CACHE_ON_FIRST_RUN,
      severity: ProblemSeverity.WARNING,
      job: job.app.ref,
      detail: `${onFirstRun.map(c => c.role).join(' and ')} pods, ${images}`,
    }],
  };
}

/**
 * Admits a placed job: ack-kube-queue's whole-job release, then each pod against its quota leaf in
 * order (driver first, then executors), then whether its gang assembles with the pods admitted.
 * A gang that never assembles holds its pods: they are Pending and give their quota back.
 */
function admitJob(job: JobPlanModel, quota: QuotaContext | undefined): JobPlanModel {
  const problems = [...job.problems];
  const ref = job.app.ref;
  if (quota && quota.trees.length > 1) {
    problems.push({ code: ProblemCode.QUOTA_TREES, severity: ProblemSeverity.WARNING, job: ref, objects: quota.trees.map(quotaTreeRef) });
  }
  const path = quota && leafFor(quota, ref.namespace);
  const check = path ? checkJobAgainstQuota(path, jobTotals(job.app, r => r.count)) : undefined;
  if (check?.exceedsMax) {
    problems.push({
      code: ProblemCode.QUOTA_EXCEEDS_MAX,
      severity: ProblemSeverity.ERROR,
      job: ref,
      objects: [quotaTreeRef(quota!.trees[0])],
      detail: describeQuotaCheck(check),
    });
  }
  const tree = quota && quotaTreeRef(quota.trees[0]);
  const gang = readGang(job.app);
  let queueRelease: QueueRelease | undefined;
  let admitted = job;
  let borrowed: readonly number[] = [0, 0, 0];
  let reach: GangReach | undefined;
  if (job.app.queue?.system === QueueSystem.SUSPENDED && path) {
    const release = quota!.ledger.release(path, jobTotals(job.app, r => r.initialCount));
    queueRelease = release.release;
    if (release.release === QueueRelease.NEVER) {
      const reason: PendingReason = { code: PendingReasonCode.QUEUE, quota: { ...release.block!, tree: tree! } };
      admitted = { ...job, driver: withPlaced(job.driver, 0, reason), executor: withPlaced(job.executor, 0, reason) };
    }
  }
  if (queueRelease !== QueueRelease.NEVER) {
    // Released after earlier jobs finish, a queued job's pods do not share their quota: they are admitted alone.
    const ledger = queueRelease === QueueRelease.AFTER_EARLIER_JOBS ? undefined : quota?.ledger;
    const before = ledger?.snapshot();
    let result = admitPods(job, path, ledger, tree);
    reach = gang && gangReach(gang, gangCounts(result.job));
    if (reach && !reach.reachable) {
      // The gang holds its pods for good: they take no quota, and the rest are admitted again without them.
      if (before) { ledger!.restore(before); }
      const reason: PendingReason = {
        code: PendingReasonCode.GANG,
        gang: { group: reach.group, minAvailable: reach.minAvailable, cause: reach.cause! },
      };
      const held = {
        ...job,
        driver: reach.cause === GangCause.DRIVER_IN_GANG ? withPlaced(job.driver, 0, reason) : job.driver,
        executor: withPlaced(job.executor, 0, reason),
      };
      result = admitPods(held, path, ledger, tree);
      problems.push({ code: ProblemCode.GANG_UNREACHABLE, severity: ProblemSeverity.ERROR, job: ref, gang: reach });
    }
    admitted = result.job;
    borrowed = result.borrowed;
    if (ledger && path) { record(quota!, ref, path, result); }
  }
  const pendingByQuota = [admitted.driver, admitted.executor]
    .reduce((n, r) => n + r.pending.filter(p => p.reason.code === PendingReasonCode.QUOTA || p.reason.code === PendingReasonCode.QUEUE)
      .reduce((m, p) => m + p.count, 0), 0);
  return {
    ...admitted,
    problems,
    quota: check && { ...check, pendingPods: pendingByQuota, borrowed },
    queueRelease,
    gang: reach,
  };
}

/** The leaf of a namespace, found once per plan. */
function leafFor(quota: QuotaContext, namespace: string): QuotaLeafPath | undefined {
  if (!quota.leaves.has(namespace)) { quota.leaves.set(namespace, leafOf(quota.trees[0], namespace)); }
  return quota.leaves.get(namespace);
}

/** One pod's requests: what Spark sets (the sizing's `SparkPodSizing.compute()`), and its GPUs. */
function podRequest(role: RoleModel): QuotaAmount {
  return {
    cpuMillis: role.fit.resources.cpuRequestMillis,
    memoryMebibytes: role.fit.resources.memoryMebibytes,
    gpus: role.fit.resources.extendedResources?.[QUOTA_GPU] ?? 0,
  };
}

/** A job's requests over both roles, with `count` pods of each. */
function jobTotals(app: ApplicationModel, count: (role: RoleModel) => number): QuotaAmount {
  const roles = [app.driver, app.executor];
  const sum = (f: (a: QuotaAmount) => number) => roles.reduce((n, r) => n + f(podRequest(r)) * count(r), 0);
  return { cpuMillis: sum(a => a.cpuMillis), memoryMebibytes: sum(a => a.memoryMebibytes), gpus: sum(a => a.gpus) };
}

/** Admits the placed pods of both roles, driver first, and holds the rest back as QUOTA. */
function admitPods(
  job: JobPlanModel, path: QuotaLeafPath | undefined, ledger: QuotaLedger | undefined, tree: ObjectRef | undefined,
): { job: JobPlanModel; borrowed: readonly number[]; reclaimsUnder: readonly QuotaNodeModel[] } {
  if (!ledger || !path) { return { job, borrowed: [0, 0, 0], reclaimsUnder: [] }; }
  const borrowed = [0, 0, 0];
  const reclaimsUnder = new Set<QuotaNodeModel>();
  const admit = (plan: RolePlanModel): RolePlanModel => {
    const placed = placedCount(plan);
    if (placed === 0) { return plan; }
    const result: RoleAdmission = ledger.admit(path, podRequest(plan.role), placed);
    result.borrowed.forEach((b, i) => { borrowed[i] += b; });
    result.reclaimsUnder.forEach(a => reclaimsUnder.add(a));
    return result.block ? withPlaced(plan, result.admitted, { code: PendingReasonCode.QUOTA, quota: { ...result.block, tree: tree! } }) : plan;
  };
  const driver = admit(job.driver);
  const executor = admit(job.executor);
  return { job: { ...job, driver, executor }, borrowed, reclaimsUnder: [...reclaimsUnder] };
}

/** Notes who borrowed above their leaf's min and who took a min back, for the eviction risk. */
function record(
  quota: QuotaContext, job: ObjectRef, path: QuotaLeafPath, result: { borrowed: readonly number[]; reclaimsUnder: readonly QuotaNodeModel[] },
): void {
  const order = quota.borrowers.length + quota.claims.length;
  if (result.reclaimsUnder.length > 0) { quota.claims.push({ job, order, leaf: path.leaf, under: result.reclaimsUnder }); }
  if (result.borrowed.some(b => b > 0)) { quota.borrowers.push({ job, order, path, borrowed: result.borrowed }); }
}

/**
 * The eviction risk of borrowed quota: a job with pods above its leaf's min, under an ancestor
 * whose max a later job exceeded by taking its own leaf's min back (ACK: "when another quota node
 * needs its min resources back, the scheduler selects pods from the borrowing node to evict").
 */
function withEvictionRisk(jobs: JobPlanModel[], quota: QuotaContext | undefined): JobPlanModel[] {
  if (!quota || quota.claims.length === 0) { return jobs; }
  const risks = new Map<ObjectRef, { borrower: QuotaContext['borrowers'][number]; claimers: ObjectRef[] }>();
  for (const claim of quota.claims) {
    for (const borrower of quota.borrowers) {
      if (borrower.order >= claim.order || borrower.job === claim.job || borrower.path.leaf === claim.leaf) { continue; }
      if (!claim.under.some(a => borrower.path.ancestors.includes(a))) { continue; }
      const risk = risks.get(borrower.job) ?? { borrower, claimers: [] };
      if (!risk.claimers.includes(claim.job)) { risk.claimers.push(claim.job); }
      risks.set(borrower.job, risk);
    }
  }
  return jobs.map(job => {
    const risk = risks.get(job.app.ref);
    if (!risk) { return job; }
    return {
      ...job,
      problems: [...job.problems, {
        code: ProblemCode.QUOTA_EVICTION_RISK,
        severity: ProblemSeverity.WARNING,
        job: job.app.ref,
        objects: [quotaTreeRef(quota.trees[0]), ...risk.claimers],
        borrowed: { leaf: risk.borrower.path.leaf.path, amounts: risk.borrower.borrowed },
      }],
    };
  });
}

/** Gives back the unit slots of pods that admission made Pending, so later jobs' pods can take them. */
function releaseUnits(placed: JobPlanModel, admitted: JobPlanModel, budgets: Map<string, Budget>): void {
  for (const [before, after] of [[placed.driver, admitted.driver], [placed.executor, admitted.executor]] as const) {
    if (!before.policy) { continue; }
    const budget = budgets.get(budgetKey(before.policy, before.role.scheduling.labels));
    if (!budget) { continue; }
    for (const unit of before.policy.units) {
      const count = (plan: RolePlanModel) => plan.placed.filter(p => p.unitIndex === unit.index).reduce((n, p) => n + p.count, 0);
      budget.used[unit.index] -= count(before) - count(after);
    }
  }
}

/** The findings about the job's deadlines (deadlines.ts), given where its pods run, and about a schedule that runs once. */
function withDeadlineFindings(job: JobPlanModel): JobPlanModel {
  const roles = [job.driver, job.executor].map(r => ({ role: r.role.role, count: r.role.count, eciPods: r.eciPods }));
  const findings = deadlineFindings(job.app.deadlines, job.app.sparkVersion, roles);
  const once: PlanProblem[] = job.app.runsOnlyOnce
    ? [{ code: ProblemCode.CONCURRENCY_POLICY_UNSET, severity: ProblemSeverity.WARNING, job: job.app.ref, field: 'spec.concurrencyPolicy' }]
    : [];
  if (findings.length === 0 && once.length === 0) { return job; }
  return {
    ...job,
    problems: [
      ...job.problems, ...findings.map(f => ({ ...f, code: ProblemCode[f.code], severity: ProblemSeverity[f.severity], job: job.app.ref })), ...once,
    ],
  };
}

/** Each gang job's findings about its labels, priorities and group name; its reach is already planned. */
function withGangFindings(jobs: readonly JobPlanModel[]): JobPlanModel[] {
  const gangs = jobs.map(job => readGang(job.app));
  const byGroup = new Map<string, JobPlanModel[]>();
  gangs.forEach((gang, i) => {
    if (!gang) { return; }
    const key = gangKey(jobs[i].app, gang);
    byGroup.set(key, [...byGroup.get(key) ?? [], jobs[i]]);
  });
  return jobs.map((job, i) => {
    const gang = gangs[i];
    if (!gang) { return job; }
    const problems = [...job.problems];
    const problem = (code: ProblemCode, fields: Partial<PlanProblem> = {}) =>
      problems.push({ code, severity: ProblemSeverity.ERROR, job: job.app.ref, ...fields });
    if (gang.inconsistency) { problem(ProblemCode.GANG_LABELS_INCONSISTENT, { field: 'executor.labels', detail: gang.inconsistency }); }
    const [driverPriority, executorPriority] = [job.app.driver.priorityClassName, job.app.executor.priorityClassName];
    if (driverInGroupOfExecutors(gang) && driverPriority !== executorPriority) {
      problem(ProblemCode.GANG_PRIORITY_DIFFERS, {
        field: 'executor.priorityClassName',
        detail: `driver ${driverPriority ?? 'none'}, executor ${executorPriority ?? 'none'}`,
      });
    }
    const others = byGroup.get(gangKey(job.app, gang))!.filter(o => o !== job).map(o => o.app.ref);
    if (others.length > 0 || job.app.concurrencyPolicy === 'Allow') {
      problem(ProblemCode.GANG_GROUP_SHARED, { objects: others, detail: gang.group });
    }
    // GANG_UNREACHABLE was found with the reach, before the label findings: keep it after them, as it reads.
    const unreachable = problems.findIndex(p => p.code === ProblemCode.GANG_UNREACHABLE);
    if (unreachable >= 0) { problems.push(...problems.splice(unreachable, 1)); }
    return { ...job, problems };
  });
}

/** Whether the driver and the executors carry one group. */
function driverInGroupOfExecutors(gang: GangModel): boolean {
  return gang.driver.group !== undefined && gang.driver.group === gang.executor.group;
}

/** What the gang's reach counts: the driver placed, the initial executors and how many of them are placed. */
function gangCounts(job: JobPlanModel): { driverPlaced: boolean; initialExecutors: number; executorsPlaced: number; maxPendingPods?: number } {
  const executor = job.executor;
  const initial = executor.role.initialCount;
  const pendingInitial = executor.pending.filter(p => !p.dynamicAllocation).reduce((n, p) => n + p.count, 0);
  return {
    driverPlaced: placedCount(job.driver) > 0,
    initialExecutors: initial,
    executorsPlaced: Math.max(0, initial - pendingInitial),
    maxPendingPods: job.app.maxPendingPods,
  };
}

/** The tree as an object reference. */
export function quotaTreeRef(tree: QuotaTreeModel): ObjectRef {
  return { kind: 'ElasticQuotaTree', namespace: tree.namespace ?? ELASTIC_QUOTA_TREE_NAMESPACE, name: tree.name ?? '' };
}

/** How many of a role's pods are placed. */
function placedCount(plan: RolePlanModel): number {
  return plan.placed.reduce((n, p) => n + p.count, 0);
}

/**
 * The role with only its first `keep` placed pods still placed (in pod order) and the others
 * Pending for `reason`; pods already Pending keep their own reason. ECI counts follow.
 */
export function withPlaced(plan: RolePlanModel, keep: number, reason: PendingReason): RolePlanModel {
  const placed: PlacedGroup[] = [];
  const pending: PendingGroup[] = [...plan.pending];
  let left = keep;
  for (const group of [...plan.placed].sort((a, b) => a.first - b.first)) {
    const kept = Math.min(left, group.count);
    left -= kept;
    if (kept > 0) { placed.push({ ...group, count: kept }); }
    if (kept < group.count) { pending.push(...split(plan.role, { first: group.first + kept, count: group.count - kept }, reason)); }
  }
  pending.sort((a, b) => a.first - b.first);
  return { ...plan, placed, pending, eciPods: eciPodsOf(plan.role, placed) };
}

/** Pods sure to run on ECI, and pods that may, among placed groups. */
function eciPodsOf(role: RoleModel, placed: readonly PlacedGroup[]): { atLeast: number; atMost: number } {
  const sure = placed.filter(p => p.where === 'eci' || p.where === 'ECI').reduce((n, p) => n + p.count, 0);
  const either = placed.filter(p => p.where === 'ECS_OR_ECI').reduce((n, p) => n + p.count, 0);
  return { atLeast: sure, atMost: sure + (eciFit(role).fits ? either : 0) };
}

/** The budget a role's pods count against: the policy, and the values of its matchLabelKeys. */
function budgetKey(policy: PolicyModel, labels: { readonly [key: string]: string }): string {
  return `${policy.ref.namespace}/${policy.ref.name}\u0000${policy.matchLabelKeys.map(k => labels[k]).join('\u0000')}`;
}

function planJob(app: ApplicationModel, index: PolicyIndex, order: Map<PolicyModel, number>, budgets: Map<string, Budget>): JobPlanModel {
  const problems: PlanProblem[] = app.refusals.map(r => ({
    code: r.by === RefusedBy.WEBHOOK ? ProblemCode.WEBHOOK_REFUSES_VALUE : ProblemCode.SPARK_REFUSES_VALUE,
    severity: ProblemSeverity.ERROR,
    job: app.ref,
    role: r.role,
    field: r.field,
    detail: describeRefusalRule(r),
  }));
  const own = new Map<string, number[]>(); // this job's own use, per budget
  const roles = [app.driver, app.executor].map(role => {
    const matching = index.selecting(app.ref.namespace, role.scheduling.labels)
      .sort((a, b) => order.get(a)! - order.get(b)!);
    if (matching.length > 1) {
      problems.push({
        code: ProblemCode.POLICY_OVERLAP,
        severity: ProblemSeverity.ERROR,
        job: app.ref,
        role: role.role,
        objects: matching.map(p => p.ref),
      });
    }
    const policy = matching[0];
    if (policy && forcesEci(role.scheduling)) {
      problems.push({
        code: ProblemCode.ECI_LABEL_UNDER_POLICY,
        severity: ProblemSeverity.ERROR,
        job: app.ref,
        role: role.role,
        objects: [policy.ref],
        field: `${role.role}.labels`,
        detail: role.scheduling.labels[ECI_FORCE_LABEL],
      });
      return planByNodes(role);
    }
    return policy ? planUnderPolicy(app, role, policy, budgets, own) : planByNodes(role);
  }) as [RolePlanModel, RolePlanModel];

  if (app.schedule !== undefined) {
    for (const policy of index.inNamespace(app.ref.namespace)) {
      const named = policy.selector[SparkOperatorLabels.APP_NAME];
      if (named !== undefined && (named === app.ref.name || named.startsWith(`${app.ref.name}-`))) {
        problems.push({
          code: ProblemCode.SCHEDULED_SELECTOR_NEVER_MATCHES,
          severity: ProblemSeverity.ERROR,
          job: app.ref,
          objects: [policy.ref],
          detail: `${SparkOperatorLabels.APP_NAME}=${named}`,
        });
      }
    }
  }
  for (const plan of roles) {
    problems.push(...roleProblems(app, plan));
  }
  // Kueue's SparkApplication integration rejects dynamic allocation, from the spec field or sparkConf (DOMAIN.md §7).
  if (app.queue?.system === QueueSystem.KUEUE && app.dynamicAllocationField !== undefined) {
    problems.push({
      code: ProblemCode.KUEUE_DYNAMIC_ALLOCATION,
      severity: ProblemSeverity.ERROR,
      job: app.ref,
      field: app.dynamicAllocationField,
      detail: app.queue.name,
    });
  }
  return { app, driver: roles[0], executor: roles[1], problems, coldStart: [], decisions: NO_DECISIONS };
}

function roleProblems(app: ApplicationModel, plan: RolePlanModel): PlanProblem[] {
  const out: PlanProblem[] = [];
  const role = plan.role;
  const spot = role.annotations[ECI_ANNOTATIONS.SPOT_STRATEGY] !== undefined;
  if (role.role === 'driver' && spot && plan.eciPods.atMost > 0) {
    out.push({ code: ProblemCode.SPOT_DRIVER, severity: ProblemSeverity.WARNING, job: app.ref, role: 'driver', field: 'driver.annotations' });
  }
  const eciKeys = Object.keys(role.annotations).filter(k => k.startsWith(ECI_ANNOTATION_PREFIX));
  if (eciKeys.length > 0 && plan.eciPods.atMost === 0 && !plan.pending.some(p => p.reason.code === PendingReasonCode.NO_ECI_SIZE)) {
    out.push({
      code: ProblemCode.ECI_OPTIONS_NEVER_APPLY,
      severity: ProblemSeverity.WARNING,
      job: app.ref,
      role: role.role,
      field: `${role.role}.annotations`,
      detail: eciKeys.join(', '),
    });
  }
  const fit = eciFit(role);
  const soft = [NodePlacement.ECS_FIRST, NodePlacement.ECI_FIRST, NodePlacement.ECS_OR_ECI].includes(plan.nodes.placement);
  if (!fit.fits && plan.policy === undefined && soft) {
    out.push({ code: ProblemCode.ECI_SIZE_MAY_NOT_FIT, severity: ProblemSeverity.WARNING, job: app.ref, role: role.role, detail: fit.detail });
  }
  for (const finding of scratchDiskFindings(app.disk, role.role, plan.eciPods.atMost > 0)) {
    out.push({ ...finding, code: ProblemCode[finding.code], severity: ProblemSeverity.WARNING, job: app.ref });
  }
  if (role.role === 'executor' && app.dynamicMaxExecutors === null) {
    out.push({
      code: ProblemCode.UNBOUNDED_DYNAMIC_ALLOCATION,
      severity: ProblemSeverity.WARNING,
      job: app.ref,
      role: 'executor',
      field: 'dynamicAllocation.maxExecutors',
      detail: String(role.count),
    });
  }
  return out;
}

/** Whether ECI can create the role's pods, and why not. */
export function eciFit(role: RoleModel): { fits: boolean; detail?: string } {
  if (role.gpu && role.instanceTypes.length === 0) {
    return {
      fits: false,
      detail: `the pods ask for ${role.gpu.quantity} ${role.gpu.name}, and ECI creates GPU pods only from a GPU instance type listed in ${ECI_ANNOTATIONS.USE_SPECS}`,
    };
  }
  if (role.instanceTypes.length > 0 && role.fit.instanceSpecs === undefined) {
    return { fits: true }; // sized by instance type, which the plan cannot check
  }
  return role.fit.eciFit.fits ? { fits: true } : { fits: false, detail: role.fit.eciFit.suggestion };
}

/** A role no policy selects: its own constraints decide. */
function planByNodes(role: RoleModel): RolePlanModel {
  const nodes = nodePlacement(role.scheduling);
  const all = { first: 1, count: role.count };
  if (nodes.placement === NodePlacement.NOWHERE) {
    return {
      role,
      nodes,
      placed: [],
      eciPods: { atLeast: 0, atMost: 0 },
      pending: split(role, all, {
        code: PendingReasonCode.NO_NODE,
        ecsObstacle: nodes.ecsObstacle,
        eciObstacle: nodes.eciObstacle,
        ecsCause: obstacleCause(role.scheduling, ECS_NODES),
        eciCause: obstacleCause(role.scheduling, ECI_NODES),
      }),
    };
  }
  const fit = eciFit(role);
  if (nodes.placement === NodePlacement.ECI_ONLY) {
    if (!fit.fits) {
      return {
        role,
        nodes,
        placed: [],
        eciPods: { atLeast: 0, atMost: 0 },
        pending: split(role, all, { code: PendingReasonCode.NO_ECI_SIZE, eciDetail: fit.detail }),
      };
    }
    return { role, nodes, placed: [{ first: 1, where: 'ECI', count: role.count }], pending: [], eciPods: { atLeast: role.count, atMost: role.count } };
  }
  if (nodes.placement === NodePlacement.ECS_ONLY) {
    return { role, nodes, placed: [{ first: 1, where: 'ECS', count: role.count }], pending: [], eciPods: { atLeast: 0, atMost: 0 } };
  }
  return {
    role,
    nodes,
    placed: [{ first: 1, where: 'ECS_OR_ECI', count: role.count }],
    pending: [],
    eciPods: { atLeast: 0, atMost: fit.fits ? role.count : 0 },
  };
}

/** Why a unit cannot take the role's pods, or undefined when it can. */
function unitRefusal(unit: UnitModel, role: RoleModel): Omit<UnitRefusal, 'unitIndex' | 'resource'> | undefined {
  const virtual = unit.resource === 'eci' || unit.resource === 'acs';
  const nodes = narrowNodes(virtual ? ECI_NODES : ECS_NODES, unit.nodeSelector);
  // eci and acs units add the virtual-node toleration inside the scheduler.
  const obstacle = obstacleOn(role.scheduling, nodes, virtual);
  return obstacle && { obstacle, cause: obstacleCause(role.scheduling, nodes, virtual) };
}

/** A role a policy selects: its units, in order, take the pods up to their `max`. */
function planUnderPolicy(
  app: ApplicationModel, role: RoleModel, policy: PolicyModel, budgets: Map<string, Budget>, own: Map<string, number[]>,
): RolePlanModel {
  const nodes = nodePlacement(role.scheduling);
  const labels = role.scheduling.labels;
  const missing = policy.matchLabelKeys.filter(key => !(key in labels));
  const all = { first: 1, count: role.count };
  if (missing.length > 0) {
    return {
      role,
      policy,
      nodes,
      placed: [],
      eciPods: { atLeast: 0, atMost: 0 },
      pending: split(role, all, { code: PendingReasonCode.MISSING_MATCH_LABEL, policy: policy.ref, missingLabels: missing }),
    };
  }
  const key = budgetKey(policy, labels);
  let budget = budgets.get(key);
  if (!budget) {
    budget = { used: policy.units.map(() => 0), users: [] };
    budgets.set(key, budget);
  }
  let mine = own.get(key);
  if (!mine) { mine = policy.units.map(() => 0); own.set(key, mine); }
  const sharedWith = budget.users.filter(u => u !== app.ref);
  if (!budget.users.includes(app.ref)) { budget.users.push(app.ref); }

  const refusals: UnitRefusal[] = [];
  const admitting: UnitModel[] = [];
  for (const unit of policy.units) {
    const refusal = unitRefusal(unit, role);
    if (refusal === undefined) { admitting.push(unit); } else { refusals.push({ unitIndex: unit.index, resource: unit.resource, ...refusal }); }
  }

  // Fill the units in order, with the shared budget and with this job's own budget alone.
  const fill = (used: readonly number[]): { takes: Array<[UnitModel, number]>; left: number; waiting?: UnitRefusal } => {
    let left = role.count;
    const takes: Array<[UnitModel, number]> = [];
    for (const unit of policy.units) {
      if (left === 0) { break; }
      const room = unit.max === undefined ? Number.POSITIVE_INFINITY : Math.max(0, unit.max - used[unit.index]);
      if (room === 0) { continue; }
      const refusal = refusals.find(r => r.unitIndex === unit.index);
      if (refusal) {
        if (policy.whenTryNextUnits === 'ExceedMax') { return { takes, left, waiting: refusal }; }
        continue;
      }
      const take = Math.min(left, room);
      takes.push([unit, take]);
      left -= take;
    }
    return { takes, left };
  };
  const shared = fill(budget.used);
  const alone = fill(mine);
  for (const [unit, take] of shared.takes) {
    budget.used[unit.index] += take;
    mine[unit.index] += take;
  }

  const fit = eciFit(role);
  const placed: PlacedGroup[] = [];
  const pending: PendingGroup[] = [];
  let next = 1;
  let eci = 0;
  for (const [unit, take] of shared.takes) {
    const onEci = unit.resource === 'eci';
    if (onEci && !fit.fits) {
      const reason = { code: PendingReasonCode.NO_ECI_SIZE, policy: policy.ref, eciDetail: fit.detail };
      pending.push(...split(role, { first: next, count: take }, reason));
    } else {
      placed.push({ first: next, unitIndex: unit.index, where: unit.resource, count: take });
      if (onEci) { eci += take; }
    }
    next += take;
  }
  if (shared.left > 0) {
    const units = admitting.map(u => ({ index: u.index, resource: u.resource, max: u.max }));
    if (shared.waiting) {
      const reason = { code: PendingReasonCode.UNIT_REFUSES, policy: policy.ref, refusals: [shared.waiting] };
      pending.push(...split(role, { first: next, count: shared.left }, reason));
    } else if (admitting.length === 0) {
      pending.push(...split(role, { first: next, count: shared.left }, { code: PendingReasonCode.NO_UNIT_ADMITS, policy: policy.ref, refusals }));
    } else {
      // Pods this job alone could have placed wait for the other jobs' pods; the rest exceed the caps.
      const byOthers = Math.max(0, shared.left - alone.left);
      if (byOthers > 0) {
        const reason = { code: PendingReasonCode.SHARED_BUDGET, policy: policy.ref, units, sharedWith };
        pending.push(...split(role, { first: next, count: byOthers }, reason));
      }
      if (shared.left - byOthers > 0) {
        const reason = { code: PendingReasonCode.UNIT_CAPS, policy: policy.ref, units };
        pending.push(...split(role, { first: next + byOthers, count: shared.left - byOthers }, reason));
      }
    }
  }
  return { role, policy, nodes, placed, pending, eciPods: { atLeast: eci, atMost: eci } };
}

/** Pending pods, split where the pods requested at submission end and dynamic allocation's begin. */
function split(role: RoleModel, range: { first: number; count: number }, reason: PendingReason): PendingGroup[] {
  if (range.count <= 0) { return []; }
  const last = range.first + range.count - 1;
  const boundary = role.initialCount; // pods after it only with dynamic allocation
  const out: PendingGroup[] = [];
  if (range.first <= boundary) {
    out.push({ role: role.role, first: range.first, count: Math.min(last, boundary) - range.first + 1, dynamicAllocation: false, reason });
  }
  if (last > boundary) {
    const first = Math.max(range.first, boundary + 1);
    out.push({ role: role.role, first, count: last - first + 1, dynamicAllocation: true, reason });
  }
  return out;
}

/** Every pending pod of a job. */
export function pendingOf(job: JobPlanModel): PendingGroup[] {
  return [...job.driver.pending, ...job.executor.pending];
}

/** How many pods of a job stay Pending. */
export function pendingCount(job: JobPlanModel): number {
  return pendingOf(job).reduce((n, p) => n + p.count, 0);
}

/** `driver`, `executor-5` or `executor-2 to executor-40`. */
export function podRange(group: { role: string; first: number; count: number }): string {
  if (group.role === 'driver') { return 'driver'; }
  if (group.count === 1) { return `executor-${group.first}`; }
  if (group.count <= 3) {
    return Array.from({ length: group.count }, (_, i) => `executor-${group.first + i}`).join(', ');
  }
  return `executor-${group.first} to executor-${group.first + group.count - 1}`;
}

