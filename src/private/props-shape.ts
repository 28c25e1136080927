/**
 * The one shape registry: runtime guards for callers without TypeScript's checks (jsii languages,
 * plain JavaScript), and the copy that captures props at construction.
 *
 * A `Shape` says what a prop or argument holds; every public constructor, factory and mutator
 * passes what it is given through `captureProps` / `captureArgument` / `checkArguments` with the
 * shape of its options interface, made with `optionsShape<T>()`: `ShapeOf<T>` needs a shape for
 * every key of `T`, of the kind the key's type calls for (`ShapeFor`: a `Size` key needs
 * `SIZE_SHAPE`, an enum key an `enumShape()`, a string map `'stringMap'`...), so a new option does
 * not compile without its guard. test/api-guards.test.ts walks every public entry point of the
 * package and proves each refuses an unknown key, a wrong type and a `Map`.
 *
 * The guard refuses, each with the library's error (`invalid()`): a value of the wrong type; an
 * unknown key of an options object (naming it and the known keys); an enum string outside its
 * values (own values only: `'toString'` or `'__proto__'` is no enum value); `null` anywhere; a
 * JavaScript `Map` or `Set` where a map, an options object or Kubernetes data is expected (a Map's
 * entries are not its own keys, so it would render as an empty map: callers convert it with
 * `Object.fromEntries(map)`); a `Size`, `Duration`, `Cpu` or `EnvValue` that is a string or a
 * number (`memory: '4Gi'`), with a message that names the class and an example. It returns a deep
 * copy of the plain data (objects and arrays), so a caller mutating its objects later changes
 * nothing. Instances of classes (the units, the library's value classes) are kept by reference:
 * they are immutable.
 */
import type { Duration, Size } from 'cdk8s';
import type { Cpu, EnvValue } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { checkOptions, invalid } from './errors';

/** What a prop holds. */
export type Shape =
  | 'string' | 'number' | 'boolean'
  /** a list of strings */
  | 'strings'
  /** a map of strings */
  | 'stringMap'
  /**
   * an instance of one of the library's value classes (`SparkPlacement`, `RemoteShuffle`...): kept
   * as it is, checked where it is used with a message naming its factories
   */
  | 'instance'
  /** plain data of any type (JSON), copied deeply, not checked here */
  | 'data'
  /** plain data that must be an object (a Kubernetes structure such as a Volume), copied deeply */
  | 'object'
  | EnumShape | OptionsShape | ListShape | MapShape | InstanceShape<unknown> | IntegerShape;

/** One of the string values of an enum. */
export interface EnumShape { readonly enum: readonly string[]; readonly name: string }
/**
 * An options object with these keys; `hints` say where a key that is not one of them belongs
 * (`spotPriceLimit` → `spot: EciSpot.withPriceLimit()`), instead of only listing the known keys.
 */
export interface OptionsShape {
  readonly keys: { readonly [key: string]: Shape };
  readonly hints?: { readonly [unknownKey: string]: string };
}
/** An integer in a range; `hint` says what to use instead (`cores: 0.5` → `coreRequest`). */
export interface IntegerShape { readonly integer: { readonly min: number; readonly max: number; readonly hint?: string } }
/** A list of one shape. */
export interface ListShape { readonly list: Shape }
/** A map of one shape. */
export interface MapShape { readonly map: Shape }
/** An instance of a class recognised by `is` (a unit of cdk8s, a construct, a value class), named in messages. */
export interface InstanceShape<T> {
  /** The class as messages name it, e.g. `Size`. */
  readonly instanceOf: string;
  /** Whether a value is one (read by its methods or brand, not `instanceof`: another copy of a package makes them too). */
  readonly is: (value: unknown) => value is T;
  /** What the message says is allowed, e.g. `must be a Size, e.g. Size.gibibytes(4)`. */
  readonly allowed: string;
}

/**
 * The shape of an instance of a class: `is` recognises it, `allowed` says what to pass instead
 * (`must be made with SparkPlacement.of(), perRole() or recommended()`).
 */
export function instanceShape<T>(instanceOf: string, is: (value: unknown) => value is T, allowed: string): InstanceShape<T> {
  return { instanceOf, is, allowed };
}

/** Whether `V` is `any` (which every conditional type below would otherwise take for a Size). */
type IsAny<V> = 0 extends (1 & V) ? true : false;

/**
 * The shapes a key of type `V` may have: a `Size`, `Duration`, `Cpu` or `EnvValue` needs its unit
 * shape, an enum its `enumShape()`, a string `'string'`, a string list `'strings'` (or a list
 * shape), a map a map shape; other objects an options shape, `'object'`, `'data'` or `'instance'`.
 */
export type ShapeFor<V> =
  IsAny<V> extends true ? Shape :
    [V] extends [Size] ? InstanceShape<Size> :
      [V] extends [Duration] ? InstanceShape<Duration> :
        [V] extends [Cpu] ? InstanceShape<Cpu> :
          [V] extends [string] ? (string extends V ? 'string' : EnumShape) :
            [V] extends [number] ? 'number' | IntegerShape :
              [V] extends [boolean] ? 'boolean' :
                [V] extends [readonly string[]] ? (string[] extends V ? 'strings' | ListShape : ListShape) :
                  [V] extends [readonly unknown[]] ? ListShape | 'data' :
                    [V] extends [object] ? (
                      string extends keyof V ? (
                        IsAny<V[string & keyof V]> extends true ? ObjectShape | MapShape :
                          [V[string & keyof V]] extends [string] ? 'stringMap' | MapShape : MapShape
                      ) :
                        [V] extends [EnvValue] ? InstanceShape<EnvValue> :
    ObjectShape | InstanceShape<V>
                    ) :
                      Shape;

/** The shapes of an object that is no map: an options interface, Kubernetes data or a value class. */
type ObjectShape = OptionsShape | 'object' | 'data' | 'instance';

/**
 * The shapes of every key of an options interface: `npx tsc` fails until a new prop has one, of
 * the kind its type calls for (`ShapeFor`), so no prop escapes the guard.
 */
export type ShapeOf<T> = { readonly [K in keyof Required<T>]: ShapeFor<Exclude<T[K], undefined>> };

/**
 * The shape of an options object of `T`, typed so that every key of `T` has a shape.
 *
 * @param hints for keys that are not options of `T` but are written there by mistake, what to do instead
 */
export function optionsShape<T>(keys: ShapeOf<T>, hints?: { readonly [unknownKey: string]: string }): OptionsShape {
  return { keys: keys as { readonly [key: string]: Shape }, hints };
}

/** A cdk8s `Size` (`memory: Size.gibibytes(4)`); a string such as `'4Gi'` or `'512m'` is refused. */
export const SIZE_SHAPE = instanceShape<Size>('Size', (value): value is Size => hasMethod(value, 'toKibibytes'),
  'must be a Size, e.g. Size.gibibytes(4) or Size.mebibytes(512)');

/** A cdk8s `Duration` (`timeToLive: Duration.hours(1)`); a number of seconds is refused. */
export const DURATION_SHAPE = instanceShape<Duration>('Duration', (value): value is Duration => hasMethod(value, 'toMilliseconds'),
  'must be a Duration, e.g. Duration.minutes(15) or Duration.seconds(90)');

/** A cdk8s-plus `Cpu` (`Cpu.millis(500)`, `Cpu.units(2)`); a number or string is refused. */
export const CPU_SHAPE = instanceShape<Cpu>('Cpu',
  (value): value is Cpu => isObject(value) && (typeof (value as Partial<Cpu>).amount === 'string' || typeof (value as Partial<Cpu>).amount === 'number'),
  'must be a Cpu, e.g. Cpu.millis(500) or Cpu.units(2)');

/** A cdk8s-plus `EnvValue` (`EnvValue.fromValue('x')`, `EnvValue.fromSecretValue(...)`); a plain string is refused. */
export const ENV_VALUE_SHAPE = instanceShape<EnvValue>('EnvValue', (value): value is EnvValue => isObject(value) && ('value' in value || 'valueFrom' in value),
  'must be an EnvValue, e.g. EnvValue.fromValue("x") or EnvValue.fromSecretValue(...)');

/** A construct (a scope: the App, a Chart or any construct), recognised as `Construct.isConstruct()` does. */
export const CONSTRUCT_SHAPE = instanceShape<IConstruct>('Construct', (value): value is IConstruct => Construct.isConstruct(value),
  'must be a construct (the App, a Chart or another construct)');

function hasMethod(value: unknown, name: string): boolean {
  return isObject(value) && typeof (value as { [key: string]: unknown })[name] === 'function';
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Shapes registered by name (`registerShape`). */
const REGISTERED: { [name: string]: OptionsShape } = Object.create(null);

/**
 * Registers the shape of an options interface under its name, for a constructor that cannot
 * import the module that writes it without an import cycle (the driver's and the executor's
 * props: their shapes sit with the job's, in src/spark/job-props-shape.ts, which imports the
 * roles' types).
 */
export function registerShape(name: string, shape: OptionsShape): OptionsShape {
  REGISTERED[name] = shape;
  return shape;
}

/** The shape registered as `name`, read when a value is checked (so registration order does not matter). */
export function registeredShape(name: string): OptionsShape {
  return {
    get keys() {
      const shape = REGISTERED[name];
      if (shape === undefined) { throw new Error(`internal error: no shape is registered as ${name}`); }
      return shape.keys;
    },
  };
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
  return capture(prop, value, shape, 0, 'props') as T;
}

/**
 * Checks one argument of a method (`addVolume()`, `addLabel()`...) as `captureProps` checks a
 * prop, and returns its copy; a required argument left out is refused too.
 *
 * @param prop the argument as messages name it, e.g. `addSparkConf() value`; `''` names its keys
 *   bare (`memory`, not `props.memory`), as a construct's props are named
 * @param optional whether the argument may be left out
 * @param rootName with `prop` `''`, what messages about the whole argument call it
 */
export function captureArgument<T>(prop: string, value: T, shape: Shape, optional: boolean = false, rootName: string = 'props'): T {
  if (value === undefined && !optional) { invalid(prop || rootName, 'is required', value); }
  return capture(prop, value, shape, 0, rootName) as T;
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

function capture(prop: string, value: unknown, shape: Shape, depth: number, rootName: string = 'props'): unknown {
  if (value === undefined) { return undefined; }
  if (value === null) { invalid(prop || rootName, 'must not be null (leave it out instead)', value); }
  if (depth > MAX_DEPTH) { invalid(prop || rootName, `must not nest deeper than ${MAX_DEPTH} levels`, '...'); }
  if (typeof shape === 'string') {
    switch (shape) {
      case 'string':
      case 'number':
      case 'boolean':
        if (typeof value !== shape) { invalid(prop || rootName, `must be a ${shape}`, value); }
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
        if (typeof value !== 'object' || Array.isArray(value)) { invalid(prop || rootName, 'must be an object', value); }
        return deepCopy(value, depth, prop);
    }
  }
  if ('instanceOf' in shape) {
    if (!shape.is(value)) { invalid(prop || rootName, shape.allowed, describeCollection(value)); }
    return value;
  }
  if ('integer' in shape) {
    const { min, max, hint } = shape.integer;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      invalid(prop || rootName, `must be an integer from ${min} to ${max}${hint ? ` (${hint})` : ''}`, value);
    }
    return value;
  }
  if ('enum' in shape) {
    if (typeof value !== 'string' || !shape.enum.includes(value)) {
      invalid(prop || rootName, `must be one of ${shape.enum.join(', ')} (${shape.name})`, value);
    }
    return value;
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) { invalid(prop || rootName, 'must be a list', describeCollection(value)); }
    return value.map((item, i) => capture(`${prop}[${i}]`, item, shape.list, depth + 1));
  }
  if (typeof value !== 'object' || Array.isArray(value) || isCollection(value)) {
    invalid(prop || rootName, 'map' in shape
      ? `must be a map (a plain object${isCollection(value) ? '; a JavaScript Map is not read: pass Object.fromEntries(map)' : ''})`
      : `must be an object with the keys ${Object.keys(shape.keys).join(', ')}`, describeCollection(value));
  }
  if ('map' in shape) {
    const out: { [key: string]: unknown } = {};
    for (const [key, item] of Object.entries(value as object)) {
      out[key] = capture(`${prop}[${JSON.stringify(key)}]`, item, shape.map, depth + 1);
    }
    return out;
  }
  const keys = shape.keys;
  const given = Object.keys(value as object);
  // The known keys as a list, and the hints, are read only when a key is unknown: for the message.
  if (given.some(key => !hasOwn(keys, key))) { refuseUnknownKey(prop, value as object, shape, rootName); }
  const out: { [key: string]: unknown } = {};
  for (const key of given) {
    out[key] = capture(prop === '' ? key : `${prop}.${key}`, (value as any)[key], keys[key], depth + 1);
  }
  return out;
}

/** Throws for the first key of `value` that is not one of `shape`'s: a key with a hint first. */
function refuseUnknownKey(prop: string, value: object, shape: OptionsShape, rootName: string): never {
  for (const [key, hint] of Object.entries(shape.hints ?? {})) {
    if (hasOwn(value, key)) { invalid(prop === '' ? key : `${prop}.${key}`, hint, (value as any)[key]); }
  }
  // A construct's own props are named as written (`imagePullSecret`), not `props.imagePullSecret`;
  // an argument named by `rootName` (`options`, `properties`) keeps its name.
  checkOptions(prop || (rootName === 'props' ? '' : rootName), value, Object.keys(shape.keys));
  throw new Error('internal error: an unknown key was not refused');
}

/**
 * Whether `value` is a JavaScript `Map`, `Set` or one of their weak kinds: its entries are not its
 * own keys, so `Object.entries()` (and YAML) would see an empty object.
 */
function isCollection(value: unknown): boolean {
  return value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet;
}

/** A Map or Set as messages show it (`JSON.stringify` would print `{}`). */
function describeCollection(value: unknown): unknown {
  if (value instanceof Map) { return `Map(${JSON.stringify(Object.fromEntries([...value].map(([k, v]) => [String(k), v])))})`; }
  if (value instanceof Set) { return `Set(${JSON.stringify([...value])})`; }
  return value;
}

/**
 * A copy of plain objects and arrays, all the way down; anything else (class instances, functions)
 * as it is. Data nested deeper than the guard's bound is refused rather than recursed into, and so
 * is a `Map` or `Set`, which YAML would write as an empty object.
 *
 * @param depth how deep `value` already is in the props
 * @param prop the prop it came from, for the message
 */
export function deepCopy<T>(value: T, depth: number = 0, prop: string = 'props'): T {
  if (depth > MAX_DEPTH) { invalid(prop, `must not nest deeper than ${MAX_DEPTH} levels`, '...'); }
  if (Array.isArray(value)) { return value.map(item => deepCopy(item, depth + 1, prop)) as unknown as T; }
  if (isCollection(value)) { invalid(prop, 'must be plain data (a JavaScript Map or Set is written as an empty object: pass Object.fromEntries(map) or a list)', describeCollection(value)); }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: { [key: string]: unknown } = {};
    for (const [key, item] of Object.entries(value)) { out[key] = deepCopy(item, depth + 1, prop); }
    return out as T;
  }
  return value;
}
