import { NodePlacement } from '../model/eci-scheduling';

/**
 * Where the plan puts a role's pods, as `SparkTesting.assertPlacement()` checks it: the
 * `placement` field of the role in `cdk8s-spark-eci plan --json`, in four kinds (and NOWHERE).
 */
export enum PlannedPlacement {
  /** ECS nodes only (`placement: ECS_ONLY`). */
  ECS = 'ECS',
  /** ECI virtual nodes only (`placement: ECI_ONLY`). */
  ECI = 'ECI',
  /** ECS or ECI, whichever has room (`ECS_FIRST`, `ECI_FIRST` or `ECS_OR_ECI`). */
  EITHER = 'EITHER',
  /** The units of a ResourcePolicy, in order (`placement: RESOURCE_POLICY`). */
  UNITS = 'UNITS',
  /** No node can take the pods: they stay Pending (`placement: NOWHERE`). */
  NOWHERE = 'NOWHERE',
}

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
