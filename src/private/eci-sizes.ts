import { invalid } from './errors';

/**
 * Whether ECI can size a pod with this many vCPUs: 0.25, 0.5 or a whole number. One rule for
 * the size table, the `eci-use-specs` annotation and the plan command's reading of it.
 */
export function isEciVcpu(vcpu: unknown): vcpu is number {
  return typeof vcpu === 'number' && (vcpu === 0.25 || vcpu === 0.5 || (Number.isInteger(vcpu) && vcpu >= 1));
}

/** Whether ECI can size a pod with this much memory: a positive whole or half number of GiB. */
export function isEciMemoryGibibytes(gib: unknown): gib is number {
  return typeof gib === 'number' && gib > 0 && Number.isInteger(gib * 2);
}

/** Refuses vCPUs ECI cannot size a pod with. */
export function checkEciVcpu(prop: string, vcpu: unknown): void {
  if (!isEciVcpu(vcpu)) { invalid(prop, 'must be 0.25, 0.5 or a whole number >= 1', vcpu); }
}

/** `imc-` followed by letters and digits, as ECI prints image cache ids. */
export const IMAGE_CACHE_ID = /^imc-[A-Za-z0-9]+$/;
/** `ecs.<family>.<size>`, e.g. `ecs.c6.xlarge`, `ecs.gn6i-c4g1.xlarge`. */
export const INSTANCE_TYPE = /^ecs\.[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/;
