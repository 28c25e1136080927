import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as library from '../src';

const root = path.resolve(__dirname, '..');

/**
 * The names a README snippet may use without declaring them: the example's chart, the seed's
 * SparkPi props and a job. Snippets that import what they use compile on their own.
 */
const CONTEXT = `
import { App, Chart, Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { ${Object.keys(library).join(', ')} } from 'cdk8s-spark-eci';
import type { SparkJobProps } from 'cdk8s-spark-eci';
declare const chart: Chart;
declare const sparkPi: SparkJobProps;
declare const job: SparkJob;
void App; void Duration;
`;

function readmeSnippets(): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);
}

describe('README', () => {
  test('every TypeScript snippet compiles against the public API', () => {
    const snippets = readmeSnippets();
    expect(snippets.length).toBeGreaterThanOrEqual(4);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
    const files = snippets.map((code, i) => {
      const file = path.join(dir, `snippet-${i}.ts`);
      fs.writeFileSync(file, (/^import /m.test(code) ? '' : CONTEXT) + code + '\nexport {};\n');
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules', '@types')],
      baseUrl: root,
      paths: { 'cdk8s-spark-eci': ['src/index.ts'], '*': ['node_modules/*'] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).filter(d => d.file && files.includes(path.normalize(d.file.fileName)));
    const messages = diagnostics.map(d => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${path.basename(d.file!.fileName)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(messages).toEqual([]);
  }, 120_000);
});
