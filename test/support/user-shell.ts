// Runs commands as a user's shell would: without the environment of the `npm`/`projen`/jest run
// that started the tests (npm_config_*, PROJEN_*, JEST_* variables change what npm and projen do).
import { execFile } from 'child_process';
import { promisify } from 'util';

const run = promisify(execFile);

/** The environment of a user's shell: nothing of the `npm`/`projen` run that started jest. */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|NPM_|INIT_CWD$|PROJEN_|JEST_)/.test(key)) { env[key] = value; }
  }
  return { ...env, ...extra };
}

/** The outcome of a command that may fail. */
export interface ShellResult {
  readonly code: number;
  /** Standard output and standard error, in that order. */
  readonly output: string;
}

/** Runs `cmd args` in `cwd` and returns its exit code and output; never throws for a non-zero exit. */
export async function tryRun(cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = userEnv()): Promise<ShellResult> {
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (e: any) {
    if (typeof e.code !== 'number') { throw e; }
    return { code: e.code, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Runs `cmd args` in `cwd` and returns its output; throws with the output when it fails. */
export async function sh(cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = userEnv()): Promise<string> {
  const result = await tryRun(cwd, cmd, args, env);
  if (result.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.code}) in ${cwd}:\n${result.output}`);
  }
  return result.output;
}
