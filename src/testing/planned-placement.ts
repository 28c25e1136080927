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
