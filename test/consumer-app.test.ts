// The package as a user gets it, installed as README.md's "Install" says: the tarball its build
// block packs (dist/js/*.jsii.tgz, by `npx projen package:js`), installed with its app block's
// `npm install` into fresh apps outside this repository next to the cdk8s, constructs and
// cdk8s-plus they choose, compiled with the app's own TypeScript and the tsconfig `cdk8s init`
// writes, then built and planned with the README's own two lines (`npx tsc && node main.js`,
// `npx cdk8s-spark-eci plan dist`). The README's blocks are run as written, so the doc and this
// test cannot drift; the README's "Use it in your app" snippet is one of the apps.
//
// It needs the npm registry (or a warm npm cache: installs prefer the user's cache) and the
// compiled library: `npx projen build` compiles before it tests.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sh, userEnv } from './support/user-shell';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
/** The README's stand-in for the path of the user's checkout. */
const CHECKOUT = '/path/to/cdk8s-spark-eci';
/** npm as a user's shell runs it, using the cache first and without the audit and funding notes. */
const appEnv = userEnv({ npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' });

/** A README section's text: from its `## title` heading to the next. */
function readmeSection(title: string): string {
  const section = readme.split(`\n## ${title}\n`)[1]?.split('\n## ')[0];
  if (section === undefined) { throw new Error(`README.md has no "## ${title}" section`); }
  return section;
}

/** The code of the first `lang` block in `text`, or of the one right after `<!-- marker -->`. */
function block(text: string, lang: string, marker?: string): string {
  const fence = new RegExp(`${marker ? `<!-- ${marker} -->\\n` : ''}\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``);
  const code = fence.exec(text)?.[1];
  if (code === undefined) { throw new Error(`README.md has no ${lang} block${marker ? ` after <!-- ${marker} -->` : ''}`); }
  return code;
}

/** A bash block's commands: comments dropped, `&&` chains split. */
function commands(code: string): string[] {
  return code.split('\n').map(l => l.replace(/(^|\s)#.*$/, '').trim()).filter(l => l).flatMap(l => l.split('&&').map(c => c.trim()));
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

const install = readmeSection('Install');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-spark-eci-consumer-'));
let packing: Promise<void> | undefined;

/**
 * Runs the README's build block in this repository, once for the apps that run side by side:
 * `npm ci` and the compile are the build's own steps before the tests (checked, not rerun:
 * reinstalling or recompiling under a running test suite would pull lib/ from under the other
 * tests), the pack is run as written.
 */
function packAsReadmeSays(): Promise<void> {
  packing ??= (async () => {
    for (const command of commands(block(install, 'bash', 'install: build'))) {
      if (command === 'npm ci') {
        expect(fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))).toBe(true);
      } else if (command === 'npx projen compile') {
        if (!fs.existsSync(path.join(root, 'lib', 'index.js')) || !fs.existsSync(path.join(root, '.jsii'))) {
          throw new Error('the compiled library (lib/, .jsii) is missing: run `npx projen compile` (the build does) before this test');
        }
        const newestSource = Math.max(...fs.readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
          .filter(f => f.isFile()).map(f => fs.statSync(path.join(f.parentPath, f.name)).mtimeMs));
        if (fs.statSync(path.join(root, '.jsii')).mtimeMs < newestSource) {
          throw new Error('the compiled library (lib/, .jsii) is older than src/: run `npx projen compile` (the build does) before this test');
        }
      } else if (command === 'npx projen package:js') {
        await sh(root, 'bash', ['-c', command]);
      } else {
        throw new Error(`README.md's build block runs "${command}", which this test does not know: teach it, so the block stays tested`);
      }
    }
  })();
  return packing;
}

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** Makes an app, installs the tarball as the README's app block says, compiles, synthesizes and plans it. */
async function buildApp(c: AppCase, typescript: string): Promise<{ yaml: string; plan: string; dir: string }> {
  const dir = path.join(workDir, c.name);
  fs.mkdirSync(dir);
  // What `cdk8s init` leaves: the app's dependencies in package.json (installed by the README's
  // `npm install`, which installs those too) and its tsconfig.
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: c.name, version: '1.0.0', private: true, dependencies: c.deps, devDependencies: { typescript },
  }, null, 2));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), initTemplate().tsconfig);
  await packAsReadmeSays();
  const appBlock = block(install, 'bash', 'install: app');
  expect(appBlock).toContain(`${CHECKOUT}/dist/js/`);
  await sh(dir, 'bash', ['-ec', appBlock.split(CHECKOUT).join(root)], appEnv);
  return { ...await rebuildWith(dir, appSource(c)), dir };
}

/** The README's "Use it in your app" snippet. */
function readmeApp(): string {
  return block(readmeSection('Use it in your app'), 'ts');
}

/**
 * Writes `source` as the app's main.ts and runs the README's two lines after its snippet: compile
 * with the app's TypeScript and synthesize, then plan dist/ with the installed bin.
 */
async function rebuildWith(dir: string, source: string): Promise<{ yaml: string; plan: string }> {
  fs.writeFileSync(path.join(dir, 'main.ts'), source);
  fs.rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  const plan = await sh(dir, 'bash', ['-ec', block(readmeSection('Use it in your app'), 'bash')], appEnv);
  const yaml = fs.readFileSync(path.join(dir, 'dist', 'spark.k8s.yaml'), 'utf8');
  return { yaml, plan };
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
    // The app depends on the tarball the README's build block packed, at the path it names.
    const appPkg = JSON.parse(fs.readFileSync(path.join(result.dir, 'package.json'), 'utf8'));
    const recorded: string = appPkg.dependencies['cdk8s-spark-eci'];
    expect(recorded.startsWith('file:') && path.resolve(result.dir, recorded.slice('file:'.length)))
      .toBe(path.join(root, 'dist', 'js', `cdk8s-spark-eci@${pkg.version}.jsii.tgz`));
    expect(fs.existsSync(path.join(modules, 'cdk8s-spark-eci', 'node_modules', 'cdk8s'))).toBe(false);

    // The README's snippet, in the same app, compiles, synthesizes and plans as it says.
    const snippet = await rebuildWith(result.dir, readmeApp());
    expect(snippet.yaml).toContain('supplementalGroupsPolicy: Strict');
    expect(snippet.yaml).toContain('schedule: 0 3 * * *');
    expect(snippet.plan).toContain('SparkApplication default/spark-pi ');
    expect(snippet.plan).toContain('ScheduledSparkApplication default/spark-pi-nightly');
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
