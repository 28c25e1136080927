// What jobs do with a `GangScheduling`: check it where it is passed, write its labels into the
// rendered spec, and refuse role labels that would clash with them.
import type { GangScheduling } from './gang-scheduling';
import { GANG_MIN_AVAILABLE_LABEL, GANG_NAME_LABEL } from '../model/gang';
import { checkInteger, checkOptions, invalid } from '../private/errors';
import { checkDns1123Subdomain, checkLabelValue, INT32_MAX } from '../private/k8s-names';
import { formatInteger } from '../private/number-format';

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
 * Writes the gang labels into a rendered application spec's executor labels; the driver stays
 * outside the group (see gang-scheduling.ts).
 *
 * @param initialExecutors the executors requested at submission, for the default count
 */
export function withGangLabels(
  spec: { [key: string]: any }, gang: GangScheduling, jobName: string, initialExecutors: number,
): { [key: string]: any } {
  const labels = {
    [GANG_NAME_LABEL]: gang.groupName ?? jobName,
    [GANG_MIN_AVAILABLE_LABEL]: formatInteger('gang.minAvailable', gang.minAvailable ?? initialExecutors, { min: 1, max: INT32_MAX, reader: 'int32' }),
  };
  return { ...spec, executor: { ...spec.executor, labels: { ...spec.executor?.labels, ...labels } } };
}

/**
 * Gang labels the user set on a role of a job with the gang prop: the executors' would be
 * overwritten silently, and the driver's would pull it into a group it deadlocks.
 */
export function gangLabelClashes(role: string, labels: { [key: string]: string }): string[] {
  const why = role === 'driver' ? 'the driver stays outside the gang, which the gang prop writes on the executors' : 'the gang prop writes it';
  return [GANG_NAME_LABEL, GANG_MIN_AVAILABLE_LABEL]
    .filter(key => labels[key] !== undefined)
    .map(key => `${role}.labels["${key}"] must be left to the gang prop: ${why} (got ${JSON.stringify(labels[key])})`);
}
