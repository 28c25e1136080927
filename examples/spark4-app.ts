// A chart beyond the seed document: the same SparkPi on Spark 4, the version the current Spark
// Operator image submits (v2.3.0 and later are built on Spark 4.0.x; the operator's own examples
// use 4.0.4 from docker.io/apache/spark). The seed's charts stay on 3.5.2, byte for byte.
//
// The chart has its own namespace: in `default` the seed's ResourcePolicy (it selects every pod
// the operator launches there) would also budget these pods. Add `spark-apps` to the operator's
// `spark.jobNamespaces` (the ack-spark-operator chart watches only `default`).
import { Chart, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
// In your own app: import { ... } from 'cdk8s-spark-eci';
import {
  DeployMode, EciPlacement, PythonVersion, SparkApplicationType, SparkJob, SparkPlacement,
} from '../src';

/** The namespace of the Spark 4 chart. */
export const SPARK4_NAMESPACE = 'spark-apps';

/** The Spark version and image of the operator's own v2.5.2 examples. */
const SPARK4 = { sparkVersion: '4.0.4', image: 'docker.io/apache/spark:4.0.4' } as const;

/** Defines the Spark 4 chart `spark4-pi` in `scope`. */
export function defineSpark4Chart(scope: Construct): Chart {
  const chart = new Chart(scope, 'spark4-pi', { namespace: SPARK4_NAMESPACE });

  // SparkPi in Scala with dynamic allocation: Spark 4 images ship one `spark-examples.jar`
  // (Scala 2.13 only). Executors on spot ECI, decommissioned gracefully when a spot instance is
  // reclaimed; shuffle tracking keeps executors with live shuffle data until they are done.
  new SparkJob(chart, 'SparkPi', {
    ...SPARK4,
    type: SparkApplicationType.SCALA,
    mode: DeployMode.CLUSTER,
    metadata: { name: 'spark-pi' },
    mainClass: 'org.apache.spark.examples.SparkPi',
    mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples.jar',
    arguments: ['5000'],
    driver: { cores: 1, memory: Size.mebibytes(512), serviceAccount: 'spark-operator-spark' },
    executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
    dynamicAllocation: { minExecutors: 1, maxExecutors: 10, shuffleTracking: true, shuffleTrackingTimeout: Duration.minutes(30) },
    placement: SparkPlacement.spotResilient({ driver: EciPlacement.ecsOnly() }),
  });

  // The same computation in PySpark: Spark 4 needs Python 3.9 or later (PythonVersion.PYTHON_2
  // is refused for Spark 3.1 and later).
  new SparkJob(chart, 'PySparkPi', {
    ...SPARK4,
    type: SparkApplicationType.PYTHON,
    pythonVersion: PythonVersion.PYTHON_3,
    mode: DeployMode.CLUSTER,
    metadata: { name: 'spark-pi-python' },
    mainApplicationFile: 'local:///opt/spark/examples/src/main/python/pi.py',
    arguments: ['100'],
    driver: { cores: 1, memory: Size.mebibytes(512), serviceAccount: 'spark-operator-spark' },
    executor: { instances: 2, cores: 1, memory: Size.gibibytes(2) },
  });
  return chart;
}
