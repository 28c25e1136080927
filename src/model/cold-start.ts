/**
 * What the first run of a job pays before its ECI pods start, read from the pods' annotations
 * and the ImageCache objects of the same input (DOMAIN.md §4): whether the image comes from a
 * cache made ahead, from a cache the first run creates (later runs hit it: ECI auto-matches by
 * default), or is pulled by every pod (matching turned off); and how long ECI keeps trying to
 * create a Pending pod (`eci-max-pending-minute`). This is the one answer: the plan, synthesis and
 * the testing kit's cache assertion all read it.
 */
import { ObjectRef, RoleModel } from './applications';
import { effectiveEciMaxPendingMinutes } from './deadlines';
import { ECI_ANNOTATION_KEYS as ECI } from './eci-annotation-keys';
import { ImageCacheHolders } from './image-caches';

/** How a role's ECI pods get their image. */
export enum ImageSource {
  /** Auto-matching (ECI's default), and an ImageCache object of the input holds the image: cached from the first run. */
  CACHE_OBJECT = 'CACHE_OBJECT',
  /** Auto-matching (ECI's default) with no ImageCache object: the first run pulls the image and creates a (billed) cache, later runs hit it. */
  CACHE_ON_FIRST_RUN = 'CACHE_ON_FIRST_RUN',
  /** A cache named by id (`imc-...`): no pull, if the cache exists in the pod's region. */
  CACHE_ID = 'CACHE_ID',
  /** Matching turned off (`eci-auto-imc: "false"`): every pod pulls the image. */
  PULL = 'PULL',
}

/** The cold start of one role's ECI pods. */
export interface RoleColdStart {
  readonly role: 'driver' | 'executor';
  /** The role's image (its own, or the application's). */
  readonly image?: string;
  readonly source: ImageSource;
  /** CACHE_ID: the cache id. */
  readonly cacheId?: string;
  /**
   * CACHE_OBJECT: the first ImageCache object (in input order) that holds the image; one at most,
   * so that the report stays linear in jobs however many caches hold the image.
   */
  readonly caches: readonly ObjectRef[];
  /** CACHE_OBJECT: how many ImageCache objects of the input hold the image (0 otherwise). */
  readonly cachesHolding: number;
  /** Minutes ECI keeps trying to create a Pending pod before it gives up. */
  readonly maxPendingMinutes: number;
}

/**
 * Whether ECI auto-matches an image cache for the pods: on unless turned off. ECI
 * "使用ImageCache加速创建Pod" (doc 141241): `k8s.aliyun.com/eci-auto-imc` "是否自动匹配ImageCache,默认为true
 * … 如果没有完全匹配,系统会在创建Pod的同时自动创建对应的ImageCache" (DOMAIN.md §4); the seed's first job,
 * with no cache annotation, shows `ImageCacheMissed` then `ImageCacheAutoCreated`. ACK's older name
 * `eci-image-cache` is the same switch; the current name wins when both are written.
 */
export function autoMatchesImageCache(annotations: { readonly [key: string]: string }): boolean {
  const value = annotations[ECI.IMAGE_CACHE_AUTO_ECI] ?? annotations[ECI.IMAGE_CACHE_AUTO_ACK];
  return value !== 'false';
}

/** The cold start of a role that may run on ECI. */
export function roleColdStart(role: RoleModel, caches: ReadonlyMap<string, ImageCacheHolders>): RoleColdStart {
  const a = role.annotations;
  const cacheId = a[ECI.IMAGE_CACHE_ID_ECI] ?? a[ECI.IMAGE_CACHE_ID_ACK];
  const auto = autoMatchesImageCache(a);
  const holders = role.image === undefined ? undefined : caches.get(role.image);
  const source = cacheId !== undefined ? ImageSource.CACHE_ID
    : auto ? (holders ? ImageSource.CACHE_OBJECT : ImageSource.CACHE_ON_FIRST_RUN)
      : ImageSource.PULL;
  return {
    role: role.role,
    image: role.image,
    source,
    cacheId,
    caches: source === ImageSource.CACHE_OBJECT && holders ? [holders.first] : [],
    cachesHolding: source === ImageSource.CACHE_OBJECT && holders ? holders.count : 0,
    maxPendingMinutes: effectiveEciMaxPendingMinutes(a),
  };
}

/** One role's cold start in a phrase, without the role's name (roles with the same phrase are printed together). */
export function describeColdStart(start: RoleColdStart): string {
  const image = start.image === undefined ? 'the image' : start.image;
  const wait = `ECI gives up a Pending pod after ${start.maxPendingMinutes} min`;
  switch (start.source) {
    case ImageSource.CACHE_OBJECT:
      return `${image} from ${start.caches.map(c => `ImageCache ${c.name}`).join(', ')}${start.cachesHolding > 1 ? ` (or ${start.cachesHolding - 1} other ImageCache${start.cachesHolding > 2 ? 's' : ''} holding it)` : ''}, made ahead, so from the first run; ${wait}`;
    case ImageSource.CACHE_ON_FIRST_RUN:
      return `the first run pulls ${image} and creates an image cache (billed), later runs hit it; ${wait}`;
    case ImageSource.CACHE_ID:
      return `${image} from image cache ${start.cacheId}, if it exists in the pods' region; ${wait}`;
    case ImageSource.PULL:
      return `every pod pulls ${image} (image-cache matching turned off); ${wait}`;
  }
}
