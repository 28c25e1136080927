/**
 * Two questions constructs ask about their own rendered manifests, answered from the rendered
 * JSON as the planner answers them: which roles of a job a ResourcePolicy selects, and which roles
 * may run on ECI by their own scheduling constraints. A construct never decides either from what
 * it was told (a declared placement): hand-written affinity and tolerations count the same.
 */
import { roleScheduling } from './applications';
import { mayRunOnEci, nodePlacement } from './eci-scheduling';
import { isObject, nonEmptyString } from './json';
import { PolicyModel, selects } from './resource-policies';

/** A role's name. */
export type RoleName = 'driver' | 'executor';

const ROLES: readonly RoleName[] = ['driver', 'executor'];

/**
 * The roles of a SparkApplication (or ScheduledSparkApplication) manifest whose pods the policy
 * selects: same namespace (a ResourcePolicy sees only pods in its own namespace, ACK "Customize
 * elastic resource scheduling") and a selector that matches the pods' labels, the operator's
 * included.
 */
export function selectedRoles(policy: PolicyModel, manifest: unknown): RoleName[] {
  const metadata = isObject(manifest) && isObject(manifest.metadata) ? manifest.metadata : {};
  if (policy.ref.namespace !== (nonEmptyString(metadata.namespace) ?? 'default')) { return []; }
  return ROLES.filter(role => selects(policy, roleScheduling(manifest, role).labels));
}

/** The roles whose pods may run on ECI by their own constraints (tolerations, affinity, nodeSelector, labels). */
export function eciCapableRoles(manifest: unknown): RoleName[] {
  return ROLES.filter(role => mayRunOnEci(nodePlacement(roleScheduling(manifest, role)).placement));
}
