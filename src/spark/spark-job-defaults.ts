import { Construct, IConstruct } from 'constructs';
import { PodSecurityPreset } from './pod-security';
import { RestartPolicy } from './restart-policy';
import { SparkPlacement } from '../eci/spark-placement';
import { imageProblem } from '../model/rules/api-server';
import { checkConfEntry, checkSparkConfKey } from '../model/rules/spark-conf';
import { brand, isBranded } from '../private/brand';
import { invalid } from '../private/errors';
import { checkAnnotations, checkDns1123Subdomain, checkLabels } from '../private/k8s-names';
import { captureArgument, checkArguments, CONSTRUCT_SHAPE, optionsShape } from '../private/props-shape';

/** What every job in a scope inherits unless it sets its own. */
export interface SparkJobDefaultsProps {
  /**
   * Container image of the driver and executors (`image`), for jobs that set none.
   *
   * @default - none
   */
  readonly image?: string;

  /**
   * Image pull secrets (`imagePullSecrets`), added before the job's own; duplicates dropped.
   *
   * @default - none
   */
  readonly imagePullSecrets?: string[];

  /**
   * The driver's service account (`driver.serviceAccount`), for jobs that set none; Spark runs
   * the executors under it too unless `executor.serviceAccount` says otherwise. A job's
   * `grantDriverRbac()` creates this account (one per chart and namespace, shared by the jobs
   * there) and gives it the driver's rights.
   *
   * @default - none
   */
  readonly serviceAccount?: string;

  /**
   * Spark configuration (`sparkConf`), e.g. event logs; a key the job sets wins.
   *
   * @default - none
   */
  readonly sparkConf?: { [key: string]: string };

  /**
   * Labels of the driver and executor pods (`driver.labels`, `executor.labels`), e.g. for cost
   * allocation; a key the job's role sets wins.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the driver and executor pods (`driver.annotations`, `executor.annotations`);
   * a key the job's role sets wins.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * Security preset of the pods (`podSecurity`), for jobs that set none.
   *
   * @default - none
   */
  readonly podSecurity?: PodSecurityPreset;

  /**
   * Where the pods run (`placement`), for jobs that set none. A job placed later (`place()`,
   * `ResourcePolicyUnits.addJob()` with a placement of its own) must pass `placement` instead.
   *
   * @default - none
   */
  readonly placement?: SparkPlacement;

  /**
   * Whether the operator restarts the application (`restartPolicy`), for jobs that set none.
   *
   * @default - none
   */
  readonly restartPolicy?: RestartPolicy;
}

/** What each prop holds (`captureArgument`); typed over the props, so a new prop needs a shape to compile. */
const PROPS_SHAPE = optionsShape<SparkJobDefaultsProps>({
  image: 'string',
  imagePullSecrets: 'strings',
  serviceAccount: 'string',
  sparkConf: 'stringMap',
  labels: 'stringMap',
  annotations: 'stringMap',
  podSecurity: 'instance',
  placement: 'instance',
  restartPolicy: 'instance',
});

/**
 * Platform defaults for every `SparkJob` and `ScheduledSparkJob` created under its scope (the
 * App, a Chart, or any construct) after it: image, pull secrets, service account, sparkConf,
 * pod labels and annotations, pod security, placement and restart policy. The job's own props
 * win; lists and maps are merged without duplicates; defaults in a nearer scope win over those of
 * an outer one. It renders nothing. `job.describeDefaults()` tells where each value came from.
 */
export class SparkJobDefaults extends Construct {
  /**
   * Whether `x` is a `SparkJobDefaults`, also when another copy of this package made it.
   *
   * @param x any value
   */
  public static isSparkJobDefaults(x: any): x is SparkJobDefaults {
    return isBranded(x, 'SparkJobDefaults');
  }

  /**
   * The defaults in force at `scope`, outermost first (each scope's in creation order).
   *
   * @param scope a construct
   */
  public static allOf(scope: IConstruct): SparkJobDefaults[] {
    checkArguments('SparkJobDefaults.allOf()', ['scope', scope, CONSTRUCT_SHAPE]);
    // From the registry, not by scanning each scope's children: a chart of n jobs made every
    // job's construction scan n siblings (issue #17). A removed child is not inherited from.
    return scope.node.scopes.flatMap(s => (defaultsByScope().get(s) ?? []).filter(d => s.node.tryFindChild(d.node.id) === d));
  }

  /** The defaults as given (a copy). */
  public readonly defaults: SparkJobDefaultsProps;

  public constructor(scope: Construct, id: string, props: SparkJobDefaultsProps) {
    super(scope, id);
    // The caller's objects are copied (changing them later changes nothing), and a misspelt key
    // (`imagePullSecret`) is refused rather than dropped.
    props = captureArgument('', props, PROPS_SHAPE);
    const registry = defaultsByScope();
    registry.set(scope, [...registry.get(scope) ?? [], this]);
    // What a job would refuse in these values, refused here, where they were written (the prop
    // names are the defaults' own): a job refuses only what depends on the job (its Spark version,
    // its allowedSecretConfKeys), naming these defaults as the source.
    if (props.image !== undefined) {
      const problem = imageProblem(props.image);
      if (problem) { invalid('image', problem, props.image); }
    }
    (props.imagePullSecrets ?? []).forEach((secret, i) => checkDns1123Subdomain(`imagePullSecrets[${i}]`, secret));
    if (props.serviceAccount !== undefined) { checkDns1123Subdomain('serviceAccount', props.serviceAccount); }
    for (const [key, value] of Object.entries(props.sparkConf ?? {})) {
      checkConfEntry('sparkConf', key, value);
      checkSparkConfKey(key);
    }
    checkLabels('labels', props.labels);
    checkAnnotations('annotations', props.annotations);
    if (props.podSecurity !== undefined && !PodSecurityPreset.isPodSecurityPreset(props.podSecurity)) {
      invalid('podSecurity', 'must be PodSecurityPreset.HARDENED or made with PodSecurityPreset.hardened()', props.podSecurity);
    }
    if (props.placement !== undefined && !SparkPlacement.isSparkPlacement(props.placement)) {
      invalid('placement', 'must be made with SparkPlacement.of(), perRole() or recommended()', props.placement);
    }
    if (props.restartPolicy !== undefined && !RestartPolicy.isRestartPolicy(props.restartPolicy)) {
      invalid('restartPolicy', 'must be made with RestartPolicy.never(), onFailure() or always()', props.restartPolicy);
    }
    this.defaults = props;
    brand(this, 'SparkJobDefaults');
  }
}

/**
 * The SparkJobDefaults made in each scope, in order. Kept on a global symbol so that two copies
 * of the library in one app (each with its own module state) see each other's defaults, as
 * `isSparkJobDefaults()` does.
 */
function defaultsByScope(): WeakMap<IConstruct, SparkJobDefaults[]> {
  const key = Symbol.for('cdk8s-spark-eci.SparkJobDefaults.byScope');
  const holder = globalThis as unknown as { [key: symbol]: WeakMap<IConstruct, SparkJobDefaults[]> | undefined };
  holder[key] ??= new WeakMap();
  return holder[key]!;
}
