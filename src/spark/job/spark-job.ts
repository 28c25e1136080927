import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AbstractSparkJob } from './abstract-spark-job';
import { AbstractSparkJobProps } from './abstract-spark-job-props';
import { jobPropsShape } from './job-props-shape';
import { CheckedApiObject } from '../../checks/checked-api-object';
import { SPARK_APPLICATION_GVK } from '../../private/bindings';
import { invalid } from '../../private/errors';
import { captureProps } from '../../private/props-shape';

/** Props of a `SparkJob`. */
export interface SparkJobProps extends AbstractSparkJobProps {
  /**
   * Metadata of the SparkApplication: name, namespace, labels (copied to every pod) and
   * annotations.
   *
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Create the application suspended (`suspend`): the operator submits it when this turns false.
   *
   * @default false
   */
  readonly suspend?: boolean;
}


const SHAPE = jobPropsShape<SparkJobProps>({ metadata: 'object', suspend: 'boolean' });

/**
 * A Spark application run by the Kubeflow Spark Operator: one `SparkApplication`
 * (`sparkoperator.k8s.io/v1beta2`).
 *
 * Units are types (`Size`, `Cpu`, `Duration`), values the operator or Spark would refuse are
 * errors at synth, and every field of the v2.5.2 CRD is reachable: the common ones as props,
 * the rest through `ApiObject.of(job).addJsonPatch(...)`.
 */
export class SparkJob extends AbstractSparkJob {
  /** The `SparkApplication` API object (child id `Resource`). */
  public readonly apiObject: ApiObject;

  private readonly suspend?: boolean;

  public constructor(scope: Construct, id: string, props: SparkJobProps) {
    super(scope, id, captureProps('', props, SHAPE));
    if (props.suspend === false && props.queue?._suspends) {
      invalid('suspend', 'must be left out or true with JobQueue.ackKubeQueue(), which creates the job suspended', false);
    }
    this.suspend = props.suspend;
    // A plain ApiObject (not the generated class) keeps fields added by JSON patches.
    this.apiObject = new CheckedApiObject(this, 'Resource', {
      ...SPARK_APPLICATION_GVK,
      metadata: this._applicationMetadata(props.metadata),
      spec: Lazy.any({ produce: () => this._render() }),
    });
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    const spec = this._renderApplication();
    return this.suspend === undefined ? spec : { ...spec, suspend: this.suspend };
  }
}
