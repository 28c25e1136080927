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
import { CPU_SHAPE, DURATION_SHAPE, enumShape, OptionsShape, optionsShape as options, Shape, ShapeOf, SIZE_SHAPE } from '../../private/props-shape';
import type { GangScheduling } from '../gang-scheduling';
import type { JobDeadlines } from '../job-deadlines';
import { DEPENDENCIES_SHAPE, DYNAMIC_ALLOCATION_SHAPE } from '../option-shapes';
import { DRIVER_SHAPE, EXECUTOR_SHAPE } from '../role/role-props-shape';
import {
  BatchSchedulerOptions, DeployMode, PythonVersion, SparkMonitoring, SparkPrometheusOptions, SparkUiOptions,
} from '../spark-application-options';

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
  timeToLive: DURATION_SHAPE,
  deadlines: options<JobDeadlines>({ start: DURATION_SHAPE, run: DURATION_SHAPE }),
  volumes: { list: 'object' },
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
    ingressTls: { list: 'object' },
  }),
  batchScheduler: 'instance',
  batchSchedulerOptions: options<BatchSchedulerOptions>({ queue: 'string', priorityClassName: 'string', cpu: CPU_SHAPE, memory: SIZE_SHAPE }),
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
