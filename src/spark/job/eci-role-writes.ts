// What `ResourcePolicyUnits.addJob()` and `addImageCache()` write on a job's roles, decided when the
// job renders rather than at the call (issue #29: no render of the job but the one synthesis checks
// and writes). Which roles take a write is the model's answer about the rendered pods
// (src/model/selection.ts): the roles that may run on ECI by their own tolerations, affinity,
// nodeSelector and labels, or the roles a policy's own selector selects. Deciding at render, a
// placement, toleration or label given after the call counts as well.
import { addStrings } from '../../model/json';
import type { PolicyModel } from '../../model/resource-policies';
import { RoleName, selectedRoles } from '../../model/selection';

/** Labels and annotations a call asked for on the roles it reaches, written at render. */
export interface EciRoleWrite {
  /** The call, as messages name it: `addJob()` or `addImageCache()`. */
  readonly call: 'addJob()' | 'addImageCache()';
  /**
   * The ResourcePolicy whose own selector picks the roles, read when the job renders; without one,
   * the write reaches the roles that may run on ECI.
   */
  readonly selectedBy?: () => PolicyModel;
  /** The policy (`namespace/name`) of an `addJob()` write, for messages. */
  readonly policy?: string;
  /** Labels for those roles (the one a policy's default selector matches). */
  readonly labels: { readonly [key: string]: string };
  /** Annotations for those roles (`addJob()`'s ECI options, the image cache's auto-matching). */
  readonly annotations: { readonly [key: string]: string };
}

/**
 * The roles one write reaches in a rendered manifest: those its policy selects, or those that may
 * run on ECI.
 *
 * @param eciCapable the manifest's roles that may run on ECI, as the model found them
 */
export function rolesWritten(write: EciRoleWrite, manifest: unknown, eciCapable: readonly RoleName[]): RoleName[] {
  return write.selectedBy ? selectedRoles(write.selectedBy(), manifest) : [...eciCapable];
}

/**
 * The application spec with every write applied, in call order, to the roles it reaches (a later
 * write of the same key wins, as a later `addAnnotation()` does); `spec` itself is not changed.
 *
 * @param manifest the application as rendered so far, which decides the roles
 * @param eciCapable its roles that may run on ECI, as the model found them
 */
export function withEciRoleWrites(spec: { [key: string]: any }, manifest: unknown, eciCapable: readonly RoleName[],
  writes: readonly EciRoleWrite[]): { [key: string]: any } {
  if (writes.length === 0) { return spec; }
  const out = { ...spec };
  for (const write of writes) {
    for (const role of rolesWritten(write, manifest, eciCapable)) {
      const written: { [key: string]: any } = { ...out[role] };
      addEntries(written, 'labels', write.labels);
      addEntries(written, 'annotations', write.annotations);
      out[role] = written;
    }
  }
  return out;
}

/** Adds the entries to a copy of the map under `field` of `role` (none when there are no entries). */
function addEntries(role: { [key: string]: any }, field: 'labels' | 'annotations', entries: { readonly [key: string]: string }): void {
  if (Object.keys(entries).length === 0) { return; }
  role[field] = addStrings(addStrings({}, role[field]), entries);
}
