import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { MAX_YAML_DEPTH } from '../src/private/yaml-depth';
import { duplicateKey, YamlProblem, yamlDocuments, yamlValuesLeniently } from '../src/private/yaml-documents';

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

/** yaml's own reading, duplicate keys checked by yaml (its default, quadratic in the keys of a map). */
function yamlsOwn(text: string): { values: unknown[]; duplicateAt?: number; otherError: boolean } {
  const docs = parseAllDocuments(text, { logLevel: 'error' });
  const list = Array.isArray(docs) ? docs : [docs];
  const errors = list.flatMap(d => d.errors);
  const duplicate = errors.find(e => e.code === 'DUPLICATE_KEY');
  const otherError = errors.some(e => e.code !== 'DUPLICATE_KEY');
  return { values: otherError ? [] : list.map(d => d.toJS()), duplicateAt: duplicate?.pos[0], otherError };
}

describe('reading YAML documents', () => {
  test('documents one at a time, as plain data, empty ones as null', () => {
    expect(read('a: 1\n---\n---\n- x\n').values).toEqual([{ a: 1 }, null, ['x']]);
  });

  test('a duplicate key is refused with its line, its column and the line of the first one', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\n  y: "2"\n  x: "3"\n';
    expect(read(text).problem).toEqual({
      document: 1,
      line: 8,
      message: 'YAML does not parse (line 8): Map keys must be unique: "x" at line 8, column 3 is already a key of the map at line 6, column 3',
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
        message: 'YAML does not parse (line 1004): Map keys must be unique: "k500" at line 1004, column 3 is already a key of the map at line 504, column 3',
      },
    });
  });

  test('keys are the same as yaml has them: by scalar value, 1 and "1" differ, NaN keys and collections never repeat', () => {
    const warn = jest.spyOn(process, 'emitWarning');
    expect(read('1: a\n"1": b\ntrue: c\n"true": d\n.nan: e\n.nan: f\n[x]: g\n[x]: h\n').problem).toBeUndefined();
    expect(read('null: a\n~: b\n').problem?.message).toContain('Map keys must be unique: null at line 2, column 1');
    expect(read('0x10: a\n16: b\n').problem?.message).toContain('Map keys must be unique: 16 at line 2');
    expect(read('{a: 1, a: 2}').problem?.message).toContain('Map keys must be unique: "a" at line 1, column 8');
    expect(warn).not.toHaveBeenCalled(); // yaml warns of collection keys unless told not to
    warn.mockRestore();
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

  test('process.env is a plain copy while yaml reads (it reads LOG_TOKENS per token), and the real one is back after, even on an error', () => {
    const env = process.env;
    const seen: unknown[] = [];
    for (const _ of yamlDocuments('a: 1\n---\nb: 2\n', p => new Refused(p))) { seen.push(process.env); }
    expect(seen.every(e => e !== env && (e as NodeJS.ProcessEnv).PATH === env.PATH)).toBe(true);
    expect(process.env).toBe(env);
    expect(read('a: 1\na: 2\n').problem).toBeDefined();
    expect(process.env).toBe(env);
    for (const _ of yamlDocuments('a: 1\n---\nb: 2\n', p => new Refused(p))) { break; }
    expect(process.env).toBe(env);
  });

  test('leniently: a document that cannot be read is undefined, the others are read', () => {
    expect(yamlValuesLeniently('a: 1\n---\nb: 1\nb: 2\n---\n[c\n---\nd: 4\n')).toEqual([{ a: 1 }, undefined, undefined, { d: 4 }]);
    expect(yamlValuesLeniently('['.repeat(1000))).toEqual([]);
  });

  // The reader turns yaml's duplicate check off and makes it itself: the two must agree on which
  // texts repeat a key, on where the first repeated key is, and on the values of the others.
  describe('agrees with yaml\'s own duplicate key check', () => {
    const key = fc.constantFrom('a', 'b', '"a"', "'b'", '1', '"1"', '01', '0x1', 'true', 'True', '"true"', 'null', '~', '.nan', '.NaN', '-0', '0', '[a]', '{a: 1}', '? a');
    const scalar = fc.constantFrom('1', 'x', '"y"', 'null', '[1, 2]', '{}', '&r z');
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

    test('on generated documents', () => {
      fc.assert(fc.property(fc.array(tree, { minLength: 1, maxLength: 3 }), docs => {
        const text = docs.map(d => render(d, '').join('\n')).join('\n---\n') + '\n';
        const own = yamlsOwn(text);
        if (own.otherError) { return; }
        const ours = read(text);
        if (own.duplicateAt === undefined) {
          expect(ours).toEqual({ values: own.values });
        } else {
          expect(ours.problem?.message).toMatch(/Map keys must be unique/);
          const composed = parseAllDocuments(text, { uniqueKeys: false, logLevel: 'error' });
          const found = (Array.isArray(composed) ? composed : [composed]).map(d => duplicateKey(d.contents)).find(d => d !== undefined);
          expect(found?.offset).toBe(own.duplicateAt);
        }
      }), { numRuns: Number(process.env.FC_NUM_RUNS ?? 300) });
    });
  });
});
