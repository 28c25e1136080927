/**
 * The release steps that read or write the hand-kept CHANGELOG.md, run by the projen tasks that
 * .projenrc.ts wires (docs/releasing.md). projen's own bump derives versions and notes from
 * conventional commits, which this repository does not write; here the maintainer names the
 * version and CHANGELOG.md's "## Unreleased" section is the release notes.
 *
 *   next-version  (bump:next-version) prints $RELEASE_AS (major, minor, patch or an exact
 *                 version), after checking it and that "## Unreleased" lists at least one change.
 *   notes         (end of bump) writes the release notes, dist/changelog.md: the version's heading
 *                 and the Unreleased entries (replacing the commit-derived notes of the bump).
 *   changelog     (start of publish:git, after the build) turns the Unreleased entries into the
 *                 version's section, leaving "## Unreleased" empty on top, and commits that, so
 *                 the release tag points at the commit whose CHANGELOG.md names the version.
 *   artifacts DIR (first step of each publish:* task) checks that DIR holds what the release
 *                 built: files, and for dist/js the tarball of the released version only (a plain
 *                 build packs 0.0.0, which must never reach the registry).
 *   npm-dry-run   (publish:npm with PUBLIB_DRYRUN=true) runs `npm publish --dry-run` on each
 *                 tarball of dist/js: npm's own checks and file list, everything but the upload.
 *
 * Every path is relative to the working directory, the project root the tasks run in.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';

const CHANGELOG = 'CHANGELOG.md';
const UNRELEASED = '## Unreleased';
/** Where projen's bump writes the version (`BUMPFILE`) and reads the release notes (`CHANGELOG`). */
const VERSION_FILE = process.env.BUMPFILE ?? 'dist/version.txt';
const NOTES_FILE = process.env.CHANGELOG ?? 'dist/changelog.md';
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;

function fail(message: string): never {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
}

/** CHANGELOG.md split around the Unreleased section: the text before it, its entries, the rest. */
function readChangelog(): { head: string; entries: string; tail: string } {
  const text = fs.readFileSync(CHANGELOG, 'utf8');
  const start = text.indexOf(`\n${UNRELEASED}\n`);
  if (start < 0) { fail(`${CHANGELOG} has no "${UNRELEASED}" heading`); }
  const bodyStart = start + UNRELEASED.length + 2;
  const next = text.indexOf('\n## ', bodyStart - 1);
  const bodyEnd = next < 0 ? text.length : next + 1;
  return { head: text.slice(0, bodyStart), entries: text.slice(bodyStart, bodyEnd).trim(), tail: text.slice(bodyEnd) };
}

function releasedVersion(): string {
  const version = fs.existsSync(VERSION_FILE) ? fs.readFileSync(VERSION_FILE, 'utf8').trim() : '';
  if (!SEMVER.test(version)) { fail(`${VERSION_FILE} holds no version (got "${version}"): run the bump first (npx projen release)`); }
  return version;
}

function heading(version: string): string {
  return `## ${version} (${new Date().toISOString().slice(0, 10)})`;
}

function compare(a: string, b: string): number {
  const [x, y] = [a, b].map(v => v.split('-')[0].split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

function nextVersion(): void {
  const releaseAs = (process.env.RELEASE_AS ?? '').trim();
  const current = (process.env.VERSION ?? '0.0.0').trim();
  if (!['major', 'minor', 'patch'].includes(releaseAs) && !SEMVER.test(releaseAs)) {
    fail(`set RELEASE_AS to major, minor, patch or an exact version such as 0.1.0 (got "${releaseAs}"), e.g. RELEASE_AS=minor npx projen release`);
  }
  if (SEMVER.test(releaseAs) && compare(releaseAs, current) <= 0) {
    fail(`RELEASE_AS must be above the latest release ${current} (got "${releaseAs}")`);
  }
  if (readChangelog().entries === '') {
    fail(`${CHANGELOG} lists nothing under "${UNRELEASED}": a release needs at least one user-visible change`);
  }
  process.stdout.write(releaseAs);
}

function notes(): void {
  const version = releasedVersion();
  fs.writeFileSync(NOTES_FILE, `${heading(version)}\n\n${readChangelog().entries}\n`);
}

function changelog(): void {
  const version = releasedVersion();
  const { head, entries, tail } = readChangelog();
  if (entries === '') { fail(`${CHANGELOG} lists nothing under "${UNRELEASED}"`); }
  fs.writeFileSync(CHANGELOG, `${head}\n${heading(version)}\n\n${entries}\n${tail === '' ? '' : `\n${tail}`}`);
  execFileSync('git', ['add', CHANGELOG], { stdio: 'inherit' });
  execFileSync('git', ['commit', '-m', `Release ${version}`, '-m', `${CHANGELOG}: the Unreleased entries become ${version}'s.`], { stdio: 'inherit' });
}

function artifacts(): void {
  const dir = process.argv[3] ?? '';
  const version = releasedVersion();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  if (files.length === 0) {
    fail(`${dir} holds nothing to publish: \`npx projen release\` packs it`
      + (dir === 'dist/js' ? '' : ' with PACKAGE_ALL_TARGETS=true, on a machine with that language\'s toolchain and registry (docs/releasing.md)'));
  }
  const others = dir === 'dist/js' ? files.filter(f => !f.endsWith(`@${version}.jsii.tgz`)) : [];
  if (others.length > 0) {
    fail(`${dir} must hold only the tarball of the released version ${version} (got ${others.join(', ')}): run \`npx projen release\` again`);
  }
}

function npmDryRun(): void {
  for (const file of fs.readdirSync('dist/js').filter(f => f.endsWith('.tgz'))) {
    execFileSync('npm', ['publish', '--dry-run', '--access', 'public', `dist/js/${file}`], { stdio: 'inherit' });
  }
}

const commands: { [name: string]: () => void } = { 'next-version': nextVersion, notes, changelog, artifacts, 'npm-dry-run': npmDryRun };
const command = commands[process.argv[2]];
if (!command) { fail(`unknown command "${process.argv[2]}": use ${Object.keys(commands).join(', ')}`); }
command();
