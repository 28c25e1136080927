// How a job takes the SparkJobDefaults in force at its scope: the merge, and where each value came
// from. Typed by the fields it merges, not by the job's props, so that spark-job-defaults.ts and
// job/abstract-spark-job.ts do not import each other; internal, not exported from the package.
import { IConstruct } from 'constructs';
import { SparkPlacement } from '../../eci/spark-placement';
import { SparkEciValidationError } from '../../private/errors';
import { PodSecurityPreset } from '../pod-security';
import { RestartPolicy } from '../restart-policy';
import { SparkJobDefaults, SparkJobDefaultsProps } from '../spark-job-defaults';

/** The fields of a role's props that defaults fill in. */
interface DefaultableRole {
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
  readonly serviceAccount?: string;
}

/** The fields of a job's props that defaults fill in (`AbstractSparkJobProps` has them all). */
interface DefaultableProps {
  readonly image?: string;
  readonly imagePullSecrets?: string[];
  readonly sparkConf?: { [key: string]: string };
  readonly podSecurity?: PodSecurityPreset;
  readonly placement?: SparkPlacement;
  readonly restartPolicy?: RestartPolicy;
  readonly driver?: DefaultableRole;
  readonly executor?: DefaultableRole;
}

/** What `InheritedDefaults` reads of the job as it is now: the values later calls may change. */
export interface DefaultsReader {
  readonly sparkConf: { [key: string]: string };
  readonly placement?: SparkPlacement;
  readonly driver: DefaultsRoleReader;
  readonly executor: DefaultsRoleReader;
}

/** What `InheritedDefaults` reads of a role as it is now. */
export interface DefaultsRoleReader {
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
  readonly serviceAccount?: string;
  readonly podSecurity?: PodSecurityPreset;
}

/** What `describeDefaults()` names where the job's own value won over a default. */
const JOB = 'job';

/**
 * Where each value a job took from `SparkJobDefaults` came from. A value the job has changed since
 * (`addSparkConf()`, `driver.useServiceAccount()`, `driver.addLabel()`...) is the job's own: the
 * job's messages and `describeDefaults()` name the defaults only while the job holds their value.
 */
export class InheritedDefaults {
  /** A job under no defaults. */
  public static readonly NONE = new InheritedDefaults({}, new Map());

  /**
   * @param sources field (`image`, `sparkConf["k"]`, `driver.labels["k"]`) → the defaults' construct path, or `job` where the job's own value won
   * @param values field → the value inherited, for the fields a later call can change
   */
  public constructor(
    private readonly sources: { readonly [field: string]: string },
    private readonly values: ReadonlyMap<string, unknown>,
  ) {}

  /** Field → the path of the defaults the job's value came from, or `job`, for the job as it is now. */
  public describe(job: DefaultsReader): { [field: string]: string } {
    const out: { [field: string]: string } = {};
    for (const [field, source] of Object.entries(this.sources)) {
      out[field] = source !== JOB && this.stillInherited(field, job) ? source : JOB;
    }
    return out;
  }

  /**
   * The path of the `SparkJobDefaults` the job's value of `field` came from, or undefined when the
   * job set that value itself (in its props or by a later call) or no default gave one.
   */
  public sourceOf(field: string, job: DefaultsReader): string | undefined {
    const source = this.sources[field];
    return source !== undefined && source !== JOB && this.stillInherited(field, job) ? source : undefined;
  }

  /**
   * Runs `apply` (the job taking the value of `field`), and when the job refuses a value it
   * inherited, says which `SparkJobDefaults` gave it: the rule is the job's (its Spark version,
   * its `allowedSecretConfKeys`), the value is not in the job's props.
   */
  public apply(field: string, apply: () => void): void {
    const source = this.sources[field];
    if (source === undefined || source === JOB) {
      apply();
      return;
    }
    try {
      apply();
    } catch (e) {
      if (!(e instanceof SparkEciValidationError)) { throw e; }
      throw new SparkEciValidationError(`${e.message} (inherited from SparkJobDefaults ${source})`);
    }
  }

  private stillInherited(field: string, job: DefaultsReader): boolean {
    // image, pull secrets and the restart policy: no later call changes them
    if (!this.values.has(field)) { return true; }
    return currentValue(field, job) === this.values.get(field);
  }
}

/** The job's value of a field that later calls can change. */
function currentValue(field: string, job: DefaultsReader): unknown {
  const entry = /^(sparkConf|(driver|executor)\.(labels|annotations))\["(.*)"\]$/.exec(field);
  if (entry) {
    const [, , role, map, key] = entry;
    return role === undefined ? job.sparkConf[key] : job[role as 'driver' | 'executor'][map as 'labels' | 'annotations'][key];
  }
  switch (field) {
    case 'placement': return job.placement;
    case 'podSecurity': return job.driver.podSecurity;
    default: return job.driver.serviceAccount; // driver.serviceAccount, the only other field recorded
  }
}

/** The job's props with the scope's defaults merged in, and where each inherited value came from. */
export interface InheritedProps<P> {
  /** The props with the defaults merged in. */
  readonly props: P;
  /** Where each inherited value came from. */
  readonly defaults: InheritedDefaults;
}

/** Merges the defaults in force at `scope` into a job's props. */
export function inheritJobDefaults<P extends DefaultableProps>(scope: IConstruct, props: P): InheritedProps<P> {
  const all = SparkJobDefaults.allOf(scope);
  if (all.length === 0) { return { props, defaults: InheritedDefaults.NONE }; }
  const sources: { [field: string]: string } = {};
  const values = new Map<string, unknown>();
  const inherit = (field: string, d: SparkJobDefaults, value: unknown, changeable: boolean) => {
    sources[field] = d.node.path;
    if (changeable) { values.set(field, value); } else { values.delete(field); }
  };
  const pick = <T>(field: string, own: T | undefined, get: (d: SparkJobDefaultsProps) => T | undefined, changeable = false): T | undefined => {
    let value: T | undefined;
    for (const d of all) {
      const v = get(d.defaults);
      if (v !== undefined) { value = v; inherit(field, d, v, changeable); }
    }
    if (own !== undefined) {
      if (sources[field] !== undefined) { sources[field] = JOB; }
      return own;
    }
    return value;
  };
  type StringMap = { [k: string]: string };
  const mergeMap = (field: string, own: StringMap | undefined, get: (d: SparkJobDefaultsProps) => StringMap | undefined) => {
    const out: StringMap = {};
    for (const d of all) {
      for (const [k, v] of Object.entries(get(d.defaults) ?? {})) { out[k] = v; inherit(`${field}["${k}"]`, d, v, true); }
    }
    for (const [k, v] of Object.entries(own ?? {})) {
      if (sources[`${field}["${k}"]`] !== undefined) { sources[`${field}["${k}"]`] = JOB; }
      out[k] = v;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };

  const pullSecrets: string[] = [];
  for (const d of all) {
    for (const s of d.defaults.imagePullSecrets ?? []) {
      if (!pullSecrets.includes(s)) { pullSecrets.push(s); sources[`imagePullSecrets["${s}"]`] = d.node.path; }
    }
  }
  for (const s of props.imagePullSecrets ?? []) {
    if (!pullSecrets.includes(s)) { pullSecrets.push(s); } else { sources[`imagePullSecrets["${s}"]`] = JOB; }
  }

  const role = <R extends DefaultableRole>(name: 'driver' | 'executor', own: R | undefined): R | undefined => {
    const labels = mergeMap(`${name}.labels`, own?.labels, d => d.labels);
    const annotations = mergeMap(`${name}.annotations`, own?.annotations, d => d.annotations);
    const serviceAccount = name === 'driver' ? pick('driver.serviceAccount', own?.serviceAccount, d => d.serviceAccount, true) : own?.serviceAccount;
    const out = { ...own, labels, annotations, serviceAccount };
    return Object.values(out).some(v => v !== undefined) ? out as R : undefined;
  };

  const merged: P = {
    ...props,
    image: pick('image', props.image, d => d.image),
    imagePullSecrets: pullSecrets.length > 0 ? pullSecrets : undefined,
    sparkConf: mergeMap('sparkConf', props.sparkConf, d => d.sparkConf),
    podSecurity: pick('podSecurity', props.podSecurity, d => d.podSecurity, true),
    placement: pick('placement', props.placement, d => d.placement, true),
    restartPolicy: pick('restartPolicy', props.restartPolicy, d => d.restartPolicy),
    driver: role('driver', props.driver),
    executor: role('executor', props.executor),
  };
  return { props: merged, defaults: new InheritedDefaults(sources, values) };
}
