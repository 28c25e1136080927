import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createCrdValidator, expectValidManifests, operatorCrdDirectory, operatorCrdsAvailable, validateManifest } from './crd-schema';
import { seedAvailable, seedManifest, seedManifests } from './seed';

const withOperator = operatorCrdsAvailable() && seedAvailable() ? test : test.skip;

function sparkApp(): any {
  return seedManifest('ecs-only');
}

describe('operator CRDs', () => {
  withOperator('accepts every seed manifest', () => {
    expectValidManifests(seedManifests().map((s) => s.manifest));
  });

  withOperator('reports an unknown field under spec.driver with its path', () => {
    const app = sparkApp();
    app.spec.driver.foo = 'bar';
    expect(validateManifest(app)).toEqual(['/spec/driver/foo: unknown field (the API server would prune it)']);
    expect(() => expectValidManifests([app])).toThrow(/SparkApplication\/spark-pi-ecs-only:\n {2}\/spec\/driver\/foo: unknown field/);
  });

  withOperator('rejects a string where cores wants an integer', () => {
    const app = sparkApp();
    app.spec.driver.cores = '1';
    expect(validateManifest(app)).toEqual(['/spec/driver/cores: must be integer (got "1")']);
  });

  withOperator('enforces int32 on fields that declare it', () => {
    for (const instances of [2147483648, 1e308]) {
      const app = sparkApp();
      app.spec.executor.instances = instances;
      expect(validateManifest(app)).toEqual([`/spec/executor/instances: must match format "int32" (got ${JSON.stringify(instances)})`]);
    }
    const app = sparkApp();
    app.spec.executor.instances = 2147483647;
    expect(validateManifest(app)).toEqual([]);
  });

  withOperator('checks metadata as the API server and the operator webhook do', () => {
    const app = sparkApp();
    app.metadata = {
      name: 'Spark_Pi',
      namespace: 'a.b',
      labels: { 'a/b/c': 'x', 'ok': 'line\nbreak', 'Example.com/k': 'v' },
      annotations: { 'has space': 'x', 'Example.com/Note': 'fine' },
    };
    expect(validateManifest(app).sort()).toEqual([
      '/metadata/annotations: key must be a Kubernetes annotation key: an optional DNS subdomain prefix and \'/\', then 1-63 letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit (got "has space")',
      '/metadata/labels/ok: must be a Kubernetes label value: empty, or 1-63 letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit (got "line\\nbreak")',
      '/metadata/labels: key must be a Kubernetes label key: an optional DNS subdomain prefix and one \'/\', then 1-63 letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit (got "a/b/c")',
      '/metadata/labels: key must be a Kubernetes label key: its prefix must be a DNS-1123 subdomain: dot-separated DNS-1123 labels (lower-case letters, digits and \'-\', each starting and ending with a letter or digit) (got "Example.com/k")',
      '/metadata/name: must be a DNS-1035 label: lower-case letters, digits and \'-\', starting with a letter and ending with a letter or digit (got "Spark_Pi")',
      '/metadata/namespace: must be a DNS-1123 label: must not contain dots (got "a.b")',
    ]);
  });

  withOperator('refuses a SparkApplication name of 64 characters and annotations over 256 KiB', () => {
    const app = sparkApp();
    app.metadata.name = 'a'.repeat(64);
    app.metadata.annotations = { big: 'x'.repeat(256 * 1024) };
    expect(validateManifest(app)).toEqual([
      '/metadata/name: must be a DNS-1035 label: must be at most 63 characters (got 64)' + ` (got "${'a'.repeat(64)}")`,
      '/metadata/annotations: must be at most 262144 bytes (256 KiB) of keys and values together (got 262147)',
    ]);
  });

  withOperator('treats coreLimit as a string field', () => {
    const app = sparkApp();
    app.spec.driver.coreLimit = 1200;
    expect(validateManifest(app)).toEqual(['/spec/driver/coreLimit: must be string (got 1200)']);
  });

  withOperator('lets anything through driver.template (schemaless in the CRD)', () => {
    const app = sparkApp();
    app.spec.driver.template = { spec: { anything: [{ goes: true }] }, extra: 1 };
    expect(validateManifest(app)).toEqual([]);
  });

  withOperator('checks int-or-string quantities, enums, int32 and required fields', () => {
    const app = sparkApp();
    app.spec.type = 'Go';
    app.spec.executor.instances = 1.5;
    delete app.spec.sparkVersion;
    app.spec.volumes = [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: true } } } } } }];
    expect(validateManifest(app).sort()).toEqual([
      '/spec/executor/instances: must be integer (got 1.5)',
      '/spec/type: must be one of "Java", "Python", "Scala", "R" (got "Go")',
      '/spec/volumes/0/ephemeral/volumeClaimTemplate/spec/resources/requests/storage: must be an integer or a string (got true)',
      '/spec: must have required property \'sparkVersion\'',
    ].sort());
  });

  withOperator('checks metadata: name required, annotation values are strings', () => {
    const app = sparkApp();
    delete app.metadata.name;
    app.metadata.annotations = { 'k8s.aliyun.com/eci-image-cache': true };
    expect(validateManifest(app)).toEqual([
      '/metadata/name: must be a non-empty string (got undefined)',
      '/metadata/annotations/k8s.aliyun.com/eci-image-cache: must be a string (got true)',
    ]);
  });

  withOperator('validates a ScheduledSparkApplication template as a SparkApplication spec', () => {
    const scheduled = {
      apiVersion: 'sparkoperator.k8s.io/v1beta2',
      kind: 'ScheduledSparkApplication',
      metadata: { name: 'nightly', namespace: 'default' },
      spec: { schedule: '@daily', template: sparkApp().spec },
    };
    expect(validateManifest(scheduled)).toEqual([]);
    scheduled.spec.template.driver.foo = 1;
    expect(validateManifest(scheduled)).toEqual(['/spec/template/driver/foo: unknown field (the API server would prune it)']);
  });

  withOperator('reports a version the CRD does not have', () => {
    const app = { ...sparkApp(), apiVersion: 'sparkoperator.k8s.io/v1beta1' };
    expect(validateManifest(app)).toEqual([expect.stringMatching(/^\/apiVersion: sparkoperator.k8s.io\/v1beta1 is not a version of SparkApplication \(known: v1beta2/)]);
  });

  test('exposes the operator CRD directory when present', () => {
    expect(operatorCrdDirectory === undefined).toBe(!operatorCrdsAvailable());
  });
});

describe('kinds without a CRD', () => {
  test('throws for a custom resource kind no known CRD covers', () => {
    expect(() => validateManifest({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }))
      .toThrow(/No known CRD covers Widget \(example.com\/v1\)/);
  });

  test('returns no errors for built-in kinds', () => {
    for (const apiVersion of ['v1', 'apps/v1', 'batch/v1', 'rbac.authorization.k8s.io/v1', 'networking.k8s.io/v1']) {
      expect(validateManifest({ apiVersion, kind: 'Anything', metadata: { name: 'x' }, spec: { foo: 1 } })).toEqual([]);
    }
  });

  test('still checks the metadata of built-in kinds', () => {
    expect(validateManifest({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'spark.driver', namespace: 'spark' } })).toEqual([]);
    expect(validateManifest({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a..b' } }))
      .toEqual([expect.stringMatching(/^\/metadata\/name: must be a DNS-1123 subdomain: .* \(got "a\.\.b"\)$/)]);
    expect(validateManifest({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1st-ui' } }))
      .toEqual([expect.stringMatching(/^\/metadata\/name: must be a DNS-1035 label/)]);
    expect(validateManifest({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'spark.jobs' } }))
      .toEqual(['/metadata/name: must be a DNS-1123 label: must not contain dots (got "spark.jobs")']);
  });
});

describe('when the operator CRD directory is absent', () => {
  test('skips operator kinds with one loud warning and still checks project CRDs', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const validator = createCrdValidator({ operatorCrdDirectory: '/nonexistent' });
      expect(validator.operatorCrdsAvailable()).toBe(false);
      expect(validator.operatorCrdDirectory).toBeUndefined();
      const bad = { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication', metadata: { name: 'x' }, spec: { foo: 1 } };
      expect(validator.validateManifest(bad)).toEqual([]);
      validator.expectValidManifests([bad, bad]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(/^!!! SPARK OPERATOR CRDS NOT FOUND at \/nonexistent .*SKIPPED/);
    } finally {
      warn.mockRestore();
    }
  });

  test('honours SPARK_OPERATOR_CRDS in the module-level exports', () => {
    const saved = process.env.SPARK_OPERATOR_CRDS;
    process.env.SPARK_OPERATOR_CRDS = '/nonexistent';
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fresh = require('./crd-schema');
        expect(fresh.operatorCrdDirectory).toBeUndefined();
        expect(fresh.operatorCrdsAvailable()).toBe(false);
      });
    } finally {
      if (saved === undefined) delete process.env.SPARK_OPERATOR_CRDS;
      else process.env.SPARK_OPERATOR_CRDS = saved;
    }
  });
});

describe('project CRDs from an imports directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crd-schema-'));
    fs.writeFileSync(path.join(dir, 'notes.yaml'), 'just: data\n');
    fs.writeFileSync(path.join(dir, 'gadget.yaml'), [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata: { name: gadgets.example.com }',
      'spec:',
      '  group: example.com',
      '  names: { kind: Gadget, plural: gadgets }',
      '  scope: Cluster',
      '  versions:',
      '  - name: v1',
      '    served: true',
      '    storage: true',
      '    schema:',
      '      openAPIV3Schema:',
      '        type: object',
      '        properties:',
      '          apiVersion: { type: string }',
      '          kind: { type: string }',
      '          metadata: { type: object }',
      '          spec:',
      '            type: object',
      '            required: [size]',
      '            properties:',
      '              size: { x-kubernetes-int-or-string: true }',
      '              count: { type: integer, format: int32 }',
      '              when: { type: string, format: date-time, nullable: true }',
      '              token: { type: string, format: byte }',
      '              bare: { type: object }',
      '              free: { type: object, x-kubernetes-preserve-unknown-fields: true }',
      '',
    ].join('\n'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const gadget = (spec: any, metadata: any = { name: 'g' }) => ({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata, spec });

  test('validates a cluster-scoped kind and its structural-schema extensions', () => {
    const v = createCrdValidator({ importsDirectory: dir });
    expect(v.validateManifest(gadget({ size: '10Gi', count: 3, when: null, token: 'anything', bare: {}, free: { a: { b: 1 } } }))).toEqual([]);
    expect(v.validateManifest(gadget({ size: 10, when: '2024-01-02T03:04:05Z' }))).toEqual([]);
    expect(v.validateManifest(gadget({ size: false, count: 2 ** 31, when: 'yesterday', bare: { x: 1 } }, { name: 'g', namespace: 'default' })).sort()).toEqual([
      '/metadata/namespace: the kind is cluster-scoped; remove the namespace',
      '/spec/bare/x: unknown field (the API server would prune it)',
      '/spec/count: must match format "int32" (got 2147483648)',
      '/spec/size: must be an integer or a string (got false)',
      '/spec/when: must match format "date-time" (got "yesterday")',
    ]);
  });
});
