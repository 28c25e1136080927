import { Duration } from 'cdk8s';
import { invalid } from './errors';
import { checkDuration } from './units';

/** A copy of the map, or undefined when it is empty: empty maps are left out of the YAML. */
export function mapOrUndefined<T>(map: { [key: string]: T } | undefined): { [key: string]: T } | undefined {
  if (map === undefined || !hasOwnKey(map)) { return undefined; }
  return { ...map };
}

/** Whether the object has an own enumerable string key (as `Object.keys(obj).length > 0`, without the array). */
function hasOwnKey(obj: object): boolean {
  for (const key in obj) {
    if (Object.prototype.hasOwnProperty.call(obj, key)) { return true; }
  }
  return false;
}

/** A copy of the list (mapped), or undefined when it is empty: empty lists are left out of the YAML. */
export function listOrUndefined<T, R = T>(list: readonly T[] | undefined, map?: (item: T) => R): R[] | undefined {
  if (list === undefined || list.length === 0) { return undefined; }
  return map ? list.map(map) : (list.slice() as unknown as R[]);
}

/**
 * Metadata for an `ApiObject` without the keys set to `undefined`: cdk8s spreads the user's
 * metadata over the generated name, so `{ name: undefined }` would drop the name (and an object
 * left with no metadata at all is refused by the API server).
 */
export function definedMetadata<T extends object>(metadata: T | undefined): T | undefined {
  return metadata === undefined || metadata === null ? undefined : compact(metadata);
}

/** Drops keys whose value is undefined, so a rendered object holds only what was set. */
export function compact<T extends object>(obj: T): T {
  return assignDefined({} as T, obj);
}

/**
 * Sets the keys of `values` whose value is defined on `target` (over what it holds) and returns
 * it: `compact({ ...target, ...values })` for a `target` already compact and owned by the caller,
 * without copying it.
 */
export function assignDefined<T extends object>(target: T, values: object): T {
  // for-in over own keys visits what Object.entries() does, in the same order, without
  // allocating an array per key: this runs several times per object at synth.
  for (const key in values) {
    if (!Object.prototype.hasOwnProperty.call(values, key)) { continue; }
    const value = (values as any)[key];
    if (value !== undefined) { (target as any)[key] = value; }
  }
  return target;
}

/** A duration as whole milliseconds >= 0, refusing fractions (which cdk8s itself would throw on). */
export function wholeMilliseconds(prop: string, duration: Duration | undefined): number | undefined {
  if (duration === undefined) { return undefined; }
  checkDuration(prop, duration, 'Duration.seconds(30)');
  const millis = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(millis) || millis < 0) {
    invalid(prop, 'must be a whole number of milliseconds >= 0', `${millis} ms`);
  }
  return millis;
}

/** A duration as whole seconds, refusing fractions and values under `minSeconds`. */
export function wholeSeconds(prop: string, duration: Duration | undefined, minSeconds: number): number | undefined {
  if (duration === undefined) { return undefined; }
  checkDuration(prop, duration, 'Duration.seconds(30)');
  // not integral: a fractional number of milliseconds is refused below, not thrown by cdk8s
  const millis = duration.toMilliseconds({ integral: false });
  const seconds = millis / 1000;
  if (!Number.isInteger(seconds) || seconds < minSeconds) {
    invalid(prop, `must be a whole number of seconds >= ${minSeconds}`, `${millis} ms`);
  }
  return seconds;
}

/** Deep structural equality of JSON-like values, used to avoid duplicate list entries. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) { return true; } // the same object or primitive stringifies the same: skip the sort
  return JSON.stringify(sortDeep(a)) === JSON.stringify(sortDeep(b));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) { return value.map(sortDeep); }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map(k => [k, sortDeep((value as any)[k])]));
  }
  return value;
}
