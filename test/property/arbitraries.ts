/**
 * fast-check arbitraries for the property tests: VALID prop sets for each construct (every value
 * one the library documents as accepted, combined in every way the rules allow) and MUTATIONS
 * that each turn a valid prop set into an invalid one, naming the prop the library's error must
 * name.
 */
import { Duration, Size } from 'cdk8s';
import { Cpu, EnvFieldPaths, EnvValue, ImagePullPolicy, ISecret, Protocol, ServiceType, k8s } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import {
  BatchScheduler, ConcurrencyPolicy, DeployMode, EciAnnotationNaming, EciFailStrategy, EciImageCache, EciInstanceSpec,
  EciPlacement, EciPodOptions, EciSpot, EciZoneStrategy, ImageCacheProps, PendingPods, PlacementTarget, PreemptPolicy,
  PythonVersion, ResourcePolicyUnit, ResourcePolicyUnitsProps, RestartPolicy, ScheduledSparkJobProps, SparkApplicationType,
  SparkDriverProps, SparkExecutorProps, SparkJobProps, SparkPlacement, SparkPodSelector, SparkPodSizing, SparkRoleProps, SparkSecretType,
  WhenTryNextUnits,
} from '../../src';
import { isPortName } from '../../src/private/k8s-names';
import { compareVersions } from '../../src/private/names';
import { PodSecurityPreset } from '../../src/spark/pod-security';

// --- strings -------------------------------------------------------------------------------------

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');
const DIGITS = '0123456789'.split('');
const ALNUM = [...LETTERS, ...DIGITS];

function chars(set: string[], minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...set), minLength, maxLength });
}

/** A DNS-1035 label: a letter, then letters, digits and '-', ending with a letter or digit. */
export function dns1035(maxLength = 63): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...LETTERS),
    fc.tuple(fc.constantFrom(...LETTERS), chars([...ALNUM, '-'], 0, Math.min(maxLength, 63) - 2), fc.constantFrom(...ALNUM))
      .map(([a, mid, z]) => a + mid + z),
  );
}

/** A DNS-1123 label (namespaces, Secret names...). */
export function dnsLabel(maxLength = 63): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...ALNUM),
    fc.tuple(fc.constantFrom(...ALNUM), chars([...ALNUM, '-'], 0, maxLength - 2), fc.constantFrom(...ALNUM)).map(([a, mid, z]) => a + mid + z),
  );
}

/** Short DNS names, for names that need not exercise the length limits. */
const shortName = dnsLabel(20);

/** The name part of a label key and a non-empty label value. */
const labelName = fc.oneof(
  fc.constantFrom(...ALNUM, 'app', 'team', 'tier'),
  fc.tuple(fc.constantFrom(...ALNUM, 'A', 'Z'), chars([...ALNUM, '-', '_', '.', 'A'], 0, 20), fc.constantFrom(...ALNUM))
    .map(([a, mid, z]) => a + mid + z),
);

/** A label key with an optional prefix that is never the ECI one (`k8s.aliyun.com/eci-...`). */
const labelKey = fc.tuple(fc.option(fc.constantFrom('example.com', 'team.io', 'app.kubernetes.io'), { nil: undefined }), labelName)
  .map(([prefix, name]) => (prefix ? `${prefix}/${name}` : name));

const labelValue = fc.oneof(fc.constant(''), labelName);

function map<T>(key: fc.Arbitrary<string>, value: fc.Arbitrary<T>, maxKeys = 3): fc.Arbitrary<{ [key: string]: T }> {
  return fc.dictionary(key, value, { maxKeys });
}

export const labels = map(labelKey, labelValue);

/** Free text, printable or not, for values the library passes through (annotations, arguments). */
export const freeText = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));

const annotations = map(labelKey, freeText);

const image = fc.tuple(fc.constantFrom('registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark', 'apache/spark', 'spark'),
  fc.constantFrom('3.5.2', '3.4.1-scala2.12', 'latest', 'v4.0.0-python3'))
  .map(([repo, tag]) => `${repo}:${tag}`);

const path = fc.array(chars(ALNUM, 1, 8), { minLength: 1, maxLength: 3 }).map(parts => `/${parts.join('/')}`);

// --- units ---------------------------------------------------------------------------------------

/** A memory size Spark can parse: a whole, positive number of KiB. */
export const memory: fc.Arbitrary<Size> = fc.oneof(
  // at least 1 MiB: Spark reads memory in whole MiB, and 0 MiB is no heap at all
  fc.integer({ min: 1024, max: 4194304 }).map(Size.kibibytes),
  fc.integer({ min: 1, max: 262144 }).map(Size.mebibytes),
  fc.integer({ min: 1, max: 1024 }).map(Size.gibibytes),
);

/** A whole number of MiB (`memoryLimit`, `batchSchedulerOptions.memory`); any whole KiB renders, whole MiB reads well. */
const wholeMebibytes: fc.Arbitrary<Size> = fc.oneof(
  fc.integer({ min: 1, max: 262144 }).map(Size.mebibytes),
  fc.integer({ min: 1, max: 256 }).map(Size.gibibytes),
);

/** A positive CPU quantity. */
export const cpu: fc.Arbitrary<Cpu> = fc.oneof(
  fc.integer({ min: 1, max: 64000 }).map(Cpu.millis),
  fc.integer({ min: 1, max: 64 }).map(Cpu.units),
  fc.constantFrom(0.25, 0.5, 1.5).map(Cpu.units),
);

const seconds = (min: number, max: number) => fc.integer({ min, max }).map(Duration.seconds);

// --- Kubernetes structures -----------------------------------------------------------------------

const toleration: fc.Arbitrary<k8s.Toleration> = fc.oneof(
  fc.record({ key: labelKey, operator: fc.constant('Exists'), effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule') }),
  fc.record({ key: labelKey, operator: fc.constant('Equal'), value: labelName, effect: fc.constantFrom('NoSchedule', 'NoExecute') }),
);

const nodeRequirement: fc.Arbitrary<k8s.NodeSelectorRequirement> = fc.record({
  key: labelKey,
  operator: fc.constantFrom('In', 'NotIn'),
  values: fc.array(labelName, { minLength: 1, maxLength: 2 }),
});

const affinity: fc.Arbitrary<k8s.Affinity> = fc.oneof(
  nodeRequirement.map(r => ({
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [r] }] } },
  })),
  fc.tuple(fc.integer({ min: 1, max: 100 }), labelName).map(([weight, value]) => ({
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'spark-role': value } } },
      }],
    },
  })),
);

const uid = fc.integer({ min: 1, max: 65535 });

/** A pod security context; with `hardened`, only values that do not weaken the preset. */
function podSecurityContext(hardened: boolean): fc.Arbitrary<k8s.PodSecurityContext> {
  return fc.record({
    runAsUser: hardened ? uid : fc.integer({ min: 0, max: 65535 }),
    runAsGroup: fc.integer({ min: 0, max: 65535 }),
    fsGroup: fc.integer({ min: 0, max: 65535 }),
    runAsNonRoot: hardened ? fc.constant(true) : fc.boolean(),
    supplementalGroups: fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 2 }),
    seccompProfile: fc.constantFrom<k8s.SeccompProfile>(
      ...(hardened ? [] : [{ type: 'Unconfined' }]), { type: 'RuntimeDefault' }, { type: 'Localhost', localhostProfile: 'profiles/spark.json' }),
  }, { requiredKeys: [] });
}

/** A container security context; with `hardened`, only values that do not weaken the preset. */
function securityContext(hardened: boolean): fc.Arbitrary<k8s.SecurityContext> {
  return fc.record({
    runAsUser: hardened ? uid : fc.integer({ min: 0, max: 65535 }),
    readOnlyRootFilesystem: fc.boolean(),
    allowPrivilegeEscalation: hardened ? fc.constant(false) : fc.boolean(),
    privileged: hardened ? fc.constant(false) : fc.boolean(),
    capabilities: fc.record({
      drop: fc.subarray(['ALL', 'NET_RAW', 'CHOWN']),
      add: fc.subarray(hardened ? ['NET_BIND_SERVICE'] : ['NET_BIND_SERVICE', 'SYS_PTRACE']),
    }, { requiredKeys: [] }),
  }, { requiredKeys: [] });
}

function container(hardened: boolean): fc.Arbitrary<k8s.Container> {
  return fc.record({
    name: shortName,
    image,
    command: fc.array(freeText, { maxLength: 2 }),
    securityContext: securityContext(hardened),
  }, { requiredKeys: ['name', 'image'] });
}

/** A Secret stand-in: `EnvValue.fromSecretValue()` only reads its name. */
function secretRef(name: string): ISecret {
  return { name } as unknown as ISecret;
}

const envName = fc.tuple(fc.constantFrom('A', 'B', 'SPARK', 'LOG', '_'), chars([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'.split('')], 0, 10))
  .map(([a, rest]) => a + rest);

const envValue: fc.Arbitrary<EnvValue> = fc.oneof(
  freeText.map(EnvValue.fromValue),
  fc.tuple(shortName, labelName).map(([name, key]) => EnvValue.fromSecretValue({ secret: secretRef(name), key })),
  fc.constantFrom(EnvFieldPaths.POD_NAME, EnvFieldPaths.POD_NAMESPACE, EnvFieldPaths.POD_IP).map(p => EnvValue.fromFieldRef(p)),
);

const volume: (name: string) => fc.Arbitrary<k8s.Volume> = name => fc.oneof(
  fc.constant({ name, emptyDir: {} }),
  fc.integer({ min: 1, max: 100 }).map(gi => ({ name, emptyDir: { sizeLimit: k8s.Quantity.fromString(`${gi}Gi`) } })),
  shortName.map(cm => ({ name, configMap: { name: cm } })),
  shortName.map(claim => ({ name, persistentVolumeClaim: { claimName: claim } })),
);

// --- ECI options and placements -----------------------------------------------------------------

const vSwitchId = chars([...ALNUM, 'A', 'Z'], 1, 20).map(id => `vsw-${id}`);
const family = chars([...ALNUM, '-'], 0, 6).map(rest => `ecs.c${rest}`);

const imageCacheOption = fc.oneof(
  fc.constantFrom(EciAnnotationNaming.ACK, EciAnnotationNaming.ECI, undefined).map(naming => EciImageCache.auto({ naming })),
  fc.tuple(chars([...ALNUM, 'A'], 1, 20), fc.constantFrom(EciAnnotationNaming.ACK, EciAnnotationNaming.ECI))
    .map(([id, naming]) => EciImageCache.id(`imc-${id}`, { naming })),
);

const spot = fc.tuple(
  fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 10000 }).map(cents => cents / 100)),
  fc.record({
    protectionHours: fc.integer({ min: 0, max: 6 }), fallbackToOnDemand: fc.boolean(), gracefulRelease: fc.boolean(),
  }, { requiredKeys: [] }),
).map(([price, options]) => (price === undefined ? EciSpot.asPriceGo(options) : EciSpot.withPriceLimit(price, options)));

/**
 * A bidding SparkPlacement.recommended() takes whatever the job's shuffle: graceful release on, or
 * left to the preset (which turns it on). An explicit `gracefulRelease: false` loses shuffle files
 * on reclaim without a remote shuffle service, which the preset refuses (test/spot-resilience.test.ts).
 */
const presetSpot = spot.filter(s => s.gracefulRelease || !s._gracefulReleaseGiven);

function instanceSpec(spotting: boolean): fc.Arbitrary<EciInstanceSpec> {
  const vcpus = spotting ? [2, 4, 8, 16] : [0.25, 0.5, 1, 2, 4, 8];
  return fc.oneof(
    fc.tuple(fc.constantFrom(...vcpus), fc.integer({ min: 1, max: 512 })).map(([v, halves]) => EciInstanceSpec.size(v, Size.mebibytes(halves * 512))),
    fc.constantFrom('ecs.c6.xlarge', 'ecs.g7.2xlarge', 'ecs.gn6i-c4g1.xlarge').map(EciInstanceSpec.instanceType),
  );
}

function eciOptions(spotting: boolean): fc.Arbitrary<EciPodOptions> {
  return fc.record({
    imageCache: imageCacheOption,
    instanceSpecs: fc.array(instanceSpec(spotting), { maxLength: 5 }),
    instanceFamilies: fc.uniqueArray(family, { maxLength: 4 }).chain(fams => fc.integer({ min: 0, max: fams.length })
      .map(cut => ({ include: fams.slice(0, cut), exclude: fams.slice(cut) }))),
    spot: spotting ? spot : fc.constant(undefined),
    vSwitches: fc.array(vSwitchId, { minLength: 1, maxLength: 3 }),
    extraEphemeralStorage: fc.integer({ min: 1, max: 500 }).map(Size.gibibytes),
    ramRoleName: chars([...ALNUM, 'A', '.', '-'], 1, 64),
    failStrategy: fc.constantFrom(EciFailStrategy.FAIL_BACK, EciFailStrategy.FAIL_OVER, EciFailStrategy.FAIL_FAST),
    maxPending: fc.integer({ min: 10, max: 1440 }).map(Duration.minutes),
    customTags: map(chars([...ALNUM, 'A', '-', '_'], 1, 8), chars([...ALNUM, '-', '/', ' '], 0, 8), 3),
    zoneStrategy: fc.constantFrom(EciZoneStrategy.ORDERED, EciZoneStrategy.RANDOM),
  }, { requiredKeys: [] })
    // a zone strategy picks among vSwitches: only with them
    .map(({ zoneStrategy, ...options }) => (options.vSwitches ? { ...options, zoneStrategy } : options));
}

/** Valid ECI pod options, every field optional. */
export const eciPodOptions: fc.Arbitrary<EciPodOptions> = fc.oneof(eciOptions(false), eciOptions(true));

/**
 * Placement options; `decommission` false (Spark before 3.1, which ignores the keys and so is
 * refused them: DECOMMISSION_NEEDS_SPARK_3_1) leaves out spot and Spark decommissioning, which write them.
 */
function placementOptions(decommission: boolean) {
  return fc.record({
    eci: decommission ? eciPodOptions : eciOptions(false),
    sparkDecommissioning: decommission ? fc.boolean() : fc.constant(false),
    fitInstanceSpecs: fc.boolean(),
    unusedShareWarning: fc.constantFrom(0, 0.1, 0.25, 0.9),
  }, { requiredKeys: [] });
}

function eciPlacementOf(decommission: boolean): fc.Arbitrary<EciPlacement> {
  const options = placementOptions(decommission);
  return fc.oneof(
    fc.constant(EciPlacement.ecsOnly()),
    options.map(o => EciPlacement.eciOnly(o)),
    options.map(o => EciPlacement.ecsFirst(o)),
    options.map(o => EciPlacement.resourcePolicy(o)),
  );
}

export const eciPlacement: fc.Arbitrary<EciPlacement> = eciPlacementOf(true);

/**
 * A placement the Spark version can take: pod templates need Spark >= 3.0, and spot executors and
 * decommissioning (which write Spark's decommissioning keys) Spark >= 3.1.
 */
export function sparkPlacement(templates: boolean, decommission = true): fc.Arbitrary<SparkPlacement> {
  const mechanism = templates
    ? fc.constantFrom(PlacementTarget.SPEC_FIELDS, PlacementTarget.POD_TEMPLATE, PlacementTarget.BOTH, undefined)
    : fc.constantFrom(PlacementTarget.SPEC_FIELDS, undefined);
  const placement = eciPlacementOf(decommission);
  const presets = [
    fc.tuple(placement, mechanism).map(([p, m]) => SparkPlacement.of(p, m)),
    fc.record({ driver: placement, executor: placement, mechanism }, { requiredKeys: [] }).map(p => SparkPlacement.perRole(p)),
  ];
  return decommission ? fc.oneof(...presets, fc.record({
    executorSpot: presetSpot,
    executorEci: eciPodOptions.map(({ spot: _spot, instanceSpecs: _specs, ...rest }) => rest),
    mechanism,
  }, { requiredKeys: [] }).map(o => SparkPlacement.recommended(o))) : fc.oneof(...presets);
}

// --- Spark jobs ----------------------------------------------------------------------------------

/** What the rest of a job's props depend on. */
export interface JobFrame {
  readonly type: SparkApplicationType;
  readonly sparkVersion: string;
  /** Whether the Spark version takes pod templates (>= 3.0). */
  readonly templates: boolean;
  readonly hardened: boolean;
  readonly volumeNames: string[];
  readonly namespace?: string;
}

const sparkVersion = fc.oneof(
  fc.constantFrom('3.5.2', '3.4.1', '3.0.0', '4.0.0', '2.4.8', '3.5.2-amzn-0'),
  fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 9 }), fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }))
    .map(([a, b, c]) => (c === undefined ? `${a}.${b}` : `${a}.${b}.${c}`)),
);

export const jobFrame: fc.Arbitrary<JobFrame> = fc.record({
  type: fc.constantFrom(SparkApplicationType.JAVA, SparkApplicationType.SCALA, SparkApplicationType.PYTHON, SparkApplicationType.R),
  sparkVersion,
  hardened: fc.boolean(),
  volumeCount: fc.integer({ min: 0, max: 3 }),
  namespace: fc.option(dnsLabel(20), { nil: undefined }),
}).map(({ volumeCount, ...f }) => ({
  ...f,
  // names from the count, so that the arbitraries below can be built once per kind of frame
  volumeNames: Array.from({ length: volumeCount }, (_, i) => `vol-${i}`),
  templates: Number(f.sparkVersion.split('.')[0]) >= 3,
}));

/**
 * Arbitraries built once per key: building a record of thirty arbitraries for every generated
 * case costs more than generating from it.
 */
const memoized = new Map<string, unknown>();
function memo<T>(key: string, make: () => T): T {
  if (!memoized.has(key)) { memoized.set(key, make()); }
  return memoized.get(key) as T;
}

/** What, in a frame, the props arbitraries depend on. */
function frameKey(frame: JobFrame): string {
  // Python 2 is valid only before Spark 3.1: the frames on either side need their own arbitraries.
  const python2 = compareVersions(frame.sparkVersion, '3.1.0') < 0;
  return `${frame.type}|${frame.templates}|${frame.hardened}|${frame.volumeNames.length}|${python2}`;
}

function roleCommon(role: 'driver' | 'executor', frame: JobFrame) {
  return {
    cores: fc.integer({ min: 1, max: 64 }),
    coreRequest: cpu,
    coreLimit: cpu,
    memory,
    memoryOverhead: memory,
    memoryLimit: wholeMebibytes,
    javaOptions: fc.oneof(fc.constantFrom('-XX:+UseG1GC', '-Dlog4j.configuration=file:/opt/spark/log4j.properties'), freeText),
    serviceAccount: shortName,
    labels,
    annotations,
    image,
    env: map(envName, envValue, 3),
    envFrom: fc.array(fc.oneof(
      shortName.map(name => ({ configMapRef: { name } })),
      fc.tuple(shortName, fc.constantFrom('AWS_', 'X_')).map(([name, prefix]) => ({ secretRef: { name }, prefix })),
    ), { maxLength: 2 }),
    volumeMounts: frame.volumeNames.length === 0 ? fc.constant<k8s.VolumeMount[]>([]) : fc.uniqueArray(
      fc.record({ name: fc.constantFrom(...frame.volumeNames), mountPath: path, readOnly: fc.boolean() }, { requiredKeys: ['name', 'mountPath'] }),
      { maxLength: 3, selector: m => m.mountPath }),
    affinity,
    tolerations: fc.array(toleration, { maxLength: 2 }),
    nodeSelector: labels,
    podSecurityContext: podSecurityContext(frame.hardened),
    securityContext: securityContext(frame.hardened),
    sidecars: fc.array(container(frame.hardened), { maxLength: 2 }),
    initContainers: fc.array(container(frame.hardened), { maxLength: 1 }),
    priorityClassName: shortName,
    schedulerName: shortName,
    hostNetwork: fc.boolean(),
    dnsConfig: fc.record({
      nameservers: fc.constant<string[]>(['10.0.0.10']),
      searches: fc.array(shortName.map(n => `${n}.svc.cluster.local`), { maxLength: 2 }),
      options: fc.constant<k8s.PodDnsConfigOption[]>([{ name: 'ndots', value: '2' }]),
    }, { requiredKeys: [] }),
    hostAliases: fc.array(fc.record({ ip: fc.constantFrom('10.0.0.1', '192.168.1.20'), hostnames: fc.array(shortName, { minLength: 1, maxLength: 2 }) }),
      { maxLength: 1 }),
    lifecycle: fc.constant<k8s.Lifecycle>({ preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } } }),
    shareProcessNamespace: fc.boolean(),
    terminationGracePeriod: seconds(0, 3600),
    configMaps: fc.array(fc.record({ name: shortName, path }), { maxLength: 2 }),
    secrets: fc.array(fc.record({
      name: shortName,
      path,
      type: fc.constantFrom(SparkSecretType.GENERIC, SparkSecretType.GCP_SERVICE_ACCOUNT, SparkSecretType.HADOOP_DELEGATION_TOKEN),
    }, { requiredKeys: ['name', 'path'] }), { maxLength: 2 }),
    gpu: fc.record({ name: fc.constantFrom('nvidia.com/gpu', 'aliyun.com/gpu-mem'), quantity: fc.integer({ min: 1, max: 8 }) }),
    ports: fc.uniqueArray(fc.record({
      // IANA_SVC_NAME: a DNS label with a letter and no '--'
      name: dnsLabel(15).filter(n => isPortName(n) === undefined),
      containerPort: fc.integer({ min: 1, max: 65535 }),
      protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP),
    }, { requiredKeys: ['name', 'containerPort'] }), { maxLength: 2, selector: p => p.name }),
    template: frame.templates ? fc.record({
      metadata: fc.record({ labels, annotations }, { requiredKeys: [] }),
      spec: fc.record({
        containers: fc.constantFrom<k8s.Container[]>([], [{ name: `spark-kubernetes-${role}` }]),
        priorityClassName: shortName,
        tolerations: fc.array(toleration, { maxLength: 1 }),
      }, { requiredKeys: ['containers'] }),
    }, { requiredKeys: [] }) : fc.constant(undefined),
  };
}

/** Millicores of a generated `Cpu`. */
function millisOf(quantity: Cpu): number {
  return quantity.amount.endsWith('m') ? Number(quantity.amount.slice(0, -1)) : Number(quantity.amount) * 1000;
}

/** Kubernetes refuses a CPU limit below the request (`coreRequest`, else `cores`): raise such a limit to the request. */
function limitAtLeastRequest<P extends { cores?: number; coreRequest?: Cpu; coreLimit?: Cpu }>(p: P): P {
  const request = p.coreRequest ? millisOf(p.coreRequest) : (p.cores ?? 1) * 1000;
  return p.coreLimit && millisOf(p.coreLimit) < request ? { ...p, coreLimit: Cpu.millis(request) } : p;
}

function driverProps(frame: JobFrame): fc.Arbitrary<SparkDriverProps> {
  return memo(`driver|${frameKey(frame)}`, () => fc.record({
    ...roleCommon('driver', frame),
    podName: dns1035(63),
    serviceAnnotations: annotations,
    serviceLabels: labels,
    kubernetesMaster: fc.constantFrom('https://kubernetes.default.svc', 'k8s://https://10.0.0.1:6443'),
  }, { requiredKeys: [] }).map(limitAtLeastRequest));
}

function executorProps(frame: JobFrame): fc.Arbitrary<SparkExecutorProps> {
  return memo(`executor|${frameKey(frame)}`, () => fc.record({
    ...roleCommon('executor', frame),
    instances: fc.integer({ min: 1, max: 40 }),
    deleteOnTermination: fc.boolean(),
  }, { requiredKeys: [] }).map(limitAtLeastRequest));
}

/** `sparkConf` keys that are neither refused by the webhook nor credentials. */
const sparkConfKey = fc.array(fc.constantFrom('sql', 'shuffle', 'partitions', 'eventLog', 'enabled', 'dir', 'io', 'compression',
  'codec', 'ui', 'port', 'network', 'timeout', 'speculation', 'local', 'kryo', 'serializer', 'buffer', 'max'), { minLength: 1, maxLength: 4 })
  .map(parts => `spark.${parts.join('.')}`);

/** `hadoopConf` keys that are not credentials. */
const hadoopConfKey = fc.array(fc.constantFrom('oss', 's3a', 'endpoint', 'impl', 'connection', 'maximum', 'multipart', 'size', 'fast',
  'upload', 'region', 'path', 'style'), { minLength: 1, maxLength: 4 }).map(parts => `fs.${parts.join('.')}`);

/** Credential keys with a value the library accepts: an environment reference, or listed in allowedSecretConfKeys. */
interface ConfWithSecrets {
  readonly sparkConf?: { [key: string]: string };
  readonly hadoopConf?: { [key: string]: string };
  readonly allowedSecretConfKeys?: string[];
}

const allowedSecrets = fc.constantFrom<ConfWithSecrets>(
  { hadoopConf: { 'fs.oss.accessKeySecret': '${env.OSS_ACCESS_KEY_SECRET}' } },
  { sparkConf: { 'spark.hadoop.fs.s3a.secret.key': '${env.AWS_SECRET_ACCESS_KEY}' } },
  { sparkConf: { 'spark.authenticate.secret': '${env:SPARK_AUTH_SECRET}' } },
  { hadoopConf: { 'fs.s3a.access.key': 'minio' }, allowedSecretConfKeys: ['fs.s3a.access.key'] },
);

function dynamicAllocation() {
  return fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 50 }))
    .chain(([min, initialExtra, maxExtra]) => fc.record({
      minExecutors: fc.constant(min),
      initialExecutors: fc.constant(min + initialExtra),
      maxExecutors: fc.constant(Math.max(1, min + initialExtra + maxExtra)),
      shuffleTracking: fc.boolean(),
      shuffleTrackingTimeout: fc.oneof(fc.integer({ min: 0, max: 3_600_000 }).map(Duration.millis), seconds(0, 3600)),
    }, { requiredKeys: [] }));
}

const restartPolicy: fc.Arbitrary<RestartPolicy> = fc.oneof(
  fc.constant(RestartPolicy.never()),
  fc.record({
    retries: fc.integer({ min: 0, max: 10 }),
    submissionRetries: fc.integer({ min: 0, max: 10 }),
    retryInterval: seconds(1, 600),
    submissionRetryInterval: seconds(1, 600),
  }, { requiredKeys: [] }).map(o => RestartPolicy.onFailure(o)),
  fc.record({ retryInterval: seconds(1, 600), submissionRetryInterval: seconds(1, 600) }, { requiredKeys: [] }).map(o => RestartPolicy.always(o)),
);

/** The props every Spark job kind shares, valid for the frame. */
function commonJobProps(frame: JobFrame, withPlacement: boolean) {
  return memo(`job|${withPlacement}|${frameKey(frame)}`, () => commonJobPropsOf(frame, withPlacement));
}

function commonJobPropsOf(frame: JobFrame, withPlacement: boolean) {
  return fc.record({
    mainApplicationFile: fc.constantFrom('local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar', 'oss://bucket/jobs/etl.py', 's3a://b/app.R'),
    mainClass: fc.constantFrom('org.apache.spark.examples.SparkPi', 'com.example.Etl'),
    arguments: fc.array(freeText, { maxLength: 4 }),
    mode: fc.constantFrom(DeployMode.CLUSTER, DeployMode.CLIENT),
    image,
    imagePullPolicy: fc.constantFrom(ImagePullPolicy.ALWAYS, ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.NEVER),
    imagePullSecrets: fc.array(shortName, { maxLength: 2 }),
    sparkConf: map(sparkConfKey, freeText, 4),
    hadoopConf: map(hadoopConfKey, freeText, 3),
    sparkConfigMap: shortName,
    hadoopConfigMap: shortName,
    deps: fc.record({
      jars: fc.array(fc.constantFrom('local:///opt/a.jar', 'oss://b/c.jar'), { maxLength: 2 }),
      files: fc.array(fc.constantFrom('oss://b/conf.json'), { maxLength: 1 }),
      pyFiles: fc.array(fc.constantFrom('local:///opt/lib.zip'), { maxLength: 1 }),
      packages: fc.array(fc.constantFrom('org.apache.hadoop:hadoop-aws:3.3.4'), { maxLength: 1 }),
      excludePackages: fc.array(fc.constantFrom('com.amazonaws:aws-java-sdk-bundle'), { maxLength: 1 }),
      repositories: fc.array(fc.constantFrom('https://maven.aliyun.com/repository/public'), { maxLength: 1 }),
      archives: fc.array(fc.constantFrom('oss://b/env.tar.gz#env'), { maxLength: 1 }),
    }, { requiredKeys: [] }),
    restartPolicy,
    dynamicAllocation: dynamicAllocation(),
    timeToLive: fc.oneof(seconds(0, 864000), fc.integer({ min: 0, max: 240 }).map(Duration.hours)),
    nodeSelector: labels,
    monitoring: fc.record({
      exposeDriverMetrics: fc.boolean(),
      exposeExecutorMetrics: fc.boolean(),
      metricsProperties: freeText,
      metricsPropertiesFile: path,
      prometheus: fc.record({
        jmxExporterJar: fc.constant('/prometheus/jmx_prometheus_javaagent-0.11.0.jar'),
        port: fc.integer({ min: 1024, max: 49151 }),
        portName: dnsLabel(15),
        configFile: path,
        configuration: freeText,
      }, { requiredKeys: ['jmxExporterJar'] }),
    }, { requiredKeys: [] }),
    sparkUiOptions: fc.record({
      servicePort: fc.integer({ min: 1, max: 65535 }),
      servicePortName: dnsLabel(15),
      serviceType: fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER),
      serviceAnnotations: annotations,
      serviceLabels: labels,
      ingressAnnotations: annotations,
      ingressTls: fc.array(fc.record({ hosts: fc.array(shortName.map(h => `${h}.example.com`), { maxLength: 2 }), secretName: shortName }), { maxLength: 1 }),
    }, { requiredKeys: [] }),
    batchScheduler: fc.oneof(
      fc.constantFrom(BatchScheduler.VOLCANO, BatchScheduler.YUNIKORN, BatchScheduler.KUBE_SCHEDULER), shortName.map(BatchScheduler.custom)),
    batchSchedulerOptions: fc.record({ queue: shortName, priorityClassName: shortName, cpu, memory: wholeMebibytes }, { requiredKeys: [] }),
    // PySpark dropped Python 2 in Spark 3.1: only older versions may ask for it.
    pythonVersion: frame.type === SparkApplicationType.PYTHON
      ? fc.constantFrom(...(compareVersions(frame.sparkVersion, '3.1.0') < 0 ? [PythonVersion.PYTHON_3, PythonVersion.PYTHON_2] : [PythonVersion.PYTHON_3]))
      : fc.constant(undefined),
    memoryOverheadFactor: fc.integer({ min: 1, max: 99 }).map(n => n / 100),
    proxyUser: shortName,
    placement: withPlacement ? sparkPlacement(frame.templates, compareVersions(frame.sparkVersion, '3.1.0') >= 0) : fc.constant(undefined),
    podSecurity: frame.hardened
      ? fc.record({ runAsUser: uid, runAsGroup: uid, fsGroup: uid, readOnlyRootFilesystem: fc.boolean() }, { requiredKeys: [] })
        .map(o => PodSecurityPreset.hardened(o))
      : fc.constant(undefined),
    // the roles mount these, so they are always there
    volumes: fc.tuple(...frame.volumeNames.map(volume)),
    driver: driverProps(frame),
    executor: executorProps(frame),
    secrets: fc.option(allowedSecrets, { nil: undefined, freq: 4 }),
    // Spark refuses a role without an image (IMAGE_MISSING), so a valid job always has one.
  }, { requiredKeys: withPlacement ? ['mainApplicationFile', 'image', 'driver', 'executor', 'volumes', 'placement'] : ['mainApplicationFile', 'image', 'driver', 'executor', 'volumes'] })
    .map(({ secrets, ...props }) => {
      const roleFit = <R extends SparkRoleProps>(r: R, name: 'driver' | 'executor'): R =>
        memoryLimitAtLeastRequest(
          fitsEci(r, props.placement?.[name].fitInstanceSpecs === true), typeOfMainFile(props.mainApplicationFile), props.memoryOverheadFactor);
      // Spark on Kubernetes has dynamic allocation from 3.0 (shuffle tracking)
      const da = frame.templates ? props.dynamicAllocation : undefined;
      const instances = props.executor.instances ?? 1;
      // the webhook refuses a nodeSelector on both the application and a role; the preset, the host's network
      const appSelector = Object.keys(props.nodeSelector ?? {}).length > 0;
      const role = <R extends SparkRoleProps>(r: R, name: 'driver' | 'executor'): R => roleFit({
        ...r,
        nodeSelector: appSelector ? undefined : r.nodeSelector,
        hostNetwork: props.podSecurity ? undefined : r.hostNetwork,
      }, name);
      return {
        ...props,
        ...secrets,
        sparkConf: { ...props.sparkConf, ...secrets?.sparkConf },
        hadoopConf: { ...props.hadoopConf, ...secrets?.hadoopConf },
        // the operator starts executor.instances executors, at most maxExecutors
        dynamicAllocation: da?.maxExecutors !== undefined && da.maxExecutors < instances ? { ...da, maxExecutors: instances } : da,
        driver: role(props.driver, 'driver'),
        executor: role(props.executor, 'executor'),
      };
    });
}

/** The language Spark sizes an application as: by its main file, not by `type` (SparkSubmit.isPython / isR). */
function typeOfMainFile(file: string | undefined): SparkApplicationType {
  if (file?.endsWith('.py')) { return SparkApplicationType.PYTHON; }
  if (file?.endsWith('.R') || file?.endsWith('.r')) { return SparkApplicationType.R; }
  return SparkApplicationType.SCALA;
}

/**
 * Kubernetes refuses a memory limit below the request, which Spark sets to memory + overhead:
 * raise such a limit to the request (computed as the library's sizing computes it).
 */
function memoryLimitAtLeastRequest<R extends SparkRoleProps>(r: R, type: SparkApplicationType, factor: number | undefined): R {
  if (r.memoryLimit === undefined) { return r; }
  const mib = (s: Size | undefined) => s && Math.floor(s.toKibibytes() / 1024);
  const request = SparkPodSizing.compute({
    type, memoryMebibytes: mib(r.memory), memoryOverheadMebibytes: mib(r.memoryOverhead), memoryOverheadFactor: factor,
  }).memoryMebibytes;
  return mib(r.memoryLimit)! < request ? { ...r, memoryLimit: Size.mebibytes(request) } : r;
}

/** A role whose placement fits its ECI size (`fitInstanceSpecs`) must fit some size: at most 64 vCPU and 512 GiB. */
function fitsEci<R extends SparkRoleProps>(r: R, fitted: boolean): R {
  if (!fitted) { return r; }
  const cap = (s: Size | undefined, gib: number) => (s && s.toKibibytes() > gib * 1048576 ? Size.gibibytes(gib) : s);
  return {
    ...r,
    cores: r.cores && Math.min(r.cores, 16),
    coreRequest: undefined,
    coreLimit: undefined,
    memory: cap(r.memory, 64),
    memoryOverhead: cap(r.memoryOverhead, 16),
    memoryLimit: undefined,
  };
}

/** A valid SparkJob: its props plus what is done to it after construction. */
export interface SparkJobCase {
  readonly frame: JobFrame;
  readonly props: SparkJobProps;
  /** Call `grantDriverRbac()` (only when the driver names no account). */
  readonly driverRbac: boolean;
  /** Call `addImageCache()` (only with a placement that can run pods on ECI). */
  readonly imageCache: boolean;
}

/** A metadata name, sometimes written as an explicit `name: undefined` (a generated name). */
function metadata(frame: JobFrame, maxNameLength: number) {
  return fc.record({
    name: fc.option(dns1035(maxNameLength), { nil: undefined }),
    namespace: fc.constant(frame.namespace),
    labels,
    annotations,
  }, { requiredKeys: ['name'] });
}

export function sparkJobCase(options: { placement: boolean } = { placement: false }): fc.Arbitrary<SparkJobCase> {
  return jobFrame.chain(frame => fc.record({
    frame: fc.constant(frame),
    props: fc.tuple(commonJobProps(frame, options.placement), metadata(frame, 63), fc.option(fc.boolean(), { nil: undefined }))
      .map(([common, md, suspend]) => ({
        ...common,
        type: frame.type,
        sparkVersion: frame.sparkVersion,
        metadata: md,
        suspend,
      })),
    driverRbac: fc.boolean(),
    imageCache: fc.boolean(),
  }));
}

/** A valid ScheduledSparkJob's props. */
export interface ScheduledSparkJobCase {
  readonly frame: JobFrame;
  readonly props: ScheduledSparkJobProps;
}

const cronField = (min: number, max: number) => fc.oneof(
  fc.constant('*'),
  fc.integer({ min, max }).map(String),
  fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
  fc.integer({ min: 1, max: 10 }).map(n => `*/${n}`),
  fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 3 }).map(list => list.join(',')),
);

export const schedule: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(cronField(0, 59), cronField(0, 23), cronField(1, 31), cronField(1, 12), cronField(0, 6)).map(fields => fields.join(' ')),
  fc.constantFrom('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '0 3 * * MON-FRI', 'CRON_TZ=Asia/Shanghai 0 3 * * *'),
  fc.tuple(fc.integer({ min: 1, max: 48 }), fc.constantFrom('h', 'm', 's', 'h30m')).map(([n, unit]) => `@every ${n}${unit}`),
);

export function scheduledSparkJobCase(): fc.Arbitrary<ScheduledSparkJobCase> {
  return fc.tuple(jobFrame, fc.boolean()).chain(([frame, placed]) => fc.record({
    frame: fc.constant(frame),
    props: fc.tuple(commonJobProps(frame, placed), metadata(frame, 43), fc.record({
      schedule,
      timeZone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+8'),
      concurrencyPolicy: fc.constantFrom(ConcurrencyPolicy.ALLOW, ConcurrencyPolicy.FORBID, ConcurrencyPolicy.REPLACE),
      successfulRunHistoryLimit: fc.integer({ min: 0, max: 100 }),
      failedRunHistoryLimit: fc.integer({ min: 0, max: 100 }),
      suspend: fc.boolean(),
    }, { requiredKeys: ['schedule'] })).map(([common, md, scheduled]) => ({
      ...common,
      ...scheduled,
      type: frame.type,
      sparkVersion: frame.sparkVersion,
      metadata: md,
    })),
  }));
}

// --- ResourcePolicy ------------------------------------------------------------------------------

export interface ResourcePolicyCase {
  readonly props: ResourcePolicyUnitsProps;
  /** Put a job under the policy with `addJob()`, with this Pending-pod behaviour. */
  readonly job?: { readonly instances: number; readonly pendingPods: PendingPods };
}

const unitOptions = fc.record({
  nodeSelector: labels,
  max: fc.integer({ min: 0, max: 20 }),
  maxResources: fc.record({
    cpu,
    memory: fc.integer({ min: 0, max: 4096 }).map(Size.gibibytes),
    ephemeralStorage: fc.integer({ min: 1, max: 4096 }).map(Size.mebibytes),
    custom: fc.constantFrom<{ [name: string]: string }>({}, { 'nvidia.com/gpu': '8' }, { 'example.com/fpga': '1500m' }),
  }, { requiredKeys: ['cpu'] }),
  podLabels: labels,
  podAnnotations: annotations,
}, { requiredKeys: [] });

const unit: fc.Arbitrary<ResourcePolicyUnit> = fc.oneof(
  fc.tuple(unitOptions, fc.boolean()).map(([o, wait]) => ResourcePolicyUnit.ecs({ ...o, waitForEcsScaling: wait })),
  unitOptions.map(o => ResourcePolicyUnit.eci(o)),
  unitOptions.map(o => ResourcePolicyUnit.acs(o)),
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  unitOptions.map(o => ResourcePolicyUnit.elastic(o)),
);

/** Which pods a policy selects, as data: built once the units are known (grouping keys need a `max`). */
type SelectorSpec = { kind: 'default' } | { kind: 'all' } | { kind: 'job'; name: string } | { kind: 'custom'; labels: { [key: string]: string }; keys: string[] };

const selectorSpec: fc.Arbitrary<SelectorSpec> = fc.oneof(
  fc.constant<SelectorSpec>({ kind: 'default' }),
  fc.constant<SelectorSpec>({ kind: 'all' }),
  dns1035(63).map<SelectorSpec>(name => ({ kind: 'job', name })),
  fc.tuple(labels, fc.uniqueArray(labelKey, { maxLength: 2 })).map<SelectorSpec>(([l, keys]) => ({ kind: 'custom', labels: l, keys })),
);

function buildSelector(spec: SelectorSpec, anyMax: boolean): SparkPodSelector | undefined {
  switch (spec.kind) {
    case 'default': return undefined;
    case 'all': return SparkPodSelector.allSparkPods();
    case 'job': return SparkPodSelector.job(spec.name);
    // explicit grouping keys need a unit with a max
    case 'custom': return SparkPodSelector.custom(spec.labels, anyMax ? spec.keys : []);
  }
}

export function resourcePolicyCase(): fc.Arbitrary<ResourcePolicyCase> {
  return fc.record({
    selector: selectorSpec,
    units: fc.array(unit, { minLength: 1, maxLength: 4 }),
    preemptPolicy: fc.constantFrom(PreemptPolicy.AFTER_ALL_UNITS, PreemptPolicy.BEFORE_NEXT_UNIT),
    whenTryNextUnits: fc.oneof(
      fc.constant(WhenTryNextUnits.lackResourceOrExceedMax()),
      fc.constant(WhenTryNextUnits.exceedMax()),
      fc.constant(WhenTryNextUnits.lackResourceAndNoTerminating()),
      fc.option(fc.oneof(fc.integer({ min: 1, max: 7200 }).map(Duration.seconds), fc.integer({ min: 1, max: 120 }).map(Duration.minutes),
        fc.integer({ min: 1, max: 48 }).map(h => Duration.hours(h / 2))), { nil: undefined }).map(WhenTryNextUnits.timeoutOrExceedMax),
    ),
    ignorePreviousPod: fc.boolean(),
    ignoreTerminatingPod: fc.boolean(),
    matchLabelKeys: fc.uniqueArray(labelKey, { maxLength: 2 }),
    schedulerVersion: fc.constantFrom('6.9.5', 'v6.10.0', 'v1.30.1-aliyun-6.9.5.e8a4c58b', '7.0'),
    metadata: fc.record({ name: dnsLabel(63), labels }, { requiredKeys: [] }),
  }, { requiredKeys: ['units', 'selector'] }).map(({ selector: spec, ...props }) => {
    // The rules the library enforces between fields, applied so that the set stays valid:
    // grouping keys and the ignore* flags need a unit with a max, and keys are not repeated.
    const anyMax = props.units.some(u => u.max !== undefined);
    const selector = buildSelector(spec, anyMax);
    const selectorKeys = (selector ?? SparkPodSelector.allSparkPods()).matchLabelKeys;
    const fixed: ResourcePolicyUnitsProps = {
      ...props,
      selector,
      matchLabelKeys: anyMax ? props.matchLabelKeys?.filter(k => !selectorKeys.includes(k)) : undefined,
      ignorePreviousPod: anyMax ? props.ignorePreviousPod : undefined,
      ignoreTerminatingPod: anyMax ? props.ignoreTerminatingPod : undefined,
    };
    return fixed;
  }).chain(props => fc.record({
    props: fc.constant(props),
    job: fc.option(fc.record({
      instances: fc.integer({ min: 1, max: 30 }),
      pendingPods: fc.constantFrom(PendingPods.ALLOW, PendingPods.WARN),
    }), { nil: undefined }),
  }, { requiredKeys: ['props'] }));
}

// --- ImageCache ----------------------------------------------------------------------------------

export function imageCacheCase(): fc.Arbitrary<{ props: ImageCacheProps; chartNamespace?: string }> {
  return fc.record({
    props: fc.record({
      metadata: fc.record({ name: fc.option(dnsLabel(63), { nil: undefined }), labels, annotations }, { requiredKeys: [] }),
      images: fc.uniqueArray(fc.oneof(image, fc.tuple(image, chars(ALNUM, 1, 6)).map(([i, s]) => `${i}-${s}`)), { minLength: 1, maxLength: 4 }),
      imagePullSecrets: fc.uniqueArray(fc.record({ namespace: dnsLabel(63), name: dnsLabel(63) }), {
        maxLength: 3, selector: s => `${s.namespace}:${s.name}`,
      }),
      size: fc.integer({ min: 1, max: 2000 }).map(Size.gibibytes),
      retention: fc.oneof(fc.integer({ min: 1, max: 365 }).map(Duration.days), fc.integer({ min: 1, max: 30 }).map(d => Duration.hours(d * 24))),
      reuseLayers: fc.boolean(),
      acrInstanceIds: fc.array(chars([...ALNUM, '-'], 1, 12).map(id => `cri-${id}`), { maxLength: 3 }),
    }, { requiredKeys: ['images'] }),
    chartNamespace: fc.option(dnsLabel(20), { nil: undefined }),
  }, { requiredKeys: ['props'] });
}
