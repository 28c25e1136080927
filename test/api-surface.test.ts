/**
 * One API surface (issue 30): what TypeScript users can import from the package's main entry point
 * (`lib/index.d.ts`) is what Python, Java, Go and .NET users get (the types of the `.jsii`
 * assembly), except the deliberate TypeScript-only names below. Internal helpers live in files no
 * `index.ts` re-exports (CONTRIBUTING.md, One API surface).
 *
 * Reads the compiled library: `npx projen build` compiles (jsii) before it tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');

/**
 * Names TypeScript and JavaScript users can import that the jsii assembly does not have, on purpose:
 * - `SparkEciValidationError`: the error every refused value throws, for `instanceof` checks;
 *   jsii cannot give other languages a subclass of `Error` (src/private/errors.ts).
 *
 * The testing kit's jest matchers are a deep import (`lib/testing/jest-matchers`), not in the main
 * entry point, so they need no entry here.
 */
const TYPESCRIPT_ONLY = ['SparkEciValidationError'];

function compiled(): { typescript: Set<string>; jsii: Set<string> } {
  const dts = path.join(ROOT, 'lib', 'index.d.ts');
  const assemblyFile = path.join(ROOT, '.jsii');
  if (!fs.existsSync(dts) || !fs.existsSync(assemblyFile)) {
    throw new Error('the compiled library (lib/, .jsii) is missing: run `npx projen compile` (the build does) before this test');
  }
  const newestSource = Math.max(...fs.readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter(f => f.isFile()).map(f => fs.statSync(path.join(f.parentPath, f.name)).mtimeMs));
  if (Math.min(fs.statSync(assemblyFile).mtimeMs, fs.statSync(dts).mtimeMs) < newestSource) {
    throw new Error('the compiled library (lib/, .jsii) is older than src/: run `npx projen compile` (the build does) before this test');
  }

  const program = ts.createProgram([dts], { noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const entry = checker.getSymbolAtLocation(program.getSourceFile(dts)!)!;
  const typescript = new Set(checker.getExportsOfModule(entry).map(s => s.name));

  const assembly = JSON.parse(fs.readFileSync(assemblyFile, 'utf8'));
  const jsii = new Set(Object.keys(assembly.types).map(fqn => fqn.slice(`${assembly.name}.`.length)));
  return { typescript, jsii };
}

describe('the TypeScript surface equals the jsii surface', () => {
  const { typescript, jsii } = compiled();

  test('every name lib/index.d.ts exports is a jsii type, or a deliberate TypeScript-only name', () => {
    expect([...typescript].filter(name => !jsii.has(name) && !TYPESCRIPT_ONLY.includes(name)).sort()).toEqual([]);
  });

  test('every jsii type is exported by lib/index.d.ts', () => {
    expect([...jsii].filter(name => !typescript.has(name)).sort()).toEqual([]);
  });

  test('the TypeScript-only list holds only names that are exported and not jsii types', () => {
    expect(TYPESCRIPT_ONLY.filter(name => !typescript.has(name) || jsii.has(name))).toEqual([]);
  });

  test('the surface is the library\'s, not empty', () => {
    expect(jsii.has('SparkJob') && jsii.has('SparkConnectRole') && jsii.has('SparkPlacement')).toBe(true);
    expect(typescript.size).toBe(jsii.size + TYPESCRIPT_ONLY.length);
  });
});
