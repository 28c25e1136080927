/**
 * The plan command's limits: counts are arithmetic (no per-pod expansion, no recursion on the
 * number of pods), so the largest count a SparkApplication can hold plans at once.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture, fixtureDir } from './support/plan-inputs';
import { EXIT_CODES, main } from '../src/cli/cli';
import { ManifestFile, PlanInputError, planManifests } from '../src/model/plan';
import { MAX_YAML_DEPTH } from '../src/private/yaml-depth';

const INT32_MAX = 2_147_483_647;

function withInstances(file: ManifestFile, instances: number): ManifestFile {
  const text = file.text.replace(/^(\s+instances: )\d+$/m, `$1${instances}`);
  if (text === file.text) { throw new Error(`${file.file} has no executor instances to change`); }
  return { file: file.file, text };
}

describe('plan on the largest executor counts', () => {
  // Pod counts are numbers, never lists of pods: these would not finish otherwise. How fast they are
  // is the benchmark's to measure (BENCHMARKS.md), not a unit test's.
  test('2,147,483,647 ECI executors plan as one count', () => {
    const report = planManifests([withInstances(fixture('eci-only.yaml'), INT32_MAX)]);
    expect(report.jobs).toHaveLength(1);
    expect(report.jobs[0].roles.find((r: any) => r.role === 'executor')).toMatchObject({ pods: INT32_MAX });
  });

  test('2,147,483,647 executors under a ResourcePolicy plan as counts, the Pending ones counted', () => {
    const files = fixtureDir('resource-policy');
    const index = files.findIndex(f => /^\s+instances: \d+$/m.test(f.text));
    files[index] = withInstances(files[index], INT32_MAX);
    const report = planManifests(files);
    expect(report.totals.pendingPods).toBeGreaterThan(INT32_MAX - 1000);
  });
});

describe('plan on deeply nested YAML', () => {
  async function planFile(text: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-deep-')), 'deep.yaml');
    fs.writeFileSync(file, text);
    let stdout = '';
    let stderr = '';
    const code = await main(['plan', file], { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
    return { code, stdout, stderr: stderr.replace(file, 'deep.yaml') };
  }

  test('100,000 nested [ stop the command with exit code 2 and a message naming the limit, without a stack overflow', async () => {
    const result = await planFile('['.repeat(100_000));
    expect(result).toMatchObject({ code: EXIT_CODES.FAILED, stdout: '' });
    expect(result.stderr).toBe(`cdk8s-spark-eci plan: deep.yaml: document 1: YAML nests deeper than ${MAX_YAML_DEPTH} levels (line 1): `
      + `the plan command reads at most ${MAX_YAML_DEPTH}; Kubernetes objects nest a few dozen\n`);
  });

  test('deep block nesting after a valid document names the document', async () => {
    const valid = fixture('eci-only.yaml').text;
    const result = await planFile(`${valid}\n---\n${'- '.repeat(50_000)}x\n`);
    expect(result.code).toBe(EXIT_CODES.FAILED);
    expect(result.stderr).toContain('deep.yaml: document 2: YAML nests deeper than');
  });

  test('planManifests() throws the plan\'s input error', () => {
    expect(() => planManifests([{ file: 'deep.yaml', text: '{a: '.repeat(10_000) }]))
      .toThrow(new PlanInputError('deep.yaml', 1, `YAML nests deeper than ${MAX_YAML_DEPTH} levels (line 1): the plan command reads at most ${MAX_YAML_DEPTH}; Kubernetes objects nest a few dozen`));
  });
});

describe('plan on large mappings (YAML loading linear in the keys of a map)', () => {
  /** A ConfigMap of `keys` keys (`  k00000: v`, 12 bytes a key), then the seed's ECI-only job. */
  function manyKeys(keys: number, extra = ''): ManifestFile {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: many-keys', 'data:'];
    for (let i = 0; i < keys; i++) { lines.push(`  k${String(i).padStart(5, '0')}: v`); }
    return { file: 'many-keys.yaml', text: `${lines.join('\n')}\n${extra}---\n${fixture('eci-only.yaml').text}` };
  }

  // How fast is bench/plan.js's figure (BENCHMARKS.md: under 2 s for 1.2 MB); this test shows it completes.
  test('a 1.2 MB ConfigMap of 100,000 keys is read, and the job after it planned', () => {
    const file = manyKeys(100_000);
    expect(file.text.length).toBeGreaterThan(1_200_000);
    const report = planManifests([file]);
    expect(report.jobs.map(j => j.name)).toEqual(['spark-pi-eci-only']);
  });

  test('a key repeated in it is refused with the file, the document and its line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-keys-'));
    const file = path.join(dir, 'many-keys.yaml');
    fs.writeFileSync(file, manyKeys(20_000, '  k00007: again\n').text);
    let stderr = '';
    const code = await main(['plan', file], { stdout: () => undefined, stderr: t => { stderr += t; } });
    expect(code).toBe(EXIT_CODES.FAILED);
    expect(stderr).toBe(`cdk8s-spark-eci plan: ${file}: document 1: YAML does not parse (line 20006): Map keys must be unique: `
      + '"k00007" at line 20006, column 3\n');
  });
});
