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
  /** plain data that must be an object (a Kubernetes structure such as a Volume), copied deeply */
  | 'object'
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
 * The shapes of every key of an options interface: `npx tsc` fails until a new prop has one, so
 * no prop escapes the guard.
 */
export type ShapeOf<T> = { readonly [K in keyof Required<T>]: Shape };

/** The shape of an options object of `T`, typed so that every key of `T` has a shape. */
export function optionsShape<T>(keys: ShapeOf<T>): OptionsShape {
  return { keys };
}

/** Deeper than this, plain data is refused: no recursion on the caller's nesting (a quota tree of 100,000 levels). */
const MAX_DEPTH = 64;

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
  return capture(prop, value, shape, 0) as T;
}

/**
 * Checks one argument of a method (`addVolume()`, `addLabel()`...) as `captureProps` checks a
 * prop, and returns its copy; a required argument left out is refused too.
 *
 * @param prop the argument as messages name it, e.g. `addSparkConf() value`
 * @param optional whether the argument may be left out
 */
export function captureArgument<T>(prop: string, value: T, shape: Shape, optional: boolean = false): T {
  if (value === undefined && !optional) { invalid(prop || 'props', 'is required', value); }
  return capture(prop, value, shape, 0) as T;
}

/** One argument for `checkArguments`: its name, its value, its shape, and whether it may be left out. */
export type Argument = readonly [name: string, value: unknown, shape: Shape, optional?: boolean];

/**
 * Checks the arguments of a method at its top (`checkArguments('driver.addLabel()', ['key', key,
 * 'string'], ...)`), so a caller without TypeScript gets `driver.addLabel() key must be a string
 * (got 5)`, never a TypeError or a silently rendered value.
 *
 * @param method the method as messages name it, e.g. `addSparkConf()` or `driver.addLabel()`
 */
export function checkArguments(method: string, ...args: Argument[]): void {
  for (const [name, value, shape, optional] of args) {
    captureArgument(`${method} ${name}`, value, shape, optional);
  }
}

function capture(prop: string, value: unknown, shape: Shape, depth: number): unknown {
  if (value === undefined) { return undefined; }
  if (value === null) { invalid(prop || 'props', 'must not be null (leave it out instead)', value); }
  if (depth > MAX_DEPTH) { invalid(prop, `must not nest deeper than ${MAX_DEPTH} levels`, '...'); }
  if (typeof shape === 'string') {
    switch (shape) {
      case 'string':
      case 'number':
      case 'boolean':
        if (typeof value !== shape) { invalid(prop, `must be a ${shape}`, value); }
        return value;
      case 'strings':
        return capture(prop, value, { list: 'string' }, depth);
      case 'stringMap':
        return capture(prop, value, { map: 'string' }, depth);
      case 'instance':
        // checked where it is used, with a message naming its factories
        return value;
      case 'data':
        return deepCopy(value, depth, prop);
      case 'object':
        if (typeof value !== 'object' || Array.isArray(value)) { invalid(prop, 'must be an object', value); }
        return deepCopy(value, depth, prop);
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
    return value.map((item, i) => capture(`${prop}[${i}]`, item, shape.list, depth + 1));
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    invalid(prop || 'props', 'map' in shape ? 'must be a map' : `must be an object with the keys ${Object.keys(shape.keys).join(', ')}`, value);
  }
  if ('map' in shape) {
    const out: { [key: string]: unknown } = {};
    for (const [key, item] of Object.entries(value as object)) {
      out[key] = capture(`${prop}[${JSON.stringify(key)}]`, item, shape.map, depth + 1);
    }
    return out;
  }
  checkOptions(prop === '' ? 'props' : prop, value, Object.keys(shape.keys));
  const out: { [key: string]: unknown } = {};
  for (const [key, item] of Object.entries(value as object)) {
    out[key] = capture(prop === '' ? key : `${prop}.${key}`, item, shape.keys[key], depth + 1);
  }
  return out;
}

/**
 * A copy of plain objects and arrays, all the way down; anything else (class instances, functions)
 * as it is. Data nested deeper than the guard's bound is refused rather than recursed into.
 *
 * @param depth how deep `value` already is in the props
 * @param prop the prop it came from, for the message
 */
export function deepCopy<T>(value: T, depth: number = 0, prop: string = 'props'): T {
  if (depth > MAX_DEPTH) { invalid(prop, `must not nest deeper than ${MAX_DEPTH} levels`, '...'); }
  if (Array.isArray(value)) { return value.map(item => deepCopy(item, depth + 1, prop)) as unknown as T; }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: { [key: string]: unknown } = {};
    for (const [key, item] of Object.entries(value)) { out[key] = deepCopy(item, depth + 1, prop); }
    return out as T;
  }
  return value;
}
