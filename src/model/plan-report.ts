/**
 * The plan as plain data: the schema of `cdk8s-spark-eci plan --json` (documented in
 * docs/plan-json.md). Built from the planner's model; the table is rendered from this.
 */
import { describeColdStart, ImageSource } from './cold-start';
import { CostModel } from './cost-model';
import { DeadlinesPlan, deadlinesPlan } from './deadlines';
import { DecisionDefaults, DEFAULT_UNUSED_SHARE_WARNING, JobDecisions, NO_DECISIONS, PendingPods } from './decisions';
import {
  describeGangReach, describeImageSizeAssumption, describeJobQuota, describePending, describeProblem, describeQueue, describeSpotRounding,
  FieldNamer, yamlFieldNamer,
} from './describe';
import { mayRunOnEci, NODE_PLACEMENT_TEXT, SchedulingObstacle } from './eci-scheduling';
import { GangCause } from './gang';
import {
  ClusterPlanModel, eciFit, JobPlanModel, PendingReasonCode, PlanProblem, podRange, ProblemCode, quotaTreeRef, RolePlanModel,
} from './planner';
import { QueueSystem } from './queues';
import { QueueRelease, QuotaBlock } from './quota-admission';
import { PodDiskModel, RoleDiskPlan, roleDiskPlan, scratchDiskMebibytes } from './scratch-disk';
import { SparkRoleFit } from './spark-job-sizing';
import { describeSpotReclaim } from './spot-reclaim';
import { pendingVerdict, problemVerdict, Verdict } from './verdicts';

/** Version of this schema; raised when a field changes meaning or goes away. */
export const PLAN_SCHEMA_VERSION = 4;

/** A namespaced object. */
export interface ObjectRefJson {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The ECI facts of a role whose pods may run on ECI. */
export interface RoleEciPlan {
  readonly fits: boolean;
  readonly billed: string | null;
  readonly vcpu: number | null;
  readonly memoryGibibytes: number | null;
  readonly spot: boolean;
  /** Spot pods: the size pay-as-you-go ECI would give them, when ECI's spot table rounds them up to `billed`. */
  readonly spotRoundedUpFrom: string | null;
  readonly instanceSpecs: string[] | null;
  readonly unusedShare: number | null;
  readonly unusedVcpuShare: number | null;
  readonly unusedMemoryShare: number | null;
  readonly suggestion: string | null;
  readonly maxMemoryForSmallerSize: string | null;
  readonly smallerSize: string | null;
  readonly coreLimitForSmallerSize: string | null;
  readonly sizeWithCoreLimit: string | null;
}

/** Hourly ECI cost: at least (pods sure to run on ECI) and at most (every pod that may). */
export interface CostRange {
  readonly atLeast: number;
  readonly atMost: number;
}

/** Where a placed group of a role's pods runs. */
export interface PlacedPlan {
  /** The unit of the job's ResourcePolicy, or null when the pods' own constraints decide. */
  readonly unitIndex: number | null;
  /** `ecs`, `eci`, `elastic`, `acs` (a unit), or `ECS`, `ECI`, `ECS_OR_ECI`. */
  readonly where: string;
  readonly count: number;
}

/** One role (driver or executors) of a planned job. */
export interface RolePlan {
  readonly role: string;
  /** Pods of the role that run at once. */
  readonly pods: number;
  /** Pods requested at submission (fewer than `pods` with dynamic allocation). */
  readonly initialPods: number;
  /** `RESOURCE_POLICY`, or where the pods' own constraints send them (`ECS_ONLY`, `ECI_ONLY`, `ECS_FIRST`, `ECI_FIRST`, `ECS_OR_ECI`, `NOWHERE`). */
  readonly placement: string;
  readonly placementText: string;
  readonly placed: PlacedPlan[];
  readonly request: {
    readonly cpuMillis: number;
    readonly cpuLimitMillis: number | null;
    readonly memoryMebibytes: number;
    readonly memoryLimitMebibytes: number;
    readonly sparkMemoryMebibytes: number;
    readonly overheadMebibytes: number;
    /** Off-heap memory added to each executor pod (0 for drivers and without `spark.memory.offHeap.enabled`). */
    readonly offHeapMebibytes: number;
    /** `spark.executor.pyspark.memory` added to each executor pod of a Python application (else 0). */
    readonly pysparkMemoryMebibytes: number;
  };
  readonly eciPods: { readonly atLeast: number; readonly atMost: number };
  readonly eci: RoleEciPlan | null;
  readonly pendingPods: number;
  readonly eciCostPerHour: (CostRange & { readonly perPod: number }) | null;
  /** Scratch disk per pod and the ECI disk it is billed for (see `RoleDiskPlan`). */
  readonly disk: RoleDiskPlan;
}

/** A structured Pending reason (see `PendingReasonCode`). */
export interface PendingReasonJson {
  readonly code: string;
  readonly policy: ObjectRefJson | null;
  readonly units: Array<{ index: number; resource: string; max: number | null }> | null;
  readonly sharedWith: ObjectRefJson[] | null;
  readonly refusals: Array<{ unitIndex: number; resource: string; obstacle: SchedulingObstacle }> | null;
  readonly missingLabels: string[] | null;
  readonly ecsObstacle: SchedulingObstacle | null;
  readonly eciObstacle: SchedulingObstacle | null;
  readonly eciDetail: string | null;
  /** QUOTA, QUEUE: the ElasticQuotaTree node whose `max` the pods (or the whole job) meet. */
  readonly quota: (QuotaBlock & { readonly tree: ObjectRefJson }) | null;
  /** GANG: the group that never assembles, and why. */
  readonly gang: { readonly group: string; readonly minAvailable: number; readonly cause: GangCause } | null;
}

/** A run of pods of one role that stay Pending for one reason. */
export interface PendingPlan {
  readonly role: string;
  /** `driver`, `executor-5`, or `executor-2 to executor-40`. */
  readonly pods: string;
  readonly first: number;
  readonly count: number;
  readonly dynamicAllocation: boolean;
  readonly reason: PendingReasonJson;
  /** The verdict, from the job's decisions or the front end's defaults: `ALLOWED` pods are accepted. */
  readonly severity: Verdict;
  readonly message: string;
}

/** A finding that is not a Pending pod. */
export interface ProblemPlan {
  readonly code: ProblemCode;
  /** The verdict: the problem's own severity, or the job's decision for one about capacity (`ALLOWED`: accepted). */
  readonly severity: Verdict;
  readonly role: string | null;
  readonly objects: ObjectRefJson[];
  /** The YAML field it is about. */
  readonly field: string | null;
  readonly message: string;
}

/** One SparkApplication (or ScheduledSparkApplication, planned from its template). */
export interface JobPlan {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly schedule: string | null;
  readonly source: { readonly file: string | null; readonly document: number | null; readonly path: string | null };
  readonly resourcePolicy: {
    readonly namespace: string;
    readonly name: string;
    readonly units: Array<{ index: number; resource: string; max: number | null; pods: number }>;
  } | null;
  readonly roles: RolePlan[];
  readonly pending: PendingPlan[];
  readonly problems: ProblemPlan[];
  readonly suggestions: Array<{ role: string; text: string }>;
  readonly notes: string[];
  readonly eciCostPerHour: CostRange | null;
  /** The job's total requests against its ElasticQuotaTree leaf; null without a tree or a leaf for its namespace. */
  readonly quota: QuotaPlan | null;
  /** Whether the job's gang can be placed together; null when its pods carry no gang labels. */
  readonly gang: GangPlan | null;
  /** What the first run pays before each role's ECI pods start; only roles that may run on ECI. */
  readonly coldStart: Array<{
    readonly role: string;
    readonly image: string | null;
    readonly source: ImageSource;
    readonly cacheId: string | null;
    readonly caches: ObjectRefJson[];
    readonly cachesHolding: number;
    readonly maxPendingMinutes: number;
    readonly message: string;
  }>;
  /**
   * The queue that holds the job before it is submitted; null when none does. `release`: when
   * ack-kube-queue releases a job created suspended in a namespace the quota tree lists (`NOW`,
   * `AFTER_EARLIER_JOBS`, `NEVER`), else null.
   */
  readonly queue: {
    readonly system: QueueSystem;
    readonly name: string | null;
    readonly release: QueueRelease | null;
    readonly message: string;
  } | null;
  /** What happens when ECI reclaims a spot executor, in one sentence; null when the executors are not spot. */
  readonly spotReclaim: string | null;
  /** How long the job may wait to start, run and stay after it ends, as the cluster enforces it (see `deadlines.ts`). */
  readonly deadlines: DeadlinesPlan;
  /** The decisions the verdicts follow: the job's own (its `cdk8s-spark-eci/` annotations) over the front end's defaults. */
  readonly decisions: DecisionsPlan;
}

/** A job's decisions as the verdicts applied them. */
export interface DecisionsPlan {
  readonly pendingPods: PendingPods;
  readonly unschedulablePods: PendingPods;
  readonly resourcePolicies: Array<{ readonly policy: string; readonly pendingPods: PendingPods | null }>;
  readonly unusedShareWarning: { readonly driver: number; readonly executor: number };
}

/** An object other than a job that has problems (a ResourcePolicy, an ImageCache, a Role...). */
export interface ObjectPlan {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly source: { readonly file: string | null; readonly document: number | null; readonly path: string | null };
  readonly problems: ProblemPlan[];
}

/** A gang-scheduled job: whether its group assembles, in the order Spark creates its pods. */
export interface GangPlan {
  /** The group name (`pod-group.scheduling.sigs.k8s.io/name`). */
  readonly group: string;
  readonly minAvailable: number;
  /** The roles whose pods carry the group label: `["executor"]` is the form that can assemble. */
  readonly members: string[];
  /** The group's pods that exist when it must assemble: the driver alone, or the executors the driver creates at start. */
  readonly pods: number;
  /** Of those, pods the plan places. */
  readonly placeable: number;
  /** False: the group never assembles, and its pods (all the job's, when the driver is in it) are Pending. */
  readonly reachable: boolean;
  /** Why not: `DRIVER_IN_GANG`, `TOO_FEW_CREATED`, `TOO_FEW_PLACEABLE`, `COUNT_MISMATCH`; null when it assembles. */
  readonly cause: GangCause | null;
  readonly message: string;
}

/** How a job's total requests (driver and every executor) compare with its quota leaf. */
export interface QuotaPlan {
  readonly tree: ObjectRefJson;
  /** The leaf's path, `root.children[0]`. */
  readonly leaf: string;
  /** Some resource is above the tightest `max` from the leaf to the root: the job never fully starts. */
  readonly exceedsMax: boolean;
  /** Some resource is above the leaf's `min`: part of the job runs on borrowed quota. */
  readonly exceedsMin: boolean;
  /** Pods the quota holds back (QUOTA) or ack-kube-queue never releases (QUEUE), planned with the jobs before this one. */
  readonly pendingPods: number;
  /** The admitted pods' requests above the leaf's `min`, borrowed from idle quota (cpu millicores, memory MiB, GPUs). */
  readonly borrowed: { readonly cpuMillis: number; readonly memoryMebibytes: number; readonly gpus: number };
  readonly resources: Array<{
    readonly resource: string;
    readonly unit: string;
    readonly requested: number;
    readonly min: number;
    readonly max: number | null;
    readonly maxFrom: string | null;
  }>;
  readonly message: string;
}

/** The whole plan. */
export interface PlanReport {
  readonly schemaVersion: number;
  readonly jobs: JobPlan[];
  /** The other objects with problems, in input order. */
  readonly objects: ObjectPlan[];
  readonly assumptions: string[];
  readonly prices: {
    readonly pricePerVcpuHour: number;
    readonly pricePerGibHour: number;
    readonly spotDiscount: number | null;
    readonly currency: string | null;
  } | null;
  readonly totals: {
    readonly jobs: number;
    readonly pods: number;
    readonly pendingPods: number;
    readonly errors: number;
    readonly warnings: number;
    readonly eciPods: { readonly atLeast: number; readonly atMost: number };
    readonly eciCostPerHour: CostRange | null;
  };
}

/** Builds the report of a plan. */
export function toReport(plan: ClusterPlanModel, costModel?: CostModel): PlanReport {
  const assumptions: string[] = [];
  const tree: ObjectRefJson | undefined = plan.quotaTree && quotaTreeRef(plan.quotaTree);
  const jobs = plan.jobs.map(job => jobReport(job, costModel, assumptions, tree, plan.defaults));
  const objects: ObjectPlan[] = plan.objectProblems.map(o => ({
    kind: o.ref.kind,
    namespace: o.ref.namespace,
    name: o.ref.name,
    source: { file: o.origin.file ?? null, document: o.origin.document ?? null, path: o.origin.path ?? null },
    problems: o.problems.map(p => problemReport(p, problemVerdict(p, NO_DECISIONS, plan.defaults), yamlFieldNamer(o.ref))),
  }));
  const sum = (f: (j: JobPlan) => number) => jobs.reduce((total, j) => total + f(j), 0);
  const findings = [
    ...jobs.flatMap(j => [...j.pending.map(p => p.severity), ...j.problems.map(p => p.severity)]),
    ...objects.flatMap(o => o.problems.map(p => p.severity)),
  ];
  const costs = jobs.map(j => j.eciCostPerHour).filter((c): c is CostRange => c !== null);
  if (plan.jobs.some(j => j.driver.policy || j.executor.policy)) {
    assumptions.push('each ResourcePolicy unit is assumed to have room for the pods it takes; a unit short of resources sends pods on as whenTryNextUnits says');
  }
  if (plan.jobs.some(j => j.quota)) {
    assumptions.push('quota is planned for the jobs of the input in their order, each pod against its leaf\'s max with the pods admitted before; '
      + 'pods already running in the cluster are not counted');
  }
  if (plan.jobs.some(j => [j.driver, j.executor].some(r => r.eciPods.atMost > 0 && j.app.disk[r.role.role].imageSizeAssumed
    && scratchDiskMebibytes(j.app.disk[r.role.role]) !== undefined))) {
    assumptions.push(describeImageSizeAssumption());
  }
  if (plan.policies.some(p => p.units.some(u => u.hasMaxResources))) {
    assumptions.push('maxResources caps of ResourcePolicy units are not checked');
  }
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    jobs,
    objects,
    assumptions: [...new Set(assumptions)],
    prices: costModel ? {
      pricePerVcpuHour: costModel.pricePerVcpuHour,
      pricePerGibHour: costModel.pricePerGibHour,
      spotDiscount: costModel.spotDiscount ?? null,
      currency: costModel.currency ?? null,
    } : null,
    totals: {
      jobs: jobs.length,
      pods: sum(j => j.roles.reduce((n, r) => n + r.pods, 0)),
      pendingPods: sum(j => j.roles.reduce((n, r) => n + r.pendingPods, 0)),
      errors: findings.filter(v => v === Verdict.ERROR).length,
      warnings: findings.filter(v => v === Verdict.WARNING).length,
      eciPods: {
        atLeast: sum(j => j.roles.reduce((n, r) => n + r.eciPods.atLeast, 0)),
        atMost: sum(j => j.roles.reduce((n, r) => n + r.eciPods.atMost, 0)),
      },
      eciCostPerHour: costModel ? {
        atLeast: money(costs.reduce((n, c) => n + c.atLeast, 0)),
        atMost: money(costs.reduce((n, c) => n + c.atMost, 0)),
      } : null,
    },
  };
}

/** A problem as the report shows it, with its verdict. */
function problemReport(p: PlanProblem, severity: Verdict, field: FieldNamer): ProblemPlan {
  return {
    code: p.code,
    severity,
    role: p.role ?? null,
    objects: [...(p.objects ?? [])],
    field: p.field === undefined ? null : field(p.field),
    message: describeProblem(p, field),
  };
}

function decisionsReport(decisions: JobDecisions, defaults: DecisionDefaults): DecisionsPlan {
  return {
    pendingPods: decisions.pendingPods ?? defaults.pendingPods,
    unschedulablePods: decisions.unschedulablePods ?? defaults.unschedulablePods,
    resourcePolicies: decisions.resourcePolicies.map(p => ({ policy: p.policy, pendingPods: p.pendingPods ?? null })),
    unusedShareWarning: {
      driver: decisions.unusedShareWarning.driver ?? DEFAULT_UNUSED_SHARE_WARNING,
      executor: decisions.unusedShareWarning.executor ?? DEFAULT_UNUSED_SHARE_WARNING,
    },
  };
}

function jobReport(
  job: JobPlanModel, costModel: CostModel | undefined, assumptions: string[], tree: ObjectRefJson | undefined, defaults: DecisionDefaults,
): JobPlan {
  const app = job.app;
  const field = yamlFieldNamer(app.ref);
  const notes: string[] = [];
  if (job.gang && [job.driver, job.executor].some(r => mayRunOnEci(r.nodes.placement) || r.policy?.units.some(u => u.resource === 'eci'))) {
    notes.push('gang scheduling on ECI virtual nodes: ACK does not document whether its coscheduling gathers pods there; '
      + 'the gang is planned as if it did');
  }
  if (app.schedule !== undefined) {
    notes.push(`planned from spec.template: each run is a SparkApplication named ${app.ref.name}-<timestamp>`);
  }
  if (!app.namespaceGiven) {
    notes.push('no metadata.namespace: planned in default; kubectl applies it to the namespace of its context');
  }
  const policy = job.driver.policy ?? job.executor.policy;
  if (policy && policy.origin.file !== undefined && policy.origin.file !== app.origin.file) {
    const selector = Object.entries(policy.selector).map(([k, v]) => `${k}=${v}`).join(',');
    notes.push(`ResourcePolicy ${policy.ref.namespace}/${policy.ref.name} (${policy.origin.file}) selects this job's pods: `
      + `it applies to ${selector === '' ? 'every pod' : `every pod labelled ${selector}`} in namespace ${policy.ref.namespace}`);
  }
  const suggestions: Array<{ role: string; text: string }> = [];
  const roles = [job.driver, job.executor].map(r => roleReport(r, costModel, suggestions, notes, app.disk[r.role.role]));
  for (const r of [job.driver, job.executor]) {
    notes.push(...r.role.fit.notes.map(n => `${r.role.role}: ${n}`));
    const rounded = r.role.fit.eciFit.spotRoundedUpFrom;
    if (rounded && r.eciPods.atMost > 0) { notes.push(describeSpotRounding(r.role.role, rounded, r.role.fit.eciFit.billed!)); }
    if (r.placed.some(p => p.where === 'acs')) { notes.push(`${r.role.role}: pods in acs units run on ACS, which this plan does not price`); }
  }
  if (policy && policy.whenTryNextUnits !== 'ExceedMax' && [job.driver, job.executor].some(r => r.policy && r.placed.some(p => p.unitIndex !== undefined && p.unitIndex > 0))) {
    assumptions.push('a unit whose nodes a pod\'s tolerations, node affinity or nodeSelector exclude counts as short of resources for that pod, which moves on to the next unit');
  }
  const costs = roles.map(r => r.eciCostPerHour).filter((c): c is CostRange & { perPod: number } => c !== null);
  return {
    kind: app.ref.kind,
    namespace: app.ref.namespace,
    name: app.ref.name,
    schedule: app.schedule ?? null,
    source: { file: app.origin.file ?? null, document: app.origin.document ?? null, path: app.origin.path ?? null },
    resourcePolicy: policy ? {
      namespace: policy.ref.namespace,
      name: policy.ref.name,
      units: policy.units.map(u => ({
        index: u.index,
        resource: u.resource,
        max: u.max ?? null,
        pods: [job.driver, job.executor].reduce((n, r) => n + (r.policy === policy
          ? r.placed.filter(p => p.unitIndex === u.index).reduce((m, p) => m + p.count, 0) : 0), 0),
      })),
    } : null,
    roles,
    pending: [...job.driver.pending, ...job.executor.pending].map(group => ({
      role: group.role,
      pods: podRange(group),
      first: group.first,
      count: group.count,
      dynamicAllocation: group.dynamicAllocation,
      reason: {
        code: group.reason.code,
        policy: group.reason.policy ?? null,
        units: group.reason.units?.map(u => ({ index: u.index, resource: u.resource, max: u.max ?? null })) ?? null,
        sharedWith: group.reason.sharedWith ? [...group.reason.sharedWith] : null,
        // The obstacle codes; the causes in words are in `message`.
        refusals: group.reason.refusals?.map(r => ({ unitIndex: r.unitIndex, resource: r.resource, obstacle: r.obstacle })) ?? null,
        missingLabels: group.reason.missingLabels ? [...group.reason.missingLabels] : null,
        ecsObstacle: group.reason.ecsObstacle ?? null,
        eciObstacle: group.reason.eciObstacle ?? null,
        eciDetail: group.reason.eciDetail ?? null,
        quota: group.reason.quota ? { ...group.reason.quota } : null,
        gang: group.reason.gang ? { ...group.reason.gang } : null,
      },
      severity: pendingVerdict(group, job.decisions, defaults),
      message: describePending(group),
    })),
    problems: job.problems.map(p => problemReport(p, problemVerdict(p, job.decisions, defaults), field)),
    suggestions,
    notes: [...new Set(notes)],
    eciCostPerHour: costModel ? {
      atLeast: money(costs.reduce((n, c) => n + c.atLeast, 0)),
      atMost: money(costs.reduce((n, c) => n + c.atMost, 0)),
    } : null,
    quota: job.quota && tree ? {
      tree,
      leaf: job.quota.leaf,
      exceedsMax: job.quota.exceedsMax,
      exceedsMin: job.quota.exceedsMin,
      pendingPods: job.quota.pendingPods,
      borrowed: { cpuMillis: job.quota.borrowed[0], memoryMebibytes: job.quota.borrowed[1], gpus: job.quota.borrowed[2] },
      resources: job.quota.resources.map(r => ({
        resource: r.resource, unit: r.unit, requested: r.requested, min: r.min, max: r.max ?? null, maxFrom: r.maxFrom ?? null,
      })),
      message: describeJobQuota(job.quota),
    } : null,
    gang: job.gang ? {
      group: job.gang.group,
      minAvailable: job.gang.minAvailable,
      members: [...job.gang.members],
      pods: job.gang.pods,
      placeable: job.gang.placeable,
      reachable: job.gang.reachable,
      cause: job.gang.cause ?? null,
      message: describeGangReach(job.gang),
    } : null,
    coldStart: job.coldStart.map(c => ({
      role: c.role,
      image: c.image ?? null,
      source: c.source,
      cacheId: c.cacheId ?? null,
      caches: [...c.caches],
      cachesHolding: c.cachesHolding,
      maxPendingMinutes: c.maxPendingMinutes,
      message: describeColdStart(c),
    })),
    queue: app.queue ? {
      system: app.queue.system, name: app.queue.name ?? null, release: job.queueRelease ?? null, message: describeQueue(app.queue, job.queueRelease),
    } : null,
    spotReclaim: app.spotReclaim ? describeSpotReclaim(app.spotReclaim) : null,
    decisions: decisionsReport(job.decisions, defaults),
    deadlines: deadlinesPlan(app.deadlines, app.sparkVersion,
      [job.driver, job.executor].map(r => ({ role: r.role.role, count: r.role.count, eciPods: r.eciPods }))),
  };
}

function roleReport(
  plan: RolePlanModel, costModel: CostModel | undefined, suggestions: Array<{ role: string; text: string }>, notes: string[], disk: PodDiskModel,
): RolePlan {
  const role = plan.role;
  const fit = role.fit;
  const underPolicy = plan.policy !== undefined;
  const pendingPods = plan.pending.reduce((n, p) => n + p.count, 0);
  const placementText = underPolicy
    ? `ResourcePolicy: ${[
      ...plan.placed.map(p => `${p.where} ${p.count}`),
      ...(pendingPods > 0 ? [`Pending ${pendingPods}`] : []),
    ].join(', ')}`
    : NODE_PLACEMENT_TEXT[plan.nodes.placement];
  const sizedForEci = plan.eciPods.atMost > 0 || plan.pending.some(p => p.reason.code === PendingReasonCode.NO_ECI_SIZE);
  const eci = sizedForEci ? eciPlan(fit) : null;
  if (eci?.suggestion && fit.eciFit.fits) { suggestions.push({ role: role.role, text: eci.suggestion }); }

  let eciCostPerHour: RolePlan['eciCostPerHour'] = null;
  if (costModel && fit.eciFit.billed && plan.eciPods.atMost > 0 && eciFit(role).fits) {
    let perPod: number;
    try {
      perPod = costModel.hourly(fit.eciFit.billed, { spot: fit.spot });
    } catch {
      perPod = costModel.hourly(fit.eciFit.billed);
      notes.push(`${role.role}: spot pods priced at pay-as-you-go: pass --spot-discount for spot prices`);
    }
    eciCostPerHour = { perPod: money(perPod), atLeast: money(perPod * plan.eciPods.atLeast), atMost: money(perPod * plan.eciPods.atMost) };
  }
  const r = fit.resources;
  return {
    role: role.role,
    pods: role.count,
    initialPods: role.initialCount,
    placement: underPolicy ? 'RESOURCE_POLICY' : plan.nodes.placement,
    placementText,
    placed: plan.placed.map(p => ({ unitIndex: p.unitIndex ?? null, where: p.where, count: p.count })),
    request: {
      cpuMillis: r.cpuRequestMillis,
      cpuLimitMillis: r.cpuLimitMillis ?? null,
      memoryMebibytes: r.memoryMebibytes,
      memoryLimitMebibytes: r.memoryLimitMebibytes,
      sparkMemoryMebibytes: r.sparkMemoryMebibytes,
      overheadMebibytes: r.overheadMebibytes,
      offHeapMebibytes: r.offHeapMebibytes ?? 0,
      pysparkMemoryMebibytes: r.pysparkMemoryMebibytes ?? 0,
    },
    eciPods: { ...plan.eciPods },
    eci,
    pendingPods,
    eciCostPerHour,
    disk: roleDiskPlan(disk, plan.eciPods.atMost),
  };
}

function eciPlan(role: SparkRoleFit): RoleEciPlan {
  const fit = role.eciFit;
  return {
    fits: fit.fits,
    billed: fit.billed?.toString() ?? null,
    vcpu: fit.billed?.vcpu ?? null,
    memoryGibibytes: fit.billed?.memoryGibibytes ?? null,
    spot: role.spot,
    spotRoundedUpFrom: fit.spotRoundedUpFrom?.toString() ?? null,
    instanceSpecs: role.instanceSpecs?.map(s => s.toString()) ?? null,
    unusedShare: share(fit.unusedShare),
    unusedVcpuShare: share(fit.unusedVcpuShare),
    unusedMemoryShare: share(fit.unusedMemoryShare),
    suggestion: fit.suggestion ?? null,
    maxMemoryForSmallerSize: fit.maxMemoryForSmallerSize ?? null,
    smallerSize: fit.smallerSize?.toString() ?? null,
    coreLimitForSmallerSize: fit.coreLimitForSmallerSize ?? null,
    sizeWithCoreLimit: fit.sizeWithCoreLimit?.toString() ?? null,
  };
}

function share(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 10_000) / 10_000;
}

function money(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}

