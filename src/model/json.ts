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
  const out: { [key: string]: string } = {};
  if (!isObject(value)) { return out; }
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') { out[key] = String(v); }
  }
  return out;
}

/** The value when it is a non-empty string. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
