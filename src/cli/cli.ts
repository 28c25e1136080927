/**
 * The `cdk8s-spark-eci` command (bin/cdk8s-spark-eci runs `main()` from lib/plan/cli.js).
 *
 *   cdk8s-spark-eci plan <dir or files...> [--json] [--price-vcpu-hour N --price-gib-hour N
 *     [--spot-discount F] [--currency CNY]]
 *
 * Reads YAML, plans it with `planManifests()` and prints the table or JSON. Exit codes: 0 when
 * planned, 2 for a usage error or input it cannot read (the message names the file and document).
 * Each input is read in chunks up to `--max-input-bytes` (default `MAX_INPUT_BYTES`), so
 * `/dev/zero` or a runaway pipe stops at once instead of filling memory. Text from the input
 * goes through `forTerminal` before it reaches the terminal.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderJson, renderTable } from './render';
import { CostModel } from '../model/cost-model';
import { ManifestFile, PlanInputError, planManifests } from '../model/plan';
import { forTerminal } from '../private/terminal';

/** Where the command writes; tests pass their own. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const COMMAND = 'cdk8s-spark-eci';

/** The largest file (or standard input) the plan command reads by default: 64 MiB. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export const USAGE = `Usage: ${COMMAND} plan <dir or file>... [options]

Plans Spark Operator SparkApplications and ScheduledSparkApplications (from their template)
in synthesized or hand-written YAML, before you deploy them: for each job and role, the pods,
where they run (ECS, ECI, ECS then ECI, or a ResourcePolicy's units, read from tolerations,
node affinity and the ResourcePolicies in the same input), each pod's CPU and memory as Spark
requests them, the ECI size it is billed at and the share left unused, the pods that stay
Pending and why, and the ECI cost per hour when you give prices.

Arguments:
  <dir>                    every *.yaml and *.yml file in the directory (not subdirectories)
  <file>                   a YAML file with one or more documents; - reads standard input

Options:
  --json                   print the plan as JSON instead of a table
  --price-vcpu-hour N      pay-as-you-go ECI price of one vCPU for one hour
  --price-gib-hour N       pay-as-you-go ECI price of one GiB of memory for one hour
  --spot-discount F        share taken off for spot pods, 0 to 1 (0.7 = 70% off)
  --currency C             currency of the prices, for display (CNY, USD)
  --max-input-bytes N      largest file or standard input to read, in bytes (default
                           ${MAX_INPUT_BYTES}, 64 MiB); larger input stops the command
  -h, --help               show this help

Prices differ by region: take them from the ECI price page of yours. ECS capacity is not
priced. Text from the input (names, reasons, file names) is printed with control characters
escaped (\\x1b, \\n); --json output is plain JSON.

Exit status:
  0  planned (Pending pods do not change the status)
  2  a usage error, or input that cannot be read, is larger than the limit or does not parse

Example:
  cdk8s synth && npx ${COMMAND} plan dist --price-vcpu-hour 0.2 --price-gib-hour 0.02
`;

/** Thrown for a command line that cannot be run. */
class UsageError extends Error {}

interface PlanArgs {
  readonly inputs: string[];
  readonly json: boolean;
  readonly help: boolean;
  readonly prices: { [flag: string]: string };
  readonly maxInputBytes: number;
}

/**
 * Runs the command.
 *
 * @param argv the arguments after the command name
 * @param out where to write (default: the process's stdout and stderr)
 * @returns the exit code
 */
export async function main(argv: readonly string[], out: CliOutput = processOutput()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? out.stderr : out.stdout)(USAGE);
    return command === undefined ? 2 : 0;
  }
  try {
    if (command !== 'plan') {
      throw new UsageError(`unknown command "${command}"; the only command is plan`);
    }
    const args = parseArgs(rest);
    if (args.help) {
      out.stdout(USAGE);
      return 0;
    }
    const costModel = costModelOf(args.prices);
    const files = args.inputs.flatMap(input => readInput(input, args.maxInputBytes));
    const report = planManifests(files, { costModel });
    out.stdout(args.json ? renderJson(report) : renderTable(report));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`${COMMAND}: ${forTerminal(e.message)}\nRun "${COMMAND} plan --help" for usage.\n`);
      return 2;
    }
    if (e instanceof PlanInputError || e instanceof InputError) {
      out.stderr(`${COMMAND} plan: ${forTerminal(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}

const VALUE_FLAGS = ['--price-vcpu-hour', '--price-gib-hour', '--spot-discount', '--currency', '--max-input-bytes'];

function parseArgs(argv: readonly string[]): PlanArgs {
  const inputs: string[] = [];
  const prices: { [flag: string]: string } = {};
  let json = false;
  let help = false;
  let options = true;
  let maxInputBytes = MAX_INPUT_BYTES;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!options || arg === '-' || !arg.startsWith('-')) {
      inputs.push(arg);
      continue;
    }
    if (arg === '--') { options = false; continue; }
    if (arg === '--json') { json = true; continue; }
    if (arg === '-h' || arg === '--help') { help = true; continue; }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_FLAGS.includes(flag)) {
      throw new UsageError(`unknown option ${flag}`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') {
      throw new UsageError(`${flag} needs a value`);
    }
    if (flag === '--max-input-bytes') {
      maxInputBytes = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(maxInputBytes) || maxInputBytes < 1) {
        throw new UsageError(`--max-input-bytes must be a whole number of bytes >= 1 (got "${value}")`);
      }
      continue;
    }
    prices[flag] = value;
  }
  if (!help && inputs.length === 0) {
    throw new UsageError('plan needs a directory or YAML files to read');
  }
  return { inputs, json, help, prices, maxInputBytes };
}

function costModelOf(flags: { [flag: string]: string }): CostModel | undefined {
  const vcpu = flags['--price-vcpu-hour'];
  const gib = flags['--price-gib-hour'];
  if (vcpu === undefined && gib === undefined) {
    const stray = Object.keys(flags);
    if (stray.length > 0) {
      throw new UsageError(`${stray.join(' and ')} need${stray.length === 1 ? 's' : ''} --price-vcpu-hour and --price-gib-hour`);
    }
    return undefined;
  }
  if (vcpu === undefined || gib === undefined) {
    throw new UsageError('--price-vcpu-hour and --price-gib-hour go together');
  }
  const number = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) { return undefined; }
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) {
      throw new UsageError(`${flag} must be a number (got "${value}")`);
    }
    return n;
  };
  try {
    return new CostModel({
      pricePerVcpuHour: number('--price-vcpu-hour', vcpu)!,
      pricePerGibHour: number('--price-gib-hour', gib)!,
      spotDiscount: number('--spot-discount', flags['--spot-discount']),
      currency: flags['--currency'],
    });
  } catch (e) {
    if (e instanceof UsageError) { throw e; }
    throw new UsageError(`bad price: ${(e as Error).message}`);
  }
}

/** A file or directory that cannot be read. */
class InputError extends Error {}

function readInput(input: string, maxBytes: number): ManifestFile[] {
  if (input === '-') {
    return [{ file: '<stdin>', text: readText(0, '<stdin>', maxBytes) }];
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (e) {
    throw new InputError(`cannot read ${input}: ${describeFsError(e)}`);
  }
  if (!stat.isDirectory()) {
    return [{ file: input, text: readText(input, input, maxBytes) }];
  }
  const names = fs.readdirSync(input)
    .filter(name => /\.ya?ml$/i.test(name))
    .filter(name => fs.statSync(path.join(input, name)).isFile())
    .sort();
  if (names.length === 0) {
    throw new InputError(`${input} holds no *.yaml or *.yml files`);
  }
  return names.map(name => {
    const file = path.join(input, name);
    return { file, text: readText(file, file, maxBytes) };
  });
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a file (or the descriptor of standard input) in chunks, and stops as soon as it holds
 * more than `maxBytes`: `fs.readFileSync` would keep reading `/dev/zero` until memory runs out.
 */
function readText(source: string | number, name: string, maxBytes: number): string {
  let fd: number | undefined;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    fd = typeof source === 'number' ? source : fs.openSync(source, 'r');
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const n = readSome(fd, chunk);
      if (n === 0) { break; }
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) {
        throw new InputError(`${name}: larger than ${describeBytes(maxBytes)} (the plan command's input limit; pass --max-input-bytes to raise it)`);
      }
    }
  } catch (e) {
    if (e instanceof InputError) { throw e; }
    throw new InputError(`cannot read ${name}: ${describeFsError(e)}`);
  } finally {
    if (fd !== undefined && typeof source !== 'number') { fs.closeSync(fd); }
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** One `read`, waiting out EAGAIN (standard input may be a non-blocking pipe or terminal). */
function readSome(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EOF') { return 0; }
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') { throw e; }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/** `64 MiB`, or the byte count when it is not a whole number of MiB. */
function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') { return 'no such file or directory'; }
  if (code === 'EACCES') { return 'permission denied'; }
  return (e as Error).message;
}

function processOutput(): CliOutput {
  return {
    stdout: text => { process.stdout.write(text); },
    stderr: text => { process.stderr.write(text); },
  };
}
