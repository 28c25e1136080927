/**
 * Gang scheduling on ACK (coscheduling), judged with the order in which Spark creates its pods.
 * Read from the pods' labels, so a job written by this library and one written by hand are read
 * the same way.
 *
 * Facts (DOMAIN.md §7):
 * - ACK "Work with gang scheduling" (doc 178169): pods carry `pod-group.scheduling.sigs.k8s.io/name`
 *   and `.../min-available`; "该批Pod满足min-available的数量时,才能被统一创建及调度"; all pods of a group in
 *   one namespace with one priority.
 * - The label form is scheduler-plugins' lightweight coscheduling (KEP-2, `pkg/coscheduling/
 *   coscheduling.go` at v0.18.9): PreFilter rejects a pod while the pods that exist with its group
 *   label number fewer than min-available ("less than pgMinAvailable"), and a pod whose
 *   min-available differs from its group's, which the first pod seen sets ("PodGroupMinAvailables
 *   do not match"). Koordinator (v1.8.0, `pkg/scheduler/plugins/coscheduling/core/core.go`) reads
 *   the same labels and rejects with "child pod not collect enough".
 * - Spark creates pods in order: spark-submit (the operator) creates the driver; the running
 *   driver creates the executors (`ExecutorPodsAllocator`), in batches, while earlier ones are still
 *   Pending, up to `spark.kubernetes.allocation.maxPendingPods` not yet running; dynamic
 *   allocation requests more only later. So a group that holds the driver with min-available > 1
 *   never assembles (the driver waits for executors only it can create), and a group of executors
 *   assembles only if the driver creates at least min-available of them and the plan can place as
 *   many.
 */
import { ApplicationModel } from './applications';

/** The label naming a pod's group (a DNS subdomain, unique per submission). */
export const GANG_NAME_LABEL = 'pod-group.scheduling.sigs.k8s.io/name';

/** The label giving how many of the group's pods must be placed together. */
export const GANG_MIN_AVAILABLE_LABEL = 'pod-group.scheduling.sigs.k8s.io/min-available';

/** One role's gang labels. */
export interface GangLabels {
  /** `pod-group.scheduling.sigs.k8s.io/name`, when the role carries it. */
  readonly group?: string;
  /** `pod-group.scheduling.sigs.k8s.io/min-available` as a whole number >= 1; undefined when missing or not one. */
  readonly minAvailable?: number;
}

/** A job's gang, as its pods' labels declare it. */
export interface GangModel {
  readonly driver: GangLabels;
  readonly executor: GangLabels;
  /** The group name: the driver's, else the executors'. */
  readonly group: string;
  /** What is wrong with the labels, in a phrase; undefined when they are consistent. */
  readonly inconsistency?: string;
}

/**
 * The job's gang, or undefined when no pod carries the group label. A gang over the executors
 * only (the driver outside it) is the form that can assemble; the labels are inconsistent when a
 * role names a group without a valid count, when the two roles name different groups, or when
 * they share a group with different counts.
 */
export function readGang(app: ApplicationModel): GangModel | undefined {
  const [driver, executor] = [app.driver, app.executor].map(r => labelsOf(r.scheduling.labels));
  if (driver.group === undefined && executor.group === undefined) { return undefined; }
  const problems: string[] = [];
  for (const [whose, labels, role] of [['driver\'s', driver, app.driver], ['executors\'', executor, app.executor]] as const) {
    if (labels.group !== undefined && labels.minAvailable === undefined) {
      problems.push(`the ${whose} ${GANG_MIN_AVAILABLE_LABEL} must be a whole number >= 1 (got ${quoted(role.scheduling.labels[GANG_MIN_AVAILABLE_LABEL])})`);
    }
  }
  if (driver.group !== undefined && executor.group !== undefined && driver.group !== executor.group) {
    problems.push(`the driver's ${GANG_NAME_LABEL} is "${driver.group}" and the executors' is "${executor.group}", two groups`);
  } else if (driver.group !== undefined && executor.group !== undefined && driver.minAvailable !== undefined
    && executor.minAvailable !== undefined && driver.minAvailable !== executor.minAvailable) {
    problems.push(`the driver's ${GANG_MIN_AVAILABLE_LABEL} is ${driver.minAvailable} and the executors' is ${executor.minAvailable}`);
  }
  return { driver, executor, group: (driver.group ?? executor.group)!, inconsistency: problems.length > 0 ? problems.join('; ') : undefined };
}

function labelsOf(labels: { readonly [key: string]: string }): GangLabels {
  const count = labels[GANG_MIN_AVAILABLE_LABEL];
  return {
    group: labels[GANG_NAME_LABEL],
    minAvailable: count !== undefined && /^[1-9][0-9]{0,9}$/.test(count) ? Number(count) : undefined,
  };
}

function quoted(value: string | undefined): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

/** Why a gang never assembles. */
export enum GangCause {
  /** The driver is in a group with min-available > 1: until it runs it is the group's only pod, and it never runs. */
  DRIVER_IN_GANG = 'DRIVER_IN_GANG',
  /** The driver creates fewer executors at start than min-available (initial executors, `maxPendingPods`). */
  TOO_FEW_CREATED = 'TOO_FEW_CREATED',
  /** The plan places fewer of the executors created at start than min-available. */
  TOO_FEW_PLACEABLE = 'TOO_FEW_PLACEABLE',
  /** The executors' min-available differs from their group's (the driver's, which the scheduler sees first). */
  COUNT_MISMATCH = 'COUNT_MISMATCH',
}

/** Whether a job's gang can assemble, counted as the planner placed its pods. */
export interface GangReach {
  readonly group: string;
  /** The group's min-available, as the scheduler takes it (from the first pod it sees). */
  readonly minAvailable: number;
  /** The roles whose pods carry the group label. */
  readonly members: ReadonlyArray<'driver' | 'executor'>;
  /**
   * The group's pods that exist when it must assemble: the driver alone while it is Pending, or
   * the executors the running driver creates at start (the initial executors, at most
   * `maxPendingPods`).
   */
  readonly pods: number;
  /** Of those, the pods the plan places. */
  readonly placeable: number;
  /** Whether `minAvailable` pods can be placed together. */
  readonly reachable: boolean;
  /** Why not, when not. */
  readonly cause?: GangCause;
}

/** What the planner found about a job's pods, for the gang's reach. */
export interface GangCounts {
  /** Whether the driver is placed. */
  readonly driverPlaced: boolean;
  /** Executors requested at submission: `instances`, or the initial count with dynamic allocation. */
  readonly initialExecutors: number;
  /** Of the initial executors, how many the plan places. */
  readonly executorsPlaced: number;
  /** `spark.kubernetes.allocation.maxPendingPods`, when set. */
  readonly maxPendingPods?: number;
}

/**
 * Whether the gang assembles, in the order Spark creates the pods; undefined when no group has a
 * valid count (the labels' inconsistency says why).
 */
export function gangReach(gang: GangModel, counts: GangCounts): GangReach | undefined {
  const { driver, executor } = gang;
  const sameGroup = driver.group !== undefined && driver.group === executor.group;
  // The driver's own group: it is the only pod of its group until it runs.
  if (driver.group !== undefined && driver.minAvailable !== undefined && driver.minAvailable > 1) {
    return {
      group: driver.group,
      minAvailable: driver.minAvailable,
      members: sameGroup ? ['driver', 'executor'] : ['driver'],
      pods: 1,
      placeable: counts.driverPlaced ? 1 : 0,
      reachable: false,
      cause: GangCause.DRIVER_IN_GANG,
    };
  }
  const created = Math.min(counts.initialExecutors, counts.maxPendingPods ?? Number.POSITIVE_INFINITY);
  const executorsPlaceable = Math.min(created, counts.executorsPlaced);
  if (executor.group === undefined) {
    // The driver alone, with min-available 1: it passes by itself.
    return driver.minAvailable === undefined ? undefined
      : { group: driver.group!, minAvailable: driver.minAvailable, members: ['driver'], pods: 1, placeable: counts.driverPlaced ? 1 : 0, reachable: true };
  }
  if (sameGroup) {
    // The driver (min-available 1, or none valid) is seen first and sets the group's count.
    const minAvailable = driver.minAvailable ?? executor.minAvailable;
    if (minAvailable === undefined) { return undefined; }
    const base = {
      group: executor.group,
      minAvailable,
      members: ['driver', 'executor'] as const,
      pods: 1 + created,
      placeable: (counts.driverPlaced ? 1 : 0) + executorsPlaceable,
    };
    if (executor.minAvailable !== minAvailable) { return { ...base, reachable: false, cause: GangCause.COUNT_MISMATCH }; }
    return { ...base, reachable: true };
  }
  if (executor.minAvailable === undefined) { return undefined; }
  const reachable = executor.minAvailable <= executorsPlaceable;
  return {
    group: executor.group,
    minAvailable: executor.minAvailable,
    members: ['executor'],
    pods: created,
    placeable: executorsPlaceable,
    reachable,
    cause: reachable ? undefined : executor.minAvailable > created ? GangCause.TOO_FEW_CREATED : GangCause.TOO_FEW_PLACEABLE,
  };
}

/** The key two jobs clash on: the group name within a namespace. */
export function gangKey(app: ApplicationModel, gang: GangModel): string {
  return `${app.ref.namespace}/${gang.group}`;
}
