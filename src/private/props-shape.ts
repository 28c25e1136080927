/**
 * Runtime guards for callers without TypeScript's checks (jsii languages, plain JavaScript),
 * and the copy that captures props at construction.
 *
 * A `Shape` says what a prop holds; `captureProps(prop, value, shape)` refuses a value of the
 * wrong type, an unknown key of an options object (naming it and the known keys, through
 * `checkOptions`), an enum string outside its values, and a `null` or non-string inside a string
 * list or map, each with the library's error (`invalid()`), and returns a deep copy of the plain
 * data (objects and arrays), so a caller mutating its objects later changes nothing. Instances
 * of classes (`Size`, `Duration`, `Cpu`, `EnvValue`, the library's value classes) are kept by
 * reference: they are immutable, and checked where they are used.
 */
import { checkOptions, invalid } from './errors';

/** What a prop holds. */
export type Shape =
  | 'string' | 'number' | 'boolean'
  /** a list of strings */
  | 'strings'
  /** a map of strings */
  | 'stringMap'
  /** an instance of a class (a unit, a value class): kept as it is, checked where it is used */
  | 'instance'
  /** plain data (a Kubernetes structure), copied deeply, not checked here */
  | 'data'
  | EnumShape | OptionsShape | ListShape | MapShape;

/** One of the string values of an enum. */
export interface EnumShape { readonly enum: readonly string[]; readonly name: string }
/** An options object with these keys. */
export interface OptionsShape { readonly keys: { readonly [key: string]: Shape } }
/** A list of one shape. */
export interface ListShape { readonly list: Shape }
/** A map of one shape. */
export interface MapShape { readonly map: Shape }

/**
 * The shape of a TypeScript enum (its values) for messages that name it. `enumObject` may be a
 * function that returns the enum, read on the first check: an enum of a lazily loaded package
 * (cdk8s-plus-28, src/private/lazy-modules.ts) then loads only when a caller sets that prop.
 */
export function enumShape(name: string, enumObject: object | (() => object)): EnumShape {
  let values: readonly string[] | undefined;
  return {
    name,
    get enum() {
      values ??= Object.values(typeof enumObject === 'function' ? enumObject() : enumObject).filter((v): v is string => typeof v === 'string');
      return values;
    },
  };
}

/**
 * Checks `value` against `shape` and returns a deep copy of its plain data.
 *
 * @param prop the prop path for messages, e.g. `driver` or `dynamicAllocation`
 */
export function captureProps<T>(prop: string, value: T, shape: Shape): T {
  return capture(prop, value, shape) as T;
}

function capture(prop: string, value: unknown, shape: Shape): unknown {
  if (value === undefined) { return undefined; }
  if (value === null) { invalid(prop || 'props', 'must not be null (leave it out instead)', value); }
  if (typeof shape === 'string') {
    switch (shape) {
      case 'string':
      case 'number':
      case 'boolean':
        if (typeof value !== shape) { invalid(prop, `must be a ${shape}`, value); }
        return value;
      case 'strings':
        return capture(prop, value, { list: 'string' });
      case 'stringMap':
        return capture(prop, value, { map: 'string' });
      case 'instance':
        // checked where it is used, with a message naming its factories
        return value;
      case 'data':
        return deepCopy(value);
    }
  }
  if ('enum' in shape) {
    if (typeof value !== 'string' || !shape.enum.includes(value)) {
      invalid(prop, `must be one of ${shape.enum.join(', ')} (${shape.name})`, value);
    }
    return value;
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) { invalid(prop, 'must be a list', value); }
    return value.map((item, i) => capture(`${prop}[${i}]`, item, shape.list));
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    invalid(prop, 'map' in shape ? 'must be a map' : `must be an object with the keys ${Object.keys(shape.keys).join(', ')}`, value);
  }
  if ('map' in shape) {
    const out: { [key: string]: unknown } = {};
    for (const [key, item] of Object.entries(value as object)) {
      out[key] = capture(`${prop}[${JSON.stringify(key)}]`, item, shape.map);
    }
    return out;
  }
  checkOptions(prop === '' ? 'props' : prop, value, Object.keys(shape.keys));
  const out: { [key: string]: unknown } = {};
  for (const [key, item] of Object.entries(value as object)) {
    out[key] = capture(prop === '' ? key : `${prop}.${key}`, item, shape.keys[key]);
  }
  return out;
}

/** A copy of plain objects and arrays, all the way down; anything else (class instances, functions) as it is. */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) { return value.map(deepCopy) as unknown as T; }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: { [key: string]: unknown } = {};
    for (const [key, item] of Object.entries(value)) { out[key] = deepCopy(item); }
    return out as T;
  }
  return value;
}
