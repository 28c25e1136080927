/**
 * The plan command's inputs and output, opened safely: a named pipe never blocks it, a loop of
 * symbolic links is named, and `--output` never overwrites one of its inputs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture } from './support/plan-inputs';
import { EXIT_CODES, main } from '../src/cli/cli';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'cdk8s-spark-eci');
const JOB = fixture('eci-only.yaml').text;

async function call(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
  return { code, stdout, stderr };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'plan-inputs-'));
}

function mkfifo(file: string): void {
  const made = spawnSync('mkfifo', [file]);
  if (made.status !== 0) { throw new Error(`mkfifo ${file} failed: ${made.stderr}`); }
}

describe('a named pipe (FIFO)', () => {
  test('without a writer: exit 2 at once with a message, never a hang', async () => {
    const fifo = path.join(tempDir(), 'plan.yaml');
    mkfifo(fifo);
    expect(await call('plan', fifo)).toEqual({
      code: EXIT_CODES.FAILED,
      stdout: '',
      stderr: `cdk8s-spark-eci plan: cannot read ${fifo}: a named pipe with nothing to read (no writer has it open, or it wrote nothing); `
        + 'give the file itself, or pipe the YAML to standard input with -\n',
    });
  });

  test('in a directory: skipped, as every file that is not a regular file', async () => {
    const dir = tempDir();
    mkfifo(path.join(dir, 'a.yaml'));
    fs.writeFileSync(path.join(dir, 'b.yaml'), JOB);
    const result = await call('plan', dir, '--json');
    expect(result.code).toBe(EXIT_CODES.CLEAN);
    expect(JSON.parse(result.stdout).jobs.map((j: any) => j.source.file)).toEqual([path.join(dir, 'b.yaml')]);
  });

  test('as --output without a reader: exit 2 at once, never a hang', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'job.yaml'), JOB);
    const fifo = path.join(dir, 'plan.md');
    mkfifo(fifo);
    expect(await call('plan', path.join(dir, 'job.yaml'), '--output', fifo)).toEqual({
      code: EXIT_CODES.FAILED,
      stdout: '',
      stderr: `cdk8s-spark-eci plan: cannot write ${fifo}: a named pipe with no reader, or a device or socket that cannot be opened\n`,
    });
  });

  test('with a writer, as process substitution gives it: read to the end (the built command)', () => {
    const bash = spawnSync('bash', ['-c', 'true']);
    if (bash.status !== 0) { return; } // no bash: nothing to substitute with
    const file = path.join(tempDir(), 'job.yaml');
    fs.writeFileSync(file, JOB);
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" plan --json <(sleep 0.2; cat "${file}")`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(EXIT_CODES.CLEAN);
    expect(JSON.parse(result.stdout).jobs.map((j: any) => j.name)).toEqual(['spark-pi-eci-only']);
  });
});

describe('a loop of symbolic links', () => {
  test('given as the file: named, with the reason in words', async () => {
    const dir = tempDir();
    fs.symlinkSync('b.yaml', path.join(dir, 'a.yaml'));
    fs.symlinkSync('a.yaml', path.join(dir, 'b.yaml'));
    const result = await call('plan', path.join(dir, 'a.yaml'));
    expect(result).toEqual({
      code: EXIT_CODES.FAILED,
      stdout: '',
      stderr: `cdk8s-spark-eci plan: cannot read ${path.join(dir, 'a.yaml')}: a loop of symbolic links (the path never reaches a file)\n`,
    });
  });

  test('in a directory: the looping file is named, not a raw ELOOP', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.yaml'), JOB);
    fs.symlinkSync('loop.yaml', path.join(dir, 'loop.yaml'));
    const result = await call('plan', dir);
    expect(result.code).toBe(EXIT_CODES.FAILED);
    expect(result.stderr).toBe(`cdk8s-spark-eci plan: cannot read ${path.join(dir, 'loop.yaml')}: a loop of symbolic links (the path never reaches a file)\n`);
    expect(result.stderr).not.toContain('ELOOP');
  });
});

describe('--output naming an input', () => {
  function setup(): { dir: string; input: string } {
    const dir = tempDir();
    const input = path.join(dir, 'job.yaml');
    fs.writeFileSync(input, JOB);
    return { dir, input };
  }

  test.each<[string, (dir: string, input: string) => string]>([
    ['the same path', (_dir, input) => input],
    ['another path to it', (dir, input) => path.join(dir, '.', '..', path.basename(dir), path.basename(input))],
    ['a symbolic link to it', (dir, input) => { const link = path.join(dir, 'link.yaml'); fs.symlinkSync(input, link); return link; }],
    ['a hard link to it', (dir, input) => { const link = path.join(dir, 'hard.yaml'); fs.linkSync(input, link); return link; }],
  ])('%s: refused with exit 2, the input untouched', async (_name, outputOf) => {
    const { dir, input } = setup();
    const output = outputOf(dir, input);
    const result = await call('plan', input, '--format', 'markdown', '--output', output);
    expect(result).toEqual({
      code: EXIT_CODES.FAILED,
      stdout: '',
      stderr: `cdk8s-spark-eci plan: --output ${output} is the input ${input}: the plan would overwrite what it reads; write it to another file\n`,
    });
    expect(fs.readFileSync(input, 'utf8')).toBe(JOB);
  });

  test('a file of an input directory: refused', async () => {
    const { dir, input } = setup();
    const result = await call('plan', dir, '--output', input);
    expect(result.code).toBe(EXIT_CODES.FAILED);
    expect(result.stderr).toContain(`--output ${input} is the input ${input}`);
    expect(fs.readFileSync(input, 'utf8')).toBe(JOB);
  });

  test('the file standard input is read from: refused (the built command, stdin redirected)', () => {
    const { input } = setup();
    const result = spawnSync(process.execPath, [BIN, 'plan', '-', '--output', input], {
      cwd: ROOT, encoding: 'utf8', timeout: 60_000, stdio: [fs.openSync(input, 'r'), 'pipe', 'pipe'],
    });
    expect(result.status).toBe(EXIT_CODES.FAILED);
    expect(result.stderr).toBe(`cdk8s-spark-eci plan: --output ${input} is the input <stdin>: the plan would overwrite what it reads; write it to another file\n`);
    expect(fs.readFileSync(input, 'utf8')).toBe(JOB);
  });

  test('another file beside the input is written', async () => {
    const { dir, input } = setup();
    const output = path.join(dir, 'plan.md');
    const result = await call('plan', input, '--format', 'markdown', '--output', output);
    expect(result.code).toBe(EXIT_CODES.CLEAN);
    expect(fs.readFileSync(output, 'utf8')).toContain('**cdk8s-spark-eci plan**');
  });
});

describe('standard output', () => {
  test('a reader that stops early (| head) ends the command quietly, with the plan\'s exit code (the built command)', () => {
    const bash = spawnSync('bash', ['-c', 'true']);
    if (bash.status !== 0) { return; }
    const file = path.join(tempDir(), 'jobs.yaml');
    // 300 jobs: a page far larger than a pipe's buffer.
    fs.writeFileSync(file, Array.from({ length: 300 }, (_, i) => JOB.replace('name: spark-pi-eci-only', `name: job-${i}`)).join('\n---\n'));
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" plan "${file}" --format html | head -c 100 > /dev/null; exit "\${PIPESTATUS[0]}"`],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(EXIT_CODES.CLEAN);
  });
});
