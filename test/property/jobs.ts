/**
 * Building SparkJobs and ScheduledSparkJobs from generated cases, and the mutations that make a
 * valid job case invalid. Shared by the SparkJob, ScheduledSparkJob and placement properties.
 */
import { Chart, Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { ScheduledSparkJobCase, SparkJobCase } from './arbitraries';
import { Mutation, mutation, newChart } from './support';
import {
  AbstractSparkJob, AbstractSparkJobProps, EciImageCache, EciInstanceSpec, EciPlacement, EciPodOptions, EciSpot, EciZoneStrategy, PendingPods,
  PlacementTarget, PythonVersion, RestartPolicy, ScheduledSparkJob, SparkApplicationType, SparkJob, SparkPlacement,
} from '../../src';
import { PodSecurityPreset } from '../../src/spark/pod-security';

/** A job case with, for invalid cases, something done to the job after construction. */
export interface JobCase<P extends AbstractSparkJobProps> {
  readonly props: P;
  readonly driverRbac?: boolean;
  readonly imageCache?: boolean;
  /** Called after construction (by mutations that need a method call). */
  readonly after?: (job: AbstractSparkJob) => void;
}

function postConstruction(job: AbstractSparkJob, c: JobCase<AbstractSparkJobProps>): void {
  if (c.driverRbac && job.driver.serviceAccount === undefined) {
    job.grantDriverRbac();
  }
  const placement = job.placement;
  const hasImage = [c.props.image, job.driver.image, job.executor.image].some(i => i !== undefined);
  if (c.imageCache && hasImage && placement && (placement.driver.mayRunOnEci || placement.executor.mayRunOnEci)) {
    job.addImageCache({ size: Size.gibibytes(30) });
  }
  c.after?.(job);
}

/**
 * Valid props may still make pods that stay Pending (an ECI-only GPU executor, say): the planner's
 * findings are the differential property's business (plan-differential.test.ts), not these.
 */
const PLANNED_ANYWAY = { pendingPods: PendingPods.ALLOW, unschedulablePods: PendingPods.ALLOW };

export function buildSparkJob(c: SparkJobCase | JobCase<any>): Chart {
  const chart = newChart();
  const job = new SparkJob(chart, 'Job', { ...PLANNED_ANYWAY, ...c.props });
  postConstruction(job, c);
  return chart;
}

export function buildScheduledSparkJob(c: ScheduledSparkJobCase | JobCase<any>): Chart {
  const chart = newChart();
  const job = new ScheduledSparkJob(chart, 'Job', { ...PLANNED_ANYWAY, ...c.props });
  postConstruction(job, c);
  return chart;
}

/** Checks that hold for every synthesized application spec, beyond the CRD schema. */
export function checkApplicationSpec(spec: any, maxNameLength: number, name: string): void {
  if (!(typeof name === 'string' && name.length <= maxNameLength && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name))) {
    throw new Error(`metadata.name ${JSON.stringify(name)} is not a DNS-1035 label of at most ${maxNameLength} characters`);
  }
  for (const role of ['driver', 'executor']) {
    const r = spec[role] ?? {};
    for (const field of ['memory', 'memoryOverhead']) {
      if (r[field] !== undefined && !/^[1-9][0-9]*[kmgt]$/.test(r[field])) {
        throw new Error(`${role}.${field} ${JSON.stringify(r[field])} is not a Spark size`);
      }
    }
    if (r.cores !== undefined && !(Number.isInteger(r.cores) && r.cores >= 1)) {
      throw new Error(`${role}.cores ${r.cores} is not an integer >= 1`);
    }
  }
}

type Props = AbstractSparkJobProps & { readonly metadata?: any };
type PropsMutation = fc.Arbitrary<Mutation<JobCase<Props>>>;

/** A mutation of the props only. */
function props<V>(name: string, prop: string | ((v: V) => string), values: fc.Arbitrary<V>, apply: (p: Props, v: V) => Props): PropsMutation {
  return mutation<JobCase<Props>, V>(name, prop, values, (c, v) => ({ ...c, props: apply(c.props, v) }));
}

/** A mutation that also does something to the job after construction. */
function after<V>(name: string, prop: string, values: fc.Arbitrary<V>, apply: (p: Props, v: V) => Props,
  then: (job: AbstractSparkJob, v: V) => void): PropsMutation {
  return mutation<JobCase<Props>, V>(name, prop, values, (c, v) => ({ ...c, props: apply(c.props, v), after: job => then(job, v) }));
}

const badCount = fc.constantFrom(0, -1, 1.5, NaN, Infinity, -Infinity);
const badMemory = fc.constantFrom(0.5, 0, 1.25, NaN).map(Size.kibibytes);

/** Keys the operator's webhook rejects. */
const WEBHOOK_KEYS = ['spark.master', 'spark.kubernetes.driver.master', 'spark.kubernetes.container.image',
  'spark.kubernetes.driver.container.image', 'spark.kubernetes.executor.container.image',
  'spark.kubernetes.authenticate.driver.serviceAccountName', 'spark.kubernetes.authenticate.executor.serviceAccountName',
  'spark.kubernetes.authenticate.submission.oauthToken'];

/** Keys that carry credentials, for `hadoopConf` (and `spark.hadoop.<key>` in `sparkConf`). */
const HADOOP_SECRET_KEYS = ['fs.oss.accessKeyId', 'fs.oss.accessKeySecret', 'fs.oss.securityToken', 'fs.s3a.access.key',
  'fs.s3a.secret.key', 'fs.s3a.session.token', 'javax.jdo.option.ConnectionPassword', 'fs.azure.account.key.acct.dfs.core.windows.net'];

const SPARK_SECRET_KEYS = ['spark.authenticate.secret', 'spark.ssl.keyStorePassword', 'spark.executorEnv.AWS_SECRET_ACCESS_KEY'];

/** Mutations that make any Spark job's props invalid, for names of at most `maxNameLength`. */
export function jobMutations(maxNameLength: number): PropsMutation[] {
  return [
    props('driver cores', 'driver.cores', badCount, (p, v) => ({ ...p, driver: { ...p.driver, cores: v, coreLimit: undefined, coreRequest: undefined } })),
    props('executor cores', 'executor.cores', badCount, (p, v) => ({ ...p, executor: { ...p.executor, cores: v } })),
    props('executor instances', 'executor.instances', fc.constantFrom(0, -2, 2.5, NaN), (p, v) => ({ ...p, executor: { ...p.executor, instances: v } })),
    props('driver memory', 'driver.memory', badMemory, (p, v) => ({ ...p, driver: { ...p.driver, memory: v } })),
    props('executor memoryOverhead', 'executor.memoryOverhead', badMemory, (p, v) => ({ ...p, executor: { ...p.executor, memoryOverhead: v } })),
    props('executor memoryLimit', 'executor.memoryLimit', fc.constantFrom(1536, 1, 0, NaN).map(Size.kibibytes),
      (p, v) => ({ ...p, executor: { ...p.executor, memoryLimit: v } })),
    props('memoryLimit below memory + overhead', r => `${r}.memoryLimit`, fc.constantFrom<'driver' | 'executor'>('driver', 'executor'),
      (p, r) => ({ ...p, [r]: { ...p[r], memory: Size.gibibytes(4), memoryOverhead: undefined, memoryLimit: Size.gibibytes(4) } })),
    props('driver coreRequest', 'driver.coreRequest', fc.constantFrom(Cpu.millis(0), Cpu.millis(-100), Cpu.units(0), Cpu.units(NaN), Cpu.units(-1)),
      (p, v) => ({ ...p, driver: { ...p.driver, coreRequest: v } })),
    props('executor coreLimit', 'executor.coreLimit', fc.constantFrom(Cpu.millis(0), Cpu.units(-2), Cpu.millis(NaN)),
      (p, v) => ({ ...p, executor: { ...p.executor, coreLimit: v } })),
    props('coreLimit below the request', r => `${r}.coreLimit`, fc.constantFrom<'driver' | 'executor'>('driver', 'executor'),
      (p, r) => ({ ...p, [r]: { ...p[r], cores: 2, coreRequest: Cpu.millis(1500), coreLimit: Cpu.millis(1000) } })),
    props('sub-millicore CPU', 'driver.coreRequest', fc.constantFrom(Cpu.units(0.0005), Cpu.millis(1.5)),
      (p, v) => ({ ...p, driver: { ...p.driver, coreRequest: v, coreLimit: undefined } })),
    props('memoryOverheadFactor', 'memoryOverheadFactor', fc.constantFrom(0, 1, -0.5, 1.5, NaN), (p, v) => ({ ...p, memoryOverheadFactor: v })),
    props('timeToLive', 'timeToLive', fc.constantFrom(Duration.millis(1500), Duration.millis(0.5), Duration.millis(999)), (p, v) => ({ ...p, timeToLive: v })),
    props('dynamic allocation order', 'dynamicAllocation', fc.constantFrom(
      { minExecutors: 3, initialExecutors: 2 }, { initialExecutors: 5, maxExecutors: 4 }, { minExecutors: 6, maxExecutors: 5 }),
    (p, v) => ({ ...p, dynamicAllocation: v, executor: { ...p.executor, instances: 1 } })),
    props('dynamic allocation maxExecutors', 'dynamicAllocation.maxExecutors', fc.constantFrom(0, 1.5, -1),
      (p, v) => ({ ...p, dynamicAllocation: { maxExecutors: v } })),
    props('dynamic allocation minExecutors', 'dynamicAllocation.minExecutors', fc.constantFrom(-1, 0.5),
      (p, v) => ({ ...p, dynamicAllocation: { minExecutors: v } })),
    props('shuffleTrackingTimeout', 'dynamicAllocation.shuffleTrackingTimeout', fc.constantFrom(Duration.millis(0.5), Duration.millis(1.25)),
      (p, v) => ({ ...p, dynamicAllocation: { shuffleTrackingTimeout: v } })),
    props('instances above maxExecutors', 'executor.instances', fc.integer({ min: 1, max: 20 }),
      (p, v) => ({ ...p, dynamicAllocation: { maxExecutors: v }, executor: { ...p.executor, instances: v + 1 } })),
    props('metadata.name', 'metadata.name',
      fc.constantFrom('Spark_Pi', '1job', 'job-', 'a'.repeat(maxNameLength + 1), 'UPPER', 'has.dot', '', '-x', 'a b'),
      (p, v) => ({ ...p, metadata: { ...p.metadata, name: v } })),
    props('sparkVersion', 'sparkVersion', fc.constantFrom('', '3', 'latest', 'v3.5.2', '3.5.2 ', undefined as unknown as string),
      (p, v) => ({ ...p, sparkVersion: v })),
    props('mainApplicationFile', 'mainApplicationFile', fc.constantFrom('', '   ', undefined as unknown as string),
      (p, v) => ({ ...p, mainApplicationFile: v })),
    props('type', 'type', fc.constantFrom('Go', '', 'scala', undefined), (p, v) => ({ ...p, type: v as SparkApplicationType })),
    props('webhook sparkConf key', k => `sparkConf["${k}"]`, fc.constantFrom(...WEBHOOK_KEYS),
      (p, k) => ({ ...p, sparkConf: { ...p.sparkConf, [k]: 'x' } })),
    props('credential in hadoopConf', k => `hadoopConf["${k}"]`, fc.constantFrom(...HADOOP_SECRET_KEYS),
      (p, k) => ({ ...p, hadoopConf: { ...p.hadoopConf, [k]: 'clear-text' }, allowedSecretConfKeys: p.allowedSecretConfKeys?.filter(a => a !== k) })),
    props('credential in sparkConf', k => `sparkConf["${k}"]`,
      fc.constantFrom(...SPARK_SECRET_KEYS, ...HADOOP_SECRET_KEYS.map(k => `spark.hadoop.${k}`)),
      (p, k) => ({ ...p, sparkConf: { ...p.sparkConf, [k]: 'clear-text' }, allowedSecretConfKeys: p.allowedSecretConfKeys?.filter(a => a !== k) })),
    props('spark.kubernetes.namespace', 'sparkConf["spark.kubernetes.namespace"]', fc.constantFrom('Elsewhere', 'OTHER'),
      (p, v) => ({ ...p, sparkConf: { ...p.sparkConf, 'spark.kubernetes.namespace': v } })),
    props('prometheus port', 'monitoring.prometheus.port', fc.constantFrom(80, 1023, 49152, 8080.5),
      (p, v) => ({ ...p, monitoring: { prometheus: { jmxExporterJar: '/j.jar', port: v } } })),
    props('UI service port', 'sparkUiOptions.servicePort', fc.constantFrom(0, 65536, 1.5), (p, v) => ({ ...p, sparkUiOptions: { servicePort: v } })),
    props('gpu quantity', 'executor.gpu.quantity', fc.constantFrom(0, -1, 1.5),
      (p, v) => ({ ...p, executor: { ...p.executor, gpu: { name: 'nvidia.com/gpu', quantity: v } } })),
    props('container port', 'driver.ports[].containerPort', fc.constantFrom(0, 65536, 1.5),
      (p, v) => ({ ...p, driver: { ...p.driver, ports: [{ name: 'p', containerPort: v }] } })),
    props('duplicate volume', 'volumes', fc.constantFrom('a', 'scratch'),
      (p, v) => ({ ...p, volumes: [{ name: v, emptyDir: {} }, { name: v, emptyDir: {} }] })),
    props('mount of a missing volume', 'driver.volumeMounts[].name', fc.constantFrom('Missing', 'Data'),
      (p, v) => ({ ...p, driver: { ...p.driver, volumeMounts: [...p.driver?.volumeMounts ?? [], { name: v, mountPath: '/Missing' }] } })),
    props('two mounts at one path', 'executor.volumeMounts', fc.constantFrom('/data', '/tmp/x'),
      (p, v) => ({
        ...p,
        volumes: [...p.volumes ?? [], { name: 'Dup', emptyDir: {} }],
        executor: { ...p.executor, volumeMounts: [{ name: 'Dup', mountPath: v }, { name: 'Dup', mountPath: v }] },
      })),
    props('pythonVersion on a JVM job', 'pythonVersion', fc.constantFrom(SparkApplicationType.SCALA, SparkApplicationType.JAVA, SparkApplicationType.R),
      (p, v) => ({ ...p, type: v, pythonVersion: PythonVersion.PYTHON_3 })),
    props('Python 2 with Spark 3.1 or later', 'pythonVersion', fc.constantFrom('3.1.0', '3.5.2', '4.0.4'),
      (p, v) => ({ ...p, type: SparkApplicationType.PYTHON, sparkVersion: v, pythonVersion: PythonVersion.PYTHON_2 })),
    props('pod template with Spark 2', 'executor.template', fc.constantFrom('2.4.8', '2.3.0'),
      (p, v) => ({
        ...p,
        sparkVersion: v,
        placement: undefined,
        driver: { ...p.driver, template: undefined },
        executor: { ...p.executor, template: { metadata: { labels: { a: 'b' } } } },
      })),
    props('terminationGracePeriod', 'driver.terminationGracePeriod', fc.constantFrom(Duration.millis(1500), Duration.millis(0.5)),
      (p, v) => ({ ...p, driver: { ...p.driver, terminationGracePeriod: v } })),
    props('restart retries', 'restartPolicy.retries', fc.constantFrom(-1, 1.5, NaN),
      (p, v) => ({ ...p, restartPolicy: RestartPolicy.onFailure({ retries: v }) })),
    props('restart interval', 'restartPolicy.retryInterval', fc.constantFrom(Duration.millis(500), Duration.seconds(0)),
      (p, v) => ({ ...p, restartPolicy: RestartPolicy.always({ retryInterval: v }) })),
    props('batch scheduler memory', 'batchSchedulerOptions.memory', fc.constantFrom(0.5, 0, 1.25, NaN).map(Size.kibibytes),
      (p, v) => ({ ...p, batchSchedulerOptions: { memory: v } })),
    props('security context that weakens the hardened preset', f => `driver.securityContext.${f}`,
      fc.constantFrom('privileged', 'allowPrivilegeEscalation', 'runAsUser', 'runAsNonRoot'),
      (p, f) => ({
        ...p,
        podSecurity: PodSecurityPreset.HARDENED,
        driver: {
          ...p.driver,
          securityContext: { ...p.driver?.securityContext, [f]: f === 'runAsUser' ? 0 : f !== 'runAsNonRoot' },
        },
      })),
    props('hardened preset UID', 'PodSecurityPreset.hardened() options.runAsUser', fc.constantFrom(0, -5, 1.5),
      (p, v) => ({ ...p, podSecurity: PodSecurityPreset.hardened({ runAsUser: v }) })),
    props('placement mechanism with Spark 2', 'placement.mechanism', fc.constantFrom(PlacementTarget.POD_TEMPLATE, PlacementTarget.BOTH),
      (p, v) => ({
        ...p,
        sparkVersion: '2.4.8',
        placement: SparkPlacement.of(EciPlacement.eciOnly(), v),
        driver: { ...p.driver, template: undefined },
        executor: { ...p.executor, template: undefined },
      })),
    props('ECI options on an ECS-only role', 'driver.annotations',
      fc.constantFrom('k8s.aliyun.com/eci-use-specs', 'k8s.aliyun.com/eci-spot-strategy'),
      (p, key) => ({
        ...p,
        placement: SparkPlacement.perRole({ driver: EciPlacement.ecsOnly(), executor: EciPlacement.ecsFirst() }),
        driver: { ...p.driver, annotations: { ...p.driver?.annotations, [key]: 'x' } },
      })),
    props('ECI label under a ResourcePolicy', 'executor.labels', fc.constantFrom('true', 'false'),
      (p, v) => ({
        ...p,
        placement: SparkPlacement.of(EciPlacement.resourcePolicy()),
        executor: { ...p.executor, labels: { ...p.executor?.labels, 'alibabacloud.com/eci': v } },
      })),
    // hostile values, as an untyped caller (a jsii language, plain JavaScript) passes them
    props('hostile executor count', 'executor.instances', fc.constantFrom(1e308, 2 ** 31, Number.MAX_SAFE_INTEGER + 2, Infinity),
      (p, v) => ({ ...p, dynamicAllocation: undefined, executor: { ...p.executor, instances: v } })),
    props('hostile cores', 'driver.cores', fc.constantFrom(2 ** 31, 1e21, NaN), (p, v) => ({ ...p, driver: { ...p.driver, cores: v, coreLimit: undefined, coreRequest: undefined } })),
    props('hostile label value', 'labels', fc.constantFrom('a\nb', 'x'.repeat(64), '-a', 'a b'),
      (p, v) => ({ ...p, executor: { ...p.executor, labels: { ...p.executor?.labels, team: v } } })),
    props('hostile label key', 'labels', fc.constantFrom('a b', 'a/b/c', '/a', 'x'.repeat(64)),
      (p, v) => ({ ...p, driver: { ...p.driver, labels: { ...p.driver?.labels, [v]: 'x' } } })),
    props('64-character names', 'serviceAccount', fc.constantFrom('s'.repeat(254), 'Bad Account', 'a_b'),
      (p, v) => ({ ...p, driver: { ...p.driver, serviceAccount: v } })),
    props('non-string in a string list', 'arguments', fc.constantFrom<any[]>([5000], [null], [true], [{}]),
      (p, v) => ({ ...p, arguments: v as any })),
    props('non-string sparkConf value', 'sparkConf', fc.constantFrom<any>(4, null, true, 1e21),
      (p, v) => ({ ...p, sparkConf: { ...p.sparkConf, 'spark.executor.cores': v } })),
    props('conf key Spark reads differently', 'sparkConf key', fc.constantFrom('spark.master=local[*]', ' spark.a', 'spark.a ', 'spark.a\nb', ''),
      (p, v) => ({ ...p, sparkConf: { ...p.sparkConf, [v]: 'x' } })),
    props('unknown enum string', f => f, fc.constantFrom('mode', 'imagePullPolicy', 'pythonVersion', 'type'),
      (p, f) => ({ ...p, [f]: 'Sometimes' } as any)),
    props('misspelled key', k => k.split('.').pop()!, fc.constantFrom('executer', 'driver.core', 'executor.instance', 'sparkUiOptions.servicePorts'),
      (p, k) => {
        const [head, tail] = k.split('.');
        return (tail === undefined ? { ...p, [head]: {} } : { ...p, [head]: { ...(p as any)[head], [tail]: 3 } }) as any;
      }),
    after('driver RBAC over a named account', 'driver.serviceAccount', fc.constantFrom('spark-operator-spark', 'x'),
      (p, v) => ({ ...p, driver: { ...p.driver, serviceAccount: v } }), job => job.grantDriverRbac()),
    after('a second placement', 'placement', fc.constantFrom(EciPlacement.ecsOnly(), EciPlacement.eciOnly()),
      (p, v) => ({ ...p, placement: SparkPlacement.of(v) }), (job, v) => job.place(SparkPlacement.of(v))),
    after('an image cache without ECI', 'addImageCache()', fc.constantFrom(undefined, EciPlacement.ecsOnly()),
      (p, v) => ({ ...p, image: 'spark:3.5.2', placement: v && SparkPlacement.of(v) }), job => job.addImageCache()),
  ];
}

/** ECI options that the library refuses, each with the prop its error names. */
const BAD_ECI_OPTIONS: Array<[string, () => EciPodOptions]> = [
  ['eci.vSwitches[0]', () => ({ vSwitches: ['vsw_bad'] })],
  ['eci.vSwitches[1]', () => ({ vSwitches: ['vsw-ok', 'subnet-1'] })],
  ['eci.zoneStrategy', () => ({ zoneStrategy: EciZoneStrategy.ORDERED })],
  ['eci.maxPending', () => ({ maxPending: Duration.minutes(5) })],
  ['eci.maxPending', () => ({ maxPending: Duration.minutes(1441) })],
  ['eci.maxPending', () => ({ maxPending: Duration.seconds(630) })],
  ['eci.extraEphemeralStorage', () => ({ extraEphemeralStorage: Size.mebibytes(1536) })],
  ['eci.extraEphemeralStorage', () => ({ extraEphemeralStorage: Size.gibibytes(0) })],
  ['eci.ramRoleName', () => ({ ramRoleName: 'bad role' })],
  ['eci.ramRoleName', () => ({ ramRoleName: '' })],
  ['eci.ramRoleName', () => ({ ramRoleName: 'a'.repeat(65) })],
  ['eci.customTags', () => ({ customTags: { a: '1', b: '2', c: '3', d: '4' } })],
  ['eci.customTags key', () => ({ customTags: { 'a:b': 'c' } })],
  ['eci.customTags.a', () => ({ customTags: { a: 'b,c' } })],
  ['eci.instanceSpecs', () => ({ instanceSpecs: [1, 2, 4, 8, 16, 32].map(v => EciInstanceSpec.size(v, Size.gibibytes(v * 2))) })],
  ['eci.instanceSpecs[0]', () => ({ spot: EciSpot.asPriceGo(), instanceSpecs: [EciInstanceSpec.size(1, Size.gibibytes(2))] })],
  ['eci.instanceFamilies', () => ({ instanceFamilies: { include: ['ecs.c6'], exclude: ['ecs.c6'] } })],
  ['eci.instanceFamilies.include[0]', () => ({ instanceFamilies: { include: ['c6'] } })],
  ['eci.failStrategy', () => ({ failStrategy: 'retry' as any })],
  ['eci.spotPriceLimit', () => ({ spotPriceLimit: 0.5 } as any)],
  ['eci.colour', () => ({ colour: 'blue' } as any)],
  ['EciImageCache.id()', () => ({ imageCache: EciImageCache.id('cache-1') })],
  ['EciSpot.withPriceLimit() pricePerHour', () => ({ spot: EciSpot.withPriceLimit(0) })],
  ['EciSpot.withPriceLimit() pricePerHour', () => ({ spot: EciSpot.withPriceLimit(-1) })],
  ['EciSpot.withPriceLimit() pricePerHour', () => ({ spot: EciSpot.withPriceLimit(NaN) })],
  ['EciSpot.withPriceLimit() pricePerHour', () => ({ spot: EciSpot.withPriceLimit(1e-7) })],
  ['EciSpot.asPriceGo() options.protectionHours', () => ({ spot: EciSpot.asPriceGo({ protectionHours: -1 }) })],
  ['EciSpot.asPriceGo() options.protectionHours', () => ({ spot: EciSpot.asPriceGo({ protectionHours: 1.5 }) })],
  ['EciInstanceSpec.size() vcpu', () => ({ instanceSpecs: [EciInstanceSpec.size(0.3, Size.gibibytes(1))] })],
  ['EciInstanceSpec.size() memory', () => ({ instanceSpecs: [EciInstanceSpec.size(2, Size.mebibytes(700))] })],
  ['EciInstanceSpec.instanceType()', () => ({ instanceSpecs: [EciInstanceSpec.instanceType('c6.xlarge')] })],
];

/** Mutations of a job's placement and ECI options (for the placement property). */
export function placementMutations(): PropsMutation[] {
  return [
    props('ECI options', ([prop]) => prop, fc.constantFrom(...BAD_ECI_OPTIONS),
      (p, [, options]) => ({
        ...p,
        placement: SparkPlacement.perRole({ driver: EciPlacement.ecsOnly(), executor: EciPlacement.eciOnly({ eci: options() }) }),
      })),
    // recommended() names its option as written: `SparkPlacement.recommended() options.executorEci.<option>`.
    props('ECI options, recommended placement', ([prop]) => prop.replace(/^eci\./, 'executorEci.'), fc.constantFrom(...BAD_ECI_OPTIONS.filter(([, o]) => {
      try { return o().spot === undefined; } catch { return true; }
    })), (p, [, options]) => ({ ...p, placement: SparkPlacement.recommended({ executorEci: options() }) })),
    props('unused share threshold', 'unusedShareWarning', fc.constantFrom(1, -0.1, 1.5, NaN),
      (p, v) => ({ ...p, placement: SparkPlacement.of(EciPlacement.ecsFirst({ unusedShareWarning: v })) })),
  ];
}

/** Mutations only a ScheduledSparkJob has. */
export function scheduleMutations(): PropsMutation[] {
  return [
    props('schedule', 'schedule', fc.constantFrom('every day', '* * * *', '0 3 * * * *', '@weekly2', '@every', '@every 5d', '', '0 3 * * ?x!'),
      (p, v) => ({ ...p, schedule: v } as Props)),
    props('timeZone', 'timeZone', fc.constantFrom('Asia Shanghai', '+08:00', '', 'UTC;rm'), (p, v) => ({ ...p, timeZone: v } as Props)),
    props('successfulRunHistoryLimit', 'successfulRunHistoryLimit', fc.constantFrom(-1, 1.5, NaN),
      (p, v) => ({ ...p, successfulRunHistoryLimit: v } as Props)),
    props('failedRunHistoryLimit', 'failedRunHistoryLimit', fc.constantFrom(-1, 2.5), (p, v) => ({ ...p, failedRunHistoryLimit: v } as Props)),
    props('a name fit for a SparkApplication only', 'metadata.name', fc.integer({ min: 44, max: 63 }).map(n => 's'.repeat(n)),
      (p, v) => ({ ...p, metadata: { ...p.metadata, name: v } })),
  ];
}
