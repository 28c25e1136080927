// `addImageCache()`: an ImageCache for the job's images, with auto-matching on the roles that may
// run on ECI (written when the job renders, eci-role-writes.ts), and the job's pull secrets as the
// cache names them.
import type { JobImageCacheOptions } from './abstract-spark-job-props';
import type { JobIdentity, JobState } from './job-state';
import { renderEciAnnotations } from '../../eci/eci-annotations';
import { EciAnnotationNaming, EciImageCache } from '../../eci/eci-pod-options';
import { ImageCache, ImageCachePullSecret } from '../../eci/image-cache';
import { invalid } from '../../private/errors';
import { captureArgument, DURATION_SHAPE, enumShape, optionsShape, SIZE_SHAPE } from '../../private/props-shape';

/** What `addImageCache()` takes; typed, so a new option needs a shape to compile. The cache checks its pull secrets' keys. */
const IMAGE_CACHE_OPTIONS_SHAPE = optionsShape<JobImageCacheOptions>({
  metadata: 'object',
  imagePullSecrets: { list: 'object' },
  size: SIZE_SHAPE,
  retention: DURATION_SHAPE,
  reuseLayers: 'boolean',
  naming: enumShape('EciAnnotationNaming', EciAnnotationNaming),
});

/** Checks and copies `addImageCache()`'s options. */
export function captureImageCacheOptions(options: JobImageCacheOptions | undefined): JobImageCacheOptions {
  return captureArgument('addImageCache() options', options, IMAGE_CACHE_OPTIONS_SHAPE, true) ?? {};
}

/**
 * Creates the job's ImageCache (child id `ImageCache`) and turns on auto-matching on the roles that
 * may run on ECI as the job renders (a placement given later counts); the job's checks at synth
 * refuse a job none of whose roles may run on ECI.
 */
export function addJobImageCache(job: JobIdentity, state: JobState, options: JobImageCacheOptions): ImageCache {
  const images = [...new Set([state.props.image, job.driver.image, job.executor.image].filter((i): i is string => !!i))];
  if (images.length === 0) {
    invalid('addImageCache()', 'needs an image on the job or its roles', images);
  }
  const { naming, imagePullSecrets, ...cacheProps } = options;
  // A job with pull secrets pulls a private image: ECI needs the same secrets to cache it.
  const inherited = imagePullSecrets === undefined ? state.imagePullSecrets.map(name => pullSecretOfCache(job, name)) : imagePullSecrets;
  const cache = new ImageCache(job, 'ImageCache', { ...cacheProps, images, imagePullSecrets: inherited });
  if (imagePullSecrets === undefined) { state.pullSecretsCache = cache; }
  state.eciRoleWrites.push({
    call: 'addImageCache()',
    labels: {},
    annotations: renderEciAnnotations('addImageCache()', { imageCache: EciImageCache.auto({ naming }) }),
  });
  return cache;
}

/** A job's pull secret as its image cache names it: the Secret is in the job's namespace. */
export function pullSecretOfCache(job: JobIdentity, name: string): ImageCachePullSecret {
  return { namespace: job.namespace ?? 'default', name };
}
