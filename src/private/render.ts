import { Duration } from 'cdk8s';
import { invalid } from './errors';

/** A copy of the map, or undefined when it is empty: empty maps are left out of the YAML. */
export function mapOrUndefined<T>(map: { [key: string]: T } | undefined): { [key: string]: T } | undefined {
  if (map === undefined || Object.keys(map).length === 0) { return undefined; }
  return { ...map };
}

/** A copy of the list (mapped), or undefined when it is empty: empty lists are left out of the YAML. */
export function listOrUndefined<T, R = T>(list: readonly T[] | undefined, map?: (item: T) => R): R[] | undefined {
  if (list === undefined || list.length === 0) { return undefined; }
  return map ? list.map(map) : (list.slice() as unknown as R[]);
}

/** Drops keys whose value is undefined, so a rendered object holds only what was set. */
export function compact<T extends object>(obj: T): T {
  const out: any = {};
  for (const [key, value] of Object.entries(obj)) {
    if (value !== undefined) { out[key] = value; }
  }
  return out;
}

/** A duration as whole seconds, refusing fractions and values under `minSeconds`. */
export function wholeSeconds(prop: string, duration: Duration | undefined, minSeconds: number): number | undefined {
  if (duration === undefined) { return undefined; }
  const millis = duration.toMilliseconds();
  const seconds = millis / 1000;
  if (!Number.isInteger(seconds) || seconds < minSeconds) {
    invalid(prop, `must be a whole number of seconds >= ${minSeconds}`, `${millis} ms`);
  }
  return seconds;
}

/** Deep structural equality of JSON-like values, used to avoid duplicate list entries. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortDeep(a)) === JSON.stringify(sortDeep(b));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) { return value.map(sortDeep); }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map(k => [k, sortDeep((value as any)[k])]));
  }
  return value;
}
