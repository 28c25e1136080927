/**
 * Known answers of the rules about what Spark does with a rendered application at start
 * (src/model/rules/spark-runtime.ts) and the Spark Connect port rule (spark-connect.ts), from the
 * sources they cite, and proof that every front end gives them whichever way the value was written:
 * a typed prop, a raw sparkConf entry, or hand-written YAML.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { EciSpot, RemoteShuffle, SparkConnectServer, SparkJob, SparkPlacement } from '../../src';
import { planManifests } from '../../src/model/plan';
import { ProblemCode } from '../../src/model/planner';
import { applicationRuleProblems } from '../../src/model/rules/spark-application';
import { sparkConnectRuleProblems } from '../../src/model/rules/spark-connect';
import { askEveryFrontEnd, expectOneAnswer } from '../support/front-ends';
import { MINIMAL_JOB } from '../support/jobs';

const ECI_ONLY = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'plan', 'eci-only.yaml'), 'utf8');
const app = (spec: { [key: string]: any }) => ({ apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication', metadata: { name: 'a' }, spec });
const codes = (spec: { [key: string]: any }) => applicationRuleProblems(app(spec)).map(p => `${p.code} ${p.field}`);
const CELEBORN_MANAGER = 'org.apache.spark.shuffle.celeborn.SparkShuffleManager';

describe('a role without an image: Spark refuses ("Must specify the driver container image")', () => {
  test.each<[string, { [key: string]: any }, string[]]>([
    ['no image at all', { sparkVersion: '3.5.2' }, ['IMAGE_MISSING image', 'IMAGE_MISSING image']],
    ['image', { image: 'spark:3.5.2' }, []],
    ['the driver\'s only', { driver: { image: 'spark:3.5.2' } }, ['IMAGE_MISSING image']],
    ['both roles\'', { driver: { image: 'a' }, executor: { image: 'b' } }, []],
    ['an empty image', { image: '' }, ['IMAGE_MISSING image', 'IMAGE_MISSING image']],
  ])('%s', (_name, spec, expected) => {
    expect(codes(spec).filter(c => c.startsWith('IMAGE_MISSING'))).toEqual(expected);
  });

  test('the hand-written seed without its image: plan exits with an error', () => {
    const report = planManifests([{ file: 'job.yaml', text: ECI_ONLY.replace(/^ {2}image: .*\n/m, '') }]);
    expect(report.jobs[0].problems.filter(p => p.code === ProblemCode.IMAGE_MISSING).map(p => `${p.severity} ${p.role}`)).toEqual(['ERROR driver', 'ERROR executor']);
  });

  test('a SparkJob without one fails synth, and every front end says so', async () => {
    const chart = new Chart(Testing.app(), 'c');
    new SparkJob(chart, 'Job', { ...MINIMAL_JOB, image: undefined });
    const answers = await askEveryFrontEnd(chart);
    expectOneAnswer(answers);
    expect(answers.synth).toContain('image or driver.image is required: Spark refuses to start without a driver container image');
  });
});

describe('remote shuffle with dynamic allocation needs Spark 3.5 (ExecutorAllocationManager.validateSettings)', () => {
  const conf = { 'spark.shuffle.manager': CELEBORN_MANAGER };
  test.each<[string, { [key: string]: any }, string[]]>([
    ['typed, Spark 3.4', { sparkVersion: '3.4.1', sparkConf: conf, dynamicAllocation: { enabled: true } }, ['REMOTE_SHUFFLE_NEEDS_SPARK_3_5 dynamicAllocation.enabled']],
    ['through sparkConf, Spark 3.4', { sparkVersion: '3.4.1', sparkConf: { ...conf, 'spark.dynamicAllocation.enabled': 'TRUE' } },
      ['REMOTE_SHUFFLE_NEEDS_SPARK_3_5 sparkConf["spark.dynamicAllocation.enabled"]']],
    ['Spark 3.5', { sparkVersion: '3.5.0', sparkConf: conf, dynamicAllocation: { enabled: true } }, []],
    ['no dynamic allocation', { sparkVersion: '3.4.1', sparkConf: conf }, []],
    ['the sort shuffle', { sparkVersion: '3.4.1', dynamicAllocation: { enabled: true } }, []],
  ])('%s', (_name, spec, expected) => {
    expect(codes({ image: 'x', ...spec }).filter(c => c.startsWith('REMOTE'))).toEqual(expected);
  });

  // Celeborn's Spark configuration: spark.shuffle.service.enabled false; Spark v3.5.0 BlockManager.scala line 526.
  test.each<[string, string, string[]]>([
    ['true', 'TRUE', ['REMOTE_SHUFFLE_WITH_SHUFFLE_SERVICE sparkConf["spark.shuffle.service.enabled"]']],
    ['false', 'false', []],
  ])('the external shuffle service %s with a remote shuffle manager', (_name, value, expected) => {
    expect(codes({ image: 'x', sparkVersion: '3.5.2', sparkConf: { ...conf, 'spark.shuffle.service.enabled': value } })
      .filter(c => c.startsWith('REMOTE'))).toEqual(expected);
    expect(codes({ image: 'x', sparkVersion: '3.5.2', sparkConf: { 'spark.shuffle.service.enabled': value } }).filter(c => c.startsWith('REMOTE'))).toEqual([]);
  });

  test('RemoteShuffle.celeborn() with dynamic allocation turned on in sparkConf fails synth, as the typed prop does', async () => {
    for (const props of [{ dynamicAllocation: { maxExecutors: 4 } }, { sparkConf: { 'spark.dynamicAllocation.enabled': 'true' } }]) {
      const chart = new Chart(Testing.app(), 'c');
      new SparkJob(chart, 'Job', { ...MINIMAL_JOB, sparkVersion: '3.4.1', shuffle: RemoteShuffle.celeborn({ masterEndpoints: ['celeborn-master-0.celeborn:9097'] }), ...props });
      const answers = await askEveryFrontEnd(chart);
      expectOneAnswer(answers);
      expect(answers.synth).toContain(`must be off with the remote shuffle manager ${CELEBORN_MANAGER} before Spark 3.5`);
    }
  });
});

describe('decommissioning before Spark 3.1 is ignored (the keys came in 3.1.0)', () => {
  test.each<[string, string, string[]]>([
    ['3.0.2', 'true', ['DECOMMISSION_NEEDS_SPARK_3_1 sparkConf["spark.decommission.enabled"]']],
    ['3.1.1', 'true', []],
    ['3.0.2', 'false', []],
  ])('sparkVersion %s, spark.decommission.enabled %s', (sparkVersion, value, expected) => {
    expect(codes({ image: 'x', sparkVersion, sparkConf: { 'spark.decommission.enabled': value } }).filter(c => c.startsWith('DECOMMISSION'))).toEqual(expected);
  });

  test('SparkPlacement.recommended() with spot executors on Spark 3.0 fails synth', async () => {
    const chart = new Chart(Testing.app(), 'c');
    new SparkJob(chart, 'Job', { ...MINIMAL_JOB, sparkVersion: '3.0.2', placement: SparkPlacement.recommended({ executorSpot: EciSpot.asPriceGo() }) });
    const answers = await askEveryFrontEnd(chart);
    expectOneAnswer(answers);
    expect(answers.synth).toContain('is ignored before Spark 3.1, which has no decommissioning');
  });
});

describe('Spark Connect\'s gRPC port: the operator\'s Service targets 15002', () => {
  const connect = (port: string | undefined) => ({
    apiVersion: 'sparkoperator.k8s.io/v1alpha1',
    kind: 'SparkConnect',
    metadata: { name: 'c', namespace: 'default' },
    spec: { sparkVersion: '3.5.2', image: 'spark:3.5.2', sparkConf: port === undefined ? {} : { 'spark.connect.grpc.binding.port': port } },
  });
  test.each<[string | undefined, boolean, boolean]>([
    [undefined, false, false], ['15002', false, false], ['15003', true, false], ['99999', true, false], ['-1', true, false], ['abc', true, true],
  ])('port %s', (port, refused, notAnInteger) => {
    const problems = sparkConnectRuleProblems(connect(port)).filter(p => p.code === 'SPARK_CONNECT_GRPC_PORT');
    expect(problems.length).toBe(refused ? 1 : 0);
    if (refused) { expect(problems[0].allowed.includes('not an integer')).toBe(notAnInteger); }
  });

  test('a SparkConnectServer with another port in sparkConf fails synth', () => {
    const chart = new Chart(Testing.app(), 'c');
    new SparkConnectServer(chart, 'Connect', { sparkVersion: '3.5.2', image: 'spark:3.5.2', sparkConf: { 'spark.connect.grpc.binding.port': '99999' } });
    expect(() => Testing.synth(chart)).toThrow(/spark\.connect\.grpc\.binding\.port.*must be 15002 or left out/);
  });
});
