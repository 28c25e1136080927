import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import type { ResourcePolicySpecUnits } from '../imports/resource-policy-scheduling.alibabacloud.com';
import { ResourcePolicySpecUnitsMaxResources, ResourcePolicySpecUnitsResource } from '../imports/resource-policy-scheduling.alibabacloud.com';
import { brand, isBranded } from '../private/brand';
import { checkInteger, invalid } from '../private/errors';
import { captureArgument, CPU_SHAPE, OptionsShape, optionsShape, ShapeOf, SIZE_SHAPE } from '../private/props-shape';
import { mapOrUndefined } from '../private/render';
import { checkAnnotations, checkLabelKey, checkLabels, checkQuantity, MIN_SCHEDULER_VERSION, SchedulerFeature } from '../private/resource-policy';
import { checkSize, toQuantity } from '../private/units';

/** The kind of capacity a ResourcePolicy unit stands for (`units[].resource`). */
export enum UnitResourceKind {
  /** ECS nodes (`ecs`), picked by the unit's `nodeSelector`. */
  ECS = 'ecs',
  /** ECI virtual nodes (`eci`). */
  ECI = 'eci',
  /** Auto-scaling node pools (`elastic`): deprecated by ACK; use `ECS` with `waitForEcsScaling`. */
  ELASTIC = 'elastic',
  /** ACS compute (`acs`), kube-scheduler 6.7.1 or later. */
  ACS = 'acs',
}

/**
 * A cap on the summed resource requests of the pods in one unit (`units[].maxResources`,
 * kube-scheduler 6.9.5 or later).
 */
export interface UnitMaxResources {
  /**
   * Total CPU of the unit's pods (`maxResources.cpu`), e.g. `Cpu.units(32)`.
   *
   * @default - no CPU cap
   */
  readonly cpu?: Cpu;

  /**
   * Total memory of the unit's pods (`maxResources.memory`), rendered in the largest exact
   * binary unit: `Size.gibibytes(64)` is `64Gi`.
   *
   * @default - no memory cap
   */
  readonly memory?: Size;

  /**
   * Total ephemeral storage of the unit's pods (`maxResources.ephemeral-storage`).
   *
   * @default - no ephemeral storage cap
   */
  readonly ephemeralStorage?: Size;

  /**
   * Caps on other resources by resource name, as Kubernetes quantities
   * (`maxResources.<name>`), e.g. `{ 'nvidia.com/gpu': '8' }`.
   *
   * @default - no other caps
   */
  readonly custom?: { [resourceName: string]: string };
}

/** What every kind of ResourcePolicy unit may set (`units[]`). */
export interface ResourcePolicyUnitOptions {
  /**
   * Node labels that pick the nodes of this unit (`units[].nodeSelector`), e.g.
   * `{ 'kubernetes.io/arch': 'amd64' }` or a node pool's label.
   *
   * @default - any node of the unit's kind
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Most pods the unit holds (`units[].max`), an integer >= 0; counted per `matchLabelKeys`
   * group when the policy has them. Needs kube-scheduler 5.0 or later.
   *
   * @default - no limit: the unit takes every pod it has room for
   */
  readonly max?: number;

  /**
   * Cap on the summed requests of the unit's pods (`units[].maxResources`). Needs
   * kube-scheduler 6.9.5 or later. Placement plans do not check it (they do not know pod sizes).
   *
   * @default - no resource cap
   */
  readonly maxResources?: UnitMaxResources;

  /**
   * Labels the scheduler writes onto pods placed in this unit (`units[].podLabels`); only pods
   * carrying them count for the unit.
   *
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };

  /**
   * Annotations the scheduler writes onto pods placed in this unit (`units[].podAnnotations`);
   * only pods carrying them count for the unit.
   *
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
}

/** Options of an ECS unit (`resource: ecs`). */
export interface EcsUnitOptions extends ResourcePolicyUnitOptions {
  /**
   * Whether pods wait for the unit's node pool to scale out instead of moving on to the next
   * unit: writes the label `k8s.aliyun.com/resource-policy-wait-for-ecs-scaling: "true"` into
   * `units[].podLabels`.
   *
   * @default false
   */
  readonly waitForEcsScaling?: boolean;
}

const MAX_RESOURCES_SHAPE = optionsShape<UnitMaxResources>({ cpu: CPU_SHAPE, memory: SIZE_SHAPE, ephemeralStorage: SIZE_SHAPE, custom: 'stringMap' });

/** What each option of every unit holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const UNIT_OPTIONS: ShapeOf<ResourcePolicyUnitOptions> = {
  nodeSelector: 'stringMap',
  max: 'number',
  maxResources: MAX_RESOURCES_SHAPE,
  podLabels: 'stringMap',
  podAnnotations: 'stringMap',
};
const UNIT_OPTIONS_SHAPE = optionsShape<ResourcePolicyUnitOptions>(UNIT_OPTIONS);
const ECS_UNIT_OPTIONS_SHAPE = optionsShape<EcsUnitOptions>({ ...UNIT_OPTIONS, waitForEcsScaling: 'boolean' });

/** The pod label that forces ECI; it overrides ResourcePolicy, so units must not write it. */
const ECI_LABEL = 'alibabacloud.com/eci';

/**
 * One unit of a ResourcePolicy: a kind of capacity, how many pods it takes, and the labels
 * pods placed there get (`units[]`). Units are tried in the order they are added.
 */
export class ResourcePolicyUnit {
  /** The pod label that makes pods wait for an ECS node pool to scale out. */
  public static readonly WAIT_FOR_ECS_SCALING_LABEL = 'k8s.aliyun.com/resource-policy-wait-for-ecs-scaling';

  /**
   * Whether `x` is a `ResourcePolicyUnit`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isResourcePolicyUnit(x: any): x is ResourcePolicyUnit {
    return isBranded(x, 'ResourcePolicyUnit');
  }

  /** ECS nodes (`resource: ecs`), e.g. `ecs({ max: 2, nodeSelector: { 'kubernetes.io/arch': 'amd64' } })`. */
  public static ecs(options: EcsUnitOptions = {}): ResourcePolicyUnit {
    options = captureUnitOptions(UnitResourceKind.ECS, options, ECS_UNIT_OPTIONS_SHAPE);
    const extra: { [key: string]: string } = {};
    if (options.waitForEcsScaling) {
      const existing = options.podLabels?.[ResourcePolicyUnit.WAIT_FOR_ECS_SCALING_LABEL];
      if (existing !== undefined && existing !== 'true') {
        invalid(`ResourcePolicyUnit.ecs() options.podLabels["${ResourcePolicyUnit.WAIT_FOR_ECS_SCALING_LABEL}"]`,
          'must be "true" or absent with waitForEcsScaling: true', existing);
      }
      extra[ResourcePolicyUnit.WAIT_FOR_ECS_SCALING_LABEL] = 'true';
    }
    return new ResourcePolicyUnit(UnitResourceKind.ECS, options, extra);
  }

  /** ECI virtual nodes (`resource: eci`). */
  public static eci(options: ResourcePolicyUnitOptions = {}): ResourcePolicyUnit {
    return new ResourcePolicyUnit(UnitResourceKind.ECI, captureUnitOptions(UnitResourceKind.ECI, options), {});
  }

  /** ACS compute (`resource: acs`); needs kube-scheduler 6.7.1 or later. */
  public static acs(options: ResourcePolicyUnitOptions = {}): ResourcePolicyUnit {
    return new ResourcePolicyUnit(UnitResourceKind.ACS, captureUnitOptions(UnitResourceKind.ACS, options), {});
  }

  /**
   * Auto-scaling node pools (`resource: elastic`); needs kube-scheduler 6.4.3 or later. A policy
   * with such a unit prints a deprecation warning at synth.
   *
   * @deprecated ACK deprecates `elastic` units: use `ResourcePolicyUnit.ecs({ waitForEcsScaling: true })`
   * with an auto-scaling node pool.
   */
  public static elastic(options: ResourcePolicyUnitOptions = {}): ResourcePolicyUnit {
    return new ResourcePolicyUnit(UnitResourceKind.ELASTIC, captureUnitOptions(UnitResourceKind.ELASTIC, options), {});
  }

  /** The kind of capacity (`resource`). */
  public readonly resource: UnitResourceKind;

  /** Most pods the unit holds (`max`), or undefined when unbounded. */
  public readonly max?: number;

  private readonly _nodeSelector: { [key: string]: string };
  private readonly _podLabels: { [key: string]: string };
  private readonly _podAnnotations: { [key: string]: string };
  private readonly _maxResources?: { [name: string]: string };

  private constructor(resource: UnitResourceKind, options: ResourcePolicyUnitOptions, extraLabels: { [key: string]: string }) {
    brand(this, 'ResourcePolicyUnit');
    const prop = `${factoryOf(resource)} options`;
    this.resource = resource;
    checkInteger(`${prop}.max`, options.max, 0);
    this.max = options.max;
    this._nodeSelector = checkLabels(`${prop}.nodeSelector`, options.nodeSelector);
    this._podLabels = { ...checkLabels(`${prop}.podLabels`, options.podLabels), ...extraLabels };
    if (ECI_LABEL in this._podLabels) {
      invalid(`${prop}.podLabels["${ECI_LABEL}"]`, 'must not be set: the label forces ECI and overrides the ResourcePolicy; use an eci unit', this._podLabels[ECI_LABEL]);
    }
    this._podAnnotations = checkAnnotations(`${prop}.podAnnotations`, options.podAnnotations);
    this._maxResources = options.maxResources && renderMaxResources(`${prop}.maxResources`, options.maxResources);
  }

  /** Node labels of the unit (`nodeSelector`), a copy. */
  public get nodeSelector(): { [key: string]: string } {
    return { ...this._nodeSelector };
  }

  /** Labels written onto the unit's pods (`podLabels`), including the wait-for-scaling label; a copy. */
  public get podLabels(): { [key: string]: string } {
    return { ...this._podLabels };
  }

  /** Annotations written onto the unit's pods (`podAnnotations`), a copy. */
  public get podAnnotations(): { [key: string]: string } {
    return { ...this._podAnnotations };
  }

  /** The resource cap as rendered (`maxResources`, e.g. `{ cpu: '32', memory: '64Gi' }`), or undefined. */
  public get maxResources(): { [name: string]: string } | undefined {
    return this._maxResources && { ...this._maxResources };
  }

  /**
   * Scheduler features this unit uses, with the version each needs.
   * @internal
   */
  public _features(): SchedulerFeature[] {
    const features: SchedulerFeature[] = [];
    if (this.resource === UnitResourceKind.ELASTIC) {
      features.push({ field: 'resource', minimum: MIN_SCHEDULER_VERSION.elastic, value: this.resource });
    }
    if (this.resource === UnitResourceKind.ACS) {
      features.push({ field: 'resource', minimum: MIN_SCHEDULER_VERSION.acs, value: this.resource });
    }
    if (this.max !== undefined) {
      features.push({ field: 'max', minimum: MIN_SCHEDULER_VERSION.max, value: this.max });
    }
    if (this._maxResources !== undefined) {
      features.push({ field: 'maxResources', minimum: MIN_SCHEDULER_VERSION.maxResources, value: this._maxResources });
    }
    return features;
  }

  /**
   * The unit as the generated binding spells it; empty maps are left out.
   * @internal
   */
  public _render(): ResourcePolicySpecUnits {
    const maxResources = mapOrUndefined(this._maxResources);
    return {
      resource: this.resource as string as ResourcePolicySpecUnitsResource,
      nodeSelector: mapOrUndefined(this._nodeSelector),
      max: this.max,
      maxResources: maxResources && Object.fromEntries(
        Object.entries(maxResources).map(([name, value]) => [name, ResourcePolicySpecUnitsMaxResources.fromString(value)]),
      ),
      podLabels: mapOrUndefined(this._podLabels),
      podAnnotations: mapOrUndefined(this._podAnnotations),
    };
  }
}

/** The factory that makes units of a kind, as messages name it: `ResourcePolicyUnit.ecs()`. */
function factoryOf(resource: UnitResourceKind): string {
  return `ResourcePolicyUnit.${resource}()`;
}

/** The checked copy of a unit factory's options (`ResourcePolicyUnit.ecs() options.max must be ...`). */
function captureUnitOptions<T extends ResourcePolicyUnitOptions>(
  resource: UnitResourceKind, options: T | undefined, shape: OptionsShape = UNIT_OPTIONS_SHAPE,
): T {
  return captureArgument(`${factoryOf(resource)} options`, options, shape, true) ?? ({} as T);
}

function renderMaxResources(prop: string, caps: UnitMaxResources): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  if (caps.cpu !== undefined) {
    if (typeof (caps.cpu as Partial<Cpu>).amount !== 'string' && typeof (caps.cpu as Partial<Cpu>).amount !== 'number') {
      invalid(`${prop}.cpu`, 'must be a Cpu, e.g. Cpu.units(32)', caps.cpu);
    }
    out.cpu = checkQuantity(`${prop}.cpu`, String(caps.cpu.amount));
  }
  if (caps.memory !== undefined) {
    checkSize(`${prop}.memory`, caps.memory, 'Size.gibibytes(64)');
    out.memory = toQuantity(`${prop}.memory`, caps.memory);
  }
  if (caps.ephemeralStorage !== undefined) {
    checkSize(`${prop}.ephemeralStorage`, caps.ephemeralStorage, 'Size.gibibytes(64)');
    out['ephemeral-storage'] = toQuantity(`${prop}.ephemeralStorage`, caps.ephemeralStorage);
  }
  for (const [name, value] of Object.entries(caps.custom ?? {})) {
    checkLabelKey(`${prop}.custom key`, name);
    if (name in out) {
      invalid(`${prop}.custom`, 'must not repeat a resource set by its own prop (cpu, memory, ephemeral-storage)', name);
    }
    out[name] = checkQuantity(`${prop}.custom["${name}"]`, value);
  }
  if (Object.keys(out).length === 0) {
    invalid(prop, 'must cap at least one resource (cpu, memory, ephemeralStorage or custom)', caps);
  }
  return out;
}
