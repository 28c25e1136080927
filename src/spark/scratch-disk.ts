import { Size, SizeRoundingBehavior } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { ECI_ANNOTATION_KEYS } from '../model/eci-annotation-keys';
import { SPARK_LOCAL_DIR_PREFIX } from '../model/scratch-disk';
import { brand, isBranded } from '../private/brand';
import { invalid } from '../private/errors';
import { cdk8sPlus } from '../private/lazy-modules';
import { captureArgument, checkArguments, enumShape, optionsShape, SIZE_SHAPE } from '../private/props-shape';
import { gibibyteQuantity } from '../private/units';

/** Where a scratch disk lives. */
export enum ScratchMedium {
  /** The pod's local disk (an emptyDir on ephemeral storage); on ECI, bought as extra ephemeral storage. */
  DISK = 'DISK',
  /** A tmpfs (`emptyDir.medium: Memory`): fast, but it counts against the container's memory limit. */
  MEMORY = 'MEMORY',
}

/** Options of `ScratchDisk.ofSize()`. */
export interface ScratchDiskOptions {
  /**
   * Where the scratch space lives.
   *
   * @default ScratchMedium.DISK
   */
  readonly medium?: ScratchMedium;
}

/** What each option holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const OPTIONS_SHAPE = optionsShape<ScratchDiskOptions>({ medium: enumShape('ScratchMedium', ScratchMedium) });

/** Where a role's scratch volume is mounted in the Spark container. */
const MOUNT_ROOT = '/var/data';

/**
 * The scratch space of a role's pods: where Spark writes shuffle files and spills
 * (`spark.local.dir`), sized so the pod gets the disk and is not evicted when it fills.
 *
 * Written as a volume `spark-local-dir-<role>` in `spec.volumes` (an emptyDir with `sizeLimit`)
 * mounted at `/var/data/spark-local-dir-<role>` by the role's `volumeMounts`: Spark uses volumes
 * whose name starts with `spark-local-dir-` as its local directories, and the operator passes them
 * to Spark as `spark.kubernetes.<role>.volumes.emptyDir.*` confs (no webhook needed). On a role
 * whose placement may run on ECI, a disk-medium scratch also writes
 * `k8s.aliyun.com/eci-extra-ephemeral-storage: <size>Gi`, buying the size on top of ECI's free
 * 30 GiB (which holds the image, at least twice its size, and the logs); ECI bills that extra disk
 * per GiB and hour. An annotation already set through `eci.extraEphemeralStorage` is kept.
 *
 * @see https://www.alibabacloud.com/help/en/eci/user-guide/increase-the-capacity-of-the-temporary-storage-space-1
 * @see https://spark.apache.org/docs/latest/running-on-kubernetes.html#local-storage
 */
export class ScratchDisk {
  /**
   * Whether `x` is a `ScratchDisk`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isScratchDisk(x: any): x is ScratchDisk {
    return isBranded(x, 'ScratchDisk');
  }

  /**
   * Scratch space of this size per pod.
   *
   * @param size a whole number of GiB, at least 1 (ECI sells extra ephemeral storage in whole GiB)
   */
  public static ofSize(size: Size, options: ScratchDiskOptions = {}): ScratchDisk {
    checkArguments('ScratchDisk.ofSize()', ['size', size, SIZE_SHAPE]);
    return new ScratchDisk(size, captureArgument('ScratchDisk.ofSize() options', options, OPTIONS_SHAPE, true) ?? {});
  }

  /** Size per pod, in GiB. */
  public readonly sizeGibibytes: number;
  /** Where the scratch space lives. */
  public readonly medium: ScratchMedium;
  /** The size as a quantity, `100Gi`. */
  private readonly quantity: string;

  private constructor(size: Size, options: ScratchDiskOptions) {
    brand(this, 'ScratchDisk');
    const gib = size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
    if (!(Number.isInteger(gib) && gib >= 1)) {
      invalid('ScratchDisk.ofSize() size', 'must be a whole number of GiB from 1 up, as ECI sells extra ephemeral storage in whole GiB (e.g. Size.gibibytes(100))',
        `${gib} GiB`);
    }
    this.quantity = gibibyteQuantity('ScratchDisk.ofSize() size', gib, 1);
    this.sizeGibibytes = gib;
    this.medium = options.medium ?? ScratchMedium.DISK;
  }

  /**
   * The volume, mount and ECI annotation this writes for a role.
   * @internal
   */
  public _render(roleName: string): { volume: k8s.Volume; mountPath: string; annotations: { [key: string]: string } } {
    const name = `${SPARK_LOCAL_DIR_PREFIX}${roleName}`;
    const disk = this.medium === ScratchMedium.DISK;
    const sizeLimit = cdk8sPlus().k8s.Quantity.fromString(this.quantity);
    return {
      volume: { name, emptyDir: disk ? { sizeLimit } : { sizeLimit, medium: 'Memory' } },
      mountPath: `${MOUNT_ROOT}/${name}`,
      annotations: disk ? { [ECI_ANNOTATION_KEYS.EXTRA_EPHEMERAL_STORAGE]: this.quantity } : {},
    };
  }
}
