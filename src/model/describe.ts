/**
 * Phrasing of the planner's structured findings, shared by every front end. A front end passes
 * its own way of naming fields (`spec.executor.annotations` for YAML, `executor.annotations` for a
 * construct's props); that is the only thing it adds.
 */
import { ObjectRef } from './applications';
import { DRIVER_TIMEOUT_CONF, DRIVER_TIMEOUT_PLUGIN, DRIVER_TIMEOUT_SINCE, SPARK_PLUGINS_CONF } from './deadlines';
import { ECI_ANNOTATION_KEYS } from './eci-annotation-keys';
import { describeObstacle, ECI_FORCE_LABEL } from './eci-scheduling';
import { describeQuotaCheck } from './elastic-quota';
import { GANG_MIN_AVAILABLE_LABEL, GANG_NAME_LABEL, GangCause, GangReach } from './gang';
import { JobQuotaModel, PendingGroup, PendingReason, PendingReasonCode, PlanProblem, podRange, ProblemCode } from './planner';
import { QueueModel, QueueSystem } from './queues';
import { QueueRelease, QuotaBlock } from './quota-admission';
import { describeRef } from './resource-policies';
import { CONCURRENCY_POLICY_UNSET_TEXT } from './scheduled-concurrency';
import {
  DEFAULT_IMAGE_COMPRESSED_MEBIBYTES, ECI_DEFAULT_EPHEMERAL_GIBIBYTES, ECI_IMAGE_DISK_FACTOR, IMAGE_SIZE_ANNOTATION, SPARK_DEFAULT_SHUFFLE_PARTITIONS,
} from './scratch-disk';
import { invalidMessage } from '../private/errors';

/** Names a field given relative to the application spec (`executor.annotations`). */
export type FieldNamer = (field: string) => string;

/**
 * Whether a problem's field is a whole YAML path (`metadata.name`, `spec.schedule`,
 * `spec.executor.instances`) rather than one relative to the application spec
 * (`executor.instances`): no field of an application spec is called `spec` or `metadata`.
 */
function isYamlPath(field: string): boolean {
  return /^(spec|metadata)(\.|\[|$)/.test(field);
}

/** Names fields as YAML paths of a SparkApplication or ScheduledSparkApplication (other kinds: as given). */
export function yamlFieldNamer(job: ObjectRef): FieldNamer {
  if (job.kind !== 'SparkApplication' && job.kind !== 'ScheduledSparkApplication') { return field => field; }
  const prefix = job.kind === 'ScheduledSparkApplication' ? 'spec.template' : 'spec';
  return field => isYamlPath(field) ? field : `${prefix}.${field}`;
}

/**
 * Names fields as a construct's props: relative to the job, as written (`executor.instances`,
 * `metadata.name`, `schedule`); a YAML path of the application spec loses its `spec.` (or a
 * scheduled job's `spec.template.`).
 */
export const PROP_FIELD_NAMER: FieldNamer = field => field.replace(/^spec\.(template\.)?/, '');

function units(reason: PendingReason): string {
  return (reason.units ?? []).map(u => `${u.resource} max ${u.max ?? '-'}`).join(', ');
}

/** Why pods stay Pending, in one sentence without the pods' names. */
export function describePendingReason(reason: PendingReason): string {
  const policy = reason.policy ? describeRef(reason.policy) : 'the ResourcePolicy';
  switch (reason.code) {
    case PendingReasonCode.UNIT_CAPS:
      return `${policy} (${units(reason)}): every unit the pods may use is at its max`;
    case PendingReasonCode.SHARED_BUDGET:
      return `${policy} counts its units' max (${units(reason)}) across jobs, not per submission, and `
        + `${(reason.sharedWith ?? []).map(describeRef).join(', ') || 'other jobs'} use the budget first; `
        + 'group pods by sparkoperator.k8s.io/submission-id with matchLabelKeys to give each submission its own';
    case PendingReasonCode.UNIT_REFUSES: {
      const r = reason.refusals![0];
      return `${policy} units[${r.unitIndex}] (${r.resource}) cannot take them (${r.cause ?? describeObstacle(r.obstacle)}), `
        + 'and whenTryNextUnits ExceedMax keeps them waiting there';
    }
    case PendingReasonCode.NO_UNIT_ADMITS:
      return `no unit of ${policy} can take them: ${(reason.refusals ?? []).map(r => `units[${r.unitIndex}] (${r.resource}): ${r.cause ?? describeObstacle(r.obstacle)}`).join('; ')}`;
    case PendingReasonCode.MISSING_MATCH_LABEL:
      return `they lack the label ${(reason.missingLabels ?? []).join(', ')} named in the matchLabelKeys of ${policy}, so the scheduler rejects them`;
    case PendingReasonCode.NO_NODE:
      return `no node can take them: ECS nodes refuse them (${reason.ecsCause ?? describeObstacle(reason.ecsObstacle!)}); `
        + `ECI virtual nodes refuse them (${reason.eciCause ?? describeObstacle(reason.eciObstacle!)})`;
    case PendingReasonCode.NO_ECI_SIZE:
      return `they must run on ECI and ECI cannot create them: ${reason.eciDetail ?? 'no ECI size fits'}`;
    case PendingReasonCode.QUOTA: {
      const q = reason.quota!;
      return `${describeRef(q.tree)} admits a pod only within max: ${quotaNode(q)} has ${q.resource} ${q.used} ${q.unit} in use by the pods admitted before, `
        + `and ${q.request} more per pod would exceed its max of ${q.max}`;
    }
    case PendingReasonCode.QUEUE: {
      const q = reason.quota!;
      return 'ack-kube-queue never releases the job, so none of its pods is created: it releases a job only when its quota can take the whole of it, '
        + `and the job asks for ${q.resource} ${q.request} ${q.unit}, above the max of ${quotaNode(q)} in ${describeRef(q.tree)} (${q.max})`;
    }
    case PendingReasonCode.GANG: {
      const g = reason.gang!;
      return `the gang ${g.group} never assembles (${describeGangCause(g.cause, g.minAvailable)}), so the scheduler holds them for good`;
    }
  }
}

/** `leaf root.children[0] (spark)` or `root (root), an ancestor of leaf root.children[0]`. */
function quotaNode(q: QuotaBlock): string {
  return q.node === q.leaf ? `leaf ${q.node} (${q.nodeName})` : `${q.node} (${q.nodeName}), an ancestor of leaf ${q.leaf}`;
}

/** Why a gang never assembles, in a phrase. */
export function describeGangCause(cause: GangCause, minAvailable: number): string {
  switch (cause) {
    case GangCause.DRIVER_IN_GANG:
      return `the driver is in the group with min-available ${minAvailable}, and until it runs it is the group's only pod: it waits for executors only it can create`;
    case GangCause.TOO_FEW_CREATED:
      return `min-available ${minAvailable} is more than the executors the driver creates at start`;
    case GangCause.TOO_FEW_PLACEABLE:
      return `fewer than ${minAvailable} of the executors created at start can be placed together`;
    case GangCause.COUNT_MISMATCH:
      return 'the executors\' min-available differs from the group\'s, which the driver sets, and the scheduler rejects them';
  }
}

/** A gang's reach in one line, for the report: `executors only, min-available 4, 4 of 4 pods placeable`. */
export function describeGangReach(reach: GangReach): string {
  const members = reach.members.length === 2 ? 'driver and executors' : reach.members[0] === 'driver' ? 'driver only' : 'executors only';
  const numbers = `${members}, min-available ${reach.minAvailable}, ${reach.placeable} of ${reach.pods} pods placeable`;
  if (reach.reachable) { return `${numbers}: assembles`; }
  const held = reach.cause === GangCause.DRIVER_IN_GANG ? 'none of the job\'s pods start' : 'none of the executors start';
  return `${numbers}: never assembles (${describeGangCause(reach.cause!, reach.minAvailable)}); ${held}`;
}

/** `executor-5: <reason>`, with a note when only dynamic allocation asks for the pods. */
export function describePending(group: PendingGroup): string {
  const dynamic = group.dynamicAllocation ? ' (requested only when dynamic allocation scales up to maxExecutors)' : '';
  return `${podRange(group)}${dynamic}: ${describePendingReason(group.reason)}`;
}

/**
 * A job's Pending pods in one sentence, naming the job and its pod counts first:
 * `SparkApplication default/spark-pi launches 6 pods (1 driver + 5 executors) but ResourcePolicy
 * default/p places at most 5 (ecs max 2, eci max 3): executor-5 stays Pending.`
 */
export function describeJobPending(job: ObjectRef, executors: number, group: PendingGroup): string {
  const launches = `${describeRef(job)} launches ${1 + executors} pods (1 driver + ${executors} executor${executors === 1 ? '' : 's'})`;
  const reason = group.reason;
  const capped = reason.units ?? [];
  if (reason.code === PendingReasonCode.UNIT_CAPS && capped.length > 0 && capped.every(u => u.max !== undefined) && !group.dynamicAllocation) {
    const max = capped.reduce((n, u) => n + u.max!, 0);
    const verb = group.count === 1 ? 'stays' : 'stay';
    return `${launches} but ${describeRef(reason.policy!)} places at most ${max} (${capped.map(u => `${u.resource} max ${u.max}`).join(', ')}): `
      + `${podRange(group)} ${verb} Pending.`;
  }
  return `${launches}, but ${describePending(group)}.`;
}

/** A spot role rounded up by ECI's spot table: `executor: spot pods are created and billed as 2-2Gi ...`. */
export function describeSpotRounding(role: string, from: { toString(): string }, billed: { toString(): string }): string {
  return `${role}: spot pods are created and billed as ${billed}, not ${from}: ECI's spot sizes start at 2 vCPU with at least as many GiB `
    + 'as vCPUs, and ECI rounds a spot pod up to the next of them';
}

/** The assumption behind an ECI disk without an image-size annotation. */
export function describeImageSizeAssumption(): string {
  return `an ECI pod's image is assumed to be ${DEFAULT_IMAGE_COMPRESSED_MEBIBYTES / 1024} GiB compressed, taking ${ECI_IMAGE_DISK_FACTOR * DEFAULT_IMAGE_COMPRESSED_MEBIBYTES / 1024} GiB `
    + `of its disk, where no ${IMAGE_SIZE_ANNOTATION} annotation (or cluster profile imageSize) gives its size`;
}

/** `cpu 2000 millicores, memory 4096 MiB above the min of root.children[0]`. */
function describeBorrowed(borrowed: { readonly leaf: string; readonly amounts: readonly number[] }): string {
  const names = [['cpu', 'millicores'], ['memory', 'MiB'], ['nvidia.com/gpu', 'count']];
  const amounts = borrowed.amounts.map((b, i) => (b > 0 ? `${names[i][0]} ${Math.round(b * 1000) / 1000} ${names[i][1]}` : undefined))
    .filter(a => a !== undefined);
  return `${amounts.join(', ')} above the min of ${borrowed.leaf}`;
}

/** Why a gang never assembles, as a rule with what was found. */
function describeGangUnreachable(g: GangReach, field: FieldNamer): string {
  const got = `(got group ${g.group}, min-available ${g.minAvailable}, ${g.placeable} of ${g.pods} pods placeable)`;
  switch (g.cause!) {
    case GangCause.DRIVER_IN_GANG:
      return `${field('driver.labels')} must not put the driver in a gang with min-available above 1: Spark creates the executors from the running driver, `
        + 'so until the driver runs it is its group\'s only pod, the scheduler holds it, and none of the job\'s pods ever start (a deadlock); '
        + `put ${GANG_NAME_LABEL} and ${GANG_MIN_AVAILABLE_LABEL} on the executors only, as the gang prop writes them ${got}`;
    case GangCause.TOO_FEW_CREATED:
      return 'the gang\'s min-available must be at most the executors the driver creates at start (executor.instances, or the initial count with '
        + 'dynamic allocation, and at most spark.kubernetes.allocation.maxPendingPods), or the group never has that many pods and none of its pods start '
        + `(a deadlock, not a delay) ${got}`;
    case GangCause.TOO_FEW_PLACEABLE:
      return 'the gang\'s min-available pods must be placeable together, or none of them start (a deadlock, not a delay): '
        + `lower min-available (${GANG_MIN_AVAILABLE_LABEL}) to what can be placed, or make room for the Pending pods ${got}`;
    case GangCause.COUNT_MISMATCH:
      return `${field('executor.labels')} must carry the same ${GANG_MIN_AVAILABLE_LABEL} as the driver in the same group: the scheduler takes the group's `
        + `count from the first pod it sees, the driver, and rejects pods whose count differs, so no executor ever starts ${got}`;
  }
}

/** A job's quota: its totals against the leaf, and what admission with the jobs before did with its pods. */
export function describeJobQuota(quota: JobQuotaModel): string {
  const held = quota.pendingPods === 0 ? '' : `; ${quota.pendingPods} pod${quota.pendingPods === 1 ? '' : 's'} held back with the jobs admitted before`;
  const borrowed = quota.borrowed.some(b => b > 0) ? '; some pods run on borrowed quota above min' : '';
  return `${describeQuotaCheck(quota)}${held}${borrowed}`;
}

/** Where a job waits before it is submitted, and when ack-kube-queue releases it, when the plan knows. */
export function describeQueue(queue: QueueModel, release?: QueueRelease): string {
  if (queue.system === QueueSystem.KUEUE) {
    return `Kueue LocalQueue ${queue.name}: submitted when Kueue admits it (needs operator >= 2.4)`;
  }
  const base = 'created suspended: submitted when ack-kube-queue (or someone) sets suspend to false, within its namespace\'s quota';
  switch (release) {
    case QueueRelease.NOW: return `${base}; its quota takes the whole job now`;
    case QueueRelease.AFTER_EARLIER_JOBS: return `${base}; released once jobs before it in its quota leaf finish`;
    case QueueRelease.NEVER: return `${base}; never released: the whole job is above its quota's max`;
    default: return base;
  }
}

/** A problem in one sentence, naming fields with `field`. */
export function describeProblem(problem: PlanProblem, field: FieldNamer): string {
  const role = problem.role ?? 'executor';
  const objects = (problem.objects ?? []).map(describeRef).join(' and ');
  switch (problem.code) {
    case ProblemCode.POLICY_OVERLAP:
      return `the ${role} pods must be selected by at most one ResourcePolicy, as ACK documents no rule for two: `
        + `make the selectors disjoint (ResourcePolicyUnits.addJob() scopes a policy to its jobs) (got ${objects})`;
    case ProblemCode.SCHEDULED_SELECTOR_NEVER_MATCHES:
      return `the selector of ${objects} must not name a ScheduledSparkApplication's runs by app-name: each run is a SparkApplication named `
        + `${problem.job.name}-<timestamp> whose pods never carry that value; select on sparkoperator.k8s.io/scheduled-app-name or a label of the job (got ${problem.detail})`;
    case ProblemCode.ECI_LABEL_UNDER_POLICY:
      return `${field(`${role}.labels`)} must not contain "${ECI_FORCE_LABEL}" under a ResourcePolicy${objects ? ` (${objects})` : ''}: `
        + `the label forces ECI and overrides the policy's units (got "${ECI_FORCE_LABEL}: ${problem.detail}")`;
    case ProblemCode.SPOT_DRIVER:
      return `the driver asks for spot ECI (${field('driver.annotations')}): a reclaimed driver fails the whole job; keep the driver on ECS or pay-as-you-go ECI`;
    case ProblemCode.ECI_OPTIONS_NEVER_APPLY:
      return `${field(`${role}.annotations`)} must not carry ECI options on a role whose pods never run on ECI, where they never take effect `
        + `(got ${problem.detail}); place it with EciPlacement.eciOnly(), ecsFirst() or resourcePolicy()`;
    case ProblemCode.ECI_SIZE_MAY_NOT_FIT:
      return `the ${role} pods may run on ECI, but ECI cannot create them there: ${problem.detail}`;
    case ProblemCode.QUOTA_EXCEEDS_MAX:
      return 'the job\'s total requests must fit the max of its ElasticQuotaTree leaf (and its ancestors\'), or it never fully starts: '
        + `lower the requests or raise max (got ${problem.detail})`;
    case ProblemCode.QUOTA_EVICTION_RISK: {
      const claimers = (problem.objects ?? []).filter(o => o.kind !== 'ElasticQuotaTree').map(describeRef).join(', ');
      return 'some of the job\'s pods run on quota borrowed above the min of its ElasticQuotaTree leaf, and the scheduler evicts borrowed pods '
        + `when another leaf takes its min back, as ${claimers} ${claimers.includes(', ') ? 'do' : 'does'} later in the same set `
        + `(got ${describeBorrowed(problem.borrowed!)})`;
    }
    case ProblemCode.QUOTA_TREES:
      return `the app has more than one ElasticQuotaTree (${objects}); ACK reads one per cluster, the first is planned`;
    case ProblemCode.GANG_UNREACHABLE:
      return describeGangUnreachable(problem.gang!, field);
    case ProblemCode.GANG_LABELS_INCONSISTENT:
      return `the driver and executor pods must carry the same ${GANG_NAME_LABEL} and ${GANG_MIN_AVAILABLE_LABEL} labels, `
        + `or the scheduler never gathers one group (got ${problem.detail})`;
    case ProblemCode.GANG_PRIORITY_DIFFERS:
      return `${field('driver.priorityClassName')} and ${field('executor.priorityClassName')} must be the same for a gang: `
        + `ACK schedules a group's pods at one priority (got ${problem.detail})`;
    case ProblemCode.GANG_GROUP_SHARED:
      return problem.job.kind === 'ScheduledSparkApplication' && objects === ''
        // concurrencyPolicy sits beside spec.template, not in it: a whole YAML path.
        ? `${field('spec.concurrencyPolicy')} must be Forbid or Replace for a gang: with Allow, overlapping runs share the group `
          + `"${problem.detail}" and the scheduler counts their pods as one (got Allow)`
        : `the gang's group name must be unique per submission in the namespace: the scheduler would count the pods of ${objects} `
          + `in the same group (got "${problem.detail}")`;
    case ProblemCode.KUEUE_DYNAMIC_ALLOCATION:
      return `${field(problem.field ?? 'dynamicAllocation.enabled')} must be off for a job Kueue queues (LocalQueue "${problem.detail}"): `
        + 'Kueue rejects SparkApplications with dynamic allocation, whether the spec field or sparkConf switches it on; give a fixed executor.instances (got true)';
    case ProblemCode.IMAGE_CACHE_ON_FIRST_RUN:
      return 'the ECI pods auto-match an image cache (ECI\'s default unless k8s.aliyun.com/eci-auto-imc is "false"), and no ImageCache object '
        + 'in the app makes one ahead: the first run pulls the image and creates a billed cache, later runs hit it; add an ImageCache for the image '
        + `to start fast from the first run (got ${problem.detail})`;
    case ProblemCode.SCRATCH_EXCEEDS_ECI_DISK:
      return `the ${role} pods' scratch space may grow beyond what the image leaves of their ECI disk, and ECI evicts a pod whose disk fills: `
        + `raise ${field(`${role}.annotations`)} ${ECI_ANNOTATION_KEYS.EXTRA_EPHEMERAL_STORAGE} (ScratchDisk writes it) or lower the sizeLimit (got ${problem.detail})`;
    case ProblemCode.SHUFFLE_ON_DEFAULT_ECI_DISK:
      return `${field(problem.field!)} is above Spark's default of ${SPARK_DEFAULT_SHUFFLE_PARTITIONS}, a shuffle-heavy job, but its executors may run on ECI `
        + `with only the free ${ECI_DEFAULT_EPHEMERAL_GIBIBYTES} GiB of disk (shared with the image) for shuffle and spill, and ECI evicts a pod whose disk fills: `
        + `give executor.scratch a size (ScratchDisk.ofSize()) or use a remote shuffle service (got ${problem.detail})`;
    case ProblemCode.SPARK_REFUSES_VALUE:
    case ProblemCode.WEBHOOK_REFUSES_VALUE:
      // The detail is the rule with its source (spark-role-resources.ts): "must be ... (Spark v3.5.2 ...) (got ...)".
      return `${field(problem.field!)} ${problem.detail}`;
    case ProblemCode.UNBOUNDED_DYNAMIC_ALLOCATION:
      return `dynamic allocation has no ${field('dynamicAllocation.maxExecutors')}: planned with ${problem.detail} executors, and Spark may ask for more`;
    case ProblemCode.ECI_UNUSED_SHARE:
    case ProblemCode.POLICY_PLACES_NONE:
      return problem.detail!;
    case ProblemCode.POLICY_IN_OTHER_NAMESPACE:
      return `namespace of job ${problem.job.name} must equal the ResourcePolicy's namespace "${problem.detail}": `
        + `a policy only sees pods in its own namespace (got "${problem.job.namespace}")`;
    case ProblemCode.DUPLICATE_OBJECT:
    case ProblemCode.DECISION_INVALID:
    case ProblemCode.API_SERVER_REFUSES:
    case ProblemCode.NODE_SELECTOR_ON_APP_AND_ROLE:
    case ProblemCode.SPARK_CONF_DENIED:
    case ProblemCode.SPARK_NAMESPACE_CONF_MISMATCH:
    case ProblemCode.TEMPLATE_NEEDS_SPARK_3:
    case ProblemCode.DYNAMIC_ALLOCATION_NEEDS_SPARK_3:
    case ProblemCode.INSTANCES_ABOVE_MAX_EXECUTORS:
    case ProblemCode.VOLUME_MOUNT_UNDEFINED:
    case ProblemCode.PYTHON_VERSION_WITHOUT_PYTHON:
    case ProblemCode.PYTHON_2_UNSUPPORTED:
    case ProblemCode.SCHEDULED_NAME_TOO_LONG:
    case ProblemCode.SPARK_CONNECT_NAME_TOO_LONG:
    case ProblemCode.SPARK_CONNECT_IMAGE_MISSING:
    case ProblemCode.DYNAMIC_ALLOCATION_BOUNDS:
    case ProblemCode.SPARK_MEMORY_FORMAT:
    case ProblemCode.IMAGE_MISSING:
    case ProblemCode.REMOTE_SHUFFLE_NEEDS_SPARK_3_5:
    case ProblemCode.REMOTE_SHUFFLE_WITH_SHUFFLE_SERVICE:
    case ProblemCode.DECOMMISSION_NEEDS_SPARK_3_1:
    case ProblemCode.SPARK_CONNECT_GRPC_PORT:
      return invalidMessage(field(problem.field ?? ''), problem.allowed ?? 'is refused', problem.got);
    case ProblemCode.DEADLINE_START_MISSING:
      return `the ${role} pods may run on ECI with no start deadline of their own, and the cluster profile asks every job for deadlines: `
        + `ECI ends a pod stuck starting there (image pull, volume mounts) only after its default of ${problem.detail}; `
        + `set ${ECI_ANNOTATION_KEYS.MAX_PENDING_MINUTE} in ${field(`${role}.annotations`)} (deadlines.start writes it)`;
    case ProblemCode.DEADLINE_RUN_MISSING:
      return 'nothing ends the driver after a time, and the cluster profile asks every job for deadlines: a driver that hangs, or waits for executors '
        + `that never start, runs until someone deletes the job; set ${DRIVER_TIMEOUT_CONF} and ${SPARK_PLUGINS_CONF} ${DRIVER_TIMEOUT_PLUGIN} in ${field('sparkConf')} `
        + `(deadlines.run writes both), on Spark ${DRIVER_TIMEOUT_SINCE} or later (got ${problem.detail})`;
    case ProblemCode.DEADLINE_CLEAN_UP_MISSING:
      return `${field('timeToLiveSeconds')} is unset, and the cluster profile asks every job for deadlines: the operator keeps the finished application `
        + 'until someone deletes it; set it (timeToLive writes it)';
    case ProblemCode.CONCURRENCY_POLICY_UNSET:
      return CONCURRENCY_POLICY_UNSET_TEXT;
    case ProblemCode.DEADLINE_RUN_IGNORED:
      return `${field(problem.field!)} ends nothing: ${problem.detail}; deadlines.run writes it with the plugin, on Spark ${DRIVER_TIMEOUT_SINCE} or later`;
  }
}
