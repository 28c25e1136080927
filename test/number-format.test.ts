/**
 * The one number formatter (src/private/number-format.ts): its output, its bounds, and a scan of
 * the sources proving it is the only way a number becomes text in what the library renders.
 */
import * as path from 'path';
import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as ts from 'typescript';
import {
  EciInstanceSpec, EciPlacement, EciSpot, ElasticQuotaTree, ResourcePolicyUnit, ScratchDisk, SparkApplicationType, SparkEventLog, SparkJob,
  SparkPlacement, WhenTryNextUnits,
} from '../src';
import { ROOT, sourceProgram } from './support/public-api';
import { SparkEciValidationError } from '../src/private/errors';
import { EXACT_INTEGER, formatDecimal, formatInteger, INT32, maxQuantityUnits } from '../src/private/number-format';
import { toGoDuration } from '../src/private/resource-policy';
import { toQuantity, toSparkMemory } from '../src/private/units';

const BASE = { type: SparkApplicationType.SCALA, sparkVersion: '3.5.2', mainApplicationFile: 'local:///opt/app.jar', image: 'spark:3.5.2' };

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof SparkEciValidationError) { return e.message; }
    throw e;
  }
  throw new Error('accepted');
}

describe('formatInteger', () => {
  test.each([[0, '0'], [-5, '-5'], [2 ** 31 - 1, '2147483647']])('writes %p as %s', (value, text) => {
    expect(formatInteger('x', value, EXACT_INTEGER)).toBe(text);
  });

  test('writes every integer up to 2^53 in plain digits', () => {
    expect(formatInteger('x', Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
    expect(formatInteger('x', 1e15)).toBe('1000000000000000');
  });

  test.each([
    [1e21, 'x must be an integer from -9007199254740991 to 9007199254740991 (an integer written exactly) (got 1e+21)'],
    [2 ** 53, 'x must be an integer from'],
    [0.5, 'x must be an integer from'],
    [NaN, 'x must be an integer from'],
    [Infinity, 'x must be an integer from'],
  ])('refuses %p', (value, message) => {
    expect(refusal(() => formatInteger('x', value))).toContain(message);
  });

  test('keeps to the bounds it is given', () => {
    expect(refusal(() => formatInteger('port', 2 ** 31, INT32))).toBe('port must be an integer from -2147483648 to 2147483647 (int32) (got 2147483648)');
  });
});

describe('formatDecimal', () => {
  const PRICE = { min: 0, minExclusive: true, max: 1e12, decimals: 3 };
  test.each([[0.5, '0.5'], [0.125, '0.125'], [12, '12'], [1.1, '1.1'], [1e11, '100000000000']])('writes %p as %s', (value, text) => {
    expect(formatDecimal('price', value, PRICE)).toBe(text);
  });

  // 0.1 + 0.2 is 0.30000000000000004: float noise is more than 3 decimals, refused rather than rounded
  test.each([0.1234, 0.1 + 0.2, 0, -1, 1e13, NaN])('refuses %p', value => {
    expect(refusal(() => formatDecimal('price', value, PRICE))).toMatch(/^price must be a number above 0 up to 1000000000000 with at most 3 decimals/);
  });
});

describe('the renderers use it, with each field\'s bounds', () => {
  test('sizes past a Kubernetes quantity (2^63-1 bytes) are refused, not written with an exponent', () => {
    expect(maxQuantityUnits(2 ** 30)).toBe(8589934591);
    expect(refusal(() => ScratchDisk.ofSize(Size.gibibytes(1e21)))).toContain('ScratchDisk.ofSize() size (GiB) must be an integer from 1 to 8589934591');
    expect(refusal(() => EciPlacement.eciOnly({ eci: { extraEphemeralStorage: Size.gibibytes(1e21) } })))
      .toContain('eci.extraEphemeralStorage (GiB) must be an integer from 1 to 8589934591');
    expect(refusal(() => toQuantity('memoryLimit', Size.gibibytes(1e12)))).toContain('memoryLimit must be at most 8589934591Gi');
    expect(refusal(() => SparkEventLog.toOss('oss://my-bucket/e/', { rollingMaxFileSize: Size.gibibytes(1e12) })))
      .toContain('rollingMaxFileSize (MiB) must be an integer from 10 to 8796093022207');
  });

  test('the largest sizes that fit are written in plain digits', () => {
    const disk = ScratchDisk.ofSize(Size.gibibytes(8589934591))._render('executor');
    expect(disk.annotations['k8s.aliyun.com/eci-extra-ephemeral-storage']).toBe('8589934591Gi');
    expect(toQuantity('memoryLimit', Size.gibibytes(8589934591))).toBe('8589934591Gi');
    expect(toSparkMemory('memory', Size.gibibytes(4096))).toBe('4t');
  });

  test('a spot price limit is written with at most 3 decimals, never float noise', () => {
    const placed = EciPlacement.eciOnly({ eci: { spot: EciSpot.withPriceLimit(0.125) } });
    expect(placed.eci?.spot?.priceLimit).toBe(0.125);
    expect(refusal(() => EciSpot.withPriceLimit(0.1 + 0.2))).toContain('EciSpot.withPriceLimit() pricePerHour must be a number above 0');
    expect(refusal(() => EciSpot.withPriceLimit(0.12345))).toContain('with at most 3 decimals (ECI takes at most 3 decimals) (got 0.12345)');
  });

  test('Go durations past time.Duration (2^63-1 ns, about 292 years) are refused', () => {
    expect(toGoDuration('timeout', Duration.hours(2562047))).toBe('2562047h');
    expect(refusal(() => WhenTryNextUnits.timeoutOrExceedMax(Duration.days(1e6))))
      .toContain('whenTryNextUnits.timeout must be at most 2562047h47m16.854s (Go\'s time.Duration, int64 nanoseconds');
  });

  test('an ECI size is written as ECI spells it', () => {
    expect(EciInstanceSpec.size(0.5, Size.gibibytes(1)).value).toBe('0.5-1Gi');
    expect(EciInstanceSpec.size(2, Size.mebibytes(1536)).value).toBe('2-1.5Gi');
  });

  test('a rendered job holds no exponent anywhere', () => {
    const chart = new Chart(Testing.app(), 'c');
    new SparkJob(chart, 'Job', {
      ...BASE,
      placement: SparkPlacement.of(EciPlacement.eciOnly({
        eci: { spot: EciSpot.withPriceLimit(1234567.125, { protectionHours: 1 }), extraEphemeralStorage: Size.gibibytes(500) },
      })),
      executor: { scratch: ScratchDisk.ofSize(Size.gibibytes(4000)) },
      eventLog: SparkEventLog.toOss('oss://my-bucket/e/', { rollingMaxFileSize: Size.gibibytes(1024) }),
    });
    const yaml = JSON.stringify(Testing.synth(chart));
    expect(yaml).not.toMatch(/\de[+-]?\d/);
    expect(yaml).toContain('"k8s.aliyun.com/eci-spot-price-limit":"1234567.125"');
    expect(yaml).toContain('"spark.eventLog.rolling.maxFileSize":"1048576m"');
  });

  test('quota and unit caps are bounded as quantities', () => {
    expect(refusal(() => ResourcePolicyUnit.eci({ maxResources: { custom: { 'nvidia.com/gpu': '1e19' } } })))
      .toContain('ResourcePolicyUnit.eci() options.maxResources.custom["nvidia.com/gpu"] must be a non-negative Kubernetes quantity of at most 2^63-1');
    const quota = new Chart(Testing.app(), 'q');
    expect(refusal(() => new ElasticQuotaTree(quota, 'Q', { root: { name: 'root', max: { gpu: 1e19 } } }))).toContain('root.max.gpu');
  });
});

/**
 * Where a number may become text outside the formatter: messages (what `invalid()` and friends
 * say, the `allowed`/`got`/`detail` of a problem), prop paths (`units[${i}]`), and text for people
 * (the plan's report, `toString()` views). Everything else in the construct layers is rendered into
 * a manifest and must go through src/private/number-format.ts.
 */
const SCANNED = ['spark', 'eci', 'resource-policy', 'quota', 'profile', 'private', 'checks'];
const MESSAGE_CALLS = new Set([
  'invalid', 'invalidMessage', 'warnOnce', 'advice', 'SparkEciValidationError', 'Error', 'describePods', 'describeValue', 'problem',
]);
const MESSAGE_PROPERTIES = new Set(['allowed', 'got', 'detail', 'message', 'reason', 'suggestion', 'note', 'text', 'field', 'recommendation']);
/** Whole functions that write text for people, not manifests, and why. */
const TEXT_FOR_PEOPLE: { [fileAndFunction: string]: string } = {
  'private/number-format.ts': 'the formatter itself',
  'private/units.ts#formatNanos': 'quantities in messages and the plan report',
  'private/units.ts#formatPercent': 'shares in messages',
  'private/units.ts#describeSize': 'sizes in messages',
  'private/yaml-depth.ts': 'line numbers in YAML error messages',
  'private/yaml-empty-entries.ts': 'line and column numbers in YAML error messages',
  'private/escape.ts': 'escapes for terminal, Markdown and HTML text: character codes, never a manifest value',
  'private/input-files.ts': 'device and inode numbers that identify an input file; never written anywhere',
  'private/cron.ts': 'schedule error messages',
  'private/units.ts#parseQuantityNanos': 'reads a quantity that YAML parsed as a number',
  'private/k8s-names.ts#isRenderableNumber': 'asks how a number would be written, writes nothing',
  'resource-policy/placement-plan.ts': 'the placement plan view for people; it renders nothing into a manifest',
  'resource-policy/resource-policy-units.ts#checkedPodsProblems': 'checkCapacity() findings phrased for people',
  'checks/job-check.ts': 'findings phrased for people',
};

function scanStrayConversions(): string[] {
  const program = sourceProgram();
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const file of program.getSourceFiles()) {
    const relative = path.relative(path.join(ROOT, 'src'), file.fileName);
    if (relative.startsWith('..') || !SCANNED.includes(relative.split(path.sep)[0])) { continue; }
    if (TEXT_FOR_PEOPLE[relative.split(path.sep).join('/')]) { continue; }
    const isNumber = (e: ts.Expression) => (checker.getTypeAtLocation(e).flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) !== 0; // eslint-disable-line no-bitwise
    const visit = (node: ts.Node): void => {
      let conversion: string | undefined;
      if (ts.isTemplateSpan(node) && isNumber(node.expression) && !isPathIndex(node)) { conversion = `\${${node.expression.getText()}}`; }
      if (ts.isCallExpression(node) && node.arguments.length === 1 && isNumber(node.arguments[0])
        && ((ts.isIdentifier(node.expression) && node.expression.text === 'String')
          || (ts.isPropertyAccessExpression(node.expression) && ['toString', 'toFixed'].includes(node.expression.name.text)))) {
        conversion = node.getText();
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['toString', 'toFixed', 'toPrecision'].includes(node.expression.name.text)
        && isNumber(node.expression.expression)) {
        conversion = node.getText();
      }
      if (conversion && !inMessage(node, relative.split(path.sep).join('/'))) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        found.push(`src/${relative}:${line + 1}: ${conversion}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

/** `[${i}]` in a prop path such as `units[${i}].resource`. */
function isPathIndex(span: ts.TemplateSpan): boolean {
  const index = span.parent.templateSpans.indexOf(span);
  const before = index === 0 ? span.parent.head.text : span.parent.templateSpans[index - 1].literal.text;
  return before.endsWith('[') && span.literal.text.startsWith(']');
}

function inMessage(node: ts.Node, file: string): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    // a message phrase built apart from its call: `must be at most ${max} characters (got ${n})`
    if (ts.isTemplateExpression(n) && /\bmust |\(got /.test(n.getText())) { return true; }
    if ((ts.isCallExpression(n) || ts.isNewExpression(n))) {
      const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : ts.isIdentifier(n.expression) ? n.expression.text : '';
      if (MESSAGE_CALLS.has(callee) || /^describe[A-Z]/.test(callee)) { return true; }
    }
    if (ts.isPropertyAssignment(n) && MESSAGE_PROPERTIES.has(n.name.getText())) { return true; }
    if (ts.isThrowStatement(n)) { return true; }
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name
      && (TEXT_FOR_PEOPLE[`${file}#${n.name.getText()}`] || /^describe[A-Z]/.test(n.name.getText()))) { return true; }
  }
  return false;
}

test('no renderer turns a number into text except through the formatter', () => {
  expect(scanStrayConversions()).toEqual([]);
});
