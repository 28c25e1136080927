/**
 * Regenerates src/imports/ from the CRDs listed in imports/crds.json.
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

interface CrdEntry { readonly file: string; readonly kind: string; readonly module: string; readonly sha256?: string }
interface Manifest { readonly crds: CrdEntry[]; readonly owned: CrdEntry[] }

const root = path.resolve(__dirname, '..');
const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(root, 'imports', 'crds.json'), 'utf8'));
const crdDir = path.resolve(root, process.env.SPARK_OPERATOR_CRDS ?? '../shared/crds');
const outDir = path.join(root, 'src', 'imports');
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

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
for (const { entry, file } of sources) {
  console.log(`importing ${entry.kind} from ${path.relative(root, file)}`);
  execFileSync(cli, [
    'import', `${entry.module}:=${file}`,
    '--language', 'typescript',
    '--output', outDir,
    '--no-save',
    '--no-check-upgrade',
  ], { stdio: 'inherit', cwd: root });
}
console.log(`wrote ${fs.readdirSync(outDir).sort().join(', ')} to ${path.relative(root, outDir)}/`);
