/**
 * The shapes of a job's props (`captureProps`, src/private/props-shape.ts): what each key holds,
 * so callers without TypeScript (jsii languages, plain JavaScript) get the library's error for a
 * misspelled key, a wrong type or an unknown enum value, and the job keeps its own copy of the
 * plain data. Typed over the props interfaces: `npx tsc` fails until a new prop has a shape.
 */
import type { AbstractSparkJobProps } from './abstract-spark-job-props';
import { PendingPods } from '../../checks/pending-pods';
import { SparkApplicationType } from '../../model/spark-application-type';
import { cdk8sPlus } from '../../private/lazy-modules';
import { enumShape, OptionsShape, optionsShape as options, Shape, ShapeOf } from '../../private/props-shape';
import type { GangScheduling } from '../gang-scheduling';
import { DEPENDENCIES_SHAPE, DYNAMIC_ALLOCATION_SHAPE } from '../option-shapes';
import { SparkConfigMapMount, SparkDriverProps, SparkExecutorProps, SparkGpu, SparkPodPort, SparkRoleProps, SparkSecretMount, SparkSecretType } from '../role/spark-role-props';
import {
  BatchSchedulerOptions, DeployMode, PythonVersion, SparkMonitoring, SparkPrometheusOptions, SparkUiOptions,
} from '../spark-application-options';

const PORT = options<SparkPodPort>({ name: 'string', containerPort: 'number', protocol: enumShape('Protocol', () => cdk8sPlus().Protocol) });
const GPU = options<SparkGpu>({ name: 'string', quantity: 'number' });
const CONFIG_MAP = options<SparkConfigMapMount>({ name: 'string', path: 'string' });
const SECRET = options<SparkSecretMount>({ name: 'string', path: 'string', type: enumShape('SparkSecretType', SparkSecretType) });

const ROLE: ShapeOf<SparkRoleProps> = {
  cores: 'number',
  scratch: 'instance',
  coreRequest: 'instance',
  coreLimit: 'instance',
  memory: 'instance',
  memoryOverhead: 'instance',
  memoryLimit: 'instance',
  javaOptions: 'string',
  serviceAccount: 'string',
  labels: 'stringMap',
  annotations: 'stringMap',
  image: 'string',
  env: { map: 'instance' },
  envFrom: { list: 'data' },
  volumeMounts: { list: 'data' },
  affinity: 'data',
  tolerations: { list: 'data' },
  nodeSelector: 'stringMap',
  podSecurityContext: 'data',
  securityContext: 'data',
  sidecars: { list: 'data' },
  initContainers: { list: 'data' },
  priorityClassName: 'string',
  schedulerName: 'string',
  hostNetwork: 'boolean',
  dnsConfig: 'data',
  hostAliases: { list: 'data' },
  lifecycle: 'data',
  shareProcessNamespace: 'boolean',
  terminationGracePeriod: 'instance',
  configMaps: { list: CONFIG_MAP },
  secrets: { list: SECRET },
  gpu: GPU,
  ports: { list: PORT },
  template: 'data',
};

/** The shape of `driver`. */
export const DRIVER_SHAPE = options<SparkDriverProps>({
  ...ROLE, podName: 'string', serviceAnnotations: 'stringMap', serviceLabels: 'stringMap', kubernetesMaster: 'string',
});

/** The shape of `executor`. */
export const EXECUTOR_SHAPE = options<SparkExecutorProps>({ ...ROLE, instances: 'number', deleteOnTermination: 'boolean' });

const PENDING_PODS = enumShape('PendingPods', PendingPods);

const APPLICATION: ShapeOf<AbstractSparkJobProps> = {
  type: enumShape('SparkApplicationType', SparkApplicationType),
  sparkVersion: 'string',
  mainApplicationFile: 'string',
  mainClass: 'string',
  arguments: 'strings',
  mode: enumShape('DeployMode', DeployMode),
  image: 'string',
  imagePullPolicy: enumShape('ImagePullPolicy', () => cdk8sPlus().ImagePullPolicy),
  imagePullSecrets: 'strings',
  sparkConf: 'stringMap',
  hadoopConf: 'stringMap',
  allowedSecretConfKeys: 'strings',
  podSecurity: 'instance',
  sparkConfigMap: 'string',
  hadoopConfigMap: 'string',
  deps: DEPENDENCIES_SHAPE,
  restartPolicy: 'instance',
  dynamicAllocation: DYNAMIC_ALLOCATION_SHAPE,
  timeToLive: 'instance',
  volumes: { list: 'data' },
  nodeSelector: 'stringMap',
  monitoring: options<SparkMonitoring>({
    exposeDriverMetrics: 'boolean',
    exposeExecutorMetrics: 'boolean',
    metricsProperties: 'string',
    metricsPropertiesFile: 'string',
    prometheus: options<SparkPrometheusOptions>({
      jmxExporterJar: 'string', port: 'number', portName: 'string', configFile: 'string', configuration: 'string',
    }),
  }),
  sparkUiOptions: options<SparkUiOptions>({
    servicePort: 'number',
    servicePortName: 'string',
    serviceType: enumShape('ServiceType', () => cdk8sPlus().ServiceType),
    serviceAnnotations: 'stringMap',
    serviceLabels: 'stringMap',
    ingressAnnotations: 'stringMap',
    ingressTls: { list: 'data' },
  }),
  batchScheduler: 'instance',
  batchSchedulerOptions: options<BatchSchedulerOptions>({ queue: 'string', priorityClassName: 'string', cpu: 'instance', memory: 'instance' }),
  pythonVersion: enumShape('PythonVersion', PythonVersion),
  memoryOverheadFactor: 'number',
  proxyUser: 'string',
  pendingPods: PENDING_PODS,
  gang: options<GangScheduling>({ minAvailable: 'number', groupName: 'string' }),
  queue: 'instance',
  shuffle: 'instance',
  eventLog: 'instance',
  profile: 'instance',
  unschedulablePods: PENDING_PODS,
  placement: 'instance',
  driver: DRIVER_SHAPE,
  executor: EXECUTOR_SHAPE,
};

/**
 * The shape of a job's props: the application's keys and those of the job's own kind.
 *
 * @param own the shapes of the keys only this kind of job has
 */
export function jobPropsShape<T extends AbstractSparkJobProps>(
  own: { readonly [K in Exclude<keyof Required<T>, keyof AbstractSparkJobProps>]: Shape },
): OptionsShape {
  return { keys: { ...APPLICATION, ...own } };
}
