/** What synthesis does when some of a job's pods would stay Pending. */
export enum PendingPods {
  /** Fail synthesis with a message that names the job, the pods, the reason and the fix. */
  ERROR = 'ERROR',
  /** Print the same message as a warning on standard error, once, and go on. */
  WARN = 'WARN',
  /** Accept the Pending pods silently. */
  ALLOW = 'ALLOW',
}
