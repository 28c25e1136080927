/**
 * Gang scheduling on ACK (coscheduling): every pod of a group carries the group's name and the
 * number of its pods that must be placed together; none of the group starts until that many can
 * be. Read from the pods' labels, so a job written by this library and one written by hand are
 * read the same way. Facts: DOMAIN.md §7 (ACK "Work with gang scheduling").
 */
import { ApplicationModel } from './applications';

/** The label naming a pod's group (a DNS subdomain, unique per submission). */
export const GANG_NAME_LABEL = 'pod-group.scheduling.sigs.k8s.io/name';

/** The label giving how many of the group's pods must be placed together. */
export const GANG_MIN_AVAILABLE_LABEL = 'pod-group.scheduling.sigs.k8s.io/min-available';

/** A job's gang, as its pods' labels declare it. */
export interface GangModel {
  /** The group name (`pod-group.scheduling.sigs.k8s.io/name`). */
  readonly group: string;
  /** Pods that must be placed together; undefined when the label is missing or not a whole number. */
  readonly minAvailable?: number;
  /** What is wrong with the labels, in a phrase; undefined when driver and executors agree. */
  readonly inconsistency?: string;
}

/**
 * The job's gang, or undefined when no pod carries the group label. An inconsistent gang (a role
 * without the labels, two names, two counts) is returned with `inconsistency` set: the scheduler
 * would form two groups, or one that never reaches its count.
 */
export function readGang(app: ApplicationModel): GangModel | undefined {
  const labels = [app.driver, app.executor].map(r => r.scheduling.labels);
  const names = labels.map(l => l[GANG_NAME_LABEL]);
  if (names.every(n => n === undefined)) { return undefined; }
  const counts = labels.map(l => l[GANG_MIN_AVAILABLE_LABEL]);
  const group = (names[0] ?? names[1])!;
  const problems: string[] = [];
  if (names[0] === undefined || names[1] === undefined) {
    problems.push(`only the ${names[0] === undefined ? 'executor' : 'driver'} pods carry ${GANG_NAME_LABEL}`);
  } else if (names[0] !== names[1]) {
    problems.push(`the driver's ${GANG_NAME_LABEL} is "${names[0]}" and the executors' is "${names[1]}"`);
  }
  if (counts[0] !== counts[1]) {
    problems.push(`the driver's ${GANG_MIN_AVAILABLE_LABEL} is ${quoted(counts[0])} and the executors' is ${quoted(counts[1])}`);
  }
  const count = counts[0] ?? counts[1];
  const minAvailable = count !== undefined && /^[1-9][0-9]{0,9}$/.test(count) ? Number(count) : undefined;
  if (minAvailable === undefined) {
    problems.push(`${GANG_MIN_AVAILABLE_LABEL} must be a whole number >= 1 (got ${quoted(count)})`);
  }
  return { group, minAvailable, inconsistency: problems.length > 0 ? problems.join('; ') : undefined };
}

function quoted(value: string | undefined): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

/** Pods of a job that must start together, counted as the planner placed them. */
export interface GangReach {
  readonly group: string;
  readonly minAvailable: number;
  /** Pods requested at submission: the driver and the initial executors. */
  readonly pods: number;
  /** Of those, the pods the plan places (not Pending). */
  readonly placeable: number;
  /** Whether `minAvailable` pods can be placed together; if not, none of the job's pods start. */
  readonly reachable: boolean;
}

/** The key two jobs clash on: the group name within a namespace. */
export function gangKey(app: ApplicationModel, gang: GangModel): string {
  return `${app.ref.namespace}/${gang.group}`;
}
