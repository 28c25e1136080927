// The shapes of a SparkConnectServer's props (`captureArgument`, src/private/props-shape.ts), typed
// over the props interfaces: `npx tsc` fails until a new prop has a shape.
import type { SparkConnectExecutorProps, SparkConnectRoleProps, SparkConnectServerProps } from './spark-connect-props';
import { optionsShape, ShapeOf, SIZE_SHAPE } from '../../private/props-shape';
import { DYNAMIC_ALLOCATION_SHAPE } from '../option-shapes';

const ROLE: ShapeOf<SparkConnectRoleProps> = { cores: 'number', memory: SIZE_SHAPE, labels: 'stringMap', annotations: 'stringMap', template: 'object' };

/** The shape of `server`. */
export const SERVER_SHAPE = optionsShape<SparkConnectRoleProps>(ROLE);

/** The shape of `executor`. */
export const EXECUTOR_SHAPE = optionsShape<SparkConnectExecutorProps>({ ...ROLE, instances: 'number' });

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
