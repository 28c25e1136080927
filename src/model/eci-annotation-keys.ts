/**
 * The ECI pod annotations the model reads from rendered manifests. The writer
 * (`src/eci/eci-annotations.ts`) writes these keys from here; annotations the model does not
 * read are defined by their registry entry alone.
 *
 * @see https://www.alibabacloud.com/help/en/eci/user-guide/annotations-for-eci-pods
 */
export const ECI_ANNOTATION_KEYS = {
  /** Up to 5 instance specs ECI tries in order: `2-4Gi,4-8Gi,ecs.c6.xlarge`. */
  USE_SPECS: 'k8s.aliyun.com/eci-use-specs',
  /** `SpotAsPriceGo` or `SpotWithPriceLimit`: the pod runs on a spot instance. */
  SPOT_STRATEGY: 'k8s.aliyun.com/eci-spot-strategy',
  /** Hours the spot instance is protected from reclaim (ECI's default 1). */
  SPOT_DURATION: 'k8s.aliyun.com/eci-spot-duration',
  /** `"true"`: a pay-as-you-go instance when no spot stock is left. */
  SPOT_FALLBACK: 'k8s.aliyun.com/eci-spot-fallback',
  /** `api-evict`: the pod is evicted through the API before its spot instance is released. */
  SPOT_RELEASE_STRATEGY: 'k8s.aliyun.com/eci-spot-release-strategy',
  /** Whole GiB of local disk bought on top of ECI's 30 GiB (`50Gi`). */
  EXTRA_EPHEMERAL_STORAGE: 'k8s.aliyun.com/eci-extra-ephemeral-storage',
  /** `"true"`: match an image cache, or create one (ACK's name). */
  IMAGE_CACHE_AUTO_ACK: 'k8s.aliyun.com/eci-image-cache',
  /** The image cache id to use (ACK's name). */
  IMAGE_CACHE_ID_ACK: 'k8s.aliyun.com/eci-image-snapshot-id',
  /** `"true"`: match an image cache, or create one (ECI's current name). */
  IMAGE_CACHE_AUTO_ECI: 'k8s.aliyun.com/eci-auto-imc',
  /** The image cache id to use (ECI's current name). */
  IMAGE_CACHE_ID_ECI: 'k8s.aliyun.com/eci-imc-id',
  /** Minutes ECI keeps trying to create a Pending pod before it gives up: 10 to 1440. */
  MAX_PENDING_MINUTE: 'k8s.aliyun.com/eci-max-pending-minute',
} as const;

/** ECI's `eci-max-pending-minute` when the pod does not set it. */
export const DEFAULT_MAX_PENDING_MINUTES = 240;
