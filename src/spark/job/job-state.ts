import type { ApiObject } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import type { AbstractSparkJobProps } from './abstract-spark-job-props';
import type { EciRoleWrite } from './eci-role-writes';
import type { PendingPods } from '../../checks/pending-pods';
import type { ImageCache } from '../../eci/image-cache';
import type { SparkPlacement } from '../../eci/spark-placement';
import type { JobDecisions } from '../../model/decisions';
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
  /**
   * The ResourcePolicies (`namespace/name`) that must place some of the job's pods
   * (`addJob()`, `checkCapacity()`), each with its own choice for the pods it keeps Pending.
   */
  public readonly resourcePolicies: Array<{ readonly policy: string; pendingPods?: PendingPods }> = [];
  /** Where the roles run, if a placement was given. */
  public placement?: SparkPlacement;
  /** The remote shuffle service, if one was given. */
  public shuffle?: RemoteShuffle;
  /**
   * What `ResourcePolicyUnits.addJob()` and `addImageCache()` write on the roles they reach, in call
   * order, decided when the job renders (eci-role-writes.ts).
   */
  public readonly eciRoleWrites: EciRoleWrite[] = [];
  /** The `addImageCache()` cache that takes the job's pull secrets (none when the caller gave its own). */
  public pullSecretsCache?: ImageCache;

  /**
   * @param props the job's props, with the defaults it inherited
   * @param profile the cluster profile the job is checked against, if any
   */
  public constructor(
    public readonly props: AbstractSparkJobProps,
    public readonly profile: SparkClusterProfile | undefined,
  ) {}

  /** The user's decisions about the job's findings, as `decisions.ts` records them in the YAML. */
  public decisions(): JobDecisions {
    const placement = this.placement;
    return {
      pendingPods: this.props.pendingPods,
      unschedulablePods: this.props.unschedulablePods,
      resourcePolicies: this.resourcePolicies.map(p => ({ ...p })),
      // An ECS-only role never runs on ECI (a toleration that would let it is refused): no threshold to record.
      unusedShareWarning: {
        driver: placement?.driver.mayRunOnEci ? placement.driver.unusedShareWarning : undefined,
        executor: placement?.executor.mayRunOnEci ? placement.executor.unusedShareWarning : undefined,
      },
    };
  }
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
  /** Which `SparkJobDefaults` gave each field the job did not set itself (`AbstractSparkJob.describeDefaults()`). */
  describeDefaults(): { [field: string]: string };
  /** Sets a Spark configuration entry, with the job's rules. */
  addSparkConf(key: string, value: string): void;
}
