/**
 * `sameValue()` (src/private/same-value.ts): what tells two validation passes apart. It must never
 * call two different values the same (the second pass would report the first one's plan).
 */
import * as vm from 'vm';
import * as fc from 'fast-check';
import { sameValue } from '../src/private/same-value';

describe('sameValue', () => {
  test('on JSON data it says what comparing JSON.stringify() output says, key order included', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      expect(sameValue(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      expect(sameValue(a, JSON.parse(JSON.stringify(a)))).toBe(true);
    }), { numRuns: 1000 });
  });

  test('a copy with one leaf changed anywhere is different', () => {
    fc.assert(fc.property(fc.jsonValue(), a => {
      const changed = JSON.parse(JSON.stringify(a));
      const leaf = firstLeafParent(changed);
      if (leaf === undefined) { return; }
      leaf.parent[leaf.key] = `${JSON.stringify(leaf.parent[leaf.key])}!`;
      expect(sameValue(a, changed)).toBe(false);
    }), { numRuns: 1000 });
  });

  test('stricter than JSON where JSON would hide a difference', () => {
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false); // key order: another YAML
    expect(sameValue({ a: undefined }, {})).toBe(false);
    expect(sameValue([undefined], [null])).toBe(false);
    expect(sameValue(NaN, null)).toBe(false);
    expect(sameValue(NaN, NaN)).toBe(false);
    expect(sameValue({ f: () => 1 }, { f: () => 1 })).toBe(false);
    class A { constructor(readonly x: number) {} }
    expect(sameValue(new A(1), { x: 1 })).toBe(false);
    expect(sameValue(new A(1), new A(1))).toBe(true);
    expect(sameValue(new Map([['a', 1]]), new Map([['a', 2]]))).toBe(false);
    expect(sameValue([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});

/** Some leaf of a value and the object or array holding it, or undefined for a bare scalar or empty collections only. */
function firstLeafParent(value: unknown): { parent: any; key: string | number } | undefined {
  if (typeof value !== 'object' || value === null) { return undefined; }
  for (const key of Object.keys(value)) {
    const child = (value as any)[key];
    if (typeof child !== 'object' || child === null) { return { parent: value, key: Array.isArray(value) ? Number(key) : key }; }
    const deeper = firstLeafParent(child);
    if (deeper) { return deeper; }
  }
  return undefined;
}

test('arrays and plain objects of another realm are the same data (structuredClone under jest)', () => {
  const other = vm.runInNewContext('({ a: [1, { b: 2 }] })');
  expect(sameValue(other, { a: [1, { b: 2 }] })).toBe(true);
  expect(sameValue(other, { a: [1, { b: 3 }] })).toBe(false);
});
