// The props of a Spark role (`spec.driver` / `spec.executor`): what the driver and the executors
// share, and what each has alone, with the value types of their fields.
import type { Duration, Size } from 'cdk8s';
import type { Cpu, EnvValue, Protocol, k8s } from 'cdk8s-plus-28';
import type { ScratchDisk } from '../scratch-disk';

/** A ConfigMap mounted into the pod at a path (`configMaps[]`). */
export interface SparkConfigMapMount {
  /** Name of the ConfigMap. */
  readonly name: string;
  /** Directory in the container where its keys appear as files. */
  readonly path: string;
}

/** How the operator exposes a mounted Secret to Spark (`secrets[].secretType`). */
export enum SparkSecretType {
  /** Sets `GOOGLE_APPLICATION_CREDENTIALS` to the mounted key file. */
  GCP_SERVICE_ACCOUNT = 'GCPServiceAccount',
  /** Sets `HADOOP_TOKEN_FILE_LOCATION` to the mounted delegation token. */
  HADOOP_DELEGATION_TOKEN = 'HadoopDelegationToken',
  /** Mounts the Secret with no further meaning. */
  GENERIC = 'Generic',
}

/** A Secret mounted into the pod at a path (`secrets[]`). */
export interface SparkSecretMount {
  /** Name of the Secret. */
  readonly name: string;
  /** Directory in the container where its keys appear as files. */
  readonly path: string;
  /**
   * What the secret holds, which decides the environment variables the operator sets.
   *
   * @default SparkSecretType.GENERIC
   */
  readonly type?: SparkSecretType;
}

/** A GPU request for each pod of the role (`gpu`). */
export interface SparkGpu {
  /** Extended resource name of the GPU, e.g. `nvidia.com/gpu`. */
  readonly name: string;
  /** GPUs per pod, an integer >= 1. */
  readonly quantity: number;
}

/** An extra container port on the Spark container (`ports[]`). */
export interface SparkPodPort {
  /** Port name, a DNS-1123 label of at most 15 characters. */
  readonly name: string;
  /** Port number, 1 to 65535. */
  readonly containerPort: number;
  /**
   * Protocol of the port.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/** Settings shared by the driver and the executors (`spec.driver` / `spec.executor`). */
export interface SparkRoleProps {
  /**
   * CPU cores Spark uses per pod (`cores`; `spark.{driver,executor}.cores`). An integer >= 1:
   * fractional CPU goes in `coreRequest`.
   *
   * @default - the operator's default, 1
   */
  readonly cores?: number;

  /**
   * Kubernetes CPU request of the pod (`coreRequest`), e.g. `Cpu.millis(500)`; overrides `cores`
   * for scheduling only.
   *
   * @default - the request is `cores`
   */
  readonly coreRequest?: Cpu;

  /**
   * Hard CPU limit of the pod (`coreLimit`), e.g. `Cpu.millis(1200)`.
   *
   * @default - no CPU limit
   */
  readonly coreLimit?: Cpu;

  /**
   * JVM heap (or Python/R process memory) per pod (`memory`), rendered in Spark's format:
   * `Size.mebibytes(512)` is `512m`, `Size.gibibytes(4)` is `4g`.
   *
   * @default - the operator's default, `1g`
   */
  readonly memory?: Size;

  /**
   * Off-heap memory added to `memory` for the pod (`memoryOverhead`), in Spark's format.
   *
   * @default - `max(memory * factor, 384 MiB)`, factor 0.1 for JVM jobs and 0.4 for Python and R
   */
  readonly memoryOverhead?: Size;

  /**
   * Memory limit of the pod (`memoryLimit`), a Kubernetes quantity, overriding the limit the
   * operator computes from `memory` and `memoryOverhead`.
   *
   * @default - the limit equals memory plus overhead
   */
  readonly memoryLimit?: Size;

  /**
   * Extra JVM options (`javaOptions`), e.g. GC flags. Use `memory`, not `-Xmx`.
   *
   * @default - none
   */
  readonly javaOptions?: string;

  /**
   * Kubernetes service account of the pods (`serviceAccount`). The driver's needs rights to
   * create executor pods, services and config maps.
   *
   * @default - the namespace's `default` service account
   */
  readonly serviceAccount?: string;

  /**
   * Labels added to the pods (`labels`).
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations added to the pods (`annotations`); ECI options are annotations too.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * Container image of this role, overriding the application's `image` (`image`).
   *
   * @default - the application's image
   */
  readonly image?: string;

  /**
   * Environment variables of the Spark container (`env`), by name.
   *
   * @default - none
   */
  readonly env?: { [name: string]: EnvValue };

  /**
   * Sources of environment variables (`envFrom`): whole ConfigMaps or Secrets.
   *
   * @default - none
   */
  readonly envFrom?: k8s.EnvFromSource[];

  /**
   * Mounts of the application's `volumes` into the Spark container (`volumeMounts`).
   *
   * @default - none
   */
  readonly volumeMounts?: k8s.VolumeMount[];

  /**
   * Affinity of the pods (`affinity`). Placement helpers add node affinity terms to it;
   * nothing given here is dropped.
   *
   * @default - none
   */
  readonly affinity?: k8s.Affinity;

  /**
   * Tolerations of the pods (`tolerations`).
   *
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];

  /**
   * Node labels the pods must run on (`nodeSelector`), merged with the application's.
   *
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Pod-level security context (`podSecurityContext`).
   *
   * @default - none
   */
  readonly podSecurityContext?: k8s.PodSecurityContext;

  /**
   * Security context of the Spark container (`securityContext`).
   *
   * @default - none
   */
  readonly securityContext?: k8s.SecurityContext;

  /**
   * Containers that run beside the Spark container (`sidecars`).
   *
   * @default - none
   */
  readonly sidecars?: k8s.Container[];

  /**
   * Containers that run to completion before the Spark container starts (`initContainers`).
   *
   * @default - none
   */
  readonly initContainers?: k8s.Container[];

  /**
   * PriorityClass of the pods (`priorityClassName`).
   *
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;

  /**
   * Scheduler of the pods (`schedulerName`).
   *
   * @default - the default scheduler
   */
  readonly schedulerName?: string;

  /**
   * Whether the pods use the node's network namespace (`hostNetwork`).
   *
   * @default false
   */
  readonly hostNetwork?: boolean;

  /**
   * DNS settings of the pods (`dnsConfig`).
   *
   * @default - the cluster's DNS settings
   */
  readonly dnsConfig?: k8s.PodDnsConfig;

  /**
   * Extra `/etc/hosts` entries (`hostAliases`).
   *
   * @default - none
   */
  readonly hostAliases?: k8s.HostAlias[];

  /**
   * postStart / preStop hooks of the Spark container (`lifecycle`).
   *
   * @default - none
   */
  readonly lifecycle?: k8s.Lifecycle;

  /**
   * Whether the containers of a pod share one process namespace (`shareProcessNamespace`).
   *
   * @default false
   */
  readonly shareProcessNamespace?: boolean;

  /**
   * Grace period before a terminating pod is killed (`terminationGracePeriodSeconds`), whole seconds.
   *
   * @default - Kubernetes' default, 30 seconds
   */
  readonly terminationGracePeriod?: Duration;

  /**
   * ConfigMaps mounted into the pods (`configMaps`).
   *
   * @default - none
   */
  readonly configMaps?: SparkConfigMapMount[];

  /**
   * Secrets mounted into the pods (`secrets`).
   *
   * @default - none
   */
  readonly secrets?: SparkSecretMount[];

  /**
   * GPUs per pod (`gpu`).
   *
   * @default - no GPU
   */
  readonly gpu?: SparkGpu;

  /**
   * Extra container ports (`ports`).
   *
   * @default - none
   */
  readonly ports?: SparkPodPort[];

  /**
   * A pod template that Spark itself applies to the pods (`template`); needs Spark >= 3.0 and
   * operator >= 2.1, and works without the operator's webhook.
   *
   * @default - no template
   */
  readonly template?: k8s.PodTemplateSpec;

  /**
   * Scratch space for shuffle and spill, e.g. `ScratchDisk.ofSize(Size.gibibytes(100))`: a
   * `spark-local-dir-<role>` emptyDir with `sizeLimit` in `volumes`, its `volumeMounts` entry, and
   * on ECI `k8s.aliyun.com/eci-extra-ephemeral-storage` (see `ScratchDisk`).
   *
   * @default - Spark's own emptyDir on the pod's ephemeral storage, unsized (on ECI, the free 30 GiB)
   */
  readonly scratch?: ScratchDisk;
}

/** The driver's settings (`spec.driver`). */
export interface SparkDriverProps extends SparkRoleProps {
  /**
   * Name of the driver pod (`podName`).
   *
   * @default - `<application name>-driver`
   */
  readonly podName?: string;

  /**
   * Annotations of the driver's headless service (`serviceAnnotations`).
   *
   * @default - none
   */
  readonly serviceAnnotations?: { [key: string]: string };

  /**
   * Labels of the driver's headless service (`serviceLabels`).
   *
   * @default - none
   */
  readonly serviceLabels?: { [key: string]: string };

  /**
   * URL of the Kubernetes API server the driver talks to (`kubernetesMaster`); the typed
   * replacement for `spark.kubernetes.driver.master`.
   *
   * @default - the in-cluster API server
   */
  readonly kubernetesMaster?: string;
}

/** The executors' settings (`spec.executor`). */
export interface SparkExecutorProps extends SparkRoleProps {
  /**
   * Number of executor pods (`instances`), an integer >= 1. With dynamic allocation this is
   * the initial count.
   *
   * @default 1
   */
  readonly instances?: number;

  /**
   * Whether executor pods are deleted when they end (`deleteOnTermination`); keep them to
   * read their logs.
   *
   * @default - Spark deletes them (true)
   */
  readonly deleteOnTermination?: boolean;
}
