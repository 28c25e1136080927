/**
 * Inputs of the `plan` command for the tests of its formats and exit codes: the fixtures in
 * test/fixtures/plan/ as they are, and a few made from them for the cases the fixtures do not
 * show (only a warning, an error without Pending pods, hostile text in names).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ManifestFile } from '../../src/model/plan';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join('test', 'fixtures', 'plan');

/** A fixture, named relative to the repository so reports are the same on every machine. */
export function fixture(name: string): ManifestFile {
  const file = path.join(FIXTURES, name);
  return { file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') };
}

/** The files of a fixture folder, in the order the command reads a directory. */
export function fixtureDir(name: string): ManifestFile[] {
  return fs.readdirSync(path.join(ROOT, FIXTURES, name)).filter(f => /\.ya?ml$/.test(f)).sort().map(f => fixture(path.join(name, f)));
}

/** Files as one YAML stream (what `plan -` reads from standard input). */
export function asStream(files: readonly ManifestFile[]): string {
  return files.map(f => f.text.replace(/\n*$/, '\n')).join('---\n');
}

/** The seed's ECI-only job with a spot driver: a warning (SPOT_DRIVER), nothing Pending. */
export function spotDriver(): ManifestFile {
  const text = fixture('eci-only.yaml').text.replace('    serviceAccount: spark-operator-spark\n',
    '    serviceAccount: spark-operator-spark\n    annotations:\n      k8s.aliyun.com/eci-spot-strategy: SpotAsPriceGo\n');
  return { file: 'spot-driver.yaml', text };
}

/** The seed's ECI-only job with 900g executors, which no ECI size fits: both executors stay Pending (NO_ECI_SIZE). */
export function noEciSize(): ManifestFile {
  const eciOnly = fixture('eci-only.yaml').text;
  const text = eciOnly.replace('    cores: 2\n    memory: 4g\n', '    cores: 2\n    memory: 900g\n');
  if (text === eciOnly) { throw new Error('the eci-only fixture no longer has a 2-core 4g executor'); }
  return { file: 'no-eci-size.yaml', text };
}

/** Two ResourcePolicies selecting the ECI-only job's pods: errors (POLICY_OVERLAP), nothing Pending. */
export function overlappingPolicies(): ManifestFile {
  const policy = fixture('resource-policy/resourcepolicy.yaml').text;
  return {
    file: 'overlap.yaml',
    text: asStream([{ file: '', text: policy }, { file: '', text: policy.replace('name: sparkapplication-resource-policy', 'name: second') }, fixture('eci-only.yaml')]),
  };
}

/** A name no Kubernetes API server accepts, that a hand-written manifest may hold all the same. */
export const HOSTILE_NAME = 'evil|`tick`<script>alert(1)</script>\u001b[31mred\u202e*x*_y_ [l](https://example.invalid) # &amp; \\|';

/**
 * The seed's spark-pi with a hostile name, under its policy, so the name reaches the header, the
 * Pending message and the notes.
 */
export function hostile(): ManifestFile[] {
  const app = fixture('resource-policy/spark-pi.yaml');
  const text = app.text.replace(/^  name: spark-pi$/m, `  name: ${JSON.stringify(HOSTILE_NAME)}`);
  if (text === app.text) { throw new Error('the spark-pi fixture no longer has "  name: spark-pi"'); }
  return [fixture('resource-policy/resourcepolicy.yaml'), { file: 'hostile|<b>.yaml', text }];
}

/** Each case of the exit code, with its input. */
export const EXIT_CASES: Array<[string, ManifestFile[], number]> = [
  ['a clean plan (ECI only, nothing Pending)', [fixture('eci-only.yaml')], 0],
  ['warnings only (a spot driver)', [spotDriver()], 0],
  ['input without a Spark job', [fixture('resource-policy/resourcepolicy.yaml')], 0],
  ['a Pending executor (the seed\'s policy and its 5-executor spark-pi)', fixtureDir('resource-policy'), 1],
  ['error-level problems with nothing Pending (two policies select the same pods)', [overlappingPolicies()], 1],
];
