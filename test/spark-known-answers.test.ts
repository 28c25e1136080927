/**
 * Known answers for the pods Spark and the Spark Operator make, transcribed from their own test
 * suites and from the quoted code (../shared/facts/spark-pod-resources.md), each case run through
 * the one sizing path (`SparkJobSizing.fromManifest()` -> `sparkRoleResources()` ->
 * `SparkPodSizing.compute()`) for Spark 3.5.x and 4.0.x.
 *
 * Suites, read with `git show <tag>:<path>`:
 * - Spark v3.5.2 and v4.0.0-preview2 `resource-managers/kubernetes/core/src/test/scala/org/apache/spark/deploy/k8s/features/BasicDriverFeatureStepSuite.scala`
 *   and `BasicExecutorFeatureStepSuite.scala`, `core/src/test/scala/org/apache/spark/resource/ResourceProfileSuite.scala`
 *   (the suites' conf is written as a manifest; the suites' unit tests set no propagated factor,
 *   so where they expect 0.1 on a Python executor the manifest sets it, as the title says).
 * - kubeflow/spark-operator v2.5.2 `internal/scheduler/yunikorn/scheduler_test.go` (`TestSchedule`),
 *   `internal/scheduler/yunikorn/resourceusage/resource_usage_test.go`, `java_test.go`,
 *   `internal/webhook/sparkpod_defaulter_test.go` (`TestPatchSparkPod_MemoryLimit`), `pkg/util/util_test.go`.
 * Cases a manifest cannot express (custom ResourceProfiles built in application code: the
 * executor suite's "basic resourceprofile" and "resourceprofile with gpus") are left out.
 */
import { SparkJobSizing, SparkRoleFit } from '../src/model/spark-job-sizing';
import { RefusedBy, webhookMemoryLimit } from '../src/model/spark-role-resources';

/** The two Spark lines every case runs on. */
const LINES = ['3.5.2', '4.0.0'] as const;
type Line = typeof LINES[number];

const JAR = 'local:///opt/spark/examples/jars/spark-examples.jar';
const PY = 'local:///opt/spark/examples/src/main/python/pi.py';
const R = 'local:///opt/spark/examples/src/main/r/dataframe.R';

function manifest(sparkVersion: Line, spec: any): any {
  return {
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { name: 'known-answer', namespace: 'spark' },
    spec: { type: 'Scala', mode: 'cluster', image: 'spark:x', mainApplicationFile: JAR, sparkVersion, ...spec },
  };
}

/** Sizes a manifest, keeping what Spark refuses instead of throwing. */
function sized(sparkVersion: Line, spec: any): SparkJobSizing {
  return SparkJobSizing._fromManifest(manifest(sparkVersion, spec), undefined, { collectRefusals: true });
}

/** A pod as the suites assert it: CPU request and limit, memory request and limit, other limits. */
interface Pod {
  readonly cpu: string;
  readonly cpuLimit?: string;
  readonly memory: string;
  readonly memoryLimit?: string;
  readonly limits?: { [name: string]: number };
}

function pod(fit: SparkRoleFit): Pod {
  const r = fit.resources;
  const cpu = (m: number) => (m % 1000 === 0 ? `${m / 1000}` : `${m}m`);
  return {
    cpu: cpu(r.cpuRequestMillis),
    ...(r.cpuLimitMillis === undefined ? {} : { cpuLimit: cpu(r.cpuLimitMillis) }),
    memory: `${r.memoryMebibytes}Mi`,
    ...(r.memoryLimitMebibytes === r.memoryMebibytes ? {} : { memoryLimit: `${r.memoryLimitMebibytes}Mi` }),
    ...(r.extendedResources === undefined ? {} : { limits: r.extendedResources }),
  };
}

/** One case: a manifest's spec, and the pods per line (the same on both lines unless `spark4` says otherwise). */
interface Case {
  readonly spec: any;
  readonly driver?: Pod;
  readonly executor?: Pod;
  /** What differs on Spark 4.0. */
  readonly spark4?: { readonly driver?: Pod; readonly executor?: Pod };
}

function check(line: Line, c: Case): void {
  const sizing = sized(line, c.spec);
  expect(sizing._refusals).toEqual([]);
  const expected = line === '4.0.0' ? { driver: c.driver, executor: c.executor, ...c.spark4 } : c;
  if (expected.driver) { expect(pod(sizing.driver)).toEqual(expected.driver); }
  if (expected.executor) { expect(pod(sizing.executor)).toEqual(expected.executor); }
}

/** Runs each case on both lines; titles carry the source. */
function knownAnswers(source: string, cases: ReadonlyArray<readonly [string, Case]>): void {
  describe(source, () => {
    const rows = cases.flatMap(([name, c]) => LINES.map(line => [name, line, c] as const));
    test.each(rows)('%s (Spark %s)', (_name, line, c) => check(line, c));
  });
}

// The suites' memory for the factor tests: MEMORY_OVERHEAD_MIN_MIB / 0.1 * 2 (v3.5.2), the
// default of spark.driver.minMemoryOverhead / 0.1 * 2 (v4.0.0-preview2): 7680 MiB either way.
const MEM = 7680;
const withFactor = (f: number) => `${Math.trunc(MEM + MEM * f)}Mi`; // the suites' `(driverMem + driverMem * factor).toInt`

knownAnswers('BasicDriverFeatureStepSuite (Spark v3.5.2, v4.0.0-preview2)', [
  ['"Check the pod respects all configurations from the user.": cpu 2, limit 4, 456Mi, nvidia.com/gpu 2', {
    spec: {
      driver: { cores: 2, coreLimit: '4', memory: '256M', memoryOverhead: '200' },
      sparkConf: { 'spark.driver.resource.gpu.amount': '2', 'spark.driver.resource.gpu.vendor': 'nvidia.com' },
    },
    driver: { cpu: '2', cpuLimit: '4', memory: '456Mi', limits: { 'nvidia.com/gpu': 2 } },
  }],
  ['"Check driver pod respects kubernetes driver request cores": 1 by default', { spec: {}, driver: { cpu: '1', memory: '1408Mi' } }],
  ['"Check driver pod respects kubernetes driver request cores": spark.driver.cores 10', {
    spec: { sparkConf: { 'spark.driver.cores': '10' } }, driver: { cpu: '10', memory: '1408Mi' },
  }],
  ['"Check driver pod respects kubernetes driver request cores": request.cores 0.1 over cores', {
    spec: { sparkConf: { 'spark.driver.cores': '10', 'spark.kubernetes.driver.request.cores': '0.1' } }, driver: { cpu: '100m', memory: '1408Mi' },
  }],
  ['"Check driver pod respects kubernetes driver request cores": request.cores 100m over cores', {
    spec: { sparkConf: { 'spark.driver.cores': '10', 'spark.kubernetes.driver.request.cores': '100m' } }, driver: { cpu: '100m', memory: '1408Mi' },
  }],
  ['"memory overhead factor new config: java": 0.1', { spec: { driver: { memory: `${MEM}m` } }, driver: { cpu: '1', memory: withFactor(0.1) } }],
  ['"memory overhead factor new config: python default": 0.4, propagated to executors', {
    spec: { type: 'Python', mainApplicationFile: PY, driver: { memory: `${MEM}m` }, executor: { memory: `${MEM}m` } },
    driver: { cpu: '1', memory: withFactor(0.4) },
    executor: { cpu: '1', memory: withFactor(0.4) },
  }],
  ['"memory overhead factor new config: python w/ override": driver 0.9, executors keep the propagated 0.4', {
    spec: {
      type: 'Python',
      mainApplicationFile: PY,
      driver: { memory: `${MEM}m` },
      executor: { memory: `${MEM}m` },
      sparkConf: { 'spark.driver.memoryOverheadFactor': '0.9' },
    },
    driver: { cpu: '1', memory: withFactor(0.9) },
    executor: { cpu: '1', memory: withFactor(0.4) },
  }],
  ['"memory overhead factor new config: r default": 0.4', {
    spec: { type: 'R', mainApplicationFile: R, driver: { memory: `${MEM}m` } }, driver: { cpu: '1', memory: withFactor(0.4) },
  }],
  ['"memory overhead factor old config: java": 0.1', { spec: { driver: { memory: `${MEM}m` } }, driver: { cpu: '1', memory: withFactor(0.1) } }],
  ['"memory overhead factor old config: python default": 0.4', {
    spec: { type: 'Python', mainApplicationFile: PY, driver: { memory: `${MEM}m` } }, driver: { cpu: '1', memory: withFactor(0.4) },
  }],
  ['"memory overhead factor old config: python w/ override": spark.kubernetes.memoryOverheadFactor 0.9 for both roles', {
    spec: {
      type: 'Python',
      mainApplicationFile: PY,
      driver: { memory: `${MEM}m` },
      executor: { memory: `${MEM}m` },
      sparkConf: { 'spark.kubernetes.memoryOverheadFactor': '0.9' },
    },
    driver: { cpu: '1', memory: withFactor(0.9) },
    executor: { cpu: '1', memory: withFactor(0.9) },
  }],
  ['"memory overhead factor old config: r default": 0.4', {
    spec: { type: 'R', mainApplicationFile: R, driver: { memory: `${MEM}m` } }, driver: { cpu: '1', memory: withFactor(0.4) },
  }],
  ['"SPARK-38194: memory overhead factor precendence": driver 0.2 over 0.3; executors get the propagated 0.3', {
    spec: {
      driver: { memory: `${MEM}m` },
      executor: { memory: `${MEM}m` },
      sparkConf: { 'spark.driver.memoryOverheadFactor': '0.2', 'spark.kubernetes.memoryOverheadFactor': '0.3' },
    },
    driver: { cpu: '1', memory: withFactor(0.2) },
    executor: { cpu: '1', memory: withFactor(0.3) },
  }],
  ['"SPARK-38194: old memory factor settings is applied if new one isn\'t given": 0.3', {
    spec: { driver: { memory: `${MEM}m` }, sparkConf: { 'spark.kubernetes.memoryOverheadFactor': '0.3' } },
    driver: { cpu: '1', memory: withFactor(0.3) },
  }],
  ['"SPARK-47208: User can override the minimum memory overhead of the driver": 756Mi on 4.0; 3.5 keeps 384', {
    spec: { driver: { memory: '256M' }, sparkConf: { 'spark.driver.minMemoryOverhead': '500' } },
    driver: { cpu: '1', memory: '640Mi' },
    spark4: { driver: { cpu: '1', memory: '756Mi' } },
  }],
  ['"SPARK-47208: Explicit overhead takes precedence over minimum overhead": 456Mi', {
    spec: { driver: { memory: '256M', memoryOverhead: '200' }, sparkConf: { 'spark.driver.minMemoryOverhead': '500' } },
    driver: { cpu: '1', memory: '456Mi' },
  }],
  ['"SPARK-47208: Overhead is maximum between factor of memory and min base overhead": 5500Mi', {
    spec: { driver: { memory: '5000M' }, sparkConf: { 'spark.driver.minMemoryOverhead': '200' } },
    driver: { cpu: '1', memory: '5500Mi' },
  }],
]);

knownAnswers('BasicExecutorFeatureStepSuite (Spark v3.5.2, v4.0.0-preview2)', [
  ['"basic executor pod has reasonable defaults": 1024M + 384M, a memory limit only', { spec: {}, executor: { cpu: '1', memory: '1408Mi' } }],
  ['"basic executor pod with resources": 1408Mi, nvidia.com/gpu 2, foo.com/fpga 1', {
    spec: {
      sparkConf: {
        'spark.executor.resource.gpu.amount': '2',
        'spark.executor.resource.gpu.vendor': 'nvidia.com',
        'spark.executor.resource.fpga.amount': '1',
        'spark.executor.resource.fpga.vendor': 'foo.com',
      },
    },
    executor: { cpu: '1', memory: '1408Mi', limits: { 'nvidia.com/gpu': 2, 'foo.com/fpga': 1 } },
  }],
  ['"test executor pyspark memory": 1408 + 42 = 1450 (the suite\'s executor factor 0.1, set for a Python app)', {
    spec: { type: 'Python', mainApplicationFile: PY, sparkConf: { 'spark.executor.pyspark.memory': '42', 'spark.kubernetes.memoryOverheadFactor': '0.1' } },
    executor: { cpu: '1', memory: '1450Mi' },
  }],
  ['"SPARK-32661 test executor offheap memory": 1408 + 42 = 1450', {
    spec: { sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '42m' } },
    executor: { cpu: '1', memory: '1450Mi' },
  }],
  ['"SPARK-38194: memory overhead factor precendence": executor 0.2 over 0.3', {
    spec: { executor: { memory: `${MEM}m` }, sparkConf: { 'spark.executor.memoryOverheadFactor': '0.2', 'spark.kubernetes.memoryOverheadFactor': '0.3' } },
    executor: { cpu: '1', memory: withFactor(0.2) },
  }],
  ['"SPARK-38194: old memory factor settings is applied if new one isn\'t given": 0.3', {
    spec: { executor: { memory: `${MEM}m` }, sparkConf: { 'spark.kubernetes.memoryOverheadFactor': '0.3' } },
    executor: { cpu: '1', memory: withFactor(0.3) },
  }],
  ['"SPARK-47208: User can override the minimum memory overhead of the executor": 1524Mi on 4.0; 3.5 keeps 1408', {
    spec: { sparkConf: { 'spark.executor.minMemoryOverhead': '500' } },
    executor: { cpu: '1', memory: '1408Mi' },
    spark4: { executor: { cpu: '1', memory: '1524Mi' } },
  }],
  ['"SPARK-47208: Explicit overhead takes precedence over minimum overhead": 1174Mi', {
    spec: { sparkConf: { 'spark.executor.memoryOverhead': '150', 'spark.executor.minMemoryOverhead': '500' } },
    executor: { cpu: '1', memory: '1174Mi' },
  }],
]);

knownAnswers('ResourceProfileSuite (Spark v3.5.2, v4.0.0-preview2)', [
  ['"Default ResourceProfile": 1 core, 1024 MiB, no overhead given, no off-heap: 1408Mi', { spec: {}, executor: { cpu: '1', memory: '1408Mi' } }],
  ['"Default ResourceProfile with app level resources specified", Python: 4096 + 1024 + 3 + 2048 = 7171, 4 cores', {
    spec: {
      type: 'Python',
      mainApplicationFile: PY,
      sparkConf: {
        'spark.executor.pyspark.memory': '2g',
        'spark.executor.memoryOverhead': '1g',
        'spark.executor.memory': '4g',
        'spark.executor.cores': '4',
        'spark.memory.offHeap.enabled': 'true',
        'spark.memory.offHeap.size': '3m',
        'spark.executor.resource.gpu.amount': '1',
        'spark.executor.resource.gpu.vendor': 'nvidia.com',
      },
    },
    executor: { cpu: '4', memory: '7171Mi', limits: { 'nvidia.com/gpu': 1 } },
  }],
  ['"Default ResourceProfile with app level resources specified", JVM: pyspark memory not added, 5123', {
    spec: {
      sparkConf: {
        'spark.executor.pyspark.memory': '2g',
        'spark.executor.memoryOverhead': '1g',
        'spark.executor.memory': '4g',
        'spark.executor.cores': '4',
        'spark.memory.offHeap.enabled': 'true',
        'spark.memory.offHeap.size': '3m',
      },
    },
    executor: { cpu: '4', memory: '5123Mi' },
  }],
  ['"test default profile executor gpus 0": no GPU limit', {
    spec: { sparkConf: { 'spark.executor.resource.gpu.amount': '0', 'spark.executor.resource.gpu.vendor': 'nvidia.com' } },
    executor: { cpu: '1', memory: '1408Mi' },
  }],
  ['"Test ExecutorResourceRequests memory helpers": 2000m, 512000k = 500, 1g = 1024 (4096 + 2000 + 1024 + 500)', {
    spec: {
      type: 'Python',
      mainApplicationFile: PY,
      sparkConf: {
        'spark.executor.memory': '4g',
        'spark.executor.memoryOverhead': '2000m',
        'spark.executor.pyspark.memory': '512000k',
        'spark.memory.offHeap.enabled': 'true',
        'spark.memory.offHeap.size': '1g',
      },
    },
    executor: { cpu: '1', memory: '7620Mi' },
  }],
]);

knownAnswers('spark-operator v2.5.2 internal/scheduler/yunikorn/scheduler_test.go TestSchedule', [
  ['"spark-pi-yunikorn": 896Mi, cpu 1 (limit 1200m) per role', {
    spec: {
      driver: { cores: 1, coreLimit: '1200m', memory: '512m' },
      executor: { instances: 2, cores: 1, coreLimit: '1200m', memory: '512m' },
    },
    driver: { cpu: '1', cpuLimit: '1200m', memory: '896Mi' },
    executor: { cpu: '1', cpuLimit: '1200m', memory: '896Mi' },
  }],
  ['"Dynamic allocation and memory overhead": driver 2000m / 10649Mi, executors 8 / 67584Mi', {
    spec: {
      type: 'Python',
      mainApplicationFile: PY,
      memoryOverheadFactor: '0.3',
      driver: { coreRequest: '2000m', cores: 4, memory: '8g' },
      executor: { instances: 4, memoryOverhead: '2g', cores: 8, memory: '64g' },
      dynamicAllocation: { enabled: true, initialExecutors: 8, minExecutors: 2 },
    },
    driver: { cpu: '2', memory: '10649Mi' },
    executor: { cpu: '8', memory: '67584Mi' },
  }],
  ['"Node selectors, tolerations, affinity and labels": 1024Mi * 1.4 non-JVM overhead = 1433Mi', {
    spec: { type: 'Python', mainApplicationFile: PY, driver: { cores: 1, memory: '1g' }, executor: { instances: 1, cores: 1, memory: '1g' } },
    driver: { cpu: '1', memory: '1433Mi' },
    executor: { cpu: '1', memory: '1433Mi' },
  }],
  ['"spark.executor.pyspark.memory": executors 512 + 384 + 500 = 1396Mi, driver 896Mi', {
    spec: {
      type: 'Python',
      mainApplicationFile: PY,
      driver: { cores: 1, memory: '512m' },
      executor: { instances: 2, cores: 1, memory: '512m' },
      sparkConf: { 'spark.executor.pyspark.memory': '500m' },
    },
    driver: { cpu: '1', memory: '896Mi' },
    executor: { cpu: '1', memory: '1396Mi' },
  }],
  ['"spark.memory.offHeap.size": executors 512 + 384 + 400 = 1296Mi, driver 896Mi', {
    spec: {
      type: 'Python',
      mainApplicationFile: PY,
      driver: { cores: 1, memory: '512m' },
      executor: { instances: 2, cores: 1, memory: '512m' },
      sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '400m' },
    },
    driver: { cpu: '1', memory: '896Mi' },
    executor: { cpu: '1', memory: '1296Mi' },
  }],
  ['"spark.memory.offHeap.size and spark.executor.pyspark.memory": executors 1796Mi, driver 896Mi', {
    spec: {
      type: 'Python',
      mainApplicationFile: PY,
      driver: { cores: 1, memory: '512m' },
      executor: { instances: 2, cores: 1, memory: '512m' },
      sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '400m', 'spark.executor.pyspark.memory': '500m' },
    },
    driver: { cpu: '1', memory: '896Mi' },
    executor: { cpu: '1', memory: '1796Mi' },
  }],
]);

knownAnswers('spark-operator v2.5.2 internal/scheduler/yunikorn/resourceusage/resource_usage_test.go TestCpuRequest', [
  ['{nil, nil} -> "1"', { spec: {}, driver: { cpu: '1', memory: '1408Mi' } }],
  ['{1, nil} -> "1"', { spec: { driver: { cores: 1 } }, driver: { cpu: '1', memory: '1408Mi' } }],
  ['{nil, "1"} -> "1"', { spec: { driver: { coreRequest: '1' } }, driver: { cpu: '1', memory: '1408Mi' } }],
  ['{1, "500m"} -> "500m"', { spec: { driver: { cores: 1, coreRequest: '500m' } }, driver: { cpu: '500m', memory: '1408Mi' } }],
]);

knownAnswers('spark-operator v2.5.2 internal/webhook/sparkpod_defaulter_test.go TestPatchSparkPod_MemoryLimit', [
  // The test's memory "1Gi" is one Spark refuses ("Invalid suffix"); 1g stands for it.
  ['memoryLimit 10Gi on both roles: the limit is 10Gi, the request memory + overhead', {
    spec: { driver: { memory: '1g', memoryLimit: '10Gi' }, executor: { memory: '1g', memoryLimit: '10Gi' } },
    driver: { cpu: '1', memory: '1408Mi', memoryLimit: '10240Mi' },
    executor: { cpu: '1', memory: '1408Mi', memoryLimit: '10240Mi' },
  }],
]);

knownAnswers('the quoted code (../shared/facts/spark-pod-resources.md)', [
  ['RPROF@v3.5.2:530-539: an executor with 1 GiB off-heap is 2432Mi (issue 26), billed 1-4Gi', {
    spec: { sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '1g' } },
    driver: { cpu: '1', memory: '1408Mi' },
    executor: { cpu: '1', memory: '2432Mi' },
  }],
  ['CONF@v3.5.2:362-368: spark.unsafe.offHeap is the alternate of spark.memory.offHeap.enabled', {
    spec: { sparkConf: { 'spark.unsafe.offHeap': 'true', 'spark.memory.offHeap.size': '1g' } },
    executor: { cpu: '1', memory: '2432Mi' },
  }],
  ['CONF@v3.5.2:370-379: spark.memory.offHeap.size without a unit is bytes (2147483648 = 2048 MiB)', {
    spec: { sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '2147483648' } },
    executor: { cpu: '1', memory: '3456Mi' },
  }],
  ['RPROF@v3.5.2:526-531: pyspark memory only for Python (not R) executors', {
    spec: { type: 'R', mainApplicationFile: R, sparkConf: { 'spark.executor.pyspark.memory': '1g' } },
    executor: { cpu: '1', memory: `${1024 + 409}Mi` },
  }],
  ['DSTEP@v3.5.2:78-83: the driver adds no off-heap and no pyspark memory', {
    spec: {
      type: 'Python',
      mainApplicationFile: PY,
      sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '1g', 'spark.executor.pyspark.memory': '1g' },
    },
    driver: { cpu: '1', memory: '1433Mi' },
    executor: { cpu: '1', memory: `${1433 + 2048}Mi` },
  }],
  ['SUB@v2.5.2:98-128: sparkConf spark.kubernetes.memoryOverheadFactor comes after spec.memoryOverheadFactor and wins', {
    spec: { memoryOverheadFactor: '0.2', sparkConf: { 'spark.kubernetes.memoryOverheadFactor': '0.3' }, driver: { memory: '4g' }, executor: { memory: '4g' } },
    driver: { cpu: '1', memory: `${4096 + 1228}Mi` },
    executor: { cpu: '1', memory: `${4096 + 1228}Mi` },
  }],
  ['SUB@v2.5.2:351-374: the driver fields come after sparkConf and win', {
    spec: { sparkConf: { 'spark.driver.memory': '8g', 'spark.driver.cores': '4' }, driver: { cores: 2, memory: '2g' } },
    driver: { cpu: '2', memory: `${2048 + 384}Mi` },
  }],
  ['K8SCONF@v3.5.2:546-554: spark.kubernetes.memoryOverheadFactor may be 0: the floor applies', {
    spec: { sparkConf: { 'spark.kubernetes.memoryOverheadFactor': '0' }, driver: { memory: '4g' } },
    driver: { cpu: '1', memory: `${4096 + 384}Mi` },
  }],
  ['DSTEP@v3.5.2:78-81: trunc(0.1 x 4096 = 409.6) = 409; the seed\'s 2-core 4g executor is 4505Mi', {
    spec: { executor: { cores: 2, memory: '4g' } },
    executor: { cpu: '2', memory: '4505Mi' },
  }],
  ['SparkConf.scala@v3.5.2:700-703: spark.yarn.executor.memoryOverhead is the alternate of spark.executor.memoryOverhead', {
    spec: { sparkConf: { 'spark.yarn.executor.memoryOverhead': '1g' } },
    executor: { cpu: '1', memory: '2048Mi' },
  }],
  ['DEFAULTER@v2.5.2:625-656: the webhook gpu replaces Spark\'s limit of the same name', {
    spec: {
      executor: { gpu: { name: 'nvidia.com/gpu', quantity: 4 } },
      sparkConf: { 'spark.executor.resource.gpu.amount': '2', 'spark.executor.resource.gpu.vendor': 'nvidia.com' },
    },
    executor: { cpu: '1', memory: '1408Mi', limits: { 'nvidia.com/gpu': 4 } },
  }],
  ['KubernetesUtils.selectSparkContainer@v3.5.2:116-140: a template\'s GPU limit and CPU limit stay when no limit.cores is set', {
    spec: {
      executor: {
        template: { spec: { containers: [{ name: 'sidecar' }, { name: 'spark-kubernetes-executor', resources: { limits: { 'cpu': '2', 'nvidia.com/gpu': '1', 'memory': '1Gi' } } }] } },
      },
    },
    executor: { cpu: '1', cpuLimit: '2', memory: '1408Mi', limits: { 'nvidia.com/gpu': 1 } },
  }],
  ['DEFAULTER@v2.5.2:119-123 + util.go:118-128: memoryLimit "10g" is converted to 10Gi', {
    spec: { executor: { memoryLimit: '10g' } },
    executor: { cpu: '1', memory: '1408Mi', memoryLimit: '10240Mi' },
  }],
]);

describe('what Spark and the webhook refuse, with the rule cited (Spark 3.5.x and 4.0.x)', () => {
  test.each<[string, any, RefusedBy, string, string, string]>([
    // title, spec, by, role, field, text the message holds
    ['CONF@v3.5.2:110-124: spark.driver.memoryOverheadFactor 0', { sparkConf: { 'spark.driver.memoryOverheadFactor': '0' } },
      RefusedBy.SPARK, 'driver', 'sparkConf["spark.driver.memoryOverheadFactor"]', 'must be a number > 0'],
    ['CONF@v3.5.2:336-350: spark.executor.memoryOverheadFactor -0.1', { sparkConf: { 'spark.executor.memoryOverheadFactor': '-0.1' } },
      RefusedBy.SPARK, 'executor', 'sparkConf["spark.executor.memoryOverheadFactor"]', 'the driver fails to create executors'],
    ['K8SCONF@v3.5.2:546-554: spec.memoryOverheadFactor -1', { memoryOverheadFactor: '-1' },
      RefusedBy.SPARK, 'driver', 'memoryOverheadFactor', 'must be a number >= 0'],
    ['Utils.scala@v3.5.2:3025-3033: off-heap enabled with no size', { sparkConf: { 'spark.memory.offHeap.enabled': 'true' } },
      RefusedBy.SPARK, 'executor', 'sparkConf["spark.memory.offHeap.enabled"]', 'spark.memory.offHeap.size must be > 0'],
    ['Utils.scala@v3.5.2:3025-3033: off-heap enabled with 1000 bytes (0 MiB)', { sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '1000' } },
      RefusedBy.SPARK, 'executor', 'sparkConf["spark.memory.offHeap.size"]', 'a bare number is bytes'],
    ['BasicExecutorFeatureStepSuite@v3.5.2 "test spark resource missing vendor"', { sparkConf: { 'spark.executor.resource.gpu.amount': '2' } },
      RefusedBy.SPARK, 'executor', 'sparkConf["spark.executor.resource.gpu.vendor"]', 'Resource: gpu was requested, but vendor was not specified'],
    ['BasicExecutorFeatureStepSuite@v3.5.2 "test spark resource missing amount"', { sparkConf: { 'spark.executor.resource.gpu.vendor': 'nvidia.com' } },
      RefusedBy.SPARK, 'executor', 'sparkConf["spark.executor.resource.gpu.amount"]', 'You must specify an amount for gpu'],
    ['KubernetesUtils.scala@v3.5.2:258-263: a driver GPU without a vendor', { sparkConf: { 'spark.driver.resource.gpu.amount': '1' } },
      RefusedBy.SPARK, 'driver', 'sparkConf["spark.driver.resource.gpu.vendor"]', 'spark-submit fails'],
    ['ResourceUtils.scala@v3.5.2:142-144: a fractional GPU amount', { sparkConf: { 'spark.driver.resource.gpu.amount': '0.5', 'spark.driver.resource.gpu.vendor': 'nvidia.com' } },
      RefusedBy.SPARK, 'driver', 'sparkConf["spark.driver.resource.gpu.amount"]', 'must be a whole number'],
    ['util.go@v2.5.2:118-128: memoryLimit "10G" becomes "10GGi"', { executor: { memoryLimit: '10G' } },
      RefusedBy.WEBHOOK, 'executor', 'executor.memoryLimit', 'the webhook rewrites it to "10GGi"'],
  ])('%s', (_title, spec, by, role, field, text) => {
    for (const line of LINES) {
      const refusals = sized(line, spec)._refusals;
      expect(refusals).toHaveLength(1);
      expect(refusals[0]).toMatchObject({ by, role, field });
      expect(() => SparkJobSizing.fromManifest(manifest(line, spec))).toThrow(text);
      expect(() => SparkJobSizing.fromManifest(manifest(line, spec))).toThrow(`spec.${field} `);
    }
  });

  test('a refused factor is sized as if unset: the role keeps its default', () => {
    const sizing = sized('3.5.2', { sparkConf: { 'spark.driver.memoryOverheadFactor': '0' }, driver: { memory: '4g' } });
    expect(sizing.driver.resources.memoryMebibytes).toBe(4096 + 409);
  });
});

describe('spark-operator v2.5.2 pkg/util/util_test.go ConvertJavaMemoryStringToK8sMemoryString', () => {
  test.each([
    ['k', 'Ki'], ['kb', 'Ki'], ['m', 'Mi'], ['mb', 'Mi'], ['g', 'Gi'], ['gb', 'Gi'], ['t', 'Ti'], ['tb', 'Ti'], ['p', 'Pi'], ['pb', 'Pi'],
    ['Ki', 'Ki'], ['Mi', 'Mi'], ['Gi', 'Gi'], ['Ti', 'Ti'], ['Pi', 'Pi'],
  ])('%s -> %s', (input, output) => {
    expect(webhookMemoryLimit(input)).toBe(output);
  });

  test.each([['10g', '10Gi'], ['10Gi', '10Gi'], ['10G', '10GGi'], ['512mb', '512Mi'], ['1e9', '1e9']])('and on values: %s -> %s', (input, output) => {
    expect(webhookMemoryLimit(input)).toBe(output);
  });
});

describe('spark-operator v2.5.2 internal/scheduler/yunikorn/resourceusage/java_test.go TestByteStringAsMbInvalid (Spark\'s byteStringAs refuses them too)', () => {
  test.each(['0.064', '0.064m', '500ub', 'This breaks 600b', 'This breaks 600', '600gb This breaks', 'This 123mb breaks'])('%j', input => {
    for (const line of LINES) {
      expect(() => SparkJobSizing.fromManifest(manifest(line, { executor: { memory: input } }))).toThrow('spec.executor.memory must be a Spark memory string');
    }
  });
});

describe('docs/sizing-and-cost.md "The formula": the worked examples', () => {
  test('Spark 3.5, a Python executor with off-heap and pyspark memory: 7270 MiB, 2-8Gi, 1829m fits 2-4Gi', () => {
    const sizing = sized('3.5.2', {
      type: 'Python',
      mainApplicationFile: PY,
      driver: { memory: '4g' },
      executor: { cores: 2, memory: '4g' },
      sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '1g', 'spark.executor.pyspark.memory': '512m' },
    });
    expect(sizing.executor.resources).toMatchObject({
      cpuRequestMillis: 2000,
      overheadFactor: 0.4,
      overheadMebibytes: 1638,
      offHeapMebibytes: 1024,
      pysparkMemoryMebibytes: 512,
      memoryMebibytes: 7270,
    });
    expect(sizing.executor.resources.cpuLimitMillis).toBeUndefined();
    expect(`${sizing.executor.eciFit.billed}`).toBe('2-8Gi');
    expect(sizing.executor.eciFit).toMatchObject({ maxMemoryForSmallerSize: '1829m' });
    expect(`${sizing.executor.eciFit.smallerSize}`).toBe('2-4Gi');
    expect(sizing.driver.resources.memoryMebibytes).toBe(5734);
  });

  test('Spark 4.0, a JVM executor with minMemoryOverhead 512m: 4224 MiB, 2-8Gi, 3584m fits 2-4Gi; on 3.5 4096 MiB, 2-4Gi', () => {
    const spec = { executor: { cores: 2, memory: '3712m' }, sparkConf: { 'spark.executor.minMemoryOverhead': '512m' } };
    const spark4 = sized('4.0.0', spec).executor;
    expect(spark4.resources).toMatchObject({ overheadFactor: 0.1, overheadMebibytes: 512, memoryMebibytes: 4224 });
    expect(`${spark4.eciFit.billed}`).toBe('2-8Gi');
    expect(spark4.eciFit.maxMemoryForSmallerSize).toBe('3584m');
    const spark35 = sized('3.5.2', spec).executor;
    expect(spark35.resources.memoryMebibytes).toBe(4096);
    expect(`${spark35.eciFit.billed}`).toBe('2-4Gi');
    expect(spark35.notes).toEqual(['sparkConf spark.executor.minMemoryOverhead is ignored: Spark reads it only from 4.0 (sparkVersion 3.5.2)']);
  });
});
