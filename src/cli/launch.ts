/**
 * How the `cdk8s-spark-eci` command runs: in a worker thread whose young generation is capped.
 *
 * V8 grows a process' young generation to three 16 MiB semi-spaces while a program allocates fast,
 * and `plan` does: over 10,000 SparkApplications the process peaked at 275-285 MiB, of which
 * about 50 MiB young generation, against issue #29's 256 MiB. A flag (`--max-semi-space-size`)
 * would have to be given to `node` itself (a `#!/usr/bin/env -S node ...` line does not run on
 * BusyBox, so not on Alpine images), and `v8.setFlagsFromString()` comes too late: the heap is
 * configured. A worker's heap is configured when it starts (`resourceLimits`, Node.js
 * `worker_threads`), in the same process, so the command's whole memory is still what it
 * measures (bench/plan.js, BENCHMARKS.md). Measured on 10,000 jobs (peak RSS, every format):
 * the default 280-290 MiB; 8 MiB 237-244; 6 MiB 226-236 at the same CPU; 4 MiB about 225 but a
 * quarter more CPU.
 *
 * The worker writes standard output and error itself, synchronously (`processOutput()` in
 * cli.ts), so their order is the command's; it hands back only the exit code.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import { EXIT_CODES } from './exit-codes';

/** The young generation of the worker that runs the command, MiB. */
export const YOUNG_GENERATION_MIB = 6;

/** Runs the command with `argv` (without `node` and the script) in a worker; sets the exit code when it ends. */
export function launch(argv: readonly string[]): void {
  const worker = new Worker(path.join(__dirname, 'worker.js'), {
    workerData: { argv: [...argv] },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MIB },
  });
  let answered = false;
  worker.on('message', (message: { code?: number; error?: string }) => {
    answered = true;
    if (message.error !== undefined) {
      process.stderr.write(`${message.error}\n`);
      process.exitCode = EXIT_CODES.FAILED;
    } else {
      process.exitCode = message.code;
    }
  });
  worker.on('error', error => {
    answered = true;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = EXIT_CODES.FAILED;
  });
  worker.on('exit', code => {
    if (!answered) { process.exitCode = code === 0 ? EXIT_CODES.FAILED : code; }
  });
}
