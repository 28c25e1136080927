// The package as a user gets it: `npm pack` of the compiled library (lib/), installed into fresh
// apps outside this repository next to the cdk8s, constructs and cdk8s-plus they choose, compiled
// with the app's own TypeScript and the tsconfig `cdk8s init` writes, synthesized with `node`, and
// planned with the installed `cdk8s-spark-eci` bin. This proves the README's "Use it in your app".
//
// It needs the npm registry (or a warm npm cache: installs run with --prefer-offline and share
// the user's cache) and the compiled library: `npx projen build` compiles before it tests.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The environment of a user's shell: nothing of the `npm`/`projen` run that started jest. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|NPM_|INIT_CWD$|PROJEN_|JEST_)/.test(key)) { env[key] = value; }
  }
  return env;
}

async function sh(cwd: string, cmd: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd, env: userEnv(), maxBuffer: 64 * 1024 * 1024 });
    return stdout + stderr;
  } catch (e: any) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`);
  }
}

/** The lowest published version of `name` that `range` (a peer range of package.json) admits. */
async function lowest(name: string, range: string): Promise<string> {
  const out = await sh(root, 'npm', ['view', `${name}@${range}`, 'version', '--json', '--prefer-offline']);
  const versions: string[] = [JSON.parse(out)].flat();
  const byNumber = (v: string) => v.split('.').map(Number);
  versions.sort((a, b) => {
    const [x, y] = [byNumber(a), byNumber(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  return versions[0];
}

/** What `cdk8s init typescript-app` writes (cdk8s-cli's template): its tsconfig and TypeScript. */
function initTemplate(): { tsconfig: string; typescript: string } {
  const dir = path.join(root, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app');
  const template = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { tsconfig: fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8'), typescript: template.devDependencies.typescript };
}

interface AppCase {
  readonly name: string;
  readonly deps: { [name: string]: string };
  /** The cdk8s-plus the app imports `Cpu`, `EnvValue`, `ImagePullPolicy` and `k8s` from. */
  readonly plus: string;
  /** Whether the app passes fields Kubernetes added after 1.28 (its cdk8s-plus has them). */
  readonly newerFields: boolean;
}

/** A small app: a SparkJob with the app's own cdk8s-plus values and an ECI placement, and a Cron job. */
function appSource(c: AppCase): string {
  const newer = c.newerFields;
  return `import { App, Chart, Cron, Size } from 'cdk8s';
import { Cpu, EnvValue, ImagePullPolicy, k8s } from '${c.plus}';
import { EciPlacement, ScheduledSparkJob, SparkApplicationType, SparkJob, SparkPlacement } from 'cdk8s-spark-eci';

const app = new App();
const chart = new Chart(app, 'spark', { namespace: 'default' });
const sparkPi = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2',
  mainClass: 'org.apache.spark.examples.SparkPi',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
};
const models: k8s.Volume = ${newer
  ? "{ name: 'models', image: { reference: 'registry.example/models:1', pullPolicy: 'IfNotPresent' } }"
  : "{ name: 'models', emptyDir: {} }"};
const mount: k8s.VolumeMount = { name: 'models', mountPath: '/models', readOnly: true${newer ? ", recursiveReadOnly: 'IfPossible'" : ''} };
const podSecurity: k8s.PodSecurityContext = { runAsNonRoot: true${newer ? ", supplementalGroupsPolicy: 'Strict'" : ''} };

new SparkJob(chart, 'Pi', {
  ...sparkPi,
  metadata: { name: 'spark-pi' },
  imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
  volumes: [models],
  driver: {
    cores: 1,
    coreLimit: Cpu.millis(1200),
    memory: Size.mebibytes(512),
    serviceAccount: 'spark',
    env: { MODE: EnvValue.fromValue('batch') },
    podSecurityContext: podSecurity,
    volumeMounts: [mount],
  },
  executor: { instances: 2, cores: 1, coreRequest: Cpu.millis(900), memory: Size.gibibytes(2), volumeMounts: [mount] },
  placement: SparkPlacement.of(EciPlacement.ecsFirst()),
});

new ScheduledSparkJob(chart, 'Nightly', {
  ...sparkPi,
  metadata: { name: 'spark-pi-nightly' },
  cron: Cron.schedule({ minute: '0', hour: '3' }),
  executor: { instances: 1, cores: 1, memory: Size.gibibytes(2) },
});

app.synth();
`;
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-spark-eci-consumer-'));
let packing: Promise<string> | undefined;

/** The packed library, packed once for the apps that run side by side. */
function tarball(): Promise<string> {
  packing ??= (async () => {
    if (!fs.existsSync(path.join(root, 'lib', 'index.js')) || !fs.existsSync(path.join(root, '.jsii'))) {
      throw new Error('the compiled library (lib/, .jsii) is missing: run `npx projen compile` (the build does) before this test');
    }
    const newestSource = Math.max(...fs.readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
      .filter(f => f.isFile()).map(f => fs.statSync(path.join(f.parentPath, f.name)).mtimeMs));
    if (fs.statSync(path.join(root, '.jsii')).mtimeMs < newestSource) {
      throw new Error('the compiled library (lib/, .jsii) is older than src/: run `npx projen compile` (the build does) before this test');
    }
    const packed = JSON.parse(await sh(root, 'npm', ['pack', '--json', '--pack-destination', workDir]));
    return path.join(workDir, packed[0].filename);
  })();
  return packing;
}

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** Installs, compiles, synthesizes and plans one app; returns the synthesized YAML and the plan. */
async function buildApp(c: AppCase, typescript: string): Promise<{ yaml: string; plan: string; dir: string }> {
  const dir = path.join(workDir, c.name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: c.name, version: '1.0.0', private: true }, null, 2));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), initTemplate().tsconfig);
  const deps = Object.entries({ ...c.deps, typescript }).map(([name, version]) => `${name}@${version}`);
  await sh(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...deps, await tarball()]);
  return { ...await rebuildWith(dir, appSource(c)), dir };
}

/** The README's "Use it in your app" snippet. */
function readmeApp(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.split('\n## Use it in your app\n')[1]?.split('\n## ')[0] ?? '';
  const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!snippet) { throw new Error('README.md has no TypeScript snippet under "## Use it in your app"'); }
  return snippet;
}

/**
 * Writes `source` as the app's main.ts, compiles it with the app's TypeScript, synthesizes it
 * with `node` and plans dist/ with the installed bin (`--no`: run the installed one or fail,
 * never fetch one).
 */
async function rebuildWith(dir: string, source: string): Promise<{ yaml: string; plan: string }> {
  fs.writeFileSync(path.join(dir, 'main.ts'), source);
  fs.rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  await sh(dir, process.execPath, [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
  await sh(dir, process.execPath, ['main.js']);
  const yaml = fs.readFileSync(path.join(dir, 'dist', 'spark.k8s.yaml'), 'utf8');
  return { yaml, plan: await sh(dir, 'npx', ['--no', 'cdk8s-spark-eci', 'plan', 'dist']) };
}

function expectWorkingApp(result: { yaml: string; plan: string }): void {
  expect(result.yaml).toContain('coreLimit: 1200m');
  expect(result.yaml).toContain('coreRequest: 900m');
  expect(result.yaml).toContain('value: batch');
  expect(result.yaml).toContain('imagePullPolicy: IfNotPresent');
  expect(result.yaml).toContain('schedule: 0 3 * * *');
  expect(result.yaml).toMatch(/operator: NotIn\s+values:\s+- virtual-kubelet/);
  expect(result.plan).toContain('SparkApplication default/spark-pi ');
  expect(result.plan).toContain('ScheduledSparkApplication default/spark-pi-nightly');
  expect(result.plan).toMatch(/executor\s+2\s+ECS then ECI/);
}

describe('a fresh app that installs the packed library', () => {
  const peers = pkg.peerDependencies as { [name: string]: string };

  test.concurrent('works in what `cdk8s init` gives today: the latest cdk8s and constructs, cdk8s-plus-33', async () => {
    const result = await buildApp({
      name: 'app-plus-33',
      deps: { 'cdk8s': 'latest', 'constructs': 'latest', 'cdk8s-plus-33': 'latest' },
      plus: 'cdk8s-plus-33',
      newerFields: true,
    }, initTemplate().typescript);
    expectWorkingApp(result);
    // Fields newer than Kubernetes 1.28, from the app's cdk8s-plus-33, reach the YAML.
    expect(result.yaml).toContain('reference: registry.example/models:1');
    expect(result.yaml).toContain('recursiveReadOnly: IfPossible');
    expect(result.yaml).toContain('supplementalGroupsPolicy: Strict');
    // npm installs the peer cdk8s-plus-28 beside the app's cdk8s-plus-33 (README: why that is harmless),
    // and the app has one cdk8s: the library uses the app's.
    const modules = path.join(result.dir, 'node_modules');
    expect(fs.existsSync(path.join(modules, 'cdk8s-plus-28', 'package.json'))).toBe(true);
    expect(fs.existsSync(path.join(modules, 'cdk8s-spark-eci', 'node_modules', 'cdk8s'))).toBe(false);

    // The README's snippet, in the same app, compiles, synthesizes and plans as it says.
    const readme = await rebuildWith(result.dir, readmeApp());
    expect(readme.yaml).toContain('supplementalGroupsPolicy: Strict');
    expect(readme.yaml).toContain('schedule: 0 3 * * *');
    expect(readme.plan).toContain('SparkApplication default/spark-pi ');
    expect(readme.plan).toContain('ScheduledSparkApplication default/spark-pi-nightly');
  }, 600_000);

  test.concurrent('works with cdk8s-plus-28 and the latest TypeScript before 7', async () => {
    expectWorkingApp(await buildApp({
      name: 'app-plus-28',
      deps: { 'cdk8s': 'latest', 'constructs': 'latest', 'cdk8s-plus-28': peers['cdk8s-plus-28'] },
      plus: 'cdk8s-plus-28',
      newerFields: false,
    }, '<7'));
  }, 600_000);

  test.concurrent('works with the lowest cdk8s, constructs and cdk8s-plus-28 the peer ranges admit', async () => {
    const floor = {
      'cdk8s': await lowest('cdk8s', peers.cdk8s),
      'constructs': await lowest('constructs', peers.constructs),
      'cdk8s-plus-28': await lowest('cdk8s-plus-28', peers['cdk8s-plus-28']),
    };
    const result = await buildApp({ name: 'app-floor', deps: floor, plus: 'cdk8s-plus-28', newerFields: false }, initTemplate().typescript);
    expectWorkingApp(result);
    const installed = (name: string) => JSON.parse(fs.readFileSync(path.join(result.dir, 'node_modules', name, 'package.json'), 'utf8')).version;
    expect({ 'cdk8s': installed('cdk8s'), 'constructs': installed('constructs'), 'cdk8s-plus-28': installed('cdk8s-plus-28') }).toEqual(floor);
  }, 600_000);
});
