/**
 * The synth session (src/checks/synth-session.ts): one check of the whole app per synthesis,
 * every object checked whoever wrote it, each library object rendered once per synthesis (the
 * final render writes the JSON the checks read), and nothing kept that a change could make stale.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Size, Testing, YamlOutputType } from 'cdk8s';
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

describe('render once (issue #29)', () => {
  afterEach(() => jest.restoreAllMocks());

  function jobIn(chart: Chart, id = 'Job'): SparkJob {
    return new SparkJob(chart, id, {
      ...MINIMAL_JOB,
      executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
      placement: SparkPlacement.of(EciPlacement.eciOnly({ unusedShareWarning: 0 })),
    });
  }

  function tmpdir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'render-once-'));
  }

  test('synthYaml() renders each library object once, and writes the very JSON its checks read', () => {
    const { app: a, job } = app();
    const renders = jest.spyOn(job, '_render');
    const planned = jest.spyOn(plan, 'planObjects');
    const chart = a.node.findChild('c') as Chart;
    const written = jest.spyOn(chart, 'toJson');
    a.synthYaml();
    expect(renders).toHaveBeenCalledTimes(1);
    const checked = planned.mock.calls[0][0].find(m => m.origin.path === 'c/Job/Resource')!.object;
    expect(written.mock.results[0].value).toContain(checked);
  });

  test('app.synth() renders once per object with several charts, in every output layout', () => {
    for (const yamlOutputType of [YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP,
      YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE]) {
      const outdir = tmpdir();
      const a = new App({ outdir, yamlOutputType });
      const jobs = [jobIn(new Chart(a, 'one', { namespace: 'jobs' })), jobIn(new Chart(a, 'two', { namespace: 'jobs' }))];
      const renders = jobs.map(job => jest.spyOn(job, '_render'));
      a.synth();
      expect(renders.map(r => r.mock.calls.length)).toEqual([1, 1]);
      const files = fs.readdirSync(outdir, { recursive: true }).map(String).filter(f => f.endsWith('.k8s.yaml'));
      const yaml = files.map(f => fs.readFileSync(path.join(outdir, f), 'utf8')).join('---\n');
      expect(yaml.match(/kind: SparkApplication/g)).toHaveLength(2);
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('a chart synthesized alone (Testing.synth) renders its objects once', () => {
    const { app: a, job } = app();
    const renders = jest.spyOn(job, '_render');
    Testing.synth(a.node.findChild('c') as Chart);
    expect(renders).toHaveBeenCalledTimes(1);
  });

  test('edits through cdk8s and the library between two synths are written and checked', () => {
    const { app: a, job } = app();
    expect(a.synthYaml()).not.toContain('team: blue');
    job.apiObject.metadata.addLabel('team', 'blue');
    job.apiObject.addJsonPatch(JsonPatch.add('/spec/driver/labels', { tier: 'gold' }));
    job.executor.scaleTo(3);
    const yaml = a.synthYaml();
    expect(yaml).toContain('team: blue');
    expect(yaml).toContain('tier: gold');
    expect(yaml).toContain('instances: 3');
    job.apiObject.addJsonPatch(JsonPatch.replace('/spec/executor/instances', 5000000000));
    expect(() => a.synthYaml()).toThrow('spec.executor.instances must be an integer from -2147483648 to 2147483647');
  });

  test('a synthesis that failed and was caught leaves nothing behind: the next one renders the fix', () => {
    const { app: a, job } = app();
    job.apiObject.addJsonPatch(JsonPatch.replace('/spec/executor/instances', 5000000000));
    expect(() => a.synthYaml()).toThrow('spec.executor.instances');
    job.apiObject.addJsonPatch(JsonPatch.replace('/spec/executor/instances', 4));
    expect(job.toManifest().spec.executor.instances).toBe(4);
    expect(a.synthYaml()).toContain('instances: 4');
    const outdir = tmpdir();
    const b = new App({ outdir });
    const other = jobIn(new Chart(b, 'c', { namespace: 'jobs' }));
    other.apiObject.addJsonPatch(JsonPatch.replace('/spec/executor/instances', 5000000000));
    expect(() => b.synth()).toThrow('spec.executor.instances');
    other.apiObject.addJsonPatch(JsonPatch.replace('/spec/executor/instances', 6));
    b.synth();
    expect(fs.readFileSync(path.join(outdir, 'c.k8s.yaml'), 'utf8')).toContain('instances: 6');
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('outside a synthesis, toJson() renders afresh each time and hands out its own copy', () => {
    const { app: a, job } = app();
    a.synthYaml();
    const renders = jest.spyOn(job, '_render');
    const first = job.toManifest();
    const second = job.toManifest();
    expect(renders).toHaveBeenCalledTimes(2);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
  });

  test('a jsii host calls the class\' synthYaml() (the kernel looks on the prototype): same YAML, one render more', () => {
    const { app: a, job } = app();
    const expected = a.synthYaml();
    const renders = jest.spyOn(job, '_render');
    expect(App.prototype.synthYaml.call(a)).toBe(expected);
    expect(renders).toHaveBeenCalledTimes(2);
    job.apiObject.addJsonPatch(JsonPatch.replace('/spec/executor/instances', 5000000000));
    expect(() => App.prototype.synthYaml.call(a)).toThrow('spec.executor.instances');
  });

  test('an app class that overrides synthYaml() keeps its override, checked and rendered once', () => {
    class HeaderApp extends App {
      public synthYaml(): string { return `# generated\n${super.synthYaml()}`; }
    }
    const a = new HeaderApp({ outdir: os.tmpdir() });
    const job = jobIn(new Chart(a, 'c', { namespace: 'jobs' }));
    const renders = jest.spyOn(job, '_render');
    const yaml = a.synthYaml();
    expect(yaml.startsWith('# generated\n')).toBe(true);
    expect(renders).toHaveBeenCalledTimes(1);
    job.apiObject.addJsonPatch(JsonPatch.replace('/spec/executor/instances', 5000000000));
    expect(() => a.synthYaml()).toThrow('spec.executor.instances');
  });
});
