/**
 * The exit codes of the command: their own module, so that the launcher (launch.ts), which runs
 * in the main thread and loads nothing of the command, uses the same ones.
 */
export const EXIT_CODES = {
  /** Planned: no pod stays Pending and no problem is an error (warnings may be printed). */
  CLEAN: 0,
  /** Planned, and pods stay Pending or a problem is an error: the plan is printed all the same. */
  FINDINGS: 1,
  /** A usage error, or input that cannot be read, is larger than the limit or does not parse; or the output cannot be written. */
  FAILED: 2,
} as const;
