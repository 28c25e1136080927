/**
 * The `cdk8s-spark-eci` command (bin/cdk8s-spark-eci runs `main()` from lib/cli/cli.js).
 *
 *   cdk8s-spark-eci plan <dir or files...> [--format table|json|markdown|html] [--output FILE]
 *     [--price-vcpu-hour N --price-gib-hour N [--spot-discount F] [--currency CNY]]
 *
 * Reads YAML, plans it with `planManifests()` and prints it in one of the formats of `RENDERERS`
 * (render.ts), to standard output or to `--output FILE`. Exit codes (`EXIT_CODES`): 0 when
 * planned and clean, 1 when planned with Pending pods or error-level problems (so a pipeline can
 * gate on it), 2 for a usage error or input it cannot read (the message names the file and
 * document).
 * Each input is read in chunks up to `--max-input-bytes` (default `MAX_INPUT_BYTES`), so
 * `/dev/zero` or a runaway pipe stops at once instead of filling memory; a named pipe never
 * blocks, a loop of symbolic links is named, and `--output` never overwrites an input
 * (src/private/input-files.ts). Text from the input goes through `forTerminal` before it reaches
 * the terminal.
 */
import { EXIT_CODES } from './exit-codes';
import { isOutputFormat, OUTPUT_FORMATS, OutputFormat, renderChunks } from './render';
import { MODE_SWITCHES, MODE_USAGE, MODE_VALUE_FLAGS, ModeOptions, ModeResult, modeUsageProblem, runMode } from './report-modes';
import { planIsClean } from './report-text';
import { CostModel } from '../model/cost-model';
import { DecisionDefaults, PendingPods, STRICT_DEFAULTS } from '../model/decisions';
import { ManifestFile, PlanInputError, PlanOptions, PlanReport, planManifests } from '../model/plan';
import { forTerminal } from '../private/escape';
import {
  checkNotAnInput, InputFile, InputFileError, isDirectory, MAX_INPUT_BYTES, readInputFile, writeOutputFile, writeToDescriptor, yamlFilesIn,
} from '../private/input-files';

export { MAX_INPUT_BYTES };

/** Where the command writes; tests pass their own. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The exit codes, for the callers of `main()`. */
export { EXIT_CODES };

const COMMAND = 'cdk8s-spark-eci';


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
  --format F               how to print the plan: ${OUTPUT_FORMATS.join(', ')} (default table);
                           markdown is a pull-request comment, html one self-contained page
  --json                   the same as --format json
  --output FILE            write the plan to FILE instead of standard output (one line on
                           standard error says where it went; never one of the inputs);
                           - is standard output
  --price-vcpu-hour N      pay-as-you-go ECI price of one vCPU for one hour
  --price-gib-hour N       pay-as-you-go ECI price of one GiB of memory for one hour
  --spot-discount F        share taken off for spot pods, 0 to 1 (0.7 = 70% off)
  --currency C             currency of the prices, for display (CNY, USD)
  --pending-pods V         error, warn or allow: pods Pending for lack of capacity, in jobs
                           that record no decision of their own (default error)
  --unschedulable-pods V   error, warn or allow: pods that can never start, likewise
                           (default error); a job's cdk8s-spark-eci/ annotations win
  --max-input-bytes N      largest file or standard input to read, in bytes (default
                           ${MAX_INPUT_BYTES}, 64 MiB); larger input stops the command
${MODE_USAGE}
  -h, --help               show this help

Prices differ by region: take them from the ECI price page of yours. ECS capacity is not
priced. Text from the input (names, reasons, file names) is printed with control characters
escaped (\\x1b, \\n), and HTML and Markdown characters escaped in those formats (@mentions
made inert in Markdown); JSON output keeps the text as it is.

Exit status:
  ${EXIT_CODES.CLEAN}  planned: no finding is an error (Pending pods are errors unless the job, or
     --pending-pods / --unschedulable-pods, accepts them)
  ${EXIT_CODES.FINDINGS}  planned, and a finding is an error (the plan is printed all the same: gate a
     pipeline on it)
  ${EXIT_CODES.FAILED}  a usage error, input that cannot be read, is larger than the limit or does not
     parse, or an output file that cannot be written
  With --compare: ${EXIT_CODES.CLEAN} when the change adds no Pending pods and no errors, ${EXIT_CODES.FINDINGS} when it adds some.
  With --schedule-day: ${EXIT_CODES.FINDINGS} when runs that start together leave pods Pending or a
     schedule is refused, ${EXIT_CODES.CLEAN} otherwise.

Examples:
  cdk8s synth && npx ${COMMAND} plan dist --price-vcpu-hour 0.2 --price-gib-hour 0.02
  npx ${COMMAND} plan dist --format markdown --output plan.md   # a pull-request comment
  npx ${COMMAND} plan --compare before/dist dist --format markdown --output diff.md
`;

/** Thrown for a command line that cannot be run. */
class UsageError extends Error {}

interface PlanArgs {
  readonly inputs: string[];
  readonly format: OutputFormat;
  readonly output: string | undefined;
  readonly help: boolean;
  readonly prices: { [flag: string]: string };
  readonly maxInputBytes: number;
  /** Options that ask for another report than the plan (report-modes.ts). */
  readonly modes: ModeOptions;
  readonly defaults: DecisionDefaults;
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
    return command === undefined ? EXIT_CODES.FAILED : EXIT_CODES.CLEAN;
  }
  try {
    if (command !== 'plan') {
      throw new UsageError(`unknown command "${command}"; the only command is plan`);
    }
    const args = parseArgs(rest);
    if (args.help) {
      out.stdout(USAGE);
      return EXIT_CODES.CLEAN;
    }
    const costModel = costModelOf(args.prices);
    const output = args.output === '-' ? undefined : args.output;
    // Each input is checked as it is read: --output may not name one (nothing is written yet).
    const read = (input: string) => {
      const files = readInput(input, args.maxInputBytes);
      if (output !== undefined) { checkNotAnInput(output, '--output', files); }
      return files;
    };
    const result = runMode(args.modes, args.inputs, read, { costModel, format: args.format })
      ?? planResult(args.inputs.flatMap(read), { costModel, defaults: args.defaults }, args.format);
    if (output === undefined) {
      try {
        for (const chunk of result.chunks) { out.stdout(chunk); }
      } catch (e) {
        // The reader stopped reading (`plan dist | head`): the rest is not wanted.
        if ((e as NodeJS.ErrnoException).code !== 'EPIPE') { throw e; }
      }
    } else {
      writeOutputFile(output, result.chunks);
      out.stderr(`${COMMAND} plan: wrote the ${args.format} ${result.noun} to ${forTerminal(output)}${result.findings}\n`);
    }
    return result.exitCode;
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`${COMMAND}: ${forTerminal(e.message)}\nRun "${COMMAND} plan --help" for usage.\n`);
      return EXIT_CODES.FAILED;
    }
    if (e instanceof PlanInputError || e instanceof InputFileError) {
      out.stderr(`${COMMAND} plan: ${forTerminal(e.message)}\n`);
      return EXIT_CODES.FAILED;
    }
    throw e;
  }
}

/** The plan of the input, as the command prints it. */
function planResult(files: ManifestFile[], options: PlanOptions, format: OutputFormat): ModeResult {
  const report = planManifests(files, options);
  return { chunks: renderChunks(format, report), exitCode: exitCode(report), noun: 'plan', findings: describeFindings(report) };
}

/** The exit code of a plan: `EXIT_CODES.FINDINGS` when pods stay Pending or a problem is an error. */
export function exitCode(report: PlanReport): number {
  return planIsClean(report) ? EXIT_CODES.CLEAN : EXIT_CODES.FINDINGS;
}

/** ` (2 Pending pods, 1 error: exit code 1)`, or nothing for a clean plan. */
function describeFindings(report: PlanReport): string {
  if (planIsClean(report)) { return ''; }
  const t = report.totals;
  const parts = [
    ...(t.pendingPods > 0 ? [`${t.pendingPods} Pending pod${t.pendingPods === 1 ? '' : 's'}`] : []),
    ...(t.errors > 0 ? [`${t.errors} error${t.errors === 1 ? '' : 's'}`] : []),
  ];
  return ` (${parts.join(', ')}: exit code ${EXIT_CODES.FINDINGS})`;
}

const VALUE_FLAGS = [
  '--format', '--output', '--price-vcpu-hour', '--price-gib-hour', '--spot-discount', '--currency', '--max-input-bytes', '--pending-pods', '--unschedulable-pods',
  ...MODE_VALUE_FLAGS,
];

/** `--pending-pods warn` as the decision it stands for. */
function pendingPodsFlag(flag: string, value: string): PendingPods {
  const choice = (Object.values(PendingPods) as string[]).find(v => v === value.toUpperCase());
  if (choice === undefined) { throw new UsageError(`${flag} must be error, warn or allow (got "${value}")`); }
  return choice as PendingPods;
}

function parseArgs(argv: readonly string[]): PlanArgs {
  const inputs: string[] = [];
  const prices: { [flag: string]: string } = {};
  const modes: { [flag: string]: string } = {};
  let format: OutputFormat | undefined;
  let output: string | undefined;
  const setFormat = (value: string, given: string) => {
    if (!isOutputFormat(value)) {
      throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')} (got "${value}")`);
    }
    if (format !== undefined && format !== value) {
      throw new UsageError(`${given} asks for ${value} output, but ${format} was asked for already`);
    }
    format = value;
  };
  let help = false;
  let options = true;
  let maxInputBytes = MAX_INPUT_BYTES;
  let defaults: DecisionDefaults = STRICT_DEFAULTS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!options || arg === '-' || !arg.startsWith('-')) {
      inputs.push(arg);
      continue;
    }
    if (arg === '--') { options = false; continue; }
    if (arg === '--json') { setFormat('json', '--json'); continue; }
    if (arg === '-h' || arg === '--help') { help = true; continue; }
    if (MODE_SWITCHES.includes(arg)) { modes[arg] = ''; continue; }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_FLAGS.includes(flag)) {
      throw new UsageError(`unknown option ${flag}`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') {
      throw new UsageError(`${flag} needs a value`);
    }
    if (flag === '--format') { setFormat(value, `--format ${value}`); continue; }
    if (flag === '--output') {
      if (output !== undefined) { throw new UsageError(`--output given twice ("${output}" and "${value}")`); }
      output = value;
      continue;
    }
    if (flag === '--pending-pods') { defaults = { ...defaults, pendingPods: pendingPodsFlag(flag, value) }; continue; }
    if (flag === '--unschedulable-pods') { defaults = { ...defaults, unschedulablePods: pendingPodsFlag(flag, value) }; continue; }
    if (flag === '--max-input-bytes') {
      maxInputBytes = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(maxInputBytes) || maxInputBytes < 1) {
        throw new UsageError(`--max-input-bytes must be a whole number of bytes >= 1 (got "${value}")`);
      }
      continue;
    }
    if (MODE_VALUE_FLAGS.includes(flag)) { modes[flag] = value; continue; }
    prices[flag] = value;
  }
  if (!help && inputs.length === 0) {
    throw new UsageError('plan needs a directory or YAML files to read');
  }
  const modeProblem = help ? undefined : modeUsageProblem(modes, inputs, Object.keys(prices));
  if (modeProblem) { throw new UsageError(modeProblem); }
  return { inputs, format: format ?? OUTPUT_FORMATS[0], output, help, prices, maxInputBytes, modes, defaults };
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

/** The files of one input argument: standard input, a file, or a directory's YAML files. */
function readInput(input: string, maxBytes: number): InputFile[] {
  if (input === '-') {
    return [readInputFile(0, '<stdin>', maxBytes)];
  }
  if (!isDirectory(input)) {
    return [readInputFile(input, input, maxBytes)];
  }
  const files = yamlFilesIn(input);
  if (files.length === 0) {
    throw new InputFileError(`${input} holds no *.yaml or *.yml files`);
  }
  return files.map(file => readInputFile(file, file, maxBytes));
}

/**
 * The process's standard output and error, both written synchronously, piece by piece, waiting
 * while a pipe is full: `process.stdout.write()` to a pipe queues what the reader has not taken
 * yet in memory, so a large plan piped to a slow reader would be held whole; and in the worker the
 * command runs in (launch.ts), `process.stderr` reaches the terminal through the main thread,
 * later than standard output written directly.
 */
function processOutput(): CliOutput {
  return {
    stdout: text => { writeToDescriptor(1, text); },
    stderr: text => {
      try {
        writeToDescriptor(2, text);
      } catch (e) {
        // Nobody reads standard error any more (`2>&1 | head`): there is no one left to tell.
        if ((e as NodeJS.ErrnoException).code !== 'EPIPE') { throw e; }
      }
    },
  };
}
