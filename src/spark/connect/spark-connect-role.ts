import type { Size } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { EXECUTOR_SHAPE, SERVER_SHAPE } from './connect-props-shape';
import { SparkConnectExecutorProps } from './spark-connect-props';
import { checkHandWrittenEciAnnotation } from '../../eci/hand-written-eci-annotations';
import { checkInteger, invalid } from '../../private/errors';
import { checkInt32 } from '../../private/k8s-names';
import { captureArgument, checkArguments } from '../../private/props-shape';
import { compact } from '../../private/render';
import { toSparkMemory } from '../../private/units';
import { POD_SECURITY_PRESET_SHAPE } from '../option-shapes';
import type { PodSecurityPreset } from '../pod-security';
import { PodFields } from '../role/pod-fields';

/**
 * The server or the executors of a `SparkConnectServer`. SparkConnect has one place for a role's
 * pod settings, the role's pod template: every label, annotation, placement rule and security
 * preset goes there, merged into `template` when one is given (security contexts, containers,
 * volumes and the rest are written in `template` itself).
 */
export class SparkConnectRole {
  /** The YAML key of this role, `server` or `executor`, used in error messages. */
  public readonly roleName: string;

  private readonly props: SparkConnectExecutorProps;
  /** The role's pod template: what is added to it, merged at render into `props.template`. */
  private readonly pod = new PodFields();

  /**
   * @param roleName `server` or `executor`, the YAML key of the role
   * @param props the role's settings
   */
  public constructor(roleName: string, props: SparkConnectExecutorProps = {}) {
    if (roleName !== 'server' && roleName !== 'executor') {
      invalid('SparkConnectRole roleName', 'must be "server" or "executor"', roleName);
    }
    props = captureArgument(roleName, props, roleName === 'server' ? SERVER_SHAPE : EXECUTOR_SHAPE, true) ?? {};
    this.roleName = roleName;
    this.props = props;
    checkInteger(`${roleName}.cores`, props.cores, 1);
    if (props.cores !== undefined) { checkInt32(`${roleName}.cores`, props.cores); } // the CRD's int32
    // Render once eagerly so a bad size fails where it was written, not at synth.
    this.renderMemory();
    checkInteger(`${roleName}.instances`, props.instances, 0);
    for (const [key, value] of Object.entries(props.labels ?? {})) { this.addLabel(key, value); }
    for (const [key, value] of Object.entries(props.annotations ?? {})) { this.addAnnotation(key, value); }
  }

  /** The Spark container's name: the server runs Spark's driver, `spark-kubernetes-driver`. */
  public get containerName(): string {
    return this.roleName === 'server' ? 'spark-kubernetes-driver' : 'spark-kubernetes-executor';
  }

  /** CPU cores per pod as written, or undefined for Spark's default (1). */
  public get cores(): number | undefined {
    return this.props.cores;
  }

  /** Memory per pod as written, or undefined for Spark's default (`1g`). */
  public get memory(): Size | undefined {
    return this.props.memory;
  }

  /** The labels added to the pod template (a copy). */
  public get labels(): { [key: string]: string } {
    return { ...this.pod.labels };
  }

  /** The annotations added to the pod template (a copy). */
  public get annotations(): { [key: string]: string } {
    return { ...this.pod.annotations };
  }

  /** The pod template as given (without what was added to it), if any. */
  public get template(): k8s.PodTemplateSpec | undefined {
    return this.props.template;
  }

  /** Whether the role renders a pod template (one was given, or something was added to it). */
  public get hasTemplate(): boolean {
    return this.renderTemplate() !== undefined;
  }

  /** The security preset applied with `applyPodSecurity()`, if any. */
  public get podSecurity(): PodSecurityPreset | undefined {
    return this.pod.preset;
  }

  /** Adds a label to the pods, in the pod template (`template.metadata.labels`). */
  public addLabel(key: string, value: string): void {
    checkArguments(`${this.roleName}.addLabel()`, ['key', key, 'string'], ['value', value, 'string']);
    this.pod.labels[key] = value;
  }

  /** Adds an annotation to the pods, in the pod template (`template.metadata.annotations`). */
  public addAnnotation(key: string, value: string): void {
    checkArguments(`${this.roleName}.addAnnotation()`, ['key', key, 'string'], ['value', value, 'string']);
    checkHandWrittenEciAnnotation(`${this.roleName}.annotations["${key}"]`, key, value);
    this.pod.annotations[key] = value;
  }

  /** Adds a toleration to the pod template, unless an equal one is there. */
  public addToleration(toleration: k8s.Toleration): void {
    toleration = captureArgument(`${this.roleName}.addToleration() toleration`, toleration, 'object');
    this.pod.scheduling.addToleration(toleration);
  }

  /** Requires a node label expression in the pod template: it is ANDed into every required node affinity term. */
  public requireNodeAffinity(requirement: k8s.NodeSelectorRequirement): void {
    requirement = captureArgument(`${this.roleName}.requireNodeAffinity() requirement`, requirement, 'object');
    this.pod.scheduling.require(requirement);
  }

  /** Prefers nodes matching a label expression in the pod template, with a weight from 1 to 100. */
  public preferNodeAffinity(weight: number, requirement: k8s.NodeSelectorRequirement): void {
    checkArguments(`${this.roleName}.preferNodeAffinity()`, ['weight', weight, 'number']);
    requirement = captureArgument(`${this.roleName}.preferNodeAffinity() requirement`, requirement, 'object');
    checkInteger(`${this.roleName}.preferNodeAffinity() weight`, weight, 1, 100);
    this.pod.scheduling.prefer({ weight, preference: { matchExpressions: [requirement] } });
  }

  /** Adds a node selector label to the pod template. */
  public addNodeSelector(key: string, value: string): void {
    checkArguments(`${this.roleName}.addNodeSelector()`, ['key', key, 'string'], ['value', value, 'string']);
    this.pod.scheduling.nodeSelector[key] = value;
  }

  /**
   * Applies a security preset (e.g. `PodSecurityPreset.HARDENED`) to the pod template: its pod
   * security context and the security context of every container, merged at synth with what is
   * set; a second call replaces the first.
   */
  public applyPodSecurity(preset: PodSecurityPreset): void {
    checkArguments(`${this.roleName}.applyPodSecurity()`, ['preset', preset, POD_SECURITY_PRESET_SHAPE]);
    this.pod.preset = preset;
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    return compact({
      cores: this.props.cores,
      memory: this.renderMemory(),
      instances: this.props.instances,
      template: this.renderTemplate(),
    });
  }

  private renderMemory(): string | undefined {
    return this.props.memory && toSparkMemory(`${this.roleName}.memory`, this.props.memory);
  }

  private renderTemplate(): any {
    return this.pod.renderTemplate(this.props.template, this.containerName);
  }
}
