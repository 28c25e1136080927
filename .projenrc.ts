import { cdk8s, javascript, release } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

/** A step of scripts/release.ts, which reads and writes the hand-kept CHANGELOG.md. */
function releaseScript(command: string): string {
  return `ts-node --transpile-only --project scripts/tsconfig.json scripts/release.ts ${command}`;
}

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-spark-eci',
  description:
    'Typed cdk8s constructs for Apache Spark on Alibaba Cloud ACK with ECI: SparkApplication, ECS/ECI placement and ResourcePolicy, checked at synth.',
  author: 'cdk8s-spark-eci maintainers',
  authorAddress: 'maintainers@users.noreply.example',
  repositoryUrl: 'https://example.invalid/cdk8s-spark-eci.git',
  keywords: ['cdk8s', 'spark', 'spark-operator', 'alibaba-cloud', 'ack', 'eci', 'kubernetes'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  // The peer floors: what the code truly needs, which is what cdk8s-plus-28 (a peer) needs
  // itself (cdk8s ^2.68.11, constructs ^10.3.0). test/consumer-app.test.ts installs the lowest
  // versions of these ranges in a fresh app and synthesizes it. The repository builds against the
  // exact dev versions below (pinnedDevDependency off, or projen would pin the floors).
  cdk8sVersion: '2.68.11',
  constructsVersion: '10.3.0',
  peerDependencyOptions: { pinnedDevDependency: false },
  jsiiVersion: '~6.0.0',
  // TypeScript 7 breaks ts-node (and so `npx projen` itself): stay on 6.0.
  typescriptVersion: '~6.0',

  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  devDeps: [
    'cdk8s@2.70.106',
    'constructs@10.8.1',
    'cdk8s-plus-28@2.5.6',
    // What `cdk8s init` apps get today: test/newer-cdk8s-plus.test.ts passes its values to the library.
    'cdk8s-plus-33@^2.5.57',
    'typescript@~6.0',
    '@types/node@^20',
    'cdk8s-cli@^2.207.0',
    'ajv@^8.17.0',
    'fast-check@^4.3.0',
    // test/yaml-documents.test.ts reads every generated text with yaml too: the reader must agree with it.
    'yaml@^2.8.0',
    '@types/js-yaml@^4.0.9',
    // The bump's changelog dry run (projen's bumpPackage), installed here: npx may not fetch it
    // (npm's \`yes = false\`), and 13.x needs Node.js 22.
    'commit-and-tag-version@^12.7.3',
  ],
  // The `plan` command and the cdk8s plugin read YAML at run time (src/private/yaml-documents.ts);
  // jsii needs runtime deps bundled. 4.1.x: 4.2 and later ship source maps (1.1 MB unpacked
  // against 0.48), which the packed tarball carries; the reader bounds nesting itself, so it needs
  // nothing they added (`maxDepth`).
  bundledDeps: ['js-yaml@~4.1.1'],
  bin: { 'cdk8s-spark-eci': 'bin/cdk8s-spark-eci' },

  // jsii targets. The names follow the package name; the Java package and the Go module come
  // from the repository URL (example.invalid/cdk8s-spark-eci): change them with it. The `codegen`
  // task generates all four offline; building the packages needs PyPI, Maven and NuGet (README).
  publishToPypi: { distName: 'cdk8s-spark-eci', module: 'cdk8s_spark_eci' },
  publishToMaven: {
    javaPackage: 'invalid.example.cdk8s.spark.eci',
    mavenGroupId: 'invalid.example',
    mavenArtifactId: 'cdk8s-spark-eci',
  },
  publishToNuget: { dotNetNamespace: 'Cdk8sSparkEci', packageId: 'Cdk8sSparkEci' },
  publishToGo: { moduleName: 'example.invalid/cdk8s-spark-eci' },

  // This repository has no GitHub remote: no workflows. Releases are projen tasks any CI or a
  // maintainer runs (docs/releasing.md): `release` bumps to the version RELEASE_AS names, builds
  // and packs, turns CHANGELOG.md's "Unreleased" into that version, commits and tags; the
  // publish:* tasks below upload, or with PUBLIB_DRYRUN=true do everything but the upload.
  github: false,
  release: true,
  bumpPackage: 'commit-and-tag-version',
  releaseTrigger: release.ReleaseTrigger.manual({ changelog: false, gitPushCommand: '' }),
  nextVersionCommand: releaseScript('next-version'),
  depsUpgrade: false,
  pullRequestTemplate: false,

  jestOptions: {
    // projen's default test task rewrites failing snapshots instead of failing.
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/', '/test/imports/', '/test/support/'],
      coverageReporters: ['text-summary', 'lcov'],
      testPathIgnorePatterns: ['/node_modules/', '/lib/'],
      // The library's expected warnings are captured, not printed (test/support/quiet-console.ts).
      setupFilesAfterEnv: ['<rootDir>/test/support/quiet-console.ts'],
      // Every core: jest's default leaves one of the two cores of a CI machine idle (issue 29).
      maxWorkers: '100%',
      // Coverage instruments every file and slows the suite by about a third: `npx projen coverage`.
      collectCoverage: false,
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts'],
    ignorePatterns: ['src/imports/', 'test/imports/', 'examples/dist/', 'examples/chart/', 'lib/', 'node_modules/'],
    // CI (the test task) must fail on lint, not repair it; `npx projen eslint:fix` repairs.
    commandOptions: { fix: false },
  },
  gitignore: ['/examples/dist/', '/examples/chart/', '/bench/tmp/', '/dist/codegen/'],
  // The package ships plain ES2022 JavaScript without source maps: the inline maps (with the
  // TypeScript sources inside) were half of lib/ and most of the tarball (issue #17: <= 0.6 MB).
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false } },
});
// The suite with coverage (the build's test task runs without it, for speed).
project.addTask('coverage', { description: 'Run the test suite with coverage', exec: 'jest --passWithNoTests --coverage' });
// API.md is the repository's reference; Construct Hub renders its own from .jsii, so the package
// leaves it out (it was 0.75 MB of the 5 MB unpacked).
project.npmignore?.exclude('/API.md');

// The layers of CONTRIBUTING.md, enforced: each zone forbids `target` to import from `from`.
const layerZones = [
  {
    target: './src/model',
    from: ['./src/spark', './src/eci', './src/resource-policy', './src/cli'],
    message: 'model/ takes plain data: it imports no construct folder and not cli/ (CONTRIBUTING.md, Layers).',
  },
  {
    target: './src/cli',
    from: './src',
    except: ['./cli', './model', './private'],
    message: 'cli/ imports only model/ and private/ (CONTRIBUTING.md, Layers).',
  },
  {
    target: './src/plugin',
    from: './src',
    except: ['./plugin', './model', './private'],
    message: 'plugin/ imports only model/ and private/, like cli/ (CONTRIBUTING.md, Layers).',
  },
  {
    target: './src/private',
    from: './src',
    except: ['./private'],
    message: 'private/ imports nothing above it (CONTRIBUTING.md, Layers).',
  },
  {
    target: './src/eci',
    from: ['./src/spark', './src/resource-policy'],
    message: 'eci/ does not import spark/ or resource-policy/: a placement writes through IPlacementTarget (CONTRIBUTING.md, Layers).',
  },
  {
    target: './src/profile',
    from: './src',
    except: ['./profile', './private', './model'],
    message: 'profile/ knows the cluster, not the constructs: it imports only model/ and private/ (CONTRIBUTING.md, Layers).',
  },
  {
    target: './src/spark',
    from: './src/resource-policy',
    message: 'spark/ does not import resource-policy/ (CONTRIBUTING.md, Layers).',
  },
  {
    target: './src/spark/role',
    from: ['./src/spark/job', './src/spark/connect'],
    message: 'spark/role/ knows nothing of what holds a role: it imports neither job/ nor connect/ (CONTRIBUTING.md, Layers).',
  },
  {
    target: './src/spark/job',
    from: './src/spark/connect',
    message: 'spark/job/ and spark/connect/ do not import each other; what both need sits in spark/ or role/ (CONTRIBUTING.md, Layers).',
  },
  {
    target: './src/spark/connect',
    from: './src/spark/job',
    message: 'spark/job/ and spark/connect/ do not import each other; what both need sits in spark/ or role/ (CONTRIBUTING.md, Layers).',
  },
  {
    target: './src/testing',
    from: './src',
    except: ['./testing', './checks', './model', './private', './imports'],
    message: 'testing/ asks the plan: it imports only checks/, model/, private/ and the bindings (CONTRIBUTING.md, Layers).',
  },
  {
    target: ['./src/spark', './src/eci', './src/resource-policy', './src/quota', './src/checks', './src/model', './src/cli', './src/plugin', './src/private', './src/profile'],
    from: './src/testing',
    message: 'testing/ sits on top: only src/index.ts re-exports it (CONTRIBUTING.md, Layers).',
  },
  {
    target: ['./src/spark', './src/eci', './src/resource-policy', './src/quota', './src/checks', './src/model', './src/cli', './src/testing', './src/private', './src/profile'],
    from: './src/plugin',
    message: 'plugin/ is a front end: only src/index.ts re-exports it (CONTRIBUTING.md, Layers).',
  },
];
project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  rules: {
    'import/no-restricted-paths': ['error', { zones: layerZones }],
    // eslint-plugin-import 2.x always skips `import type` here; type-only cycles are not caught.
    'import/no-cycle': ['error', { ignoreExternal: true }],
  },
});
// Lint and repair what can be repaired (the eslint task itself only checks).
project.addTask('eslint:fix', {
  description: 'Runs eslint with --fix',
  steps: [{ spawn: 'eslint', args: ['--fix'] }],
});

// Regenerates src/imports/ (bindings used at run time) and test/imports/ (bindings only tests use)
// from the CRDs listed in imports/crds.json (see the README).
project.addTask('import', {
  description: 'Regenerate src/imports/ and test/imports/ from imports/crds.json (operator CRDs from SPARK_OPERATOR_CRDS, default ../shared/crds)',
  exec: 'ts-node --project scripts/tsconfig.json scripts/import-crds.ts',
});

// Synthesizes the example app with the real cdk8s CLI into examples/dist/. It does not run
// `cdk8s-spark-eci plan`: a user asking for the example wants the YAML, and planning it exits 1
// by design (the seed's spark-pi leaves executor-5 Pending, which the README's plan shows), so a
// plan step here would fail the task on the very finding the example exists to show.
// The example's cdk8s.yaml runs the validation plugin from the compiled library, so it compiles
// first; cdk8s-cli then leaves its construct metadata for the plugins among the manifests, which
// the task removes so that `kubectl apply -f examples/dist/` takes the folder (docs/plugin.md).
const example = project.addTask('example', {
  description: 'Synthesize the example app (examples/main.ts) into examples/dist/, with the validation plugin',
  steps: [
    { spawn: 'compile' },
    // --no-check-upgrade: the upgrade check needs the internet and fails offline.
    { exec: 'rm -rf dist && cdk8s synth --no-check-upgrade && rm -f dist/construct-metadata.json', cwd: 'examples' },
  ],
});
example.say('The YAML is in examples/dist/ (one file per chart).');

// The example as a Helm chart in examples/chart/. cdk8s-cli leaves the construct metadata it
// records for the validation plugins (templates/construct-metadata.json) among the templates,
// where Helm would read it as a manifest: the task removes it (docs/plugin.md, Helm).
const exampleHelm = project.addTask('example:helm', {
  description: 'Synthesize the example app as a Helm chart into examples/chart/ (cdk8s synth --format helm)',
  steps: [
    { spawn: 'compile' },
    {
      exec: 'cdk8s synth --no-check-upgrade --format helm --chart-version 1.0.0 --output chart && rm -f chart/templates/construct-metadata.json',
      cwd: 'examples',
    },
  ],
});
exampleHelm.say('The chart is in examples/chart/ (Chart.yaml, templates/ with one file per chart).');

// jsii's strict tsconfig refuses removeComments: the compiled JavaScript loses its comments in a
// step of its own (scripts/strip-js-comments.ts says why: a faster cold require).
project.compileTask.exec('ts-node --transpile-only --project scripts/tsconfig.json scripts/strip-js-comments.ts lib');

// Runs the performance benchmark (not a jest test): prints figures and ratios, writes bench/results.json.
project.addTask('bench', {
  description: 'Benchmark synth speed, scaling, load time and memory against the cdk8s floors (bench/README in BENCHMARKS.md)',
  steps: [
    { spawn: 'compile' },
    { exec: 'node --expose-gc bench/run.js' },
  ],
});

// Generates the Python, Java, .NET and Go bindings offline (jsii-pacmak --code-only) and checks
// what a local toolchain can check (scripts/codegen.sh says which). The test task runs it.
const codegen = project.addTask('codegen', {
  description: 'Generate the jsii bindings for Python, Java, .NET and Go into dist/codegen/ and check them (needs lib/.jsii: run compile first)',
  exec: 'bash scripts/codegen.sh',
});
project.testTask.spawn(codegen);
// The build packages npm only: package:python, package:java, package:dotnet and package:go need
// PyPI, Maven, NuGet and the Go toolchain, which these machines cannot reach (README, Other
// languages). A release machine that has them sets PACKAGE_ALL_TARGETS=true (docs/releasing.md).
const packageAll = project.tasks.tryFind('package-all')!;
packageAll.reset();
packageAll.spawn(project.tasks.tryFind('package:js')!);
/** A task condition that holds when the environment variable `name` is `true` (or, with `not`, is not). */
function envIsTrue(name: string, not = false): string {
  return `node -e "process.exit(process.env.${name} ${not ? '!==' : '==='} 'true' ? 0 : 1)"`;
}
for (const language of ['python', 'java', 'dotnet', 'go']) {
  packageAll.spawn(project.tasks.tryFind(`package:${language}`)!, { condition: envIsTrue('PACKAGE_ALL_TARGETS') });
}
// projen's `package` packs npm only under CI (its GitHub workflows pack the other languages in
// jobs of their own, which this repository does not have): the same targets everywhere instead.
const packageTask = project.tasks.tryFind('package')!;
packageTask.reset();
packageTask.spawn(packageAll);

// The release notes are CHANGELOG.md's Unreleased entries, not the commit-derived notes projen's
// bump writes; after the build, publish:git makes them the version's section and commits that
// before it tags (scripts/release.ts).
project.tasks.tryFind('bump')!.exec(releaseScript('notes'));
project.tasks.tryFind('publish:git')!.prependExec(releaseScript('changelog'));

// Publishing, one task per registry, with publib as projen's release workflows use it. Each first
// checks that dist/ holds what `release` built (the bumped version, not a plain build's 0.0.0).
// PUBLIB_DRYRUN=true does everything but the upload: for npm, `npm publish --dry-run` on each
// tarball (the registry's checks and the file list, no credentials needed); publib's own dry
// run for the others, which still need their packages (PACKAGE_ALL_TARGETS) and so a machine
// that reaches PyPI, Maven Central and NuGet.
const PUBLIB = 'publib@0.2.1061';
interface PublishTarget { task: string; dir: string; publib: string; registry: string; credentials: string; env?: { [name: string]: string } }
const publishTargets: PublishTarget[] = [
  { task: 'npm', dir: 'dist/js', publib: 'publib-npm', registry: 'npm', credentials: 'NPM_TOKEN, or NPM_TRUSTED_PUBLISHER=true', env: { NPM_ACCESS_LEVEL: 'public' } },
  { task: 'pypi', dir: 'dist/python', publib: 'publib-pypi', registry: 'PyPI', credentials: 'TWINE_USERNAME, TWINE_PASSWORD' },
  // Maven Central's Central Publishing service (publib's default, OSSRH, stopped in 2025).
  { task: 'maven', dir: 'dist/java', publib: 'publib-maven', registry: 'Maven Central', credentials: 'MAVEN_USERNAME, MAVEN_PASSWORD, MAVEN_GPG_PRIVATE_KEY, MAVEN_GPG_PRIVATE_KEY_PASSPHRASE', env: { MAVEN_SERVER_ID: 'central-ossrh' } },
  { task: 'nuget', dir: 'dist/dotnet', publib: 'publib-nuget', registry: 'NuGet', credentials: 'NUGET_API_KEY' },
  { task: 'golang', dir: 'dist/go', publib: 'publib-golang', registry: 'the Go module repository', credentials: 'GITHUB_TOKEN, GIT_USER_NAME, GIT_USER_EMAIL' },
];
for (const target of publishTargets) {
  const npm = target.task === 'npm';
  const task = project.addTask(`publish:${target.task}`, {
    description: `Publish ${target.dir} (built by \`npx projen release\`) to ${target.registry} with ${target.publib} (${target.credentials}); PUBLIB_DRYRUN=true: everything but the upload`,
    env: target.env,
  });
  task.exec(releaseScript(`artifacts ${target.dir}`));
  if (npm) {
    task.exec(releaseScript('npm-dry-run'), { condition: envIsTrue('PUBLIB_DRYRUN') });
    task.exec(`npx -p ${PUBLIB} ${target.publib} ${target.dir}`, { condition: envIsTrue('PUBLIB_DRYRUN', true) });
  } else {
    task.exec(`npx -p ${PUBLIB} ${target.publib} ${target.dir}`);
  }
}

for (const path of ['/examples/', '/scripts/', '/imports/', '/bench/', '/test/', '/coverage/']) {
  project.npmignore?.exclude(path);
}

project.synth();
