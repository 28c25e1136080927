/**
 * Reading plain JSON as parsed from YAML, where any field may hold anything: these helpers never
 * throw and never trust a type.
 */

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a list, else an empty list. */
export function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The string entries of a map (labels, annotations, node selectors). Numbers and booleans are
 * kept as strings, as a hand-written `value: true` is what the user meant; other values are left
 * out.
 */
export function stringMap(value: unknown): { [key: string]: string } {
  return addStrings({}, value);
}

/**
 * Sets the string entries of a map (as `stringMap()` keeps them) on `into`, over what it holds,
 * and returns it: `{ ...into, ...stringMap(value) }` without the copies. Spreading maps whose keys
 * are label keys (`sparkoperator.k8s.io/app-name`) costs V8 about ten times as much.
 */
export function addStrings(into: { [key: string]: string }, value: unknown): { [key: string]: string } {
  if (!isObject(value)) { return into; }
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') { into[key] = String(v); }
  }
  return into;
}

/** The value when it is a non-empty string. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
