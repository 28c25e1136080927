import { Testing } from 'cdk8s';
import { SparkEciValidationError, SparkJob } from '../src';
import { MINIMAL_JOB } from './support/jobs';

describe('SparkEciValidationError', () => {
  test('is exported from the package', () => {
    expect(typeof SparkEciValidationError).toBe('function');
    expect(new SparkEciValidationError('x must be y (got 1)')).toBeInstanceOf(Error);
  });

  test('is what a refused prop throws, with the message form <prop> <allowed> (got <value>)', () => {
    let thrown: unknown;
    try {
      new SparkJob(Testing.chart(), 'Job', { ...MINIMAL_JOB, executor: { instances: 0 } });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SparkEciValidationError);
    expect((thrown as Error).name).toBe('SparkEciValidationError');
    expect((thrown as Error).message).toBe('executor.instances must be an integer >= 1 (got 0)');
  });
});
