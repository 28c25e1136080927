/**
 * Reads a rendered SparkApplication or ScheduledSparkApplication (plain JSON, synthesized or
 * hand-written) into what the scheduler will see: per role, a counted group of identical pods with
 * their labels (the user's and the operator's), annotations, scheduling fields, resources and ECI
 * fit. Never one object per pod: a job with 2,147,483,647 executors is one group.
 */
import { DeadlinesModel, readDeadlines } from './deadlines';
import { ECI_ANNOTATION_KEYS as ECI_ANNOTATIONS } from './eci-annotation-keys';
import { PodScheduling } from './eci-scheduling';
import { addStrings, isObject, list, nonEmptyString, stringMap } from './json';
import { QueueModel, readQueue } from './queues';
import { runsOnlyOnce } from './scheduled-concurrency';
import { AppDiskModel, readAppDisk } from './scratch-disk';
import { SparkJobSizing, SparkRoleFit } from './spark-job-sizing';
import { SparkOperatorLabels } from './spark-pods';
import { SizingRefusal } from './spark-role-resources';
import { readSpotReclaim, SpotReclaimModel } from './spot-reclaim';
import { invalid } from '../private/errors';

/** The GPU resource ECI and ElasticQuotaTree count. */
const NVIDIA_GPU = 'nvidia.com/gpu';

/** Labels the operator leaves on the SparkApplication and does not copy to its pods (operator v2.5.2). */
const NOT_PROPAGATED_LABEL_PREFIX = 'kueue.x-k8s.io/';

/** The label of a scheduled run's SparkApplication naming its ScheduledSparkApplication; copied to the pods. */
export const SCHEDULED_APP_NAME_LABEL = 'sparkoperator.k8s.io/scheduled-app-name';

/** A namespaced object, as messages name it: `SparkApplication default/spark-pi`. */
export interface ObjectRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** Where a manifest came from: a file and a document, or a construct. */
export interface ManifestOrigin {
  /** The file as the user should recognise it. */
  readonly file?: string;
  /** Position of the document in its file, counting from 1. */
  readonly document?: number;
  /** The construct path of the construct that rendered it. */
  readonly path?: string;
  /**
   * What the manifest was delivered in, for the duplicate check: its chart's path at synthesis.
   *
   * @default - the file
   */
  readonly group?: string;
}

/** One role's pods: a counted group of identical pods. */
export interface RoleModel {
  /** `driver` or `executor`. */
  readonly role: 'driver' | 'executor';
  /** Pods that run at once: the driver 1; executors `instances`, or `maxExecutors` with dynamic allocation. */
  readonly count: number;
  /** Pods requested at submission: the driver 1; executors `instances` (or the initial count with dynamic allocation). */
  readonly initialCount: number;
  /** Tolerations, node affinity, nodeSelector and every label of the pods. */
  readonly scheduling: PodScheduling;
  /** The pods' annotations: the template's, then the spec field's (which win). */
  readonly annotations: { readonly [key: string]: string };
  /** Resources and the ECI size each pod is billed at. */
  readonly fit: SparkRoleFit;
  /**
   * GPUs per pod, when the role asks for them: a `<vendor>/gpu` limit of the pod, set by the
   * webhook's `gpu`, Spark's `spark.<role>.resource.gpu.*` or the pod template (see
   * `fit.resources.extendedResources`; `nvidia.com/gpu` first when there are several).
   */
  readonly gpu?: { readonly name: string; readonly quantity: number };
  /** Entries of `eci-use-specs` that are ECS instance types (`ecs.gn6i-c4g1.xlarge`), not sizes. */
  readonly instanceTypes: readonly string[];
  /** `priorityClassName` of the pods, from the spec field or the template. */
  readonly priorityClassName?: string;
  /** The Spark container's image: the role's own, else the application's. */
  readonly image?: string;
}

/** A Spark application as the cluster will run it. */
export interface ApplicationModel {
  readonly ref: ObjectRef;
  /** Whether the manifest names its namespace (else kubectl's context decides; planned as `default`). */
  readonly namespaceGiven: boolean;
  /** The cron schedule of a ScheduledSparkApplication. */
  readonly schedule?: string;
  /**
   * A ScheduledSparkApplication's `concurrencyPolicy` as written; unset, the operator starts no run
   * after the first while that run's SparkApplication exists (v2.5.2 shouldStartNextRun), so runs
   * never overlap.
   */
  readonly concurrencyPolicy?: string;
  /** A ScheduledSparkApplication that runs once for want of a `concurrencyPolicy` (`scheduled-concurrency.ts`). */
  readonly runsOnlyOnce?: boolean;
  /** The queue that holds the application before it is submitted. */
  readonly queue?: QueueModel;
  readonly sparkVersion?: string;
  /** `maxExecutors` when dynamic allocation is on; `null` when it is on without a bound. */
  readonly dynamicMaxExecutors?: number | null;
  /**
   * Where dynamic allocation is switched on, when it is: `dynamicAllocation.enabled`, or the
   * `sparkConf` key `spark.dynamicAllocation.enabled` (which Spark reads when the spec field is off).
   */
  readonly dynamicAllocationField?: string;
  /**
   * `spark.kubernetes.allocation.maxPendingPods`, when `sparkConf` sets it: the most executors the
   * driver creates that are not yet running (Spark's default is unbounded).
   */
  readonly maxPendingPods?: number;
  readonly driver: RoleModel;
  readonly executor: RoleModel;
  /** Values Spark or the operator's webhook refuse: the pods are never created (see `spark-role-resources.ts`). */
  readonly refusals: readonly SizingRefusal[];
  /** Scratch disk of each role and the shuffle settings (see `scratch-disk.ts`). */
  readonly disk: AppDiskModel;
  /** What a spot executor's reclaim does, when the executors ask for spot (see `spot-reclaim.ts`). */
  readonly spotReclaim?: SpotReclaimModel;
  /** How long the job may wait to start, run and stay after it ends, as the manifest sets it (see `deadlines.ts`). */
  readonly deadlines: DeadlinesModel;
  /** A value that stands for this application's `sparkoperator.k8s.io/submission-id` label. */
  readonly submission: string;
  readonly origin: ManifestOrigin;
}

/** Whether a manifest is a SparkApplication or ScheduledSparkApplication of the operator. */
export function isSparkApplicationManifest(manifest: unknown): boolean {
  return isObject(manifest) && typeof manifest.apiVersion === 'string' && manifest.apiVersion.startsWith('sparkoperator.k8s.io/')
    && (manifest.kind === 'SparkApplication' || manifest.kind === 'ScheduledSparkApplication');
}

/**
 * Reads one application.
 *
 * @param fieldPrefix how fields are named in errors: `spec` (YAML) or `` (a construct's props)
 * @throws SparkEciValidationError naming the field, for a value Spark or Kubernetes refuses
 */
export function readApplication(manifest: any, origin: ManifestOrigin = {}, fieldPrefix?: string): ApplicationModel {
  const sizing = SparkJobSizing._fromManifest(manifest, fieldPrefix, { collectRefusals: true });
  const scheduled = manifest.kind === 'ScheduledSparkApplication';
  const spec: { [key: string]: any } = scheduled ? manifest.spec.template : manifest.spec;
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  const name = sizing.jobName;
  const namespace = sizing.namespace ?? 'default';
  const ref = { kind: manifest.kind as string, namespace, name };
  // One submission per manifest: two manifests of one name are two submissions (the later one
  // would replace the earlier on apply; duplicates are reported elsewhere, not merged here).
  const where = origin.path ?? `${origin.file ?? ''}#${origin.document ?? ''}`;
  const submission = `<submission of ${manifest.kind} ${namespace}/${name} from ${where}>`;


  const da = isObject(spec.dynamicAllocation) && spec.dynamicAllocation.enabled === true ? spec.dynamicAllocation : undefined;
  const initialExecutors = da ? initialExecutorCount(spec) : sizing.executor.podCount;

  const role = (name_: 'driver' | 'executor', fit: SparkRoleFit, initialCount: number): RoleModel => {
    const roleSpec = isObject(spec[name_]) ? spec[name_] : {};
    const template = isObject(roleSpec.template) ? roleSpec.template : {};
    const templateSpec = isObject(template.spec) ? template.spec : {};
    const templateMeta = isObject(template.metadata) ? template.metadata : {};
    const scheduling = roleScheduling(manifest, name_, submission);
    const annotations = { ...stringMap(templateMeta.annotations), ...stringMap(roleSpec.annotations) };
    const gpu = gpuOf(fit.resources.extendedResources);
    const useSpecs = annotations[ECI_ANNOTATIONS.USE_SPECS];
    const instanceTypes = useSpecs === undefined ? [] : useSpecs.split(',').map(s => s.trim()).filter(s => s.startsWith('ecs.'));
    return {
      role: name_,
      count: fit.podCount,
      initialCount: Math.min(initialCount, fit.podCount),
      scheduling,
      annotations,
      fit,
      gpu,
      instanceTypes,
      priorityClassName: nonEmptyString(roleSpec.priorityClassName) ?? nonEmptyString(templateSpec.priorityClassName),
      image: nonEmptyString(roleSpec.image) ?? nonEmptyString(spec.image),
    };
  };

  const driver = role('driver', sizing.driver, 1);
  const executor = role('executor', sizing.executor, initialExecutors);
  return {
    ref,
    namespaceGiven: sizing.namespace !== undefined,
    schedule: scheduled && typeof manifest.spec.schedule === 'string' ? manifest.spec.schedule : undefined,
    concurrencyPolicy: scheduled ? nonEmptyString(manifest.spec.concurrencyPolicy) : undefined,
    runsOnlyOnce: scheduled ? runsOnlyOnce(manifest.spec) : undefined,
    queue: readQueue(manifest),
    sparkVersion: typeof spec.sparkVersion === 'string' ? spec.sparkVersion : undefined,
    dynamicMaxExecutors: da ? (Number.isInteger(da.maxExecutors) ? da.maxExecutors : null) : undefined,
    dynamicAllocationField: dynamicAllocationField(spec),
    maxPendingPods: positiveInt(isObject(spec.sparkConf) ? spec.sparkConf[MAX_PENDING_PODS_CONF] : undefined),
    driver,
    executor,
    refusals: sizing._refusals,
    disk: readAppDisk(spec, driver.annotations, executor.annotations, fieldPrefix === '' ? '' : `${scheduled ? 'spec.template' : 'spec'}.`,
      stringMap(metadata.annotations)),
    spotReclaim: readSpotReclaim(spec, executor.annotations, driver.annotations),
    deadlines: readDeadlines(manifest, spec, { driver: driver.annotations, executor: executor.annotations }),
    submission,
    origin,
  };
}

/** The GPU limit of a pod: `nvidia.com/gpu`, else the first `<vendor>/gpu` resource. */
function gpuOf(resources: { readonly [name: string]: number } | undefined): { name: string; quantity: number } | undefined {
  const names = Object.keys(resources ?? {}).filter(name => /\/gpu$/.test(name));
  const name = names.includes(NVIDIA_GPU) ? NVIDIA_GPU : names[0];
  return name === undefined ? undefined : { name, quantity: resources![name] };
}

/** The Spark conf that caps the executors the driver creates while earlier ones are not running (Spark >= 3.2). */
export const MAX_PENDING_PODS_CONF = 'spark.kubernetes.allocation.maxPendingPods';

/** The Spark conf key that switches dynamic allocation on. */
export const DYNAMIC_ALLOCATION_CONF = 'spark.dynamicAllocation.enabled';

/**
 * The field that switches dynamic allocation on, relative to the application spec, or undefined
 * when it is off. The operator (v2.5.2, `internal/controller/sparkapplication/submission.go`)
 * passes `sparkConf` to spark-submit first and `dynamicAllocationOption` after it, which writes
 * `spark.dynamicAllocation.enabled=true` only when `dynamicAllocation.enabled` is true; so the
 * spec field wins when on, and otherwise the `sparkConf` key decides. Spark reads the boolean
 * case-insensitively (`ConfigBuilder.booleanConf`). Constructs, `addSparkConf()` and
 * `SparkJobDefaults` all end in these two rendered fields, so one rule covers every source.
 */
export function dynamicAllocationField(spec: { [key: string]: any }): string | undefined {
  if (isObject(spec.dynamicAllocation) && spec.dynamicAllocation.enabled === true) { return 'dynamicAllocation.enabled'; }
  const conf: unknown = isObject(spec.sparkConf) ? spec.sparkConf[DYNAMIC_ALLOCATION_CONF] : undefined;
  return String(conf ?? '').trim().toLowerCase() === 'true' ? `sparkConf["${DYNAMIC_ALLOCATION_CONF}"]` : undefined;
}

/**
 * Where a role's pods may be scheduled, from a SparkApplication or ScheduledSparkApplication
 * manifest: tolerations, node affinity, node selectors and every label of the pods (the
 * application's, the template's, the role's and the operator's). Spark applies the template; the
 * webhook then applies the spec fields: spec affinity replaces the template's, spec tolerations are
 * appended, node selectors merge (the role's win). Never throws.
 *
 * @param submission the value that stands for the pods' `sparkoperator.k8s.io/submission-id`
 */
export function roleScheduling(manifest: unknown, role: 'driver' | 'executor', submission = '<submission>'): PodScheduling {
  const m = isObject(manifest) ? manifest : {};
  const scheduled = m.kind === 'ScheduledSparkApplication';
  const outer = isObject(m.spec) ? m.spec : {};
  const spec: { [key: string]: any } = scheduled ? (isObject(outer.template) ? outer.template : {}) : outer;
  const metadata = isObject(m.metadata) ? m.metadata : {};
  const name = nonEmptyString(metadata.name) ?? '';
  // assigned in order (later sources win), not spread: see addStrings()
  const podLabels: { [key: string]: string } = {};
  const labels = stringMap(metadata.labels);
  for (const key of Object.keys(labels)) {
    if (!key.startsWith(NOT_PROPAGATED_LABEL_PREFIX)) { podLabels[key] = labels[key]; }
  }
  if (scheduled) { podLabels[SCHEDULED_APP_NAME_LABEL] = name; }
  // A scheduled run is named `<name>-<timestamp>`: no selector can name it in advance.
  const runName = scheduled ? `${name}-<timestamp>` : name;
  const roleSpec = isObject(spec[role]) ? spec[role] : {};
  const template = isObject(roleSpec.template) ? roleSpec.template : {};
  const templateSpec = isObject(template.spec) ? template.spec : {};
  const templateMeta = isObject(template.metadata) ? template.metadata : {};
  return {
    tolerations: [...list(templateSpec.tolerations), ...list(roleSpec.tolerations)],
    affinity: isObject(roleSpec.affinity) ? roleSpec.affinity : isObject(templateSpec.affinity) ? templateSpec.affinity : undefined,
    nodeSelector: { ...stringMap(spec.nodeSelector), ...stringMap(templateSpec.nodeSelector), ...stringMap(roleSpec.nodeSelector) },
    labels: SparkOperatorLabels._addToPod(addStrings(addStrings(podLabels, templateMeta.labels), roleSpec.labels), runName, role, submission),
  };
}

/**
 * Executors requested at submission, from an application spec: `executor.instances` (1 when
 * unset), or with dynamic allocation the largest of it, `initialExecutors` and `minExecutors`.
 */
export function initialExecutorCount(spec: { [key: string]: any }): number {
  const instances = isObject(spec.executor) && Number.isInteger(spec.executor.instances) ? spec.executor.instances : 1;
  const da = isObject(spec.dynamicAllocation) && spec.dynamicAllocation.enabled === true ? spec.dynamicAllocation : undefined;
  return da ? Math.max(intOr(da.initialExecutors, 0), intOr(da.minExecutors, 0), instances) : instances;
}

/** A whole number >= 1 from a conf value (a string or a number), or undefined. */
function positiveInt(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : undefined;
}

function intOr(value: unknown, fallback: number): number {
  return Number.isInteger(value) ? value as number : fallback;
}

/** Refuses a manifest that is not an object with a name, for readers of other kinds. */
export function objectRefOf(manifest: any, kind: string, fieldPrefix = ''): ObjectRef {
  const metadata = isObject(manifest) && isObject(manifest.metadata) ? manifest.metadata : {};
  const name = nonEmptyString(metadata.name) ?? invalid(`${fieldPrefix}metadata.name`, 'must be a non-empty string', metadata.name);
  return { kind, namespace: nonEmptyString(metadata.namespace) ?? 'default', name };
}

/** A hand-written description of a job's pods (the `ISparkPods` shape). */
export interface PodSetInput {
  readonly jobName: string;
  readonly namespace?: string;
  readonly driver: { readonly count: number; readonly labels?: { [key: string]: string }; readonly annotations?: { [key: string]: string } };
  readonly executors: { readonly count: number; readonly labels?: { [key: string]: string }; readonly annotations?: { [key: string]: string } };
}

/**
 * An application from a description of its pods alone: labels and annotations per role, the
 * operator's defaults for everything else (no tolerations, 1 core, `1g`).
 */
export function applicationFromPodSet(set: PodSetInput): ApplicationModel {
  checkCount('driver.count', set.driver.count, 1, 1);
  checkCount('executors.count', set.executors.count, 0, 2147483647);
  const manifest = {
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { name: set.jobName, ...(set.namespace === undefined ? {} : { namespace: set.namespace }) },
    spec: {
      type: 'Scala',
      sparkVersion: '3.5.2',
      mainApplicationFile: 'local:///app.jar',
      driver: { labels: set.driver.labels, annotations: set.driver.annotations },
      executor: { instances: 1, labels: set.executors.labels, annotations: set.executors.annotations },
    },
  };
  const app = readApplication(manifest);
  const count = set.executors.count;
  return { ...app, executor: { ...app.executor, count, initialCount: count, fit: { ...app.executor.fit, podCount: count } } };
}

function checkCount(prop: string, value: number, min: number, max: number): void {
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    invalid(prop, min === max ? `must be an integer from ${min} to ${max}` : `must be an integer >= ${min}`, value);
  }
}
