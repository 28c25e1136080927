import { Size } from 'cdk8s';
import { Cpu, ServiceType, k8s } from 'cdk8s-plus-28';
import { brand, isBranded } from '../private/brand';
import { invalid } from '../private/errors';
import { checkArguments } from '../private/props-shape';

/** Where the driver runs (`spec.mode`). */
export enum DeployMode {
  /** The driver runs in a pod of its own (the operator's default). */
  CLUSTER = 'cluster',
  /** The driver runs in the submission process. */
  CLIENT = 'client',
}

/** Major Python version of the image (`spec.pythonVersion`), for Python applications. */
export enum PythonVersion {
  /** Python 3. */
  PYTHON_3 = '3',
  /** Python 2, for old images only. */
  PYTHON_2 = '2',
}

/** Files and packages Spark fetches for the application (`spec.deps`). */
export interface SparkDependencies {
  /**
   * Jars added to the classpath (`deps.jars`; `--jars`).
   *
   * @default - none
   */
  readonly jars?: string[];

  /**
   * Files placed in each executor's working directory (`deps.files`; `--files`).
   *
   * @default - none
   */
  readonly files?: string[];

  /**
   * Python files added to `PYTHONPATH` (`deps.pyFiles`; `--py-files`).
   *
   * @default - none
   */
  readonly pyFiles?: string[];

  /**
   * Maven coordinates `group:artifact:version` resolved by Spark (`deps.packages`; `--packages`).
   *
   * @default - none
   */
  readonly packages?: string[];

  /**
   * `group:artifact` pairs left out when resolving `packages` (`deps.excludePackages`).
   *
   * @default - none
   */
  readonly excludePackages?: string[];

  /**
   * Extra Maven repositories for `packages` (`deps.repositories`; `--repositories`).
   *
   * @default - none
   */
  readonly repositories?: string[];

  /**
   * Archives extracted into each executor's working directory (`deps.archives`; `--archives`).
   *
   * @default - none
   */
  readonly archives?: string[];
}

/** The Prometheus JMX exporter of `spec.monitoring.prometheus`. */
export interface SparkPrometheusOptions {
  /** Path of the JMX exporter jar in the image (`jmxExporterJar`). */
  readonly jmxExporterJar: string;

  /**
   * Port of the exporter's HTTP server (`port`), 1024 to 49151.
   *
   * @default 8090
   */
  readonly port?: number;

  /**
   * Name of the exporter's port (`portName`).
   *
   * @default 'jmx-exporter'
   */
  readonly portName?: string;

  /**
   * Path of an exporter configuration file in the image (`configFile`); wins over `configuration`.
   *
   * @default - none
   */
  readonly configFile?: string;

  /**
   * Exporter configuration content (`configuration`).
   *
   * @default - the image's `conf/prometheus.yaml`
   */
  readonly configuration?: string;
}

/** Metrics of the application (`spec.monitoring`). */
export interface SparkMonitoring {
  /**
   * Expose the driver's metrics (`exposeDriverMetrics`).
   *
   * @default false
   */
  readonly exposeDriverMetrics?: boolean;

  /**
   * Expose the executors' metrics (`exposeExecutorMetrics`).
   *
   * @default false
   */
  readonly exposeExecutorMetrics?: boolean;

  /**
   * Content of Spark's `metrics.properties` (`metricsProperties`).
   *
   * @default - none
   */
  readonly metricsProperties?: string;

  /**
   * Path of a `metrics.properties` file in the image (`metricsPropertiesFile`).
   *
   * @default - none
   */
  readonly metricsPropertiesFile?: string;

  /**
   * The Prometheus JMX exporter (`prometheus`).
   *
   * @default - no exporter
   */
  readonly prometheus?: SparkPrometheusOptions;
}

/** The Service and Ingress of the Spark UI (`spec.sparkUIOptions`). */
export interface SparkUiOptions {
  /**
   * Port of the UI service (`servicePort`).
   *
   * @default 4040
   */
  readonly servicePort?: number;

  /**
   * Name of the UI service port (`servicePortName`).
   *
   * @default 'spark-driver-ui-port'
   */
  readonly servicePortName?: string;

  /**
   * Type of the UI service (`serviceType`).
   *
   * @default ServiceType.CLUSTER_IP
   */
  readonly serviceType?: ServiceType;

  /**
   * Annotations of the UI service (`serviceAnnotations`).
   *
   * @default - none
   */
  readonly serviceAnnotations?: { [key: string]: string };

  /**
   * Labels of the UI service (`serviceLabels`).
   *
   * @default - none
   */
  readonly serviceLabels?: { [key: string]: string };

  /**
   * Annotations of the UI ingress (`ingressAnnotations`), e.g. the ingress class.
   *
   * @default - none
   */
  readonly ingressAnnotations?: { [key: string]: string };

  /**
   * TLS settings of the UI ingress (`ingressTLS`).
   *
   * @default - none
   */
  readonly ingressTls?: k8s.IngressTls[];
}

/** A batch scheduler for the application's pods (`spec.batchScheduler`). */
export class BatchScheduler {
  /** Volcano (`volcano`). */
  public static readonly VOLCANO = new BatchScheduler('volcano');
  /** Apache YuniKorn (`yunikorn`). */
  public static readonly YUNIKORN = new BatchScheduler('yunikorn');
  /** The default scheduler with the operator's gang plugin (`kube-scheduler`). */
  public static readonly KUBE_SCHEDULER = new BatchScheduler('kube-scheduler');

  /**
   * Whether `x` is a `BatchScheduler`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isBatchScheduler(x: any): x is BatchScheduler {
    return isBranded(x, 'BatchScheduler');
  }

  /** A scheduler by the name the operator was configured with. */
  public static custom(name: string): BatchScheduler {
    checkArguments('BatchScheduler.custom()', ['name', name, 'string']);
    if (name.trim() === '') { invalid('BatchScheduler.custom() name', 'must name the scheduler the operator was configured with, e.g. "volcano"', name); }
    return new BatchScheduler(name);
  }

  private constructor(
    /** The name written to `spec.batchScheduler`. */
    public readonly name: string) {
    brand(this, 'BatchScheduler');
  }
}

/** Options for the batch scheduler (`spec.batchSchedulerOptions`). */
export interface BatchSchedulerOptions {
  /**
   * Queue of the application (`queue`).
   *
   * @default - the scheduler's default queue
   */
  readonly queue?: string;

  /**
   * PriorityClass the scheduler uses for the application (`priorityClassName`).
   *
   * @default - none
   */
  readonly priorityClassName?: string;

  /**
   * CPU the scheduler reserves for the whole application (`resources.cpu`).
   *
   * @default - computed by the scheduler
   */
  readonly cpu?: Cpu;

  /**
   * Memory the scheduler reserves for the whole application (`resources.memory`).
   *
   * @default - computed by the scheduler
   */
  readonly memory?: Size;
}
