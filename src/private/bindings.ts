// apiVersion and kind of the Spark Operator's kinds. The library renders a plain `ApiObject` with
// these, so it needs no generated SparkApplication bindings at run time; those are generated into
// test/imports/ for the tests (one checks these constants against them) and are not in lib/.

/** apiVersion and kind of a SparkApplication (a test checks they match the generated bindings). */
export const SPARK_APPLICATION_GVK = { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication' } as const;
/** apiVersion and kind of a ScheduledSparkApplication (a test checks they match the generated bindings). */
export const SCHEDULED_SPARK_APPLICATION_GVK = { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'ScheduledSparkApplication' } as const;
/** apiVersion and kind of a SparkConnect (operator >= 2.3; a test checks they match the generated bindings). */
export const SPARK_CONNECT_GVK = { apiVersion: 'sparkoperator.k8s.io/v1alpha1', kind: 'SparkConnect' } as const;
