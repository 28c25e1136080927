/**
 * The options of `plan` that print another report than the plan: `--compare BEFORE AFTER` (what
 * a change does, compare-command.ts). cli.ts parses them with its own options (switches in
 * `MODE_SWITCHES`, options with a value in `MODE_VALUE_FLAGS`) and hands them here.
 */
import { ModeResult, runCompare } from './compare-command';
import { OutputFormat } from './render';
import { CostModel } from '../model/cost-model';
import { ManifestFile } from '../model/plan';

export type { ModeResult };

/** Options without a value. */
export const MODE_SWITCHES: readonly string[] = ['--compare'];

/** Options with a value. */
export const MODE_VALUE_FLAGS: readonly string[] = [];

/** The lines of the usage for these options. */
export const MODE_USAGE = `  --compare                plan BEFORE and AFTER (the two arguments: a directory or a file
                           each) and print what the change does: per job, placement, ECI
                           size and cost, cold start, problems added and removed, quota
                           pressure; exit 1 when it adds Pending pods or errors`;

/** The options given, by name (`'--compare': ''`). */
export type ModeOptions = { readonly [flag: string]: string };

/** Why the options cannot run with these inputs, or undefined. */
export function modeUsageProblem(modes: ModeOptions, inputs: readonly string[]): string | undefined {
  if ('--compare' in modes && inputs.length !== 2) {
    return `--compare needs two inputs, BEFORE and AFTER (got ${inputs.length})`;
  }
  return undefined;
}

/**
 * Runs the report the options ask for, or returns undefined when they ask for the plan.
 *
 * @param read reads one input argument (a directory, a file or `-`) as the plan command does
 */
export function runMode(
  modes: ModeOptions, inputs: readonly string[], read: (input: string) => ManifestFile[],
  options: { readonly costModel?: CostModel; readonly format: OutputFormat },
): ModeResult | undefined {
  if ('--compare' in modes) {
    return runCompare(read(inputs[0]), read(inputs[1]), options);
  }
  return undefined;
}
