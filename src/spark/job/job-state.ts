import type { ApiObject } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import type { AbstractSparkJobProps } from './abstract-spark-job-props';
import type { PendingPods } from '../../checks/pending-pods';
import type { ImageCache } from '../../eci/image-cache';
import type { SparkPlacement } from '../../eci/spark-placement';
import type { SparkApplicationType } from '../../model/spark-application-type';
import type { SparkClusterProfile } from '../../profile/cluster-profile';
import type { DynamicAllocation } from '../dynamic-allocation';
import type { RemoteShuffle } from '../remote-shuffle';
import type { SparkDriver, SparkExecutor } from '../role/spark-role';
import { SparkConf } from '../spark-conf';

/**
 * What a job's mutators have written, in one object that the job's internal modules read (the spec
 * rendering in application-spec.ts, the checks in application-checks.ts, the image cache in
 * job-image-cache.ts), so `AbstractSparkJob` keeps only its constructor, mutators and getters.
 */
export class JobState {
  /** `sparkConf`, `hadoopConf` and the keys allowed to hold credentials. */
  public readonly conf = new SparkConf();
  /** `arguments`. */
  public readonly arguments: string[] = [];
  /** `volumes`. */
  public readonly volumes: k8s.Volume[] = [];
  /** `imagePullSecrets`, by name. */
  public readonly imagePullSecrets: string[] = [];
  /** `deps`, per kind. */
  public readonly deps: { [kind: string]: string[] } = {};
  /** The severity each ResourcePolicy (`namespace/name`) chose for the job's Pending pods. */
  public readonly pendingPodsByPolicy = new Map<string, PendingPods>();
  /** The ResourcePolicies (`namespace/name`) that must place some of the job's pods. */
  public readonly requiredPolicies: string[] = [];
  /** The key of the rendered spec in the per-synth cache (`perSynth`). */
  public readonly renderKey = {};
  /** Where the roles run, if a placement was given. */
  public placement?: SparkPlacement;
  /** The remote shuffle service, if one was given. */
  public shuffle?: RemoteShuffle;
  /** The `addImageCache()` cache that takes the job's pull secrets (none when the caller gave its own). */
  public pullSecretsCache?: ImageCache;

  /**
   * @param props the job's props, with the defaults it inherited
   * @param profile the cluster profile the job is checked against, if any
   * @param maxNameLength the longest name the operator accepts for the job's kind
   */
  public constructor(
    public readonly props: AbstractSparkJobProps,
    public readonly profile: SparkClusterProfile | undefined,
    public readonly maxNameLength: number,
  ) {}
}

/** What the job's internal modules read of the job itself: the public members of `AbstractSparkJob`. */
export interface JobIdentity extends Construct {
  /** The application object. */
  readonly apiObject: ApiObject;
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`, if set on the object or its chart. */
  readonly namespace?: string;
  /** Language of the application. */
  readonly type: SparkApplicationType;
  /** Spark version of the image. */
  readonly sparkVersion: string;
  /** The driver role. */
  readonly driver: SparkDriver;
  /** The executor role. */
  readonly executor: SparkExecutor;
  /** The Spark configuration (a copy). */
  readonly sparkConf: { [key: string]: string };
  /** Dynamic allocation, if on. */
  readonly dynamicAllocation?: DynamicAllocation;
  /** Sets a Spark configuration entry, with the job's rules. */
  addSparkConf(key: string, value: string): void;
}
