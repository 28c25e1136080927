/**
 * Spark 4 is checked as Spark 3 is: every rule that depends on `sparkVersion` treats 4.x as a
 * version after 3.x, so a job moved from 3.5.2 to 4.0.4 renders the same YAML (but for the
 * version) and gets the same refusals. Python 2 is refused from Spark 3.1 on.
 */
import { Chart, Duration, Size, Testing } from 'cdk8s';
import {
  EciPlacement, PlacementTarget, PythonVersion, RemoteShuffle, SparkApplicationType, SparkJob, SparkJobProps, SparkPlacement,
} from '../src';
import { expectValidManifests } from './support/crd-schema';
import { MINIMAL_JOB } from './support/jobs';
import { synth } from './support/synth';

/** The job's manifests, or the library's error message. */
function outcome(props: Partial<SparkJobProps>, configure?: (job: SparkJob) => void): { yaml?: any[]; error?: string } {
  try {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'jobs' });
    const job = new SparkJob(chart, 'Job', { ...MINIMAL_JOB, metadata: { name: 'job' }, ...props });
    configure?.(job);
    const yaml = synth(chart);
    expectValidManifests(yaml);
    return { yaml };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The outcome with the version strings taken out, so that 3.5.2 and 4.0.4 compare equal. */
function versionless(sparkVersion: string, props: Partial<SparkJobProps>, configure?: (job: SparkJob) => void): string {
  const image = { image: `spark:${sparkVersion}`, mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples.jar' };
  return JSON.stringify(outcome({ ...image, ...props, sparkVersion }, configure)).split(sparkVersion).join('<version>');
}

// Every row has three entries: jest passes `done` to a callback whose arity exceeds the row's.
const SCENARIOS: Array<[string, Partial<SparkJobProps>, ((job: SparkJob) => void) | undefined]> = [
  ['the minimal job', {}, undefined],
  ['dynamic allocation with shuffle tracking', { dynamicAllocation: { minExecutors: 1, maxExecutors: 4, shuffleTracking: true, shuffleTrackingTimeout: Duration.minutes(5) } }, undefined],
  ['placement in pod templates (driver and executor container names)', { placement: SparkPlacement.of(EciPlacement.eciOnly(), PlacementTarget.POD_TEMPLATE) }, undefined],
  ['spot executors decommissioned on reclaim', { placement: SparkPlacement.spotResilient() }, undefined],
  ['Celeborn remote shuffle with dynamic allocation', { dynamicAllocation: { maxExecutors: 4 } }, job => job.useRemoteShuffle(RemoteShuffle.celeborn({ masterEndpoints: ['celeborn-master-0.celeborn:9097'] }))],
  ['a Python job on Python 3', { type: SparkApplicationType.PYTHON, pythonVersion: PythonVersion.PYTHON_3, mainApplicationFile: 'local:///opt/spark/examples/src/main/python/pi.py', mainClass: undefined }, undefined],
  ['a Python job on Python 2 (refused)', { type: SparkApplicationType.PYTHON, pythonVersion: PythonVersion.PYTHON_2, mainApplicationFile: 'local:///opt/spark/examples/src/main/python/pi.py', mainClass: undefined }, undefined],
  ['an executor too big for any ECI size (refused)', { placement: SparkPlacement.of(EciPlacement.eciOnly()), executor: { cores: 64, memory: Size.gibibytes(1024) } }, undefined],
];

describe('sparkVersion 4.x', () => {
  test.each(SCENARIOS)('%s: the same outcome with 4.0.4 as with 3.5.2', (_name, props, configure) => {
    const spark3 = versionless('3.5.2', props, configure);
    expect(versionless('4.0.4', props, configure)).toEqual(spark3);
  });

  test('the scenarios cover both outcomes: rendered YAML and refusals', () => {
    const results = SCENARIOS.map(([, props, configure]) => outcome({ ...props, sparkVersion: '4.0.4' }, configure));
    expect(results.filter(r => r.yaml).length).toBeGreaterThanOrEqual(5);
    expect(results.filter(r => r.error).length).toBe(2);
  });
});

describe('pythonVersion', () => {
  const python = { type: SparkApplicationType.PYTHON, mainApplicationFile: 'local:///app/main.py', mainClass: undefined };

  test.each(['3.1.0', '3.5.2', '4.0.4'])('PYTHON_2 is refused with sparkVersion %s', sparkVersion => {
    expect(outcome({ ...python, sparkVersion, pythonVersion: PythonVersion.PYTHON_2 }).error).toContain(
      'pythonVersion cannot be PythonVersion.PYTHON_2 with sparkVersion >= 3.1 (PySpark dropped Python 2 in 3.1): '
      + `use PythonVersion.PYTHON_3 (got "PYTHON_2, sparkVersion ${sparkVersion}")`);
  });

  test.each(['2.4.8', '3.0.3'])('PYTHON_2 is still accepted with sparkVersion %s', sparkVersion => {
    expect(outcome({ ...python, sparkVersion, pythonVersion: PythonVersion.PYTHON_2 }).yaml?.[0].spec.pythonVersion).toBe('2');
  });
});
