// The props of a Spark Connect server (`SparkConnect`, `sparkoperator.k8s.io/v1alpha1`) and of its
// two roles, the server pod and the executors.
import type { ApiObjectMetadata, Size } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import type { SparkPlacement } from '../../eci/spark-placement';
import type { DynamicAllocation } from '../dynamic-allocation';
import type { SparkEventLog } from '../event-log';
import type { RemoteShuffle } from '../remote-shuffle';

/** The settings of the Spark Connect server pod or of its executors (`spec.server` / `spec.executor`). */
export interface SparkConnectRoleProps {
  /**
   * CPU cores (`cores`; `spark.driver.cores` / `spark.executor.cores`), an integer >= 1.
   *
   * @default - Spark's default, 1
   */
  readonly cores?: number;

  /**
   * JVM heap per pod (`memory`), rendered in Spark's format (`Size.gibibytes(4)` is `4g`).
   *
   * @default - Spark's default, `1g`
   */
  readonly memory?: Size;

  /**
   * Labels of the pods, written to `template.metadata.labels`.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the pods (ECI options are annotations too), written to
   * `template.metadata.annotations`.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * A pod template (`template`): the operator creates the server pod from it as it is, and Spark
   * applies the executors' one. Placement rules and the labels and annotations above are merged in.
   * The server pod gets only the resources its template gives its `spark-kubernetes-driver`
   * container: on ECI, size it there (or with `eci.instanceSpecs`), else ECI creates 2 vCPU / 4 GiB.
   *
   * @default - none
   */
  readonly template?: k8s.PodTemplateSpec;
}

/** The executors of a Spark Connect server (`spec.executor`). */
export interface SparkConnectExecutorProps extends SparkConnectRoleProps {
  /**
   * Number of executors (`instances`), an integer >= 0; with dynamic allocation the initial count.
   *
   * @default - Spark's default
   */
  readonly instances?: number;
}

/** A Spark Connect server (`SparkConnect`, `sparkoperator.k8s.io/v1alpha1`, operator >= 2.3). */
export interface SparkConnectServerProps {
  /**
   * Metadata of the SparkConnect object; its name must be a DNS-1035 label of at most 56 characters
   * (the server pod is `<name>-server`).
   *
   * @default - a name generated from the construct path
   */
  readonly metadata?: ApiObjectMetadata;

  /** Spark version of the image (`sparkVersion`), at least 3.4 (Spark Connect's first release). */
  readonly sparkVersion: string;

  /** Container image of the server and executors (`image`), with Spark Connect's jars. */
  readonly image: string;

  /**
   * Spark configuration (`sparkConf`); keys the operator sets and keys holding credentials are
   * refused, as for `SparkJob`.
   *
   * @default - none
   */
  readonly sparkConf?: { [key: string]: string };

  /**
   * Hadoop configuration (`hadoopConf`); keys holding credentials are refused.
   *
   * @default - none
   */
  readonly hadoopConf?: { [key: string]: string };

  /**
   * Configuration keys that may hold clear-text values although their name says credential (see
   * `SparkJob`'s `allowedSecretConfKeys`).
   *
   * @default - none
   */
  readonly allowedSecretConfKeys?: string[];

  /**
   * The server pod (`server`).
   *
   * @default - Spark's defaults
   */
  readonly server?: SparkConnectRoleProps;

  /**
   * The executors (`executor`).
   *
   * @default - Spark's defaults
   */
  readonly executor?: SparkConnectExecutorProps;

  /**
   * Dynamic allocation of executors (`dynamicAllocation`).
   *
   * @default - off
   */
  readonly dynamicAllocation?: DynamicAllocation;

  /**
   * Where the server and executors run, e.g. `SparkPlacement.recommended()` (server on ECS,
   * executors ECS then ECI) or `SparkPlacement.spotResilient()`; the placement's driver rules apply
   * to the server. Everything is written into the pod templates, whatever the placement's mechanism.
   *
   * @default - nothing added: pods stay on ECS nodes
   */
  readonly placement?: SparkPlacement;

  /**
   * A remote shuffle service (see `RemoteShuffle`).
   *
   * @default - shuffle files stay on the executors
   */
  readonly shuffle?: RemoteShuffle;

  /**
   * Spark event logs for a History Server (see `SparkEventLog`).
   *
   * @default - no event logs
   */
  readonly eventLog?: SparkEventLog;
}
