/**
 * Drops the comments from the compiled JavaScript in `lib/`, after jsii compiles it.
 *
 * Node reads and V8 scans every byte of a module when it is required, comments included; they are
 * about a quarter of `lib/`'s JavaScript, and a cold `require()` of the package takes about 12 ms
 * less without them (issue #29 asks for at most 0.85 x cdk8s-plus-28's). The `.d.ts` files keep
 * theirs: they are the API's documentation in editors. jsii's strict tsconfig validation refuses
 * `removeComments`, so this runs as a step of the compile task: TypeScript's own transpiler
 * re-emits each file with the same code and no comments (the files are plain CommonJS already, so
 * nothing else changes). Running it twice changes nothing.
 *
 *   ts-node --transpile-only --project scripts/tsconfig.json scripts/strip-js-comments.ts [lib]
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const OPTIONS: ts.CompilerOptions = { removeComments: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS };

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) { return jsFiles(file); }
    return entry.isFile() && entry.name.endsWith('.js') ? [file] : [];
  });
}

function main(): void {
  const root = path.resolve(process.argv[2] ?? 'lib');
  let before = 0;
  let after = 0;
  for (const file of jsFiles(root)) {
    const text = fs.readFileSync(file, 'utf8');
    const stripped = ts.transpileModule(text, { compilerOptions: OPTIONS, fileName: file }).outputText;
    before += text.length;
    after += stripped.length;
    if (stripped !== text) { fs.writeFileSync(file, stripped); }
  }
  process.stdout.write(`strip-js-comments: ${path.relative(process.cwd(), root)}/ JavaScript ${(before / 1024).toFixed(0)} KiB -> ${(after / 1024).toFixed(0)} KiB\n`);
}

main();
