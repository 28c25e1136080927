// What jobs do with each role's `ScratchDisk`: add its volume and mount, and write its ECI storage
// into the rendered roles that may run on ECI.
import type { k8s } from 'cdk8s-plus-28';
import { ScratchDisk } from './scratch-disk';
import { ECI_ANNOTATION_KEYS } from '../model/eci-annotation-keys';
import { invalid } from '../private/errors';

/** What `applyScratchDisks()` needs of a job. */
interface ScratchJob {
  readonly driver: { readonly roleName: string; readonly scratch?: ScratchDisk; addVolumeMount(mount: k8s.VolumeMount): void };
  readonly executor: { readonly roleName: string; readonly scratch?: ScratchDisk; addVolumeMount(mount: k8s.VolumeMount): void };
  addVolume(volume: k8s.Volume): void;
}

/** Adds each role's scratch volume and its mount; called once by the job's constructor. */
export function applyScratchDisks(job: ScratchJob): void {
  for (const role of [job.driver, job.executor]) {
    const scratch = role.scratch;
    if (scratch === undefined) { continue; }
    if (!ScratchDisk.isScratchDisk(scratch)) {
      invalid(`${role.roleName}.scratch`, 'must be made with ScratchDisk.ofSize()', scratch);
    }
    const rendered = scratch._render(role.roleName);
    job.addVolume(rendered.volume);
    role.addVolumeMount({ name: rendered.volume.name, mountPath: rendered.mountPath });
  }
}

/**
 * Writes each disk-medium scratch's ECI extra ephemeral storage into the rendered roles that may
 * run on ECI, unless the role already has that annotation (`eci.extraEphemeralStorage` wins; the
 * plan warns when it is smaller than the scratch).
 */
export function withScratchAnnotations(
  spec: { [key: string]: any },
  scratch: { readonly driver?: ScratchDisk; readonly executor?: ScratchDisk },
  mayRunOnEci: { readonly driver: boolean; readonly executor: boolean },
): { [key: string]: any } {
  let out = spec;
  for (const roleName of ['driver', 'executor'] as const) {
    const disk = scratch[roleName];
    if (!disk || !mayRunOnEci[roleName]) { continue; }
    const annotations = disk._render(roleName).annotations;
    const current = spec[roleName]?.annotations ?? {};
    if (Object.keys(annotations).length === 0 || current[ECI_ANNOTATION_KEYS.EXTRA_EPHEMERAL_STORAGE] !== undefined) { continue; }
    out = { ...out, [roleName]: { ...spec[roleName], annotations: { ...current, ...annotations } } };
  }
  return out;
}
