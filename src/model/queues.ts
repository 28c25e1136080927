/**
 * Job queues that hold a SparkApplication before the operator submits it, read from the
 * manifest (DOMAIN.md §7):
 * - Kueue: the label `kueue.x-k8s.io/queue-name` on the SparkApplication (on a
 *   ScheduledSparkApplication, which the operator copies to every run); Kueue suspends the
 *   application on admission, so it needs operator >= 2.4 (`suspend`), and it rejects
 *   applications with dynamic allocation.
 * - ack-kube-queue: the application is created with `spec.suspend: true` and the queue
 *   un-suspends it when the namespace's quota has room (its `sparkapp` extension, v0.4.0+).
 *   A suspended application is read as queued by ack-kube-queue: nothing else un-suspends it.
 */
import { isObject, nonEmptyString } from './json';

/** The label that puts an application in a Kueue LocalQueue. */
export const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';

/** Which queue holds an application. */
export enum QueueSystem {
  /** Kueue, in the LocalQueue the label names. */
  KUEUE = 'KUEUE',
  /** Created suspended: ack-kube-queue (or a person) un-suspends it. */
  SUSPENDED = 'SUSPENDED',
}

/** The queue an application waits in. */
export interface QueueModel {
  readonly system: QueueSystem;
  /** Kueue's LocalQueue. */
  readonly name?: string;
}

/**
 * The queue of a SparkApplication or of a ScheduledSparkApplication's runs, or undefined when
 * nothing holds it back.
 */
export function readQueue(manifest: any): QueueModel | undefined {
  const labels = isObject(manifest?.metadata) && isObject(manifest.metadata.labels) ? manifest.metadata.labels : {};
  const name = nonEmptyString(labels[KUEUE_QUEUE_LABEL]);
  if (name !== undefined) { return { system: QueueSystem.KUEUE, name }; }
  const spec = manifest?.kind === 'ScheduledSparkApplication' ? manifest?.spec?.template : manifest?.spec;
  return isObject(spec) && spec.suspend === true ? { system: QueueSystem.SUSPENDED } : undefined;
}
