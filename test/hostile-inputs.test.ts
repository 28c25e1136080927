/**
 * Hostile inputs through the public API as plain JavaScript (the way jsii languages and untyped
 * callers reach it): each case must end in the library's own refusal naming the prop, never in
 * YAML, never in a TypeError.
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import { Cpu, EnvValue } from 'cdk8s-plus-28';
import {
  EciPlacement, EciSpot, ElasticQuotaTree, ImageCache, OperatorWebhook, RemoteShuffle, ResourcePolicyUnit, ResourcePolicyUnits, RestartPolicy,
  ScheduledSparkJob, ScratchDisk, SparkApplicationType, SparkClusterProfile, SparkConnectServer, SparkDriverRbac, SparkJob, SparkJobDefaults,
  SparkPlacement, SparkPodSelector, WhenTryNextUnits,
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

/** A job placed so that every mutator applies (ECI allowed for the executors), and what the case does with it. */
function mutate(act: (sparkJob: any) => void): () => Chart {
  return () => {
    const chart = newChart();
    const sparkJob: any = new SparkJob(chart, 'Job', { ...BASE, placement: SparkPlacement.recommended() });
    act(sparkJob);
    return chart;
  };
}

function build(act: (chart: Chart) => void): () => Chart {
  return () => {
    const chart = newChart();
    act(chart);
    return chart;
  };
}

const any = (x: unknown): any => x;

/** Every other public construct and value factory, called as untyped callers call them. */
const CONSTRUCT_CASES: Array<[string, string, () => Chart]> = [
  // ImageCache and its pull secrets
  ['ImageCache props missing', 'props is required', build(c => new ImageCache(c, 'C', any(undefined)))],
  ['ImageCache misspelled prop', 'image must be one of the known keys (metadata, images, imagePullSecrets, size, retention, reuseLayers, acrInstanceIds)',
    build(c => new ImageCache(c, 'C', any({ image: ['x'] })))],
  ['ImageCache images with a number', 'images[0] must be a string', build(c => new ImageCache(c, 'C', any({ images: [5] })))],
  ['ImageCache reuseLayers as a string', 'reuseLayers must be a boolean', build(c => new ImageCache(c, 'C', any({ images: ['x'], reuseLayers: 'yes' })))],
  ['ImageCache pull secret misspelled', 'imagePullSecrets[0].namespce must be one of the known keys (namespace, name)',
    build(c => new ImageCache(c, 'C', any({ images: ['x'], imagePullSecrets: [{ namespce: 'a', name: 'b' }] })))],
  ['ImageCache.addImagePullSecret(null)', 'imagePullSecrets[0] must not be null',
    build(c => new ImageCache(c, 'C', { images: ['x'] }).addImagePullSecret(any(null)))],
  ['ImageCache size not a Size', 'size must be a Size', build(c => new ImageCache(c, 'C', any({ images: ['x'], size: 20 })))],
  // ResourcePolicyUnits, its units, selectors and strategy
  ['ResourcePolicyUnits misspelled prop', 'unit must be one of the known keys', build(c => new ResourcePolicyUnits(c, 'P', any({ unit: [] })))],
  ['ResourcePolicyUnits preemptPolicy unknown', 'preemptPolicy must be one of AfterAllUnits, BeforeNextUnit (PreemptPolicy)',
    build(c => new ResourcePolicyUnits(c, 'P', any({ units: [ResourcePolicyUnit.eci()], preemptPolicy: 'Always' })))],
  ['ResourcePolicyUnits ignorePreviousPod as a string', 'ignorePreviousPod must be a boolean',
    build(c => new ResourcePolicyUnits(c, 'P', any({ units: [ResourcePolicyUnit.eci({ max: 1 })], ignorePreviousPod: 'true' })))],
  ['ResourcePolicyUnits units not a list', 'units must be a list', build(c => new ResourcePolicyUnits(c, 'P', any({ units: ResourcePolicyUnit.eci() })))],
  ['ResourcePolicyUnits schedulerVersion a number', 'schedulerVersion must be a string', build(c => new ResourcePolicyUnits(c, 'P', any({ schedulerVersion: 6.4 })))],
  ['eci unit misspelled option', 'ResourcePolicyUnit.eci() options.maxx must be one of the known keys (nodeSelector, max, maxResources, podLabels, podAnnotations)',
    build(() => ResourcePolicyUnit.eci(any({ maxx: 2 })))],
  ['ecs unit waitForEcsScaling as a string', 'ResourcePolicyUnit.ecs() options.waitForEcsScaling must be a boolean', build(() => ResourcePolicyUnit.ecs(any({ waitForEcsScaling: 'true' })))],
  ['acs unit max as a string', 'ResourcePolicyUnit.acs() options.max must be a number', build(() => ResourcePolicyUnit.acs(any({ max: '2' })))],
  ['unit nodeSelector value a number', 'ResourcePolicyUnit.eci() options.nodeSelector["zone"] must be a string', build(() => ResourcePolicyUnit.eci(any({ nodeSelector: { zone: 1 } })))],
  ['unit maxResources misspelled', 'ResourcePolicyUnit.eci() options.maxResources.memroy must be one of the known keys',
    build(() => ResourcePolicyUnit.eci(any({ maxResources: { memroy: Size.gibibytes(1) } })))],
  ['unit maxResources memory not a Size', 'ResourcePolicyUnit.eci() options.maxResources.memory must be a Size', build(() => ResourcePolicyUnit.eci(any({ maxResources: { memory: '64Gi' } })))],
  ['unit maxResources cpu not a Cpu', 'ResourcePolicyUnit.eci() options.maxResources.cpu must be a Cpu', build(() => ResourcePolicyUnit.eci(any({ maxResources: { cpu: 8 } })))],
  ['selector custom labels not a map', 'SparkPodSelector.custom labels must be a map', build(() => SparkPodSelector.custom(any(['a'])))],
  ['selector custom label value a number', 'SparkPodSelector.custom labels["team"] must be a string', build(() => SparkPodSelector.custom(any({ team: 5 })))],
  ['selector job name a number', 'SparkPodSelector.job name must be a string', build(() => SparkPodSelector.job(any(5)))],
  ['whenTryNextUnits timeout not a Duration', 'whenTryNextUnits.timeout must be a Duration', build(() => WhenTryNextUnits.timeoutOrExceedMax(any(900)))],
  // ElasticQuotaTree and its nodes
  ['ElasticQuotaTree misspelled prop', 'rot must be one of the known keys (metadata, root)', build(c => new ElasticQuotaTree(c, 'Q', any({ rot: { name: 'r' } })))],
  ['quota node misspelled key', 'root.children[0].namespace must be one of the known keys (name, namespaces, min, max, children)',
    build(c => new ElasticQuotaTree(c, 'Q', any({ root: { name: 'r', children: [{ name: 'a', namespace: ['x'] }] } })))],
  ['quota resources misspelled', 'root.max.memroy must be one of the known keys (cpu, memory, gpu, custom)',
    build(c => new ElasticQuotaTree(c, 'Q', any({ root: { name: 'r', max: { memroy: Size.gibibytes(1) } } })))],
  ['quota gpu a string', 'root.min.gpu must be a number', build(c => new ElasticQuotaTree(c, 'Q', any({ root: { name: 'r', min: { gpu: '1' } } })))],
  ['quota tree 100,000 levels deep', 'must not nest deeper than 64 levels', build(c => {
    let node: any = { name: 'leaf' };
    for (let i = 0; i < 100_000; i++) { node = { name: `n${i}`, children: [node] }; }
    new ElasticQuotaTree(c, 'Q', { root: node });
  })],
  ['ElasticQuotaTree.addChild misspelled', 'root.children[0].nam must be one of the known keys',
    build(c => new ElasticQuotaTree(c, 'Q', { root: { name: 'r' } }).addChild(any({ nam: 'a' })))],
  // SparkDriverRbac
  ['SparkDriverRbac misspelled prop', 'serviceAccount must be one of the known keys (serviceAccountName, namespace, jobs)',
    build(c => new SparkDriverRbac(c, 'R', any({ serviceAccount: 'spark' })))],
  ['SparkDriverRbac namespace a number', 'namespace must be a string', build(c => new SparkDriverRbac(c, 'R', any({ namespace: 5 })))],
  ['SparkDriverRbac.addJob(null)', 'addJob() job must not be null', build(c => new SparkDriverRbac(c, 'R').addJob(any(null)))],
  // SparkConnectServer
  ['SparkConnectServer misspelled prop', 'severs must be one of the known keys', build(c => new SparkConnectServer(c, 'S', any({ sparkVersion: '4.0.1', image: 'spark:4.0.1', severs: {} })))],
  ['SparkConnectServer sparkConf number', 'sparkConf["spark.a"] must be a string',
    build(c => new SparkConnectServer(c, 'S', any({ sparkVersion: '4.0.1', image: 'spark:4.0.1', sparkConf: { 'spark.a': 1 } })))],
  ['SparkConnectServer executor misspelled', 'executor.instance must be one of the known keys',
    build(c => new SparkConnectServer(c, 'S', any({ sparkVersion: '4.0.1', image: 'spark:4.0.1', executor: { instance: 2 } })))],
  ['SparkConnectServer dynamicAllocation misspelled', 'dynamicAllocation.maxExecutor must be one of the known keys',
    build(c => new SparkConnectServer(c, 'S', any({ sparkVersion: '4.0.1', image: 'spark:4.0.1', dynamicAllocation: { maxExecutor: 2 } })))],
  // ScheduledSparkJob's own props
  ['ScheduledSparkJob suspend a string', 'suspend must be a boolean', () => scheduled({ suspend: 'yes' })],
  ['ScheduledSparkJob history limit a string', 'successfulRunHistoryLimit must be a number', () => scheduled({ successfulRunHistoryLimit: '3' })],
  ['ScheduledSparkJob timeZone a number', 'timeZone must be a string', () => scheduled({ timeZone: 8 })],
];

/** The mutators of jobs, roles and policies, called as untyped callers call them. */
const MUTATOR_CASES: Array<[string, string, () => Chart]> = [
  ['addSparkConf(5, null)', 'sparkConf key must be a non-empty string (got 5)', mutate(j => j.addSparkConf(5, null))],
  ['addSparkConf(key, 4)', 'sparkConf["spark.a"] must be a string', mutate(j => j.addSparkConf('spark.a', 4))],
  ['addHadoopConf(key, null)', 'hadoopConf["fs.a"] must be a string', mutate(j => j.addHadoopConf('fs.a', null))],
  ['addArguments(5000)', 'addArguments() arguments[0] must be a string (got 5000)', mutate(j => j.addArguments(5000))],
  ['addDependencies misspelled', 'addDependencies() deps.jar must be one of the known keys', mutate(j => j.addDependencies({ jar: ['x'] }))],
  ['addDependencies(null)', 'addDependencies() deps must not be null', mutate(j => j.addDependencies(null))],
  ['addVolume(null)', 'addVolume() volume must not be null', mutate(j => j.addVolume(null))],
  ['addVolume("scratch")', 'addVolume() volume must be an object', mutate(j => j.addVolume('scratch'))],
  ['addImagePullSecret(5)', 'addImagePullSecret() name must be a string', mutate(j => j.addImagePullSecret(5))],
  ['allowSecretConfKeys(null)', 'allowSecretConfKeys() keys[0] must not be null', mutate(j => j.allowSecretConfKeys(null))],
  ['addImageCache misspelled', 'addImageCache() options.retentionDays must be one of the known keys', mutate(j => j.addImageCache({ retentionDays: 7 }))],
  ['addImageCache naming unknown', 'addImageCache() options.naming must be one of', mutate(j => j.addImageCache({ naming: 'OTHER' }))],
  ['addImageCache pull secret misspelled', 'imagePullSecrets[0].nam must be one of the known keys', mutate(j => j.addImageCache({ imagePullSecrets: [{ namespace: 'a', nam: 'b' }] }))],
  ['grantDriverRbac misspelled', 'grantDriverRbac() options.serviceAccount must be one of the known keys (serviceAccountName)',
    mutate(j => j.grantDriverRbac({ serviceAccount: 'spark' }))],
  ['grantDriverRbac(null)', 'grantDriverRbac() options must not be null', mutate(j => j.grantDriverRbac(null))],
  ['driver.addLabel(5, "a")', 'driver.addLabel() key must be a string (got 5)', mutate(j => j.driver.addLabel(5, 'a'))],
  ['executor.addLabel(key, null)', 'executor.addLabel() value must not be null', mutate(j => j.executor.addLabel('team', null))],
  ['driver.addLabel target unknown', 'driver.addLabel() options.target must be one of SPEC_FIELDS, POD_TEMPLATE, BOTH (PlacementTarget)',
    mutate(j => j.driver.addLabel('team', 'a', { target: 'EVERYWHERE' }))],
  ['driver.addAnnotation misspelled option', 'driver.addAnnotation() options.targets must be one of the known keys (target)',
    mutate(j => j.driver.addAnnotation('a', 'b', { targets: 'BOTH' }))],
  ['executor.addAnnotation(key, 5)', 'executor.addAnnotation() value must be a string', mutate(j => j.executor.addAnnotation('a', 5))],
  ['driver.addEnv(name, undefined)', 'driver.addEnv() value is required', mutate(j => j.driver.addEnv('A', undefined))],
  ['driver.addEnv(5, value)', 'driver.addEnv() name must be a string', mutate(j => j.driver.addEnv(5, EnvValue.fromValue('x')))],
  ['executor.addVolumeMount(null)', 'executor.addVolumeMount() mount must not be null', mutate(j => j.executor.addVolumeMount(null))],
  ['driver.addSidecar("x")', 'driver.addSidecar() container must be an object', mutate(j => j.driver.addSidecar('x'))],
  ['executor.addInitContainer()', 'executor.addInitContainer() container is required', mutate(j => j.executor.addInitContainer())],
  ['driver.addToleration(null)', 'driver.addToleration() toleration must not be null', mutate(j => j.driver.addToleration(null))],
  ['driver.requireNodeAffinity([])', 'driver.requireNodeAffinity() requirement must be an object', mutate(j => j.driver.requireNodeAffinity([]))],
  ['executor.preferNodeAffinity("5", ...)', 'executor.preferNodeAffinity() weight must be a number',
    mutate(j => j.executor.preferNodeAffinity('5', { key: 'a', operator: 'Exists' }))],
  ['driver.addNodeSelector(key, true)', 'driver.addNodeSelector() value must be a string', mutate(j => j.driver.addNodeSelector('zone', true))],
  ['driver.useServiceAccount(null)', 'driver.useServiceAccount() name must not be null', mutate(j => j.driver.useServiceAccount(null))],
  ['driver.setPodSecurityContext("x")', 'driver.setPodSecurityContext() context must be an object', mutate(j => j.driver.setPodSecurityContext('x'))],
  ['executor.setSecurityContext(null)', 'executor.setSecurityContext() context must not be null', mutate(j => j.executor.setSecurityContext(null))],
  ['executor.scaleTo("5")', 'executor.scaleTo() instances must be a number', mutate(j => j.executor.scaleTo('5'))],
  ['policy.addJob(job, { pendingPod })', 'addJob() options.pendingPod must be one of the known keys (pendingPods, eci, mechanism)', () => {
    const chart = newChart();
    const policy = new ResourcePolicyUnits(chart, 'P', { units: [ResourcePolicyUnit.eci()] });
    policy.addJob(new SparkJob(chart, 'Job', BASE), any({ pendingPod: 'WARN' }));
    return chart;
  }],
  ['policy.addJob(job, { mechanism })', 'addJob() options.mechanism must be one of', () => {
    const chart = newChart();
    new ResourcePolicyUnits(chart, 'P', { units: [ResourcePolicyUnit.eci()] }).addJob(new SparkJob(chart, 'Job', BASE), any({ mechanism: 'webhook' }));
    return chart;
  }],
  ['policy.addJob(null)', 'addJob() job must be a SparkJob or ScheduledSparkJob', build(c => new ResourcePolicyUnits(c, 'P').addJob(any(null)))],
  ['policy.checkCapacity(job, { pendingPods })', 'checkCapacity() options.pendingPods must be one of', () => {
    const chart = newChart();
    new ResourcePolicyUnits(chart, 'P', { units: [ResourcePolicyUnit.eci()] }).checkCapacity(new SparkJob(chart, 'Job', BASE), any({ pendingPods: 'never' }));
    return chart;
  }],
  ['policy.checkCapacity("job")', 'checkCapacity() job must be a SparkJob', build(c => new ResourcePolicyUnits(c, 'P').checkCapacity(any('job')))],
  ['policy.addUnit(null)', 'units[0] must be made with ResourcePolicyUnit', build(c => new ResourcePolicyUnits(c, 'P').addUnit(any(null)))],
  ['cache.addImage(5)', 'images[1] must be a non-empty image reference', build(c => new ImageCache(c, 'C', { images: ['x'] }).addImage(any(5)))],
];

/**
 * Issue 28's root causes 2, 3, 4 and 12, as its battery found them: each was dropped, rendered
 * wrong or crashed on main before the shape registry covered it.
 */
const ISSUE_28_CASES: Array<[string, string, () => Chart]> = [
  // 2: option keys of the newer factories
  ['upstream() webHook', 'options.webHook must be one of the known keys',
    build(() => SparkClusterProfile.upstream('2.5.2', any({ webHook: OperatorWebhook.DISABLED })))],
  ['ackSparkOperator() webHook', 'options.webHook must be one of the known keys', build(() => SparkClusterProfile.ackSparkOperator(any({ webHook: 'DISABLED' })))],
  ['withOptions() jobNamespace', 'options.jobNamespace must be one of the known keys',
    build(() => SparkClusterProfile.upstream('2.5.2').withOptions(any({ jobNamespace: ['spark'] })))],
  ['ScratchDisk.ofSize() medum', 'ScratchDisk.ofSize() options.medum must be one of the known keys', build(() => ScratchDisk.ofSize(Size.gibibytes(10), any({ medum: 'MEMORY' })))],
  ['RemoteShuffle.celeborn() replicat', 'RemoteShuffle.celeborn() options.replicat must be one of the known keys',
    build(() => RemoteShuffle.celeborn(any({ masterEndpoints: ['celeborn:9097'], replicat: true })))],
  ['SparkJobDefaults imagePullSecret', 'imagePullSecret must be one of the known keys', build(c => new SparkJobDefaults(c, 'D', any({ imagePullSecret: ['pull'] })))],
  ['SparkJobDefaults image a number', 'image must be a string', build(c => new SparkJobDefaults(c, 'D', any({ image: 5 })))],
  // 3: a JavaScript Map for a string map
  ['Map sparkConf', 'sparkConf must be a map (a plain object; a JavaScript Map is not read', () => job({ sparkConf: new Map([['spark.a', 'b']]) })],
  ['Map hadoopConf', 'hadoopConf must be a map', () => job({ hadoopConf: new Map([['fs.a', 'b']]) })],
  ['Map driver labels', 'driver.labels must be a map', () => job({ driver: { labels: new Map([['team', 'a']]) } })],
  ['Map executor annotations', 'executor.annotations must be a map', () => job({ executor: { annotations: new Map([['a', 'b']]) } })],
  ['Map SparkConnect sparkConf', 'sparkConf must be a map', build(c => new SparkConnectServer(c, 'S', any({
    sparkVersion: '4.0.1', image: 'spark:4.0.1', sparkConf: new Map([['spark.a', 'b']]),
  })))],
  ['Map defaults sparkConf', 'sparkConf must be a map', build(c => new SparkJobDefaults(c, 'D', any({ sparkConf: new Map([['spark.a', 'b']]) })))],
  ['Map in a volume', 'volumes[0] must be plain data (a JavaScript Map or Set', () => job({ volumes: [{ name: 'v', emptyDir: new Map() }] })],
  // 4: Object.prototype keys are no enum values
  ...['toString', 'constructor', '__proto__', 'hasOwnProperty'].map((value): [string, string, () => Chart] =>
    [`scheduledTimestampPrecision ${value}`, 'scheduledTimestampPrecision must be one of nanos, micros, millis, seconds, minutes',
      build(() => SparkClusterProfile.upstream('2.5.2', any({ scheduledTimestampPrecision: value })))]),
  ['profile constructor precision toString', 'scheduledTimestampPrecision must be one of',
    build(() => new SparkClusterProfile(any({ operatorVersion: '2.5.2', scheduledTimestampPrecision: 'toString' })))],
  ['job mode constructor', 'mode must be one of', () => job({ mode: 'constructor' })],
  // 12: plain JavaScript callers get the library's error, naming the class to use
  ['cores 0.5', 'driver.cores must be an integer from 1 to 2147483647 (whole cores: for a fraction of a core set coreRequest', () => job({ driver: { cores: 0.5 } })],
  ['memory "4Gi"', 'executor.memory must be a Size, e.g. Size.gibibytes(4)', () => job({ executor: { memory: '4Gi' } })],
  ['memory "512m"', 'driver.memory must be a Size', () => job({ driver: { memory: '512m' } })],
  ['memoryOverhead a number', 'executor.memoryOverhead must be a Size', () => job({ executor: { memoryOverhead: 384 } })],
  ['timeToLive a number', 'timeToLive must be a Duration, e.g. Duration.minutes(15)', () => job({ timeToLive: 3600 })],
  ['terminationGracePeriod a number', 'driver.terminationGracePeriod must be a Duration', () => job({ driver: { terminationGracePeriod: 30 } })],
  ['coreRequest a number', 'executor.coreRequest must be a Cpu, e.g. Cpu.millis(500)', () => job({ executor: { coreRequest: 0.5 } })],
  ['env value a string', 'driver.env["A"] must be an EnvValue', () => job({ driver: { env: { A: 'x' } } })],
  ['SparkConnect memory "4Gi"', 'server.memory must be a Size', build(c => new SparkConnectServer(c, 'S', any({
    sparkVersion: '4.0.1', image: 'spark:4.0.1', server: { memory: '4Gi' },
  })))],
  // 11: still open from the first battery
  ['spot price with 4 decimals', 'EciSpot.withPriceLimit() pricePerHour must be a number above 0 up to 1000000000000 with at most 3 decimals',
    build(() => EciSpot.withPriceLimit(0.1234))],
  ['hand-written spot price with 4 decimals', 'executor.annotations["k8s.aliyun.com/eci-spot-price-limit"] must be a positive decimal price with at most 3 decimals', () => job({
    placement: SparkPlacement.of(EciPlacement.eciOnly()), executor: { annotations: { 'k8s.aliyun.com/eci-spot-price-limit': '0.1234' } },
  })],
  ['maxResources cpu past the quantity range', 'maxResources.cpu must be a non-negative Kubernetes quantity of at most 2^63-1',
    build(() => ResourcePolicyUnit.eci({ maxResources: { cpu: Cpu.units(1e19) } }))],
  ['maxResources memory past the quantity range', 'maxResources.memory must be at most 8589934591Gi',
    build(() => ResourcePolicyUnit.eci({ maxResources: { memory: Size.gibibytes(1e12) } }))],
  ['maxResources custom past the quantity range', 'maxResources.custom["nvidia.com/gpu"] must be a non-negative Kubernetes quantity of at most 2^63-1',
    build(() => ResourcePolicyUnit.eci({ maxResources: { custom: { 'nvidia.com/gpu': '10000000000000000000' } } }))],
  ['whenTryNextUnits timeout past time.Duration', 'whenTryNextUnits.timeout must be at most 2562047h47m16.854s',
    build(() => WhenTryNextUnits.timeoutOrExceedMax(Duration.days(106752)))],
  ['driver.podName invalid', 'spec.driver.podName', () => job({ driver: { podName: 'Driver_Pod' } })],
  ['driver.podName too long', 'spec.driver.podName', () => job({ driver: { podName: 'a'.repeat(254) } })],
  ['toleration Exists with a value', 'spec.executor.tolerations[0].value', () => job({ executor: { tolerations: [{ key: 'a', operator: 'Exists', value: 'b' }] } })],
  ['addToleration Exists with a value', 'tolerations[0].value must be empty when operator is Exists', mutate(j => j.driver.addToleration({ key: 'a', operator: 'Exists', value: 'b' }))],
  ['toleration without key nor Exists', 'tolerations[0].operator must be Exists when key is empty', () => job({ driver: { tolerations: [{ operator: 'Equal', value: 'b' }] } })],
  ['toleration seconds without NoExecute', 'tolerations[0].effect must be NoExecute', () => job({ driver: { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] } })],
  ['ABFS per-account SAS token in sparkConf', 'sparkConf["spark.hadoop.fs.azure.sas.fixed.token.acct.dfs.core.windows.net"] must not hold a credential',
    () => job({ sparkConf: { 'spark.hadoop.fs.azure.sas.fixed.token.acct.dfs.core.windows.net': 'sv=2022&sig=abc' } })],
  ['ABFS per-account SAS token in hadoopConf', 'hadoopConf["fs.azure.sas.fixed.token.acct.dfs.core.windows.net"] must not hold a credential',
    () => job({ hadoopConf: { 'fs.azure.sas.fixed.token.acct.dfs.core.windows.net': 'sv=2022&sig=abc' } })],
  ['WASB per-container SAS in hadoopConf', 'hadoopConf["fs.azure.sas.logs.acct.blob.core.windows.net"] must not hold a credential',
    () => job({ hadoopConf: { 'fs.azure.sas.logs.acct.blob.core.windows.net': 'sv=2022&sig=abc' } })],
  ['RestartPolicy interval a number', 'RestartPolicy.onFailure() options.retryInterval must be a Duration',
    build(() => RestartPolicy.onFailure(any({ retryInterval: 10 })))],
];

describe('hostile inputs', () => {
  test.each(ISSUE_28_CASES)('issue 28: %s is refused: %s', (_name, message, make) => {
    expectRefusal(message, make);
  });

  test.each(CASES)('%s is refused naming %s', (_name, prop, make) => {
    expectRefusal(prop, make);
  });

  test.each(CONSTRUCT_CASES)('%s is refused: %s', (_name, message, make) => {
    expectRefusal(message, make);
  });

  test.each(MUTATOR_CASES)('%s is refused: %s', (_name, message, make) => {
    expectRefusal(message, make);
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

  test('the other constructs capture their props too: mutating the caller\'s objects later changes nothing', () => {
    const chart = newChart('spark');
    const cacheProps: any = { images: ['spark:3.5.2'], imagePullSecrets: [{ namespace: 'spark', name: 'pull' }] };
    new ImageCache(chart, 'Cache', cacheProps);
    cacheProps.images.push('Bad Image');
    cacheProps.imagePullSecrets[0].name = 'Bad Name';
    const policyProps: any = { units: [ResourcePolicyUnit.eci({ max: 2 })], matchLabelKeys: ['team'] };
    const policyChart = newChart('spark');
    new ResourcePolicyUnits(policyChart, 'Policy', policyProps);
    policyProps.matchLabelKeys.push('bad key');
    const root: any = { name: 'root', max: { gpu: 4 }, children: [{ name: 'a', namespaces: ['spark'], max: { gpu: 2 } }] };
    const quota = newChart();
    new ElasticQuotaTree(quota, 'Quota', { root });
    root.children[0].max.gpu = 400;
    root.children.push({ name: 'b', namespaces: ['spark'] });
    const schedule: any = { ...BASE, schedule: '0 3 * * *', concurrencyPolicy: 'Forbid', successfulRunHistoryLimit: 2 };
    new ScheduledSparkJob(chart, 'Scheduled', schedule);
    schedule.concurrencyPolicy = 'Sometimes';
    schedule.successfulRunHistoryLimit = -1;
    const connect: any = { sparkVersion: '4.0.1', image: 'spark:4.0.1', sparkConf: { 'spark.a': '1' }, executor: { instances: 2 } };
    new SparkConnectServer(chart, 'Connect', connect);
    connect.image = '';
    connect.executor.instances = -3;

    const manifests = [...synthValid(chart), ...synthValid(policyChart), ...synthValid(quota)];
    const of = (kind: string) => manifests.find(m => m.kind === kind);
    expect(of('ImageCache').spec).toEqual({ images: ['spark:3.5.2'], imagePullSecrets: ['spark:pull'] });
    expect(of('ResourcePolicy').spec.matchLabelKeys).toEqual(['sparkoperator.k8s.io/submission-id', 'team']);
    expect(of('ElasticQuotaTree').spec.root).toEqual({ name: 'root', max: { 'nvidia.com/gpu': '4' }, children: [{ name: 'a', namespaces: ['spark'], max: { 'nvidia.com/gpu': '2' } }] });
    expect(of('ScheduledSparkApplication').spec).toMatchObject({ concurrencyPolicy: 'Forbid', successfulRunHistoryLimit: 2 });
    expect(of('SparkConnect').spec).toMatchObject({ image: 'spark:4.0.1', executor: { instances: 2 } });
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
