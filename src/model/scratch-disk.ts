/**
 * Scratch disk of Spark pods, read from a rendered application spec (plain JSON, synthesized or
 * hand-written): where shuffle and spill go (`spark-local-dir-*` volumes, from `spec.volumes` +
 * the role's `volumeMounts` or from `spark.kubernetes.<role>.volumes.*` confs), how large they may
 * grow (`sizeLimit`), and how much local disk an ECI pod gets and is billed for
 * (`k8s.aliyun.com/eci-extra-ephemeral-storage`, or an `ephemeral-storage` request in the pod
 * template above the free 30 GiB).
 *
 * @see https://www.alibabacloud.com/help/en/eci/user-guide/increase-the-capacity-of-the-temporary-storage-space-1
 */
import { ECI_ANNOTATION_KEYS } from './eci-annotation-keys';
import { isObject, list, stringMap } from './json';
import { isRemoteShuffleManager, SHUFFLE_CONF } from './shuffle-confs';
import { invalid } from '../private/errors';
import { quantityMebibytes } from '../private/units';

/** Spark uses volumes whose name starts with this as its local (scratch) directories. */
export const SPARK_LOCAL_DIR_PREFIX = 'spark-local-dir-';
/** Local disk every ECI pod gets free; the image (at least twice its size) and logs live on it too. */
export const ECI_DEFAULT_EPHEMERAL_GIBIBYTES = 30;
/**
 * The annotation that gives the compressed size of the job's image (a quantity: `1Gi`, `800Mi`),
 * so that the plan knows how much of ECI's free 30 GiB the image takes: on the
 * SparkApplication's metadata for both roles (the cluster profile's `imageSize` writes it there),
 * or on a role's pod annotations for that role's image. Only this library reads it.
 */
export const IMAGE_SIZE_ANNOTATION = 'cdk8s-spark-eci/image-size';
/**
 * Compressed image size assumed when no annotation gives one, in MiB: 1 GiB. The Apache Spark 3.5
 * images are about 0.5 to 0.7 GiB compressed; images with Python libraries and jars are larger,
 * and then the annotation (or the profile's `imageSize`) should say so.
 */
export const DEFAULT_IMAGE_COMPRESSED_MEBIBYTES = 1024;
/**
 * How many times its compressed size an image takes on an ECI pod's disk: ECI "Scale up the
 * temporary storage space": the free 30 GiB "is shared between the container image and your
 * running workloads ... the image occupies at least twice its compressed size" (DOMAIN.md §4).
 */
export const ECI_IMAGE_DISK_FACTOR = 2;
/** Spark's default of `spark.sql.shuffle.partitions`; a job that raises it expects large shuffles. */
export const SPARK_DEFAULT_SHUFFLE_PARTITIONS = 200;
/** The Spark conf that sets the number of shuffle partitions of SQL queries. */
export const SHUFFLE_PARTITIONS_CONF = 'spark.sql.shuffle.partitions';

const MIB_PER_GIB = 1024;

/** One scratch (local-dir) volume of a role's pods. */
export interface ScratchVolumeModel {
  /** The volume's name, `spark-local-dir-...`. */
  readonly name: string;
  /** `emptyDir`, `persistentVolumeClaim`, `hostPath` or `nfs`. */
  readonly type: string;
  /** Whether the volume is a tmpfs (`emptyDir.medium: Memory`), which counts against the pod's memory. */
  readonly memory: boolean;
  /** The emptyDir's `sizeLimit` in MiB, when one is given. */
  readonly sizeLimitMebibytes?: number;
}

/** The local disk of one role's pods. */
export interface PodDiskModel {
  /** Scratch volumes the role's pods mount; empty when Spark uses its default emptyDir. */
  readonly scratch: readonly ScratchVolumeModel[];
  /** GiB bought on top of ECI's free 30 GiB, per pod (0 when none). */
  readonly eciExtraGibibytes: number;
  /** ECI local disk per pod: 30 GiB plus the extra. */
  readonly eciEphemeralGibibytes: number;
  /** Compressed size of the role's image in MiB: the `cdk8s-spark-eci/image-size` annotation, else the default assumption. */
  readonly imageCompressedMebibytes: number;
  /** Whether `imageCompressedMebibytes` is the default assumption (no annotation gives it). */
  readonly imageSizeAssumed: boolean;
  /** ECI local disk per pod left for scratch, in MiB: the disk minus twice the compressed image. */
  readonly eciScratchMebibytes: number;
}

/** The disk of both roles and the shuffle settings that decide how much of it a job needs. */
export interface AppDiskModel {
  readonly driver: PodDiskModel;
  readonly executor: PodDiskModel;
  /** Whether `spark.shuffle.manager` is a remote shuffle service's (shuffle data leaves the pods). */
  readonly remoteShuffle: boolean;
  /** `spark.sql.shuffle.partitions`, when set to a number. */
  readonly shufflePartitions?: number;
}

/**
 * Reads both roles' disk and the shuffle settings from an application spec.
 *
 * @param fieldPrefix how errors name the spec's fields: `spec.` (YAML) or `` (a construct's props)
 */
export function readAppDisk(
  spec: { [key: string]: any }, driverAnnotations: { readonly [key: string]: string }, executorAnnotations: { readonly [key: string]: string },
  fieldPrefix = 'spec.', appAnnotations: { readonly [key: string]: string } = {},
): AppDiskModel {
  const conf = stringMap(spec.sparkConf);
  const partitions = Number(conf[SHUFFLE_PARTITIONS_CONF]);
  const appImage = imageSizeOf(appAnnotations[IMAGE_SIZE_ANNOTATION], `metadata.annotations["${IMAGE_SIZE_ANNOTATION}"]`);
  return {
    driver: readPodDisk(spec, 'driver', driverAnnotations, fieldPrefix, appImage),
    executor: readPodDisk(spec, 'executor', executorAnnotations, fieldPrefix, appImage),
    remoteShuffle: isRemoteShuffleManager(conf[SHUFFLE_CONF.MANAGER]),
    shufflePartitions: conf[SHUFFLE_PARTITIONS_CONF] !== undefined && Number.isFinite(partitions) ? partitions : undefined,
  };
}

/** Spark conf keys of a volume: `spark.kubernetes.<role>.volumes.<type>.<name>.<rest>`. */
const VOLUME_CONF = /^spark\.kubernetes\.(driver|executor)\.volumes\.([A-Za-z]+)\.(spark-local-dir-[^.]+)\.(.+)$/;

/**
 * Reads a role's disk from an application spec.
 *
 * @param spec the SparkApplication spec (a ScheduledSparkApplication's `spec.template`)
 * @param role `driver` or `executor`
 * @param annotations the role's pod annotations (template's, then the spec field's)
 * @param fieldPrefix how errors name the spec's fields
 * @param appImageMebibytes the image size the application's metadata gives, in MiB
 * @throws for an image-size annotation that is not a memory quantity
 */
export function readPodDisk(
  spec: { [key: string]: any }, role: 'driver' | 'executor', annotations: { readonly [key: string]: string }, fieldPrefix = 'spec.',
  appImageMebibytes?: number,
): PodDiskModel {
  const roleSpec = isObject(spec[role]) ? spec[role] : {};
  const volumes = new Map<string, any>();
  for (const volume of list(spec.volumes)) {
    if (isObject(volume) && typeof volume.name === 'string') { volumes.set(volume.name, volume); }
  }
  const scratch = new Map<string, ScratchVolumeModel>();
  for (const mount of list(roleSpec.volumeMounts)) {
    const name = isObject(mount) ? mount.name : undefined;
    if (typeof name !== 'string' || !name.startsWith(SPARK_LOCAL_DIR_PREFIX) || !volumes.has(name)) { continue; }
    const volume = volumes.get(name);
    const type = ['emptyDir', 'persistentVolumeClaim', 'hostPath', 'nfs'].find(t => isObject(volume[t])) ?? 'unknown';
    const emptyDir = isObject(volume.emptyDir) ? volume.emptyDir : {};
    scratch.set(name, { name, type, memory: emptyDir.medium === 'Memory', sizeLimitMebibytes: quantityMebibytes(emptyDir.sizeLimit) });
  }
  // The same volumes written as Spark confs (what the operator turns the fields above into).
  const byConf = new Map<string, { type: string; options: { [key: string]: string } }>();
  for (const [key, value] of Object.entries(stringMap(spec.sparkConf))) {
    const match = VOLUME_CONF.exec(key);
    if (!match || match[1] !== role) { continue; }
    const entry = byConf.get(match[3]) ?? { type: match[2], options: {} };
    entry.options[match[4]] = value;
    byConf.set(match[3], entry);
  }
  for (const [name, entry] of byConf) {
    if (scratch.has(name) || entry.options['mount.path'] === undefined) { continue; }
    scratch.set(name, {
      name,
      type: entry.type,
      memory: entry.options['options.medium'] === 'Memory',
      sizeLimitMebibytes: quantityMebibytes(entry.options['options.sizeLimit']),
    });
  }

  const annotated = quantityMebibytes(annotations[ECI_ANNOTATION_KEYS.EXTRA_EPHEMERAL_STORAGE]);
  const requested = quantityMebibytes(templateEphemeralRequest(roleSpec, role));
  // ECI takes the larger of the two ways (the annotation, or a request's part above 30 GiB).
  const extraMebibytes = Math.max(annotated ?? 0, (requested ?? 0) - ECI_DEFAULT_EPHEMERAL_GIBIBYTES * MIB_PER_GIB, 0);
  const extra = Math.ceil(extraMebibytes / MIB_PER_GIB);
  const image = imageSizeOf(annotations[IMAGE_SIZE_ANNOTATION], `${fieldPrefix}${role}.annotations["${IMAGE_SIZE_ANNOTATION}"]`) ?? appImageMebibytes;
  const compressed = image ?? DEFAULT_IMAGE_COMPRESSED_MEBIBYTES;
  const ephemeral = ECI_DEFAULT_EPHEMERAL_GIBIBYTES + extra;
  return {
    scratch: [...scratch.values()],
    eciExtraGibibytes: extra,
    eciEphemeralGibibytes: ephemeral,
    imageCompressedMebibytes: compressed,
    imageSizeAssumed: image === undefined,
    eciScratchMebibytes: Math.max(0, ephemeral * MIB_PER_GIB - ECI_IMAGE_DISK_FACTOR * compressed),
  };
}

/** The image-size annotation in MiB (rounded up), or undefined when absent. */
function imageSizeOf(value: string | undefined, prop: string): number | undefined {
  if (value === undefined) { return undefined; }
  const mebibytes = quantityMebibytes(value);
  if (mebibytes === undefined || !(mebibytes > 0)) {
    return invalid(prop, 'must be the compressed size of the image as a Kubernetes quantity, such as "1Gi" or "800Mi"', value);
  }
  return mebibytes;
}

/** `resources.requests.ephemeral-storage` of the Spark container in the role's pod template. */
function templateEphemeralRequest(roleSpec: { [key: string]: any }, role: string): unknown {
  const template = isObject(roleSpec.template) && isObject(roleSpec.template.spec) ? roleSpec.template.spec : {};
  const container = list(template.containers).find(c => isObject(c) && c.name === `spark-kubernetes-${role}`);
  return isObject(container) && isObject(container.resources) && isObject(container.resources.requests)
    ? container.resources.requests['ephemeral-storage'] : undefined;
}

/** Scratch on disk (not tmpfs) in MiB, summed over sized volumes; undefined when a disk volume has no size. */
export function scratchDiskMebibytes(disk: PodDiskModel): number | undefined {
  const onDisk = disk.scratch.filter(v => !v.memory && v.type === 'emptyDir');
  if (onDisk.length === 0 || onDisk.some(v => v.sizeLimitMebibytes === undefined)) { return undefined; }
  return onDisk.reduce((n, v) => n + v.sizeLimitMebibytes!, 0);
}

/** A disk finding, for the planner to turn into a problem. */
export interface ScratchDiskFinding {
  /** The scratch space may grow beyond the ECI pod's disk: the pod is evicted when it fills. */
  readonly code: 'SCRATCH_EXCEEDS_ECI_DISK' | 'SHUFFLE_ON_DEFAULT_ECI_DISK';
  readonly role: 'driver' | 'executor';
  /** The YAML field it is about, relative to the spec. */
  readonly field: string;
  readonly detail: string;
}

/**
 * What may fill an ECI pod's disk: a scratch `sizeLimit` above the pod's ECI disk, or (executors)
 * a shuffle-heavy job (`spark.sql.shuffle.partitions` above Spark's default) on the free 30 GiB
 * with no sized scratch and no remote shuffle.
 *
 * @param mayRunOnEci whether some of the role's pods may run on ECI
 */
export function scratchDiskFindings(app: AppDiskModel, role: 'driver' | 'executor', mayRunOnEci: boolean): ScratchDiskFinding[] {
  if (!mayRunOnEci) { return []; }
  const disk = app[role];
  const out: ScratchDiskFinding[] = [];
  const scratch = scratchDiskMebibytes(disk);
  // The image takes its share of the pod's disk first (ECI "Scale up the temporary storage space").
  if (scratch !== undefined && scratch > disk.eciScratchMebibytes) {
    out.push({
      code: 'SCRATCH_EXCEEDS_ECI_DISK',
      role,
      field: `${role}.annotations`,
      detail: `scratch sizeLimit ${gib(scratch)} GiB, ECI disk ${disk.eciEphemeralGibibytes} GiB of which the image takes `
        + `${gib(ECI_IMAGE_DISK_FACTOR * disk.imageCompressedMebibytes)} GiB (twice its ${disk.imageSizeAssumed ? 'assumed ' : ''}`
        + `${gib(disk.imageCompressedMebibytes)} GiB compressed): ${gib(disk.eciScratchMebibytes)} GiB left`,
    });
  }
  const partitions = app.shufflePartitions;
  if (role === 'executor' && !app.remoteShuffle && scratch === undefined && disk.eciExtraGibibytes === 0
    && partitions !== undefined && partitions > SPARK_DEFAULT_SHUFFLE_PARTITIONS) {
    out.push({ code: 'SHUFFLE_ON_DEFAULT_ECI_DISK', role, field: `sparkConf["${SHUFFLE_PARTITIONS_CONF}"]`, detail: String(partitions) });
  }
  return out;
}

/** A role's disk in the plan report (`plan --json`). */
export interface RoleDiskPlan {
  /** Scratch volumes, `<name> <type>[ <sizeLimit>][ tmpfs]`; empty when Spark uses its default emptyDir. */
  readonly scratch: string[];
  /** Sized scratch on disk per pod in MiB; null when there is none or a volume has no sizeLimit. */
  readonly scratchMebibytes: number | null;
  /** ECI local disk per pod (30 GiB free plus the extra); null when no pod runs on ECI. */
  readonly eciEphemeralGibibytes: number | null;
  /** GiB of it ECI bills per pod on top of the free 30 GiB; null when no pod runs on ECI. */
  readonly eciBilledExtraGibibytes: number | null;
  /** GiB of the ECI disk the image takes (twice its compressed size); null when no pod runs on ECI. */
  readonly eciImageGibibytes: number | null;
  /** Whether the image size is the default assumption (1 GiB compressed), not a `cdk8s-spark-eci/image-size` annotation; null off ECI. */
  readonly imageSizeAssumed: boolean | null;
  /** GiB of the ECI disk left for scratch, shuffle and spill after the image; null when no pod runs on ECI. */
  readonly eciScratchGibibytes: number | null;
}

/** The report of a role's disk. */
export function roleDiskPlan(disk: PodDiskModel, eciPodsAtMost: number): RoleDiskPlan {
  const onEci = eciPodsAtMost > 0;
  return {
    scratch: disk.scratch.map(v => [v.name, v.type, v.sizeLimitMebibytes !== undefined ? `${gib(v.sizeLimitMebibytes)}Gi` : undefined,
      v.memory ? 'tmpfs' : undefined].filter(x => x !== undefined).join(' ')),
    scratchMebibytes: scratchDiskMebibytes(disk) ?? null,
    eciEphemeralGibibytes: onEci ? disk.eciEphemeralGibibytes : null,
    eciBilledExtraGibibytes: onEci ? disk.eciExtraGibibytes : null,
    eciImageGibibytes: onEci ? gib(ECI_IMAGE_DISK_FACTOR * disk.imageCompressedMebibytes) : null,
    imageSizeAssumed: onEci ? disk.imageSizeAssumed : null,
    eciScratchGibibytes: onEci ? gib(disk.eciScratchMebibytes) : null,
  };
}

function gib(mebibytes: number): number {
  return Math.round((mebibytes / MIB_PER_GIB) * 100) / 100;
}
