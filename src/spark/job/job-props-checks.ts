// A job's checks of its own props, where they were passed: values Spark, the operator or the
// Kubernetes API would refuse, and values of the wrong kind from callers without TypeScript (jsii
// languages, plain JavaScript). Rules about the rendered application as a whole are in
// application-checks.ts, run at synth.
import type { AbstractSparkJobProps } from './abstract-spark-job-props';
import { PendingPods } from '../../checks/pending-pods';
import { SparkApplicationType } from '../../model/spark-application-type';
import { checkInteger, invalid } from '../../private/errors';
import { isRenderableNumber } from '../../private/k8s-names';
import { wholeSeconds } from '../../private/render';
import { checkCpu, toQuantity } from '../../private/units';
import { checkDynamicAllocation } from '../dynamic-allocation-internal';
import { checkGangScheduling } from '../gang-scheduling-internal';
import { JobQueue } from '../job-queue';
import { RestartPolicy } from '../restart-policy';
import { BatchScheduler } from '../spark-application-options';

/** The application's own values, checked before the roles are built. */
export function checkApplicationProps(props: AbstractSparkJobProps): void {
  checkRequired(props);
  const factor = props.memoryOverheadFactor;
  if (factor !== undefined && !(factor > 0 && factor < 1)) {
    invalid('memoryOverheadFactor', 'must be greater than 0 and less than 1', factor);
  }
  if (factor !== undefined && isRenderableNumber(factor)) {
    invalid('memoryOverheadFactor', 'must be at least 0.000001 (it is written as text, and smaller numbers get an exponent)', factor);
  }
  wholeSeconds('timeToLive', props.timeToLive, 0);
  checkDynamicAllocation(props.dynamicAllocation);
  checkInteger('monitoring.prometheus.port', props.monitoring?.prometheus?.port, 1024, 49151);
  checkInteger('sparkUiOptions.servicePort', props.sparkUiOptions?.servicePort, 1, 65535);
  if (props.restartPolicy !== undefined && !RestartPolicy.isRestartPolicy(props.restartPolicy)) {
    invalid('restartPolicy', 'must be made with RestartPolicy.never(), onFailure() or always()', props.restartPolicy);
  }
  if (props.batchScheduler !== undefined && !BatchScheduler.isBatchScheduler(props.batchScheduler)) {
    invalid('batchScheduler', 'must be a BatchScheduler, e.g. BatchScheduler.VOLCANO or BatchScheduler.custom(name)', props.batchScheduler);
  }
  checkCpu('batchSchedulerOptions.cpu', props.batchSchedulerOptions?.cpu);
  if (props.batchSchedulerOptions?.memory) { toQuantity('batchSchedulerOptions.memory', props.batchSchedulerOptions.memory, { positive: true }); }
}

/** The gang, the queue and the severities, checked after the roles and the mutators the props call. */
export function checkSchedulingProps(props: AbstractSparkJobProps): void {
  checkGangScheduling('gang', props.gang);
  if (props.queue !== undefined && !JobQueue.isJobQueue(props.queue)) {
    invalid('queue', 'must be made with JobQueue.kueue(localQueue) or JobQueue.ackKubeQueue()', props.queue);
  }
  checkEnum('pendingPods', props.pendingPods, PendingPods);
  checkEnum('unschedulablePods', props.unschedulablePods, PendingPods);
}

function checkRequired(props: AbstractSparkJobProps): void {
  // TypeScript enforces these; jsii users in other languages and plain JavaScript do not.
  const types = Object.values(SparkApplicationType) as string[];
  if (!types.includes(props.type)) {
    invalid('type', `must be one of ${types.join(', ')}`, props.type);
  }
  if (typeof props.sparkVersion !== 'string' || !/^\d+\.\d+(\.\d+)?([-.+][0-9A-Za-z.-]+)?$/.test(props.sparkVersion)) {
    invalid('sparkVersion', 'is required, a Spark version like "3.5.2"', props.sparkVersion);
  }
  if (typeof props.mainApplicationFile !== 'string' || props.mainApplicationFile.trim() === '') {
    invalid('mainApplicationFile', 'is required: the jar, Python or R file to run, e.g. "local:///opt/spark/examples/jars/app.jar"', props.mainApplicationFile);
  }
}

function checkEnum(prop: string, value: unknown, enumObject: object): void {
  const values = Object.values(enumObject) as unknown[];
  if (value !== undefined && !values.includes(value)) {
    invalid(prop, `must be one of ${values.join(', ')}`, value);
  }
}
