/**
 * Settings of a rendered application spec that contradict each other: each the operator's
 * webhook, Spark or the hardened preset's intent refuses, each message naming both sides.
 */
import { invalidMessage } from '../private/errors';
import { compareVersions } from '../private/names';

/** What the rules need beyond the rendered spec. */
export interface ContradictionContext {
  /** Spark version of the image. */
  readonly sparkVersion: string;
  /** Whether a pod security preset applies (it promises pods isolated from the node). */
  readonly podSecurity: boolean;
}

/** The contradictions in a rendered SparkApplication spec, phrased as the library's messages. */
export function specContradictions(spec: { [key: string]: any }, context: ContradictionContext): string[] {
  const errors: string[] = [];
  const roles = ['driver', 'executor'] as const;
  const hasKeys = (map: unknown) => typeof map === 'object' && map !== null && Object.keys(map).length > 0;
  if (hasKeys(spec.nodeSelector)) {
    for (const role of roles) {
      if (hasKeys(spec[role]?.nodeSelector)) {
        errors.push(invalidMessage('nodeSelector',
          `cannot be set together with ${role}.nodeSelector (the Spark Operator's webhook refuses a nodeSelector on both the application and a role): set it in one place`,
          { nodeSelector: spec.nodeSelector, [`${role}.nodeSelector`]: spec[role].nodeSelector }));
      }
    }
  }
  if (context.podSecurity) {
    for (const role of roles) {
      if (spec[role]?.hostNetwork === true) {
        errors.push(invalidMessage(`${role}.hostNetwork`, 'cannot be true with podSecurity (the preset keeps pods off the node\'s network namespace)', true));
      }
    }
    for (const volume of spec.volumes ?? []) {
      if (volume?.hostPath !== undefined) {
        errors.push(invalidMessage(`volumes["${volume.name}"].hostPath`, 'cannot be used with podSecurity (a hostPath volume reaches into the node\'s file system)', volume.hostPath));
      }
    }
  }
  if (spec.dynamicAllocation?.enabled && compareVersions(context.sparkVersion, '3.0.0') < 0) {
    errors.push(invalidMessage('dynamicAllocation',
      'needs sparkVersion >= 3.0 (Spark on Kubernetes has no external shuffle service; dynamic allocation relies on shuffle tracking, new in 3.0)',
      `sparkVersion ${context.sparkVersion}`));
  }
  return errors;
}
