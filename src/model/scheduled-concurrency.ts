/**
 * A ScheduledSparkApplication with no `concurrencyPolicy` runs once. The operator has no default
 * for the field (no CRD default, no webhook defaulting), and its controller (v2.5.2
 * internal/controller/scheduledsparkapplication/controller.go `shouldStartNextRun`) matches
 * `Allow`, `Forbid` and `Replace` only: with none it returns false as soon as a run's
 * SparkApplication exists, and the run history keeps one (`successfulRunHistoryLimit` defaults
 * to 1). One judgement for the plan (`CONCURRENCY_POLICY_UNSET`, a warning on the job) and the
 * day of scheduled runs (`plan --schedule-day`).
 */
import { isObject } from './json';

/** Why a schedule without a concurrency policy runs once, phrased for the messages of both reports. */
export const CONCURRENCY_POLICY_UNSET_TEXT = 'no concurrencyPolicy: the operator (v2.5.2 shouldStartNextRun) starts a run only while no '
  + 'earlier run\'s SparkApplication exists, and the run history keeps one, so after the first run no run starts; set Allow, Forbid or Replace';

/** Whether a ScheduledSparkApplication's spec runs once for want of a policy (a suspended one runs not at all). */
export function runsOnlyOnce(spec: unknown): boolean {
  if (!isObject(spec)) { return false; }
  const policy = spec.concurrencyPolicy;
  return (typeof policy !== 'string' || policy === '') && spec.suspend !== true;
}
