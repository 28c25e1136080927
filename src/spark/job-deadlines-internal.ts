// A job's `deadlines` (JobDeadlines): the check of its own values where they are written, the
// post-render step that writes them into the application spec, and the cluster profile's
// `requireDeadlines` on the object's metadata. What each setting does in the cluster, with its
// sources, is in model/deadlines.ts, which reads them back for the plan.
import type { ApiObjectMetadata, Duration } from 'cdk8s';
import type { JobDeadlines } from './job-deadlines';
import { ECI_ANNOTATIONS, renderMaxPending } from '../eci/eci-annotations';
import type { SparkPlacement } from '../eci/spark-placement';
import {
  DRIVER_TIMEOUT_CONF, DRIVER_TIMEOUT_PLUGIN, DRIVER_TIMEOUT_SINCE, hasDriverTimeout, REQUIRE_DEADLINES_ANNOTATION, SPARK_PLUGINS_CONF, sparkPlugins,
} from '../model/deadlines';
import { readSparkTime } from '../model/spark-conf-values';
import { invalid } from '../private/errors';
import { EXACT_INTEGER, formatInteger } from '../private/number-format';
import { definedMetadata } from '../private/render';
import { checkDuration } from '../private/units';
import type { SparkClusterProfile } from '../profile/cluster-profile';

const MAX_PENDING = ECI_ANNOTATIONS.MAX_PENDING_MINUTE;

/** Refuses deadlines the cluster would not take, where they are written: units, ranges, and the Spark version `run` needs. */
export function checkJobDeadlines(deadlines: JobDeadlines | undefined, sparkVersion: string): void {
  if (deadlines === undefined) { return; }
  if (deadlines.start !== undefined) { renderMaxPending('deadlines.start', deadlines.start); }
  if (deadlines.run !== undefined) {
    runMinutes(deadlines.run);
    if (!hasDriverTimeout(sparkVersion)) {
      invalid('deadlines.run', `needs sparkVersion ${DRIVER_TIMEOUT_SINCE} or later, whose ${DRIVER_TIMEOUT_PLUGIN} reads ${DRIVER_TIMEOUT_CONF}: `
        + 'earlier Spark has neither, and its SparkContext fails on the plugin class', `sparkVersion ${sparkVersion}`);
    }
  }
}

/** `deadlines.run` in whole minutes, the unit of `spark.driver.timeout` (0 would mean none). */
function runMinutes(run: Duration): string {
  checkDuration('deadlines.run', run, 'Duration.hours(2)');
  return formatInteger('deadlines.run (minutes)', run.toMinutes({ integral: false }),
    { min: 1, max: EXACT_INTEGER.max, reader: `whole minutes, as Spark reads ${DRIVER_TIMEOUT_CONF}` });
}

/**
 * The application spec with the deadlines written in: `deadlines.start` into the annotations of
 * each role whose placement may run it on ECI, `deadlines.run` into `sparkConf` with the plugin
 * that reads it. Run at render, so that a placement given later (`place()`,
 * `ResourcePolicyUnits.addJob()`) and every `sparkConf` entry are seen; a value set elsewhere for
 * the same setting must agree.
 */
export function withDeadlines(
  spec: { [key: string]: any }, deadlines: JobDeadlines | undefined, eciRoles: readonly string[], placement: SparkPlacement | undefined,
): { [key: string]: any } {
  if (deadlines === undefined) { return spec; }
  let out = spec;
  if (deadlines.start !== undefined) {
    const minutes = renderMaxPending('deadlines.start', deadlines.start);
    // The roles the model says may run on ECI, hand-written tolerations and affinity included.
    const roles = (['driver', 'executor'] as const).filter(role => eciRoles.includes(role));
    if (roles.length === 0) {
      invalid('deadlines.start', `needs a placement that may run a role on ECI (EciPlacement.eciOnly(), ecsFirst() or resourcePolicy()): ${MAX_PENDING} `
        + 'is the only start deadline the cluster enforces, and nothing ends a Pending pod on ECS nodes',
      placement ? `driver ${placement.driver.kind}, executor ${placement.executor.kind}` : 'no placement');
    }
    for (const role of roles) {
      const annotations = out[role]?.annotations ?? {};
      const given = annotations[MAX_PENDING];
      if (given !== undefined && given !== minutes) {
        invalid('deadlines.start', `must agree with ${role}.annotations["${MAX_PENDING}"], which the placement's eci.maxPending or the role's annotations set: `
          + 'set it in one place', `${minutes} minutes and "${given}"`);
      }
      out = { ...out, [role]: { ...out[role], annotations: { ...annotations, [MAX_PENDING]: minutes } } };
    }
  }
  if (deadlines.run !== undefined) {
    const minutes = runMinutes(deadlines.run);
    const conf: { [key: string]: string } = { ...out.sparkConf };
    const given = conf[DRIVER_TIMEOUT_CONF];
    if (given !== undefined && readSparkTime(given, 'min') !== Number(minutes)) {
      invalid('deadlines.run', `must agree with sparkConf["${DRIVER_TIMEOUT_CONF}"]: set it in one place`, `${minutes} minutes and "${given}"`);
    }
    conf[DRIVER_TIMEOUT_CONF] = given ?? `${minutes}min`;
    if (!sparkPlugins(conf).includes(DRIVER_TIMEOUT_PLUGIN)) {
      const plugins = conf[SPARK_PLUGINS_CONF]?.trim();
      conf[SPARK_PLUGINS_CONF] = plugins ? `${plugins},${DRIVER_TIMEOUT_PLUGIN}` : DRIVER_TIMEOUT_PLUGIN;
    }
    out = { ...out, sparkConf: conf };
  }
  return out;
}

/**
 * The application object's metadata with `cdk8s-spark-eci/require-deadlines: "true"` when the
 * job's cluster profile asks for deadlines, so that the plan of the YAML warns as synthesis does.
 */
export function withDeadlineRequirement(
  profile: SparkClusterProfile | undefined, metadata: ApiObjectMetadata | undefined,
): ApiObjectMetadata | undefined {
  if (!profile?.requireDeadlines) { return metadata; }
  const given = metadata?.annotations?.[REQUIRE_DEADLINES_ANNOTATION];
  if (given !== undefined && given !== 'true') {
    invalid(`metadata.annotations["${REQUIRE_DEADLINES_ANNOTATION}"]`, 'must be left to the cluster profile\'s requireDeadlines, which writes it', given);
  }
  return definedMetadata({ ...metadata, annotations: { ...metadata?.annotations, [REQUIRE_DEADLINES_ANNOTATION]: 'true' } });
}
