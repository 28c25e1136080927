// The validation plugin in the real `cdk8s synth` (node_modules/.bin/cdk8s, offline): temp apps in
// plain JavaScript that use the compiled library (lib/) and `Include` hand-written YAML, with the
// plugin in their cdk8s.yaml in both forms cdk8s-cli loads: a local path, and the package name
// (which cdk8s-cli looks up in its plugins directory, `<dir>/<package>/<version>/node_modules/`,
// and installs from npm when missing: the test fills that directory itself, so nothing is
// installed). It needs lib/: `npx projen build` compiles before it tests.
//
// docs/plugin.md's deploy blocks run here too, after such a synth: a folder `kubectl apply -f`
// (or a chart `helm install`) takes whole, every file read as Kubernetes objects.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
const FIXTURES = path.join(__dirname, 'fixtures');

/**
 * A copy of a fixture whose job accepts the seed's unused ECI share (its driver's 1200m limit is
 * billed as 2 vCPU): the job's own decision, read from the YAML, so these runs see only the
 * findings they are about.
 */
function acceptingUnusedShare(file: string): string {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-fixture-')), path.basename(file));
  fs.writeFileSync(copy, fs.readFileSync(file, 'utf8').replace('metadata:\n',
    'metadata:\n  annotations:\n    cdk8s-spark-eci/unused-share-warning: driver=0,executor=0\n'));
  return copy;
}

const TOO_BIG = acceptingUnusedShare(path.join(FIXTURES, 'plugin', 'too-big-for-eci.yaml'));
const ECI_ONLY = acceptingUnusedShare(path.join(FIXTURES, 'plan', 'eci-only.yaml'));

/** How the app's cdk8s.yaml names the plugin. */
type PluginForm = 'local path' | 'package name';

interface SynthResult {
  readonly status: number | null;
  readonly output: string;
  readonly reports: any;
  readonly dir: string;
}

/**
 * A plain JavaScript app: a SparkJob of this library, an ImageCache for the image both jobs run
 * (ECI auto-matches it, so their first run starts from the cache) and the `Include`d YAML file.
 */
function appSource(include: string, sparkConf: { [key: string]: string } = {}): string {
  return `const { App, Chart, Include } = require('cdk8s');
const { EciPlacement, ImageCache, SparkApplicationType, SparkJob, SparkPlacement } = require('cdk8s-spark-eci');

const app = new App();
const chart = new Chart(app, 'platform', { namespace: 'default' });
new ImageCache(chart, 'spark-image', { images: ['registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2'] });
new SparkJob(chart, 'nightly', {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2',
  mainClass: 'org.apache.spark.examples.SparkPi',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  executor: { instances: 2 },
  placement: SparkPlacement.of(EciPlacement.eciOnly()),
  sparkConf: ${JSON.stringify(sparkConf)},
});
new Include(chart, 'hand-written', { url: ${JSON.stringify(include)} });
app.synth();
`;
}

function cdk8sYaml(form: PluginForm, properties?: object): string {
  const entry = {
    package: form === 'local path' ? './node_modules/cdk8s-spark-eci' : 'cdk8s-spark-eci',
    version: '0.0.0',
    class: 'SparkPlanValidation',
    ...(properties ? { properties } : {}),
  };
  return `app: node main.js\noutput: dist\nvalidations:\n  - ${JSON.stringify(entry)}\n`;
}

/** Writes the app into a temp folder and runs `cdk8s synth` there. */
function synth(include: string, form: PluginForm, properties?: object, extraArgs: string[] = [], sparkConf?: { [key: string]: string }): SynthResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-app-'));
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  // The app's own dependencies, as `npm install` would give them (links: one copy of each).
  fs.symlinkSync(ROOT, path.join(modules, 'cdk8s-spark-eci'), 'dir');
  for (const dep of ['cdk8s', 'constructs']) { fs.symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(modules, dep), 'dir'); }
  // What cdk8s-cli's installer leaves in its plugins directory for `package: cdk8s-spark-eci`, `version: 0.0.0`.
  const plugins = path.join(dir, 'plugins');
  fs.mkdirSync(path.join(plugins, 'cdk8s-spark-eci', '0.0.0', 'node_modules'), { recursive: true });
  fs.symlinkSync(ROOT, path.join(plugins, 'cdk8s-spark-eci', '0.0.0', 'node_modules', 'cdk8s-spark-eci'), 'dir');
  fs.writeFileSync(path.join(dir, 'main.js'), appSource(include, sparkConf));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), cdk8sYaml(form, properties));

  const reportFile = path.join(dir, 'reports.json');
  const result = spawnSync(CDK8S, ['synth', '--no-check-upgrade', '--plugins-dir', plugins, '--validation-reports-output-file', reportFile, ...extraArgs], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CDK8S_RECORD_CONSTRUCT_METADATA: undefined, FORCE_COLOR: '0' },
  });
  return {
    status: result.status,
    output: `${result.stdout}${result.stderr}`,
    reports: fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : undefined,
    dir,
  };
}

/** An object as `kubectl apply -f` reads it from a folder. */
interface FolderObject {
  readonly file: string;
  readonly kind: string;
  readonly name: string;
}

/**
 * What `kubectl apply -f <dir>` reads: every `.json`, `.yaml` and `.yml` file of the folder (not
 * its subfolders), each document an object with `kind` and `apiVersion` (kubectl stops with
 * "Object 'Kind' is missing" on one without, then with "Object 'apiVersion' is missing"), empty
 * documents skipped.
 */
function kubectlObjects(dir: string): FolderObject[] {
  const objects: FolderObject[] = [];
  for (const file of fs.readdirSync(dir).filter(f => /\.(json|ya?ml)$/.test(f)).sort()) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))) {
      if (doc.errors.length > 0) { throw new Error(`${file}: ${doc.errors[0].message}`); }
      const object = doc.toJS();
      if (object === null || object === undefined) { continue; }
      if (typeof object !== 'object' || Array.isArray(object)) { throw new Error(`${file}: not an object`); }
      if (typeof object.kind !== 'string') { throw new Error(`${file}: Object 'Kind' is missing`); }
      if (typeof object.apiVersion !== 'string') { throw new Error(`${file}: Object 'apiVersion' is missing`); }
      objects.push({ file, kind: object.kind, name: object.metadata?.name });
    }
  }
  return objects;
}

/** The commands of a document's bash block after `<!-- pipeline: name -->`: comments dropped, `&&` chains split. */
function pipeline(name: string, document = 'docs/plugin.md'): string[] {
  const doc = fs.readFileSync(path.join(ROOT, document), 'utf8');
  const m = new RegExp(`<!-- pipeline: ${name} -->\\n( *)\`\`\`bash\\n([\\s\\S]*?)\\1\`\`\``).exec(doc);
  if (!m) { throw new Error(`${document} has no bash block after <!-- pipeline: ${name} -->`); }
  return m[2].split('\n').map(l => l.replace(/(^|\s)#.*$/, '').trim()).filter(l => l).flatMap(l => l.split('&&').map(c => c.trim()));
}

/**
 * Runs a documented pipeline after `synth` ran it with `extraArgs`: its `cdk8s synth` must be that
 * synth, its `rm` runs as written, and its `kubectl apply -f` / `helm install` reads the folder
 * as they would. Returns what they would deploy.
 */
function deploy(name: string, result: SynthResult, extraArgs: string[] = []): FolderObject[] {
  let deployed: FolderObject[] | undefined;
  for (const command of pipeline(name)) {
    let m: RegExpExecArray | null;
    if ((m = /^npx cdk8s synth\b(.*)$/.exec(command))) {
      expect(m[1].trim()).toBe(extraArgs.join(' '));
    } else if (command.startsWith('rm ')) {
      expect(spawnSync('bash', ['-ec', command], { cwd: result.dir }).status).toBe(0);
    } else if ((m = /^kubectl apply -f (\S+)$/.exec(command))) {
      deployed = kubectlObjects(path.join(result.dir, m[1]));
    } else if ((m = /^helm install \S+ (\S+)$/.exec(command))) {
      expect(fs.existsSync(path.join(result.dir, m[1], 'Chart.yaml'))).toBe(true);
      deployed = kubectlObjects(path.join(result.dir, m[1], 'templates'));
    } else {
      throw new Error(`docs/plugin.md's "${name}" pipeline runs "${command}", which this test does not know: teach it, so the block stays tested`);
    }
  }
  if (!deployed) { throw new Error(`docs/plugin.md's "${name}" pipeline deploys nothing`); }
  return deployed;
}

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
    throw new Error('lib/index.js is missing: run `npx projen compile` first (the plugin runs from the compiled library)');
  }
});


describe('cdk8s synth with the SparkPlanValidation plugin', () => {
  test.each<PluginForm>(['local path', 'package name'])(
    'fails (exit 2) on an Included SparkApplication no ECI size fits, with the plugin named by %s', (form) => {
      const result = synth(TOO_BIG, form);
      expect({ status: result.status, output: result.output }).toEqual({ status: 2, output: expect.stringContaining('Validation failed') });
      expect(result.output).toContain('NO_ECI_SIZE (1 occurrences)');
      expect(result.output).toContain('Construct Path: platform/hand-written/spark-pi-too-big-sparkapplication-default');
      expect(result.output).toContain('Resource Name: spark-pi-too-big');

      const [report] = result.reports.reports;
      expect(report.summary).toEqual({
        status: 'failure',
        plugin: form === 'local path' ? path.join(result.dir, 'node_modules', 'cdk8s-spark-eci') : 'cdk8s-spark-eci',
        version: '0.0.0',
        metadata: { 'Spark jobs': '2', 'Pods': '6', 'Pending pods': '2', 'Errors': '1', 'Warnings': '0' },
      });
      expect(report.violations).toEqual([{
        ruleName: 'NO_ECI_SIZE',
        recommendation: 'error: SparkApplication default/spark-pi-too-big: executor-1, executor-2: they must run on ECI and ECI cannot create them: '
          + 'no ECI size fits a pod of 2 vCPU / 1013760 MiB in the table every region offers; the largest is 64-512Gi (2 pods Pending)',
        fix: expect.stringMatching(/^Lower spec\.executor\.cores, spec\.executor\.memory or spec\.executor\.memoryOverhead to a size ECI offers/),
        violatingConstructs: [{
          resourceName: 'spark-pi-too-big',
          constructPath: 'platform/hand-written/spark-pi-too-big-sparkapplication-default',
          locations: ['SparkApplication default/spark-pi-too-big (document 3): spec.executor'],
          manifestPath: path.join('dist', 'platform.k8s.yaml'),
        }],
      }]);
    });

  test('passes (exit 0) for a clean app: the library\'s job and an Included ECI-only SparkApplication', () => {
    const result = synth(ECI_ONLY, 'local path');
    expect({ status: result.status, output: result.output }).toEqual({ status: 0, output: expect.stringContaining('Validations ended succesfully') });
    expect(result.output).toContain('cdk8s-spark-eci: planned 2 Spark jobs in 1 manifest file: 0 errors, 0 warnings');
    const [report] = result.reports.reports;
    expect(report.summary.status).toBe('success');
    expect(report.violations).toEqual([]);
  });

  test('failOnPending: false in the properties lets the synth pass and lists the Pending pods as a warning', () => {
    const result = synth(TOO_BIG, 'local path', { failOnPending: false });
    expect(result.status).toBe(0);
    const [report] = result.reports.reports;
    expect(report.violations.map((v: any) => [v.ruleName, v.recommendation.split(':')[0]])).toEqual([['NO_ECI_SIZE', 'warning']]);
  });

  test('--format helm: a Spark conf value with {{, which Helm would evaluate, fails the synth with HELM_TEMPLATE_ACTION', () => {
    const result = synth(ECI_ONLY, 'local path', undefined, ['--format', 'helm', '--chart-version', '1.0.0'],
      { 'spark.driver.extraJavaOptions': '-Dlog.dir={{ .Values.logDir }}' });
    expect(result.status).toBe(2);
    const [report] = result.reports.reports;
    expect(report.violations).toEqual([expect.objectContaining({
      ruleName: 'HELM_TEMPLATE_ACTION',
      recommendation: expect.stringContaining('spec.sparkConf["spark.driver.extraJavaOptions"] must not hold "{{"'),
      violatingConstructs: [expect.objectContaining({
        constructPath: 'platform/nightly/Resource',
        manifestPath: path.join('dist', 'templates', 'platform.k8s.yaml'),
      })],
    })]);
    expect(fs.readFileSync(path.join(result.dir, 'dist', 'Chart.yaml'), 'utf8')).toContain('version: "1.0.0"');
  });

  test('--format helm: the chart\'s templates are planned like plain manifests (a warning here, with failOnPending: false)', () => {
    const result = synth(TOO_BIG, 'local path', { failOnPending: false }, ['--format', 'helm', '--chart-version', '1.0.0']);
    expect(result.status).toBe(0);
    const [report] = result.reports.reports;
    expect(report.violations.map((v: any) => [v.ruleName, v.violatingConstructs[0].manifestPath]))
      .toEqual([['NO_ECI_SIZE', path.join('dist', 'templates', 'platform.k8s.yaml')]]);
  });

  test('docs/plugin.md\'s pipeline: after the synth, kubectl apply -f dist/ takes the whole folder', () => {
    const result = synth(ECI_ONLY, 'local path');
    expect(result.status).toBe(0);
    // What the pipeline's rm is for: cdk8s-cli leaves its construct metadata among the manifests.
    expect(() => kubectlObjects(path.join(result.dir, 'dist'))).toThrow("construct-metadata.json: Object 'Kind' is missing");
    expect(deploy('plain', result)).toEqual([
      { file: 'platform.k8s.yaml', kind: 'ImageCache', name: 'platform-spark-image-c8e79be9' },
      { file: 'platform.k8s.yaml', kind: 'SparkApplication', name: 'platform-nightly-c86391c4' },
      { file: 'platform.k8s.yaml', kind: 'SparkApplication', name: 'spark-pi-eci-only' },
    ]);
    expect(fs.readdirSync(path.join(result.dir, 'dist'))).toEqual(['platform.k8s.yaml']);
    // The README's one-line form is the same pipeline.
    expect(pipeline('plain', 'README.md')).toEqual(pipeline('plain'));
  });

  test('docs/plugin.md\'s Helm pipeline: after the synth, every template of the chart is a Kubernetes object', () => {
    const helm = ['--format', 'helm', '--chart-version', '1.0.0'];
    const result = synth(ECI_ONLY, 'local path', undefined, helm);
    expect(result.status).toBe(0);
    expect(() => kubectlObjects(path.join(result.dir, 'dist', 'templates'))).toThrow("construct-metadata.json: Object 'Kind' is missing");
    expect(deploy('helm', result, helm).map(o => [o.file, o.kind])).toEqual([
      ['platform.k8s.yaml', 'ImageCache'],
      ['platform.k8s.yaml', 'SparkApplication'],
      ['platform.k8s.yaml', 'SparkApplication'],
    ]);
  });

  test('an unknown property stops the synth with the library\'s message', () => {
    const result = synth(ECI_ONLY, 'local path', { failOnPendng: false });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('properties.failOnPendng must be one of the known keys (failOnPending, failOnWarnings,');
  });
});
