// The construct-side checks of a job's rendered application, run once per synth after every mutator:
// whole-object rules (validateApplication, with fitProblems and spec-contradictions.ts), the cluster
// profile's gates (validateProfile) and the planner's findings (validateWithPlan). Kept together,
// as they were written, for the model's rules (src/model/) to replace: a rule moved there is
// deleted here.
import { rolesToFit, renderedApplication, sizeRendered } from './application-spec';
import { profileFindings } from './job-profile';
import type { JobIdentity, JobState } from './job-state';
import { specContradictions } from './spec-contradictions';
import { renderedJson } from '../../checks/cluster-check';
import { jobFindings } from '../../checks/job-check';
import { PendingPods } from '../../checks/pending-pods';
import { SparkApplicationType } from '../../model/spark-application-type';
import type { SparkJobSizing } from '../../model/spark-job-sizing';
import { invalidMessage } from '../../private/errors';
import { applicationNameProblem, compareVersions } from '../../private/names';
import { SPARK_NAMESPACE_CONF } from '../../private/spark-conf-rules';
import { gangLabelClashes } from '../gang-scheduling-internal';
import { PythonVersion } from '../spark-application-options';

/** Every check of the job, in the order synthesis reports them. */
export function applicationChecks(job: JobIdentity, state: JobState): string[] {
  return [...validateApplication(job, state), ...validateProfile(job, state), ...validateWithPlan(job, state)];
}

/** Whole-object rules, checked at synth after every mutator has run. */
function validateApplication(job: JobIdentity, state: JobState): string[] {
  const errors: string[] = [];
  const nameProblem = applicationNameProblem(job.name, state.maxNameLength);
  if (nameProblem) { errors.push(`metadata.name ${nameProblem}`); }
  if (state.props.gang) {
    errors.push(...gangLabelClashes('driver', job.driver.labels), ...gangLabelClashes('executor', job.executor.labels));
  }

  const confNamespace = state.conf.sparkConf[SPARK_NAMESPACE_CONF];
  if (confNamespace !== undefined && confNamespace !== (job.namespace ?? 'default')) {
    errors.push(invalidMessage(`sparkConf["${SPARK_NAMESPACE_CONF}"]`,
      `must equal the object's namespace "${job.namespace ?? 'default'}" (the webhook rejects others); set the namespace on the job or chart instead`,
      confNamespace));
  }

  const da = state.props.dynamicAllocation;
  if (da?.maxExecutors !== undefined && job.executor.instances > da.maxExecutors) {
    errors.push(invalidMessage('executor.instances', `must be <= dynamicAllocation.maxExecutors (${da.maxExecutors})`, job.executor.instances));
  }

  for (const role of [job.driver, job.executor]) {
    errors.push(...role._podSecurityProblems());
    if (role.hasTemplate && compareVersions(job.sparkVersion, '3.0.0') < 0) {
      errors.push(invalidMessage(`${role.roleName}.template`,
        'needs sparkVersion >= 3.0 (Spark applies pod templates only since 3.0); use the spec fields instead', `sparkVersion ${job.sparkVersion}`));
    }
    const volumeNames = state.volumes.map(v => v.name);
    for (const name of role.mountedVolumeNames) {
      if (!volumeNames.includes(name)) {
        errors.push(invalidMessage(`${role.roleName}.volumeMounts[].name`,
          `must name a volume in volumes (${volumeNames.length ? volumeNames.join(', ') : 'none defined'})`, name));
      }
    }
  }

  errors.push(...fitProblems(job, state));
  errors.push(...state.shuffle?._problems(job) ?? []);
  const placed = state.placement;
  const context = {
    sparkVersion: job.sparkVersion,
    podSecurity: state.props.podSecurity !== undefined,
    // only a placement's ECS_ONLY role cannot run on ECI; no placement at all is not one
    ecsOnly: placed && { driver: !placed.driver.mayRunOnEci, executor: !placed.executor.mayRunOnEci },
  };
  errors.push(...specContradictions(renderedApplication(job, state), context));

  if (state.props.pythonVersion !== undefined && job.type !== SparkApplicationType.PYTHON) {
    errors.push(invalidMessage('pythonVersion', 'applies only to type SparkApplicationType.PYTHON', `type ${job.type}`));
  }
  // PySpark dropped Python 2 in Spark 3.1 (SPARK-32138); Spark 4 needs Python 3.9 or later.
  if (state.props.pythonVersion === PythonVersion.PYTHON_2 && compareVersions(job.sparkVersion, '3.1.0') >= 0) {
    errors.push(invalidMessage('pythonVersion', 'cannot be PythonVersion.PYTHON_2 with sparkVersion >= 3.1 (PySpark dropped Python 2 in 3.1): use PythonVersion.PYTHON_3',
      `PYTHON_2, sparkVersion ${job.sparkVersion}`));
  }
  return errors;
}
/** `fitInstanceSpecs` on a role whose pods no ECI size fits. */
function fitProblems(job: JobIdentity, state: JobState): string[] {
  const spec = renderedApplication(job, state);
  const unfitted = rolesToFit(state, spec);
  if (unfitted.length === 0) { return []; }
  let sizing: SparkJobSizing;
  try {
    sizing = sizeRendered(job, spec);
  } catch {
    return []; // the plan reports the refused value
  }
  return unfitted.map(roleName => sizing[roleName].eciFit).filter(fit => !fit.fits).map((fit, i) =>
    `${unfitted[i]}.eci fitInstanceSpecs found no ECI size for the pod: ${fit.suggestion}; lower its CPU or memory, or drop fitInstanceSpecs`);
}
/** What the cluster profile refuses in the rendered manifest (see `profile`). */
function validateProfile(job: JobIdentity, state: JobState): string[] {
  return profileFindings(job, state.profile, {
    manifest: renderedJson(job.apiObject),
    scheduled: job.apiObject.kind === 'ScheduledSparkApplication',
    namespace: job.namespace ?? 'default',
    queue: state.props.queue?.system,
  });
}
/**
 * The planner's findings about this job's rendered manifest, with the severities chosen for
 * them (see `pendingPods`, `unschedulablePods`).
 */
function validateWithPlan(job: JobIdentity, state: JobState): string[] {
  const placement = state.placement;
  return jobFindings(job, job.apiObject.node.path, {
    pendingPods: state.props.pendingPods ?? PendingPods.ERROR,
    unschedulablePods: state.props.unschedulablePods ?? PendingPods.ERROR,
    pendingPodsByPolicy: state.pendingPodsByPolicy,
    requiredPolicies: state.requiredPolicies,
    declared: { driver: placement?.driver.kind, executor: placement?.executor.kind },
    unusedShareWarning: {
      driver: placement?.driver.unusedShareWarning ?? 0,
      executor: placement?.executor.unusedShareWarning ?? 0,
    },
  });
}
