// How a job takes the SparkJobDefaults in force at its scope: the merge, and where each value came
// from. Typed by the fields it merges, not by the job's props, so that spark-job-defaults.ts and
// job/abstract-spark-job.ts do not import each other; internal, not exported from the package.
import { IConstruct } from 'constructs';
import { SparkPlacement } from '../../eci/spark-placement';
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

/** The job's props with the scope's defaults merged in, and where each inherited value came from. */
export interface InheritedProps<P> {
  /** The props with the defaults merged in. */
  readonly props: P;
  /** Field (`image`, `sparkConf["k"]`, `driver.labels["k"]`) → the defaults' construct path, or `job` where the job's own value won. */
  readonly sources: { [field: string]: string };
}

/** Merges the defaults in force at `scope` into a job's props. */
export function inheritJobDefaults<P extends DefaultableProps>(scope: IConstruct, props: P): InheritedProps<P> {
  const all = SparkJobDefaults.allOf(scope);
  if (all.length === 0) { return { props, sources: {} }; }
  const sources: { [field: string]: string } = {};
  const pick = <T>(field: string, own: T | undefined, get: (d: SparkJobDefaultsProps) => T | undefined): T | undefined => {
    let value: T | undefined;
    for (const d of all) {
      const v = get(d.defaults);
      if (v !== undefined) { value = v; sources[field] = d.node.path; }
    }
    if (own !== undefined) {
      if (sources[field] !== undefined) { sources[field] = 'job'; }
      return own;
    }
    return value;
  };
  type StringMap = { [k: string]: string };
  const mergeMap = (field: string, own: StringMap | undefined, get: (d: SparkJobDefaultsProps) => StringMap | undefined) => {
    const out: StringMap = {};
    for (const d of all) {
      for (const [k, v] of Object.entries(get(d.defaults) ?? {})) { out[k] = v; sources[`${field}["${k}"]`] = d.node.path; }
    }
    for (const [k, v] of Object.entries(own ?? {})) {
      if (sources[`${field}["${k}"]`] !== undefined) { sources[`${field}["${k}"]`] = 'job'; }
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
    if (!pullSecrets.includes(s)) { pullSecrets.push(s); } else { sources[`imagePullSecrets["${s}"]`] = 'job'; }
  }

  const role = <R extends DefaultableRole>(name: 'driver' | 'executor', own: R | undefined): R | undefined => {
    const labels = mergeMap(`${name}.labels`, own?.labels, d => d.labels);
    const annotations = mergeMap(`${name}.annotations`, own?.annotations, d => d.annotations);
    const serviceAccount = name === 'driver' ? pick('driver.serviceAccount', own?.serviceAccount, d => d.serviceAccount) : own?.serviceAccount;
    const out = { ...own, labels, annotations, serviceAccount };
    return Object.values(out).some(v => v !== undefined) ? out as R : undefined;
  };

  const merged: P = {
    ...props,
    image: pick('image', props.image, d => d.image),
    imagePullSecrets: pullSecrets.length > 0 ? pullSecrets : undefined,
    sparkConf: mergeMap('sparkConf', props.sparkConf, d => d.sparkConf),
    podSecurity: pick('podSecurity', props.podSecurity, d => d.podSecurity),
    placement: pick('placement', props.placement, d => d.placement),
    restartPolicy: pick('restartPolicy', props.restartPolicy, d => d.restartPolicy),
    driver: role('driver', props.driver),
    executor: role('executor', props.executor),
  };
  return { props: merged, sources };
}
