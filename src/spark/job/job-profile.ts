// How a job uses its cluster profile: which profile applies, the checks it adds, and the
// webhook-free rendering. The rules themselves live in profile/; this is the job's side.
import { ApiObjectMetadata } from 'cdk8s';
import { IConstruct } from 'constructs';
import { IMAGE_SIZE_ANNOTATION } from '../../model/scratch-disk';
import { invalid } from '../../private/errors';
import { toQuantity } from '../../private/units';
import { OperatorWebhook, SparkClusterProfile } from '../../profile/cluster-profile';
import { templatesAvailable } from '../../profile/profile-gates';
import { moveIntoTemplates } from '../../profile/webhook-fields';

/** The job's own profile, else the one attached nearest to it, else none. */
export function resolveProfile(scope: IConstruct, own: SparkClusterProfile | undefined): SparkClusterProfile | undefined {
  if (own !== undefined && !SparkClusterProfile.isSparkClusterProfile(own)) {
    invalid('profile', 'must be made with SparkClusterProfile.upstream(), ackSparkOperator() or new SparkClusterProfile()', own);
  }
  return own ?? SparkClusterProfile.of(scope);
}

/**
 * The application object's metadata with the annotations the profile writes: the compressed image
 * size the plan reads (`cdk8s-spark-eci/image-size`), when the profile gives one. The job's own
 * annotations win.
 */
export function withProfileAnnotations(
  profile: SparkClusterProfile | undefined, metadata: ApiObjectMetadata | undefined,
): ApiObjectMetadata | undefined {
  if (!profile?.imageSize) { return metadata; }
  const annotations = { [IMAGE_SIZE_ANNOTATION]: toQuantity('imageSize', profile.imageSize, { positive: true }), ...metadata?.annotations };
  return { ...metadata, annotations };
}

/**
 * The application spec as the profile's cluster needs it: with the webhook off (and templates
 * possible), every webhook-only role field moved into the pod templates.
 */
export function renderForProfile(profile: SparkClusterProfile | undefined, spec: { [key: string]: any },
  containerNames: { driver: string; executor: string }): { [key: string]: any } {
  if (profile?.webhook !== OperatorWebhook.DISABLED || !templatesAvailable(profile, String(spec.sparkVersion))) { return spec; }
  return moveIntoTemplates(spec, containerNames);
}
