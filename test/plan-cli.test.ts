import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { defineExampleApp } from '../examples/example-app';
import { asStream, EXIT_CASES, overlappingPolicies } from './support/plan-inputs';
import { EXIT_CODES, main } from '../src/cli/cli';
import { YOUNG_GENERATION_MIB } from '../src/cli/launch';
import { OUTPUT_FORMATS } from '../src/cli/render';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'cdk8s-spark-eci');
const BUILT_CLI = path.join(ROOT, 'lib', 'cli', 'cli.js');
const FIXTURES = path.join('test', 'fixtures', 'plan');
const PRICES = ['--price-vcpu-hour', '0.2', '--price-gib-hour', '0.02', '--spot-discount', '0.7', '--currency', 'CNY'];

/** Command lines that fail with exit code 2, and what they print. */
const USAGE_ERRORS: Array<[string, string[], string]> = [
  ['a directory holding YAML that does not parse', ['plan', path.join(FIXTURES, 'invalid')],
    'cdk8s-spark-eci plan: test/fixtures/plan/invalid/bad-yaml.yaml: document 2: YAML does not parse (line 12): '],
  ['a value Spark refuses', ['plan', path.join(FIXTURES, 'invalid', 'bad-memory.yaml')],
    'cdk8s-spark-eci plan: test/fixtures/plan/invalid/bad-memory.yaml: document 2: SparkApplication spark-pi: spec.executor.memory must be a Spark memory string'],
  ['a missing path', ['plan', 'no/such/dir'], 'cdk8s-spark-eci plan: cannot read no/such/dir: no such file or directory'],
  ['a directory without YAML', ['plan', 'bin'], 'cdk8s-spark-eci plan: bin holds no *.yaml or *.yml files'],
  ['no input', ['plan'], 'cdk8s-spark-eci: plan needs a directory or YAML files to read\nRun "cdk8s-spark-eci plan --help" for usage.'],
  ['no command', [], 'Usage: cdk8s-spark-eci plan'],
  ['an unknown command', ['apply', 'x'], 'cdk8s-spark-eci: unknown command "apply"; the only command is plan'],
  ['an unknown option', ['plan', 'x', '--yaml'], 'cdk8s-spark-eci: unknown option --yaml'],
  ['half the prices', ['plan', 'x', '--price-vcpu-hour', '1'], 'cdk8s-spark-eci: --price-vcpu-hour and --price-gib-hour go together'],
  ['a spot discount without prices', ['plan', 'x', '--spot-discount', '0.5'], 'cdk8s-spark-eci: --spot-discount needs --price-vcpu-hour and --price-gib-hour'],
  ['a price that is not a number', ['plan', 'x', '--price-vcpu-hour=cheap', '--price-gib-hour=1'], 'cdk8s-spark-eci: --price-vcpu-hour must be a number (got "cheap")'],
  ['a price the cost model refuses', ['plan', 'x', '--price-vcpu-hour', '1', '--price-gib-hour', '1', '--spot-discount', '70'],
    'cdk8s-spark-eci: bad price: spotDiscount must be a share from 0 to 1, e.g. 0.7 for 70% off (got 70)'],
  ['a flag without its value', ['plan', 'x', '--currency'], 'cdk8s-spark-eci: --currency needs a value'],
  ['a bad input limit', ['plan', 'x', '--max-input-bytes', '64MiB'], 'cdk8s-spark-eci: --max-input-bytes must be a whole number of bytes >= 1 (got "64MiB")'],
  ['an unknown format', ['plan', 'x', '--format', 'yaml'], 'cdk8s-spark-eci: --format must be one of table, json, markdown, html (got "yaml")'],
  ['--json and another format', ['plan', 'x', '--json', '--format=table'], 'cdk8s-spark-eci: --format table asks for table output, but json was asked for already'],
  ['--format without its value', ['plan', 'x', '--format'], 'cdk8s-spark-eci: --format needs a value'],
  ['two output files', ['plan', 'x', '--output', 'a.md', '--output=b.md'], 'cdk8s-spark-eci: --output given twice ("a.md" and "b.md")'],
  ['an output file that cannot be written', ['plan', path.join(FIXTURES, 'eci-only.yaml'), '--output', '/no/such/dir/plan.md'],
    'cdk8s-spark-eci plan: cannot write /no/such/dir/plan.md: no such file or directory'],
];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built command, as `npx cdk8s-spark-eci` does. */
function run(args: string[], options: { cwd?: string; input?: string } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, input: options.input, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The lines of a table that belong to one job (from its header line to the next blank line). */
function jobBlock(table: string, header: string): string[] {
  const lines = table.split('\n');
  const start = lines.findIndex(l => l.startsWith(header));
  if (start < 0) { throw new Error(`no job "${header}" in:\n${table}`); }
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

/** Splits a table row into its cells (two or more spaces apart). */
function cells(line: string): string[] {
  return line.trim().split(/ {2,}/);
}

describe('the built cdk8s-spark-eci command', () => {
  test('runs in a worker thread with a capped young generation, and hands back its exit code', () => {
    // The Worker the command starts, seen by replacing the class before the launcher loads it.
    const script = `
      const threads = require('worker_threads');
      const Real = threads.Worker;
      threads.Worker = class extends Real {
        constructor(file, options) { process.stdout.write(JSON.stringify(options.resourceLimits) + '\\n'); super(file, options); }
      };
      require(${JSON.stringify(path.join(ROOT, 'lib', 'cli', 'launch.js'))}).launch(['plan', '--help']);`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.stdout.split('\n')[0]).toBe(JSON.stringify({ maxYoungGenerationSizeMb: YOUNG_GENERATION_MIB }));
    expect(result.stdout).toContain('Usage: cdk8s-spark-eci plan');
    expect(result.status).toBe(0);
    expect(run(['plan', path.join(FIXTURES, 'invalid')]).status).toBe(2);
  });

  beforeAll(() => {
    if (!fs.existsSync(BUILT_CLI)) {
      throw new Error(`${path.relative(ROOT, BUILT_CLI)} is missing: these tests run the built command. `
        + 'Run `npx projen compile` first (the full build, `npx projen build`, compiles before it tests).');
    }
    // Every hand-written source and what it compiles to: the command may run any of them.
    const built = sourcesUnder(path.join(ROOT, 'src'))
      .map(src => [src, path.join(ROOT, 'lib', path.relative(path.join(ROOT, 'src'), src).replace(/\.ts$/, '.js'))]);
    const stale = built.filter(([src, js]) => !fs.existsSync(js) || fs.statSync(src).mtimeMs > fs.statSync(js).mtimeMs).map(([src]) => src);
    if (stale.length > 0) {
      throw new Error(`lib/ is older than ${stale.map(s => path.relative(ROOT, s)).join(', ')}: run \`npx projen compile\` again.`);
    }
  });

  describe('on the seed\'s hand-written manifests', () => {
    const args = ['plan', path.join(FIXTURES, 'resource-policy'), path.join(FIXTURES, 'eci-only.yaml')];

    test('the table shows the Pending executor of spark-pi and the 2 vCPU / 8 GiB ECI executors, with the memory that fits 2 vCPU / 4 GiB', () => {
      const { status, stdout, stderr } = run(args);
      expect(stderr).toBe('');
      expect(status).toBe(1); // planned, and spark-pi's executor-5 stays Pending

      const sparkPi = jobBlock(stdout, 'SparkApplication default/spark-pi  (test/fixtures/plan/resource-policy/spark-pi.yaml, document 1)');
      expect(sparkPi).toContain('  ResourcePolicy default/sparkapplication-resource-policy: units ecs max 2, eci max 3');
      const executor = cells(sparkPi.find(l => l.startsWith('  executor'))!);
      expect(executor).toEqual(['executor', '5', 'ResourcePolicy: ecs 1, eci 3, Pending 1', '1 (limit 1200m)', '896Mi', '2-1Gi',
        '26.3% (cpu 40.0%, mem 12.5%)', '1']);
      expect(sparkPi).toContain('  pending     executor-5: ResourcePolicy default/sparkapplication-resource-policy (ecs max 2, eci max 3): every unit the pods may use is at its max');

      const eciOnly = jobBlock(stdout, 'SparkApplication default/spark-pi-eci-only  (test/fixtures/plan/eci-only.yaml, document 1)');
      expect(cells(eciOnly.find(l => l.startsWith('  executor'))!)).toEqual(['executor', '2', 'ResourcePolicy: eci 2', '2', '4505Mi', '2-8Gi',
        '22.5% (cpu 0.0%, mem 45.0%)', '0']);
      expect(eciOnly).toContain('  suggestion  executor: memory 4g makes a 4505 MiB pod (4096 MiB + 409 MiB overhead), billed as 2-8Gi '
        + 'with 45.0% of its memory unused; memory 3712m or less fits 2-4Gi');

      // The two warnings: both jobs' ECI pods auto-match an image cache no ImageCache makes (IMAGE_CACHE_ON_FIRST_RUN).
      expect(stdout).toContain('\n2 jobs, 9 pods: 6 on ECI, 1 Pending; 1 error, 4 warnings\n');
    });

    test('--json prints the same plan', () => {
      const { status, stdout } = run([...args, '--json']);
      expect(status).toBe(1); // planned, and spark-pi's executor-5 stays Pending
      const report = JSON.parse(stdout);
      const sparkPi = report.jobs.find((j: any) => j.name === 'spark-pi');
      expect(sparkPi.pending).toEqual([expect.objectContaining({
        pods: 'executor-5',
        role: 'executor',
        reason: expect.objectContaining({ code: 'UNIT_CAPS' }),
        message: 'executor-5: ResourcePolicy default/sparkapplication-resource-policy (ecs max 2, eci max 3): every unit the pods may use is at its max',
      })]);
      expect(sparkPi.roles[1]).toMatchObject({ pods: 5, placement: 'RESOURCE_POLICY', pendingPods: 1, eciPods: { atLeast: 3, atMost: 3 } });

      const executor = report.jobs.find((j: any) => j.name === 'spark-pi-eci-only').roles[1];
      expect(executor.eci).toMatchObject({ billed: '2-8Gi', vcpu: 2, memoryGibibytes: 8, maxMemoryForSmallerSize: '3712m', smallerSize: '2-4Gi' });
      expect(executor.eci.suggestion).toContain('memory 3712m or less fits 2-4Gi');
      expect(report.totals).toEqual({
        jobs: 2, pods: 9, pendingPods: 1, errors: 1, warnings: 4, eciPods: { atLeast: 6, atMost: 6 }, eciCostPerHour: null,
      });
      expect(report.prices).toBeNull();
    });

    test('with prices, the ECI cost per hour', () => {
      const { status, stdout } = run([...args, ...PRICES]);
      expect(status).toBe(1); // planned, and spark-pi's executor-5 stays Pending
      expect(stdout).toContain('ECI COST/H (CNY)');
      // spark-pi: 3 ECI executors at 2-1Gi (0.42); spark-pi-eci-only: 2-1Gi + 2 x 2-8Gi (0.56)
      expect(stdout).toContain('\n2 jobs, 9 pods: 6 on ECI, 1 Pending; 1 error, 4 warnings; ECI cost 2.8 CNY per hour\n');
      expect(stdout).toContain('prices: 0.2 per vCPU-hour, 0.02 per GiB-hour, spot 70% off (CNY); ECS capacity is not priced');
      const json = JSON.parse(run([...args, ...PRICES, '--json']).stdout);
      expect(json.totals.eciCostPerHour).toEqual({ atLeast: 2.8, atMost: 2.8 });
      expect(json.prices).toEqual({ pricePerVcpuHour: 0.2, pricePerGibHour: 0.02, spotDiscount: 0.7, currency: 'CNY' });
    });

    test('reads standard input with -', () => {
      const input = fs.readFileSync(path.join(ROOT, FIXTURES, 'eci-only.yaml'), 'utf8');
      const { status, stdout } = run(['plan', '-', '--json'], { input });
      expect(status).toBe(0);
      expect(JSON.parse(stdout).jobs[0]).toMatchObject({ name: 'spark-pi-eci-only', source: { file: '<stdin>', document: 1 } });
    });
  });

  describe('on the example app\'s synthesized YAML (what `npx projen example` writes to examples/dist)', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-cli-'));
      const app = new App({ outdir: path.join(dir, 'dist') });
      defineExampleApp(app);
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); // the unused-share warnings
      try {
        app.synth();
      } finally {
        warn.mockRestore();
      }
    });

    test('the table', () => {
      const { status, stdout, stderr } = run(['plan', 'dist'], { cwd: dir });
      expect(stderr).toBe('');
      expect(status).toBe(1); // planned, and spark-pi's executor-5 stays Pending
      expect(stdout).toMatchSnapshot();
      const sparkPi = jobBlock(stdout, 'SparkApplication default/spark-pi  (dist/spark-pi-resource-policy.k8s.yaml, document 2)');
      expect(sparkPi.filter(l => l.startsWith('  pending'))).toEqual([
        '  pending     executor-5: ResourcePolicy default/sparkapplication-resource-policy (ecs max 2, eci max 3): every unit the pods may use is at its max',
      ]);
    });

    test('--json', () => {
      const { status, stdout } = run(['plan', 'dist', '--json'], { cwd: dir });
      expect(status).toBe(1); // planned, and spark-pi's executor-5 stays Pending
      const report = JSON.parse(stdout);
      expect(report.jobs.map((j: any) => `${j.source.file}#${j.source.document} ${j.name}`)).toEqual([
        'dist/spark-pi-eci-only-image-cache-auto.k8s.yaml#1 spark-pi-eci-only',
        'dist/spark-pi-eci-only-image-cache-id.k8s.yaml#1 spark-pi-eci-only',
        'dist/spark-pi-eci-only.k8s.yaml#1 spark-pi-eci-only',
        'dist/spark-pi-ecs-first.k8s.yaml#1 spark-pi-ecs-first',
        'dist/spark-pi-ecs-only.k8s.yaml#1 spark-pi-ecs-only',
        'dist/spark-pi-image-cache-baseline.k8s.yaml#1 spark-pi',
        'dist/spark-pi-resource-policy.k8s.yaml#2 spark-pi',
        'dist/spark4-pi.k8s.yaml#1 spark-pi',
        'dist/spark4-pi.k8s.yaml#2 spark-pi-python',
      ]);
      const policyJob = report.jobs[6];
      expect(policyJob.pending.map((p: any) => [p.pods, p.reason.code])).toEqual([['executor-5', 'UNIT_CAPS']]);
      expect(policyJob.resourcePolicy.units.map((u: any) => u.pods)).toEqual([2, 3]);
      for (const job of report.jobs.filter((j: any) => j.name === 'spark-pi-eci-only')) {
        expect(job.roles[1].eci).toMatchObject({ billed: '2-8Gi', maxMemoryForSmallerSize: '3712m', smallerSize: '2-4Gi' });
      }
    });
  });

  describe('exit codes and messages', () => {
    test.each<[string, string[], number, string]>([
      ['--help', ['--help'], 0, 'Usage: cdk8s-spark-eci plan <dir or file>... [options]'],
      ['plan --help', ['plan', '--help'], 0, 'Usage: cdk8s-spark-eci plan <dir or file>... [options]'],
    ])('%s prints the usage', (_name, args, status, text) => {
      const result = run(args);
      expect(result.status).toBe(status);
      expect(result.stdout).toContain(text);
      expect(result.stdout).toContain('--price-vcpu-hour N');
      expect(result.stdout).toContain('--format F               how to print the plan: table, json, markdown, html (default table)');
      expect(result.stdout).toContain('\n  1  planned, and a finding is an error');
    });

    describe.each(EXIT_CASES)('%s', (_name, files, code) => {
      test.each(OUTPUT_FORMATS)(`exits ${code} with --format %s`, format => {
        const result = run(['plan', '-', '--format', format], { input: asStream(files) });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(code);
        expect(result.stdout).not.toBe('');
      });
    });

    test('--output writes the file, prints nothing on standard output and one line on standard error; the exit code stays', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-output-'));
      const file = path.join(dir, 'plan.md');
      const args = ['plan', path.join(FIXTURES, 'resource-policy'), '--format', 'markdown'];
      const result = run([...args, '--output', file]);
      expect(result).toEqual({ status: EXIT_CODES.FINDINGS, stdout: '', stderr: `cdk8s-spark-eci plan: wrote the markdown plan to ${file} (1 Pending pod, 1 error: exit code 1)\n` });
      expect(fs.readFileSync(file, 'utf8')).toBe(run(args).stdout);

      const clean = run(['plan', path.join(FIXTURES, 'eci-only.yaml'), '--json', `--output=${file}`]);
      expect(clean).toEqual({ status: EXIT_CODES.CLEAN, stdout: '', stderr: `cdk8s-spark-eci plan: wrote the json plan to ${file}\n` });
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).jobs[0].name).toBe('spark-pi-eci-only');
    });

    test('--output - writes to standard output; --format json is --json', () => {
      const args = ['plan', path.join(FIXTURES, 'eci-only.yaml')];
      const json = run([...args, '--json']);
      expect(run([...args, '--format', 'json', '--output', '-'])).toEqual(json);
      expect(run([...args, '--json', '--format=json'])).toEqual(json);
    });

    test('does not write the output file when the input cannot be read', () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-output-')), 'plan.html');
      const result = run(['plan', path.join(FIXTURES, 'invalid'), '--format', 'html', '--output', file]);
      expect(result.status).toBe(EXIT_CODES.FAILED);
      expect(fs.existsSync(file)).toBe(false);
    });

    test('stops at the input limit at once: plan /dev/zero exits 2 with the limit named', () => {
      const result = run(['plan', '/dev/zero']);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('cdk8s-spark-eci plan: /dev/zero: larger than 64 MiB (the plan command\'s input limit; pass --max-input-bytes to raise it)\n');
    });

    test('applies the limit to standard input, and --max-input-bytes sets it', () => {
      const result = run(['plan', '-', '--max-input-bytes', '1024'], { input: 'x'.repeat(1025) });
      expect(result.status).toBe(2);
      expect(result.stderr).toBe('cdk8s-spark-eci plan: <stdin>: larger than 1024 bytes (the plan command\'s input limit; pass --max-input-bytes to raise it)\n');
      const input = fs.readFileSync(path.join(ROOT, FIXTURES, 'eci-only.yaml'), 'utf8');
      expect(run(['plan', '-', `--max-input-bytes=${Buffer.byteLength(input)}`, '--json'], { input }).status).toBe(0);
    });

    test('prints control characters from a manifest escaped, and keeps them in --json', () => {
      const input = fs.readFileSync(path.join(ROOT, FIXTURES, 'eci-only.yaml'), 'utf8')
        .replace('name: spark-pi-eci-only', 'name: "spark\\x1b[2J\\nfake-row\\u202e"');
      const table = run(['plan', '-'], { input });
      // Such a name is no DNS-1035 label: the API server refuses it, and the plan says so (exit 1).
      expect(table.status).toBe(1);
      expect(table.stdout).toContain('metadata.name must be a DNS-1035 label');
      expect(table.stdout).toContain('SparkApplication default/spark\\x1b[2J\\nfake-row\\u202e  (<stdin>, document 1)');
      expect(table.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      const json = run(['plan', '-', '--json'], { input });
      expect(JSON.parse(json.stdout).jobs[0].name).toBe('spark\x1b[2J\nfake-row\u202e');
    });

    test.each(USAGE_ERRORS)('%s: exit code 2', (_name, args, message) => {
      const result = run(args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
    });
  });
});

describe('main(), in process', () => {
  async function call(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
    return { code, stdout, stderr };
  }

  test('plans files and directories, with --flag=value and --', async () => {
    const result = await call('plan', '--json', '--price-vcpu-hour=0.2', '--price-gib-hour=0.02', '--',
      path.join(ROOT, FIXTURES, 'ecs-first.yaml'), path.join(ROOT, FIXTURES, 'resource-policy'));
    expect(result.code).toBe(1); // spark-pi's executor-5 stays Pending
    expect(JSON.parse(result.stdout).jobs.map((j: any) => j.name)).toEqual(['spark-pi-ecs-first', 'spark-pi']);
  });

  test('returns 2 with the file and the document for unreadable input', async () => {
    const result = await call('plan', path.join(ROOT, FIXTURES, 'invalid', 'bad-memory.yaml'));
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^cdk8s-spark-eci plan: .*bad-memory\.yaml: document 2: SparkApplication spark-pi: spec\.executor\.memory/);
  });

  test('returns 2 with the usage when no command is given, 0 for help', async () => {
    expect(await call()).toMatchObject({ code: 2, stdout: '' });
    expect(await call('help')).toMatchObject({ code: 0, stderr: '' });
    expect(await call('-h')).toMatchObject({ code: 0 });
  });

  test.each(USAGE_ERRORS)('%s: returns 2', async (_name, args, message) => {
    const result = await call(...args.map(a => (a.startsWith('test/') ? path.join(ROOT, a) : a)));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message.replace(/test\/fixtures/, path.join(ROOT, 'test', 'fixtures')));
  });

  test('refuses /dev/zero at the limit: it reads no more than the limit and one byte', async () => {
    // The fs module itself (`import * as fs` gives a namespace whose properties cannot be spied on).
    const read = jest.spyOn(jest.requireActual<typeof fs>('fs'), 'readSync');
    try {
      const result = await call('plan', '/dev/zero', '--max-input-bytes', String(3 * 1024 * 1024));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('/dev/zero: larger than 3 MiB');
      expect(read.mock.results.reduce((n, r) => n + (r.value as number), 0)).toBe(3 * 1024 * 1024 + 1);
    } finally {
      read.mockRestore();
    }
  });

  test('--output names the findings behind exit code 1: Pending pods and errors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-output-'));
    const input = path.join(dir, 'overlap.yaml');
    fs.writeFileSync(input, overlappingPolicies().text);
    const output = path.join(dir, 'plan.html');
    expect(await call('plan', input, '--format', 'html', '--output', output)).toEqual({
      code: EXIT_CODES.FINDINGS, stdout: '', stderr: `cdk8s-spark-eci plan: wrote the html plan to ${output} (2 errors: exit code 1)\n`,
    });
    expect(fs.readFileSync(output, 'utf8')).toContain('<h3>Problems</h3>');
  });

  test('says so when the input holds no Spark job', async () => {
    const result = await call('plan', path.join(ROOT, FIXTURES, 'resource-policy', 'resourcepolicy.yaml'));
    expect(result).toEqual({ code: 0, stdout: 'No SparkApplication or ScheduledSparkApplication found.\n', stderr: '' });
  });
});

/** Every .ts file below dir, generated bindings left out. */
function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) { return entry.name === 'imports' ? [] : sourcesUnder(full); }
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}
