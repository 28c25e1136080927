// How the kit reads a role's `placement` in the plan report, as a `PlannedPlacement`.
import { PlannedPlacement } from './planned-placement';
import { NodePlacement } from '../model/eci-scheduling';

/** The report's value under a ResourcePolicy. */
const RESOURCE_POLICY = 'RESOURCE_POLICY';

/** Each `placement` value of the report, as a kind (typed: a new NodePlacement fails to compile here). */
const KINDS: { readonly [placement in NodePlacement | typeof RESOURCE_POLICY]: PlannedPlacement } = {
  ECS_ONLY: PlannedPlacement.ECS,
  ECI_ONLY: PlannedPlacement.ECI,
  ECS_FIRST: PlannedPlacement.EITHER,
  ECI_FIRST: PlannedPlacement.EITHER,
  ECS_OR_ECI: PlannedPlacement.EITHER,
  NOWHERE: PlannedPlacement.NOWHERE,
  RESOURCE_POLICY: PlannedPlacement.UNITS,
};

/** The kind of a role's `placement` in the plan report. */
export function plannedPlacementOf(placement: string): PlannedPlacement {
  const kind = (KINDS as { readonly [placement: string]: PlannedPlacement | undefined })[placement];
  if (kind === undefined) {
    // The report and this table are built from the same enums; a miss is a bug of the library.
    throw new Error(`the plan report has a placement this kit does not know: ${placement}`);
  }
  return kind;
}
