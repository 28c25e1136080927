import * as fc from 'fast-check';
import { isScalar, parseAllDocuments } from 'yaml';
import { MAX_YAML_DEPTH } from '../src/private/yaml-depth';
import { YamlProblem, yamlDocuments, yamlValuesLeniently } from '../src/private/yaml-documents';

class Refused extends Error {
  constructor(public readonly problem: YamlProblem) { super(problem.message); }
}

/** Every document's value, or the problem that stopped the read. */
function read(text: string): { values: unknown[]; problem?: YamlProblem } {
  const values: unknown[] = [];
  try {
    for (const { value } of yamlDocuments(text, problem => new Refused(problem))) { values.push(value); }
    return { values };
  } catch (e) {
    if (e instanceof Refused) { return { values, problem: e.problem }; }
    throw e;
  }
}

/**
 * The `yaml` library's reading (YAML 1.2 core schema), the reader's reference: what the `plan`
 * command read with before js-yaml. Duplicate keys are judged as the reader judges them, by the
 * strings the keys become (see yaml-documents.ts); yaml reports each one, in the order it
 * composes them. Scalar keys only: yaml and js-yaml turn collection keys into different strings.
 */
function yamlsOwn(text: string): { values: unknown[]; duplicatesAt: number[]; otherError: boolean } {
  const sameString = (a: unknown, b: unknown) => isScalar(a) && isScalar(b) && String(a.value) === String(b.value);
  const docs = parseAllDocuments(text, { logLevel: 'error', uniqueKeys: sameString });
  const list = Array.isArray(docs) ? docs : [docs];
  const errors = list.flatMap(d => d.errors);
  const duplicatesAt = errors.filter(e => e.code === 'DUPLICATE_KEY').map(e => e.pos[0]);
  try {
    const otherError = errors.some(e => e.code !== 'DUPLICATE_KEY');
    return { values: otherError ? [] : list.map(d => d.toJS()), duplicatesAt, otherError };
  } catch {
    return { values: [], duplicatesAt, otherError: true }; // an alias before its anchor
  }
}

/** The offset in `text` of a line and column counting from 1. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) { offset = text.indexOf('\n', offset) + 1; }
  return offset + column - 1;
}

describe('reading YAML documents', () => {
  test('documents one at a time, as plain data, empty ones as null', () => {
    expect(read('a: 1\n---\n---\n- x\n').values).toEqual([{ a: 1 }, null, ['x']]);
  });

  test('a duplicate key is refused with its line and its column', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\n  y: "2"\n  x: "3"\n';
    expect(read(text).problem).toEqual({
      document: 1,
      line: 8,
      message: 'YAML does not parse (line 8): Map keys must be unique: "x" at line 8, column 3',
    });
  });

  test('a duplicate key in a large map (read with a hash) and in the second document', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `  k${i}: v`);
    const text = `a: 1\n---\ndata:\n${keys.join('\n')}\n  k500: again\n`;
    expect(read(text)).toEqual({
      values: [{ a: 1 }],
      problem: {
        document: 2,
        line: 1004,
        message: 'YAML does not parse (line 1004): Map keys must be unique: "k500" at line 1004, column 3',
      },
    });
  });

  // Kubernetes' judgement, not yaml's: the API server reads YAML as JSON, whose keys are strings.
  test('keys are the same when they are the same string, as the API server has them: 1 and "1", true and "true", NaN and NaN', () => {
    expect(read('1: a\n"1": b\n').problem?.message).toBe('YAML does not parse (line 2): Map keys must be unique: "1" at line 2, column 1');
    expect(read('true: c\n"true": d\n').problem?.message).toContain('Map keys must be unique: "true" at line 2, column 1');
    expect(read('.nan: e\n.NaN: f\n').problem?.message).toContain('Map keys must be unique: NaN at line 2, column 1');
    expect(read('null: a\n~: b\n').problem?.message).toContain('Map keys must be unique: null at line 2, column 1');
    expect(read('0x10: a\n16: b\n').problem?.message).toContain('Map keys must be unique: 16 at line 2');
    expect(read('{a: 1, a: 2}').problem?.message).toContain('Map keys must be unique: "a" at line 1, column 8');
    expect(read('a:\n  - {b: 1, c: 2}\n  - ? b\n    : 1\n    ? b\n').problem?.message).toContain('Map keys must be unique: "b" at line 5, column 7');
    expect(read('1: a\n"2": b\n1.5: c\n').values).toEqual([{ 1: 'a', 2: 'b', 1.5: 'c' }]);
  });

  test('a syntax error names the document and the line', () => {
    expect(read('a: 1\n---\nb: [1, 2\nc: 3\n').problem).toMatchObject({ document: 2, message: expect.stringMatching(/^YAML does not parse \(line \d+\): /) });
  });

  test('nesting past the bound is refused while the text is read, naming the document and the line', () => {
    expect(read(`a: 1\n---\n${'['.repeat(100_000)}`)).toMatchObject({
      problem: {
        document: 2,
        line: 3,
        message: `YAML nests deeper than ${MAX_YAML_DEPTH} levels (line 3): the plan command reads at most ${MAX_YAML_DEPTH}; Kubernetes objects nest a few dozen`,
      },
    });
  });

  test('aliases expand to at most 1000 nodes: the "billion laughs" are refused', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) { laughs.push(`${'bcdefghij'[i - 1]}: &${'bcdefghij'[i - 1]} [${Array(9).fill(`*${'abcdefghij'[i - 1]}`).join(',')}]`); }
    expect(read(laughs.join('\n')).problem).toMatchObject({ document: 1, message: expect.stringContaining('YAML cannot be read: Excessive alias count') });
  });

  test('an empty entry followed by a less indented one is refused, not misread as js-yaml reads it', () => {
    const text = 'containers:\n  - name: a\n    args:\n      -\n  - name: b\n';
    expect(read(text).problem).toEqual({
      document: 1,
      line: 5,
      message: 'YAML cannot be read (line 5): the sequence entry at line 5, column 3 follows an empty entry ("-" alone on its line) of a more indented sequence, '
        + 'and the reader (js-yaml 4) would read it into that sequence: write the empty entry as "- null"',
    });
    expect(read('-\n  -\n- 1\n').problem?.line).toBe(3);
    expect(read('- - \n- 1\n').problem?.line).toBe(2);
    expect(read(text.replace('-\n  - name: b', '- null\n  - name: b')).values).toEqual([{ containers: [{ name: 'a', args: [null] }, { name: 'b' }] }]);
    // an empty entry taken in silently (js-yaml: [[null, null, "x"]]), or making js-yaml fail further on
    expect(read('-\n  - \n-\n  - x\n').problem?.line).toBe(3);
    expect(read('-\n  - \n-\n  a: 1\n').problem?.message).toContain('follows an empty entry');
    // blank and comment lines between, a comment after the "-", a later document
    expect(read('- - # c\n\n  # d\n- x\n').problem?.line).toBe(4);
    expect(read('a: 1\n---\n-\n  -\n- x\n')).toEqual({ values: [{ a: 1 }], problem: expect.objectContaining({ document: 2, line: 5 }) });
    // a "-" line inside a scalar is text, not an entry
    expect(read('- |\n  text\n  -\n- next\n').values).toEqual([['text\n-\n', 'next']]);
    expect(read('- a\n  -\n- b\n').values).toEqual([['a -', 'b']]);
    expect(read('- "a\n  -\n  "\n- b\n').values).toEqual([['a - ', 'b']]);
    // the same shapes that js-yaml reads right are read
    expect(read('a:\n  -\n  -\nb: 1\n').values).toEqual([{ a: [null, null], b: 1 }]);
    expect(read('- a: 1\n  b:\n  - x\n- - y\n  - z\n--- - w\n').values).toEqual([[{ a: 1, b: ['x'] }, ['y', 'z']], ['w']]);
  });

  test('leniently: a document that cannot be read is undefined, the others are read', () => {
    expect(yamlValuesLeniently('a: 1\n---\nb: 1\nb: 2\n---\n[c\n---\nd: 4\n')).toEqual([{ a: 1 }, undefined, undefined, { d: 4 }]);
    expect(yamlValuesLeniently('['.repeat(1000))).toEqual([]);
  });

  // The reader is js-yaml with a schema of yaml's core resolution: the values must be yaml's.
  describe('agrees with the yaml library (YAML 1.2 core schema)', () => {
    /** Each reading of a scalar: yaml's, or undefined when yaml has an error for the text. */
    function yamlValue(text: string): { value: unknown } | undefined {
      const own = yamlsOwn(text);
      return own.otherError || own.duplicatesAt.length > 0 ? undefined : { value: own.values };
    }

    const plainScalar = fc.oneof(
      fc.stringMatching(/^[-+]?(?:\.[0-9]{1,3}|[0-9]{1,3}(?:\.[0-9]{0,3})?)(?:[eE][-+]?[0-9]{1,3})?$/),
      fc.stringMatching(/^[-+]?0[oxOXb][0-9a-fA-F]{0,4}$/),
      fc.constantFrom('~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes', 'no', 'on', 'off',
        'y', 'n', '.inf', '-.inf', '+.Inf', '.INF', '.iNF', '.nan', '.NaN', '.NAN', '-.nan', '+.nan', '0b101', '1_000', '1:00', '0o78', '012', '-0', '+0',
        '9007199254740993', '1e400', '2001-12-14', '0.', '.e1', '1.e1', '-.5', '+.5', '.5'),
      fc.string({ unit: fc.constantFrom(...'0123456789+-.eEoxXabfinNtTrulsA~_'), minLength: 1, maxLength: 8 }),
    );

    test('on generated plain scalars, as values, keys and items', () => {
      fc.assert(fc.property(plainScalar, scalar => {
        for (const text of [`v: ${scalar}\n`, `${scalar}: v\n`, `- ${scalar}\n`, `[${scalar}]\n`, `${scalar}\n`]) {
          const expected = yamlValue(text);
          // a null key is "" to yaml, "null" to js-yaml (the table below)
          if (expected === undefined || JSON.stringify(expected.value) === '[{"":"v"}]') { continue; }
          expect(read(text)).toEqual({ values: expected.value });
        }
      }), { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) });
    });

    // What yaml 2.9.1 read (the table's last column) and how js-yaml's CORE_SCHEMA differs.
    test.each<[string, unknown, string]>([
      ['0b101', '0b101', 'js-yaml: 5 (YAML 1.1 binary)'],
      ['-.5', -0.5, 'js-yaml: "-.5"'],
      ['+.5', 0.5, 'js-yaml: "+.5"'],
      ['0o17', 15, ''],
      ['0x1F', 31, ''],
      ['0X1F', '0X1F', ''],
      ['012', 12, 'decimal, not octal'],
      ['-0', -0, ''],
      ['+12', 12, ''],
      ['1_000', '1_000', ''],
      ['.inf', Infinity, ''],
      ['-.Inf', -Infinity, ''],
      ['.NaN', NaN, ''],
      ['yes', 'yes', 'YAML 1.1 booleans are strings'],
      ['TRUE', true, ''],
      ['tRUE', 'tRUE', ''],
      ['Null', null, ''],
      ['2001-12-14', '2001-12-14', 'no timestamps'],
      ['!foo bar', 'bar', 'a local tag keeps the value; js-yaml: "unknown tag"'],
      ['!foo [1]', [1], 'on a sequence too'],
      ['!foo {a: 1}', { a: 1 }, 'and a mapping'],
      ['!foo', '', 'an empty node with a tag is an empty string'],
      ['!<tag:example.com,2000:x> y', 'y', 'a verbatim tag'],
      ['%TAG ! tag:example.com,2000:\n--- !x 1', '1', 'a %TAG handle'],
      ['!!float 1', '1', 'a core tag whose test fails: the text (yaml warns)'],
      ['!!int 0x1f', 31, ''],
      ['!!int foo', 'foo', 'js-yaml: "cannot resolve"'],
      ['!!bool yes', 'yes', ''],
      ['!!null ""', null, ''],
      ['!!str 1', '1', ''],
      ['! 12', '12', 'the non-specific tag'],
      ['<<: {a: 1}', { '<<': { a: 1 } }, 'no merge keys in YAML 1.2'],
    ])('%j reads as yaml read it (%j) %s', (text: string, value: unknown) => {
      expect(read(text)).toEqual({ values: [value] });
      expect(read(text).values).toEqual(yamlValue(text)!.value);
    });

    // Values that differ from yaml's, on purpose or as js-yaml has them: none is a Kubernetes object.
    test.each([
      ['!!binary aGk=', 'aGk=', 'yaml: the bytes, a Uint8Array'],
      ['!!set {a, b}', { a: null, b: null }, 'yaml: a Set'],
      ['!!omap [a: 1]', [{ a: 1 }], 'yaml: a Map'],
      ['!!timestamp 2001-12-14', '2001-12-14', 'yaml: a Date'],
      ['? [a, b]\n: 1', { 'a,b': 1 }, 'yaml: key "[ a, b ]" (js-yaml\'s String() of the array)'],
      ['{a: 1}: x', { '[object Object]': 'x' }, 'yaml: key "{ a: 1 }"'],
      ['~: a', { null: 'a' }, 'yaml: key ""'],
      ['# a comment', undefined, 'no document, as in yaml'],
    ] as Array<[string, unknown, string]>)('%j reads as %j (%s)', (text, value) => {
      expect(read(text)).toEqual({ values: value === undefined ? [] : [value] });
    });

    const key = fc.constantFrom('a', 'b', '"a"', "'b'", '1', '"1"', '01', '0x1', 'true', 'True', '"true"', '.nan', '.NaN', '-0', '0', '? a');
    const scalar = fc.constantFrom('1', 'x', '"y"', 'null', '[1, 2]', '{}', '&r z', '-.5', '0b1', '!t v', '*r', '"a\\tb\\u00e9"', "'it''s'",
      '{a: [1, {b: c}], d: .inf}', '[a, "b", {c: d}, ~]', 'a b  c', 'x # comment', '&s [1, 2]', '*s', '!!str 12', '!!int "7"', '~', '');
    type Tree = { entries: Array<{ key: string; value: Tree | string }> } | { seq: Array<Tree | string> };
    const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>(tie => ({
      tree: fc.oneof(
        { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
        fc.record({ entries: fc.array(fc.record({ key, value: fc.oneof(scalar, tie('tree')) }), { minLength: 1, maxLength: 10 }) }),
        fc.record({ seq: fc.array(fc.oneof(scalar, tie('tree')), { minLength: 1, maxLength: 3 }) }),
      ),
    })).tree;

    /** Block YAML of a tree: maps and sequences indented under their parent. */
    function render(t: Tree | string, indent: string): string[] {
      if (typeof t === 'string') { return [t]; }
      const lines: string[] = [];
      if ('entries' in t) {
        for (const { key: k, value } of t.entries) {
          const explicit = k.startsWith('? ');
          if (typeof value === 'string') {
            lines.push(explicit ? `${indent}${k}\n${indent}: ${value}` : `${indent}${k}: ${value}`);
          } else {
            lines.push(explicit ? `${indent}${k}\n${indent}:` : `${indent}${k}:`, ...render(value, `${indent}  `));
          }
        }
      } else {
        for (const item of t.seq) {
          if (typeof item === 'string') { lines.push(`${indent}- ${item}`); } else { lines.push(`${indent}-`, ...render(item, `${indent}  `)); }
        }
      }
      return lines;
    }

    test('on generated documents: the same values, and a repeated key refused where yaml finds one', () => {
      fc.assert(fc.property(fc.array(tree, { minLength: 1, maxLength: 3 }), docs => {
        const text = docs.map(d => render(d, '').join('\n')).join('\n---\n') + '\n';
        const own = yamlsOwn(text);
        if (own.otherError) { return; }
        const ours = read(text);
        if (ours.problem?.message.includes('follows an empty entry')) {
          // refused rather than misread (yaml-empty-entries.ts): an empty entry ends a sequence there
          expect(text).toMatch(/^ *(?:- +)*- *\n(?: *\n)* *-(?: |$)/m);
        } else if (own.duplicatesAt.length === 0) {
          expect(ours).toEqual({ values: own.values });
        } else {
          // js-yaml checks a key when its value is read: a repeated key inside that value comes
          // first. Either way the one named is a key yaml finds repeated (after `? `, at the key).
          const [, line, column] = / at line (\d+), column (\d+)$/.exec(ours.problem?.message ?? '') ?? [];
          expect(ours.problem?.message).toMatch(/Map keys must be unique/);
          // yaml places a key after an empty value at the end of that value's line: skip to the key
          const keyStart = (at: number) => { while (text[at] === ' ' || text[at] === '\n') { at++; } return at; };
          expect(own.duplicatesAt.map(keyStart)).toContain(keyStart(offsetOf(text, Number(line), Number(column))));
        }
      }), { numRuns: Number(process.env.FC_NUM_RUNS ?? 300) });
    });
  });
});
