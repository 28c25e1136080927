/**
 * Whether two values are the same data, key order included: what the synth-time checks ask of two
 * validation passes (the rendered JSON, decisions and rule contexts of each) to tell whether the
 * second may reuse the first one's plan.
 *
 * Stricter than comparing `JSON.stringify()` output, never looser: `undefined`, functions and
 * `NaN` are compared as themselves (stringify drops or rewrites them, so two different contexts
 * could print the same), and instances of classes must share a prototype. Arrays and plain
 * objects are recognised in any realm (`structuredClone()` makes them in Node's own, which under
 * jest is not the tests' one). A false "different" only costs a
 * plan; a false "same" would report a stale one. It builds no string: one walk over both values,
 * stopping at the first difference.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) { return true; }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) { return false; }
  if (Array.isArray(a) !== Array.isArray(b) || (!Array.isArray(a) && kindOf(a) !== kindOf(b))) { return false; }
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) { return false; }
    for (let i = 0; i < a.length; i++) {
      if (!sameValue(a[i], other[i])) { return false; }
    }
    return true;
  }
  if (a instanceof Map || a instanceof Set) { return false; } // not data a pass compares: treated as changed
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) { return false; }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key !== otherKeys[i] || !sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) { return false; }
  }
  return true;
}

/** A plain object (of any realm: its prototype's prototype is null), or the prototype of an instance. */
function kindOf(value: object): object | 'plain' {
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null ? 'plain' : proto;
}
