/**
 * The shapes of a role's props (`captureProps`, src/private/props-shape.ts): what each key of
 * `driver` and `executor` holds, used by the job's props shape and by the roles' own constructors,
 * so `new SparkDriver(props)` refuses what `driver: props` refuses. Typed over the props
 * interfaces: `npx tsc` fails until a new prop has a shape of its type's kind.
 */
import { SparkConfigMapMount, SparkDriverProps, SparkExecutorProps, SparkGpu, SparkPodPort, SparkRoleProps, SparkSecretMount, SparkSecretType } from './spark-role-props';
import { INT32_MAX } from '../../private/k8s-names';
import { cdk8sPlus } from '../../private/lazy-modules';
import {
  CPU_SHAPE, DURATION_SHAPE, ENV_VALUE_SHAPE, enumShape, instanceShape, optionsShape as options, ShapeOf, SIZE_SHAPE,
} from '../../private/props-shape';
import { ScratchDisk } from '../scratch-disk';

const PORT = options<SparkPodPort>({ name: 'string', containerPort: 'number', protocol: enumShape('Protocol', () => cdk8sPlus().Protocol) });
const GPU = options<SparkGpu>({ name: 'string', quantity: 'number' });
const CONFIG_MAP = options<SparkConfigMapMount>({ name: 'string', path: 'string' });
const SECRET = options<SparkSecretMount>({ name: 'string', path: 'string', type: enumShape('SparkSecretType', SparkSecretType) });

const ROLE: ShapeOf<SparkRoleProps> = {
  // the CRD's int32; Spark takes whole cores here (spark.{driver,executor}.cores)
  cores: { integer: { min: 1, max: INT32_MAX, hint: 'whole cores: for a fraction of a core set coreRequest, e.g. Cpu.millis(500)' } },
  scratch: instanceShape<ScratchDisk>('ScratchDisk', (value): value is ScratchDisk => ScratchDisk.isScratchDisk(value), 'must be made with ScratchDisk.ofSize()'),
  coreRequest: CPU_SHAPE,
  coreLimit: CPU_SHAPE,
  memory: SIZE_SHAPE,
  memoryOverhead: SIZE_SHAPE,
  memoryLimit: SIZE_SHAPE,
  javaOptions: 'string',
  serviceAccount: 'string',
  labels: 'stringMap',
  annotations: 'stringMap',
  image: 'string',
  env: { map: ENV_VALUE_SHAPE },
  envFrom: { list: 'object' },
  volumeMounts: { list: 'object' },
  affinity: 'object',
  tolerations: { list: 'object' },
  nodeSelector: 'stringMap',
  podSecurityContext: 'object',
  securityContext: 'object',
  sidecars: { list: 'object' },
  initContainers: { list: 'object' },
  priorityClassName: 'string',
  schedulerName: 'string',
  hostNetwork: 'boolean',
  dnsConfig: 'object',
  hostAliases: { list: 'object' },
  lifecycle: 'object',
  shareProcessNamespace: 'boolean',
  terminationGracePeriod: DURATION_SHAPE,
  configMaps: { list: CONFIG_MAP },
  secrets: { list: SECRET },
  gpu: GPU,
  ports: { list: PORT },
  template: 'object',
};

/** The shape of `driver`: of a job's prop, and of `new SparkDriver()`. */
export const DRIVER_SHAPE = options<SparkDriverProps>({
  ...ROLE, podName: 'string', serviceAnnotations: 'stringMap', serviceLabels: 'stringMap', kubernetesMaster: 'string',
});

/** The shape of `executor`: of a job's prop, and of `new SparkExecutor()`. */
export const EXECUTOR_SHAPE = options<SparkExecutorProps>({ ...ROLE, instances: 'number', deleteOnTermination: 'boolean' });
