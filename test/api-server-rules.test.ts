import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { operatorCrdDirectory } from './support/crd-schema';
import { ENUMS, INT32_FIELDS, INT64_FIELDS, manifestProblems, tolerationProblems } from '../src/model/rules/api-server';

/** Every CRD the library writes objects of: the operator's and the project's own. */
function crds(): any[] {
  const files = fs.readdirSync(path.join(__dirname, '../imports')).filter(f => /\.ya?ml$/.test(f)).map(f => path.join(__dirname, '../imports', f));
  if (operatorCrdDirectory) {
    files.push(...['sparkoperator.k8s.io_sparkapplications.yaml', 'sparkoperator.k8s.io_scheduledsparkapplications.yaml'].map(f => path.join(operatorCrdDirectory!, f)));
  }
  return files.flatMap(f => parseAllDocuments(fs.readFileSync(f, 'utf8')).map(d => d.toJS())).filter(d => d?.kind === 'CustomResourceDefinition');
}

/** Each property name with an integer format, and the enums of the application and policy specs, as the CRDs declare them. */
function crdFacts(): { formats: Map<string, Set<string>>; enums: Map<string, string[]> } {
  const formats = new Map<string, Set<string>>();
  const enums = new Map<string, string[]>();
  const walk = (s: any, key: string, p: string, kind: string) => {
    if (!s || typeof s !== 'object') { return; }
    if (key && (s.format === 'int32' || s.format === 'int64')) {
      if (!formats.has(key)) { formats.set(key, new Set()); }
      formats.get(key)!.add(s.format);
    }
    if (s.enum && !p.includes('template') && !p.includes('status')) { enums.set(`${kind} ${p}`, s.enum); }
    for (const [k, c] of Object.entries(s.properties ?? {})) { walk(c, k, p ? `${p}.${k}` : k, kind); }
    if (typeof s.items === 'object') { walk(s.items, key, `${p}[]`, kind); }
  };
  for (const crd of crds()) {
    for (const version of crd.spec.versions) { walk(version.schema.openAPIV3Schema, '', '', crd.spec.names.kind); }
  }
  return { formats, enums };
}

describe('the API server rules', () => {
  const facts = crdFacts();

  test('INT32_FIELDS and INT64_FIELDS are the CRDs\' int32 and int64 properties, and no name has both formats', () => {
    const int32 = [...facts.formats].filter(([, f]) => f.has('int32')).map(([k]) => k).sort();
    const int64 = [...facts.formats].filter(([, f]) => f.has('int64')).map(([k]) => k).sort();
    expect(int32.filter(k => int64.includes(k))).toEqual([]);
    if (operatorCrdDirectory) {
      expect([...INT32_FIELDS].sort()).toEqual(int32);
      expect([...INT64_FIELDS].sort()).toEqual(int64);
    }
  });

  test('ENUMS are the CRDs\' enums of the SparkApplication and ResourcePolicy specs', () => {
    for (const [where, values] of Object.entries(ENUMS)) {
      if (where.startsWith('SparkApplication') && !operatorCrdDirectory) { continue; }
      expect([where, facts.enums.get(where)]).toEqual([where, values]);
    }
  });

  test('refuses a value outside every enum of ENUMS at its path, naming the field', () => {
    const apiVersions: { [kind: string]: string } = { SparkApplication: 'sparkoperator.k8s.io/v1beta2', ResourcePolicy: 'scheduling.alibabacloud.com/v1alpha1' };
    for (const [where, values] of Object.entries(ENUMS)) {
      const [kind, enumPath] = where.split(' ');
      // spec.units[].resource -> { spec: { units: [{ resource: 'not-a-value' }] } }, field spec.units[0].resource
      const segments = enumPath.split('.');
      let value: unknown = 'not-a-value';
      for (const segment of [...segments].reverse()) {
        value = segment.endsWith('[]') ? { [segment.slice(0, -2)]: [value] } : { [segment]: value };
      }
      const manifest = { apiVersion: apiVersions[kind], kind, metadata: { name: 'x' }, ...(value as object) };
      const field = enumPath.replace(/\[\]/g, '[0]');
      expect([where, manifestProblems(manifest).filter(p => p.field === field).map(p => p.allowed)])
        .toEqual([where, [`must be one of ${values.join(', ')}`]]);
    }
  });

  test.each([
    ['an int32 overflow', { spec: { executor: { instances: 2 ** 31 } } }, 'spec.executor.instances', 'must be an integer from -2147483648 to 2147483647 (int32)'],
    ['1e308', { spec: { executor: { instances: 1e308 } } }, 'spec.executor.instances', 'must be a number written without an exponent'],
    ['NaN', { spec: { timeToLiveSeconds: NaN } }, 'spec.timeToLiveSeconds', 'must be a finite number'],
    ['an int64 past 2^53', { spec: { timeToLiveSeconds: 2 ** 60 } }, 'spec.timeToLiveSeconds', 'from -9007199254740991 to 9007199254740991'],
    ['a port 0', { spec: { driver: { ports: [{ name: 'http', containerPort: 0 }] } } }, 'spec.driver.ports[0].containerPort', 'must be an integer from 1 to 65535 (a port)'],
    ['a port name with no letter', { spec: { driver: { ports: [{ name: '4', containerPort: 80 }] } } }, 'spec.driver.ports[0].name', 'must be a port name'],
    ['an env var name with =', { spec: { driver: { env: [{ name: 'A=B', value: 'x' }] } } }, 'spec.driver.env[0].name', 'must be an environment variable name'],
    ['a volume name with _', { spec: { volumes: [{ name: 'a_b', emptyDir: {} }] } }, 'spec.volumes[0].name', 'must be a DNS-1123 label'],
    ['a label value with a newline', { spec: { driver: { labels: { a: 'x\ny' } } } }, 'spec.driver.labels["a"]', 'must be a Kubernetes label value'],
    ['a label key with two slashes', { spec: { nodeSelector: { 'a/b/c': 'x' } } }, 'spec.nodeSelector key', 'must be a Kubernetes label key'],
    ['an annotation key with a space', { spec: { driver: { annotations: { 'a b': 'x' } } } }, 'spec.driver.annotations key', 'must be a Kubernetes annotation key'],
    ['an empty image', { spec: { image: '' } }, 'spec.image', 'must not be empty'],
    ['an image with a space', { spec: { driver: { sidecars: [{ name: 'side', image: 'a b' }] } } }, 'spec.driver.sidecars[0].image', 'must not contain whitespace'],
    ['a service account with a space', { spec: { driver: { serviceAccount: 'a b' } } }, 'spec.driver.serviceAccount', 'must be a DNS-1123 subdomain'],
    ['a number in sparkConf', { spec: { sparkConf: { a: 4 } } }, 'spec.sparkConf["a"]', 'must be a string'],
    ['null in arguments', { spec: { arguments: [null] } }, 'spec.arguments[0]', 'must be a string'],
    ['null anywhere', { spec: { driver: { javaOptions: null } } }, 'spec.driver.javaOptions', 'must not be null'],
    ['an unknown mode', { spec: { mode: 'local' } }, 'spec.mode', 'must be one of cluster, client'],
    ['an unknown pull policy', { spec: { imagePullPolicy: 'Sometimes' } }, 'spec.imagePullPolicy', 'must be one of Always, IfNotPresent, Never'],
    ['a 64-character namespace', { metadata: { name: 'a', namespace: 'n'.repeat(64) } }, 'metadata.namespace', 'must be at most 63 characters'],
  ])('refuses %s', (_what, object, field, allowed) => {
    const manifest = { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication', metadata: { name: 'job' }, ...object };
    expect(manifestProblems(manifest)).toEqual([expect.objectContaining({ field, allowed: expect.stringContaining(allowed) })]);
  });

  test('reads a ScheduledSparkApplication\'s template as an application spec', () => {
    const manifest = { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'ScheduledSparkApplication', metadata: { name: 'job' }, spec: { concurrencyPolicy: 'Often', template: { mode: 'local' } } };
    expect(manifestProblems(manifest).map(p => p.field)).toEqual(['spec.concurrencyPolicy', 'spec.template.mode']);
  });

  test('a cluster-scoped ImageCache with a namespace, and a pod template container without an image, as they are', () => {
    expect(manifestProblems({ kind: 'ImageCache', metadata: { name: 'c', namespace: 'x' }, spec: { images: ['a'] } }))
      .toEqual([{ field: 'metadata.namespace', allowed: 'must be left out: ImageCache is cluster-scoped', got: 'x' }]);
    expect(manifestProblems({ kind: 'SparkApplication', metadata: { name: 'j' }, spec: { driver: { template: { spec: { containers: [{ name: 'spark-kubernetes-driver' }] } } } } })).toEqual([]);
  });
});

/**
 * Tolerations as the API server validates a pod's: the cases of kubernetes/kubernetes
 * pkg/apis/core/validation/validation_test.go (TestValidateTolerations), with their fields.
 */
describe('tolerationProblems', () => {
  test.each([
    [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
    [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }],
    [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    [{ operator: 'Exists' }],
    [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 20 }],
    [{ key: 'virtual-kubelet.io/provider', operator: 'Equal', value: 'alibabacloud', effect: 'NoSchedule' }],
  ])('accepts %j', toleration => {
    expect(tolerationProblems(toleration, 't')).toEqual([]);
  });

  test.each([
    ['invalid toleration key', { key: 'nospecialchars^=@', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, 't.key'],
    ['invalid toleration operator', { key: 'foo', operator: 'In', value: 'bar', effect: 'NoSchedule' }, 't.operator'],
    ['value must be empty when `operator` is \'Exists\'', { key: 'foo', operator: 'Exists', value: 'bar', effect: 'NoSchedule' }, 't.value'],
    ['operator must be \'Exists\' when `key` is empty', { operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, 't.operator'],
    ['effect must be \'NoExecute\' when `TolerationSeconds` is set', { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 20 }, 't.effect'],
    ['invalid value for Equal', { key: 'foo', operator: 'Equal', value: 'a b' }, 't.value'],
    ['invalid effect', { key: 'foo', operator: 'Exists', effect: 'NoAdmit' }, 't.effect'],
  ])('refuses %s, at %s', (_name, toleration, field) => {
    expect(tolerationProblems(toleration, 't').map(p => p.field)).toEqual([field]);
  });
});
