/**
 * Settings of a rendered application spec that contradict each other: each the operator's
 * webhook, Spark or the hardened preset's intent refuses, each message naming both sides.
 */
import { ECI_FORCE_LABEL } from '../../model/eci-scheduling';
import { invalidMessage } from '../../private/errors';
import { compareVersions } from '../../private/names';

/** What the rules need beyond the rendered spec. */
export interface ContradictionContext {
  /** Spark version of the image. */
  readonly sparkVersion: string;
  /** Whether a pod security preset applies (it promises pods isolated from the node). */
  readonly podSecurity: boolean;
  /** The roles the job's placement keeps on ECS (`EciPlacement.ecsOnly()`); a role without a placement is not one. */
  readonly ecsOnly?: { readonly driver: boolean; readonly executor: boolean };
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
  for (const role of roles) {
    if (!context.ecsOnly?.[role]) { continue; }
    // The label forces ECI whichever of the role's label maps carries it (Spark merges both).
    const places: Array<[string, any]> = [[`${role}.labels`, spec[role]?.labels], [`${role}.template.metadata.labels`, spec[role]?.template?.metadata?.labels]];
    for (const [field, labels] of places) {
      if (labels?.[ECI_FORCE_LABEL] === 'true') {
        errors.push(invalidMessage(`${field}["${ECI_FORCE_LABEL}"]`,
          `cannot be "true" with the ${role} placed ECS only (EciPlacement.ecsOnly()): the label forces ECI and overrides the placement; `
          + `remove the label, or place the ${role} with eciOnly() or ecsFirst()`, labels[ECI_FORCE_LABEL]));
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
