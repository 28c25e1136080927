/**
 * Gang scheduling on ACK: the driver and executors of one submission carry a group name and the
 * number of pods that must be placed together; none starts until that many can be. Without it, a
 * driver that starts while its executors stay Pending holds its resources and may never finish.
 *
 * The labels are written here; whether the group can be placed is decided by the one planner
 * (`src/model/gang.ts`, `planner.ts`) from the rendered manifest, as `plan` decides it from YAML.
 */
import { GANG_MIN_AVAILABLE_LABEL, GANG_NAME_LABEL } from '../model/gang';
import { checkInteger, checkOptions, invalid } from '../private/errors';
import { checkDns1123Subdomain, checkLabelValue, INT32_MAX } from '../private/k8s-names';

/**
 * Gang scheduling of a job's pods (ACK coscheduling).
 *
 * ACK does not document whether its gang scheduling gathers pods on ECI virtual nodes; the plan
 * notes it for jobs that may run there.
 */
export interface GangScheduling {
  /**
   * How many of the job's pods must be placed together before any of them starts
   * (`pod-group.scheduling.sigs.k8s.io/min-available` on every pod). Synthesis fails when the
   * job's placement (ResourcePolicy units, ECI sizes, node constraints) cannot place that many.
   *
   * @default - the driver and every executor requested at submission (`executor.instances`, or
   * the initial count with dynamic allocation)
   */
  readonly minAvailable?: number;

  /**
   * The group's name (`pod-group.scheduling.sigs.k8s.io/name` on every pod): a DNS subdomain of
   * at most 63 characters, unique per submission in the namespace.
   *
   * @default - the job's name
   */
  readonly groupName?: string;
}

const KEYS: ReadonlyArray<keyof GangScheduling> = ['minAvailable', 'groupName'];

/** Refuses a gang the scheduler would refuse, where it was passed. */
export function checkGangScheduling(prop: string, gang: GangScheduling | undefined): void {
  checkOptions(prop, gang, KEYS);
  if (gang === undefined) { return; }
  checkInteger(`${prop}.minAvailable`, gang.minAvailable, 1, INT32_MAX);
  if (gang.groupName !== undefined) {
    if (typeof gang.groupName !== 'string') { invalid(`${prop}.groupName`, 'must be a string', gang.groupName); }
    checkDns1123Subdomain(`${prop}.groupName`, gang.groupName);
    checkLabelValue(`${prop}.groupName`, gang.groupName);
  }
}

/**
 * Writes the gang labels into a rendered application spec's driver and executor labels.
 *
 * @param initialPods the driver and the executors requested at submission, for the default count
 */
export function withGangLabels(
  spec: { [key: string]: any }, gang: GangScheduling, jobName: string, initialPods: number,
): { [key: string]: any } {
  const labels = {
    [GANG_NAME_LABEL]: gang.groupName ?? jobName,
    [GANG_MIN_AVAILABLE_LABEL]: String(gang.minAvailable ?? initialPods),
  };
  const out = { ...spec };
  for (const role of ['driver', 'executor']) {
    out[role] = { ...out[role], labels: { ...out[role]?.labels, ...labels } };
  }
  return out;
}

/** Labels of a role that the gang prop writes and the user set too: the gang's would win silently. */
export function gangLabelClashes(role: string, labels: { [key: string]: string }): string[] {
  return [GANG_NAME_LABEL, GANG_MIN_AVAILABLE_LABEL]
    .filter(key => labels[key] !== undefined)
    .map(key => `${role}.labels["${key}"] must be left to the gang prop, which writes it (got ${JSON.stringify(labels[key])})`);
}
