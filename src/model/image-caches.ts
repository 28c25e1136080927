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
