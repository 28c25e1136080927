/**
 * Reads ECI ImageCache objects (`eci.alibabacloud.com/v1`, cluster-scoped): the images a cache
 * is created for ahead of any pod. DOMAIN.md §4: the cache id appears only in the status once the
 * cloud has made it, so pods find such a cache by auto-matching (`eci-auto-imc` /
 * `eci-image-cache`).
 */
import { objectRefOf, ObjectRef } from './applications';
import { isObject, list } from './json';

/** The group and kind of an ImageCache. */
export const IMAGE_CACHE_GVK = { apiVersion: 'eci.alibabacloud.com/v1', kind: 'ImageCache' } as const;

/** Whether a manifest is an ECI ImageCache. */
export function isImageCacheManifest(manifest: unknown): boolean {
  return isObject(manifest) && manifest.kind === IMAGE_CACHE_GVK.kind && typeof manifest.apiVersion === 'string'
    && manifest.apiVersion.startsWith('eci.alibabacloud.com/');
}

/** An ImageCache and the images it holds. */
export interface ImageCacheModel {
  /** The cache; cluster-scoped, so its namespace is empty. */
  readonly ref: ObjectRef;
  readonly images: readonly string[];
}

/** Reads one ImageCache. */
export function readImageCache(manifest: any): ImageCacheModel {
  const ref = { ...objectRefOf(manifest, IMAGE_CACHE_GVK.kind), namespace: '' };
  const spec = isObject(manifest.spec) ? manifest.spec : {};
  return { ref, images: list(spec.images).filter((i): i is string => typeof i === 'string') };
}

/** The ImageCache objects that hold an image: the first in input order, and how many do. */
export interface ImageCacheHolders {
  readonly first: ObjectRef;
  readonly count: number;
}

/**
 * The ImageCache objects of an input by image, built once per plan: looking every job's image
 * up in every cache, and listing every holder per job, made the plan and its report quadratic
 * in jobs and caches (issue #17: 10,000 jobs with 1,000 caches did not fit a string).
 */
export function indexImageCaches(caches: readonly ImageCacheModel[]): ReadonlyMap<string, ImageCacheHolders> {
  const index = new Map<string, ImageCacheHolders>();
  for (const cache of caches) {
    for (const image of new Set(cache.images)) {
      const held = index.get(image);
      index.set(image, held ? { first: held.first, count: held.count + 1 } : { first: cache.ref, count: 1 });
    }
  }
  return index;
}
