/**
 * Reads a rendered ACK ResourcePolicy (`scheduling.alibabacloud.com/v1alpha1`, plain JSON,
 * synthesized or hand-written) into what the scheduler does with it.
 *
 * @see https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/configure-priority-based-resource-scheduling
 */
import { ManifestOrigin, ObjectRef, objectRefOf } from './applications';
import { isObject, stringMap } from './json';
import { invalid } from '../private/errors';

/** The kinds of capacity a unit may stand for. */
export const UNIT_RESOURCES: readonly string[] = ['ecs', 'eci', 'elastic', 'acs'];

/** One unit of a policy. */
export interface UnitModel {
  /** Position in `spec.units`, from 0. */
  readonly index: number;
  /** `ecs`, `eci`, `elastic` or `acs`. */
  readonly resource: string;
  /** Most pods of one group in the unit; undefined when unbounded. */
  readonly max?: number;
  /** Node labels of the unit's nodes. */
  readonly nodeSelector: { readonly [key: string]: string };
  /** Whether the unit caps summed requests (`maxResources`), which the plan does not check. */
  readonly hasMaxResources: boolean;
}

/** A ResourcePolicy. */
export interface PolicyModel {
  readonly ref: ObjectRef;
  /** Labels a pod must carry (an empty map selects every pod of the namespace). */
  readonly selector: { readonly [key: string]: string };
  /** Label keys whose values split the selected pods into groups with their own `max`. */
  readonly matchLabelKeys: readonly string[];
  readonly units: readonly UnitModel[];
  /** `spec.whenTryNextUnits.policy`, when set. */
  readonly whenTryNextUnits?: string;
  readonly origin: ManifestOrigin;
}

/** Whether a manifest is an ACK ResourcePolicy. */
export function isResourcePolicyManifest(manifest: unknown): boolean {
  return isObject(manifest) && manifest.kind === 'ResourcePolicy' && typeof manifest.apiVersion === 'string'
    && manifest.apiVersion.startsWith('scheduling.alibabacloud.com/');
}

/**
 * Reads one policy.
 *
 * @throws SparkEciValidationError naming the field, for a value the scheduler would refuse
 */
export function readResourcePolicy(manifest: any, origin: ManifestOrigin = {}): PolicyModel {
  const ref = objectRefOf(manifest, 'ResourcePolicy');
  const spec = isObject(manifest.spec) ? manifest.spec : invalid('spec', 'must be an object', manifest.spec);
  let selector: unknown = spec.selector ?? {};
  if (isObject(selector) && isObject(selector.matchLabels)) { selector = selector.matchLabels; }
  if (!isObject(selector)) { invalid('spec.selector', 'must be a map of labels', selector); }
  for (const key of Object.keys(selector as object)) {
    const value = (selector as any)[key];
    if (typeof value !== 'string') { invalid(`spec.selector["${key}"]`, 'must be a string', value); }
  }
  const keys = spec.matchLabelKeys ?? [];
  if (!Array.isArray(keys) || keys.some(k => typeof k !== 'string')) {
    invalid('spec.matchLabelKeys', 'must be a list of label keys', keys);
  }
  if (!Array.isArray(spec.units) || spec.units.length === 0) {
    invalid('spec.units', 'must list at least one unit', spec.units);
  }
  const units = (spec.units as unknown[]).map((unit, index): UnitModel => {
    if (!isObject(unit) || !UNIT_RESOURCES.includes(unit.resource)) {
      return invalid(`spec.units[${index}].resource`, 'must be ecs, eci, elastic or acs', isObject(unit) ? unit.resource : unit);
    }
    if (unit.max !== undefined && !(Number.isInteger(unit.max) && unit.max >= 0 && unit.max <= 2147483647)) {
      invalid(`spec.units[${index}].max`, 'must be an integer from 0 to 2147483647', unit.max);
    }
    return {
      index,
      resource: unit.resource,
      max: unit.max,
      nodeSelector: stringMap(unit.nodeSelector),
      hasMaxResources: unit.maxResources !== undefined,
    };
  });
  const when = isObject(spec.whenTryNextUnits) && typeof spec.whenTryNextUnits.policy === 'string' ? spec.whenTryNextUnits.policy : undefined;
  return { ref, selector: stringMap(selector), matchLabelKeys: keys as string[], units, whenTryNextUnits: when, origin };
}

/** Whether every label of the selector is on the pod with the same value. */
export function selects(policy: PolicyModel, labels: { readonly [key: string]: string }): boolean {
  for (const key of Object.keys(policy.selector)) {
    if (labels[key] !== policy.selector[key]) { return false; }
  }
  return true;
}

/** `ecs max 2, eci max 3`. */
export function describeUnits(policy: PolicyModel): string {
  return policy.units.map(u => `${u.resource} max ${u.max ?? '-'}`).join(', ');
}

/** `ResourcePolicy default/sparkapplication-resource-policy`. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace}/${ref.name}`;
}
