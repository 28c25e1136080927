// The shapes of a SparkConnectServer's props (`captureArgument`, src/private/props-shape.ts), typed
// over the props interfaces: `npx tsc` fails until a new prop has a shape.
import type { SparkConnectExecutorProps, SparkConnectRoleProps, SparkConnectServerProps } from './spark-connect-props';
import { INT32_MAX } from '../../private/k8s-names';
import { optionsShape, ShapeOf, SIZE_SHAPE } from '../../private/props-shape';
import { DYNAMIC_ALLOCATION_SHAPE } from '../option-shapes';

const ROLE: ShapeOf<SparkConnectRoleProps> = { cores: 'number', memory: SIZE_SHAPE, labels: 'stringMap', annotations: 'stringMap', template: 'object' };

/**
 * Whole cores, the CRD's int32, as a job's roles take them (role-props-shape.ts): spark.*.cores is
 * an int (CONF@v3.5.2:318-321). A Spark Connect role has no coreRequest. The operator creates the
 * server pod from its template as it is; Spark sets an executor's CPU request from
 * spark.kubernetes.executor.request.cores, else spark.executor.cores (K8SCONF:338-343, ESTEP; see
 * ../shared/facts/spark-pod-resources.md).
 */
const cores = (hint: string) => ({ integer: { min: 1, max: INT32_MAX, hint: `whole cores: for a fraction of a core ${hint}` } });

/** The shape of `server`. */
export const SERVER_SHAPE = optionsShape<SparkConnectRoleProps>({
  ...ROLE, cores: cores('set the request of the spark-kubernetes-driver container in server.template, e.g. cpu: 500m'),
});

/** The shape of `executor`. */
export const EXECUTOR_SHAPE = optionsShape<SparkConnectExecutorProps>({
  ...ROLE, instances: 'number', cores: cores('set sparkConf["spark.kubernetes.executor.request.cores"], e.g. "500m"'),
});

/** The shape of the server's props. */
export const CONNECT_PROPS_SHAPE = optionsShape<SparkConnectServerProps>({
  metadata: 'object',
  sparkVersion: 'string',
  image: 'string',
  sparkConf: 'stringMap',
  hadoopConf: 'stringMap',
  allowedSecretConfKeys: 'strings',
  server: SERVER_SHAPE,
  executor: EXECUTOR_SHAPE,
  dynamicAllocation: DYNAMIC_ALLOCATION_SHAPE,
  placement: 'instance',
  shuffle: 'instance',
  eventLog: 'instance',
});
