import { invalid } from './errors';
import { DecimalBounds, formatDecimal } from './number-format';

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

/**
 * ECI's hourly spot price limit (`k8s.aliyun.com/eci-spot-price-limit`, the API's
 * `SpotPriceLimit`): a positive price with at most 3 decimals ("The value can contain up to three
 * decimal places", ECI API reference, CreateContainerGroup and DescribeContainerGroupPrice).
 */
export const SPOT_PRICE_LIMIT: DecimalBounds = { min: 0, minExclusive: true, max: 1e12, decimals: 3, reader: 'ECI takes at most 3 decimals' };

/**
 * An ECI size as `k8s.aliyun.com/eci-use-specs` spells it: `2-4Gi`, `0.5-1Gi`, `2-1.5Gi` (vCPUs
 * 0.25, 0.5 or whole; memory in whole or half GiB), through the one number formatter.
 */
export function formatEciSize(prop: string, vcpu: number, memoryGibibytes: number): string {
  const cpu = formatDecimal(`${prop} vcpu`, vcpu, { min: 0, minExclusive: true, max: 1e12, decimals: 2 });
  const memory = formatDecimal(`${prop} memory (GiB)`, memoryGibibytes, { min: 0, minExclusive: true, max: 1e9, decimals: 1 });
  return `${cpu}-${memory}Gi`;
}
