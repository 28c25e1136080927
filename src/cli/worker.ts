/**
 * The worker thread `launch()` starts (launch.ts): runs the command and hands back its exit code,
 * or the message of an error it did not expect.
 */
import { parentPort, workerData } from 'worker_threads';
import { main } from './cli';

const { argv } = workerData as { argv: string[] };
main(argv).then(
  code => parentPort!.postMessage({ code }),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
