import { ApiObject, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { Cpu, EnvValue, ImagePullPolicy, ServiceType, k8s } from 'cdk8s-plus-28';
import {
  BatchScheduler, DeployMode, PythonVersion, RestartPolicy, SparkApplicationType, SparkJob, SparkJobProps, SparkSecretType,
  PendingPods,
} from '../src';
import { SparkApplication } from './imports/spark-application-sparkoperator.k8s.io';
import { expectValidManifests } from './support/crd-schema';
import { MINIMAL_JOB } from './support/jobs';
import { synth } from './support/synth';
import { SPARK_APPLICATION_GVK } from '../src/private/bindings';

const minimal: SparkJobProps = MINIMAL_JOB;

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'jobs' });
}

/** Synthesizes one job, validations included, and checks it against the CRD. */
function render(props: Partial<SparkJobProps> = {}, configure?: (job: SparkJob) => void): any {
  const c = chart();
  const job = new SparkJob(c, 'Job', { ...minimal, metadata: { name: 'job' }, ...props });
  configure?.(job);
  const manifests = synth(c);
  expectValidManifests(manifests);
  return manifests[0];
}

describe('SparkJob', () => {
  test('renders a minimal SparkApplication', () => {
    const manifest = render();
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec).toEqual({
      type: 'Scala',
      mode: 'cluster',
      image: 'spark:3.5.2',
      mainClass: 'org.apache.spark.examples.SparkPi',
      mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
      sparkVersion: '3.5.2',
      driver: {},
      executor: { instances: 1 },
    });
  });

  test('renders units in Spark and Kubernetes formats exactly', () => {
    const spec = render({
      driver: {
        cores: 1, coreRequest: Cpu.millis(500), coreLimit: Cpu.millis(1200), memory: Size.mebibytes(512), memoryOverhead: Size.mebibytes(1536),
      },
      executor: {
        cores: 2, memory: Size.gibibytes(4), memoryOverhead: Size.kibibytes(512), memoryLimit: Size.gibibytes(6), instances: 3,
      },
    }).spec;
    expect(spec.driver).toEqual({ cores: 1, coreRequest: '500m', coreLimit: '1200m', memory: '512m', memoryOverhead: '1536m' });
    expect(spec.executor).toEqual({ cores: 2, memory: '4g', memoryOverhead: '512k', memoryLimit: '6Gi', instances: 3 });
  });

  test('renders every typed prop (full scenario)', () => {
    const manifest = render({
      metadata: { name: 'full', labels: { team: 'data' }, annotations: { owner: 'etl' } },
      type: SparkApplicationType.PYTHON,
      pythonVersion: PythonVersion.PYTHON_3,
      mode: DeployMode.CLUSTER,
      mainApplicationFile: 'local:///opt/app/main.py',
      mainClass: undefined,
      arguments: ['--date', '2026-11-24'],
      imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
      imagePullSecrets: ['acr-pull'],
      sparkConf: { 'spark.sql.shuffle.partitions': '200' },
      hadoopConf: { 'fs.oss.endpoint': 'oss-cn-hangzhou-internal.aliyuncs.com' },
      sparkConfigMap: 'spark-conf',
      hadoopConfigMap: 'hadoop-conf',
      deps: { pyFiles: ['local:///opt/app/lib.zip'], packages: ['org.apache.hadoop:hadoop-aliyun:3.3.4'] },
      restartPolicy: RestartPolicy.onFailure({
        retries: 3, retryInterval: Duration.seconds(10), submissionRetries: 2, submissionRetryInterval: Duration.minutes(1),
      }),
      dynamicAllocation: {
        initialExecutors: 2, minExecutors: 1, maxExecutors: 10, shuffleTracking: true, shuffleTrackingTimeout: Duration.minutes(5),
      },
      timeToLive: Duration.hours(1),
      volumes: [{ name: 'scratch', emptyDir: {} }],
      nodeSelector: { 'kubernetes.io/arch': 'amd64' },
      monitoring: { exposeDriverMetrics: true, exposeExecutorMetrics: true, prometheus: { jmxExporterJar: '/prometheus/jmx.jar', port: 8090 } },
      sparkUiOptions: { servicePort: 4040, serviceType: ServiceType.CLUSTER_IP, ingressAnnotations: { 'kubernetes.io/ingress.class': 'nginx' } },
      batchScheduler: BatchScheduler.VOLCANO,
      batchSchedulerOptions: { queue: 'etl', cpu: Cpu.units(4), memory: Size.gibibytes(16) },
      memoryOverheadFactor: 0.2,
      proxyUser: 'etl',
      suspend: false,
      driver: {
        cores: 1,
        memory: Size.gibibytes(2),
        javaOptions: '-XX:+UseG1GC',
        serviceAccount: 'spark',
        labels: { role: 'driver' },
        annotations: { 'k8s.aliyun.com/eci-image-cache': 'true' },
        env: { LOG_LEVEL: EnvValue.fromValue('INFO') },
        volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'spark', effect: 'NoSchedule' }],
        podSecurityContext: { runAsNonRoot: true, runAsUser: 185 },
        securityContext: { allowPrivilegeEscalation: false },
        priorityClassName: 'high',
        terminationGracePeriod: Duration.seconds(60),
        configMaps: [{ name: 'app-config', path: '/etc/app' }],
        secrets: [{ name: 'gcp-key', path: '/etc/gcp', type: SparkSecretType.GCP_SERVICE_ACCOUNT }],
        podName: 'full-driver',
        serviceLabels: { svc: 'driver' },
        sidecars: [{ name: 'log-shipper', image: 'fluent-bit:3', ports: [{ containerPort: 2020 }] }],
      },
      executor: {
        instances: 2,
        cores: 2,
        memory: Size.gibibytes(4),
        deleteOnTermination: false,
        gpu: { name: 'nvidia.com/gpu', quantity: 1 },
        ports: [{ name: 'metrics', containerPort: 9000 }],
        hostAliases: [{ ip: '10.0.0.1', hostnames: ['oss.internal'] }],
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{
              weight: 10,
              podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'spark-role': 'executor' } } },
            }],
          },
        },
      },
    });
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec.driver.env).toEqual([{ name: 'LOG_LEVEL', value: 'INFO' }]);
    expect(manifest.spec.dynamicAllocation).toEqual({
      enabled: true, initialExecutors: 2, minExecutors: 1, maxExecutors: 10, shuffleTrackingEnabled: true, shuffleTrackingTimeout: 300000,
    });
    expect(manifest.spec.memoryOverheadFactor).toEqual('0.2');
    expect(manifest.spec.timeToLiveSeconds).toEqual(3600);
    expect(manifest.spec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }]);
  });

  test('mutators after construction render like props', () => {
    const viaProps = render({
      sparkConf: { 'spark.a': '1' },
      hadoopConf: { 'fs.b': '2' },
      arguments: ['x'],
      deps: { jars: ['a.jar'] },
      volumes: [{ name: 'v', emptyDir: {} }],
      imagePullSecrets: ['s'],
      driver: { env: { A: EnvValue.fromValue('1') }, volumeMounts: [{ name: 'v', mountPath: '/v' }] },
    });
    const viaMethods = render({}, job => {
      job.addSparkConf('spark.a', '1');
      job.addHadoopConf('fs.b', '2');
      job.addArguments('x');
      job.addDependencies({ jars: ['a.jar'] });
      job.addDependencies({ jars: ['a.jar'] }); // duplicates dropped
      job.addVolume({ name: 'v', emptyDir: {} });
      job.addImagePullSecret('s');
      job.driver.addEnv('A', EnvValue.fromValue('1'));
      job.driver.addVolumeMount({ name: 'v', mountPath: '/v' });
    });
    expect(viaMethods).toEqual(viaProps);
  });

  test('getters return copies', () => {
    const job = new SparkJob(chart(), 'Job', { ...minimal, sparkConf: { 'spark.a': '1' } });
    job.sparkConf['spark.b'] = '2';
    job.driver.labels.x = 'y';
    expect(job.sparkConf).toEqual({ 'spark.a': '1' });
    expect(job.driver.labels).toEqual({});
  });

  test('leaves empty lists and maps out of the YAML', () => {
    const spec = render({ arguments: [], sparkConf: {}, volumes: [], driver: { labels: {}, tolerations: [] } }).spec;
    expect(spec.arguments).toBeUndefined();
    expect(spec.sparkConf).toBeUndefined();
    expect(spec.volumes).toBeUndefined();
    expect(spec.driver).toEqual({});
  });

  test('JSON patches reach fields that have no prop', () => {
    const manifest = render({}, job => {
      ApiObject.of(job).addJsonPatch(
        JsonPatch.add('/spec/failureRetries', 3),
        JsonPatch.add('/spec/retryInterval', 30),
        JsonPatch.add('/spec/driver/annotations', { patched: 'yes' }),
      );
    });
    expect(manifest.spec.failureRetries).toEqual(3);
    expect(manifest.spec.retryInterval).toEqual(30);
    expect(manifest.spec.driver.annotations).toEqual({ patched: 'yes' });
  });

  test('the primary object is the child Resource and names the job', () => {
    const c = chart();
    const job = new SparkJob(c, 'Job', { ...minimal, metadata: { name: 'etl-daily' } });
    expect(ApiObject.of(job)).toBe(job.apiObject);
    expect(job.name).toEqual('etl-daily');
    expect(job.namespace).toEqual('jobs');
  });

  test('describes its pods for planning, with the dynamic allocation maximum', () => {
    const c = chart();
    const job = new SparkJob(c, 'Job', {
      ...minimal,
      metadata: { name: 'etl', labels: { team: 'data' } },
      executor: { instances: 2, labels: { tier: 'batch' } },
      dynamicAllocation: { maxExecutors: 8 },
    });
    expect(job.toPodSet()).toEqual({
      jobName: 'etl',
      namespace: 'jobs',
      driver: { count: 1, labels: { team: 'data' }, annotations: {} },
      executors: { count: 8, labels: { team: 'data', tier: 'batch' }, annotations: {} },
    });
  });

  test('knows apiVersion and kind without loading the generated bindings', () => {
    expect(SPARK_APPLICATION_GVK).toEqual(SparkApplication.GVK);
  });
});

describe('SparkJob validation', () => {
  const cases: Array<[string, Partial<SparkJobProps>, string]> = [
    ['type is required', { type: undefined as any }, 'type must be one of Java, Scala, Python, R (got undefined)'],
    ['sparkVersion is required', { sparkVersion: '' }, 'sparkVersion is required, a Spark version like "3.5.2" (got "")'],
    ['mainApplicationFile is required', { mainApplicationFile: ' ' }, 'mainApplicationFile is required'],
    ['driver cores are an integer', { driver: { cores: 0.5 } },
      'driver.cores must be an integer from 1 to 2147483647 (whole cores: for a fraction of a core set coreRequest, e.g. Cpu.millis(500)) (got 0.5)'],
    ['executor cores are >= 1', { executor: { cores: 0 } }, 'executor.cores must be an integer from 1 to 2147483647'],
    ['instances are >= 1', { executor: { instances: 0 } }, 'executor.instances must be an integer >= 1 (got 0)'],
    ['memory must be whole KiB', { driver: { memory: Size.kibibytes(1.5) } }, 'driver.memory must be a positive whole number of KiB, which Spark can parse (e.g. Size.mebibytes(512)) (got "1.5 KiB")'],
    ['memory must be positive', { executor: { memory: Size.mebibytes(0) } }, 'executor.memory must be a positive whole number of KiB, which Spark can parse (e.g. Size.mebibytes(512)) (got "0 KiB")'],
    ['memoryOverhead must be whole KiB', { executor: { memoryOverhead: Size.kibibytes(0.25) } }, 'executor.memoryOverhead must be a positive whole number of KiB'],
    ['memoryOverheadFactor in (0, 1)', { memoryOverheadFactor: 1.5 }, 'memoryOverheadFactor must be greater than 0 and less than 1 (got 1.5)'],
    ['timeToLive whole seconds', { timeToLive: Duration.millis(1500) }, 'timeToLive must be a whole number of seconds >= 0 (got "1500 ms")'],
    ['dynamic allocation min <= initial', { dynamicAllocation: { minExecutors: 3, initialExecutors: 2 } },
      'dynamicAllocation must have minExecutors <= initialExecutors <= maxExecutors (got {"minExecutors":3,"initialExecutors":2})'],
    ['dynamic allocation initial <= max', { dynamicAllocation: { initialExecutors: 5, maxExecutors: 4 } },
      'dynamicAllocation must have minExecutors <= initialExecutors <= maxExecutors'],
    ['dynamic allocation integers', { dynamicAllocation: { maxExecutors: 0 } }, 'dynamicAllocation.maxExecutors must be an integer >= 1 (got 0)'],
    ['gpu quantity', { executor: { gpu: { name: 'nvidia.com/gpu', quantity: 0 } } }, 'executor.gpu.quantity must be an integer >= 1 (got 0)'],
    ['prometheus port range', { monitoring: { prometheus: { jmxExporterJar: 'x.jar', port: 80 } } },
      'monitoring.prometheus.port must be an integer from 1024 to 49151 (got 80)'],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => new SparkJob(chart(), 'Job', { ...minimal, ...props })).toThrow(message);
  });

  test.each([
    ['spark.master', 'the operator sets it; use `mode` and `driver.kubernetesMaster`'],
    ['spark.kubernetes.driver.master', 'use `driver.kubernetesMaster`'],
    ['spark.kubernetes.container.image', 'use `image`'],
    ['spark.kubernetes.driver.container.image', 'use `driver.image`'],
    ['spark.kubernetes.executor.container.image', 'use `executor.image`'],
    ['spark.kubernetes.authenticate.driver.serviceAccountName', 'use `driver.serviceAccount`'],
    ['spark.kubernetes.authenticate.executor.serviceAccountName', 'use `executor.serviceAccount`'],
    ['spark.kubernetes.authenticate.submission.oauthToken', 'use a service account'],
    ['spark.kubernetes.authenticate.driver.oauthTokenFile', 'use a service account'],
  ])('refuses sparkConf %s, naming the typed prop', (key, instead) => {
    expect(() => new SparkJob(chart(), 'Job', { ...minimal, sparkConf: { [key]: 'x' } }))
      .toThrow(`sparkConf["${key}"] is rejected by the Spark Operator's webhook: ${instead}`);
    const job = new SparkJob(chart(), 'Job', minimal);
    expect(() => job.addSparkConf(key, 'x')).toThrow(instead);
  });

  test('refuses spark.kubernetes.namespace that differs from the namespace', () => {
    expect(() => render({ sparkConf: { 'spark.kubernetes.namespace': 'other' } }))
      .toThrow('sparkConf["spark.kubernetes.namespace"] must equal the object\'s namespace "jobs"');
    expect(render({ sparkConf: { 'spark.kubernetes.namespace': 'jobs' } }).spec.sparkConf).toEqual({ 'spark.kubernetes.namespace': 'jobs' });
  });

  test.each([
    ['Spark_Pi', 'metadata.name must be a DNS-1035 label'],
    ['1st-job', 'metadata.name must be a DNS-1035 label'],
    ['job-', 'metadata.name must be a DNS-1035 label'],
    ['a'.repeat(64), 'metadata.name must be a DNS-1035 label: must be at most 63 characters (got 64)'],
  ])('refuses the name %s at synth', (name, message) => {
    expect(() => render({ metadata: { name } })).toThrow(message);
  });

  test('accepts a 63-character name', () => {
    expect(render({ metadata: { name: 'a'.repeat(63) } }).metadata.name).toHaveLength(63);
  });

  test('refuses a generated name that is not a DNS-1035 label', () => {
    const c = new Chart(Testing.app(), '1chart');
    new SparkJob(c, 'Job', minimal);
    expect(() => synth(c)).toThrow(/metadata.name must be a DNS-1035 label.*got "1chart-job-/);
  });

  test.each([
    ['retries >= 0', () => RestartPolicy.onFailure({ retries: -1 }), 'restartPolicy.retries must be an integer >= 0 (got -1)'],
    ['submission retries >= 0', () => RestartPolicy.onFailure({ submissionRetries: 1.5 }), 'restartPolicy.submissionRetries must be an integer >= 0 (got 1.5)'],
    ['interval >= 1 s', () => RestartPolicy.onFailure({ retryInterval: Duration.millis(500) }),
      'restartPolicy.retryInterval must be a whole number of seconds >= 1 (got "500 ms")'],
    ['submission interval >= 1 s', () => RestartPolicy.always({ submissionRetryInterval: Duration.seconds(0) }),
      'restartPolicy.submissionRetryInterval must be a whole number of seconds >= 1 (got "0 ms")'],
  ])('restart policy: %s', (_name, make, message) => {
    expect(make).toThrow(message);
  });

  test('renders each restart policy', () => {
    expect(render({ restartPolicy: RestartPolicy.never() }).spec.restartPolicy).toEqual({ type: 'Never' });
    expect(render({ restartPolicy: RestartPolicy.always({ retryInterval: Duration.seconds(30) }) }).spec.restartPolicy)
      .toEqual({ type: 'Always', onFailureRetryInterval: 30 });
  });

  test('refuses a pod template with Spark < 3.0', () => {
    expect(() => render({ sparkVersion: '2.4.8', executor: { template: { metadata: { labels: { a: 'b' } } } } }))
      .toThrow('executor.template needs sparkVersion >= 3.0 (Spark applies pod templates only since 3.0); use the spec fields instead (got "sparkVersion 2.4.8")');
  });

  test('accepts a pod template with Spark 3.0 and renders it schemaless', () => {
    const spec = render({ sparkVersion: '3.0.0', executor: { template: { metadata: { labels: { a: 'b' } } } } }).spec;
    expect(spec.executor.template).toEqual({ metadata: { labels: { a: 'b' } } });
  });

  test('refuses executor.instances above dynamicAllocation.maxExecutors', () => {
    expect(() => render({ executor: { instances: 5 }, dynamicAllocation: { maxExecutors: 4 } }))
      .toThrow('executor.instances must be <= dynamicAllocation.maxExecutors (4) (got 5)');
  });

  test('refuses a volume mount without a volume', () => {
    expect(() => render({ driver: { volumeMounts: [{ name: 'data', mountPath: '/data' }] } }))
      .toThrow('driver.volumeMounts[].name must name a volume in volumes (none defined) (got "data")');
  });

  test('refuses pythonVersion on a JVM application', () => {
    expect(() => render({ pythonVersion: PythonVersion.PYTHON_3 }))
      .toThrow('pythonVersion applies only to type SparkApplicationType.PYTHON (got "type Scala")');
  });

  test('refuses duplicate volumes, env and mount paths', () => {
    const job = new SparkJob(chart(), 'Job', { ...minimal, volumes: [{ name: 'v', emptyDir: {} }] });
    expect(() => job.addVolume({ name: 'v', emptyDir: {} })).toThrow('volumes must not define a volume name twice (got "v")');
    job.driver.addEnv('A', EnvValue.fromValue('1'));
    expect(() => job.driver.addEnv('A', EnvValue.fromValue('2'))).toThrow('driver.env must not define a variable twice (got "A")');
    job.executor.addVolumeMount({ name: 'v', mountPath: '/v' });
    expect(() => job.executor.addVolumeMount({ name: 'v', mountPath: '/v' })).toThrow('executor.volumeMounts must not mount two volumes at one path (got "/v")');
  });

  test('reports every whole-object problem at once', () => {
    expect(() => render({ metadata: { name: 'Bad' }, pythonVersion: PythonVersion.PYTHON_3 }))
      .toThrow(/metadata.name must be a DNS-1035 label[\s\S]*pythonVersion applies only/);
  });
});

describe('SparkRole placement primitives', () => {
  const vk: k8s.NodeSelectorRequirement = { key: 'type', operator: 'In', values: ['virtual-kubelet'] };

  test('a required requirement is ANDed into every user term, nothing dropped', () => {
    const spec = render({
      // Virtual nodes required without the ECI toleration: no node takes the executors (the plan says so).
      unschedulablePods: PendingPods.ALLOW,
      executor: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
                { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
              ],
            },
          },
        },
      },
    }, job => { job.executor.requireNodeAffinity(vk); job.executor.requireNodeAffinity(vk); }).spec;
    expect(spec.executor.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, vk] },
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }, vk] },
    ]);
  });

  test('tolerations are appended once', () => {
    const toleration = { key: 'virtual-kubelet.io/provider', operator: 'Equal', value: 'alibabacloud', effect: 'NoSchedule' };
    const spec = render({ driver: { tolerations: [toleration] } }, job => job.driver.addToleration(toleration)).spec;
    expect(spec.driver.tolerations).toEqual([toleration]);
  });

  test('preferred terms check their weight', () => {
    const job = new SparkJob(chart(), 'Job', minimal);
    expect(() => job.driver.preferNodeAffinity(0, vk)).toThrow('driver.preferNodeAffinity() weight must be an integer from 1 to 100 (got 0)');
  });
});
