import { checkArguments } from '../private/props-shape';

/**
 * The pods one Spark application launches, as a scheduler sees them.
 *
 * Placement plans (ResourcePolicy), ECI sizing and the `plan` command all reason about
 * pods, not about the SparkApplication spec; this is the one shape they share.
 */
export interface SparkPodGroup {
  /**
   * How many pods of this role run at the same time (the driver: 1; executors: `instances`,
   * or `dynamicAllocation.maxExecutors` when dynamic allocation is on).
   */
  readonly count: number;

  /**
   * Labels on these pods that the user controls (the application's labels and the role's
   * labels). The operator adds `sparkoperator.k8s.io/*` labels and Spark adds `spark-role`;
   * see `SparkPodSet.operatorLabels`.
   *
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations on these pods.
   *
   * @default - no annotations
   */
  readonly annotations?: { [key: string]: string };
}

/** The driver and executor pods of one Spark application. */
export interface SparkPodSet {
  /** Name of the SparkApplication (`metadata.name`). */
  readonly jobName: string;

  /**
   * Namespace of the SparkApplication; its pods run there.
   *
   * @default - the namespace of the kubectl context (`default` for planning)
   */
  readonly namespace?: string;

  /** The driver pod (count is always 1). */
  readonly driver: SparkPodGroup;

  /** The executor pods. */
  readonly executors: SparkPodGroup;
}

/** Something that launches Spark pods: a `SparkJob`, or a hand-written description. */
export interface ISparkPods {
  /** Describes the pods this application launches, for planning. */
  toPodSet(): SparkPodSet;
}

/**
 * Labels the Spark Operator puts on every driver and executor pod it launches.
 * A ResourcePolicy that selects Spark pods selects on these.
 */
export class SparkOperatorLabels {
  /** `sparkoperator.k8s.io/app-name`: the SparkApplication's name. */
  public static readonly APP_NAME = 'sparkoperator.k8s.io/app-name';
  /** `sparkoperator.k8s.io/launched-by-spark-operator`: always `"true"`. */
  public static readonly LAUNCHED_BY_SPARK_OPERATOR = 'sparkoperator.k8s.io/launched-by-spark-operator';
  /** `sparkoperator.k8s.io/submission-id`: new for every submission of the application. */
  public static readonly SUBMISSION_ID = 'sparkoperator.k8s.io/submission-id';
  /** `spark-role`: `driver` or `executor`, added by Spark itself. */
  public static readonly SPARK_ROLE = 'spark-role';

  /**
   * The labels the operator and Spark add to one role's pods of the named application.
   * The submission id is a placeholder, the same for all pods of one submission.
   */
  public static forPod(jobName: string, role: string): { [key: string]: string } {
    checkArguments('SparkOperatorLabels.forPod()', ['jobName', jobName, 'string'], ['role', role, 'string']);
    return SparkOperatorLabels._addToPod({}, jobName, role, '<submission-id>');
  }

  /**
   * Sets the labels of `forPod()` on `labels` (over what it holds) and returns it, without the
   * argument checks: for the model, which builds pod labels by assignment (see `addStrings()`).
   *
   * @param submission the value that stands for the pods' submission id
   * @internal
   */
  public static _addToPod(labels: { [key: string]: string }, jobName: string, role: string, submission: string): { [key: string]: string } {
    labels[SparkOperatorLabels.APP_NAME] = jobName;
    labels[SparkOperatorLabels.LAUNCHED_BY_SPARK_OPERATOR] = 'true';
    labels[SparkOperatorLabels.SUBMISSION_ID] = submission;
    labels[SparkOperatorLabels.SPARK_ROLE] = role;
    return labels;
  }

  private constructor() {}
}
