// The release of docs/releasing.md, run for real in a copy of this repository (its files as they
// are in the work tree, committed to a fresh git repository; node_modules linked): `npx projen
// release` with RELEASE_AS names the version, turns CHANGELOG.md's Unreleased entries into that
// version's section and tags it; `PUBLIB_DRYRUN=true npx projen publish:npm` does everything but
// the upload. Nothing leaves the machine: there is no remote to push to, and npm only dry-runs.
//
// One change to the copy: its `build` task compiles and packs but does not test, since the tests
// are this suite, this file included. Slow (about a minute: a jsii compile and a pack).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sh, tryRun, userEnv } from './support/user-shell';

const root = path.resolve(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-spark-eci-release-'));
const git = userEnv({ GIT_AUTHOR_NAME: 'Release Test', GIT_AUTHOR_EMAIL: 'release@test.invalid', GIT_COMMITTER_NAME: 'Release Test', GIT_COMMITTER_EMAIL: 'release@test.invalid' });
const CHANGELOG = '# Changelog\n\nWhat changed.\n\n## Unreleased\n\n- `SparkJob` gains a prop.\n- A message names the prop.\n\n## 0.0.1 (2025-01-02)\n\n- First.\n';
const today = () => new Date().toISOString().slice(0, 10);

const projen = (args: string[], env: NodeJS.ProcessEnv = {}) => tryRun(dir, 'npx', ['--no', 'projen', ...args], { ...git, ...env });

/** Runs the bump, which must refuse; puts back package.json, whose version the bump resolves first. */
async function refusedBump(env: NodeJS.ProcessEnv): Promise<string> {
  const result = await projen(['bump'], env);
  await sh(dir, 'git', ['checkout', '--', 'package.json'], git);
  expect(result.code).not.toBe(0);
  return result.output;
}

beforeAll(async () => {
  const files = (await sh(root, 'git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])).split('\0').filter(f => f && fs.existsSync(path.join(root, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
  fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), CHANGELOG);
  const tasksFile = path.join(dir, '.projen', 'tasks.json');
  const tasks = JSON.parse(fs.readFileSync(tasksFile, 'utf8'));
  expect(tasks.tasks.build.steps.map((s: any) => s.spawn)).toEqual(['default', 'pre-compile', 'compile', 'post-compile', 'test', 'package']);
  tasks.tasks.build.steps = [{ spawn: 'compile' }, { spawn: 'package' }];
  fs.writeFileSync(tasksFile, `${JSON.stringify(tasks, null, 2)}\n`);
  await sh(dir, 'git', ['init', '-q', '-b', 'main'], git);
  await sh(dir, 'git', ['add', '-A'], git);
  await sh(dir, 'git', ['commit', '-q', '-m', 'The repository as it is'], git);
  // An earlier release, so the bump starts from a tag as it will after the first one.
  await sh(dir, 'git', ['tag', '-a', 'v0.0.1', '-m', 'v0.0.1', 'HEAD'], git);
  fs.writeFileSync(path.join(dir, 'NEXT.md'), 'a change after v0.0.1\n');
  await sh(dir, 'git', ['add', 'NEXT.md'], git);
  await sh(dir, 'git', ['commit', '-q', '-m', 'A change after v0.0.1'], git);
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}, 120_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the release', () => {
  test('refuses to start without RELEASE_AS, naming what to set', async () => {
    expect(await refusedBump({ RELEASE_AS: '' })).toContain('release: set RELEASE_AS to major, minor, patch or an exact version such as 0.1.0 (got ""), e.g. RELEASE_AS=minor npx projen release');
  }, 120_000);

  // The bump hands bump:next-version the latest release's version (VERSION); run alone, faster.
  test('refuses a version that is not above the latest release', async () => {
    const result = await projen(['bump:next-version'], { RELEASE_AS: '0.0.1', VERSION: '0.0.1' });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('release: RELEASE_AS must be above the latest release 0.0.1 (got "0.0.1")');
  }, 120_000);

  test('refuses to release when CHANGELOG.md lists nothing under Unreleased', async () => {
    const file = path.join(dir, 'CHANGELOG.md');
    fs.writeFileSync(file, '# Changelog\n\n## Unreleased\n\n## 0.0.1 (2025-01-02)\n\n- First.\n');
    try {
      const result = await projen(['bump:next-version'], { RELEASE_AS: 'minor', VERSION: '0.0.1' });
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('release: CHANGELOG.md lists nothing under "## Unreleased": a release needs at least one user-visible change');
    } finally {
      fs.writeFileSync(file, CHANGELOG);
    }
  }, 120_000);

  test('`RELEASE_AS=minor npx projen release` builds 0.1.0, makes the Unreleased entries its section, commits and tags it', async () => {
    const result = await projen(['release'], { RELEASE_AS: 'minor' });
    expect({ code: result.code, output: result.code === 0 ? '' : result.output }).toEqual({ code: 0, output: '' });

    const section = `## 0.1.0 (${today()})\n\n- \`SparkJob\` gains a prop.\n- A message names the prop.\n`;
    expect(fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8'))
      .toBe(`# Changelog\n\nWhat changed.\n\n## Unreleased\n\n${section}\n## 0.0.1 (2025-01-02)\n\n- First.\n`);
    expect(fs.readFileSync(path.join(dir, 'dist', 'changelog.md'), 'utf8')).toBe(section);
    expect((await sh(dir, 'git', ['log', '-1', '--format=%s'], git)).trim()).toBe('Release 0.1.0');
    expect((await sh(dir, 'git', ['tag', '--points-at', 'HEAD'], git)).trim()).toBe('v0.1.0');
    expect(await sh(dir, 'git', ['tag', '-l', '--format=%(contents)', 'v0.1.0'], git)).toContain('- A message names the prop.');
    // The repository keeps 0.0.0; the package has the version, and the work tree is clean.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe('0.0.0');
    expect(fs.readdirSync(path.join(dir, 'dist', 'js'))).toEqual(['cdk8s-spark-eci@0.1.0.jsii.tgz']);
    const packed = JSON.parse(await sh(dir, 'tar', ['-xzOf', 'dist/js/cdk8s-spark-eci@0.1.0.jsii.tgz', 'package/package.json']));
    expect(packed.version).toBe('0.1.0');
    expect((await sh(dir, 'git', ['status', '--porcelain', '--untracked-files=no'], git)).trim()).toBe('');
  }, 600_000);

  test('`PUBLIB_DRYRUN=true npx projen publish:npm` runs npm\'s own publish checks on the tarball, without the upload', async () => {
    const result = await projen(['publish:npm'], { PUBLIB_DRYRUN: 'true' });
    expect({ code: result.code, output: result.code === 0 ? '' : result.output }).toEqual({ code: 0, output: '' });
    expect(result.output).toContain('+ cdk8s-spark-eci@0.1.0');
    expect(result.output).toMatch(/Publishing to \S+ with tag latest and public access \(dry-run\)/);
    expect(result.output).not.toContain('publib');
  }, 120_000);

  test('publishing refuses a plain build\'s 0.0.0 tarball and a language the release did not pack', async () => {
    const stray = path.join(dir, 'dist', 'js', 'cdk8s-spark-eci@0.0.0.jsii.tgz');
    fs.copyFileSync(path.join(dir, 'dist', 'js', 'cdk8s-spark-eci@0.1.0.jsii.tgz'), stray);
    try {
      const npm = await projen(['publish:npm'], { PUBLIB_DRYRUN: 'true' });
      expect(npm.code).not.toBe(0);
      expect(npm.output).toContain('release: dist/js must hold only the tarball of the released version 0.1.0 (got cdk8s-spark-eci@0.0.0.jsii.tgz): run `npx projen release` again');
    } finally {
      fs.rmSync(stray);
    }
    const pypi = await projen(['publish:pypi'], { PUBLIB_DRYRUN: 'true' });
    expect(pypi.code).not.toBe(0);
    expect(pypi.output).toContain('release: dist/python holds nothing to publish: `npx projen release` packs it with PACKAGE_ALL_TARGETS=true');
  }, 120_000);
});
