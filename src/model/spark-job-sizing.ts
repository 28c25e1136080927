import { ECI_ANNOTATION_KEYS as ECI_ANNOTATIONS } from './eci-annotation-keys';
import { EciFit, EciFitResult, EciInstanceSize } from './eci-instance-size';
import { SparkApplicationType } from './spark-application-type';
import { SparkPodResources } from './spark-pod-resources';
import { describeRefusal, SizingRefusal, SparkRoleName, sparkRoleResources } from './spark-role-resources';
import { MainResource, mainResourceOf, submitConf, SubmitConf } from './spark-submit-conf';
import { isEciMemoryGibibytes, isEciVcpu } from '../private/eci-sizes';
import { invalid, SparkEciValidationError } from '../private/errors';
import { checkArguments, instanceShape } from '../private/props-shape';

/** Something that renders a SparkApplication or ScheduledSparkApplication: a `SparkJob` or `ScheduledSparkJob`. */
export interface IRenderedSparkApplication {
  /** The object as it synthesizes (plain JSON: `apiVersion`, `kind`, `metadata`, `spec`). */
  toManifest(): any;
}

/** One role of a Spark application: how many pods it runs, their resources, and the ECI size each is billed at. */
export interface SparkRoleFit {
  /** `driver` or `executor`. */
  readonly roleName: string;

  /**
   * How many pods of this role run at the same time: 1 driver; `executor.instances` executors,
   * or `dynamicAllocation.maxExecutors` when dynamic allocation is on.
   */
  readonly podCount: number;

  /** The resources of each pod, as Spark sets them (`SparkPodSizing.compute()`). */
  readonly resources: SparkPodResources;

  /**
   * The ECI size each pod is billed at when it runs on ECI, what it leaves unused and how to
   * waste less (`EciFit.forPod()`), choosing among `instanceSpecs` and honouring `spot`.
   */
  readonly eciFit: EciFitResult;

  /** Whether the pods ask for spot ECI (annotation `k8s.aliyun.com/eci-spot-strategy`). */
  readonly spot: boolean;

  /**
   * The vCPU/memory sizes of the annotation `k8s.aliyun.com/eci-use-specs`, in priority order,
   * that `eciFit` chose from.
   *
   * @default - no such annotation: every size all regions offer
   */
  readonly instanceSpecs?: EciInstanceSize[];

  /**
   * What the sizing does not count or had to assume, and settings Spark reads but does not add to
   * these pods, one sentence each (empty when nothing).
   */
  readonly notes: string[];
}

/**
 * The pods of a Spark application, role by role: their CPU, memory and other resources exactly as
 * Spark 3.5 / 4.0 and the Spark Operator set them (cores or `coreRequest`, `coreLimit`, memory plus
 * overhead, off-heap and pyspark memory on executors, `memoryLimit`, GPUs), and the ECI size each
 * pod is billed at, with the unused share and a concrete suggestion.
 *
 * `SparkJobSizing.of(job)` reads a `SparkJob` or `ScheduledSparkJob`;
 * `SparkJobSizing.fromManifest(json)` reads a SparkApplication or ScheduledSparkApplication as
 * written in YAML, hand-written or synthesized (the `cdk8s-spark-eci plan` command sizes pods the
 * same way). Both read the spec fields and `sparkConf` in the operator's order of spark-submit
 * arguments (a `sparkConf` entry beats `spec.memoryOverheadFactor`; the role fields beat
 * `sparkConf`), the fields the operator's webhook applies (`memoryLimit`, `gpu`), the role's pod
 * template, and the ECI annotations `k8s.aliyun.com/eci-use-specs` and
 * `k8s.aliyun.com/eci-spot-strategy`. Whether the application is Python or R is decided, as Spark
 * decides it, by `mainApplicationFile` (`.py`, `.R`).
 *
 * Only the Spark container counts: sidecars and init containers are not added (a note says so).
 * The plan cannot see `spark-defaults.conf` in the image or a `sparkConfigMap`, nor custom
 * resource profiles built in application code.
 */
export class SparkJobSizing {
  /**
   * Sizes the roles of a job from what it renders (its manifest, JSON patches included), the
   * same way `fromManifest()` sizes YAML. Errors name the job's props (`executor.memoryLimit`).
   *
   * @param job a `SparkJob` or `ScheduledSparkJob`
   * @throws if a setting is one Spark or Kubernetes refuses
   */
  public static of(job: IRenderedSparkApplication): SparkJobSizing {
    checkArguments('SparkJobSizing.of()', ['job', job, RENDERED_APPLICATION_SHAPE]);
    return SparkJobSizing._fromManifest(job.toManifest(), '');
  }

  /**
   * Sizes the roles of a SparkApplication or ScheduledSparkApplication (its `spec.template`) as
   * parsed from YAML.
   *
   * @param manifest the object, plain JSON (`apiVersion`, `kind`, `metadata`, `spec`)
   * @throws if it is not such an object, or a field holds a value Spark, the operator's webhook or
   *   Kubernetes refuses; the message names the field (`spec.executor.memory must be ...`) and
   *   cites the rule
   */
  public static fromManifest(manifest: any): SparkJobSizing {
    return SparkJobSizing._fromManifest(manifest);
  }

  /**
   * Sizes a manifest, naming fields in errors after `fieldPrefix`: undefined for YAML paths
   * (`spec.executor.memory`, `spec.template.executor.memory`), `''` for a construct's props
   * (`executor.memory`). With `collectRefusals`, values Spark or the webhook refuse are kept in
   * `_refusals` (the planner reports them as problems); otherwise the first is thrown.
   * @internal
   */
  public static _fromManifest(manifest: any, fieldPrefix?: string, options: { collectRefusals?: boolean } = {}): SparkJobSizing {
    if (!isObject(manifest)) {
      return invalid('manifest', 'must be a SparkApplication or ScheduledSparkApplication object', manifest);
    }
    const kind = manifest.kind;
    if (kind !== 'SparkApplication' && kind !== 'ScheduledSparkApplication') {
      return invalid('kind', 'must be SparkApplication or ScheduledSparkApplication', kind);
    }
    const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
    if (typeof metadata.name !== 'string' || metadata.name === '') {
      invalid('metadata.name', 'must be a non-empty string', metadata.name);
    }
    const yamlPrefix = kind === 'ScheduledSparkApplication' ? 'spec.template' : 'spec';
    const spec = kind === 'ScheduledSparkApplication' ? (isObject(manifest.spec) ? manifest.spec.template : undefined) : manifest.spec;
    if (!isObject(spec)) {
      return invalid(yamlPrefix, 'must be an object holding the application spec', spec);
    }
    const prefix = fieldPrefix ?? yamlPrefix;
    const name: FieldNamer = field => (prefix === '' ? field : `${prefix}.${field}`);
    checkMap(name('sparkConf'), spec.sparkConf);
    checkType(name('type'), spec.type);
    const mainResource = mainResourceOf(spec);
    const app: AppSpec = {
      conf: submitConf(spec, name),
      mainResource,
      sparkVersion: spec.sparkVersion,
      typeNote: typeNote(spec, mainResource),
    };
    const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
    const executors = executorCount(spec, prefix);
    const driver = sizeRole(app, 'driver', spec.driver, 1, name);
    const executor = sizeRole(app, 'executor', spec.executor, executors.count, name, executors.note);
    const refusals = [...driver.refusals, ...executor.refusals];
    if (refusals.length > 0 && !options.collectRefusals) {
      throw new SparkEciValidationError(describeRefusal(refusals[0], name));
    }
    return new SparkJobSizing(kind, metadata.name, namespace, [driver.fit, executor.fit], refusals);
  }

  /** `SparkApplication` or `ScheduledSparkApplication`. */
  public readonly kind: string;

  /** Name of the application (`metadata.name`). */
  public readonly jobName: string;

  /**
   * Namespace of the application.
   *
   * @default - none written: the kubectl context's
   */
  public readonly namespace?: string;

  /** The driver pod. */
  public readonly driver: SparkRoleFit;

  /** The executor pods. */
  public readonly executor: SparkRoleFit;

  /**
   * Values Spark or the webhook refuse (only with `collectRefusals`).
   * @internal
   */
  public readonly _refusals: readonly SizingRefusal[];

  private constructor(
    kind: string, jobName: string, namespace: string | undefined, roles: [SparkRoleFit, SparkRoleFit], refusals: readonly SizingRefusal[],
  ) {
    this._refusals = refusals;
    this.kind = kind;
    this.jobName = jobName;
    this.namespace = namespace;
    this.driver = roles[0];
    this.executor = roles[1];
  }

  /** The driver, then the executors. */
  public get roles(): SparkRoleFit[] {
    return [this.driver, this.executor];
  }
}

/** The application-level inputs of sizing. */
interface AppSpec {
  /** The keys spark-submit receives. */
  readonly conf: SubmitConf;
  readonly mainResource: MainResource;
  readonly sparkVersion?: unknown;
  /** Set when `spec.type` and the main resource disagree. */
  readonly typeNote?: string;
}

/** Names a field given relative to the application spec. */
type FieldNamer = (field: string) => string;

/** One role, sized, with the values Spark or the webhook refuse. */
interface SizedRole {
  readonly fit: SparkRoleFit;
  readonly refusals: readonly SizingRefusal[];
}

/** The type Spark's classification of the main resource corresponds to. */
const TYPE_OF_RESOURCE: { readonly [resource in MainResource]: readonly string[] } = {
  [MainResource.JVM]: [SparkApplicationType.JAVA, SparkApplicationType.SCALA],
  [MainResource.PYTHON]: [SparkApplicationType.PYTHON],
  [MainResource.R]: [SparkApplicationType.R],
};

/** A note when `spec.type` says one language and the main file, which Spark goes by, another. */
function typeNote(spec: { [key: string]: any }, resource: MainResource): string | undefined {
  const type = typeof spec.type === 'string' ? spec.type : SparkApplicationType.SCALA;
  if (TYPE_OF_RESOURCE[resource].includes(type)) { return undefined; }
  const file = typeof spec.mainApplicationFile === 'string' ? `mainApplicationFile ${spec.mainApplicationFile}` : 'no mainApplicationFile';
  const as = resource === MainResource.JVM ? 'a JVM application (overhead factor 0.1, no pyspark memory)'
    : resource === MainResource.PYTHON ? 'a Python application (overhead factor 0.4, pyspark memory on executors)' : 'an R application (overhead factor 0.4)';
  return `type is ${type}, but Spark goes by the main file (${file}) and sizes both roles as ${as}`;
}

/** Spot strategies that make ECI create a spot instance. */
const SPOT_STRATEGIES = ['SpotAsPriceGo', 'SpotWithPriceLimit'];

/** A vCPU/memory entry of `eci-use-specs`; other entries are ECS instance types. */
const SIZE_SPEC = /^\d+(?:\.\d+)?-\d+(?:\.\d+)?Gi$/;

function sizeRole(app: AppSpec, roleName: SparkRoleName, roleSpec: unknown, podCount: number, name: FieldNamer, countNote?: string): SizedRole {
  if (roleSpec !== undefined && !isObject(roleSpec)) {
    invalid(name(roleName), 'must be an object', roleSpec);
  }
  const role: { [key: string]: any } = (roleSpec as { [key: string]: any } | undefined) ?? {};
  const notes: string[] = countNote ? [countNote] : [];
  if (roleName === 'driver' && app.typeNote) { notes.push(app.typeNote); }

  const sized = sparkRoleResources({
    role: roleName, conf: app.conf, mainResource: app.mainResource, sparkVersion: app.sparkVersion, roleSpec: role, name,
  });
  notes.push(...sized.notes);
  const resources = sized.resources;
  if (Array.isArray(role.sidecars) && role.sidecars.length > 0) {
    notes.push(`${role.sidecars.length} sidecar container(s) add to each ${roleName} pod and are not counted`);
  }

  const annotations = annotationsOf(role);
  const spot = SPOT_STRATEGIES.includes(annotations[ECI_ANNOTATIONS.SPOT_STRATEGY]);
  const instanceSpecs = specsOf(annotations[ECI_ANNOTATIONS.USE_SPECS], `${name(roleName)}.annotations["${ECI_ANNOTATIONS.USE_SPECS}"]`, notes);
  const eciFit = EciFit._forPod(resources, { specs: instanceSpecs, spot });
  return { fit: { roleName, podCount, resources, eciFit, spot, instanceSpecs, notes }, refusals: sized.refusals };
}

/** The role's pod annotations that are strings: the pod template's, then the spec field's (which win). */
function annotationsOf(role: { [key: string]: any }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  const template = isObject(role.template) && isObject(role.template.metadata) ? role.template.metadata.annotations : undefined;
  for (const source of [template, role.annotations]) {
    if (!isObject(source)) { continue; }
    for (const [key, value] of Object.entries(source)) {
      // A value that is not a string yet is resolved at synth (e.g. fitInstanceSpecs' own annotation).
      if (typeof value === 'string') { out[key] = value; }
    }
  }
  return out;
}

/** The vCPU/memory sizes of an `eci-use-specs` value, or undefined to choose from every size. */
function specsOf(value: string | undefined, prop: string, notes: string[]): EciInstanceSize[] | undefined {
  if (value === undefined) { return undefined; }
  const entries = value.split(',').map(s => s.trim()).filter(s => s !== '');
  const sizes: EciInstanceSize[] = [];
  const types: string[] = [];
  for (const entry of entries) {
    if (SIZE_SPEC.test(entry)) {
      const [vcpu, gib] = entry.slice(0, -2).split('-').map(Number);
      if (!isEciVcpu(vcpu) || !isEciMemoryGibibytes(gib)) {
        invalid(prop, 'must list sizes "<vcpu>-<memory>Gi" with 0.25, 0.5 or whole vCPUs and whole or half GiB, or ECS instance types', value);
      }
      sizes.push(EciInstanceSize.custom(vcpu, gib));
    } else {
      types.push(entry);
    }
  }
  if (types.length > 0) {
    notes.push(sizes.length > 0
      ? `eci-use-specs instance types (${types.join(', ')}) are not sized; the fit uses its vCPU/memory sizes only`
      : `eci-use-specs lists only instance types (${types.join(', ')}), which are not sized; the fit uses every size all regions offer`);
  }
  return sizes.length > 0 ? sizes : undefined;
}

/** How many executors run at once: `instances`, or the dynamic allocation bound. */
function executorCount(spec: { [key: string]: any }, prefix: string): { count: number; note?: string } {
  const executor = isObject(spec.executor) ? spec.executor : {};
  const conf = isObject(spec.sparkConf) ? spec.sparkConf : {};
  const confInstances: unknown = conf['spark.executor.instances'];
  const fromConf = /^\d+$/.test(String(confInstances ?? '').trim()) ? Number(confInstances) : undefined;
  const instances = executor.instances ?? fromConf ?? 1;
  if (!(Number.isInteger(instances) && instances >= 1)) {
    invalid(`${prefix === '' ? '' : `${prefix}.`}executor.instances`, 'must be an integer >= 1', instances);
  }
  const da = isObject(spec.dynamicAllocation) ? spec.dynamicAllocation : undefined;
  if (!da || da.enabled !== true) { return { count: instances }; }
  for (const key of ['initialExecutors', 'minExecutors', 'maxExecutors']) {
    const v = da[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) {
      invalid(`${prefix === '' ? '' : `${prefix}.`}dynamicAllocation.${key}`, 'must be an integer >= 0', v);
    }
  }
  if (da.maxExecutors !== undefined) {
    return { count: da.maxExecutors, note: `dynamic allocation: sized at maxExecutors (${da.maxExecutors} executors)` };
  }
  const count = Math.max(da.initialExecutors ?? 0, da.minExecutors ?? 0, instances);
  return { count, note: `dynamic allocation without maxExecutors: sized at ${count} executors; Spark may start more` };
}

function checkMap(prop: string, value: unknown): void {
  if (value !== undefined && value !== null && !isObject(value)) {
    invalid(prop, 'must be a map of strings', value);
  }
}

function checkType(prop: string, value: unknown): void {
  const types = Object.values(SparkApplicationType) as string[];
  if (value !== undefined && !types.includes(value as string)) {
    invalid(prop, `must be one of ${types.join(', ')}`, value);
  }
}

function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A job that renders its manifest (`SparkJob`, `ScheduledSparkJob`), read by its method. */
const RENDERED_APPLICATION_SHAPE = instanceShape<IRenderedSparkApplication>('IRenderedSparkApplication',
  (value): value is IRenderedSparkApplication => typeof (value as Partial<IRenderedSparkApplication> | undefined)?.toManifest === 'function',
  'must be a SparkJob or ScheduledSparkJob (an IRenderedSparkApplication)');
