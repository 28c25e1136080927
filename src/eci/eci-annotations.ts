import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import {
  EciAnnotationNaming,
  EciFailStrategy,
  EciImageCache,
  EciInstanceFamilies,
  EciInstanceSpec,
  EciPodOptions,
  EciSpot,
  EciSpotStrategy,
  EciZoneStrategy,
} from './eci-pod-options';
import { ECI_ANNOTATION_KEYS } from '../model/eci-annotation-keys';
import { SPOT_PRICE_LIMIT } from '../private/eci-sizes';
import { invalid } from '../private/errors';
import { formatDecimal, formatInteger, INT32 } from '../private/number-format';
import { captureArgument, DURATION_SHAPE, enumShape, optionsShape, SIZE_SHAPE } from '../private/props-shape';
import { gibibyteQuantity } from '../private/units';

/** The ECI pod annotations this module writes, in the order it writes them. */
export const ECI_ANNOTATIONS = {
  ...ECI_ANNOTATION_KEYS,
  INSTANCE_FAMILY: 'k8s.aliyun.com/eci-instance-family',
  SPOT_PRICE_LIMIT: 'k8s.aliyun.com/eci-spot-price-limit',
  VSWITCH: 'k8s.aliyun.com/eci-vswitch',
  SCHEDULE_STRATEGY: 'k8s.aliyun.com/eci-schedule-strategy',
  RAM_ROLE_NAME: 'k8s.aliyun.com/eci-ram-role-name',
  FAIL_STRATEGY: 'k8s.aliyun.com/eci-fail-strategy',
  CUSTOM_TAGS: 'k8s.aliyun.com/eci-custom-tags',
} as const;

/** At most this many entries in `eci-use-specs` (ECI's limit). */
export const MAX_INSTANCE_SPECS = 5;
/** At most this many tags in `eci-custom-tags` (ECI's limit). */
export const MAX_CUSTOM_TAGS = 3;
/** ECI's range for `eci-max-pending-minute`. */
export const MAX_PENDING_MINUTES = { min: 10, max: 1440 } as const;

export const FAMILY = /^ecs\.[a-z0-9][a-z0-9-]*$/;
export const VSWITCH_ID = /^vsw-[A-Za-z0-9]+$/;
/** RAM role names: 1 to 64 letters, digits, `.` and `-`. */
export const RAM_ROLE_NAME = /^[A-Za-z0-9.-]{1,64}$/;
/** A RAM role's ARN: `acs:ram::<account id>:role/<role name>`. */
const RAM_ROLE_ARN = /^acs:ram::[0-9]+:role\/[A-Za-z0-9.-]{1,64}$/;

/** How one `EciPodOptions` member becomes pod annotations. */
interface AnnotationEntry<T> {
  /** The annotations it may write, for the docs and for readers of the registry. */
  readonly keys: readonly string[];
  /**
   * Checks the value (and its relation to the other options) and renders its annotations; an
   * empty list or map writes nothing.
   */
  readonly write: (prop: string, value: T, options: EciPodOptions) => { [key: string]: string };
}

/**
 * The ECI annotation registry: one entry per `EciPodOptions` member, in the order the annotations
 * are written. The type makes TypeScript refuse an `EciPodOptions` member without an entry. To add
 * an annotation: a prop in `eci-pod-options.ts`, an entry here (see CONTRIBUTING.md).
 */
const REGISTRY = {
  imageCache: {
    keys: [
      ECI_ANNOTATIONS.IMAGE_CACHE_AUTO_ACK, ECI_ANNOTATIONS.IMAGE_CACHE_ID_ACK,
      ECI_ANNOTATIONS.IMAGE_CACHE_AUTO_ECI, ECI_ANNOTATIONS.IMAGE_CACHE_ID_ECI,
    ],
    write: (prop, value) => renderImageCache(prop, value),
  },
  instanceSpecs: {
    keys: [ECI_ANNOTATIONS.USE_SPECS],
    write: (prop, value, options) => one(ECI_ANNOTATIONS.USE_SPECS, renderInstanceSpecs(prop, value, options.spot)),
  },
  instanceFamilies: {
    keys: [ECI_ANNOTATIONS.INSTANCE_FAMILY],
    write: (prop, value) => one(ECI_ANNOTATIONS.INSTANCE_FAMILY, renderFamilies(prop, value)),
  },
  spot: {
    keys: [ECI_ANNOTATIONS.SPOT_STRATEGY, ECI_ANNOTATIONS.SPOT_PRICE_LIMIT, ECI_ANNOTATIONS.SPOT_DURATION, ECI_ANNOTATIONS.SPOT_FALLBACK,
      ECI_ANNOTATIONS.SPOT_RELEASE_STRATEGY],
    write: (prop, value) => renderSpot(prop, value),
  },
  vSwitches: {
    keys: [ECI_ANNOTATIONS.VSWITCH],
    write: (prop, value) => one(ECI_ANNOTATIONS.VSWITCH, renderVSwitches(prop, value)),
  },
  zoneStrategy: {
    keys: [ECI_ANNOTATIONS.SCHEDULE_STRATEGY],
    write: (prop, value, options) => one(ECI_ANNOTATIONS.SCHEDULE_STRATEGY, renderZoneStrategy(prop, value, options.vSwitches)),
  },
  extraEphemeralStorage: {
    keys: [ECI_ANNOTATIONS.EXTRA_EPHEMERAL_STORAGE],
    write: (prop, value) => one(ECI_ANNOTATIONS.EXTRA_EPHEMERAL_STORAGE, renderStorage(prop, value)),
  },
  ramRoleName: {
    keys: [ECI_ANNOTATIONS.RAM_ROLE_NAME],
    write: (prop, value) => {
      if (typeof value !== 'string' || !RAM_ROLE_NAME.test(value)) {
        invalid(prop, 'must be a RAM role name of 1 to 64 letters, digits, "." and "-"', value);
      }
      return one(ECI_ANNOTATIONS.RAM_ROLE_NAME, value);
    },
  },
  failStrategy: {
    keys: [ECI_ANNOTATIONS.FAIL_STRATEGY],
    write: (prop, value) => {
      checkEnum(prop, value, EciFailStrategy, 'EciFailStrategy');
      return one(ECI_ANNOTATIONS.FAIL_STRATEGY, value);
    },
  },
  maxPending: {
    keys: [ECI_ANNOTATIONS.MAX_PENDING_MINUTE],
    write: (prop, value) => one(ECI_ANNOTATIONS.MAX_PENDING_MINUTE, renderMaxPending(prop, value)),
  },
  customTags: {
    keys: [ECI_ANNOTATIONS.CUSTOM_TAGS],
    write: (prop, value) => one(ECI_ANNOTATIONS.CUSTOM_TAGS, renderCustomTags(prop, value)),
  },
  acrServiceArns: {
    keys: ['k8s.aliyun.com/acr-service-arns'],
    write: (prop, value, options) => one('k8s.aliyun.com/acr-service-arns', renderRoleArns(prop, value, 'acrUserArns', options.acrUserArns)),
  },
  acrUserArns: {
    keys: ['k8s.aliyun.com/acr-user-arns'],
    write: (prop, value, options) => one('k8s.aliyun.com/acr-user-arns', renderRoleArns(prop, value, 'acrServiceArns', options.acrServiceArns)),
  },
} satisfies { readonly [K in keyof Required<EciPodOptions>]: AnnotationEntry<NonNullable<EciPodOptions[K]>> };

/** The fields of `EciPodOptions`, in the order their annotations are written. */
const KNOWN_OPTIONS = Object.keys(REGISTRY) as ReadonlyArray<keyof EciPodOptions>;

/**
 * What each field holds (`captureArgument`): unknown keys (`instanceFamilies.includes`), wrong types
 * and Maps are refused before any annotation is rendered. Typed, so a new field needs a shape.
 */
export const ECI_POD_OPTIONS_SHAPE = optionsShape<EciPodOptions>({
  imageCache: 'instance',
  instanceSpecs: { list: 'instance' },
  instanceFamilies: optionsShape<EciInstanceFamilies>({ include: 'strings', exclude: 'strings' }),
  spot: 'instance',
  vSwitches: 'strings',
  zoneStrategy: enumShape('EciZoneStrategy', EciZoneStrategy),
  extraEphemeralStorage: SIZE_SHAPE,
  ramRoleName: 'string',
  failStrategy: enumShape('EciFailStrategy', EciFailStrategy),
  maxPending: DURATION_SHAPE,
  customTags: 'stringMap',
  acrServiceArns: 'strings',
  acrUserArns: 'strings',
}, {
  spotPriceLimit: 'is not an option: a price limit is set with spot: EciSpot.withPriceLimit(pricePerHour)',
  priceLimit: 'is not an option: a price limit is set with spot: EciSpot.withPriceLimit(pricePerHour)',
});

/**
 * Checks ECI pod options and renders them as pod annotations, always in the registry's order.
 * Values are strings (`"true"`, `"240"`), as annotations must be.
 *
 * @see https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/pod-annotations-1
 *
 * @param prop the prop path for error messages, e.g. `executor.eci`
 * @param options the options; empty lists and maps write nothing
 */
export function renderEciAnnotations(prop: string, options: EciPodOptions): { [key: string]: string } {
  options = captureArgument(prop, options, ECI_POD_OPTIONS_SHAPE);
  const result: { [key: string]: string } = {};
  for (const name of KNOWN_OPTIONS) {
    const value = options[name];
    if (value === undefined) { continue; }
    const entry = REGISTRY[name] as AnnotationEntry<unknown>;
    Object.assign(result, entry.write(`${prop}.${name}`, value, options));
  }
  return result;
}

/** One annotation, or none when the value renders to nothing. */
function one(key: string, value: string | undefined): { [key: string]: string } {
  return value === undefined ? {} : { [key]: value };
}

function renderImageCache(prop: string, cache: EciImageCache | undefined): { [key: string]: string } {
  if (cache === undefined) { return {}; }
  if (!EciImageCache.isEciImageCache(cache)) {
    return invalid(prop, 'must be made with EciImageCache.auto(), EciImageCache.id() or EciImageCache.off()', cache);
  }
  checkEnum(`${prop}.naming`, cache.naming, EciAnnotationNaming, 'EciAnnotationNaming');
  if (cache.isOff) { return { [ECI_ANNOTATIONS.IMAGE_CACHE_AUTO_ECI]: 'false' }; }
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

function renderFamilies(prop: string, families: EciInstanceFamilies): string | undefined {
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
    result[ECI_ANNOTATIONS.SPOT_PRICE_LIMIT] = formatDecimal(`${prop}.priceLimit`, spot.priceLimit!, SPOT_PRICE_LIMIT);
  }
  if (spot.protectionHours !== undefined) {
    result[ECI_ANNOTATIONS.SPOT_DURATION] = formatInteger(`${prop}.protectionHours`, spot.protectionHours, { ...INT32, min: 0 });
  }
  if (spot.fallbackToOnDemand) {
    result[ECI_ANNOTATIONS.SPOT_FALLBACK] = 'true';
  }
  if (spot.gracefulRelease) {
    result[ECI_ANNOTATIONS.SPOT_RELEASE_STRATEGY] = 'api-evict';
  }
  return result;
}

function renderVSwitches(prop: string, vSwitches: string[]): string | undefined {
  if (!Array.isArray(vSwitches)) {
    return invalid(prop, 'must be a list of vSwitch ids', vSwitches);
  }
  vSwitches.forEach((id, i) => {
    if (typeof id !== 'string' || !VSWITCH_ID.test(id)) {
      invalid(`${prop}[${i}]`, 'must be a vSwitch id "vsw-" followed by letters and digits', id);
    }
  });
  return vSwitches.length === 0 ? undefined : vSwitches.join(',');
}

function renderZoneStrategy(prop: string, strategy: EciZoneStrategy, vSwitches: string[] | undefined): string {
  checkEnum(prop, strategy, EciZoneStrategy, 'EciZoneStrategy');
  if (!Array.isArray(vSwitches) || vSwitches.length === 0) {
    invalid(prop, 'is only allowed together with vSwitches', strategy);
  }
  return strategy;
}

/** RAM role ARNs for pulling from another account's ACR: both lists go together. */
function renderRoleArns(prop: string, arns: string[], otherProp: string, other: string[] | undefined): string | undefined {
  if (!Array.isArray(arns)) {
    return invalid(prop, 'must be a list of RAM role ARNs', arns);
  }
  arns.forEach((arn, i) => {
    if (typeof arn !== 'string' || !RAM_ROLE_ARN.test(arn)) {
      invalid(`${prop}[${i}]`, 'must be a RAM role ARN "acs:ram::<account id>:role/<role name>"', arn);
    }
  });
  if (arns.length === 0) { return undefined; }
  if (!Array.isArray(other) || other.length === 0) {
    invalid(prop, `needs ${otherProp} as well: ECI assumes the roles of acrServiceArns, then those of acrUserArns, to pull across accounts`, arns);
  }
  return arns.join(',');
}

/** Whole GiB from 1 up (ECI sells extra ephemeral storage in whole GiB), as a quantity: `50Gi`. */
export function renderStorage(prop: string, size: Size): string {
  const gib = size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isInteger(gib)) {
    invalid(prop, 'must be a positive whole number of GiB, e.g. Size.gibibytes(50)', `${gib} GiB`);
  }
  return gibibyteQuantity(prop, gib, 1);
}

/**
 * `k8s.aliyun.com/eci-max-pending-minute`'s value for a duration: whole minutes from 10 to 1440;
 * the registry's `maxPending` and a job's `deadlines.start` write it.
 */
export function renderMaxPending(prop: string, duration: Duration): string {
  return formatInteger(`${prop} (minutes)`, duration.toMinutes({ integral: false }), { ...MAX_PENDING_MINUTES, reader: 'whole minutes, as ECI reads them' });
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
