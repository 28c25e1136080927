/**
 * Gang scheduling on ACK: the driver and executors of one submission carry a group name and the
 * number of pods that must be placed together; none starts until that many can be. Without it, a
 * driver that starts while its executors stay Pending holds its resources and may never finish.
 *
 * The labels are written by gang-scheduling-internal.ts; whether the group can be placed is
 * decided by the one planner (`src/model/gang.ts`, `planner.ts`) from the rendered manifest, as
 * `plan` decides it from YAML.
 */

/**
 * Gang scheduling of a job's pods (ACK coscheduling).
 *
 * ACK does not document whether its gang scheduling gathers pods on ECI virtual nodes; the plan
 * notes it for jobs that may run there.
 */
export interface GangScheduling {
  /**
   * How many of the job's pods must be placed together before any of them starts
   * (`pod-group.scheduling.sigs.k8s.io/min-available` on every pod). Synthesis fails when the
   * job's placement (ResourcePolicy units, ECI sizes, node constraints) cannot place that many.
   *
   * @default - the driver and every executor requested at submission (`executor.instances`, or
   * the initial count with dynamic allocation)
   */
  readonly minAvailable?: number;

  /**
   * The group's name (`pod-group.scheduling.sigs.k8s.io/name` on every pod): a DNS subdomain of
   * at most 63 characters, unique per submission in the namespace.
   *
   * @default - the job's name
   */
  readonly groupName?: string;
}
