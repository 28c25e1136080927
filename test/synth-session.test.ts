/**
 * The synth session (src/checks/synth-session.ts): one check of the whole app per validation pass,
 * every object checked whoever wrote it, and nothing cached that a change could make stale.
 */
import * as os from 'os';
import { ApiObject, App, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { EciPlacement, SparkJob, SparkPlacement } from '../src';
import { MINIMAL_JOB } from './support/jobs';
import * as plan from '../src/model/plan';

function app(): { app: App; job: SparkJob } {
  const a = new App({ outdir: os.tmpdir() });
  const job = new SparkJob(new Chart(a, 'c', { namespace: 'jobs' }), 'Job', {
    ...MINIMAL_JOB,
    executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
    placement: SparkPlacement.of(EciPlacement.eciOnly({ unusedShareWarning: 0 })),
  });
  return { app: a, job };
}

describe('the synth session', () => {
  afterEach(() => jest.restoreAllMocks());

  test('one synth plans the app once, though cdk8s validates once per app and once per chart', () => {
    const { app: a } = app();
    const planned = jest.spyOn(plan, 'planObjects');
    a.synthYaml();
    expect(planned).toHaveBeenCalledTimes(1);
  });

  test('a mutator between two validations in one synchronous run is seen', () => {
    const { job } = app();
    expect(job.node.validate()).toEqual([]);
    job.executor.scaleTo(3);
    job.addSparkConf('spark.executor.memoryOverhead', '2000g');
    expect(job.node.validate()).not.toEqual([]);
  });

  test('an edit through cdk8s\' own APIs between two synths in one synchronous run is seen', () => {
    const { app: a, job } = app();
    expect(() => a.synthYaml()).not.toThrow();
    ApiObject.of(job).addJsonPatch(JsonPatch.add('/spec/executor/instances', 5000000000));
    expect(() => a.synthYaml()).toThrow('spec.executor.instances must be an integer from -2147483648 to 2147483647');
  });

  test('an object no library construct owns is checked too: its findings are the app\'s', () => {
    class Throwaway extends Construct {
      constructor(scope: Construct, id: string) {
        super(scope, id);
        new ApiObject(this, 'Resource', {
          apiVersion: 'sparkoperator.k8s.io/v1beta2',
          kind: 'SparkApplication',
          metadata: { name: 'hand-made', namespace: 'jobs' },
          spec: {
            type: 'Scala',
            sparkVersion: '3.5.2',
            mainApplicationFile: 'local:///a.jar',
            nodeSelector: { a: 'b' },
            driver: { cores: 1, nodeSelector: { c: 'd' } },
            executor: { cores: 1, instances: 1, labels: { 'bad key!': 'x' } },
          },
        });
      }
    }
    const { app: a } = app();
    new Throwaway(new Chart(a, 'other', { namespace: 'jobs' }), 'Mine');
    let message = '';
    try { a.synthYaml(); } catch (e) { message = (e as Error).message; }
    expect(message).toContain('SparkApplication other/Mine/Resource: spec.executor.labels key must be a Kubernetes label key');
    expect(message).toContain('SparkApplication other/Mine/Resource: spec.nodeSelector cannot be set together with driver.nodeSelector');
  });

  test('a chart synthesized alone is checked with the whole app\'s other objects (a policy in another chart counts)', () => {
    const { app: a } = app();
    const chart = a.node.findChild('c') as Chart;
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});
