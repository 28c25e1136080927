// What jobs do with a `GangScheduling`: check it where it is passed, write its labels into the
// rendered spec, and refuse role labels that would clash with them.
import type { GangScheduling } from './gang-scheduling';
import { GANG_MIN_AVAILABLE_LABEL, GANG_NAME_LABEL } from '../model/gang';
import { checkInteger, checkOptions, invalid } from '../private/errors';
import { checkDns1123Subdomain, checkLabelValue, INT32_MAX } from '../private/k8s-names';

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
