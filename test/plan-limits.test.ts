/**
 * The plan command's limits: counts are arithmetic (no per-pod expansion, no recursion on the
 * number of pods), so the largest count a SparkApplication can hold plans at once.
 */
import { fixture, fixtureDir } from './support/plan-inputs';
import { ManifestFile, planManifests } from '../src/model/plan';

const INT32_MAX = 2_147_483_647;

function withInstances(file: ManifestFile, instances: number): ManifestFile {
  const text = file.text.replace(/^(\s+instances: )\d+$/m, `$1${instances}`);
  if (text === file.text) { throw new Error(`${file.file} has no executor instances to change`); }
  return { file: file.file, text };
}

function timed<T>(run: () => T): { value: T; millis: number; heapMiB: number } {
  const heapBefore = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const value = run();
  const millis = Number(process.hrtime.bigint() - start) / 1e6;
  return { value, millis, heapMiB: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20 };
}

describe('plan on the largest executor counts', () => {
  test('2,147,483,647 ECI executors plan in under a second with bounded memory', () => {
    const { value: report, millis, heapMiB } = timed(() => planManifests([withInstances(fixture('eci-only.yaml'), INT32_MAX)]));
    expect(report.jobs).toHaveLength(1);
    expect(report.jobs[0].roles.find((r: any) => r.role === 'executor')).toMatchObject({ pods: INT32_MAX });
    expect(millis).toBeLessThan(1000);
    expect(heapMiB).toBeLessThan(64);
  });

  test('2,147,483,647 executors under a ResourcePolicy plan in under a second, the Pending ones counted', () => {
    const files = fixtureDir('resource-policy');
    const index = files.findIndex(f => /^\s+instances: \d+$/m.test(f.text));
    files[index] = withInstances(files[index], INT32_MAX);
    const { value: report, millis, heapMiB } = timed(() => planManifests(files));
    expect(report.totals.pendingPods).toBeGreaterThan(INT32_MAX - 1000);
    expect(millis).toBeLessThan(1000);
    expect(heapMiB).toBeLessThan(64);
  });
});
