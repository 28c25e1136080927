import { parseAllDocuments } from 'yaml';
import { MAX_YAML_DEPTH, tooDeepMessage } from '../src/private/yaml-depth';
import { YamlProblem, yamlDocuments } from '../src/private/yaml-documents';

const nestedKeys = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' x';

/** The first problem of a text, or undefined when every document is read. */
function depthProblem(text: string): YamlProblem | undefined {
  try {
    for (const _ of yamlDocuments(text, problem => Object.assign(new Error(problem.message), { problem }))) { /* read on */ }
    return undefined;
  } catch (e) {
    return (e as { problem: YamlProblem }).problem;
  }
}

// The bound is counted on js-yaml's listener as it reads (src/private/yaml-depth.ts).
describe('the YAML nesting bound', () => {
  test('refuses 100,000 nested [ at once, naming the limit and the line', () => {
    const started = process.hrtime.bigint();
    expect(depthProblem('['.repeat(100_000))).toEqual({
      document: 1,
      line: 1,
      message: `YAML nests deeper than ${MAX_YAML_DEPTH} levels (line 1): the plan command reads at most ${MAX_YAML_DEPTH}; Kubernetes objects nest a few dozen`,
    });
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
    expect(tooDeepMessage(3)).toBe(`YAML nests deeper than ${MAX_YAML_DEPTH} levels (line 3): the plan command reads at most ${MAX_YAML_DEPTH}; Kubernetes objects nest a few dozen`);
  });

  // NestingBound may let one level more through where block nesting ends in a block value (no
  // event pair of js-yaml's key attempt there), never refuses text within the bound.
  test.each([
    ['flow', (n: number) => '['.repeat(n) + ']'.repeat(n), 1, 1],
    ['flow maps', (n: number) => '{a: '.repeat(n) + '1' + '}'.repeat(n), 1, 1],
    ['compact sequences', (n: number) => '- '.repeat(n) + 'x', 1, 1],
    ['indented maps', nestedKeys, 2, MAX_YAML_DEPTH + 2],
  ])('%s: the limit is accepted and read as yaml reads it, deeper is refused', (_name, nest, past, line) => {
    expect(depthProblem(nest(MAX_YAML_DEPTH))).toBeUndefined();
    expect(depthProblem(nest(MAX_YAML_DEPTH + past))?.message).toBe(tooDeepMessage(line));
    if (past > 1) { expect(depthProblem(nest(MAX_YAML_DEPTH + 1))).toBeUndefined(); }
    const docs = parseAllDocuments(nest(MAX_YAML_DEPTH - 1));
    const list = Array.isArray(docs) ? docs : [docs];
    expect(list.flatMap(d => d.errors)).toEqual([]);
    expect([...yamlDocuments(nest(MAX_YAML_DEPTH - 1), p => new Error(p.message))].map(d => d.value)).toEqual(list.map(d => d.toJS()));
  });

  test('counts neither quoted strings, comments nor block scalars', () => {
    const brackets = '['.repeat(1000);
    expect(depthProblem(`a: "${brackets}"\nb: '${brackets}'\n# ${brackets}\nc: |\n  ${brackets}\n  ${'{'.repeat(1000)}\nd: ${'x['.repeat(300)}\n`)).toBeUndefined();
  });

  test('block scalars do not reset the count, and each document is counted on its own', () => {
    const withScalars = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:\n${' '.repeat(i + 1)}s: |\n${' '.repeat(i + 3)}text\n${' '.repeat(i + 1)}k:`).join('\n') + ' x';
    expect(depthProblem(withScalars)).toMatchObject({ document: 1 });
    const doc = nestedKeys(200);
    expect(depthProblem(`${doc}\n---\n${doc}\n---\n${doc}\n`)).toBeUndefined();
    expect(depthProblem(`${doc}\n---\n${'['.repeat(300)}`)).toMatchObject({ document: 2, line: 202 });
  });

  test('an empty collection past the bound is refused too', () => {
    expect(depthProblem('a: ' + '['.repeat(MAX_YAML_DEPTH) + '{}' + ']'.repeat(MAX_YAML_DEPTH))?.message).toContain(`YAML nests deeper than ${MAX_YAML_DEPTH} levels`);
    expect(depthProblem('a: ' + '['.repeat(MAX_YAML_DEPTH - 1) + '{}' + ']'.repeat(MAX_YAML_DEPTH - 1))).toBeUndefined();
  });
});
