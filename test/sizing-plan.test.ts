/**
 * What the plan (and synth, which asks it) says about pod sizes: refused values as problems with
 * the rule cited, GPUs from every route in the quota and the ECI check, the off-heap
 * executor in its true ECI size, and notes only where Spark does what they say.
 */
import { Chart, Size, Testing } from 'cdk8s';
import { ElasticQuotaTree, OperatorWebhook, SparkApplicationType, SparkClusterProfile, SparkJob, SparkJobProps } from '../src';
import { synthError } from './support/plan';
import { yamlFieldNamer } from '../src/model/describe';
import { describeProblemFix } from '../src/model/describe-fix';
import { planObjects } from '../src/model/plan';
import { JobPlan, toReport } from '../src/model/plan-report';
import { ProblemCode, ProblemSeverity } from '../src/model/planner';

const QUOTA_TREE = {
  apiVersion: 'scheduling.sigs.k8s.io/v1beta1',
  kind: 'ElasticQuotaTree',
  metadata: { name: 'elasticquotatree', namespace: 'kube-system' },
  spec: {
    root: {
      name: 'root',
      max: { 'cpu': '1000', 'memory': '4000Gi', 'nvidia.com/gpu': '64' },
      children: [{ name: 'spark', namespaces: ['spark'], min: { 'cpu': '1000', 'memory': '4000Gi', 'nvidia.com/gpu': '64' } }],
    },
  },
};

function application(spec: any): any {
  return {
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { name: 'etl', namespace: 'spark' },
    spec: { type: 'Scala', mode: 'cluster', image: 'spark:3.5.2', sparkVersion: '3.5.2', mainApplicationFile: 'local:///app.jar', ...spec },
  };
}

function plan(spec: any): JobPlan {
  const objects = [application(spec), QUOTA_TREE].map((object, i) => ({ object, origin: { file: 'app.yaml', document: i + 1 } }));
  return toReport(planObjects(objects)).jobs[0];
}

const eciOnly = { labels: { 'alibabacloud.com/eci': 'true' } };

describe('values Spark or the webhook refuse are problems with the rule cited', () => {
  test('spark.driver.memoryOverheadFactor 0: spark-submit fails', () => {
    const job = plan({ sparkConf: { 'spark.driver.memoryOverheadFactor': '0' } });
    expect(job.problems).toEqual([{
      code: ProblemCode.SPARK_REFUSES_VALUE,
      severity: ProblemSeverity.ERROR,
      role: 'driver',
      objects: [],
      field: 'spec.sparkConf["spark.driver.memoryOverheadFactor"]',
      message: 'spec.sparkConf["spark.driver.memoryOverheadFactor"] must be a number > 0 (unlike spark.kubernetes.memoryOverheadFactor, 0 is refused), '
        + 'or spark-submit fails: "Ensure that memory overhead is a double greater than 0" (Spark v3.5.2 CONF:110-124) (got "0")',
    }]);
    expect(describeProblemFix(ProblemCode.SPARK_REFUSES_VALUE, 'driver', yamlFieldNamer({ kind: 'SparkApplication', namespace: 'spark', name: 'etl' })))
      .toContain('a value Spark accepts');
  });

  test('memoryLimit 10G: the webhook rewrites it to 10GGi and the pod is refused', () => {
    const job = plan({ executor: { memoryLimit: '10G' } });
    expect(job.problems.map(p => [p.code, p.role, p.field])).toEqual([[ProblemCode.WEBHOOK_REFUSES_VALUE, 'executor', 'spec.executor.memoryLimit']]);
    expect(describeProblemFix(ProblemCode.WEBHOOK_REFUSES_VALUE, 'executor', f => `spec.${f}`))
      .toBe('Write spec.executor.memoryLimit as a Kubernetes quantity ("10Gi") or a Java size with a lower-case unit ("10g").');
  });

  test('synth fails on a job whose sparkConf Spark refuses, naming the prop', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'spark' });
    new SparkJob(chart, 'Job', {
      type: SparkApplicationType.SCALA,
      sparkVersion: '3.5.2',
      image: 'spark:3.5.2',
      mainApplicationFile: 'local:///app.jar',
      metadata: { name: 'etl' },
      sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '1000' },
    });
    expect(synthError(chart)).toContain('[test/Job] sparkConf["spark.memory.offHeap.size"] must be at least 1m (a bare number is bytes) '
      + 'when spark.memory.offHeap.enabled is true, or the driver fails at start');
  });
});

describe('GPUs from every route', () => {
  test('Spark\'s spark.executor.resource.gpu: the quota counts them, and ECI needs a GPU instance type', () => {
    const job = plan({
      executor: { instances: 3, ...eciOnly },
      sparkConf: { 'spark.executor.resource.gpu.amount': '2', 'spark.executor.resource.gpu.vendor': 'nvidia.com' },
    });
    expect(job.quota!.resources.find(r => r.resource === 'nvidia.com/gpu')!.requested).toBe(6);
    expect(job.pending.map(p => p.message)).toEqual([expect.stringContaining(
      'ECI cannot create them: the pods ask for 2 nvidia.com/gpu, and ECI creates GPU pods only from a GPU instance type listed in k8s.aliyun.com/eci-use-specs')]);
  });

  test('the webhook\'s gpu and a pod template\'s limit count alike', () => {
    const viaWebhook = plan({ driver: { gpu: { name: 'nvidia.com/gpu', quantity: 1 } } });
    const viaTemplate = plan({ driver: { template: { spec: { containers: [{ name: 'spark-kubernetes-driver', resources: { limits: { 'nvidia.com/gpu': '1' } } }] } } } });
    for (const job of [viaWebhook, viaTemplate]) {
      expect(job.quota!.resources.find(r => r.resource === 'nvidia.com/gpu')!.requested).toBe(1);
    }
  });

  test('a job\'s gpu under a webhook-off profile, moved into the pod template, still counts in the quota', () => {
    const app = Testing.app();
    SparkClusterProfile.upstream('2.5.2', { webhook: OperatorWebhook.DISABLED }).attachTo(app);
    const chart = new Chart(app, 'test', { namespace: 'spark' });
    const props: SparkJobProps = {
      type: SparkApplicationType.SCALA,
      sparkVersion: '3.5.2',
      image: 'spark:3.5.2',
      mainApplicationFile: 'local:///app.jar',
      metadata: { name: 'etl' },
      executor: { instances: 2, gpu: { name: 'nvidia.com/gpu', quantity: 2 } },
    };
    new SparkJob(chart, 'Job', props);
    new ElasticQuotaTree(new Chart(app, 'cluster'), 'Quota', { root: { name: 'root', max: { gpu: 3 }, children: [{ name: 'spark', namespaces: ['spark'], max: { gpu: 3 } }] } });
    expect(synthError(chart)).toContain('nvidia.com/gpu 4 count > max 3');
  });
});

describe('the issue\'s examples', () => {
  test('an executor with 1 GiB off-heap is 2432 MiB, billed 1-4Gi, not 1-2Gi', () => {
    const job = plan({ executor: eciOnly, sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '1g' } });
    const executor = job.roles[1];
    expect(executor.request).toMatchObject({ memoryMebibytes: 2432, sparkMemoryMebibytes: 1024, overheadMebibytes: 384, offHeapMebibytes: 1024 });
    expect(executor.eci!.billed).toBe('1-4Gi');
    expect(job.roles[0].request.memoryMebibytes).toBe(1408);
  });

  test('a suggestion counts off-heap and pyspark memory, and names them', () => {
    const job = plan({
      mainApplicationFile: 'local:///app.py',
      type: 'Python',
      executor: { cores: 2, memory: '4g', ...eciOnly },
      sparkConf: { 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '1g', 'spark.executor.pyspark.memory': '512m' },
    });
    // 4096 + 1638 + 1024 + 512 = 7270 MiB: 2-8Gi; memory 2g fits 2-4Gi? 2048 + 819 + 1536 = 4403: no; 1829m: 1829 + 731 + 1536 = 4096.
    expect(job.suggestions).toEqual([{
      role: 'executor',
      text: 'memory 4g makes a 7270 MiB pod (4096 MiB + 1638 MiB overhead + 1024 MiB off-heap + 512 MiB pyspark), billed as 2-8Gi with 11.3% of its memory unused; '
        + 'memory 1829m or less fits 2-4Gi',
    }]);
  });

  test('notes only where Spark does what they say', () => {
    const scala = plan({ sparkConf: { 'spark.executor.pyspark.memory': '1g', 'spark.memory.offHeap.enabled': 'true', 'spark.memory.offHeap.size': '1g' } });
    expect(scala.notes).toEqual([
      'executor: spark.executor.pyspark.memory (1g) is not added to the executor pods: Spark adds it for Python applications only (mainApplicationFile ending in .py)',
    ]);
    const python = plan({ type: 'Python', mainApplicationFile: 'local:///app.py', sparkConf: { 'spark.executor.pyspark.memory': '1g' } });
    expect(python.notes).toEqual([]);
    expect(python.roles[1].request.pysparkMemoryMebibytes).toBe(1024);
  });

  test('type Python with a jar: Spark goes by the file, and the plan says so', () => {
    const job = plan({ type: 'Python', driver: { memory: '4g' } });
    expect(job.roles[0].request.overheadMebibytes).toBe(409);
    expect(job.notes).toEqual(['driver: type is Python, but Spark goes by the main file (mainApplicationFile local:///app.jar) and sizes both roles '
      + 'as a JVM application (overhead factor 0.1, no pyspark memory)']);
  });

  test('a pod template\'s CPU limit, which Spark keeps without coreLimit, sizes the pod; the suggestion says only coreLimit replaces it', () => {
    const job = plan({
      executor: { ...eciOnly, template: { spec: { containers: [{ name: 'spark-kubernetes-executor', resources: { limits: { cpu: '1500m' } } }] } } },
    });
    expect(job.roles[1].request).toMatchObject({ cpuMillis: 1000, cpuLimitMillis: 1500 });
    expect(job.suggestions.map(x => x.text)).toEqual([expect.stringContaining(
      'the pod template\'s CPU limit 1500m rounds the pod up to 2 vCPU (2-2Gi); with coreLimit 1 it is billed as 1-2Gi')]);
  });

  test('memoryLimit in Java units is the webhook\'s Gi, not refused', () => {
    const job = plan({ executor: { memory: '4g', memoryLimit: '6g', ...eciOnly } });
    // Nothing refused; the one warning is ECI's default image-cache matching on the first run (cold-start.test.ts).
    expect(job.problems.map(p => p.code)).toEqual(['IMAGE_CACHE_ON_FIRST_RUN']);
    expect(job.roles[1].request).toMatchObject({ memoryMebibytes: 4505, memoryLimitMebibytes: 6144 });
    expect(job.roles[1].eci!.billed).toBe('1-8Gi');
  });
});

test('a SparkJob\'s memoryLimit Size renders a quantity the webhook reads unchanged', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'spark' });
  const job = new SparkJob(chart, 'Job', {
    type: SparkApplicationType.SCALA,
    sparkVersion: '3.5.2',
    image: 'spark:3.5.2',
    mainApplicationFile: 'local:///app.jar',
    metadata: { name: 'etl' },
    executor: { memory: Size.gibibytes(4), memoryLimit: Size.gibibytes(6) },
  });
  const spec = Testing.synth(chart).find((m: any) => m.kind === 'SparkApplication').spec;
  expect(spec.executor.memoryLimit).toBe('6Gi');
  expect(job).toBeDefined();
});
