/* eslint-disable @typescript-eslint/no-require-imports */
import type * as ScheduledSparkApplicationModule from '../imports/scheduled-spark-application-sparkoperator.k8s.io';
import type * as SparkApplicationModule from '../imports/spark-application-sparkoperator.k8s.io';

// The generated bindings are each about 1 MB of JavaScript. Requiring them only when an object
// renders keeps `require('cdk8s-spark-eci')` close to the cost of cdk8s-plus-28 alone.
let sparkApplication: typeof SparkApplicationModule | undefined;
let scheduledSparkApplication: typeof ScheduledSparkApplicationModule | undefined;

/** The `cdk8s import` bindings of the SparkApplication CRD, loaded on first use. */
export function sparkApplicationBindings(): typeof SparkApplicationModule {
  sparkApplication ??= require('../imports/spark-application-sparkoperator.k8s.io');
  return sparkApplication!;
}

/** The `cdk8s import` bindings of the ScheduledSparkApplication CRD, loaded on first use. */
export function scheduledSparkApplicationBindings(): typeof ScheduledSparkApplicationModule {
  scheduledSparkApplication ??= require('../imports/scheduled-spark-application-sparkoperator.k8s.io');
  return scheduledSparkApplication!;
}

/** apiVersion and kind, known without loading the bindings (a test checks they match). */
export const SPARK_APPLICATION_GVK = { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication' } as const;
/** apiVersion and kind, known without loading the bindings (a test checks they match). */
export const SCHEDULED_SPARK_APPLICATION_GVK = { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'ScheduledSparkApplication' } as const;
