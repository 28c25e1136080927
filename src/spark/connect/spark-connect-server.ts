import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { CONNECT_PROPS_SHAPE } from './connect-props-shape';
import { SparkConnectServerProps } from './spark-connect-props';
import { SparkConnectRole } from './spark-connect-role';
import { CheckedApiObject } from '../../checks/checked-api-object';
import { registerChecked } from '../../checks/synth-session';
import { SparkPlacement } from '../../eci/spark-placement';
import { SPARK_CONNECT_GVK } from '../../private/bindings';
import { invalid } from '../../private/errors';
import { compareVersions } from '../../private/names';
import { captureArgument } from '../../private/props-shape';
import { compact, definedMetadata } from '../../private/render';
import { SparkClusterProfile } from '../../profile/cluster-profile';
import { sparkConnectProblems } from '../../profile/profile-gates';
import { DynamicAllocation } from '../dynamic-allocation';
import { checkDynamicAllocation, renderDynamicAllocation } from '../dynamic-allocation-internal';
import { SparkEventLog } from '../event-log';
import { RemoteShuffle } from '../remote-shuffle';
import { SparkConf } from '../spark-conf';

/**
 * A long-running Spark Connect server with its executors (`SparkConnect`,
 * `sparkoperator.k8s.io/v1alpha1`, Spark Operator >= 2.3), with the same placements and ECI
 * options as `SparkJob`. The operator creates the server pod from `server.template` and starts
 * `start-connect-server.sh`; Spark creates the executors.
 *
 * @see https://www.kubeflow.org/docs/components/spark-operator/user-guide/spark-connect/
 */
export class SparkConnectServer extends Construct {
  /** The server pod's settings. */
  public readonly server: SparkConnectRole;
  /** The executors' settings. */
  public readonly executor: SparkConnectRole;
  /** Spark version of the image. */
  public readonly sparkVersion: string;
  /** The primary API object (child id `Resource`). */
  public readonly apiObject: ApiObject;

  private readonly props: SparkConnectServerProps;
  /** `sparkConf` and `hadoopConf`, with `SparkJob`'s rules. */
  private readonly conf = new SparkConf();
  private _shuffle?: RemoteShuffle;

  public constructor(scope: Construct, id: string, props: SparkConnectServerProps) {
    super(scope, id);
    // The caller's objects are copied: changing them later changes nothing.
    props = captureArgument('', props, CONNECT_PROPS_SHAPE);
    if (typeof props.sparkVersion !== 'string' || !/^\d+\.\d+(\.\d+)?/.test(props.sparkVersion) || compareVersions(props.sparkVersion, '3.4.0') < 0) {
      invalid('sparkVersion', 'must be a Spark version of at least 3.4, Spark Connect\'s first release, e.g. "4.0.1"', props.sparkVersion);
    }
    if (typeof props.image !== 'string' || props.image.trim() === '') {
      invalid('image', 'is required: the operator refuses a SparkConnect without one', props.image);
    }
    this.props = props;
    this.sparkVersion = props.sparkVersion;
    this.conf.allowSecretKeys(props.allowedSecretConfKeys ?? []);
    this.server = new SparkConnectRole('server', props.server ?? {});
    this.executor = new SparkConnectRole('executor', props.executor ?? {});
    for (const [key, value] of Object.entries(props.sparkConf ?? {})) { this.addSparkConf(key, value); }
    for (const [key, value] of Object.entries(props.hadoopConf ?? {})) { this.conf.setHadoop(key, value); }
    checkDynamicAllocation(props.dynamicAllocation);
    if (props.shuffle) {
      if (!RemoteShuffle.isRemoteShuffle(props.shuffle)) { invalid('shuffle', 'must be made with RemoteShuffle.celeborn()', props.shuffle); }
      props.shuffle._applyTo(this);
      this._shuffle = props.shuffle;
    }
    if (props.eventLog) {
      if (!SparkEventLog.isSparkEventLog(props.eventLog)) { invalid('eventLog', 'must be made with SparkEventLog.toOss() or toUri()', props.eventLog); }
      props.eventLog._applyTo(this, () => this.conf.hadoopConf);
    }
    if (props.placement) {
      if (!SparkPlacement.isSparkPlacement(props.placement)) {
        invalid('placement', 'must be made with SparkPlacement.of(), perRole(), recommended() or spotResilient()', props.placement);
      }
      const self = this;
      // The roles take every rule into their pod templates, whatever target the placement names.
      props.placement._applyTo({
        sparkVersion: this.sparkVersion,
        driver: this.server,
        executor: this.executor,
        get sparkConf() { return self.sparkConf; },
        addSparkConf: (key, value) => this.addSparkConf(key, value),
      });
    }
    this.apiObject = new CheckedApiObject(this, 'Resource', {
      ...SPARK_CONNECT_GVK,
      metadata: definedMetadata(props.metadata),
      spec: Lazy.any({ produce: () => this._render() }),
    });
    // Every rule about the rendered SparkConnect (names, the webhook's refusals, the API server's)
    // is the model's, run by the synth session over every object; these are checks of its arguments.
    registerChecked(this, { argumentProblems: () => this.argumentProblems() });
  }

  /** The Spark configuration (a copy). */
  public get sparkConf(): { [key: string]: string } {
    return this.conf.sparkConf;
  }

  /** Dynamic allocation, if on (a copy). */
  public get dynamicAllocation(): DynamicAllocation | undefined {
    return this.props.dynamicAllocation && { ...this.props.dynamicAllocation };
  }

  /** Sets a Spark configuration entry (`sparkConf`), with `SparkJob`'s rules. */
  public addSparkConf(key: string, value: string): void {
    this.conf.setSpark(key, value);
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    return compact({
      sparkVersion: this.sparkVersion,
      image: this.props.image,
      sparkConf: this.conf.renderSparkConf(),
      hadoopConf: this.conf.renderHadoopConf(),
      server: this.server._render(),
      executor: this.executor._render(),
      dynamicAllocation: renderDynamicAllocation(this.props.dynamicAllocation, this._shuffle !== undefined),
    });
  }

  private argumentProblems(): string[] {
    const errors: string[] = [];
    errors.push(...this._shuffle?._problems(this) ?? []);
    const profile = SparkClusterProfile.of(this);
    if (profile) { errors.push(...sparkConnectProblems(profile, this.apiObject.metadata.namespace ?? 'default')); }
    return errors;
  }
}
