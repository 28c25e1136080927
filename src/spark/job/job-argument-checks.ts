/**
 * The checks of a job's own arguments that only make sense on the whole job, run at synth: props
 * that contradict each other where the YAML cannot show it (the placement a role was given is not
 * written in the YAML; a security preset is a promise about pods). Every judgement about the
 * rendered manifest is the model's rule book, run by the synth session over every object; nothing
 * here reads the rendered manifest to decide something the YAML alone would decide. Where a call's
 * effect depends on the rendered pods (the roles `addJob()` and `addImageCache()` reach), the
 * model says which roles those are, and the check here is about the call (the policy it names,
 * the placement the YAML does not show).
 */
import { rolesWritten } from './eci-role-writes';
import type { JobIdentity, JobState } from './job-state';
import { warnOnce } from '../../checks/cluster-check';
import { SynthSession } from '../../checks/synth-session';
import { EciPlacementKind } from '../../eci/eci-placement';
import { ECI_ANNOTATION_PREFIX, ECI_FORCE_LABEL, toleratesEciTaint } from '../../model/eci-scheduling';
import { eciCapableRoles, RoleName } from '../../model/selection';
import { invalidMessage } from '../../private/errors';
import { profileProblems, profileWarnings } from '../../profile/profile-gates';
import { gangLabelClashes } from '../gang-scheduling-internal';
import type { SparkRole } from '../role/spark-role';

/** Every argument problem of the job, in the order synthesis reports them; profile warnings are printed once. */
export function jobArgumentProblems(job: JobIdentity, state: JobState): string[] {
  const errors: string[] = [];
  if (state.props.gang) {
    errors.push(...gangLabelClashes('driver', job.driver.labels), ...gangLabelClashes('executor', job.executor.labels));
  }
  for (const role of [job.driver, job.executor]) {
    errors.push(...role._podSecurityProblems());
  }
  errors.push(...podSecurityContradictions(job, state));
  errors.push(...state.shuffle?._problems(job) ?? []);
  errors.push(...placementContradictions(job, state));
  if (state.eciRoleWrites.length > 0) {
    errors.push(...eciRoleWriteProblems(job, state, SynthSession.of(job).renderedJson(job.apiObject)));
  }
  if (state.profile) {
    const profiled = {
      manifest: SynthSession.of(job).renderedJson(job.apiObject),
      scheduled: job.apiObject.kind === 'ScheduledSparkApplication',
      namespace: job.namespace ?? 'default',
      queue: state.props.queue?.system,
    };
    for (const warning of profileWarnings(state.profile, profiled)) { warnOnce(job, warning); }
    errors.push(...profileProblems(state.profile, profiled));
  }
  return errors;
}

/** The hardened preset promises pods isolated from the node: no host network, no hostPath volume. */
function podSecurityContradictions(job: JobIdentity, state: JobState): string[] {
  if (state.props.podSecurity === undefined) { return []; }
  const errors: string[] = [];
  for (const role of [job.driver, job.executor]) {
    if (role.hostNetwork === true) {
      errors.push(invalidMessage(`${role.roleName}.hostNetwork`, 'cannot be true with podSecurity (the preset keeps pods off the node\'s network namespace)', true));
    }
  }
  for (const volume of state.volumes) {
    if (volume.hostPath !== undefined) {
      errors.push(invalidMessage(`volumes["${volume.name}"].hostPath`, 'cannot be used with podSecurity (a hostPath volume reaches into the node\'s file system)', volume.hostPath));
    }
  }
  return errors;
}

/**
 * A role the placement keeps on ECS only (`EciPlacement.ecsOnly()`) or sends to a ResourcePolicy
 * must not carry what contradicts that: the ECI-forcing label (it overrides the placement and any
 * policy), a toleration of the ECI taint, or ECI options, which never apply on ECS.
 */
function placementContradictions(job: JobIdentity, state: JobState): string[] {
  const placement = state.placement;
  if (!placement) { return []; }
  const errors: string[] = [];
  for (const role of [job.driver, job.executor] as SparkRole[]) {
    const kind = placement[role.roleName as 'driver' | 'executor'].kind;
    const labels: Array<[string, { [key: string]: string } | undefined]> = [
      [`${role.roleName}.labels`, role.labels], [`${role.roleName}.template.metadata.labels`, role.template?.metadata?.labels],
    ];
    for (const [field, map] of labels) {
      const forced = map?.[ECI_FORCE_LABEL];
      if (kind === EciPlacementKind.ECS_ONLY && forced === 'true') {
        errors.push(invalidMessage(`${field}["${ECI_FORCE_LABEL}"]`,
          `cannot be "true" with the ${role.roleName} placed ECS only (EciPlacement.ecsOnly()): the label forces ECI and overrides the placement; `
          + `remove the label, or place the ${role.roleName} with eciOnly() or ecsFirst()`, forced));
      }
      if (kind === EciPlacementKind.RESOURCE_POLICY && forced !== undefined && field === `${role.roleName}.labels`) {
        errors.push(invalidMessage(`${role.roleName}.labels`, `must not contain "${ECI_FORCE_LABEL}" under a ResourcePolicy: the label forces ECI `
          + 'and overrides the policy\'s units', `"${ECI_FORCE_LABEL}: ${forced}"`));
      }
    }
    if (kind !== EciPlacementKind.ECS_ONLY) { continue; }
    if (role.tolerations.some(t => toleratesEciTaint(t))) {
      errors.push(`${role.roleName}.tolerations must not tolerate the ECI taint on a role placed ECS only (EciPlacement.ecsOnly()): `
        + 'remove the toleration, or place the role with EciPlacement.ecsFirst()');
    }
    const eciKeys = Object.keys(role.annotations).filter(key => key.startsWith(ECI_ANNOTATION_PREFIX));
    if (eciKeys.length > 0) {
      errors.push(invalidMessage(`${role.roleName}.annotations`, 'must not carry ECI options on a role placed ECS only (EciPlacement.ecsOnly()), '
        + 'where they never take effect; place it with EciPlacement.eciOnly(), ecsFirst() or resourcePolicy()', eciKeys.join(', ')));
    }
  }
  return errors;
}

/**
 * What `ResourcePolicyUnits.addJob()` and `addImageCache()` need of the job as it renders (their
 * writes reach the roles the model finds in the rendered manifest, eci-role-writes.ts): a role that
 * may run on ECI, no role a policy's own selector selects that the placement keeps on ECS only
 * (the policy's ECI units would place it on ECI all the same), and ECI annotations that agree with
 * what the role and the earlier calls set.
 */
function eciRoleWriteProblems(job: JobIdentity, state: JobState, manifest: unknown): string[] {
  const errors: string[] = [];
  const eciCapable = eciCapableRoles(manifest);
  const placement = state.placement;
  const placed = placement ? `driver ${placement.driver.kind}, executor ${placement.executor.kind}` : 'no placement';
  const reached = state.eciRoleWrites.map(write => rolesWritten(write, manifest, eciCapable));
  state.eciRoleWrites.forEach((write, i) => {
    if (write.call === 'addImageCache()') {
      if (eciCapable.length === 0) {
        errors.push(invalidMessage('addImageCache()', 'needs a role whose pods may run on ECI (place the job with eciOnly, ecsFirst or resourcePolicy, '
          + 'or give a role the ECI toleration)', placed));
      }
      return;
    }
    const keptOnEcs = reached[i].filter(role => placement?.[role].kind === EciPlacementKind.ECS_ONLY);
    if (eciCapable.length > 0 && keptOnEcs.length === 0) { return; }
    // A policy's eci and acs units add the virtual-node tolerations inside the scheduler, so they
    // place the pods it selects on ECI whatever the pods' own tolerations say (ACK "Custom
    // priority-based scheduling for elastic resources", revision 2026-03-26; DOMAIN.md §3).
    // Known answer: test/resource-policy-binding.test.ts, "refuses at synth an ECS-only role when
    // the policy has its own selector".
    const defaults = job.describeDefaults().placement;
    errors.push(invalidMessage(`${job.node.path}.placement`,
      (eciCapable.length === 0
        ? `must let some role run on ECI for ResourcePolicy ${write.policy} to govern it (EciPlacement.resourcePolicy(), ecsFirst() or eciOnly())`
        : `must not keep the ${keptOnEcs.join(' and ')} on ECS only when the selector of ResourcePolicy ${write.policy} selects it: `
          + 'a policy places the pods it selects in its units, ECI ones too (narrow the selector, or leave it out to keep an ECS-only role out of the policy\'s reach)')
      + (defaults !== undefined && defaults !== 'job' ? `; the job's placement is the one of SparkJobDefaults ${defaults}: give the job a placement prop of its own` : ''),
      placed));
  });
  for (const role of [job.driver, job.executor]) {
    const set: { [key: string]: string } = role.annotations;
    state.eciRoleWrites.forEach((write, i) => {
      if (!reached[i].includes(role.roleName as RoleName)) { return; }
      for (const [key, value] of Object.entries(write.annotations)) {
        if (set[key] !== undefined && set[key] !== value) {
          errors.push(invalidMessage(`${write.call === 'addJob()' ? 'addJob() eci' : 'addImageCache()'} (${key})`,
            `must agree with the ${role.roleName}'s annotations, which set "${set[key]}": set it in one place`, value));
        }
        set[key] = value;
      }
    });
  }
  return errors;
}
