// The validation plugin against cdk8s-cli's own ValidationContext and ValidationReport (the
// objects `cdk8s synth` hands it), without a synth: what it reports for each kind of finding, its
// properties and their refusals. test/validation-plugin.test.ts runs it in the real `cdk8s synth`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { IValidationContext, SparkPlanValidation, SparkPlanValidationProps } from '../src';
import { hostile } from './support/plan-inputs';
import { planManifests } from '../src/model/plan';

const FIXTURES = path.join(__dirname, 'fixtures');

/**
 * A copy of a fixture whose job accepts the seed's unused ECI share (its driver's 1200m limit is
 * billed as 2 vCPU): the job's own decision, which the plugin reads from the YAML, so these tests
 * see only the finding they are about.
 */
function acceptingUnusedShare(file: string): string {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-fixture-')), path.basename(file));
  fs.writeFileSync(copy, fs.readFileSync(file, 'utf8').replace('metadata:\n',
    'metadata:\n  annotations:\n    cdk8s-spark-eci/unused-share-warning: driver=0,executor=0\n'));
  return copy;
}

const TOO_BIG = acceptingUnusedShare(path.join(FIXTURES, 'plugin', 'too-big-for-eci.yaml'));
const ECI_ONLY = acceptingUnusedShare(path.join(FIXTURES, 'plan', 'eci-only.yaml'));
const POLICY_DIR = path.join(FIXTURES, 'plan', 'resource-policy');

/** cdk8s-cli's context for these files, as `cdk8s synth` makes it. */
function cliContext(files: string[], metadata: { [name: string]: { path: string } } = {}): ValidationContext {
  return new ValidationContext(files, 'cdk8s-spark-eci', '0.0.0', metadata, false);
}

/**
 * cdk8s-cli's context as the plugin's interface. The compile-time check: everything but
 * `manifests` fits as it is; `manifests` is `readonly string[]` in cdk8s-cli, which jsii cannot
 * declare, and the plugin only reads it.
 */
function asPluginContext(context: ValidationContext): IValidationContext {
  const fits: Omit<IValidationContext, 'manifests'> & { readonly manifests: readonly string[] } = context;
  return fits as IValidationContext;
}

async function validate(files: string[], props?: SparkPlanValidationProps, metadata?: { [name: string]: { path: string } }) {
  const context = cliContext(files, metadata);
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  let logged: string[];
  try {
    await new SparkPlanValidation(props).validate(asPluginContext(context));
  } finally {
    logged = log.mock.calls.map(c => c[0]);
    log.mockRestore();
  }
  return { json: context.report.toJson(), success: context.report.success, logged };
}

describe('SparkPlanValidation', () => {
  test('reports each Pending run of pods as an error named by its code, with the resource, the construct path and a fix', async () => {
    const { json, success } = await validate([TOO_BIG], {}, { 'spark-pi-too-big': { path: 'app/included/SparkApplication-spark-pi-too-big' } });
    expect(success).toBe(false);
    expect(json.summary).toEqual({
      status: 'failure',
      plugin: 'cdk8s-spark-eci',
      version: '0.0.0',
      // The warning: the ECI driver auto-matches an image cache that no ImageCache makes (IMAGE_CACHE_ON_FIRST_RUN).
      metadata: { 'Spark jobs': '1', 'Pods': '3', 'Pending pods': '2', 'Errors': '1', 'Warnings': '1' },
    });
    expect(json.violations.filter((v: any) => v.ruleName !== 'IMAGE_CACHE_ON_FIRST_RUN')).toEqual([{
      ruleName: 'NO_ECI_SIZE',
      recommendation: 'error: SparkApplication default/spark-pi-too-big: executor-1, executor-2: they must run on ECI and ECI cannot create them: '
        + 'no ECI size fits a pod of 2 vCPU / 1013760 MiB in the table every region offers; the largest is 64-512Gi (2 pods Pending)',
      fix: 'Lower spec.executor.cores, spec.executor.memory or spec.executor.memoryOverhead to a size ECI offers, '
        + 'or fix the ECI annotations named above, or let the pods run on ECS. '
        + 'To accept them, annotate the application cdk8s-spark-eci/unschedulable-pods: WARN (or ALLOW), or set failOnPending: false '
        + 'in the plugin\'s properties for every job that records no decision.',
      violatingConstructs: [{
        resourceName: 'spark-pi-too-big',
        constructPath: 'app/included/SparkApplication-spark-pi-too-big',
        locations: ['SparkApplication default/spark-pi-too-big (document 1): spec.executor'],
        manifestPath: TOO_BIG,
      }],
    }]);
  });

  test('names a resource Kind namespace/name, without a construct path, when other objects share its name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-shared-'));
    const other = path.join(dir, 'other-namespace.yaml');
    fs.writeFileSync(other, fs.readFileSync(TOO_BIG, 'utf8').replace('namespace: default', 'namespace: other'));
    // cdk8s keys construct paths by bare name: the last object of that name wins, whichever it is.
    const { json } = await validate([TOO_BIG, other], {}, { 'spark-pi-too-big': { path: 'app/other/Resource' } });
    expect(json.violations.filter((v: any) => v.ruleName === 'NO_ECI_SIZE')
      .map((v: any) => v.violatingConstructs.map((c: any) => [c.resourceName, c.constructPath]))).toEqual([
      [['SparkApplication default/spark-pi-too-big', undefined]],
      [['SparkApplication other/spark-pi-too-big', undefined]],
    ]);
  });

  test('says the same as the plan command: the message is the report\'s', async () => {
    const { json } = await validate([TOO_BIG]);
    const report = planManifests([{ file: TOO_BIG, text: fs.readFileSync(TOO_BIG, 'utf8') }]);
    expect(json.violations[0].recommendation).toContain(report.jobs[0].pending[0].message);
  });

  test('failOnPending: false reports Pending pods as warnings and passes', async () => {
    const { json, success } = await validate([TOO_BIG], { failOnPending: false });
    expect(success).toBe(true);
    expect(json.violations.map((v: any) => [v.ruleName, v.recommendation.slice(0, 8), v.fix.includes('failOnPending')]))
      .toEqual([['NO_ECI_SIZE', 'warning:', false], ['IMAGE_CACHE_ON_FIRST_RUN', 'warning:', false]]);
    expect(json.summary.metadata).toMatchObject({ Errors: '0', Warnings: '2' });
  });

  test('failOnWarnings: true fails on warnings', async () => {
    const { success } = await validate([TOO_BIG], { failOnPending: false, failOnWarnings: true });
    expect(success).toBe(false);
  });

  test('a clean plan passes with no violation and logs what it planned', async () => {
    // The seed's ECI-only job with an ImageCache for its image: a cache hit from the first run, so nothing to report.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-clean-'));
    const file = path.join(dir, 'eci-only-cached.yaml');
    fs.writeFileSync(file, `${fs.readFileSync(ECI_ONLY, 'utf8')}\n---\napiVersion: eci.alibabacloud.com/v1\nkind: ImageCache\nmetadata:\n  name: spark\n`
      + 'spec:\n  images:\n    - registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2\n');
    const { json, success, logged } = await validate([file]);
    expect(success).toBe(true);
    expect(json.violations).toEqual([]);
    expect(logged).toEqual(['cdk8s-spark-eci: planned 1 Spark job in 1 manifest file: 0 errors, 0 warnings']);
  });

  test('plans across files: a ResourcePolicy in one file caps the job in another', async () => {
    const files = fs.readdirSync(POLICY_DIR).map(f => path.join(POLICY_DIR, f));
    const { json } = await validate(files);
    const report = planManifests(files.map(file => ({ file, text: fs.readFileSync(file, 'utf8') })));
    const codes = report.jobs.flatMap(j => [...j.pending.map(p => p.reason.code), ...j.problems.map(p => p.code)]);
    expect(json.violations.map((v: any) => v.ruleName)).toEqual(codes);
    expect(codes.length).toBeGreaterThan(0);
  });

  test('reports a problem of the plan with its severity and its YAML field', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-problem-'));
    const file = path.join(dir, 'spot-driver.yaml');
    // The ECI-only job with a spot driver: SPOT_DRIVER, a warning.
    fs.writeFileSync(file, fs.readFileSync(ECI_ONLY, 'utf8').replace('    serviceAccount: spark-operator-spark\n',
      '    serviceAccount: spark-operator-spark\n    annotations:\n      k8s.aliyun.com/eci-spot-strategy: SpotAsPriceGo\n'));
    const { json, success } = await validate([file]);
    expect(success).toBe(true);
    expect(json.violations.filter((v: any) => v.ruleName === 'SPOT_DRIVER')).toEqual([expect.objectContaining({
      ruleName: 'SPOT_DRIVER',
      recommendation: expect.stringMatching(/^warning: SparkApplication default\/spark-pi-eci-only: the driver asks for spot ECI \(spec\.driver\.annotations\)/),
      fix: 'Remove the spot annotations from spec.driver.annotations: keep the driver on ECS or on pay-as-you-go ECI.',
      violatingConstructs: [expect.objectContaining({ locations: ['SparkApplication default/spark-pi-eci-only (document 1): spec.driver.annotations'] })],
    })]);
  });

  test('a manifest the plan cannot read fails with UNREADABLE_MANIFEST naming the file, the document and the field', async () => {
    const bad = path.join(FIXTURES, 'plan', 'invalid', 'bad-memory.yaml');
    const { json, success } = await validate([bad]);
    expect(success).toBe(false);
    expect(json.violations).toEqual([{
      ruleName: 'UNREADABLE_MANIFEST',
      recommendation: expect.stringMatching(/^error: .*bad-memory\.yaml: document 2: SparkApplication spark-pi: spec\.executor\.memory must be a Spark memory string/),
      fix: expect.stringMatching(/^Correct the value named above/),
      violatingConstructs: [{ resourceName: 'spark-pi', constructPath: undefined, locations: [`${bad}, document 2`], manifestPath: bad }],
    }]);
  });

  test('hands cdk8s-cli no control character from a manifest: names, messages and paths escaped for the terminal', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-hostile-'));
    const files = hostile().map(f => {
      const file = path.join(dir, path.basename(f.file).replace(/[|<>]/g, '_').replace('.yaml', '\u001b[2J.yaml'));
      fs.writeFileSync(file, f.text);
      return file;
    });
    const { json } = await validate(files);
    expect(json.violations.length).toBeGreaterThan(0);
    const texts = JSON.stringify(json.violations);
    expect(JSON.parse(texts).flatMap((v: any) => [v.ruleName, v.recommendation, v.fix,
      ...v.violatingConstructs.flatMap((c: any) => [c.resourceName, c.manifestPath, ...c.locations])]).join('\n'))
      .not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(json.violations[0].recommendation).toContain('evil|`tick`<script>alert(1)</script>\\x1b[31mred\\u202e');
    expect(json.violations[0].violatingConstructs[0].manifestPath).toContain('\\x1b[2J.yaml');
  });

  test.each<[string, (dir: string) => string, string]>([
    ['a repeated key', dir => {
      const file = path.join(dir, 'job.yaml');
      fs.writeFileSync(file, fs.readFileSync(ECI_ONLY, 'utf8').replace(/^( {4}instances: 2\n)/m, '$1    instances: 3\n'));
      return file;
    }, 'document 1: YAML does not parse (line 41): Map keys must be unique: "instances" at line 41, column 5'],
    ['a loop of symbolic links', dir => {
      const file = path.join(dir, 'loop.yaml');
      fs.symlinkSync('loop.yaml', file);
      return file;
    }, 'cannot read {file}: a loop of symbolic links (the path never reaches a file)'],
  ])('%s fails the synth with UNREADABLE_MANIFEST and the plan command\'s words', async (_name, make, message) => {
    const file = make(fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-unreadable-')));
    const { json, success } = await validate([file]);
    expect(success).toBe(false);
    expect(json.violations).toEqual([expect.objectContaining({
      ruleName: 'UNREADABLE_MANIFEST',
      recommendation: `error: ${message.includes('{file}') ? message.replace('{file}', file) : `${file}: ${message}`}`,
    })]);
  });

  test('prices give the ECI cost per hour in the summary', async () => {
    const { json } = await validate([ECI_ONLY], { pricePerVcpuHour: 0.2, pricePerGibHour: 0.02, currency: 'CNY' });
    expect(json.summary.metadata!['ECI cost per hour']).toMatch(/^\d+(\.\d+)? CNY$/);
  });

  test.each<[string, unknown, string]>([
    ['an unknown key', { failOnPendng: false },
      'properties.failOnPendng must be one of the known keys (failOnPending, failOnWarnings, pricePerVcpuHour, pricePerGibHour, spotDiscount, currency) (got false)'],
    ['properties that are not an object', 'strict', 'properties must be an object with the keys failOnPending, failOnWarnings'],
    ['a flag that is not a boolean', { failOnPending: 'no' }, 'failOnPending must be a boolean (got "no")'],
    ['failOnWarnings that is not a boolean', { failOnWarnings: 1 }, 'failOnWarnings must be a boolean (got 1)'],
    ['half the prices', { pricePerVcpuHour: 0.2 }, 'pricePerGibHour must be given with pricePerVcpuHour (got undefined)'],
    ['the other half', { pricePerGibHour: 0.02 }, 'pricePerVcpuHour must be given with pricePerGibHour (got undefined)'],
    ['a discount without prices', { spotDiscount: 0.5 }, 'spotDiscount needs pricePerVcpuHour and pricePerGibHour (got 0.5)'],
    ['a currency without prices', { currency: 'CNY' }, 'currency needs pricePerVcpuHour and pricePerGibHour (got "CNY")'],
    ['a price that is not a number', { pricePerVcpuHour: 'cheap', pricePerGibHour: 0.02 }, 'pricePerVcpuHour must be'],
    ['a discount out of range', { pricePerVcpuHour: 0.2, pricePerGibHour: 0.02, spotDiscount: 70 },
      'spotDiscount must be a share from 0 to 1, e.g. 0.7 for 70% off (got 70)'],
  ])('refuses %s', (_name, props, message) => {
    expect(() => new SparkPlanValidation(props as any)).toThrow(message);
  });
});
