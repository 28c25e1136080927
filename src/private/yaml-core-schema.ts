/**
 * A js-yaml schema that resolves scalars as the `yaml` library's YAML 1.2 core schema does, the
 * reading the `plan` command gave before it read with js-yaml (src/private/yaml-documents.ts).
 *
 * js-yaml's own `CORE_SCHEMA` differs: it reads `0b101` as 5 and `+.5`-less floats such as `-.5`
 * as strings, and refuses any tag it does not know. Here:
 * - plain scalars resolve by yaml 2.9.1's core tests, in its order (`dist/schema/core/schema.js`:
 *   null, bool, octal, decimal and hexadecimal int, `.inf`/`.nan`, exponent and plain floats);
 * - an explicit core tag (`!!null`, `!!bool`, `!!int`, `!!float`) gives its value when the text
 *   passes that tag's tests, else the text as a string (yaml's `findScalarTagByName()` in
 *   `dist/compose/compose-scalar.js` falls back to the string tag with a warning, no error);
 * - any other tag (local `!foo`, `%TAG` handles, `!!binary`, `!!set`, `!!omap`, `!!timestamp`...)
 *   keeps the node as it is written: a string, an array or an object. yaml keeps the value of
 *   unknown tags too, but makes a `Uint8Array`, `Set`, `Map` or `Date` of those four YAML 1.1
 *   tags it knows (`knownTags`); a manifest is JSON-like data, which has none of them.
 * `!!str`, `!!seq` and `!!map` are js-yaml's failsafe types.
 */
import type * as JsYaml from 'js-yaml';

/** One way yaml's core schema reads a plain scalar: its test and how it makes the value. */
interface CoreScalar {
  readonly test: RegExp;
  readonly resolve: (text: string) => unknown;
}

const NULL: readonly CoreScalar[] = [
  // yaml 2.9.1 dist/schema/common/null.js (nullTag)
  { test: /^(?:~|[Nn]ull|NULL)?$/, resolve: () => null },
];

const BOOL: readonly CoreScalar[] = [
  // yaml 2.9.1 dist/schema/core/bool.js (boolTag)
  { test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, resolve: text => text[0] === 't' || text[0] === 'T' },
];

const INT: readonly CoreScalar[] = [
  // yaml 2.9.1 dist/schema/core/int.js: intOct, int, intHex (intResolve: parseInt of the digits)
  { test: /^0o[0-7]+$/, resolve: text => parseInt(text.substring(2), 8) },
  { test: /^[-+]?[0-9]+$/, resolve: text => parseInt(text, 10) },
  { test: /^0x[0-9a-fA-F]+$/, resolve: text => parseInt(text.substring(2), 16) },
];

const FLOAT: readonly CoreScalar[] = [
  // yaml 2.9.1 dist/schema/core/float.js: floatNaN, floatExp, float
  {
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: text => text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
  },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, resolve: text => parseFloat(text) },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, resolve: text => parseFloat(text) },
];

/** The way of `ways` whose test the text passes, or undefined. */
function matching(ways: readonly CoreScalar[], text: string): CoreScalar | undefined {
  for (const way of ways) {
    if (way.test.test(text)) { return way; }
  }
  return undefined;
}

/**
 * The schema, built on first use from the js-yaml module given (loaded lazily by the caller).
 * `Type`s are js-yaml 4's (`lib/type.js`); `multi` types match every tag that starts with their
 * own, here the empty prefix: `composeNode()` in `lib/loader.js` tries them for a tag no other
 * type has, by the node's kind (`fallback` for an empty node).
 */
export function coreSchema(jsYaml: typeof JsYaml): JsYaml.Schema {
  const { FAILSAFE_SCHEMA, Type } = jsYaml;
  /** A plain scalar's type: the first way whose test it passes (js-yaml tries the implicit types in order). */
  const implicit = (tag: string, ways: readonly CoreScalar[]) => new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: string) => matching(ways, text) !== undefined,
    construct: (text: string) => matching(ways, text)!.resolve(text),
  });
  /** The same tag written out: the value when a test passes, else the text (an empty node is ''). */
  const explicit = (tag: string, ways: readonly CoreScalar[]) => new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: () => true,
    construct: (text: string | null) => {
      const source = text ?? '';
      const way = matching(ways, source);
      return way ? way.resolve(source) : source;
    },
  });
  /** Any other tag: the node as written; an empty node is '' (yaml reads it as an empty string). */
  const unknown = (kind: 'scalar' | 'sequence' | 'mapping', empty: () => unknown) => new Type('', {
    kind,
    multi: true,
    construct: (data: unknown) => data ?? empty(),
  });
  return FAILSAFE_SCHEMA.extend({
    implicit: [implicit('null', NULL), implicit('bool', BOOL), implicit('int', INT), implicit('float', FLOAT)],
    // js-yaml's `compileMap()` (lib/schema.js) puts explicit types after the implicit ones: for a
    // written tag, the explicit type of the same name is the one used.
    explicit: [
      explicit('null', NULL), explicit('bool', BOOL), explicit('int', INT), explicit('float', FLOAT),
      // the scalar one first: an empty node with an unknown tag takes the first `fallback` type
      unknown('scalar', () => ''), unknown('sequence', () => []), unknown('mapping', () => ({})),
    ],
  });
}
