import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { invalid } from './errors';
/* eslint-disable import/no-restricted-paths -- TEMPORARY (issue "Architecture that shows"): private -> eci, removed when the annotation registry moves to model/ */
import {
  EciAnnotationNaming,
  EciFailStrategy,
  EciImageCache,
  EciInstanceSpec,
  EciPodOptions,
  EciSpot,
  EciSpotStrategy,
  EciZoneStrategy,
} from '../eci/eci-pod-options';
/* eslint-enable import/no-restricted-paths */

/** The ECI pod annotations this module writes, in the order it writes them. */
export const ECI_ANNOTATIONS = {
  IMAGE_CACHE_AUTO_ACK: 'k8s.aliyun.com/eci-image-cache',
  IMAGE_CACHE_ID_ACK: 'k8s.aliyun.com/eci-image-snapshot-id',
  IMAGE_CACHE_AUTO_ECI: 'k8s.aliyun.com/eci-auto-imc',
  IMAGE_CACHE_ID_ECI: 'k8s.aliyun.com/eci-imc-id',
  USE_SPECS: 'k8s.aliyun.com/eci-use-specs',
  INSTANCE_FAMILY: 'k8s.aliyun.com/eci-instance-family',
  SPOT_STRATEGY: 'k8s.aliyun.com/eci-spot-strategy',
  SPOT_PRICE_LIMIT: 'k8s.aliyun.com/eci-spot-price-limit',
  SPOT_DURATION: 'k8s.aliyun.com/eci-spot-duration',
  SPOT_FALLBACK: 'k8s.aliyun.com/eci-spot-fallback',
  SPOT_RELEASE_STRATEGY: 'k8s.aliyun.com/eci-spot-release-strategy',
  VSWITCH: 'k8s.aliyun.com/eci-vswitch',
  SCHEDULE_STRATEGY: 'k8s.aliyun.com/eci-schedule-strategy',
  EXTRA_EPHEMERAL_STORAGE: 'k8s.aliyun.com/eci-extra-ephemeral-storage',
  RAM_ROLE_NAME: 'k8s.aliyun.com/eci-ram-role-name',
  FAIL_STRATEGY: 'k8s.aliyun.com/eci-fail-strategy',
  MAX_PENDING_MINUTE: 'k8s.aliyun.com/eci-max-pending-minute',
  CUSTOM_TAGS: 'k8s.aliyun.com/eci-custom-tags',
} as const;

/** The fields of `EciPodOptions`; anything else in an options object is refused. */
const KNOWN_OPTIONS: ReadonlyArray<keyof EciPodOptions> = [
  'imageCache', 'instanceSpecs', 'instanceFamilies', 'spot', 'vSwitches', 'zoneStrategy',
  'extraEphemeralStorage', 'ramRoleName', 'failStrategy', 'maxPending', 'customTags',
];

/** At most this many entries in `eci-use-specs` (ECI's limit). */
export const MAX_INSTANCE_SPECS = 5;
/** At most this many tags in `eci-custom-tags` (ECI's limit). */
export const MAX_CUSTOM_TAGS = 3;
/** ECI's range for `eci-max-pending-minute`. */
export const MAX_PENDING_MINUTES = { min: 10, max: 1440 } as const;

const FAMILY = /^ecs\.[a-z0-9][a-z0-9-]*$/;
const VSWITCH_ID = /^vsw-[A-Za-z0-9]+$/;
/** RAM role names: 1 to 64 letters, digits, `.` and `-`. */
const RAM_ROLE_NAME = /^[A-Za-z0-9.-]{1,64}$/;

/**
 * Whether the options write no annotation at all (every field unset, or an empty list or map).
 * `undefined` counts as empty.
 */
export function isEmptyEciPodOptions(options: EciPodOptions | undefined): boolean {
  if (options === undefined) { return true; }
  const families = options.instanceFamilies;
  return options.imageCache === undefined
    && isEmptyList(options.instanceSpecs)
    && (families === undefined || (isEmptyList(families.include) && isEmptyList(families.exclude)))
    && options.spot === undefined
    && isEmptyList(options.vSwitches)
    && options.zoneStrategy === undefined
    && options.extraEphemeralStorage === undefined
    && options.ramRoleName === undefined
    && options.failStrategy === undefined
    && options.maxPending === undefined
    && (options.customTags === undefined || Object.keys(options.customTags).length === 0);
}

/**
 * Checks ECI pod options and renders them as pod annotations, always in the same key order
 * (the order of `ECI_ANNOTATIONS`). Values are strings (`"true"`, `"240"`), as annotations must be.
 *
 * @see https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/pod-annotations-1
 *
 * @param prop the prop path for error messages, e.g. `executor.eci`
 * @param options the options; empty lists and maps write nothing
 */
export function renderEciAnnotations(prop: string, options: EciPodOptions): { [key: string]: string } {
  if (options === null || typeof options !== 'object') {
    return invalid(prop, 'must be an EciPodOptions object', options);
  }
  checkKnownOptions(prop, options);

  const result: { [key: string]: string } = {};
  Object.assign(result, renderImageCache(`${prop}.imageCache`, options.imageCache));

  const specs = renderInstanceSpecs(`${prop}.instanceSpecs`, options.instanceSpecs, options.spot);
  if (specs !== undefined) { result[ECI_ANNOTATIONS.USE_SPECS] = specs; }

  const families = renderFamilies(`${prop}.instanceFamilies`, options);
  if (families !== undefined) { result[ECI_ANNOTATIONS.INSTANCE_FAMILY] = families; }

  Object.assign(result, renderSpot(`${prop}.spot`, options.spot));
  Object.assign(result, renderVSwitches(prop, options.vSwitches, options.zoneStrategy));

  if (options.extraEphemeralStorage !== undefined) {
    result[ECI_ANNOTATIONS.EXTRA_EPHEMERAL_STORAGE] = renderStorage(`${prop}.extraEphemeralStorage`, options.extraEphemeralStorage);
  }
  if (options.ramRoleName !== undefined) {
    if (typeof options.ramRoleName !== 'string' || !RAM_ROLE_NAME.test(options.ramRoleName)) {
      invalid(`${prop}.ramRoleName`, 'must be a RAM role name of 1 to 64 letters, digits, "." and "-"', options.ramRoleName);
    }
    result[ECI_ANNOTATIONS.RAM_ROLE_NAME] = options.ramRoleName;
  }
  if (options.failStrategy !== undefined) {
    checkEnum(`${prop}.failStrategy`, options.failStrategy, EciFailStrategy, 'EciFailStrategy');
    result[ECI_ANNOTATIONS.FAIL_STRATEGY] = options.failStrategy;
  }
  if (options.maxPending !== undefined) {
    result[ECI_ANNOTATIONS.MAX_PENDING_MINUTE] = renderMaxPending(`${prop}.maxPending`, options.maxPending);
  }
  const tags = renderCustomTags(`${prop}.customTags`, options.customTags);
  if (tags !== undefined) { result[ECI_ANNOTATIONS.CUSTOM_TAGS] = tags; }

  return result;
}

function checkKnownOptions(prop: string, options: EciPodOptions): void {
  for (const key of Object.keys(options)) {
    if ((KNOWN_OPTIONS as ReadonlyArray<string>).includes(key)) { continue; }
    const value = (options as { [key: string]: unknown })[key];
    if (value === undefined) { continue; }
    if (key === 'spotPriceLimit' || key === 'priceLimit') {
      invalid(`${prop}.${key}`, 'is not an option: a price limit is set with spot: EciSpot.withPriceLimit(pricePerHour)', value);
    }
    invalid(`${prop}.${key}`, `is not an EciPodOptions field (known: ${KNOWN_OPTIONS.join(', ')})`, value);
  }
}

function renderImageCache(prop: string, cache: EciImageCache | undefined): { [key: string]: string } {
  if (cache === undefined) { return {}; }
  if (!EciImageCache.isEciImageCache(cache)) {
    return invalid(prop, 'must be made with EciImageCache.auto() or EciImageCache.id()', cache);
  }
  checkEnum(`${prop}.naming`, cache.naming, EciAnnotationNaming, 'EciAnnotationNaming');
  const eci = cache.naming === EciAnnotationNaming.ECI;
  if (cache.imageCacheId === undefined) {
    return { [eci ? ECI_ANNOTATIONS.IMAGE_CACHE_AUTO_ECI : ECI_ANNOTATIONS.IMAGE_CACHE_AUTO_ACK]: 'true' };
  }
  return { [eci ? ECI_ANNOTATIONS.IMAGE_CACHE_ID_ECI : ECI_ANNOTATIONS.IMAGE_CACHE_ID_ACK]: cache.imageCacheId };
}

function renderInstanceSpecs(prop: string, specs: EciInstanceSpec[] | undefined, spot: EciSpot | undefined): string | undefined {
  if (specs === undefined) { return undefined; }
  if (!Array.isArray(specs)) {
    return invalid(prop, 'must be a list of EciInstanceSpec', specs);
  }
  if (specs.length === 0) { return undefined; }
  if (specs.length > MAX_INSTANCE_SPECS) {
    invalid(prop, `must have at most ${MAX_INSTANCE_SPECS} entries`, specs.map(s => (EciInstanceSpec.isEciInstanceSpec(s) ? s.value : s)));
  }
  specs.forEach((spec, i) => {
    if (!EciInstanceSpec.isEciInstanceSpec(spec)) {
      invalid(`${prop}[${i}]`, 'must be made with EciInstanceSpec.size() or EciInstanceSpec.instanceType()', spec);
    }
    if (spot !== undefined && spec.vcpu !== undefined && spec.vcpu < 2) {
      invalid(`${prop}[${i}]`, 'must have at least 2 vCPU with spot instances (ECI sizes spot by vCPU/memory only from 2 vCPU)', spec.value);
    }
  });
  return specs.map(s => s.value).join(',');
}

function renderFamilies(prop: string, options: EciPodOptions): string | undefined {
  const families = options.instanceFamilies;
  if (families === undefined) { return undefined; }
  const include = checkFamilies(`${prop}.include`, families.include);
  const exclude = checkFamilies(`${prop}.exclude`, families.exclude);
  const both = include.filter(f => exclude.includes(f));
  if (both.length > 0) {
    invalid(prop, 'must not both include and exclude a family', both);
  }
  const entries = [...include, ...exclude.map(f => `-${f}`)];
  return entries.length === 0 ? undefined : entries.join(',');
}

function checkFamilies(prop: string, families: string[] | undefined): string[] {
  if (families === undefined) { return []; }
  if (!Array.isArray(families)) {
    return invalid(prop, 'must be a list of instance families', families);
  }
  families.forEach((family, i) => {
    if (typeof family !== 'string' || !FAMILY.test(family)) {
      invalid(`${prop}[${i}]`, 'must be an ECS instance family "ecs.<name>", e.g. "ecs.c6"', family);
    }
  });
  return [...families];
}

function renderSpot(prop: string, spot: EciSpot | undefined): { [key: string]: string } {
  if (spot === undefined) { return {}; }
  if (!EciSpot.isEciSpot(spot)) {
    return invalid(prop, 'must be made with EciSpot.asPriceGo() or EciSpot.withPriceLimit()', spot);
  }
  const result: { [key: string]: string } = { [ECI_ANNOTATIONS.SPOT_STRATEGY]: spot.strategy };
  // only EciSpot.withPriceLimit() sets a price, and always with SpotWithPriceLimit
  if (spot.strategy === EciSpotStrategy.WITH_PRICE_LIMIT) {
    result[ECI_ANNOTATIONS.SPOT_PRICE_LIMIT] = String(spot.priceLimit);
  }
  if (spot.protectionHours !== undefined) {
    result[ECI_ANNOTATIONS.SPOT_DURATION] = String(spot.protectionHours);
  }
  if (spot.fallbackToOnDemand) {
    result[ECI_ANNOTATIONS.SPOT_FALLBACK] = 'true';
  }
  if (spot.gracefulRelease) {
    result[ECI_ANNOTATIONS.SPOT_RELEASE_STRATEGY] = 'api-evict';
  }
  return result;
}

function renderVSwitches(prop: string, vSwitches: string[] | undefined, strategy: EciZoneStrategy | undefined): { [key: string]: string } {
  if (vSwitches !== undefined && !Array.isArray(vSwitches)) {
    return invalid(`${prop}.vSwitches`, 'must be a list of vSwitch ids', vSwitches);
  }
  const ids = vSwitches ?? [];
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || !VSWITCH_ID.test(id)) {
      invalid(`${prop}.vSwitches[${i}]`, 'must be a vSwitch id "vsw-" followed by letters and digits', id);
    }
  });
  if (strategy !== undefined) {
    checkEnum(`${prop}.zoneStrategy`, strategy, EciZoneStrategy, 'EciZoneStrategy');
    if (ids.length === 0) {
      invalid(`${prop}.zoneStrategy`, 'is only allowed together with vSwitches', strategy);
    }
  }
  if (ids.length === 0) { return {}; }
  const result: { [key: string]: string } = { [ECI_ANNOTATIONS.VSWITCH]: ids.join(',') };
  if (strategy !== undefined) {
    result[ECI_ANNOTATIONS.SCHEDULE_STRATEGY] = strategy;
  }
  return result;
}

function renderStorage(prop: string, size: Size): string {
  if (size === null || typeof size !== 'object' || typeof size.toGibibytes !== 'function') {
    return invalid(prop, 'must be a Size, e.g. Size.gibibytes(50)', size);
  }
  const gib = size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!(Number.isInteger(gib) && gib > 0)) {
    invalid(prop, 'must be a positive whole number of GiB, e.g. Size.gibibytes(50)', `${gib} GiB`);
  }
  return `${gib}Gi`;
}

function renderMaxPending(prop: string, duration: Duration): string {
  if (duration === null || typeof duration !== 'object' || typeof duration.toMinutes !== 'function') {
    return invalid(prop, 'must be a Duration, e.g. Duration.minutes(30)', duration);
  }
  const minutes = duration.toMinutes({ integral: false });
  const { min, max } = MAX_PENDING_MINUTES;
  if (!(Number.isInteger(minutes) && minutes >= min && minutes <= max)) {
    invalid(prop, `must be a whole number of minutes from ${min} to ${max}`, `${minutes} minutes`);
  }
  return String(minutes);
}

function renderCustomTags(prop: string, tags: { [key: string]: string } | undefined): string | undefined {
  if (tags === undefined) { return undefined; }
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) {
    return invalid(prop, 'must be a map of tag keys to values', tags);
  }
  // sorted, so that maps from languages without ordered maps render the same every time
  const keys = Object.keys(tags).sort();
  if (keys.length === 0) { return undefined; }
  if (keys.length > MAX_CUSTOM_TAGS) {
    invalid(prop, `must have at most ${MAX_CUSTOM_TAGS} tags`, tags);
  }
  for (const key of keys) {
    const value = tags[key];
    if (key.length === 0 || /[:,]/.test(key)) {
      invalid(`${prop} key`, 'must be non-empty and contain neither ":" nor ","', key);
    }
    if (typeof value !== 'string' || /[:,]/.test(value)) {
      invalid(`${prop}.${key}`, 'must be a string containing neither ":" nor ","', value);
    }
  }
  return keys.map(key => `${key}:${tags[key]}`).join(',');
}

function checkEnum(prop: string, value: unknown, enumObject: object, enumName: string): void {
  const values = Object.values(enumObject) as unknown[];
  if (!values.includes(value)) {
    invalid(prop, `must be one of ${enumName}'s values (${values.join(', ')})`, value);
  }
}

function isEmptyList(list: unknown[] | undefined): boolean {
  return list === undefined || list.length === 0;
}
