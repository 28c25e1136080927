import { SparkApplicationType, SparkJobProps } from '../../src';

/** The smallest SparkJob props the operator accepts: the SparkPi example of the Spark image. */
export const MINIMAL_JOB: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'spark:3.5.2',
  mainClass: 'org.apache.spark.examples.SparkPi',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
};

/** The toleration of the taint on every ECI virtual node, as ACK documents it. */
export const ECI_TOLERATION = { key: 'virtual-kubelet.io/provider', operator: 'Equal', value: 'alibabacloud', effect: 'NoSchedule' };
