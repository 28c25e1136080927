import {
  checkAnnotations, checkDns1035Label, checkEnvVarName, checkInt32, checkLabels, checkPortName, checkRenderableNumber,
  isAnnotationKey, isAnnotationsSize, isDns1035Label, isDns1123Label, isDns1123Subdomain, isEnvVarName, isInt32,
  isLabelKey, isLabelValue, isPortName, isQualifiedName, isRenderableNumber, MAX_ANNOTATIONS_BYTES,
} from '../src/private/k8s-names';

type Rule = (value: any) => string | undefined;

/** Each rule with values the API server accepts and values it refuses (and the reason's start). */
const TABLE: Array<[string, Rule, string[], Array<[string, string]>]> = [
  ['IsDNS1123Label', isDns1123Label,
    ['a', '0', 'spark-jobs', 'kube-system', '1st', 'a'.repeat(63)],
    [
      ['', 'must be a DNS-1123 label'],
      ['a'.repeat(64), 'must be a DNS-1123 label: must be at most 63 characters (got 64)'],
      ['Spark', 'must be a DNS-1123 label'],
      ['spark_jobs', 'must be a DNS-1123 label'],
      ['-a', 'must be a DNS-1123 label'],
      ['a-', 'must be a DNS-1123 label'],
      ['a.b', 'must be a DNS-1123 label: must not contain dots'],
      ['a b', 'must be a DNS-1123 label'],
      ['ä', 'must be a DNS-1123 label'],
    ]],
  ['IsDNS1123Subdomain', isDns1123Subdomain,
    ['a', 'spark-pi', 'example.com', 'oss-credentials.v2', '0.0', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`],
    [
      ['', 'must be a DNS-1123 subdomain'],
      ['a'.repeat(254), 'must be a DNS-1123 subdomain: must be at most 253 characters (got 254)'],
      ['a..b', 'must be a DNS-1123 subdomain'],
      ['a.-b', 'must be a DNS-1123 subdomain'],
      ['.a', 'must be a DNS-1123 subdomain'],
      ['a.', 'must be a DNS-1123 subdomain'],
      ['Example.com', 'must be a DNS-1123 subdomain'],
      ['a:b', 'must be a DNS-1123 subdomain'],
    ]],
  ['IsDNS1035Label', isDns1035Label,
    ['a', 'spark-pi', 'a1', 'a'.repeat(63)],
    [
      ['', 'must be a DNS-1035 label'],
      ['a'.repeat(64), 'must be a DNS-1035 label: must be at most 63 characters (got 64)'],
      ['1st-job', 'must be a DNS-1035 label'],
      ['Spark_Pi', 'must be a DNS-1035 label'],
      ['job-', 'must be a DNS-1035 label'],
      ['a.b', 'must be a DNS-1035 label'],
    ]],
  ['IsQualifiedName (label keys)', isLabelKey,
    ['app', 'App.Name_1', 'spark-role', 'sparkoperator.k8s.io/app-name', 'k8s.aliyun.com/eci-use-specs', 'a/' + 'b'.repeat(63), 'x'.repeat(253) + '/a'],
    [
      ['', 'must be a Kubernetes label key: the name part must not be empty'],
      ['a/b/c', 'must be a Kubernetes label key: an optional DNS subdomain prefix and one \'/\''],
      ['a//b', 'must be a Kubernetes label key'],
      ['/a', 'must be a Kubernetes label key: the prefix before \'/\' must not be empty'],
      ['team/', 'must be a Kubernetes label key: the name part must not be empty'],
      ['bad key', 'must be a Kubernetes label key'],
      ['a/b c', 'must be a Kubernetes label key'],
      ['Example.com/a', 'must be a Kubernetes label key: its prefix must be a DNS-1123 subdomain'],
      ['a..b/c', 'must be a Kubernetes label key: its prefix must be a DNS-1123 subdomain'],
      ['-a', 'must be a Kubernetes label key'],
      ['a.', 'must be a Kubernetes label key'],
      ['b'.repeat(64), 'must be a Kubernetes label key: the name part must be at most 63 characters (got 64)'],
      ['x'.repeat(254) + '/a', 'must be a Kubernetes label key: its prefix must be a DNS-1123 subdomain: must be at most 253'],
    ]],
  ['IsQualifiedName (annotation keys, lower-cased first)', isAnnotationKey,
    ['Example.com/Note', 'k8s.aliyun.com/eci-spot-strategy', 'note'],
    [
      ['a/b/c', 'must be a Kubernetes annotation key'],
      ['has space', 'must be a Kubernetes annotation key'],
      ['', 'must be a Kubernetes annotation key'],
    ]],
  ['IsValidLabelValue', isLabelValue,
    ['', 'spark-pi', '3.5.2', 'A_b-c.D', 'x'.repeat(63)],
    [
      ['x'.repeat(64), 'must be a Kubernetes label value: must be at most 63 characters (got 64)'],
      ['amd 64', 'must be a Kubernetes label value'],
      ['line\nbreak', 'must be a Kubernetes label value'],
      ['a\n', 'must be a Kubernetes label value'],
      ['-a', 'must be a Kubernetes label value'],
      ['a/b', 'must be a Kubernetes label value'],
      ['é', 'must be a Kubernetes label value'],
    ]],
  ['IsEnvVarName', isEnvVarName,
    ['SPARK_HOME', 'my.env-name', '_x', '-x', '.x', 'a..b', 'MyEnvName1'],
    [
      ['', 'must be an environment variable name'],
      ['A=B', 'must be an environment variable name'],
      ['1ST', 'must be an environment variable name'],
      ['HAS SPACE', 'must be an environment variable name'],
      ['.', 'must be an environment variable name: not \'.\''],
      ['..', 'must be an environment variable name: not \'.\''],
      ['..x', 'must be an environment variable name: not \'.\''],
    ]],
  ['IsValidPortName', isPortName,
    ['http', 'spark-ui', 'driver-rpc-port', 'a1', '1a', 'x'.repeat(15)],
    [
      ['', 'must be a port name'],
      ['x'.repeat(16), 'must be a port name'],
      ['blockmanager-ui1', 'must be a port name'],
      ['spark--ui', 'must be a port name'],
      ['-ui', 'must be a port name'],
      ['ui-', 'must be a port name'],
      ['8080', 'must be a port name'],
      ['Http', 'must be a port name'],
      ['spark_ui', 'must be a port name'],
    ]],
];

describe.each(TABLE)('%s', (_rule, rule, valid, invalidValues) => {
  test.each(valid.map(v => [v]))('accepts %j', value => {
    expect(rule(value)).toBeUndefined();
  });
  test.each(invalidValues)('refuses %j', (value, reason) => {
    const problem = rule(value);
    expect(problem).toBeDefined();
    expect(problem!.startsWith(reason)).toBe(true);
  });
});

test('isQualifiedName is the label key rule under its apimachinery name', () => {
  expect(isQualifiedName('example.com/MyName')).toBeUndefined();
  expect(isQualifiedName('a/b/c')).toMatch(/^must be a qualified name/);
});

describe('annotation size', () => {
  test('accepts keys and values of exactly 256 KiB together', () => {
    expect(isAnnotationsSize({ a: 'x'.repeat(MAX_ANNOTATIONS_BYTES - 1) })).toBeUndefined();
  });
  test('refuses one byte more, counting UTF-8 bytes as Go does', () => {
    expect(isAnnotationsSize({ a: 'x'.repeat(MAX_ANNOTATIONS_BYTES) })).toMatch(/at most 262144 bytes .*got 262145/);
    expect(isAnnotationsSize({ a: 'é'.repeat(MAX_ANNOTATIONS_BYTES / 2) })).toMatch(/got 262145/);
  });
  test('checkAnnotations refuses the map with the prop named', () => {
    expect(() => checkAnnotations('podAnnotations', { a: 'x'.repeat(MAX_ANNOTATIONS_BYTES) }))
      .toThrow('podAnnotations must be at most 262144 bytes (256 KiB) of keys and values together (got 262145) (got "1 annotations")');
  });
  test('checkAnnotations accepts an upper-case prefix (the API server lower-cases annotation keys)', () => {
    expect(checkAnnotations('a', { 'Example.com/Note': 'x' })).toEqual({ 'Example.com/Note': 'x' });
  });
});

describe('numbers', () => {
  test.each([0, 1, -1, 2147483647, -2147483648])('isInt32 accepts %d', n => expect(isInt32(n)).toBeUndefined());
  test.each([2147483648, -2147483649, 1.5, NaN, Infinity, 1e308])('isInt32 refuses %d', n => {
    expect(isInt32(n)).toBe('must be an integer from -2147483648 to 2147483647');
  });
  test('isInt32 takes a narrower range', () => {
    expect(isInt32(0, 1, 65535)).toBe('must be an integer from 1 to 65535');
  });
  test.each([0, 1, 0.5, 123456789012345680000, 1e-6, -3])('isRenderableNumber accepts %d', n => {
    expect(isRenderableNumber(n)).toBeUndefined();
  });
  test.each([1e21, 1e308, 1e-7, -1e21])('isRenderableNumber refuses %d (exponent form)', n => {
    expect(isRenderableNumber(n)).toMatch(/without an exponent/);
  });
  test.each([NaN, Infinity, -Infinity])('isRenderableNumber refuses %d', n => {
    expect(isRenderableNumber(n)).toBe('must be a finite number');
  });
});

describe('check variants throw the library error with the prop named', () => {
  test.each<[() => unknown, string]>([
    [() => checkDns1035Label('metadata.name', '1st'), 'metadata.name must be a DNS-1035 label: lower-case letters, digits and \'-\', starting with a letter and ending with a letter or digit (got "1st")'],
    [() => checkDns1035Label('metadata.name', 'a'.repeat(44), 43), 'metadata.name must be a DNS-1035 label: must be at most 43 characters (got 44)'],
    [() => checkEnvVarName('env', 'A=B'), 'env must be an environment variable name'],
    [() => checkPortName('ports[0].name', 'blockmanager-ui1'), 'ports[0].name must be a port name'],
    [() => checkInt32('executor.instances', 2 ** 31), 'executor.instances must be an integer from -2147483648 to 2147483647 (got 2147483648)'],
    [() => checkRenderableNumber('x', 1e21), 'x must be a number written without an exponent (between 1e-7 and 1e21) (got 1e+21)'],
    [() => checkLabels('labels', { 'a b': 'c' }), 'labels key must be a Kubernetes label key'],
    [() => checkLabels('labels', { a: 'b\nc' }), 'labels["a"] must be a Kubernetes label value'],
  ])('%#', (fn, message) => {
    expect(fn).toThrow(message);
  });
});
