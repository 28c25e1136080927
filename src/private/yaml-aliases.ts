/**
 * A bound on what aliases expand to: the guard against the "billion laughs".
 *
 * js-yaml reads an alias of a collection as the anchored object itself (`readAlias()` in js-yaml 4
 * `lib/loader.js`), so a document of a few lines can hold a value that is small in memory but
 * exponential for anything that walks it (the planner, `JSON.stringify`). The value is walked once,
 * in linear time: each object's size (its nodes, aliases expanded) is computed once and kept, and
 * every object met again after its first place is an alias that adds that many nodes. A document
 * whose aliases add more than `MAX_ALIAS_COUNT` nodes is refused, as the `yaml` library refused
 * one (`maxAliasCount`, yaml 2.9.1 `dist/nodes/Alias.js`), with its message. Aliases of scalars
 * copy a string or a number: they add nothing to walk and are not counted.
 */

/** How many nodes the aliases of one document may expand to: yaml's default `maxAliasCount`, far above what a manifest needs. */
export const MAX_ALIAS_COUNT = 1000;

/** The message for a document whose aliases expand too far: yaml's own. */
export const EXCESSIVE_ALIASES = 'Excessive alias count indicates a resource exhaustion attack';

/**
 * Whether the aliases of `value` (one document, as js-yaml reads it) expand to more than `max`
 * nodes. Nesting is bounded before this runs (`yaml-depth.ts`), and js-yaml makes no cycles (an
 * anchor is stored when its node is complete), so the recursion is shallow.
 */
export function aliasesExpandTooFar(value: unknown, max: number = MAX_ALIAS_COUNT): boolean {
  const sizes = new Map<object, number>();
  let added = 0;
  /** The nodes of `node`, aliases expanded; Infinity once the bound is passed (the walk stops). */
  const size = (node: unknown): number => {
    if (node === null || typeof node !== 'object') { return 1; }
    const known = sizes.get(node);
    if (known !== undefined) {
      added += known;
      return added > max ? Infinity : known;
    }
    let total = 1;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      total += size(child);
      if (added > max) { return Infinity; }
    }
    sizes.set(node, total);
    return total;
  };
  return size(value) === Infinity || added > max;
}
