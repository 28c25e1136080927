import * as fs from 'fs';
import * as path from 'path';

// The layer rules of .eslintrc.json (generated from .projenrc.ts) refuse the imports
// CONTRIBUTING.md forbids. Lints probe texts as if they were files in src/, so nothing is written.
// (import/no-cycle needs real files; the eslint task runs it over src/.)
const ROOT = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LegacyESLint } = require('eslint/use-at-your-own-risk');

// The file starts with projen's `// ~~ Generated` line comment.
const eslintrc = JSON.parse(fs.readFileSync(path.join(ROOT, '.eslintrc.json'), 'utf8').replace(/^\/\/.*\n/, ''));
const srcOverride = eslintrc.overrides.find((o: any) => o.files.includes('src/**/*.ts'));

const eslint = new LegacyESLint({
  cwd: ROOT,
  useEslintrc: false,
  overrideConfig: {
    root: true,
    parser: eslintrc.parser,
    parserOptions: { ecmaVersion: 2018, sourceType: 'module' },
    plugins: ['import'],
    settings: eslintrc.settings,
    rules: {
      'import/no-restricted-paths': srcOverride.rules['import/no-restricted-paths'],
    },
  },
});

/** Whether the probe's import names a real file: a moved file would make a probe pass vacuously. */
function importExists(file: string, code: string): boolean {
  const target = path.resolve(ROOT, path.dirname(file), /from '([^']+)'/.exec(code)![1]);
  return [`${target}.ts`, path.join(target, 'index.ts')].some(f => fs.existsSync(f));
}

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m: any) => `${m.ruleId}: ${m.message}`);
}

describe('layer rules (import/no-restricted-paths)', () => {
  test.each([
    ['src/model/probe.ts', "import { SparkJob } from '../spark/job/spark-job';"],
    ['src/model/probe.ts', "import { ImageCache } from '../eci/image-cache';"],
    ['src/model/probe.ts', "import { ResourcePolicyUnits } from '../resource-policy/resource-policy-units';"],
    ['src/model/probe.ts', "import { main } from '../cli/cli';"],
    ['src/cli/probe.ts', "import { SparkJob } from '../spark/job/spark-job';"],
    ['src/cli/probe.ts', "import { SparkJob } from '../index';"],
    ['src/private/probe.ts', "import { CostModel } from '../model/cost-model';"],
    ['src/private/probe.ts', "import { ImageCache } from '../eci/image-cache';"],
    ['src/eci/probe.ts', "import { SparkJob } from '../spark/job/spark-job';"],
    ['src/eci/probe.ts', "import { ResourcePolicyUnits } from '../resource-policy/resource-policy-units';"],
    ['src/spark/probe.ts', "import { ResourcePolicyUnits } from '../resource-policy/resource-policy-units';"],
    ['src/testing/probe.ts', "import { SparkJob } from '../spark/job/spark-job';"],
    ['src/testing/probe.ts', "import { ImageCache } from '../eci/image-cache';"],
    ['src/testing/probe.ts', "import { main } from '../cli/cli';"],
    ['src/model/probe.ts', "import { SparkTesting } from '../testing/spark-testing';"],
    ['src/checks/probe.ts', "import { SparkTesting } from '../testing/spark-testing';"],
    ['src/spark/probe.ts', "import { PlannedPlacement } from '../testing/planned-placement';"],
    ['src/plugin/probe.ts', "import { SparkJob } from '../spark/job/spark-job';"],
    ['src/plugin/probe.ts', "import { appPlan } from '../checks/cluster-check';"],
    ['src/plugin/probe.ts', "import { renderTable } from '../cli/render-table';"],
    ['src/model/probe.ts', "import { SparkPlanValidation } from '../plugin/spark-plan-validation';"],
    ['src/spark/job/probe.ts', "import { ResourcePolicyUnits } from '../../resource-policy/resource-policy-units';"],
    ['src/spark/role/probe.ts', "import { SparkJob } from '../job/spark-job';"],
    ['src/spark/role/probe.ts', "import { SparkConnectServer } from '../connect/spark-connect-server';"],
    ['src/spark/job/probe.ts', "import { SparkConnectRole } from '../connect/spark-connect-role';"],
    ['src/spark/connect/probe.ts', "import { JobState } from '../job/job-state';"],
  ])('%s refuses %s', async (file, code) => {
    expect(importExists(file, code)).toBe(true);
    expect(await problems(file, `${code}\nexport const probe = 1;\n`)).toEqual([
      expect.stringMatching(/^import\/no-restricted-paths: Unexpected path/),
    ]);
  });

  test.each([
    ['src/model/probe.ts', "import { invalid } from '../private/errors';"],
    ['src/cli/probe.ts', "import { CostModel } from '../model/cost-model';"],
    ['src/cli/probe.ts', "import { invalid } from '../private/errors';"],
    ['src/spark/probe.ts', "import { ImageCache } from '../eci/image-cache';"],
    ['src/resource-policy/probe.ts', "import { SparkJob } from '../spark/job/spark-job';"],
    ['src/testing/probe.ts', "import { scopePlan } from '../checks/cluster-check';"],
    ['src/testing/probe.ts', "import { CostModel } from '../model/cost-model';"],
    ['src/testing/probe.ts', "import { ImageCache } from '../imports/image-cache-eci.alibabacloud.com';"],
    ['src/plugin/probe.ts', "import { planManifests } from '../model/plan';"],
    ['src/plugin/probe.ts', "import { checkOptions } from '../private/errors';"],
    ['src/spark/job/probe.ts', "import { SparkDriver } from '../role/spark-role';"],
    ['src/spark/connect/probe.ts', "import { PodFields } from '../role/pod-fields';"],
    ['src/spark/connect/probe.ts', "import { SparkConf } from '../spark-conf';"],
  ])('%s allows %s', async (file, code) => {
    expect(importExists(file, code)).toBe(true);
    expect(await problems(file, `${code}\nexport const probe = 1;\n`)).toEqual([]);
  });
});

// import/no-cycle skips `import type`, so a type-only cycle (two files that each need the other's
// types) gets past lint; this walks every relative import of src/, types included. The index
// barrels re-export their folder and are left out: only they may point back.
describe('no import cycles in src/, type-only imports included', () => {
  function importsOf(file: string): string[] {
    const text = fs.readFileSync(file, 'utf8');
    const out: string[] = [];
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
      const target = path.resolve(path.dirname(file), m[1]);
      const found = [`${target}.ts`, path.join(target, 'index.ts')].find(f => fs.existsSync(f));
      if (found && path.basename(found) !== 'index.ts') { out.push(found); }
    }
    return out;
  }
  function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') && e.name !== 'index.ts' ? [p] : [];
    });
  }

  test('every file of src/ reaches itself through no chain of imports', () => {
    const edges = new Map(sources(path.join(ROOT, 'src')).map(f => [f, importsOf(f)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of edges.get(file) ?? []) {
        if (state.get(next) === 'open') {
          cycles.push([...stack.slice(stack.indexOf(next)), next].map(f => path.relative(ROOT, f)).join(' -> '));
        } else if (!state.has(next)) { visit(next); }
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of edges.keys()) { if (!state.has(file)) { visit(file); } }
    expect(cycles).toEqual([]);
  });
});
