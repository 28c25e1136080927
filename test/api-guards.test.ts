/**
 * Every public constructor, factory and mutator refuses what a caller without TypeScript (a jsii
 * language, plain JavaScript) may pass: an unknown key in an options object, a value of the wrong
 * type (a string for a number, `'4Gi'` for a `Size`, `'toString'` for an enum) and a JavaScript
 * `Map` where a map is expected, with the library's error naming the prop.
 *
 * The entry points and the types of their parameters come from the package's declarations
 * (test/support/public-api.ts), so a new class, factory, mutator or option is probed without a
 * list to update; only a valid call of a new entry point is needed below (the test says which).
 */
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-28';
import * as ts from 'typescript';
import {
  CostModel, EciInstanceSize, EciPlacement, ElasticQuotaTree, ImageCache, PlacementTarget, PodSecurityPreset, RemoteShuffle,
  ResourcePolicyUnit, ResourcePolicyUnits, SparkApplicationType, SparkClusterProfile, SparkConnectServer,
  SparkDriverRbac, SparkEventLog, SparkJob, SparkPlacement, SparkPlanValidation, SparkPodSelector, SparkPodSizing,
} from '../src';
import * as api from '../src';
import { ApiParameter, EntryPoint, kindOf, publicEntryPoints } from './support/public-api';
import { SparkEciValidationError } from '../src/private/errors';

const BASE = { type: SparkApplicationType.SCALA, sparkVersion: '3.5.2', mainApplicationFile: 'local:///opt/app.jar', image: 'spark:3.5.2' };

const chart = () => new Chart(Testing.app(), 'c', { namespace: 'spark' });
/** An ElasticQuotaTree lives in kube-system: its chart has no namespace. */
const clusterChart = () => new Chart(Testing.app(), 'cluster');
const jobIn = (c: Chart, extra: object = {}) => new SparkJob(c, 'Job', { ...BASE, ...extra });
const job = (extra: object = {}) => jobIn(chart(), extra);
const connect = () => new SparkConnectServer(chart(), 'S', { sparkVersion: '4.0.1', image: 'spark:4.0.1' });
const requirement = { key: 'zone', operator: 'In', values: ['a'] };
const resources = () => SparkPodSizing.compute({ cores: 1, memoryMebibytes: 1024 });
const plannedScope = () => { const c = chart(); jobIn(c, { metadata: { name: 'job' } }); return c; };
const validationContext = () => ({
  manifests: [], report: { addViolation: () => undefined, submit: () => undefined }, logger: { log: () => undefined },
});

/** A valid call of each entry point that takes arguments: the receiver (for methods) and the arguments. */
type ValidCall = () => { self?: any; args: any[] };
const VALID: { [id: string]: ValidCall } = {
  'new SparkClusterProfile': () => ({ args: [{ operatorVersion: '2.5.2' }] }),
  'SparkClusterProfile.ackSparkOperator': () => ({ args: [{}] }),
  'SparkClusterProfile.upstream': () => ({ args: ['2.5.2', {}] }),
  'SparkClusterProfile.of': () => ({ args: [chart()] }),
  'DecisionRecording.disable': () => ({ args: [chart()] }),
  'DecisionRecording.isEnabled': () => ({ args: [chart()] }),
  'SparkClusterProfile#watches': () => ({ self: SparkClusterProfile.upstream('2.5.2'), args: ['default'] }),
  'SparkClusterProfile#operatorAtLeast': () => ({ self: SparkClusterProfile.upstream('2.5.2'), args: ['2.4'] }),
  'SparkClusterProfile#attachTo': () => ({ self: SparkClusterProfile.upstream('2.5.2'), args: [chart()] }),
  'SparkClusterProfile#withOptions': () => ({ self: SparkClusterProfile.upstream('2.5.2'), args: [{}] }),
  'BatchScheduler.custom': () => ({ args: ['volcano'] }),
  'JobQueue.kueue': () => ({ args: ['team-a'] }),
  'RestartPolicy.onFailure': () => ({ args: [{}] }),
  'RestartPolicy.always': () => ({ args: [{}] }),
  'SparkRole#setPodSecurityContext': () => ({ self: job().driver, args: [{ runAsUser: 1000 }, {}] }),
  'SparkRole#setSecurityContext': () => ({ self: job().driver, args: [{ readOnlyRootFilesystem: true }, {}] }),
  'SparkRole#applyPodSecurity': () => ({ self: job().driver, args: [PodSecurityPreset.HARDENED, {}] }),
  'SparkRole#useServiceAccount': () => ({ self: job().driver, args: ['spark'] }),
  'SparkRole#addLabel': () => ({ self: job().driver, args: ['team', 'a', {}] }),
  'SparkRole#addAnnotation': () => ({ self: job().driver, args: ['team', 'a', {}] }),
  'SparkRole#addEnv': () => ({ self: job().driver, args: ['A', EnvValue.fromValue('x')] }),
  'SparkRole#addVolumeMount': () => ({ self: job().driver, args: [{ name: 'data', mountPath: '/data' }] }),
  'SparkRole#addSidecar': () => ({ self: job().driver, args: [{ name: 'side', image: 'busybox' }] }),
  'SparkRole#addInitContainer': () => ({ self: job().driver, args: [{ name: 'init', image: 'busybox' }] }),
  'SparkRole#addToleration': () => ({ self: job().driver, args: [{ key: 'a', operator: 'Exists' }, {}] }),
  'SparkRole#requireNodeAffinity': () => ({ self: job().driver, args: [requirement, {}] }),
  'SparkRole#preferNodeAffinity': () => ({ self: job().driver, args: [1, requirement, {}] }),
  'SparkRole#addNodeSelector': () => ({ self: job().driver, args: ['zone', 'a', {}] }),
  'new SparkDriver': () => ({ args: [{}] }),
  'new SparkExecutor': () => ({ args: [{}] }),
  'SparkExecutor#scaleTo': () => ({ self: job().executor, args: [2] }),
  'AbstractSparkJob#addSparkConf': () => ({ self: job(), args: ['spark.a', 'b'] }),
  'AbstractSparkJob#addHadoopConf': () => ({ self: job(), args: ['fs.a', 'b'] }),
  'AbstractSparkJob#allowSecretConfKeys': () => ({ self: job(), args: ['spark.a.secret'] }),
  'AbstractSparkJob#applyPodSecurity': () => ({ self: job(), args: [PodSecurityPreset.HARDENED] }),
  'AbstractSparkJob#grantDriverRbac': () => ({ self: job(), args: [{}] }),
  'AbstractSparkJob#addArguments': () => ({ self: job(), args: ['a'] }),
  'AbstractSparkJob#addDependencies': () => ({ self: job(), args: [{ jars: ['local:///a.jar'] }] }),
  'AbstractSparkJob#addVolume': () => ({ self: job(), args: [{ name: 'data', emptyDir: {} }] }),
  'AbstractSparkJob#useRemoteShuffle': () => ({ self: job(), args: [RemoteShuffle.celeborn({ masterEndpoints: ['celeborn:9097'] })] }),
  'AbstractSparkJob#addEventLog': () => ({ self: job(), args: [SparkEventLog.toOss('oss://bucket/events/')] }),
  'AbstractSparkJob#place': () => ({ self: job(), args: [SparkPlacement.recommended()] }),
  'AbstractSparkJob#addImageCache': () => ({ self: job({ placement: SparkPlacement.recommended() }), args: [{}] }),
  'AbstractSparkJob#addImagePullSecret': () => ({ self: job(), args: ['pull'] }),
  'new SparkJob': () => ({ args: [chart(), 'Job', { ...BASE }] }),
  'new ScheduledSparkJob': () => ({ args: [chart(), 'Job', { ...BASE, schedule: '@daily' }] }),
  'PodSecurityPreset.hardened': () => ({ args: [{}] }),
  'new SparkDriverRbac': () => ({ args: [chart(), 'Rbac', {}] }),
  'SparkDriverRbac#addJob': () => { const c = chart(); return { self: new SparkDriverRbac(c, 'Rbac'), args: [jobIn(c)] }; },
  'ScratchDisk.ofSize': () => ({ args: [Size.gibibytes(10), {}] }),
  'RemoteShuffle.celeborn': () => ({ args: [{ masterEndpoints: ['celeborn:9097'] }] }),
  'SparkEventLog.toOss': () => ({ args: ['oss://bucket/events/', {}] }),
  'SparkEventLog.toUri': () => ({ args: ['hdfs://namenode:8020/events', {}] }),
  'new SparkConnectRole': () => ({ args: ['server', {}] }),
  'SparkConnectRole#applyPodSecurity': () => ({ self: connect().server, args: [PodSecurityPreset.HARDENED] }),
  'SparkConnectRole#addLabel': () => ({ self: connect().server, args: ['team', 'a', {}] }),
  'SparkConnectRole#addAnnotation': () => ({ self: connect().server, args: ['team', 'a', {}] }),
  'SparkConnectRole#addToleration': () => ({ self: connect().server, args: [{ key: 'a', operator: 'Exists' }, {}] }),
  'SparkConnectRole#requireNodeAffinity': () => ({ self: connect().server, args: [requirement, {}] }),
  'SparkConnectRole#preferNodeAffinity': () => ({ self: connect().server, args: [1, requirement, {}] }),
  'SparkConnectRole#addNodeSelector': () => ({ self: connect().server, args: ['zone', 'a', {}] }),
  'new SparkConnectServer': () => ({ args: [chart(), 'S', { sparkVersion: '4.0.1', image: 'spark:4.0.1' }] }),
  'SparkConnectServer#addSparkConf': () => ({ self: connect(), args: ['spark.a', 'b'] }),
  'new SparkJobDefaults': () => ({ args: [chart(), 'Defaults', {}] }),
  'SparkJobDefaults.allOf': () => ({ args: [chart()] }),
  'EciImageCache.auto': () => ({ args: [{}] }),
  'EciImageCache.id': () => ({ args: ['imc-abc123', {}] }),
  'EciInstanceSpec.size': () => ({ args: [2, Size.gibibytes(4)] }),
  'EciInstanceSpec.instanceType': () => ({ args: ['ecs.c6.xlarge'] }),
  'EciSpot.asPriceGo': () => ({ args: [{}] }),
  'EciSpot.withPriceLimit': () => ({ args: [0.5, {}] }),
  'EciPlacement.eciOnly': () => ({ args: [{}] }),
  'EciPlacement.ecsFirst': () => ({ args: [{}] }),
  'EciPlacement.resourcePolicy': () => ({ args: [{}] }),
  'EciPlacement#applyTo': () => ({ self: EciPlacement.eciOnly(), args: [job().driver, PlacementTarget.SPEC_FIELDS] }),
  'SparkPlacement.of': () => ({ args: [EciPlacement.eciOnly(), PlacementTarget.SPEC_FIELDS] }),
  'SparkPlacement.perRole': () => ({ args: [{}] }),
  'SparkPlacement.recommended': () => ({ args: [{}] }),
  'SparkPlacement.spotResilient': () => ({ args: [{}] }),
  'new ImageCache': () => ({ args: [chart(), 'Cache', { images: ['spark:3.5.2'] }] }),
  'ImageCache#addImage': () => ({ self: new ImageCache(chart(), 'Cache', { images: ['spark:3.5.2'] }), args: ['spark:4.0.1'] }),
  'ImageCache#addImagePullSecret': () => ({ self: new ImageCache(chart(), 'Cache', { images: ['spark:3.5.2'] }), args: [{ namespace: 'spark', name: 'pull' }] }),
  'ResourcePolicyUnit.ecs': () => ({ args: [{}] }),
  'ResourcePolicyUnit.eci': () => ({ args: [{}] }),
  'ResourcePolicyUnit.acs': () => ({ args: [{}] }),
  'ResourcePolicyUnit.elastic': () => ({ args: [{}] }),
  'WhenTryNextUnits.timeoutOrExceedMax': () => ({ args: [Duration.minutes(15)] }),
  'SparkPodSelector.job': () => ({ args: ['job'] }),
  'SparkPodSelector.custom': () => ({ args: [{ team: 'a' }, ['team']] }),
  'SparkPodSelector#matches': () => ({ self: SparkPodSelector.allSparkPods(), args: [{ team: 'a' }] }),
  'new ResourcePolicyUnits': () => ({ args: [chart(), 'Policy', {}] }),
  'ResourcePolicyUnits#addUnit': () => ({ self: new ResourcePolicyUnits(chart(), 'Policy'), args: [ResourcePolicyUnit.eci()] }),
  'ResourcePolicyUnits#plan': () => { const c = chart(); return { self: new ResourcePolicyUnits(c, 'Policy', { units: [ResourcePolicyUnit.eci()] }), args: [jobIn(c)] }; },
  'ResourcePolicyUnits#checkCapacity': () => { const c = chart(); return { self: new ResourcePolicyUnits(c, 'Policy', { units: [ResourcePolicyUnit.eci()] }), args: [jobIn(c), {}] }; },
  'ResourcePolicyUnits#addJob': () => { const c = chart(); return { self: new ResourcePolicyUnits(c, 'Policy', { units: [ResourcePolicyUnit.eci()] }), args: [jobIn(c), {}] }; },
  'PlacementPlan#placementOf': () => {
    const c = chart();
    return { self: new ResourcePolicyUnits(c, 'Policy', { units: [ResourcePolicyUnit.eci()] }).plan(jobIn(c)), args: ['driver'] };
  },
  'new ElasticQuotaTree': () => ({ args: [clusterChart(), 'Quota', { root: { name: 'root' } }] }),
  'ElasticQuotaTree#addChild': () => ({ self: new ElasticQuotaTree(clusterChart(), 'Quota', { root: { name: 'root' } }), args: [{ name: 'a', namespaces: ['spark'] }] }),
  'SparkOperatorLabels.forPod': () => ({ args: ['job', 'driver'] }),
  'SparkPodSizing.compute': () => ({ args: [{ cores: 1, memoryMebibytes: 1024 }, {}] }),
  'SparkPodSizing.defaultOverheadFactor': () => ({ args: [SparkApplicationType.SCALA] }),
  'SparkPodSizing.overheadMebibytes': () => ({ args: [1024, 0.1, 384] }),
  'SparkPodSizing.podMemoryMebibytes': () => ({ args: [resources(), 2048] }),
  'SparkPodSizing.maxMemoryMebibytesWithin': () => ({ args: [resources(), 4096] }),
  'SparkPodSizing.parseCpuMillis': () => ({ args: ['500m', 'cores'] }),
  'SparkPodSizing.formatCpuMillis': () => ({ args: [500] }),
  'SparkPodSizing.parseMemoryMebibytes': () => ({ args: ['512m', 'memory'] }),
  'EciInstanceSize.of': () => ({ args: [2, 4] }),
  'EciInstanceSize.custom': () => ({ args: [2, 4] }),
  'EciInstanceSize.parse': () => ({ args: ['2-4Gi'] }),
  'EciFit.forPod': () => ({ args: [resources(), {}] }),
  'new CostModel': () => ({ args: [{ pricePerVcpuHour: 0.1, pricePerGibHour: 0.01 }] }),
  'CostModel#hourly': () => ({ self: new CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.01 }), args: [EciInstanceSize.of(2, 4), {}] }),
  'SparkJobSizing.of': () => ({ args: [job()] }),
  'SparkTesting.plan': () => ({ args: [plannedScope(), new CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.01 })] }),
  'SparkTesting.planSnapshot': () => ({ args: [plannedScope(), new CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.01 })] }),
  'SparkTesting.assertNoPendingPods': () => ({ args: [plannedScope()] }),
  'SparkTesting.assertPendingPods': () => ({ args: [plannedScope(), {}] }),
  'SparkTesting.assertPlacement': () => ({ args: [plannedScope(), 'spark/job', 'driver', 'ECS'] }),
  'SparkTesting.assertNoSpotDriver': () => ({ args: [plannedScope()] }),
  'SparkTesting.assertImageCacheOnEci': () => ({ args: [plannedScope()] }),
  'SparkTesting.assertBilledSize': () => {
    const c = chart();
    jobIn(c, { metadata: { name: 'job' }, placement: SparkPlacement.of(EciPlacement.eciOnly()) });
    return { args: [c, 'spark/job', 'executor', '1-2Gi'] };
  },
  'SparkTesting.assertCostBelow': () => ({ args: [plannedScope(), new CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.01 }), 100] }),
  'SparkTesting.comparePlans': () => ({ args: [plannedScope(), plannedScope(), new CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.01 })] }),
  'SparkTesting.assertNoPendingPodsOrErrorsAdded': () => ({ args: [plannedScope(), plannedScope()] }),
  'SparkTesting.scheduleDay': () => ({ args: [plannedScope(), '2026-01-01', 'UTC'] }),
  'SparkTesting.assertNoScheduleCollisions': () => ({ args: [plannedScope(), '2026-01-01', 'UTC'] }),
  'new SparkPlanValidation': () => ({ args: [{}] }),
  'SparkPlanValidation#validate': () => ({ self: new SparkPlanValidation(), args: [validationContext()] }),
};

/**
 * The names a refusal of a top-level argument may use besides the parameter's and the method's:
 * the prop the method writes (`addSparkConf()` names `sparkConf["key"]`), a label the caller
 * passes (`SparkConnectRole`'s role name, `parseMemoryMebibytes(value, 'memory')`), and the
 * plugin's `properties` (its props come from `cdk8s.yaml`).
 */
function argumentNames(entry: EntryPoint, args: readonly unknown[]): string[] {
  const written = entry.name.replace(/^(add|set|use)(?=[A-Z])/, '');
  const labels = args.filter((a): a is string => typeof a === 'string' && /^[a-z][A-Za-z]*$/.test(a));
  const role = entry.className.replace(/^Spark/, '').toLowerCase(); // new SparkDriver() names `driver`
  return [`${entry.name}()`, written.charAt(0).toLowerCase() + written.slice(1), role, ...labels, ...(entry.className === 'SparkPlanValidation' ? ['properties'] : [])];
}

/** A hostile call: which value goes where, and what the refusal must name. */
interface Probe {
  readonly title: string;
  /** Where the value goes: the argument index, then keys (a number indexes a list). */
  readonly path: ReadonlyArray<string | number>;
  readonly value: unknown;
  /** What the message must contain (one of them). */
  readonly names: readonly string[];
}

const UNKNOWN_KEY = 'notAKnownKey';
const ENUM_IMPOSTORS = ['toString', 'constructor', '__proto__'];
const UNIT_IMPOSTORS: { [unit: string]: unknown[] } = { Size: ['4Gi', 512], Duration: [3600, '1h'], Cpu: [0.5, '500m'], EnvValue: ['x'] };

/**
 * The probes of one value of type `type` at `path`: a wrong type for every kind, an unknown key
 * for options objects, a `Map` for maps, impostors for enums and units; recursively into options
 * objects, lists and maps (each interface once per path, so recursive types end).
 */
function probesOf(type: ts.Type, path: ReadonlyArray<string | number>, name: string, seen: ReadonlySet<string>): Probe[] {
  const kind = kindOf(type);
  const at = (title: string, value: unknown, sub: ReadonlyArray<string | number> = [], names: readonly string[] = [name]): Probe =>
    ({ title: `${path.slice(1).join('.') || name}${sub.length ? '.' + sub.join('.') : ''}: ${title}`, path: [...path, ...sub], value, names });
  switch (kind.kind) {
    case 'any': return [];
    case 'string': return [at('a number', 5)];
    case 'number': return [at('a string', '5')];
    case 'boolean': return [at('a string', 'true')];
    case 'enum': return [at('a number', 5), ...ENUM_IMPOSTORS.map(v => at(`"${v}"`, v))];
    case 'unit': return UNIT_IMPOSTORS[kind.unit].map(v => at(`${JSON.stringify(v)} for a ${kind.unit}`, v, [], [kind.unit]));
    case 'instance': return [at('a string', 'x')];
    case 'data': return [at('a string', 'x'), at('a Map', new Map([['a', 'b']]))];
    case 'list': {
      const element = probesOf(kind.element, [...path, 0], name, seen).map(p => ({ ...p, title: `[0] ${p.title}` }));
      return [at('a string for a list', 'x'), at('a Map for a list', new Map([['a', 'b']])), ...element];
    }
    case 'map': {
      const value = probesOf(kind.value, [...path, 'key'], name, seen);
      return [at('a Map', new Map([['key', 'value']])), at('a list for a map', ['key']), ...value];
    }
    case 'options': {
      if (seen.has(kind.name)) { return []; }
      const inner = new Set([...seen, kind.name]);
      return [
        at('a string for an options object', 'x'),
        at('a Map for an options object', new Map([['a', 'b']])),
        at('an unknown key', 1, [UNKNOWN_KEY], [UNKNOWN_KEY]),
        ...kind.properties.flatMap(p => probesOf(p.type, [...path, p.name], p.name, inner)),
      ];
    }
  }
}

/** The probes of an entry point's parameters (a construct's `scope` and `id` are the constructs library's). */
function probesOfEntry(entry: EntryPoint): Probe[] {
  return entry.parameters.flatMap((p: ApiParameter, i) => {
    if (entry.kind === 'new' && entry.construct && i < 2) { return []; }
    const names = argumentNames(entry, VALID[entry.id]?.().args ?? []);
    return probesOf(p.type, [i], p.name, new Set()).map(probe => ({ ...probe, names: [...probe.names, ...names] }));
  });
}

/** `base` with `value` set at `path` (objects and lists along the way are copied, missing ones created). */
function withValue(base: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  if (path.length === 0) { return value; }
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(base) ? [...base] : [];
    list[head] = withValue(list[head], rest, value);
    return list;
  }
  const obj = base !== null && typeof base === 'object' && !Array.isArray(base) && !(base instanceof Map) ? { ...base } : {};
  (obj as any)[head] = withValue((obj as any)[head], rest, value);
  return obj;
}

function call(entry: EntryPoint, valid: ValidCall, probe?: Probe): unknown {
  const { self, args } = valid();
  let callArgs = args;
  if (probe) {
    const [index, ...rest] = probe.path as [number, ...Array<string | number>];
    const param = entry.parameters[index];
    if (param.rest) {
      callArgs = [...args.slice(0, index), withValue(args[index], rest, probe.value)];
    } else {
      callArgs = [...args];
      while (callArgs.length <= index) { callArgs.push(undefined); }
      callArgs[index] = withValue(args[index], rest, probe.value);
    }
  }
  switch (entry.kind) {
    case 'new': return new (api as any)[entry.className](...callArgs);
    case 'static': return (api as any)[entry.className][entry.name](...callArgs);
    case 'method': return self[entry.name](...callArgs);
  }
}

const ENTRIES = publicEntryPoints();
const PROBED = ENTRIES.map(entry => ({ entry, probes: probesOfEntry(entry) })).filter(e => e.probes.length > 0);
/** The probes of the entry points with a valid call (the test above names those without one). */
const RUNNABLE = PROBED.filter(e => VALID[e.entry.id] !== undefined);

describe('every public entry point refuses what TypeScript would', () => {
  test('the walk finds the package\'s entry points', () => {
    const ids = ENTRIES.map(e => e.id);
    expect(ids).toEqual(expect.arrayContaining(['new SparkJob', 'SparkClusterProfile.upstream', 'AbstractSparkJob#addSparkConf', 'SparkRole#addLabel', 'ScratchDisk.ofSize']));
    expect(ENTRIES.length).toBeGreaterThan(120);
  });

  test('each entry point that takes arguments has a valid call here, and each valid call succeeds', () => {
    const missing = PROBED.filter(e => VALID[e.entry.id] === undefined).map(e => e.entry.id);
    expect(missing).toEqual([]);
    const stale = Object.keys(VALID).filter(id => !ENTRIES.some(e => e.id === id));
    expect(stale).toEqual([]);
    for (const { entry } of RUNNABLE) {
      try {
        call(entry, VALID[entry.id]);
      } catch (e) {
        throw new Error(`the valid call of ${entry.id} throws: ${(e as Error).message}`);
      }
    }
  });

  const cases = RUNNABLE.flatMap(({ entry, probes }) => probes.map(probe => [`${entry.id}: ${probe.title}`, entry, probe] as const));
  test.each(cases)('%s', async (_title, entry, probe) => {
    let error: unknown;
    try {
      await call(entry, VALID[entry.id], probe);
    } catch (e) {
      error = e;
    }
    if (!(error instanceof SparkEciValidationError)) {
      throw new Error(`expected the library's refusal, got ${error === undefined ? 'no error' : String((error as Error).stack ?? error)}`);
    }
    const message = error.message.toLowerCase();
    if (!probe.names.some(n => message.includes(n.toLowerCase()))) {
      throw new Error(`the refusal does not name ${probe.names.join(' or ')}: ${error.message}`);
    }
  });
});
