/**
 * Numbers the Spark operator cannot decode: the plan's readers refuse them, naming the field, so
 * `plan`, the plugin and synth refuse the same YAML with the same words.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { EciPlacement, SparkApplicationType, SparkJob, SparkPlacement } from '../src';
import { fixture } from './support/plan-inputs';
import { synth } from './support/synth';
import { main } from '../src/cli/cli';
import { PlanInputError, planManifests } from '../src/model/plan';
import { INT32_FIELDS, INT64_FIELDS } from '../src/private/api-server-rules';

const INT32 = 'must be an integer from -2147483648 to 2147483647: the Spark operator reads it as a Go int32 and cannot decode the object otherwise';
const INT64 = 'must be an integer from -9223372036854775808 to 9223372036854775807: the Spark operator reads it as a Go int64 and cannot decode the object otherwise';

/** The seed's ECI-only SparkApplication with `edit` applied to its YAML text. */
function eciOnly(edit: (text: string) => string) {
  const base = fixture('eci-only.yaml');
  const text = edit(base.text);
  if (text === base.text) { throw new Error('the edit changed nothing: the fixture changed'); }
  return { file: 'job.yaml', text };
}

/** The nightly ScheduledSparkApplication fixture with `edit` applied. */
function scheduled(edit: (text: string) => string) {
  const base = fixture('scheduled.yaml');
  const text = edit(base.text);
  if (text === base.text) { throw new Error('the edit changed nothing: the fixture changed'); }
  return { file: 'nightly.yaml', text };
}

describe('int32 and int64 fields of the operator\'s Go types', () => {
  test('the fields sparkapplication_types.go (v2.5.2) declares int32 and int64 are among the keys checked', () => {
    // kubeflow/spark-operator v2.5.2, api/v1beta2/sparkapplication_types.go and
    // scheduledsparkapplication_types.go: every `*int32` / `int32` and `*int64` / `int64` of a spec.
    const int32 = ['failureRetries', 'onSubmissionFailureRetries', 'onFailureRetries', 'servicePort', 'cores', 'instances', 'containerPort',
      'port', 'initialExecutors', 'minExecutors', 'maxExecutors', 'successfulRunHistoryLimit', 'failedRunHistoryLimit'];
    const int64 = ['retryInterval', 'timeToLiveSeconds', 'onSubmissionFailureRetryInterval', 'onFailureRetryInterval', 'terminationGracePeriodSeconds',
      'quantity', 'shuffleTrackingTimeout'];
    expect(int32.filter(k => !INT32_FIELDS.has(k))).toEqual([]);
    expect(int64.filter(k => !INT64_FIELDS.has(k))).toEqual([]);
  });

  test.each<[string, () => { file: string; text: string }, string, unknown]>([
    ['executor.instances past int32', () => eciOnly(t => t.replace(/^ {4}instances: 2$/m, '    instances: 5000000000')), 'spec.executor.instances', 5000000000],
    ['driver.cores past int32', () => eciOnly(t => t.replace(/^( {2}driver:\n) {4}cores: 1$/m, '$1    cores: 2147483648')), 'spec.driver.cores', 2147483648],
    ['a port of the driver', () => eciOnly(t => t.replace(/^( {2}driver:\n)/m, '$1    ports:\n    - name: http\n      protocol: TCP\n      containerPort: 4294967296\n')),
      'spec.driver.ports[0].containerPort', 4294967296],
    ['failureRetries, a fraction', () => eciOnly(t => t.replace(/^(spec:\n)/m, '$1  failureRetries: 1.5\n')), 'spec.failureRetries', 1.5],
    ['restartPolicy.onFailureRetries', () => eciOnly(t => t.replace(/^(spec:\n)/m, '$1  restartPolicy:\n    type: OnFailure\n    onFailureRetries: -2147483649\n')),
      'spec.restartPolicy.onFailureRetries', -2147483649],
    ['sparkUIOptions.servicePort', () => eciOnly(t => t.replace(/^(spec:\n)/m, '$1  sparkUIOptions:\n    servicePort: 99999999999\n')),
      'spec.sparkUIOptions.servicePort', 99999999999],
    ['a port in the pod template', () => eciOnly(t => t.replace(/^( {2}driver:\n)/m, '$1    template:\n      spec:\n        containers:\n        - name: spark-kubernetes-driver\n'
      + '          ports:\n          - containerPort: 3000000000\n')), 'spec.driver.template.spec.containers[0].ports[0].containerPort', 3000000000],
    ['dynamicAllocation.maxExecutors of a template', () => scheduled(t => t.replace('maxExecutors: 8', 'maxExecutors: 8589934592')),
      'spec.template.dynamicAllocation.maxExecutors', 8589934592],
    ['a ScheduledSparkApplication\'s own successfulRunHistoryLimit', () => scheduled(t => t.replace('  concurrencyPolicy: Forbid\n', '  concurrencyPolicy: Forbid\n  successfulRunHistoryLimit: 3000000000\n')),
      'spec.successfulRunHistoryLimit', 3000000000],
  ])('refuses %s, naming the field as the plan reads it', (_name, input, field, got) => {
    const file = input();
    expect(() => planManifests([file])).toThrow(PlanInputError);
    expect(() => planManifests([file])).toThrow(`${field} ${INT32} (got ${got})`);
  });

  test('refuses an int64 past int64, and a number that is not one', () => {
    const ttl = (value: string) => eciOnly(t => t.replace(/^(spec:\n)/m, `$1  timeToLiveSeconds: ${value}\n`));
    expect(() => planManifests([ttl('100000000000000000000')])).toThrow(`spec.timeToLiveSeconds ${INT64} (got 100000000000000000000)`);
    expect(() => planManifests([ttl('.inf')])).toThrow(`spec.timeToLiveSeconds ${INT64} (got Infinity)`);
  });

  test('accepts the bounds: 2147483647 executors, and 9223372036854775807 seconds (which a double cannot tell from 2^63)', () => {
    expect(() => planManifests([eciOnly(t => t.replace(/^ {4}instances: 2$/m, '    instances: 2147483647'))])).not.toThrow();
    expect(() => planManifests([eciOnly(t => t.replace(/^(spec:\n)/m, '$1  timeToLiveSeconds: 9223372036854775807\n'))])).not.toThrow();
  });

  test('a key of a string map is the user\'s, not a field: a number there is not called an int32', () => {
    const file = eciOnly(t => t.replace(/^( {2}driver:\n)/m, '$1    labels:\n      port: 99999999999\n'));
    expect(() => planManifests([file])).not.toThrow(/int32/);
  });

  test('the plan command exits 2 naming the file, the document and the field', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-int32-'));
    const file = path.join(dir, 'job.yaml');
    fs.writeFileSync(file, eciOnly(t => t.replace(/^ {4}instances: 2$/m, '    instances: 5000000000')).text);
    let stderr = '';
    const code = await main(['plan', file], { stdout: () => undefined, stderr: t => { stderr += t; } });
    expect(code).toBe(2);
    expect(stderr).toBe(`cdk8s-spark-eci plan: ${file}: document 1: SparkApplication spark-pi-eci-only: spec.executor.instances ${INT32} (got 5000000000)\n`);
  });

  test('synth refuses a SparkJob patched past int32 through cdk8s, in the same words (named as the prop)', () => {
    const chart = new Chart(new App(), 'c', { namespace: 'default' });
    const job = new SparkJob(chart, 'Job', {
      type: SparkApplicationType.SCALA,
      sparkVersion: '3.5.2',
      image: 'registry.example.com/spark:3.5.2',
      mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples.jar',
      mainClass: 'org.apache.spark.examples.SparkPi',
      executor: { instances: 2 },
      placement: SparkPlacement.of(EciPlacement.eciOnly()),
    });
    ApiObject.of(job).addJsonPatch(JsonPatch.replace('/spec/executor/instances', 5000000000));
    expect(() => synth(chart)).toThrow(`executor.instances ${INT32} (got 5000000000)`);
  });
});
