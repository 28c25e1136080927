/**
 * The eight YAML manifests of the seed product document, parsed from the document itself.
 *
 * The document (`<repo>/../shared/seed/*.txt`, or `$SPARK_ECI_SEED_DIR`) is Chinese prose with
 * unfenced YAML: some blocks sit at column 0, some are indented by 4 inside a numbered or bulleted
 * list, and a block may end directly at the next list item without a blank line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

const REPO_ROOT = path.resolve(__dirname, '../..');

export interface SeedManifest {
  /** Position in the document, from 0. */
  readonly index: number;
  /** The nearest preceding heading-like prose line, e.g. '只使用ECS资源'. */
  readonly section: string;
  readonly manifest: any;
}

export type SeedKey = 'ecs-only' | 'eci-only' | 'ecs-first' | 'resource-policy' | 'spark-pi-5-executors'
| 'image-cache-baseline' | 'image-cache-explicit-id' | 'image-cache-auto';

const SNAPSHOT_ID = 'k8s.aliyun.com/eci-image-snapshot-id';
const IMAGE_CACHE = 'k8s.aliyun.com/eci-image-cache';

/** Keys in document order, each with the facts that identify its manifest. */
const KEYS: ReadonlyArray<{ key: SeedKey; kind: string; name: string; check: (m: any) => boolean; fact: string }> = [
  { key: 'ecs-only', kind: 'SparkApplication', name: 'spark-pi-ecs-only', check: (m) => !m.spec.driver.tolerations, fact: 'no tolerations' },
  { key: 'eci-only', kind: 'SparkApplication', name: 'spark-pi-eci-only', check: (m) => !m.spec.driver.annotations, fact: 'no annotations' },
  { key: 'ecs-first', kind: 'SparkApplication', name: 'spark-pi-ecs-first', check: () => true, fact: '' },
  { key: 'resource-policy', kind: 'ResourcePolicy', name: 'sparkapplication-resource-policy', check: () => true, fact: '' },
  { key: 'spark-pi-5-executors', kind: 'SparkApplication', name: 'spark-pi', check: (m) => m.spec.executor.instances === 5, fact: '5 executors' },
  { key: 'image-cache-baseline', kind: 'SparkApplication', name: 'spark-pi', check: (m) => m.spec.executor.instances === 2 && !m.spec.driver.annotations, fact: '2 executors, no annotations' },
  { key: 'image-cache-explicit-id', kind: 'SparkApplication', name: 'spark-pi-eci-only', check: (m) => /^imc-/.test(m.spec.driver.annotations?.[SNAPSHOT_ID]), fact: `annotation ${SNAPSHOT_ID}: imc-...` },
  { key: 'image-cache-auto', kind: 'SparkApplication', name: 'spark-pi-eci-only', check: (m) => m.spec.driver.annotations?.[IMAGE_CACHE] === 'true', fact: `annotation ${IMAGE_CACHE}: "true"` },
];

function seedDirectory(): string {
  return path.resolve(REPO_ROOT, process.env.SPARK_ECI_SEED_DIR ?? '../shared/seed');
}

/** False when the seed directory is absent. */
export function seedAvailable(): boolean {
  return fs.existsSync(seedDirectory());
}

/** The single `*.txt` file of the seed directory (its name is a content hash, so it is not hard-coded). */
export function seedDocumentPath(): string {
  const dir = seedDirectory();
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt'));
  if (files.length !== 1) throw new Error(`expected exactly one *.txt seed document in ${dir}, found: ${files.join(', ') || 'none'}`);
  return path.join(dir, files[0]);
}

// A YAML line's content (after its indentation): a comment, a list item, or a `key:`.
// Prose (Chinese text, `• ` bullets, `2. ` steps, `kubectl ...` commands) never matches.
const YAML_CONTENT = /^(#|-(\s|$)|[\w.\/-]+:(\s|$))/;

const indentOf = (line: string) => line.length - line.trimStart().length;

/** A line that may continue a block whose first line is indented by `indent`. */
function continuesBlock(line: string, indent: number): boolean {
  const content = line.slice(indentOf(line));
  return indentOf(line) >= indent && YAML_CONTENT.test(content) && !(indentOf(line) === indent && content.startsWith('apiVersion:'));
}

/** A line that names a section: at column 0 or a `• ` bullet, short, not a sentence, not YAML. */
function headingOf(line: string): string | undefined {
  if (!/^(\S|\s*•\s)/.test(line)) return undefined;
  const text = line.trim().replace(/^•\s*/, '');
  if (text === '' || text.length > 40 || /。|[::]$/.test(text) || YAML_CONTENT.test(text) || text.startsWith('kubectl')) return undefined;
  return text;
}

let cache: { file: string; manifests: SeedManifest[] } | undefined;

function parseSeed(): SeedManifest[] {
  const file = seedDocumentPath();
  if (cache?.file === file) return cache.manifests;
  const lines = fs.readFileSync(file, 'utf-8').split(/\r?\n/);
  const manifests: SeedManifest[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*apiVersion:\s*\S/.test(lines[i])) {
      section = headingOf(lines[i]) ?? section;
      continue;
    }
    const indent = indentOf(lines[i]);
    let end = i + 1;
    for (; end < lines.length; end++) {
      if (lines[end].trim() === '') {
        // A blank line ends the block unless YAML of the same block follows it.
        let next = end;
        while (next < lines.length && lines[next].trim() === '') next++;
        if (next < lines.length && continuesBlock(lines[next], indent)) {
          end = next - 1;
          continue;
        }
        break;
      }
      if (!continuesBlock(lines[end], indent)) break;
    }
    const text = lines.slice(i, end).map((l) => l.slice(Math.min(indent, indentOf(l)))).join('\n');
    let manifest: any;
    try {
      manifest = parse(text);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: YAML block does not parse: ${(e as Error).message}\n${text}`);
    }
    if (typeof manifest?.kind !== 'string') throw new Error(`${file}:${i + 1}: YAML block has no kind`);
    manifests.push({ index: manifests.length, section, manifest });
    i = end - 1;
  }
  cache = { file, manifests };
  return manifests;
}

/** All 8 manifests in document order (fresh copies: callers may mutate them). */
export function seedManifests(): SeedManifest[] {
  return parseSeed().map((s) => ({ ...s, manifest: structuredClone(s.manifest) }));
}

/** The manifest of one named seed example (a fresh copy). Throws when the document no longer matches the keys. */
export function seedManifest(key: SeedKey): any {
  const all = parseSeed();
  if (all.length !== KEYS.length) {
    throw new Error(`seed document ${seedDocumentPath()} has ${all.length} manifests, expected ${KEYS.length}: the keys of seedManifest() need review`);
  }
  const index = KEYS.findIndex((k) => k.key === key);
  if (index < 0) throw new Error(`unknown seed key ${JSON.stringify(key)}`);
  const expected = KEYS[index];
  const m = all[index].manifest;
  if (m.kind !== expected.kind || m.metadata?.name !== expected.name || !expected.check(m)) {
    throw new Error(`seed manifest #${index} (${m.kind}/${m.metadata?.name}) is not '${key}', `
      + `which should be ${expected.kind}/${expected.name}${expected.fact ? ` with ${expected.fact}` : ''}: the seed document changed`);
  }
  return structuredClone(m);
}
