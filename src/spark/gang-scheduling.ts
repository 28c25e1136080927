/**
 * Gang scheduling on ACK: the executors of one submission carry a group name and the number of
 * them that must be placed together; none starts until that many can be.
 *
 * The driver stays outside the group. Spark creates pods in order: the operator submits the
 * driver, and the running driver creates the executors. ACK's label coscheduling (scheduler-plugins
 * KEP-2 at v0.18.9: PreFilter rejects a pod while its group has fewer pods than min-available;
 * Koordinator's "child pod not collect enough") would hold a driver that counts executors in its
 * group until they exist, and they never do: the deadlock of a gang over the whole job (DOMAIN.md
 * §7, ACK "Work with gang scheduling", doc 178169). The operator's own batch schedulers avoid it
 * the same way: for Volcano it makes the PodGroup with minMember 1 "in order to schedule driver pod
 * first" (`internal/scheduler/volcano/scheduler.go` at v2.5.2), and its kube-scheduler plugin
 * likewise (`internal/scheduler/kubescheduler/scheduler.go`: MinMember 1, the job's resources in
 * minResources). A group of executors assembles once the driver has created min-available of them,
 * which Spark does while earlier ones are still Pending (`ExecutorPodsAllocator`).
 *
 * The labels are written by gang-scheduling-internal.ts; whether the group can assemble is
 * decided by the one planner (`src/model/gang.ts`, `planner.ts`) from the rendered manifest, as
 * `plan` decides it from YAML.
 */

/**
 * Gang scheduling of a job's executors (ACK coscheduling); the driver stays outside the group, so
 * that it can start and create the executors.
 *
 * ACK does not document whether its gang scheduling gathers pods on ECI virtual nodes; the plan
 * notes it for jobs that may run there.
 */
export interface GangScheduling {
  /**
   * How many executors must be placed together before any of them starts
   * (`pod-group.scheduling.sigs.k8s.io/min-available` on every executor pod). Synthesis fails when
   * the driver does not create that many at start, or the job's placement (ResourcePolicy units,
   * quota, ECI sizes, node constraints) cannot place that many. With dynamic allocation, Spark
   * removes idle executors down to `minExecutors`; a scheduler that counts only the group's
   * existing pods (scheduler-plugins' coscheduling) then holds new executors until min-available
   * exist again, so keep it at most `minExecutors` there.
   *
   * @default - every executor requested at submission (`executor.instances`, or the initial count
   * with dynamic allocation)
   */
  readonly minAvailable?: number;

  /**
   * The group's name (`pod-group.scheduling.sigs.k8s.io/name` on every executor pod): a DNS
   * subdomain of at most 63 characters, unique per submission in the namespace.
   *
   * @default - the job's name
   */
  readonly groupName?: string;
}
