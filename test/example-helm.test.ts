// The example app as a Helm chart, with the real cdk8s CLI: `cdk8s synth --format helm
// --chart-version 1.0.0` in examples/ (its cdk8s.yaml runs the validation plugin from lib/:
// `npx projen build` compiles before it tests), and the `example:helm` task's command.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { defineExampleApp } from '../examples/example-app';
import { synthApp } from './support/synth';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples');
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');

function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, {
    cwd: EXAMPLES,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The example's charts as the library renders them in-process, by chart id. */
function exampleCharts(): Map<string, any[]> {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'example-helm-app-')) });
  defineExampleApp(app);
  synthApp(app);
  return new Map(app.charts.map(chart => [chart.node.id, chart.toJson()]));
}

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
    throw new Error('lib/index.js is missing: run `npx projen compile` first (the example runs the validation plugin from lib/)');
  }
});

/** The `example:helm` task's command: the synth, then what it removes (`... --output chart && rm -f chart/...`). */
function helmTask(): { synthArgs: string[]; cleanup: string } {
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
  const exec: string = tasks['example:helm'].steps.find((s: any) => s.exec).exec;
  const [synthCommand, cleanup, ...rest] = exec.split(' && ');
  expect({ synthCommand, rest }).toEqual({ synthCommand: expect.stringMatching(/^cdk8s synth .*--format helm --chart-version 1\.0\.0 --output chart$/), rest: [] });
  return { synthArgs: synthCommand.split(' ').slice(1), cleanup };
}

describe('the example app as a Helm chart', () => {
  // The task's own synth command, with the chart written to a temp folder (named chart, as in the task).
  const chartDir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-helm-'));
  const out = path.join(chartDir, 'chart');
  let synth: { status: number | null; output: string };
  beforeAll(() => {
    const args = helmTask().synthArgs.map(a => (a === 'chart' ? out : a));
    synth = run(CDK8S, args);
  }, 120_000);

  test('cdk8s synth --format helm --chart-version 1.0.0 succeeds, the validation plugin passing', () => {
    expect(synth).toEqual({ status: 0, output: expect.stringContaining('Validations ended succesfully') });
    expect(synth.output).toContain('cdk8s-spark-eci: planned 9 Spark jobs in 8 manifest files');
  });

  test('Chart.yaml is a v2 application chart of version 1.0.0', () => {
    expect(parse(fs.readFileSync(path.join(out, 'Chart.yaml'), 'utf8'))).toEqual({
      apiVersion: 'v2',
      name: 'examples',
      version: '1.0.0',
      description: 'Generated chart for examples',
      type: 'application',
    });
  });

  test('templates/ holds each chart\'s manifests, the same objects as the plain synth', () => {
    const charts = exampleCharts();
    const templates = path.join(out, 'templates');
    const yamlFiles = fs.readdirSync(templates).filter(f => f.endsWith('.yaml')).sort();
    expect(yamlFiles).toEqual([...charts.keys()].map(id => `${id}.k8s.yaml`).sort());
    for (const [id, objects] of charts) {
      const docs = parseAllDocuments(fs.readFileSync(path.join(templates, `${id}.k8s.yaml`), 'utf8')).map(d => d.toJS());
      expect(docs).toEqual(objects);
    }
  });

  test('no template holds Helm template delimiters, which Helm would evaluate at install', () => {
    const templates = path.join(out, 'templates');
    for (const file of fs.readdirSync(templates).filter(f => f.endsWith('.yaml'))) {
      const text = fs.readFileSync(path.join(templates, file), 'utf8');
      expect({ file, delimiters: text.match(/\{\{|\}\}/g) ?? [] }).toEqual({ file, delimiters: [] });
    }
  });

  test('cdk8s-cli leaves its construct metadata among the templates: the only file that is not YAML', () => {
    // If this fails because the file is gone, cdk8s-cli stopped leaving it: drop the example:helm task's rm.
    const other = fs.readdirSync(path.join(out, 'templates')).filter(f => !f.endsWith('.yaml'));
    expect(other).toEqual(['construct-metadata.json']);
  });

  test('the example:helm task\'s cleanup leaves only YAML manifests in templates/', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'example-helm-task-'));
    fs.cpSync(out, path.join(copy, 'chart'), { recursive: true });
    expect(spawnSync('sh', ['-c', helmTask().cleanup], { cwd: copy }).status).toBe(0);
    expect(fs.readdirSync(path.join(copy, 'chart', 'templates')).filter(f => !f.endsWith('.yaml'))).toEqual([]);
    expect(fs.readdirSync(path.join(copy, 'chart')).sort()).toEqual(['Chart.yaml', 'README.md', 'templates']);
  });
});
