/**
 * The one error type the library throws for a value it refuses.
 *
 * Every refused prop, option or factory argument throws it, eagerly, where the value was
 * passed. Every message has the same form, `<prop> <allowed> (got <value>)`, e.g.
 * `executor.instances must be an integer >= 1 (got 0)`, so that users (and the property tests)
 * can tell a refusal by the library from a crash. Rules about a whole object are reported by
 * cdk8s at synth (`node.addValidation`) instead.
 *
 * Exported to TypeScript and JavaScript as `SparkEciValidationError` (`catch (e) { if (e instanceof
 * SparkEciValidationError) ... }`). It is not part of the jsii API, so not in API.md: jsii cannot
 * give other languages a subclass of `Error`.
 */
export class SparkEciValidationError extends Error {
  /**
   * @param message the whole message, `<prop> <allowed> (got <value>)`; build it with `invalid()`
   */
  constructor(message: string) {
    super(message);
    this.name = 'SparkEciValidationError';
  }
}

/** Renders a refused value for a message: strings quoted, objects as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) { return 'undefined'; }
  if (typeof value === 'number' || typeof value === 'boolean') { return String(value); }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Builds the library's standard message: `<prop> <allowed> (got <value>)`. */
export function invalidMessage(prop: string, allowed: string, got: unknown): string {
  return `${prop} ${allowed} (got ${describeValue(got)})`;
}

/**
 * Throws the library's standard error for a refused value.
 *
 * @param prop the prop path as the user wrote it, e.g. `executor.instances`
 * @param allowed what is allowed, phrased to follow the prop: `must be an integer >= 1`
 * @param got the refused value
 */
export function invalid(prop: string, allowed: string, got: unknown): never {
  throw new SparkEciValidationError(invalidMessage(prop, allowed, got));
}

/** Refuses anything that is not an integer at or above `min` (and at or below `max` when given). */
export function checkInteger(prop: string, value: number | undefined, min: number, max?: number): void {
  if (value === undefined) { return; }
  const inRange = Number.isInteger(value) && value >= min && (max === undefined || value <= max);
  if (!inRange) {
    const allowed = max === undefined ? `must be an integer >= ${min}` : `must be an integer from ${min} to ${max}`;
    invalid(prop, allowed, value);
  }
}

/**
 * Refuses what is not a plain object, and any key of it not in `allowed`: callers from jsii
 * languages and plain JavaScript get no compile-time check of an options object, and a
 * misspelled key would otherwise be ignored without a word.
 */
export function checkOptions(prop: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined) { return; }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(prop || 'props', `must be an object with the keys ${allowed.join(', ')}`, value);
  }
  for (const key of Object.keys(value)) {
    // A construct's own props are named as written (`imagePullSecret`), not `props.imagePullSecret`.
    if (!allowed.includes(key)) { invalid(prop === '' ? key : `${prop}.${key}`, `must be one of the known keys (${allowed.join(', ')})`, (value as any)[key]); }
  }
}
