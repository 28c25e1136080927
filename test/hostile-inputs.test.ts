/**
 * Hostile inputs through the public API as plain JavaScript (the way jsii languages and untyped
 * callers reach it): each case must end in the library's own refusal naming the prop, never in
 * YAML, never in a TypeError.
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-28';
import {
  EciPlacement, ImageCache, ResourcePolicyUnit, ResourcePolicyUnits, ScheduledSparkJob, SparkApplicationType, SparkJob,
  SparkPlacement, SparkPodSelector,
} from '../src';
import { expectRefusal, newChart, silenceWarnings, synthValid } from './property/support';
import { synthApp } from './support/synth';
import { PodSecurityPreset } from '../src/spark/pod-security';

silenceWarnings();

const BASE: any = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  mainApplicationFile: 'local:///opt/app.jar',
  image: 'spark:3.5.2',
};

function job(extra: any, chart: Chart = newChart()): Chart {
  new SparkJob(chart, 'Job', { ...BASE, ...extra });
  return chart;
}

function scheduled(extra: any): Chart {
  const chart = newChart();
  new ScheduledSparkJob(chart, 'Job', { ...BASE, schedule: '0 3 * * *', ...extra });
  return chart;
}

const CASES: Array<[string, string, () => Chart]> = [
  // numbers
  ['instances 1e308', 'executor.instances', () => job({ executor: { instances: 1e308 } })],
  ['instances 2^31', 'executor.instances', () => job({ executor: { instances: 2 ** 31 } })],
  ['cores 2^31', 'driver.cores', () => job({ driver: { cores: 2 ** 31 } })],
  ['cores NaN', 'driver.cores', () => job({ driver: { cores: NaN } })],
  ['memory 1e21 bytes', 'executor.memory', () => job({ executor: { memory: Size.kibibytes(1e21) } })],
  ['timeToLive huge', 'timeToLive', () => job({ timeToLive: Duration.days(1e15) })],
  ['timeToLive 2^63 s', 'timeToLive', () => job({ timeToLive: Duration.seconds(2 ** 64) })],
  ['maxExecutors 2^31', 'dynamicAllocation.maxExecutors', () => job({ dynamicAllocation: { maxExecutors: 2 ** 31 } })],
  ['terminationGracePeriod huge', 'driver.terminationGracePeriod', () => job({ driver: { terminationGracePeriod: Duration.seconds(1e22) } })],
  ['container port string', 'driver.ports', () => job({ driver: { ports: [{ name: 'http', containerPort: '80' }] } })],
  ['memoryOverheadFactor 1e-7', 'memoryOverheadFactor', () => job({ memoryOverheadFactor: 1e-7 })],
  // names and metadata
  ['namespace 64 chars', 'namespace', () => job({}, newChart('n'.repeat(64)))],
  ['namespace uppercase', 'namespace', () => job({}, newChart('Prod'))],
  ['service account invalid', 'driver.serviceAccount', () => job({ driver: { serviceAccount: 'Bad Account' } })],
  ['label key with space', 'labels', () => job({ driver: { labels: { 'a b': 'c' } } })],
  ['label key two slashes', 'labels', () => job({ executor: { labels: { 'a/b/c': 'c' } } })],
  ['label value 64', 'labels', () => job({ driver: { labels: { a: 'x'.repeat(64) } } })],
  ['label value newline', 'labels', () => job({ driver: { labels: { a: 'x\ny' } } })],
  ['metadata label value newline', 'metadata', () => job({ metadata: { labels: { a: 'x\ny' } } })],
  ['metadata name uppercase', 'metadata.name', () => job({ metadata: { name: 'Job' } })],
  ['annotation key invalid', 'annotations', () => job({ driver: { annotations: { 'bad key': 'v' } } })],
  ['annotations too big', 'annotations', () => job({ driver: { annotations: { a: 'x'.repeat(300 * 1024) } } })],
  ['env name with =', 'driver.env', () => job({ driver: { env: { 'A=B': EnvValue.fromValue('x') } } })],
  ['env name empty', 'driver.env', () => job({ driver: { env: { '': EnvValue.fromValue('x') } } })],
  ['port name invalid', 'driver.ports', () => job({ driver: { ports: [{ name: 'Bad_Port', containerPort: 80 }] } })],
  ['volume name invalid', 'volumes', () => job({ volumes: [{ name: 'Bad_Vol', emptyDir: {} }] })],
  ['image empty', 'image', () => job({ image: '' })],
  ['driver image empty', 'driver.image', () => job({ driver: { image: '' } })],
  ['sidecar name invalid', 'driver.sidecars', () => job({ driver: { sidecars: [{ name: 'Side Car', image: 'x' }] } })],
  ['imagePullSecrets invalid', 'imagePullSecrets', () => job({ imagePullSecrets: ['Bad Secret'] })],
  ['sparkConfigMap invalid', 'sparkConfigMap', () => job({ sparkConfigMap: 'Bad Map' })],
  ['priorityClassName invalid', 'driver.priorityClassName', () => job({ driver: { priorityClassName: 'Bad Class' } })],
  ['nodeSelector invalid key', 'nodeSelector', () => job({ nodeSelector: { 'bad key': 'v' } })],
  ['ImageCache name invalid', 'metadata.name', () => { const c = newChart(); new ImageCache(c, 'C', { images: ['x'], metadata: { name: 'Bad Cache' } }); return c; }],
  ['ImageCache image empty', 'images', () => { const c = newChart(); new ImageCache(c, 'C', { images: [''] }); return c; }],
  // untyped callers
  ['arguments number', 'arguments', () => job({ arguments: [5000] })],
  ['arguments null', 'arguments', () => job({ arguments: [null] })],
  ['arguments not a list', 'arguments', () => job({ arguments: 'a b' })],
  ['sparkConf number', 'sparkConf', () => job({ sparkConf: { 'spark.executor.cores': 4 } })],
  ['hadoopConf null', 'hadoopConf', () => job({ hadoopConf: { 'fs.defaultFS': null } })],
  ['mode unknown', 'mode', () => job({ mode: 'local' })],
  ['pythonVersion unknown', 'pythonVersion', () => job({ type: SparkApplicationType.PYTHON, pythonVersion: '4' })],
  ['imagePullPolicy unknown', 'imagePullPolicy', () => job({ imagePullPolicy: 'Sometimes' })],
  ['UI service type unknown', 'sparkUiOptions.serviceType', () => job({ sparkUiOptions: { serviceType: 'Public' } })],
  ['concurrencyPolicy unknown', 'concurrencyPolicy', () => scheduled({ concurrencyPolicy: 'Sometimes' })],
  ['misspelled prop', 'executer', () => job({ executer: { instances: 3 } })],
  ['misspelled driver key', 'driver.core', () => job({ driver: { core: 3 } })],
  ['misspelled executor key', 'executor.instance', () => job({ executor: { instance: 3 } })],
  ['misspelled dynamicAllocation key', 'dynamicAllocation.maxExecutor', () => job({ dynamicAllocation: { maxExecutor: 3 } })],
  ['misspelled sparkUiOptions key', 'sparkUiOptions.servicePorts', () => job({ sparkUiOptions: { servicePorts: 3 } })],
  ['misspelled monitoring key', 'monitoring.exposeDriverMetric', () => job({ monitoring: { exposeDriverMetric: true } })],
  ['misspelled deps key', 'deps.jar', () => job({ deps: { jar: ['x'] } })],
  ['deps entry number', 'deps.jars', () => job({ deps: { jars: [5] } })],
  ['mainClass number', 'mainClass', () => job({ mainClass: 5 })],
  ['proxyUser object', 'proxyUser', () => job({ proxyUser: {} })],
  ['hostNetwork string', 'driver.hostNetwork', () => job({ driver: { hostNetwork: 'yes' } })],
  ['labels not a map', 'driver.labels', () => job({ driver: { labels: ['a'] } })],
  ['props null', 'props', () => { const c = newChart(); new SparkJob(c, 'Job', null as any); return c; }],
  // contradictions
  ['app and role nodeSelector', 'nodeSelector', () => job({ nodeSelector: { a: 'b' }, driver: { nodeSelector: { c: 'd' } } })],
  ['hardened + hostNetwork', 'hostNetwork', () => job({ podSecurity: PodSecurityPreset.HARDENED, driver: { hostNetwork: true } })],
  ['hardened + hostPath', 'hostPath', () => job({ podSecurity: PodSecurityPreset.HARDENED, volumes: [{ name: 'h', hostPath: { path: '/var' } }] })],
  ['dynamic allocation with Spark 2', 'dynamicAllocation', () => job({ sparkVersion: '2.4.8', dynamicAllocation: { maxExecutors: 4 } })],
  ['ECI label on an ECS-only driver', 'driver.labels["alibabacloud.com/eci"]', () => job({
    placement: SparkPlacement.recommended(), driver: { labels: { 'alibabacloud.com/eci': 'true' } },
  })],
  ['several acs units below scheduler 6.8.3', 'units[1].resource', () => {
    const c = newChart();
    new ResourcePolicyUnits(c, 'P', { units: [ResourcePolicyUnit.acs(), ResourcePolicyUnit.acs()], schedulerVersion: '6.7.1' });
    return c;
  }],
  ['duplicate job names', 'metadata.name', () => { const c = newChart(); job({ metadata: { name: 'same' } }, c); new SparkJob(c, 'Job2', { ...BASE, metadata: { name: 'same' } }); return c; }],
  ['duplicate image caches', 'metadata.name', () => { const c = newChart(); new ImageCache(c, 'A', { images: ['x'], metadata: { name: 'c' } }); new ImageCache(c, 'B', { images: ['y'], metadata: { name: 'c' } }); return c; }],
  ['hand-written spot strategy', 'executor.annotations["k8s.aliyun.com/eci-spot-strategy"]', () => job({
    placement: SparkPlacement.of(EciPlacement.eciOnly()), executor: { annotations: { 'k8s.aliyun.com/eci-spot-strategy': 'Sometimes' } },
  })],
  ['hand-written six instance specs', 'driver.annotations["k8s.aliyun.com/eci-use-specs"]', () => job({
    placement: SparkPlacement.of(EciPlacement.eciOnly()), driver: { annotations: { 'k8s.aliyun.com/eci-use-specs': '1-2Gi,2-4Gi,4-8Gi,8-16Gi,16-32Gi,32-64Gi' } },
  })],
  ['hand-written max pending of 5 minutes', 'executor.annotations["k8s.aliyun.com/eci-max-pending-minute"]', () => job({
    placement: SparkPlacement.of(EciPlacement.eciOnly()), executor: { annotations: { 'k8s.aliyun.com/eci-max-pending-minute': '5' } },
  })],
  // schedules
  ['cron out of range', 'schedule', () => scheduled({ schedule: '61 25 32 13 8' })],
  ['cron letters', 'schedule', () => scheduled({ schedule: 'a b c d e' })],
  ['time zone unknown', 'timeZone', () => scheduled({ timeZone: 'Mars/Olympus_Mons' })],
  // conf syntax
  ['conf key with =', 'sparkConf', () => job({ sparkConf: { 'spark.master=local[*]': 'x' } })],
  ['conf key with trailing space', 'sparkConf', () => job({ sparkConf: { 'spark.master ': 'local' } })],
  ['conf key empty', 'sparkConf', () => job({ sparkConf: { '': 'x' } })],
  ['secret: es password', 'sparkConf', () => job({ sparkConf: { 'es.net.http.auth.pass': 'hunter2' } })],
  ['secret: redis auth', 'sparkConf', () => job({ sparkConf: { 'spark.redis.auth': 'hunter2' } })],
  ['secret: api key', 'sparkConf', () => job({ sparkConf: { 'spark.datadog.apikey': 'abc' } })],
  ['secret: sse-c key', 'hadoopConf', () => job({ hadoopConf: { 'fs.s3a.encryption.key': 'abc' } })],
  ['secret: trailing space key', 'sparkConf', () => job({ sparkConf: { 'spark.authenticate.secret ': 'abc' } })],
  ['secret: value smuggles key=value', 'sparkConf', () => job({ sparkConf: { 'spark.app.name': 'x\nspark.authenticate.secret=abc' } })],
  ['ResourcePolicyUnits strategy unknown', 'strategy', () => { const c = newChart(); new ResourcePolicyUnits(c, 'P', { selector: SparkPodSelector.allSparkPods(), strategy: 'random' } as any); return c; }],
];

describe('hostile inputs', () => {
  test.each(CASES)('%s is refused naming %s', (_name, prop, build) => {
    expectRefusal(prop, build);
  });

  test('props are captured at construction: mutating the caller\'s objects later changes nothing', () => {
    const chart = newChart();
    const driver: any = { cores: 1, labels: { team: 'a' } };
    const sparkConf: any = { 'spark.a': '1' };
    const volumes: any[] = [{ name: 'scratch', emptyDir: {} }];
    new SparkJob(chart, 'Job', { ...BASE, driver, sparkConf, volumes });
    driver.cores = 0;
    driver.labels.team = 'b\nc';
    sparkConf['spark.master'] = 'local';
    volumes[0].name = 'Bad Name';
    volumes.push({ name: 'other', emptyDir: {} });
    const spec = synthValid(chart).find(m => m.kind === 'SparkApplication').spec;
    expect(spec.driver).toMatchObject({ cores: 1, labels: { team: 'a' } });
    expect(spec.sparkConf).toEqual({ 'spark.a': '1' });
    expect(spec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }]);
  });

  test('two charts with a job of one name in one namespace: a warning naming both, as charts may be alternatives', () => {
    const app = new App();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const id of ['a', 'b']) { job({ metadata: { name: 'same' } }, new Chart(app, id, { namespace: 'ns' })); }
      synthApp(app);
      const lines = warn.mock.calls.map(c => String(c[0])).filter(l => l.includes('must be unique'));
      expect(lines).toEqual(expect.arrayContaining([
        expect.stringContaining('[a/Job] warning: metadata.name must be unique for a SparkApplication in namespace "ns": b/Job/Resource has the same name'),
        expect.stringContaining('[b/Job] warning: metadata.name must be unique for a SparkApplication in namespace "ns": a/Job/Resource has the same name'),
      ]));
    } finally {
      warn.mockRestore();
    }
  });
});
