/**
 * The README's and the guides' (docs/*.md) TypeScript blocks, as a user pastes them into a fresh
 * app: each block is compiled on its own, with only its own imports, against the package's
 * public entry point (`cdk8s-spark-eci`, mapped to src/ as the package maps it to lib/). A block
 * that builds no `App` of its own is pasted below the README's one shared preamble (the block
 * after `<!-- snippet: preamble -->`), and nothing else. Blocks that declare nothing they leave
 * undefined are also run and synthesized, and every output the documents print after a block
 * (`<!-- snippet-output: ... -->`) is checked against what the block, or the real `plan`
 * command, prints.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as ts from 'typescript';
import { parseAllDocuments, stringify } from 'yaml';
import { defineExampleApp } from '../examples/example-app';
import * as library from '../src';
import { main } from '../src/cli/cli';

const root = path.resolve(__dirname, '..');

/** The documents whose TypeScript blocks are checked. */
const DOCUMENTS = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`)];

interface Block {
  /** `README.md:123`: the document and the line the fence opens on. */
  readonly where: string;
  readonly lang: string;
  readonly code: string;
  /** The marker comment right before the fence, if any (`preamble`, `output: stdout`...). */
  readonly marker?: string;
}

function blocksOf(doc: string): Block[] {
  const text = fs.readFileSync(path.join(root, doc), 'utf8');
  const blocks: Block[] = [];
  const fence = /(?:<!-- snippet(?:-output)?: ([\w-]+) -->\n)?```(\w*)\n([\s\S]*?)```/g;
  for (const m of text.matchAll(fence)) {
    const line = text.slice(0, m.index! + m[0].indexOf('```')).split('\n').length;
    const marker = m[1] === undefined ? undefined : (m[0].startsWith('<!-- snippet-output') ? `output: ${m[1]}` : m[1]);
    blocks.push({ where: `${doc}:${line}`, lang: m[2], code: m[3], marker });
  }
  return blocks;
}

const BLOCKS = DOCUMENTS.flatMap(blocksOf);
const TS_BLOCKS = BLOCKS.filter(b => b.lang === 'ts');
const PREAMBLES = TS_BLOCKS.filter(b => b.marker === 'preamble');

/** Whether a block is pasted below the preamble: it uses the preamble's chart and builds no App. */
function needsPreamble(block: Block): boolean {
  return block.marker !== 'preamble' && !/\bnew App\(/.test(block.code);
}

/** The source a user's file holds after pasting the block (and the preamble above it). */
function pasted(block: Block): string {
  return (needsPreamble(block) ? PREAMBLES[0].code : '') + block.code;
}

/** Blocks that are run: those that leave nothing to the reader's own code (`declare`) or to jest. */
function runnable(block: Block): boolean {
  return !/^declare /m.test(block.code) && !/from '@jest\/globals'|expect\(/.test(block.code);
}

interface Run {
  readonly stdout: string;
  /** Every manifest the synthesis wrote. */
  readonly manifests: any[];
  /** The error `app.synth()` (or the block itself) threw, if any. */
  readonly error?: Error;
}

/** Runs a pasted block, the package resolved to src/, then synthesizes its app into a temp folder. */
function run(block: Block): Run {
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const js = ts.transpileModule(pasted(block), { compilerOptions }).outputText;
  // The snippet's own imports (cdk8s, cdk8s-plus-28...) resolve as the test's do; the package to src/.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireFor = (id: string) => (id === 'cdk8s-spark-eci' ? library : require(id));
  const lines: string[] = [];
  const log = (...args: unknown[]) => { lines.push(args.map(String).join(' ')); };
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-run-'));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    // `app` is returned when the block (or its preamble) names one; a block that synthesizes itself is done.
    const body = `${js}\n;return typeof app === 'undefined' ? undefined : app;`;
    const app: App | undefined = new Function('require', 'exports', 'module', 'console', body)(
      requireFor, {}, { exports: {} }, { ...console, log });
    if (app && !/\bapp\.synth\(\)/.test(block.code)) { app.synth(); }
    return { stdout: lines.join('\n'), manifests: writtenManifests(outdir) };
  } catch (error) {
    return { stdout: lines.join('\n'), manifests: [], error: error as Error };
  } finally {
    if (previous === undefined) { delete process.env.CDK8S_OUTDIR; } else { process.env.CDK8S_OUTDIR = previous; }
  }
}

function writtenManifests(dir: string): any[] {
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort()
    .flatMap(f => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d => d.toJS()));
}

/**
 * Whether `actual` holds `expected`: every key of an expected object (recursively), arrays of the
 * same length element by element, other values equal. A document shows the fields it explains.
 */
function holds(actual: any, expected: any): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => holds(actual[i], e));
  }
  if (expected !== null && typeof expected === 'object') {
    return actual !== null && typeof actual === 'object' && !Array.isArray(actual)
      && Object.keys(expected).every(k => holds(actual[k], expected[k]));
  }
  return actual === expected;
}

/** The output block printed right after a TypeScript block, with its marker. */
function outputsAfter(block: Block): Block[] {
  const i = BLOCKS.indexOf(block);
  const out: Block[] = [];
  for (const next of BLOCKS.slice(i + 1)) {
    if (!next.marker?.startsWith('output: ')) { break; }
    out.push(next);
  }
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the TypeScript blocks of README.md and docs/*.md', () => {
  test('the README shows exactly one shared preamble, before every block that uses it', () => {
    expect(PREAMBLES.map(b => b.where.split(':')[0])).toEqual(['README.md']);
    expect(TS_BLOCKS.length).toBeGreaterThanOrEqual(10);
    const first = TS_BLOCKS.findIndex(needsPreamble);
    expect(first).toBeGreaterThan(TS_BLOCKS.indexOf(PREAMBLES[0]));
    // The preamble imports only what it uses itself: a block must not need to leave out an import.
    expect(PREAMBLES[0].code).not.toMatch(/\bSparkJob\b/);
  });

  test('each block compiles on its own as a user pastes it into a fresh app', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
    const files = TS_BLOCKS.map((block, i) => {
      const file = path.join(dir, `block-${i}.ts`);
      fs.writeFileSync(file, pasted(block) + '\nexport {};\n');
      return file;
    });
    // `cdk8s init typescript-app`'s compiler options; the package resolved as an installed one would be.
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      noUnusedLocals: false,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      types: ['node', 'jest'],
      typeRoots: [path.join(root, 'node_modules', '@types')],
      baseUrl: root,
      paths: {
        'cdk8s-spark-eci': ['src/index.ts'],
        'cdk8s-spark-eci/lib/*': ['src/*'],
        '*': ['node_modules/*'],
      },
    });
    const where = new Map(files.map((f, i) => [f, TS_BLOCKS[i]]));
    const messages = ts.getPreEmitDiagnostics(program)
      .filter(d => d.file && where.has(path.normalize(d.file.fileName)))
      .map(d => {
        const block = where.get(path.normalize(d.file!.fileName))!;
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const offset = needsPreamble(block) ? PREAMBLES[0].code.split('\n').length - 1 : 0;
        const [doc, start] = block.where.split(':');
        const at = line < offset ? `${doc} preamble, line ${line + 1}` : `${doc}:${Number(start) + line - offset + 1}`;
        return `${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(messages).toEqual([]);
  }, 180_000);

  const RUNNABLE = TS_BLOCKS.filter(runnable);

  test('most blocks are run, not only compiled', () => {
    expect(RUNNABLE.length).toBeGreaterThanOrEqual(TS_BLOCKS.length - 3);
  });

  test.each(RUNNABLE.map(b => [b.where, b] as const))('%s runs and synthesizes as the document says', (_where, block) => {
    const result = run(block);
    if (process.env.DOCS_SNIPPETS_PRINT) {
      // To update a document's outputs: DOCS_SNIPPETS_PRINT=1 npx jest test/readme.test.ts
      process.stdout.write(`--- ${block.where}\nstdout:\n${result.stdout}\nerror:\n${result.error?.message ?? '(none)'}\nyaml:\n${stringify(result.manifests)}\n`);
    }
    const outputs = outputsAfter(block);
    const expectedError = outputs.find(o => o.marker === 'output: synth-error');
    if (expectedError) {
      expect(result.error).toBeDefined();
      expect(squash(result.error!.message)).toContain(squash(expectedError.code));
    } else {
      expect(result.error).toBeUndefined();
    }
    const expectedStdout = outputs.find(o => o.marker === 'output: stdout');
    if (expectedStdout) {
      expect(result.stdout.trim()).toEqual(expectedStdout.code.trim());
    }
    for (const yaml of outputs.filter(o => o.marker === 'output: yaml')) {
      for (const expected of parseAllDocuments(yaml.code).map(d => d.toJS())) {
        const found = result.manifests.some(m => holds(m, expected));
        if (!found) {
          throw new Error(`${yaml.where}: no manifest the block synthesizes holds this YAML:\n${stringify(expected)}\nsynthesized:\n${stringify(result.manifests)}`);
        }
      }
    }
    expect(outputs.every(o => ['output: synth-error', 'output: stdout', 'output: yaml'].includes(o.marker!))).toBe(true);
  }, 60_000);
});

describe('the plan the README prints', () => {
  test('is what the real command prints for the example app, run as the README runs it', async () => {
    const readme = BLOCKS.filter(b => b.where.startsWith('README.md:'));
    const i = readme.findIndex(b => b.marker === 'output: plan');
    expect(i).toBeGreaterThan(0);
    const command = readme[i - 1].code.trim().split('\n').find(l => l.includes('cdk8s-spark-eci plan'))!;
    const args = command.slice(command.indexOf('cdk8s-spark-eci plan') + 'cdk8s-spark-eci '.length).split(/\s+/);
    // The example app, synthesized into examples/dist under a temp folder, read from there.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-plan-'));
    const app = new App({ outdir: path.join(tmp, 'examples', 'dist') });
    defineExampleApp(app);
    app.synth();
    let stdout = '';
    const code = await main(args.map(a => (a.startsWith('examples/') ? path.join(tmp, a) : a)), {
      stdout: t => { stdout += t; },
      stderr: () => undefined,
    });
    expect(stdout.split(tmp + path.sep).join('').trim()).toEqual(readme[i].code.trim());
    expect(code).toBe(1); // the README: "The example above exits 1"
  });
});
