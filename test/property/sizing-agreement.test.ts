/**
 * One answer per pod: on generated SparkApplications (spec fields, sparkConf in every precedence,
 * Python / R / JVM main files, Spark 3.5 and 4.0, off-heap, pyspark memory, GPUs, memoryLimit),
 * `SparkJobSizing`, the `plan --json` report, its quota check and its cost report the same pod
 * resources; they equal an oracle written from the tables of ../shared/facts/spark-pod-resources.md;
 * and every suggestion, applied to the manifest, lands the pod in the size it names.
 */
import * as fc from 'fast-check';
import { NUM_RUNS, parameters } from './support';
import { CostModel } from '../../src/model/cost-model';
import { planObjects } from '../../src/model/plan';
import { JobPlan, toReport } from '../../src/model/plan-report';
import { SparkJobSizing } from '../../src/model/spark-job-sizing';

const PRICES = new CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.02 });
const NAMESPACE = 'spark';

const QUOTA_TREE = {
  apiVersion: 'scheduling.sigs.k8s.io/v1beta1',
  kind: 'ElasticQuotaTree',
  metadata: { name: 'elasticquotatree', namespace: 'kube-system' },
  spec: {
    root: {
      name: 'root',
      max: { 'cpu': '100000', 'memory': '100000Gi', 'nvidia.com/gpu': '100000' },
      min: { 'cpu': '100000', 'memory': '100000Gi', 'nvidia.com/gpu': '100000' },
      children: [{ name: 'spark', namespaces: [NAMESPACE], max: { 'cpu': '100000', 'memory': '100000Gi', 'nvidia.com/gpu': '100000' } }],
    },
  },
};

const memoryString = fc.oneof(
  fc.integer({ min: 256, max: 24 * 1024 }).map(m => `${m}m`),
  fc.integer({ min: 1, max: 24 }).map(g => `${g}g`),
  fc.integer({ min: 256, max: 8192 }).map(m => `${m}`),
);
const factor = fc.constantFrom('0', '0.05', '0.1', '0.15', '0.25', '0.4', '1');
const roleFactor = fc.constantFrom('0.05', '0.1', '0.2', '0.35', '0.5');

/** A role: spec fields, each maybe left to sparkConf. */
function roleSpec(role: 'driver' | 'executor') {
  return fc.record({
    cores: fc.integer({ min: 1, max: 8 }),
    coreRequest: fc.constantFrom('250m', '500m', '1', '1500m'),
    coreLimitExtra: fc.constantFrom(0, 200, 1000),
    memory: memoryString,
    memoryOverhead: fc.constantFrom('0', '200', '512m', '1g'),
    memoryLimitExtraGi: fc.integer({ min: 0, max: 4 }),
    memoryLimitUnit: fc.constantFrom('Gi', 'g'),
    gpu: fc.constantFrom(1, 2),
    instances: fc.integer({ min: 1, max: 6 }),
  }, { requiredKeys: [] }).map(r => ({ role, ...r }));
}

const confEntries = fc.record({
  'spark.kubernetes.memoryOverheadFactor': factor,
  'spark.driver.memoryOverheadFactor': roleFactor,
  'spark.executor.memoryOverheadFactor': roleFactor,
  'spark.driver.memory': memoryString,
  'spark.executor.memory': memoryString,
  'spark.executor.cores': fc.integer({ min: 1, max: 4 }).map(String),
  'spark.driver.minMemoryOverhead': fc.constantFrom('0', '100m', '500', '1g'),
  'spark.executor.minMemoryOverhead': fc.constantFrom('0', '100m', '500', '1g'),
  'spark.memory.offHeap.enabled': fc.constantFrom('true', 'false'),
  'spark.memory.offHeap.size': fc.constantFrom('1m', '400m', '1g', '2g', '3221225472'),
  'spark.executor.pyspark.memory': fc.constantFrom('42', '500m', '1g'),
  'spark.executor.resource.gpu.amount': fc.constantFrom('1', '2'),
  'spark.kubernetes.executor.limit.cores': fc.constantFrom('2', '4'),
}, { requiredKeys: [] });

const application = fc.record({
  sparkVersion: fc.constantFrom('3.5.2', '3.5.3', '4.0.0', '4.0.1'),
  main: fc.constantFrom('local:///app.jar', 'local:///app.py', 'local:///app.R'),
  specFactor: fc.option(factor, { nil: undefined }),
  conf: confEntries,
  driver: roleSpec('driver'),
  executor: roleSpec('executor'),
  eci: fc.boolean(),
});

type App = typeof application extends fc.Arbitrary<infer T> ? T : never;
type Role = App['driver'];

/** The request Spark would set, for memoryLimit to stay above it: generous on purpose. */
function roleJson(r: Role, eci: boolean): any {
  const out: any = {};
  if (r.cores !== undefined) { out.cores = r.cores; }
  if (r.coreRequest !== undefined) { out.coreRequest = r.coreRequest; }
  if (r.coreLimitExtra !== undefined && r.coreRequest !== undefined) {
    const millis = (r.coreRequest.endsWith('m') ? Number(r.coreRequest.slice(0, -1)) : Number(r.coreRequest) * 1000) + r.coreLimitExtra;
    out.coreLimit = `${millis}m`;
  }
  if (r.memory !== undefined) { out.memory = r.memory; }
  if (r.memoryOverhead !== undefined) { out.memoryOverhead = r.memoryOverhead; }
  if (r.gpu !== undefined && r.role === 'driver') { out.gpu = { name: 'nvidia.com/gpu', quantity: r.gpu }; }
  if (r.instances !== undefined && r.role === 'executor') { out.instances = r.instances; }
  if (eci) { out.labels = { 'alibabacloud.com/eci': 'true' }; }
  return out;
}

function manifestOf(a: App): any {
  const sparkConf: { [key: string]: string } = { ...a.conf };
  if (sparkConf['spark.executor.resource.gpu.amount'] !== undefined) { sparkConf['spark.executor.resource.gpu.vendor'] = 'nvidia.com'; }
  if (sparkConf['spark.memory.offHeap.enabled'] === 'true' && sparkConf['spark.memory.offHeap.size'] === undefined) {
    sparkConf['spark.memory.offHeap.size'] = '1g';
  }
  return {
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { name: 'job', namespace: NAMESPACE },
    spec: {
      type: a.main.endsWith('.py') ? 'Python' : a.main.endsWith('.R') ? 'R' : 'Scala',
      mode: 'cluster',
      image: 'spark:x',
      mainApplicationFile: a.main,
      sparkVersion: a.sparkVersion,
      ...(a.specFactor === undefined ? {} : { memoryOverheadFactor: a.specFactor }),
      sparkConf,
      driver: roleJson(a.driver, a.eci),
      executor: roleJson(a.executor, a.eci),
    },
  };
}

/** Adds a memoryLimit above the request Spark sets, in the unit the case asks for. */
function withMemoryLimits(m: any, a: App, sizing: SparkJobSizing): any {
  const out = JSON.parse(JSON.stringify(m));
  for (const r of [a.driver, a.executor]) {
    if (r.memoryLimitExtraGi === undefined) { continue; }
    const request = sizing[r.role].resources.memoryMebibytes;
    const gib = Math.ceil(request / 1024) + r.memoryLimitExtraGi;
    out.spec[r.role].memoryLimit = `${gib}${r.memoryLimitUnit ?? 'Gi'}`;
  }
  return out;
}

// --- the oracle: the facts file's tables, written out independently -------------------------------

function mib(text: string, bytesUnit = false): number {
  const m = /^(\d+)([a-z]*)$/.exec(text.toLowerCase())!;
  const per: { [s: string]: number } = { '': bytesUnit ? 1 : 2 ** 20, 'm': 2 ** 20, 'g': 2 ** 30 };
  return Math.floor(Number(m[1]) * per[m[2]] / 2 ** 20);
}

function oracle(m: any, role: 'driver' | 'executor'): { cpu: number; cpuLimit?: number; memory: number; gpus: number } {
  const spec = m.spec;
  const conf: { [key: string]: string } = {};
  // the operator's order: spec.memoryOverheadFactor, sparkConf, role fields; the last one wins
  if (spec.memoryOverheadFactor !== undefined) { conf['spark.kubernetes.memoryOverheadFactor'] = spec.memoryOverheadFactor; }
  Object.assign(conf, spec.sparkConf);
  const r = spec[role];
  if (r.cores !== undefined) { conf[`spark.${role}.cores`] = String(r.cores); }
  if (r.coreRequest !== undefined) { conf[`spark.kubernetes.${role}.request.cores`] = r.coreRequest; }
  if (r.coreLimit !== undefined) { conf[`spark.kubernetes.${role}.limit.cores`] = r.coreLimit; }
  if (r.memory !== undefined) { conf[`spark.${role}.memory`] = r.memory; }
  if (r.memoryOverhead !== undefined) { conf[`spark.${role}.memoryOverhead`] = r.memoryOverhead; }

  const millis = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
  const cpu = conf[`spark.kubernetes.${role}.request.cores`] !== undefined ? millis(conf[`spark.kubernetes.${role}.request.cores`])
    : Number(conf[`spark.${role}.cores`] ?? '1') * 1000;
  const limit = conf[`spark.kubernetes.${role}.limit.cores`];
  const nonJvm = !spec.mainApplicationFile.endsWith('.jar');
  const heap = mib(conf[`spark.${role}.memory`] ?? '1g');
  const k8sFactor = conf['spark.kubernetes.memoryOverheadFactor'];
  const f = conf[`spark.${role}.memoryOverheadFactor`] !== undefined ? Number(conf[`spark.${role}.memoryOverheadFactor`])
    : k8sFactor !== undefined ? Number(k8sFactor) : nonJvm ? 0.4 : 0.1;
  const spark4 = Number(spec.sparkVersion.split('.')[0]) >= 4;
  const floor = spark4 && conf[`spark.${role}.minMemoryOverhead`] !== undefined ? mib(conf[`spark.${role}.minMemoryOverhead`]) : 384;
  const overhead = conf[`spark.${role}.memoryOverhead`] !== undefined ? mib(conf[`spark.${role}.memoryOverhead`]) : Math.max(Math.trunc(f * heap), floor);
  let memory = heap + overhead;
  let gpus = role === 'driver' ? r.gpu?.quantity ?? 0 : 0;
  if (role === 'executor') {
    if (conf['spark.memory.offHeap.enabled'] === 'true') { memory += mib(conf['spark.memory.offHeap.size'], true); }
    if (spec.mainApplicationFile.endsWith('.py') && conf['spark.executor.pyspark.memory'] !== undefined) { memory += mib(conf['spark.executor.pyspark.memory']); }
    gpus = Number(conf['spark.executor.resource.gpu.amount'] ?? 0);
  }
  return { cpu, ...(limit === undefined ? {} : { cpuLimit: millis(limit) }), memory, gpus };
}

/** The job of a report, planned with its quota tree and prices. */
function report(m: any): JobPlan {
  const plan = planObjects([{ object: m, origin: { file: 'job.yaml', document: 1 } }, { object: QUOTA_TREE, origin: { file: 'quota.yaml', document: 1 } }]);
  return toReport(plan, PRICES).jobs[0];
}

/** Whether the case is one Kubernetes accepts: the CPU limit from sparkConf may fall below the request. */
function admissible(m: any): boolean {
  try {
    SparkJobSizing.fromManifest(m);
    return true;
  } catch (e) {
    if (/must be at least the CPU request/.test((e as Error).message)) { return false; }
    throw e;
  }
}

describe('SparkJobSizing, plan --json, quota and cost report the same pods, as Spark makes them', () => {
  test('on generated applications', () => {
    let checked = 0;
    let suggestions = 0;
    fc.assert(fc.property(application, a => {
      const bare = manifestOf(a);
      if (!admissible(bare)) { return; }
      const m = withMemoryLimits(bare, a, SparkJobSizing.fromManifest(bare));
      const sizing = SparkJobSizing.fromManifest(m);
      const job = report(m);
      expect(job.problems.filter(p => /REFUSES/.test(p.code))).toEqual([]);

      let cpu = 0;
      let memory = 0;
      let gpus = 0;
      for (const [i, fit] of sizing.roles.entries()) {
        const r = fit.resources;
        const role = job.roles[i];
        // the plan's columns
        expect(role.request).toEqual({
          cpuMillis: r.cpuRequestMillis,
          cpuLimitMillis: r.cpuLimitMillis ?? null,
          memoryMebibytes: r.memoryMebibytes,
          memoryLimitMebibytes: r.memoryLimitMebibytes,
          sparkMemoryMebibytes: r.sparkMemoryMebibytes,
          overheadMebibytes: r.overheadMebibytes,
          offHeapMebibytes: r.offHeapMebibytes ?? 0,
          pysparkMemoryMebibytes: r.pysparkMemoryMebibytes ?? 0,
        });
        expect(role.pods).toBe(fit.podCount);
        // the parts add up to the request
        expect(r.sparkMemoryMebibytes + r.overheadMebibytes + (r.offHeapMebibytes ?? 0) + (r.pysparkMemoryMebibytes ?? 0)).toBe(r.memoryMebibytes);
        // the oracle
        const expected = oracle(m, fit.roleName as 'driver' | 'executor');
        expect({ cpu: r.cpuRequestMillis, cpuLimit: r.cpuLimitMillis, memory: r.memoryMebibytes, gpus: r.extendedResources?.['nvidia.com/gpu'] ?? 0 })
          .toEqual({ cpuLimit: undefined, ...expected });
        // ECI size and cost
        if (role.eci) { expect(role.eci.billed).toBe(fit.eciFit.billed?.toString() ?? null); }
        if (role.eciCostPerHour) { expect(role.eciCostPerHour.perPod).toBeCloseTo(PRICES.hourly(fit.eciFit.billed!), 6); }
        cpu += r.cpuRequestMillis * fit.podCount;
        memory += r.memoryMebibytes * fit.podCount;
        gpus += (r.extendedResources?.['nvidia.com/gpu'] ?? 0) * fit.podCount;

        // a suggestion, applied, lands the pod in the size it names
        const f = fit.eciFit;
        const apply = (patch: any, size: string) => {
          const changed = JSON.parse(JSON.stringify(m));
          Object.assign(changed.spec[fit.roleName], patch);
          expect(`${SparkJobSizing.fromManifest(changed)[fit.roleName as 'driver' | 'executor'].eciFit.billed}`).toBe(size);
          suggestions++;
        };
        if (f.maxMemoryForSmallerSize) { apply({ memory: f.maxMemoryForSmallerSize }, `${f.smallerSize}`); }
        const limitHint = /a memoryLimit of at most (\d+) MiB fits ([^;\s]+)/.exec(f.suggestion ?? '');
        if (limitHint) { apply({ memoryLimit: `${limitHint[1]}Mi` }, limitHint[2]); }
        if (f.coreLimitForSmallerSize) { apply({ coreLimit: f.coreLimitForSmallerSize }, `${f.sizeWithCoreLimit}`); }
      }
      const quota = Object.fromEntries(job.quota!.resources.map(q => [q.resource, q.requested]));
      expect(quota).toEqual({ 'cpu': cpu, 'memory': memory, 'nvidia.com/gpu': gpus });
      checked++;
    }), { ...parameters(), numRuns: Math.max(50, Math.floor(NUM_RUNS / 2)) });
    expect(checked).toBeGreaterThan(0);
    process.stderr.write(`sizing agreement: ${checked} applications, ${suggestions} suggestions applied\n`);
  });
});
