/**
 * A job's checks run once per synth (issue #17): cdk8s validates every construct twice per
 * `synth`, and the second pass reuses the first's results, until a mutator changes the job.
 */
import * as os from 'os';
import { App, Chart, Size } from 'cdk8s';
import { EciPlacement, SparkJob, SparkPlacement } from '../src';
import { MINIMAL_JOB } from './support/jobs';

function app(): { app: App; job: SparkJob } {
  const a = new App({ outdir: os.tmpdir() });
  const job = new SparkJob(new Chart(a, 'c', { namespace: 'jobs' }), 'Job', {
    ...MINIMAL_JOB,
    executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
    placement: SparkPlacement.of(EciPlacement.eciOnly()),
  });
  return { app: a, job };
}

describe('validation once per synth', () => {
  afterEach(() => jest.restoreAllMocks());

  test('one synth runs the job\'s checks once, though cdk8s validates twice', () => {
    const { app: a } = app();
    const checks = jest.spyOn(SparkJob.prototype as any, 'validateApplication');
    const validations = jest.spyOn(a.node.findAll().find(c => c instanceof SparkJob)!.node, 'validate');
    a.synthYaml();
    expect(validations.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(checks).toHaveBeenCalledTimes(1);
  });

  test('a mutator between two validations in one synchronous run is seen', () => {
    const { job } = app();
    expect(job.node.validate()).toEqual([]);
    job.executor.scaleTo(3);
    job.addSparkConf('spark.executor.memoryOverhead', '2000g');
    expect(job.node.validate()).not.toEqual([]);
  });

  test('the next synth checks again (a change through cdk8s\' own APIs is seen)', async () => {
    const { app: a } = app();
    const checks = jest.spyOn(SparkJob.prototype as any, 'validateApplication');
    a.synthYaml();
    await Promise.resolve();
    a.synthYaml();
    expect(checks).toHaveBeenCalledTimes(2);
  });
});
