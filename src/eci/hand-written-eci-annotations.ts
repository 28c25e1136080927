/**
 * ECI annotations written by hand (`driver.annotations`, `addAnnotation()`) checked by the rules
 * of the typed `EciPodOptions`: an `k8s.aliyun.com/eci-spot-strategy: Sometimes` or an
 * `eci-use-specs` of six sizes is refused as `eci.spot` or `eci.instanceSpecs` would be, instead
 * of reaching ECI, which ignores or rejects it when the pod is created. Keys this module does not
 * know (new ECI annotations) pass as they are.
 */
import {
  ECI_ANNOTATIONS, FAMILY, MAX_CUSTOM_TAGS, MAX_INSTANCE_SPECS, MAX_PENDING_MINUTES, RAM_ROLE_NAME, VSWITCH_ID,
} from './eci-annotations';
import { EciFailStrategy, EciSpotStrategy, EciZoneStrategy } from './eci-pod-options';
import { IMAGE_CACHE_ID, INSTANCE_TYPE, isEciMemoryGibibytes, isEciVcpu, SPOT_PRICE_LIMIT } from '../private/eci-sizes';
import { invalid } from '../private/errors';

type Rule = (value: string) => string | undefined;

const oneOf = (values: readonly string[], typed: string): Rule => value =>
  (values.includes(value) ? undefined : `must be one of ${values.join(', ')} (as ${typed} writes it)`);

/** A comma-separated list whose every entry passes `entry`, at most `max` entries. */
const listOf = (entry: (item: string) => boolean, what: string, max = Infinity): Rule => value => {
  const items = value.split(',');
  if (items.length > max) { return `must list at most ${max} ${what}`; }
  return items.every(entry) ? undefined : `must be a comma-separated list of ${what}`;
};

const wholeNumber = (min: number, max: number, what: string): Rule => value =>
  (/^[0-9]+$/.test(value) && Number(value) >= min && Number(value) <= max ? undefined : `must be ${what}, a whole number from ${min} to ${max}`);

const BOOLEAN = oneOf(['true', 'false'], 'the typed option');

/** `2-4Gi`, `0.5-1Gi` or `ecs.c6.xlarge`. */
function isInstanceSpec(item: string): boolean {
  if (INSTANCE_TYPE.test(item)) { return true; }
  const m = /^([0-9.]+)-([0-9.]+)Gi$/.exec(item);
  return m !== null && isEciVcpu(Number(m[1])) && isEciMemoryGibibytes(Number(m[2]));
}

const RULES: { readonly [key: string]: Rule } = {
  [ECI_ANNOTATIONS.USE_SPECS]: listOf(isInstanceSpec, 'sizes ("2-4Gi") or ECS instance types ("ecs.c6.xlarge"), as eci.instanceSpecs writes them', MAX_INSTANCE_SPECS),
  [ECI_ANNOTATIONS.SPOT_STRATEGY]: oneOf(Object.values(EciSpotStrategy), 'eci.spot'),
  // ECI's SpotPriceLimit takes at most 3 decimals (src/private/eci-sizes.ts SPOT_PRICE_LIMIT)
  [ECI_ANNOTATIONS.SPOT_PRICE_LIMIT]: value => (/^[0-9]+(\.[0-9]{1,3})?$/.test(value) && Number(value) > 0
    ? undefined : `must be a positive decimal price with at most ${SPOT_PRICE_LIMIT.decimals} decimals (ECI's limit), e.g. "0.5"`),
  [ECI_ANNOTATIONS.SPOT_DURATION]: value => (/^[0-9]+$/.test(value) ? undefined : 'must be a whole number of protection hours >= 0'),
  [ECI_ANNOTATIONS.SPOT_FALLBACK]: BOOLEAN,
  [ECI_ANNOTATIONS.SPOT_RELEASE_STRATEGY]: oneOf(['api-evict'], 'eci.spot gracefulRelease'),
  [ECI_ANNOTATIONS.IMAGE_CACHE_AUTO_ACK]: BOOLEAN,
  [ECI_ANNOTATIONS.IMAGE_CACHE_AUTO_ECI]: BOOLEAN,
  [ECI_ANNOTATIONS.IMAGE_CACHE_ID_ACK]: value => (IMAGE_CACHE_ID.test(value) ? undefined : 'must be "imc-" followed by letters and digits'),
  [ECI_ANNOTATIONS.IMAGE_CACHE_ID_ECI]: value => (IMAGE_CACHE_ID.test(value) ? undefined : 'must be "imc-" followed by letters and digits'),
  [ECI_ANNOTATIONS.MAX_PENDING_MINUTE]: wholeNumber(MAX_PENDING_MINUTES.min, MAX_PENDING_MINUTES.max, 'minutes'),
  [ECI_ANNOTATIONS.INSTANCE_FAMILY]: listOf(item => FAMILY.test(item.replace(/^-/, '')), 'ECS instance families ("ecs.c6", "-ecs.t5" to exclude)'),
  [ECI_ANNOTATIONS.VSWITCH]: listOf(item => VSWITCH_ID.test(item), 'vSwitch ids ("vsw-...")'),
  [ECI_ANNOTATIONS.SCHEDULE_STRATEGY]: oneOf(Object.values(EciZoneStrategy), 'eci.zoneStrategy'),
  [ECI_ANNOTATIONS.EXTRA_EPHEMERAL_STORAGE]: value => (/^[1-9][0-9]*Gi$/.test(value) ? undefined : 'must be a whole number of GiB, e.g. "50Gi"'),
  [ECI_ANNOTATIONS.RAM_ROLE_NAME]: value => (RAM_ROLE_NAME.test(value) ? undefined : 'must be a RAM role name of 1 to 64 letters, digits, "." and "-"'),
  [ECI_ANNOTATIONS.FAIL_STRATEGY]: oneOf(Object.values(EciFailStrategy), 'eci.failStrategy'),
  [ECI_ANNOTATIONS.CUSTOM_TAGS]: listOf(item => /^[^:,]+:[^:,]*$/.test(item), 'key:value tags', MAX_CUSTOM_TAGS),
};

/** Refuses a hand-written ECI annotation whose value the typed option would refuse. */
export function checkHandWrittenEciAnnotation(prop: string, key: string, value: string): void {
  // own keys only: an annotation named `constructor` is no ECI annotation
  const rule = Object.prototype.hasOwnProperty.call(RULES, key) ? RULES[key] : undefined;
  if (rule === undefined) { return; }
  const problem = typeof value === 'string' ? rule(value) : 'must be a string';
  if (problem) { invalid(prop, problem, value); }
}
