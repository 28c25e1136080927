/**
 * Heavy dependencies load only on the paths that use them (issue #17): an app whose jobs pass no
 * cdk8s-plus value never loads cdk8s-plus-28 (2.7 MB of generated bindings), and synthesis never
 * loads js-yaml (only `plan` and the plugin read YAML). Each case runs the built package
 * (lib/) in a fresh node process, as `cdk8s synth` does.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const LIB = path.join(ROOT, 'lib');

beforeAll(() => {
  if (!fs.existsSync(path.join(LIB, 'index.js'))) { throw new Error('lib/index.js is missing: run `npx projen compile` first'); }
});

/** Runs `body` after requiring the package; returns which heavy modules were loaded. */
function loaded(body: string): { plus: boolean; jsYaml: boolean } {
  const script = `
    const { App, Chart, Size } = require('cdk8s');
    const lib = require(${JSON.stringify(LIB)});
    ${body}
    const files = Object.keys(require.cache);
    const jsYaml = require.resolve('js-yaml', { paths: [${JSON.stringify(LIB)}] });
    console.log(JSON.stringify({
      plus: files.some(f => f.includes('/node_modules/cdk8s-plus-28/')),
      jsYaml: files.includes(jsYaml),
    }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!);
}

const JOB = `{
  type: lib.SparkApplicationType.SCALA, sparkVersion: '4.0.4', image: 'spark:4.0.4',
  mainClass: 'org.apache.spark.examples.SparkPi', mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples.jar',
  driver: { cores: 1, memory: Size.gibibytes(1) }, executor: { instances: 2, cores: 2, memory: Size.gibibytes(4) },
  placement: lib.SparkPlacement.of(lib.EciPlacement.ecsFirst()),
}`;

describe('lazy loading', () => {
  // constructs (about 20 ms) comes with the shape registry's Construct.isConstruct().
  test('the plan command loads neither cdk8s nor cdk8s-plus-28 (it only reads YAML)', () => {
    const script = `
      require(${JSON.stringify(path.join(LIB, 'cli', 'cli.js'))});
      const files = Object.keys(require.cache);
      console.log(JSON.stringify(['cdk8s', 'cdk8s-plus-28'].filter(m => files.some(f => f.includes(\`/node_modules/\${m}/\`)))));`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }).trim())).toEqual([]);
  });

  test('requiring the package loads neither cdk8s-plus-28 nor js-yaml', () => {
    expect(loaded('')).toEqual({ plus: false, jsYaml: false });
  });

  test('synthesizing placed jobs, a ResourcePolicy and an ImageCache loads neither', () => {
    expect(loaded(`
      const app = new App({ outdir: require('os').tmpdir() });
      const chart = new Chart(app, 'c', { namespace: 'jobs' });
      const job = new lib.SparkJob(chart, 'Job', ${JOB});
      const policy = new lib.ResourcePolicyUnits(chart, 'Policy', { units: [lib.ResourcePolicyUnit.ecs({ max: 1 }), lib.ResourcePolicyUnit.eci()] });
      policy.addJob(job, { pendingPods: lib.PendingPods.ALLOW });
      const cached = new lib.SparkJob(chart, 'Cached', { ...${JOB}, placement: lib.SparkPlacement.of(lib.EciPlacement.eciOnly()) });
      cached.addImageCache();
      app.synthYaml();
    `)).toEqual({ plus: false, jsYaml: false });
  });

  test('a path that needs cdk8s-plus-28 (driver RBAC, a volume) loads it, and renders as before', () => {
    expect(loaded(`
      const app = new App({ outdir: require('os').tmpdir() });
      const chart = new Chart(app, 'c', { namespace: 'jobs' });
      const job = new lib.SparkJob(chart, 'Job', ${JOB});
      job.grantDriverRbac();
      job.addVolume({ name: 'data', emptyDir: {} });
      if (!app.synthYaml().includes('kind: RoleBinding')) { throw new Error('no RoleBinding'); }
    `)).toEqual({ plus: true, jsYaml: false });
  });

  test('planning YAML loads js-yaml', () => {
    expect(loaded(`require(${JSON.stringify(path.join(LIB, 'model', 'plan'))}).planManifests([{ file: 'a.yaml', text: 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: a\\n' }]);`).jsYaml).toBe(true);
  });
});
