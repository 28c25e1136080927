import { Duration, Size } from 'cdk8s';
import type { Cpu, EnvValue, Protocol, k8s } from 'cdk8s-plus-28';
import { PLACEMENT_OPTIONS_SHAPE } from './option-shapes';
import type { PodSecurityPreset } from './pod-security';
import type { ScratchDisk } from './scratch-disk';
import type { ISparkDriverServiceAccount } from './spark-driver-rbac';
import { noteMutation } from '../checks/cluster-check';
import { checkHandWrittenEciAnnotation } from '../eci/hand-written-eci-annotations';
import { PlacementOptions, PlacementTarget } from '../eci/placement-target';
import { checkInteger, invalid } from '../private/errors';
import { k8sJson } from '../private/k8s-json';
import { checkInt32 } from '../private/k8s-names';
import { captureArgument, checkArguments } from '../private/props-shape';
import { compact, jsonEqual, listOrUndefined, mapOrUndefined, wholeSeconds } from '../private/render';
import { checkCpu, toQuantity, toSparkMemory } from '../private/units';

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

/** The scheduling rules of one place (spec fields or pod template). */
class PodScheduling {
  public readonly tolerations: k8s.Toleration[] = [];
  public readonly nodeSelector: { [key: string]: string } = {};
  public readonly requiredTerms: k8s.NodeSelectorRequirement[] = [];
  public readonly preferredTerms: k8s.PreferredSchedulingTerm[] = [];

  public addToleration(toleration: k8s.Toleration): void {
    noteMutation();
    if (!this.tolerations.some(t => jsonEqual(t, toleration))) {
      this.tolerations.push(toleration);
    }
  }

  public require(requirement: k8s.NodeSelectorRequirement): void {
    if (!this.requiredTerms.some(r => jsonEqual(r, requirement))) {
      this.requiredTerms.push(requirement);
    }
  }

  public prefer(term: k8s.PreferredSchedulingTerm): void {
    if (!this.preferredTerms.some(p => jsonEqual(p, term))) {
      this.preferredTerms.push(term);
    }
  }

  /**
   * Merges the added node affinity into a user's affinity without dropping anything: a required
   * requirement is ANDed into every required term (terms are ORed), preferences are appended.
   */
  public mergeAffinity(user: k8s.Affinity | undefined): k8s.Affinity | undefined {
    if (this.requiredTerms.length === 0 && this.preferredTerms.length === 0) { return user; }
    const nodeAffinity = user?.nodeAffinity;
    const userTerms = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    let required = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (this.requiredTerms.length > 0) {
      const terms = userTerms.length > 0 ? userTerms : [{}];
      required = {
        nodeSelectorTerms: terms.map(term => ({
          ...term,
          matchExpressions: appendUnique(term.matchExpressions ?? [], this.requiredTerms),
        })),
      };
    }
    const preferred = appendUnique(nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [], this.preferredTerms);
    return {
      ...user,
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: required,
        preferredDuringSchedulingIgnoredDuringExecution: preferred.length > 0 ? preferred : undefined,
      },
    };
  }

  public mergeTolerations(user: readonly k8s.Toleration[]): k8s.Toleration[] {
    return appendUnique(user, this.tolerations);
  }
}

function appendUnique<T>(base: readonly T[], extra: readonly T[]): T[] {
  const out = base.slice();
  for (const item of extra) {
    if (!out.some(existing => jsonEqual(existing, item))) { out.push(item); }
  }
  return out;
}

/**
 * One role of a Spark application: the driver or the executors.
 *
 * Props are sugar over the `addXxx()` methods, so both paths share one validation.
 */
export abstract class SparkRole implements ISparkDriverServiceAccount {
  /** The YAML key of this role, `driver` or `executor`, used in error messages. */
  public readonly roleName: string;

  private readonly props: SparkRoleProps;
  private readonly _labels: { [key: string]: string } = {};
  private readonly _annotations: { [key: string]: string } = {};
  private readonly _env: Array<{ name: string; value: EnvValue }> = [];
  private readonly _volumeMounts: k8s.VolumeMount[] = [];
  private readonly _sidecars: k8s.Container[] = [];
  private readonly _initContainers: k8s.Container[] = [];
  private readonly _specScheduling = new PodScheduling();
  private readonly _templateScheduling = new PodScheduling();
  private readonly _templateLabels: { [key: string]: string } = {};
  private readonly _templateAnnotations: { [key: string]: string } = {};
  private _serviceAccount?: string;
  private _specPodSecurityContext?: k8s.PodSecurityContext;
  private _specSecurityContext?: k8s.SecurityContext;
  private _templatePodSecurityContext?: k8s.PodSecurityContext;
  private _templateSecurityContext?: k8s.SecurityContext;
  private _podSecurity?: { readonly preset: PodSecurityPreset; readonly spec: boolean; readonly template: boolean };

  protected constructor(roleName: string, props: SparkRoleProps) {
    this.roleName = roleName;
    this.props = props;
    checkInteger(`${roleName}.cores`, props.cores, 1);
    if (props.cores !== undefined) { checkInt32(`${roleName}.cores`, props.cores); } // the CRD's int32
    const requestMillis = checkCpu(`${roleName}.coreRequest`, props.coreRequest) ?? (props.cores ?? 1) * 1000;
    const limitMillis = checkCpu(`${roleName}.coreLimit`, props.coreLimit);
    if (limitMillis !== undefined && limitMillis < requestMillis) {
      // Spark requests coreRequest (or cores) and limits to coreLimit; Kubernetes refuses a limit below the request.
      invalid(`${roleName}.coreLimit`, `must be at least the CPU request (${requestMillis}m, from ${props.coreRequest ? 'coreRequest' : 'cores'}), `
        + 'or Kubernetes refuses the pod', props.coreLimit?.amount);
    }
    // Render once eagerly so a bad size fails where it was written, not at synth.
    this.renderMemory();
    wholeSeconds(`${roleName}.terminationGracePeriod`, props.terminationGracePeriod, 0);
    if (props.gpu) {
      checkInteger(`${roleName}.gpu.quantity`, props.gpu.quantity, 1);
    }
    for (const port of props.ports ?? []) {
      checkInteger(`${roleName}.ports[].containerPort`, port.containerPort, 1, 65535);
    }
    this._serviceAccount = props.serviceAccount;
    this._specPodSecurityContext = props.podSecurityContext;
    this._specSecurityContext = props.securityContext;
    for (const [key, value] of Object.entries(props.labels ?? {})) { this.addLabel(key, value); }
    for (const [key, value] of Object.entries(props.annotations ?? {})) { this.addAnnotation(key, value); }
    for (const [name, value] of Object.entries(props.env ?? {})) { this.addEnv(name, value); }
    for (const mount of props.volumeMounts ?? []) { this.addVolumeMount(mount); }
    for (const sidecar of props.sidecars ?? []) { this.addSidecar(sidecar); }
    for (const init of props.initContainers ?? []) { this.addInitContainer(init); }
    for (const toleration of props.tolerations ?? []) { this._specScheduling.addToleration(toleration); }
    for (const [key, value] of Object.entries(props.nodeSelector ?? {})) { this._specScheduling.nodeSelector[key] = value; }
  }

  /** The pods' labels (a copy). */
  public get labels(): { [key: string]: string } {
    return { ...this._labels };
  }

  /** The pods' annotations (a copy). */
  public get annotations(): { [key: string]: string } {
    return { ...this._annotations };
  }

  /** CPU cores per pod as written, or undefined for the operator's default (1). */
  public get cores(): number | undefined {
    return this.props.cores;
  }

  /** The Kubernetes CPU request as written (`coreRequest`), if any. */
  public get coreRequest(): Cpu | undefined {
    return this.props.coreRequest;
  }

  /** The CPU limit as written (`coreLimit`), if any. */
  public get coreLimit(): Cpu | undefined {
    return this.props.coreLimit;
  }

  /** Memory per pod as written, or undefined for the operator's default (`1g`). */
  public get memory(): Size | undefined {
    return this.props.memory;
  }

  /** Memory overhead per pod as written, or undefined for Spark's factor rule. */
  public get memoryOverhead(): Size | undefined {
    return this.props.memoryOverhead;
  }

  /** The pod's memory limit as written (`memoryLimit`), if any. */
  public get memoryLimit(): Size | undefined {
    return this.props.memoryLimit;
  }

  /** This role's container image, if it overrides the application's. */
  public get image(): string | undefined {
    return this.props.image;
  }

  /** The pods' service account, if set. */
  public get serviceAccount(): string | undefined {
    return this._serviceAccount;
  }

  /** The scratch space of the pods, if one was given. */
  public get scratch(): ScratchDisk | undefined {
    return this.props.scratch;
  }

  /** The pod template as given (without placement rules added to it), if any. */
  public get template(): k8s.PodTemplateSpec | undefined {
    return this.props.template;
  }

  /** Whether anything (a template prop or a placement rule) writes this role's pod template. */
  public get hasTemplate(): boolean {
    return this.renderTemplate() !== undefined;
  }

  /** The security preset applied with `applyPodSecurity()`, if any. */
  public get podSecurity(): PodSecurityPreset | undefined {
    return this._podSecurity?.preset;
  }

  /** The name of the Spark container in the pods: `spark-kubernetes-driver` or `spark-kubernetes-executor`. */
  public get containerName(): string {
    return `spark-kubernetes-${this.roleName}`;
  }

  /**
   * Sets the pod-level security context (`podSecurityContext`, or the template's
   * `spec.securityContext`), replacing the one set before in that place.
   *
   * @param options write it to the spec field (default), the pod template, or both
   */
  public setPodSecurityContext(context: k8s.PodSecurityContext, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.setPodSecurityContext()`, ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    context = captureArgument(`${this.roleName}.setPodSecurityContext() context`, context, 'object');
    noteMutation();
    const target = options.target ?? PlacementTarget.SPEC_FIELDS;
    if (target !== PlacementTarget.POD_TEMPLATE) { this._specPodSecurityContext = context; }
    if (target !== PlacementTarget.SPEC_FIELDS) { this._templatePodSecurityContext = context; }
  }

  /**
   * Sets the security context of the Spark container (`securityContext`, or that of the
   * template's container named `containerName`), replacing the one set before in that place.
   *
   * @param options write it to the spec field (default), the pod template, or both
   */
  public setSecurityContext(context: k8s.SecurityContext, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.setSecurityContext()`, ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    context = captureArgument(`${this.roleName}.setSecurityContext() context`, context, 'object');
    noteMutation();
    const target = options.target ?? PlacementTarget.SPEC_FIELDS;
    if (target !== PlacementTarget.POD_TEMPLATE) { this._specSecurityContext = context; }
    if (target !== PlacementTarget.SPEC_FIELDS) { this._templateSecurityContext = context; }
  }

  /**
   * Applies a security preset (e.g. `PodSecurityPreset.HARDENED`) to the pod security context
   * and to the security context of every container of the pods: the Spark container, sidecars
   * and init containers. Merged at synth with what is set, whenever it was set (see
   * `PodSecurityPreset`); a second call replaces the first.
   *
   * @param options write it to the spec fields (default), the pod template, or both
   */
  public applyPodSecurity(preset: PodSecurityPreset, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.applyPodSecurity()`, ['preset', preset, 'instance'], ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    noteMutation();
    const target = options.target ?? PlacementTarget.SPEC_FIELDS;
    this._podSecurity = {
      preset,
      spec: target !== PlacementTarget.POD_TEMPLATE,
      template: target !== PlacementTarget.SPEC_FIELDS,
    };
  }

  /**
   * Values the user set that weaken the applied security preset, as messages.
   * @internal
   */
  public _podSecurityProblems(): string[] {
    const ps = this._podSecurity;
    if (!ps) { return []; }
    const r = this.roleName;
    const problems: string[] = [];
    if (ps.spec) {
      problems.push(...ps.preset._podProblems(`${r}.podSecurityContext`, this.specPodSecurityContextJson()));
      problems.push(...ps.preset._containerProblems(`${r}.securityContext`, this.specSecurityContextJson()));
      this._sidecars.forEach((c, i) => problems.push(...ps.preset._containerProblems(`${r}.sidecars[${i}].securityContext`, k8sJson.toJson_Container(c)?.securityContext)));
      this._initContainers.forEach((c, i) => problems.push(...ps.preset._containerProblems(`${r}.initContainers[${i}].securityContext`, k8sJson.toJson_Container(c)?.securityContext)));
    }
    if (ps.template) {
      const spec = this.userTemplateSpecJson();
      problems.push(...ps.preset._podProblems(`${r}.template.spec.securityContext`, spec.securityContext));
      for (const field of ['containers', 'initContainers']) {
        (spec[field] ?? []).forEach((c: any, i: number) =>
          problems.push(...ps.preset._containerProblems(`${r}.template.spec.${field}[${i}].securityContext`, c.securityContext)));
      }
    }
    return problems;
  }

  /** Sets the pods' service account (`serviceAccount`). */
  public useServiceAccount(name: string): void {
    checkArguments(`${this.roleName}.useServiceAccount()`, ['name', name, 'string']);
    noteMutation();
    this._serviceAccount = name;
  }

  /**
   * Adds a label to the pods (`labels`).
   *
   * @param options write it to the spec field (default) or also to the pod template
   */
  public addLabel(key: string, value: string, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.addLabel()`, ['key', key, 'string'], ['value', value, 'string'], ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    noteMutation();
    const target = options.target ?? PlacementTarget.SPEC_FIELDS;
    if (target !== PlacementTarget.POD_TEMPLATE) { this._labels[key] = value; }
    if (target !== PlacementTarget.SPEC_FIELDS) { this._templateLabels[key] = value; }
  }

  /**
   * Adds an annotation to the pods (`annotations`).
   *
   * @param options write it to the spec field (default) or also to the pod template
   */
  public addAnnotation(key: string, value: string, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.addAnnotation()`, ['key', key, 'string'], ['value', value, 'string'], ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    noteMutation();
    checkHandWrittenEciAnnotation(`${this.roleName}.annotations["${key}"]`, key, value);
    const target = options.target ?? PlacementTarget.SPEC_FIELDS;
    if (target !== PlacementTarget.POD_TEMPLATE) { this._annotations[key] = value; }
    if (target !== PlacementTarget.SPEC_FIELDS) { this._templateAnnotations[key] = value; }
  }

  /** Adds an environment variable to the Spark container (`env`). */
  public addEnv(name: string, value: EnvValue): void {
    checkArguments(`${this.roleName}.addEnv()`, ['name', name, 'string'], ['value', value, 'instance']);
    noteMutation();
    if (this._env.some(e => e.name === name)) {
      invalid(`${this.roleName}.env`, 'must not define a variable twice', name);
    }
    this._env.push({ name, value });
  }

  /** Mounts one of the application's volumes into the Spark container (`volumeMounts`). */
  public addVolumeMount(mount: k8s.VolumeMount): void {
    mount = captureArgument(`${this.roleName}.addVolumeMount() mount`, mount, 'object');
    noteMutation();
    if (this._volumeMounts.some(m => m.mountPath === mount.mountPath)) {
      invalid(`${this.roleName}.volumeMounts`, 'must not mount two volumes at one path', mount.mountPath);
    }
    this._volumeMounts.push(mount);
  }

  /** Adds a container beside the Spark container (`sidecars`). */
  public addSidecar(container: k8s.Container): void {
    container = captureArgument(`${this.roleName}.addSidecar() container`, container, 'object');
    noteMutation();
    this._sidecars.push(container);
  }

  /** Adds a container that runs before the Spark container (`initContainers`). */
  public addInitContainer(container: k8s.Container): void {
    container = captureArgument(`${this.roleName}.addInitContainer() container`, container, 'object');
    noteMutation();
    this._initContainers.push(container);
  }

  /**
   * Adds a toleration, unless an equal one is there (`tolerations`, or the template's).
   *
   * @param options where to write it
   */
  public addToleration(toleration: k8s.Toleration, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.addToleration()`, ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    toleration = captureArgument(`${this.roleName}.addToleration() toleration`, toleration, 'object');
    noteMutation();
    this.schedulingFor(options).forEach(s => s.addToleration(toleration));
  }

  /**
   * Requires a node label expression: it is ANDed into every required node affinity term.
   *
   * @param options where to write it
   */
  public requireNodeAffinity(requirement: k8s.NodeSelectorRequirement, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.requireNodeAffinity()`, ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    requirement = captureArgument(`${this.roleName}.requireNodeAffinity() requirement`, requirement, 'object');
    noteMutation();
    this.schedulingFor(options).forEach(s => s.require(requirement));
  }

  /**
   * Prefers nodes matching a label expression, with a weight from 1 to 100.
   *
   * @param options where to write it
   */
  public preferNodeAffinity(weight: number, requirement: k8s.NodeSelectorRequirement, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.preferNodeAffinity()`, ['weight', weight, 'number'], ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    requirement = captureArgument(`${this.roleName}.preferNodeAffinity() requirement`, requirement, 'object');
    noteMutation();
    checkInteger(`${this.roleName} node affinity weight`, weight, 1, 100);
    const term: k8s.PreferredSchedulingTerm = { weight, preference: { matchExpressions: [requirement] } };
    this.schedulingFor(options).forEach(s => s.prefer(term));
  }

  /**
   * Adds a node selector label (`nodeSelector`, or the template's).
   *
   * @param options where to write it
   */
  public addNodeSelector(key: string, value: string, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.addNodeSelector()`, ['key', key, 'string'], ['value', value, 'string'], ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    noteMutation();
    this.schedulingFor(options).forEach(s => { s.nodeSelector[key] = value; });
  }

  /** The tolerations as they will render in the spec fields (a copy). */
  public get tolerations(): k8s.Toleration[] {
    return this._specScheduling.mergeTolerations(this.props.tolerations ?? []);
  }

  /** The affinity as it will render in the spec fields, if any. */
  public get affinity(): k8s.Affinity | undefined {
    return this._specScheduling.mergeAffinity(this.props.affinity);
  }

  /** Names of the volumes this role mounts. */
  public get mountedVolumeNames(): string[] {
    return this._volumeMounts.map(m => m.name);
  }

  private schedulingFor(options: PlacementOptions): PodScheduling[] {
    switch (options.target ?? PlacementTarget.SPEC_FIELDS) {
      case PlacementTarget.POD_TEMPLATE: return [this._templateScheduling];
      case PlacementTarget.BOTH: return [this._specScheduling, this._templateScheduling];
      default: return [this._specScheduling];
    }
  }

  private renderMemory(): { memory?: string; memoryOverhead?: string; memoryLimit?: string } {
    const p = this.props;
    return {
      memory: p.memory && toSparkMemory(`${this.roleName}.memory`, p.memory),
      memoryOverhead: p.memoryOverhead && toSparkMemory(`${this.roleName}.memoryOverhead`, p.memoryOverhead),
      memoryLimit: p.memoryLimit && toQuantity(`${this.roleName}.memoryLimit`, p.memoryLimit, { positive: true }),
    };
  }

  /**
   * The pod template with placement rules merged in, or undefined when there is none.
   * Merging follows Spark: the template is a base; what is added here is appended.
   */
  private renderTemplate(): any {
    const base = this.props.template;
    const s = this._templateScheduling;
    const security = this.hasTemplateSecurity();
    const hasRules = s.tolerations.length + s.requiredTerms.length + s.preferredTerms.length
      + Object.keys(s.nodeSelector).length + Object.keys(this._templateLabels).length
      + Object.keys(this._templateAnnotations).length > 0 || security;
    if (!base && !hasRules) { return undefined; }
    const json: any = base ? k8sJson.toJson_PodTemplateSpec(base) : {};
    if (!hasRules) { return json; }
    const spec = security ? this.templateSpecWithSecurity() : json.spec ?? {};
    const metadata = json.metadata ?? {};
    const affinity = s.mergeAffinity(base?.spec?.affinity);
    const tolerations = s.mergeTolerations(base?.spec?.tolerations ?? []);
    // The template's own spec has required `containers`; Spark fills in its container, so an
    // empty list is what upstream examples write.
    return compact({
      ...json,
      metadata: mapOrUndefined(compact({
        ...metadata,
        labels: mapOrUndefined({ ...metadata.labels, ...this._templateLabels }),
        annotations: mapOrUndefined({ ...metadata.annotations, ...this._templateAnnotations }),
      })),
      spec: compact({
        ...spec,
        containers: spec.containers ?? [],
        affinity: affinity && k8sJson.toJson_Affinity(affinity),
        tolerations: listOrUndefined(tolerations, t => k8sJson.toJson_Toleration(t)),
        nodeSelector: mapOrUndefined({ ...spec.nodeSelector, ...s.nodeSelector }),
      }),
    });
  }

  /** Whether the template carries a security context set here or the preset. */
  private hasTemplateSecurity(): boolean {
    return this._templatePodSecurityContext !== undefined || this._templateSecurityContext !== undefined
      || this._podSecurity?.template === true;
  }

  /** The template's spec as JSON with the security contexts set here, before the preset. */
  private userTemplateSpecJson(): any {
    const base = this.props.template;
    const spec: any = { ...(base ? k8sJson.toJson_PodTemplateSpec(base)?.spec : undefined) };
    if (this._templatePodSecurityContext !== undefined) {
      spec.securityContext = k8sJson.toJson_PodSecurityContext(this._templatePodSecurityContext);
    }
    const containers: any[] = (spec.containers ?? []).map((c: any) => ({ ...c }));
    if (this._templateSecurityContext !== undefined) {
      const securityContext = k8sJson.toJson_SecurityContext(this._templateSecurityContext);
      const spark = containers.find(c => c.name === this.containerName);
      if (spark) {
        spark.securityContext = securityContext;
      } else {
        containers.push({ name: this.containerName, securityContext });
      }
    }
    spec.containers = containers;
    return spec;
  }

  /**
   * The template's spec with the security contexts set here and the preset merged in. The Spark
   * container is the one named `containerName` (the operator passes that name to Spark as
   * `podTemplateContainerName`); it is added when the template has none.
   */
  private templateSpecWithSecurity(): any {
    const spec = this.userTemplateSpecJson();
    const preset = this._podSecurity?.template ? this._podSecurity.preset : undefined;
    if (!preset) { return compact(spec); }
    if (!spec.containers.some((c: any) => c.name === this.containerName)) {
      spec.containers.push({ name: this.containerName });
    }
    return compact({
      ...spec,
      securityContext: preset._mergePod(spec.securityContext),
      containers: spec.containers.map((c: any) => ({ ...c, securityContext: preset._mergeContainer(c.securityContext) })),
      initContainers: spec.initContainers?.map((c: any) => ({ ...c, securityContext: preset._mergeContainer(c.securityContext) })),
    });
  }

  private specPodSecurityContextJson(): any {
    return this._specPodSecurityContext && k8sJson.toJson_PodSecurityContext(this._specPodSecurityContext);
  }

  private specSecurityContextJson(): any {
    return this._specSecurityContext && k8sJson.toJson_SecurityContext(this._specSecurityContext);
  }

  /** A container of the spec fields as JSON, with the preset merged in when it applies there. */
  private renderContainer(container: k8s.Container): any {
    const json = k8sJson.toJson_Container(container) ?? {};
    const ps = this._podSecurity;
    return ps?.spec ? { ...json, securityContext: ps.preset._mergeContainer(json.securityContext) } : json;
  }

  /**
   * Renders the fields both roles share, as the CRD spells them.
   * @internal
   */
  public _renderRole(): { [key: string]: any } {
    const p = this.props;
    const tolerations = this.tolerations;
    const affinity = this.affinity;
    const specPreset = this._podSecurity?.spec ? this._podSecurity.preset : undefined;
    return compact({
      cores: p.cores,
      coreRequest: p.coreRequest?.amount,
      coreLimit: p.coreLimit?.amount,
      ...this.renderMemory(),
      javaOptions: p.javaOptions,
      serviceAccount: this._serviceAccount,
      labels: mapOrUndefined(this._labels),
      annotations: mapOrUndefined(this._annotations),
      image: p.image,
      env: listOrUndefined(this._env, e => compact({
        name: e.name,
        value: e.value.value,
        valueFrom: e.value.valueFrom && k8sJson.toJson_EnvVarSource(e.value.valueFrom),
      })),
      envFrom: listOrUndefined(p.envFrom, e => k8sJson.toJson_EnvFromSource(e)),
      volumeMounts: listOrUndefined(this._volumeMounts, m => k8sJson.toJson_VolumeMount(m)),
      affinity: affinity && k8sJson.toJson_Affinity(affinity),
      tolerations: listOrUndefined(tolerations, t => k8sJson.toJson_Toleration(t)),
      nodeSelector: mapOrUndefined(this._specScheduling.nodeSelector),
      podSecurityContext: specPreset ? specPreset._mergePod(this.specPodSecurityContextJson()) : this.specPodSecurityContextJson(),
      securityContext: specPreset ? specPreset._mergeContainer(this.specSecurityContextJson()) : this.specSecurityContextJson(),
      sidecars: listOrUndefined(this._sidecars, c => this.renderContainer(c)),
      initContainers: listOrUndefined(this._initContainers, c => this.renderContainer(c)),
      priorityClassName: p.priorityClassName,
      schedulerName: p.schedulerName,
      hostNetwork: p.hostNetwork,
      dnsConfig: p.dnsConfig && k8sJson.toJson_PodDnsConfig(p.dnsConfig),
      hostAliases: listOrUndefined(p.hostAliases, h => k8sJson.toJson_HostAlias(h)),
      lifecycle: p.lifecycle && k8sJson.toJson_Lifecycle(p.lifecycle),
      shareProcessNamespace: p.shareProcessNamespace,
      terminationGracePeriodSeconds: wholeSeconds(`${this.roleName}.terminationGracePeriod`, p.terminationGracePeriod, 0),
      configMaps: listOrUndefined(p.configMaps, c => ({ name: c.name, path: c.path })),
      secrets: listOrUndefined(p.secrets, s => ({ name: s.name, path: s.path, secretType: s.type ?? SparkSecretType.GENERIC })),
      gpu: p.gpu && { name: p.gpu.name, quantity: p.gpu.quantity },
      ports: listOrUndefined(p.ports, port => ({
        name: port.name,
        containerPort: port.containerPort,
        protocol: port.protocol ?? ('TCP' as Protocol), // Protocol.TCP, without loading cdk8s-plus-28
      })),
      template: this.renderTemplate(),
    });
  }

  /**
   * Renders this role's `spec.driver` / `spec.executor` object.
   * @internal
   */
  public abstract _render(): { [key: string]: any };
}

/** The driver pod of a Spark application (`spec.driver`). */
export class SparkDriver extends SparkRole {
  private readonly driverProps: SparkDriverProps;

  public constructor(props: SparkDriverProps = {}) {
    super('driver', props);
    this.driverProps = props;
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    const p = this.driverProps;
    return compact({
      ...this._renderRole(),
      podName: p.podName,
      serviceAnnotations: mapOrUndefined(p.serviceAnnotations),
      serviceLabels: mapOrUndefined(p.serviceLabels),
      kubernetesMaster: p.kubernetesMaster,
    });
  }
}

/** The executor pods of a Spark application (`spec.executor`). */
export class SparkExecutor extends SparkRole {
  private _instances: number;
  private readonly deleteOnTermination?: boolean;

  public constructor(props: SparkExecutorProps = {}) {
    super('executor', props);
    checkInteger('executor.instances', props.instances, 1);
    if (props.instances !== undefined) { checkInt32('executor.instances', props.instances); } // the CRD's int32
    this._instances = props.instances ?? 1;
    this.deleteOnTermination = props.deleteOnTermination;
  }

  /** Number of executor pods (`instances`). */
  public get instances(): number {
    return this._instances;
  }

  /** Sets the number of executor pods (`instances`), an integer >= 1. */
  public scaleTo(instances: number): void {
    checkArguments('executor.scaleTo()', ['instances', instances, 'number']);
    noteMutation();
    checkInteger('executor.instances', instances, 1);
    this._instances = instances;
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    return compact({
      ...this._renderRole(),
      instances: this._instances,
      deleteOnTermination: this.deleteOnTermination,
    });
  }
}
