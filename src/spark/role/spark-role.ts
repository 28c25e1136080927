import type { Size } from 'cdk8s';
import type { Cpu, EnvValue, Protocol, k8s } from 'cdk8s-plus-28';
import { PodFields } from './pod-fields';
import { DRIVER_SHAPE, EXECUTOR_SHAPE } from './role-props-shape';
import { podSecurityProblems, renderContainer, renderPodSecurityContext, renderSecurityContext } from './role-security';
import { SparkDriverProps, SparkExecutorProps, SparkRoleProps, SparkSecretType } from './spark-role-props';
import { checkHandWrittenEciAnnotation } from '../../eci/hand-written-eci-annotations';
import { PlacementOptions, PlacementTarget } from '../../eci/placement-target';
import { checkInteger, invalid } from '../../private/errors';
import { k8sJson } from '../../private/k8s-json';
import { checkInt32 } from '../../private/k8s-names';
import { captureArgument, checkArguments, ENV_VALUE_SHAPE } from '../../private/props-shape';
import { assignDefined, compact, listOrUndefined, mapOrUndefined, wholeSeconds } from '../../private/render';
import { checkCpu, toQuantity, toSparkMemory } from '../../private/units';
import { PLACEMENT_OPTIONS_SHAPE, POD_SECURITY_PRESET_SHAPE } from '../option-shapes';
import type { PodSecurityPreset } from '../pod-security';
import type { ScratchDisk } from '../scratch-disk';
import type { ISparkDriverServiceAccount } from '../spark-driver-rbac';

/**
 * One role of a Spark application: the driver or the executors.
 *
 * Props are sugar over the `addXxx()` methods, so both paths share one validation.
 */
export abstract class SparkRole implements ISparkDriverServiceAccount {
  /** The YAML key of this role, `driver` or `executor`, used in error messages. */
  public readonly roleName: string;

  private readonly props: SparkRoleProps;
  /** What is written to the spec fields (`spec.driver.labels`...), which the operator's webhook applies. */
  private readonly specFields = new PodFields();
  /** What is written to the pod template (`spec.driver.template`), which Spark applies. */
  private readonly templateFields = new PodFields();
  private readonly _env: Array<{ name: string; value: EnvValue }> = [];
  private readonly _volumeMounts: k8s.VolumeMount[] = [];
  private readonly _sidecars: k8s.Container[] = [];
  private readonly _initContainers: k8s.Container[] = [];
  private _serviceAccount?: string;

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
    this.specFields.podSecurityContext = props.podSecurityContext;
    this.specFields.securityContext = props.securityContext;
    for (const [key, value] of Object.entries(props.labels ?? {})) { this.addLabel(key, value); }
    for (const [key, value] of Object.entries(props.annotations ?? {})) { this.addAnnotation(key, value); }
    for (const [name, value] of Object.entries(props.env ?? {})) { this.addEnv(name, value); }
    for (const mount of props.volumeMounts ?? []) { this.addVolumeMount(mount); }
    for (const sidecar of props.sidecars ?? []) { this.addSidecar(sidecar); }
    for (const init of props.initContainers ?? []) { this.addInitContainer(init); }
    for (const toleration of props.tolerations ?? []) { this.specFields.scheduling.addToleration(toleration); }
    for (const [key, value] of Object.entries(props.nodeSelector ?? {})) { this.specFields.scheduling.nodeSelector[key] = value; }
  }

  /** The pods' labels (a copy). */
  public get labels(): { [key: string]: string } {
    return { ...this.specFields.labels };
  }

  /** The pods' annotations (a copy). */
  public get annotations(): { [key: string]: string } {
    return { ...this.specFields.annotations };
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
    return this.specFields.preset ?? this.templateFields.preset;
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
    this.placesFor(options).forEach(place => { place.podSecurityContext = context; });
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
    this.placesFor(options).forEach(place => { place.securityContext = context; });
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
    checkArguments(`${this.roleName}.applyPodSecurity()`, ['preset', preset, POD_SECURITY_PRESET_SHAPE], ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    // A second call replaces the first in both places.
    const places = this.placesFor(options);
    for (const place of [this.specFields, this.templateFields]) {
      place.preset = places.includes(place) ? preset : undefined;
    }
  }

  /**
   * Values the user set that weaken the applied security preset, as messages.
   * @internal
   */
  public _podSecurityProblems(): string[] {
    return podSecurityProblems({
      roleName: this.roleName,
      containerName: this.containerName,
      spec: this.specFields,
      template: this.templateFields,
      base: this.props.template,
      sidecars: this._sidecars,
      initContainers: this._initContainers,
    });
  }

  /** Sets the pods' service account (`serviceAccount`). */
  public useServiceAccount(name: string): void {
    checkArguments(`${this.roleName}.useServiceAccount()`, ['name', name, 'string']);
    this._serviceAccount = name;
  }

  /**
   * Adds a label to the pods (`labels`).
   *
   * @param options write it to the spec field (default) or also to the pod template
   */
  public addLabel(key: string, value: string, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.addLabel()`, ['key', key, 'string'], ['value', value, 'string'], ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    this.placesFor(options).forEach(place => { place.labels[key] = value; });
  }

  /**
   * Adds an annotation to the pods (`annotations`).
   *
   * @param options write it to the spec field (default) or also to the pod template
   */
  public addAnnotation(key: string, value: string, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.addAnnotation()`, ['key', key, 'string'], ['value', value, 'string'], ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    checkHandWrittenEciAnnotation(`${this.roleName}.annotations["${key}"]`, key, value);
    this.placesFor(options).forEach(place => { place.annotations[key] = value; });
  }

  /** Adds an environment variable to the Spark container (`env`). */
  public addEnv(name: string, value: EnvValue): void {
    checkArguments(`${this.roleName}.addEnv()`, ['name', name, 'string'], ['value', value, ENV_VALUE_SHAPE]);
    if (this._env.some(e => e.name === name)) {
      invalid(`${this.roleName}.env`, 'must not define a variable twice', name);
    }
    this._env.push({ name, value });
  }

  /** Mounts one of the application's volumes into the Spark container (`volumeMounts`). */
  public addVolumeMount(mount: k8s.VolumeMount): void {
    mount = captureArgument(`${this.roleName}.addVolumeMount() mount`, mount, 'object');
    if (this._volumeMounts.some(m => m.mountPath === mount.mountPath)) {
      invalid(`${this.roleName}.volumeMounts`, 'must not mount two volumes at one path', mount.mountPath);
    }
    this._volumeMounts.push(mount);
  }

  /** Adds a container beside the Spark container (`sidecars`). */
  public addSidecar(container: k8s.Container): void {
    container = captureArgument(`${this.roleName}.addSidecar() container`, container, 'object');
    this._sidecars.push(container);
  }

  /** Adds a container that runs before the Spark container (`initContainers`). */
  public addInitContainer(container: k8s.Container): void {
    container = captureArgument(`${this.roleName}.addInitContainer() container`, container, 'object');
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
    this.placesFor(options).forEach(place => place.scheduling.addToleration(toleration));
  }

  /**
   * Requires a node label expression: it is ANDed into every required node affinity term.
   *
   * @param options where to write it
   */
  public requireNodeAffinity(requirement: k8s.NodeSelectorRequirement, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.requireNodeAffinity()`, ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    requirement = captureArgument(`${this.roleName}.requireNodeAffinity() requirement`, requirement, 'object');
    this.placesFor(options).forEach(place => place.scheduling.require(requirement));
  }

  /**
   * Prefers nodes matching a label expression, with a weight from 1 to 100.
   *
   * @param options where to write it
   */
  public preferNodeAffinity(weight: number, requirement: k8s.NodeSelectorRequirement, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.preferNodeAffinity()`, ['weight', weight, 'number'], ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    requirement = captureArgument(`${this.roleName}.preferNodeAffinity() requirement`, requirement, 'object');
    checkInteger(`${this.roleName}.preferNodeAffinity() weight`, weight, 1, 100);
    const term: k8s.PreferredSchedulingTerm = { weight, preference: { matchExpressions: [requirement] } };
    this.placesFor(options).forEach(place => place.scheduling.prefer(term));
  }

  /**
   * Adds a node selector label (`nodeSelector`, or the template's).
   *
   * @param options where to write it
   */
  public addNodeSelector(key: string, value: string, options: PlacementOptions = {}): void {
    checkArguments(`${this.roleName}.addNodeSelector()`, ['key', key, 'string'], ['value', value, 'string'], ['options', options, PLACEMENT_OPTIONS_SHAPE, true]);
    this.placesFor(options).forEach(place => { place.scheduling.nodeSelector[key] = value; });
  }

  /** Whether the pods use the node's network namespace (`hostNetwork`), as given. */
  public get hostNetwork(): boolean | undefined {
    return this.props.hostNetwork;
  }

  /** The tolerations as they will render in the spec fields (a copy). */
  public get tolerations(): k8s.Toleration[] {
    return this.specFields.scheduling.mergeTolerations(this.props.tolerations ?? []);
  }

  /** The affinity as it will render in the spec fields, if any. */
  public get affinity(): k8s.Affinity | undefined {
    return this.specFields.scheduling.mergeAffinity(this.props.affinity);
  }

  /** Names of the volumes this role mounts. */
  public get mountedVolumeNames(): string[] {
    return this._volumeMounts.map(m => m.name);
  }

  /** The places a `PlacementTarget` names: the spec fields (the default), the pod template, or both. */
  private placesFor(options: PlacementOptions): PodFields[] {
    switch (options.target ?? PlacementTarget.SPEC_FIELDS) {
      case PlacementTarget.POD_TEMPLATE: return [this.templateFields];
      case PlacementTarget.BOTH: return [this.specFields, this.templateFields];
      default: return [this.specFields];
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

  /** The pod template with what was added to it merged in, or undefined when there is none. */
  private renderTemplate(): any {
    return this.templateFields.renderTemplate(this.props.template, this.containerName);
  }

  /**
   * Renders the fields both roles share, as the CRD spells them.
   * @internal
   */
  public _renderRole(): { [key: string]: any } {
    const p = this.props;
    const tolerations = this.tolerations;
    const affinity = this.affinity;
    return compact({
      cores: p.cores,
      coreRequest: p.coreRequest?.amount,
      coreLimit: p.coreLimit?.amount,
      ...this.renderMemory(),
      javaOptions: p.javaOptions,
      serviceAccount: this._serviceAccount,
      labels: mapOrUndefined(this.specFields.labels),
      annotations: mapOrUndefined(this.specFields.annotations),
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
      nodeSelector: mapOrUndefined(this.specFields.scheduling.nodeSelector),
      podSecurityContext: renderPodSecurityContext(this.specFields),
      securityContext: renderSecurityContext(this.specFields),
      sidecars: listOrUndefined(this._sidecars, c => renderContainer(this.specFields, c)),
      initContainers: listOrUndefined(this._initContainers, c => renderContainer(this.specFields, c)),
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
    props = captureArgument('driver', props, DRIVER_SHAPE, true) ?? {};
    super('driver', props);
    this.driverProps = props;
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    const p = this.driverProps;
    // the role's fields are a fresh object: add to it rather than spread it (a copy per render)
    return assignDefined(this._renderRole(), {
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
    props = captureArgument('executor', props, EXECUTOR_SHAPE, true) ?? {};
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
    checkInteger('executor.instances', instances, 1);
    this._instances = instances;
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    return assignDefined(this._renderRole(), {
      instances: this._instances,
      deleteOnTermination: this.deleteOnTermination,
    });
  }
}

