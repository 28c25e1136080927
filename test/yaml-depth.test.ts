import { parseAllDocuments } from 'yaml';
import { MAX_YAML_DEPTH, yamlDepthProblem } from '../src/private/yaml-depth';

const nestedKeys = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' x';

describe('the YAML nesting bound', () => {
  test('refuses 100,000 nested [, naming the limit and the line', () => {
    expect(yamlDepthProblem('['.repeat(100_000))).toEqual({
      document: 1,
      line: 1,
      message: `YAML nests deeper than ${MAX_YAML_DEPTH} levels (line 1): the plan command reads at most ${MAX_YAML_DEPTH}; Kubernetes objects nest a few dozen`,
    });
  });

  test.each([
    ['flow', (n: number) => '['.repeat(n) + ']'.repeat(n)],
    ['flow maps', (n: number) => '{a: '.repeat(n) + '1' + '}'.repeat(n)],
    ['compact sequences', (n: number) => '- '.repeat(n) + 'x'],
    ['indented maps', nestedKeys],
  ])('%s: the limit is accepted, one more level is refused, and the accepted depth composes', (_name, nest) => {
    expect(yamlDepthProblem(nest(MAX_YAML_DEPTH - 1))).toBeUndefined();
    expect(yamlDepthProblem(nest(MAX_YAML_DEPTH + 1))?.message).toContain(`YAML nests deeper than ${MAX_YAML_DEPTH} levels`);
    const docs = parseAllDocuments(nest(MAX_YAML_DEPTH - 1));
    expect((Array.isArray(docs) ? docs : [docs]).flatMap(d => d.errors)).toEqual([]);
  });

  test('counts neither quoted strings, comments nor block scalars', () => {
    const brackets = '['.repeat(1000);
    expect(yamlDepthProblem(`a: "${brackets}"\nb: '${brackets}'\n# ${brackets}\nc: |\n  ${brackets}\n  ${'{'.repeat(1000)}\nd: ${'x['.repeat(300)}\n`)).toBeUndefined();
  });

  test('block scalars do not reset the indentation count, and each document is counted on its own', () => {
    const withScalars = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:\n${' '.repeat(i + 1)}s: |\n${' '.repeat(i + 3)}text\n${' '.repeat(i + 1)}k:`).join('\n') + ' x';
    expect(yamlDepthProblem(withScalars)).toMatchObject({ document: 1 });
    const doc = nestedKeys(200);
    expect(yamlDepthProblem(`${doc}\n---\n${doc}\n---\n${doc}\n`)).toBeUndefined();
    expect(yamlDepthProblem(`${doc}\n---\n${'['.repeat(300)}`)).toMatchObject({ document: 2, line: 202 });
  });
});
