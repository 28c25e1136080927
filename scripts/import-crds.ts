/**
 * Regenerates the bindings in src/imports/ and test/imports/ from the CRDs listed in
 * imports/crds.json; each entry's `out` says which folder (src/imports/ for what the library uses
 * at run time, test/imports/ for what only the tests use, so it stays out of lib/).
 *
 * Operator CRDs come from $SPARK_OPERATOR_CRDS (default ../shared/crds) and must match the
 * recorded sha256, so a regenerated binding always reflects the pinned operator release.
 * Owned CRDs (the project's own, e.g. ResourcePolicy) are read from imports/.
 * `cdk8s import` imports only the first file named, so it runs once per CRD.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

interface CrdEntry { readonly file: string; readonly kind: string; readonly module: string; readonly out: string; readonly sha256?: string }
interface Manifest { readonly crds: CrdEntry[]; readonly owned: CrdEntry[] }

const root = path.resolve(__dirname, '..');
const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(root, 'imports', 'crds.json'), 'utf8'));
const crdDir = path.resolve(root, process.env.SPARK_OPERATOR_CRDS ?? '../shared/crds');
const cli = path.join(root, 'node_modules', '.bin', 'cdk8s');

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

const sources: Array<{ entry: CrdEntry; file: string }> = [];
for (const entry of manifest.crds) {
  const file = path.join(crdDir, entry.file);
  if (!fs.existsSync(file)) {
    throw new Error(`CRD ${entry.file} not found in ${crdDir}; set SPARK_OPERATOR_CRDS to the chart's crds/ folder (see README)`);
  }
  const actual = sha256(file);
  if (actual !== entry.sha256) {
    throw new Error(`CRD ${file} has sha256 ${actual}, expected ${entry.sha256} (operator release pinned in imports/crds.json)`);
  }
  sources.push({ entry, file });
}
for (const entry of manifest.owned) {
  sources.push({ entry, file: path.join(root, 'imports', entry.file) });
}

const OUT_DIRS = ['src/imports', 'test/imports'];
for (const { entry } of sources) {
  if (!OUT_DIRS.includes(entry.out)) {
    throw new Error(`imports/crds.json: ${entry.kind} has out ${JSON.stringify(entry.out)}, expected one of ${OUT_DIRS.join(', ')}`);
  }
}
// Every output folder is emptied, so a binding that moved or was dropped leaves nothing behind.
for (const dir of OUT_DIRS) {
  fs.rmSync(path.join(root, dir), { recursive: true, force: true });
}
for (const { entry, file } of sources) {
  const outDir = path.join(root, entry.out);
  fs.mkdirSync(outDir, { recursive: true });
  console.log(`importing ${entry.kind} from ${path.relative(root, file)} into ${entry.out}/`);
  execFileSync(cli, [
    'import', `${entry.module}:=${file}`,
    '--language', 'typescript',
    '--output', outDir,
    '--no-save',
    '--no-check-upgrade',
  ], { stdio: 'inherit', cwd: root });
}
for (const dir of OUT_DIRS) {
  const full = path.join(root, dir);
  const files = fs.existsSync(full) ? fs.readdirSync(full).sort() : [];
  console.log(`wrote ${files.join(', ') || 'nothing'} to ${dir}/`);
}
