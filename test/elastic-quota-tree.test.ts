import { ApiObject, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { parse } from 'yaml';
import { expectValidManifests } from './support/crd-schema';
import { synth } from './support/synth';
import {
  checkJobAgainstQuota, describeQuotaCheck, describeQuotaTreeProblem, leafOf, quotaNodes, quotaTreeProblems, readElasticQuotaTree,
} from '../src/model/elastic-quota';
import { ElasticQuotaNode, ElasticQuotaTree } from '../src/quota/elastic-quota-tree';

/** A cluster of 48 cores: Spark guaranteed 32 and allowed 48, the rest for the platform team. */
function typicalRoot(): ElasticQuotaNode {
  return {
    name: 'root',
    min: { cpu: Cpu.units(48), memory: Size.gibibytes(192), gpu: 4 },
    max: { cpu: Cpu.units(48), memory: Size.gibibytes(192), gpu: 4 },
    children: [
      {
        name: 'spark',
        namespaces: ['spark-jobs', 'spark-adhoc'],
        min: { cpu: Cpu.units(32), memory: Size.gibibytes(128) },
        max: { cpu: Cpu.units(48), memory: Size.gibibytes(192), gpu: 4, custom: { 'kube-queue/max-jobs': '10' } },
      },
      {
        name: 'platform',
        namespaces: ['platform'],
        min: { cpu: Cpu.millis(8500), memory: Size.mebibytes(40960) },
        max: { cpu: Cpu.units(16), memory: Size.gibibytes(64) },
      },
    ],
  };
}

/** Synthesis error text for a tree, validations included. */
function synthError(root: ElasticQuotaNode): string {
  const chart = Testing.chart();
  new ElasticQuotaTree(chart, 'Quota', { root });
  try {
    synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synthesis did not fail');
}

describe('ElasticQuotaTree', () => {
  test('renders a typical tree in kube-system', () => {
    const chart = Testing.chart();
    new ElasticQuotaTree(chart, 'Quota', { metadata: { name: 'elasticquotatree' }, root: typicalRoot() });
    const manifests = synth(chart);
    expect(manifests).toMatchSnapshot();
    expect(manifests).toEqual([{
      apiVersion: 'scheduling.sigs.k8s.io/v1beta1',
      kind: 'ElasticQuotaTree',
      metadata: { name: 'elasticquotatree', namespace: 'kube-system' },
      spec: {
        root: {
          name: 'root',
          min: { 'cpu': '48', 'memory': '192Gi', 'nvidia.com/gpu': '4' },
          max: { 'cpu': '48', 'memory': '192Gi', 'nvidia.com/gpu': '4' },
          children: [
            {
              name: 'spark',
              namespaces: ['spark-jobs', 'spark-adhoc'],
              min: { cpu: '32', memory: '128Gi' },
              max: { 'cpu': '48', 'memory': '192Gi', 'nvidia.com/gpu': '4', 'kube-queue/max-jobs': '10' },
            },
            {
              name: 'platform',
              namespaces: ['platform'],
              min: { cpu: '8500m', memory: '40Gi' },
              max: { cpu: '16', memory: '64Gi' },
            },
          ],
        },
      },
    }]);
    expectValidManifests(manifests);
  });

  test('renders a leaf-only root without empty lists or maps', () => {
    const chart = Testing.chart();
    new ElasticQuotaTree(chart, 'Quota', { root: { name: 'root', namespaces: ['spark'] } });
    const manifests = synth(chart);
    expect(manifests[0].spec).toEqual({ root: { name: 'root', namespaces: ['spark'] } });
    expect(manifests[0].metadata).toEqual({ name: expect.any(String), namespace: 'kube-system' });
    expectValidManifests(manifests);
  });

  test('accepts a chart in kube-system and refuses any other namespace', () => {
    const inKubeSystem = new Chart(Testing.app(), 'system', { namespace: 'kube-system' });
    new ElasticQuotaTree(inKubeSystem, 'Quota', { root: typicalRoot(), metadata: { namespace: 'kube-system' } });
    expectValidManifests(synth(inKubeSystem));

    const other = new Chart(Testing.app(), 'jobs', { namespace: 'spark-jobs' });
    expect(() => new ElasticQuotaTree(other, 'Quota', { root: typicalRoot() }))
      .toThrow('namespace of chart jobs must be kube-system or left out: the ElasticQuotaTree lives in kube-system; '
        + 'put it in a chart without a namespace (got "spark-jobs")');
    expect(() => new ElasticQuotaTree(Testing.chart(), 'Quota', { root: typicalRoot(), metadata: { namespace: 'default' } }))
      .toThrow('metadata.namespace must be kube-system (or left out): ACK reads the tree only there (got "default")');
  });

  test('is found by ApiObject.of and keeps JSON patches', () => {
    const chart = Testing.chart();
    const tree = new ElasticQuotaTree(chart, 'Quota', { root: { name: 'root', namespaces: ['spark'] } });
    expect(ApiObject.of(tree)).toBe(tree.apiObject);
    expect(ElasticQuotaTree.isElasticQuotaTree(tree)).toBe(true);
    expect(ElasticQuotaTree.isElasticQuotaTree(tree.apiObject)).toBe(false);
    tree.apiObject.addJsonPatch(JsonPatch.add('/spec/root/attributes', { resourceflavors: 'ecs' }));
    expect(synth(chart)[0].spec.root.attributes).toEqual({ resourceflavors: 'ecs' });
  });

  test('addChild appends under the root, checked like the props', () => {
    const chart = Testing.chart();
    const tree = new ElasticQuotaTree(chart, 'Quota', { root: { name: 'root', max: { cpu: Cpu.units(8) } } });
    tree.addChild({ name: 'spark', namespaces: ['spark'], max: { cpu: Cpu.units(4) } });
    tree.addChild({ name: 'ml', namespaces: ['ml'], max: { cpu: Cpu.units(16) } });
    expect(tree.namespaces).toEqual(['spark', 'ml']);
    expect(() => synth(chart)).toThrow('[test/Quota] root.children[1].max.cpu must not exceed its parent\'s max (root: 8) (got "16")');
    expect(() => tree.addChild({ name: 'x', min: { gpu: -1 } })).toThrow('root.children[2].min.gpu must be an integer >= 0 (got -1)');
  });

  test('writes the node schema out to MAX_DEPTH levels and refuses deeper trees', () => {
    const chain = (levels: number): ElasticQuotaNode => (levels === 0
      ? { name: 'leaf', namespaces: ['spark'] }
      : { name: `level-${levels}`, children: [chain(levels - 1)] });
    const chart = Testing.chart();
    new ElasticQuotaTree(chart, 'Quota', { root: chain(ElasticQuotaTree.MAX_DEPTH) });
    const manifests = synth(chart);
    expectValidManifests(manifests);
    expect(quotaNodes(readElasticQuotaTree(manifests[0]))).toHaveLength(6);

    const path = 'root' + '.children[0]'.repeat(ElasticQuotaTree.MAX_DEPTH);
    expect(() => new ElasticQuotaTree(Testing.chart(), 'Quota', { root: chain(ElasticQuotaTree.MAX_DEPTH + 1) }))
      .toThrow(`${path}.children must be left out: nodes may be at most 5 levels below the root (the library's CRD schema stops there) (got ["leaf"])`);
  });

  describe('refuses amounts Kubernetes cannot take', () => {
    const refused: Array<[string, ElasticQuotaNode, string]> = [
      ['a CPU finer than 1m', { name: 'root', min: { cpu: Cpu.units(0.0005) } },
        'root.min.cpu must be a positive CPU quantity in whole millicores, e.g. Cpu.millis(500) or Cpu.units(2) (got "0.0005")'],
      ['a fraction of a KiB', { name: 'root', max: { memory: Size.kibibytes(1.5) } },
        'root.max.memory must be a whole, non-negative number of KiB (got "1.5 KiB")'],
      ['a fraction of a GPU', { name: 'root', children: [{ name: 'a', max: { gpu: 0.5 } }] },
        'root.children[0].max.gpu must be an integer >= 0 (got 0.5)'],
      ['cpu as a custom resource', { name: 'root', min: { custom: { cpu: '2' } } },
        'root.min.custom["cpu"] must not be cpu, memory or nvidia.com/gpu: use the cpu, memory and gpu props (got "cpu")'],
      ['a custom resource name with a space', { name: 'root', min: { custom: { 'max jobs': '2' } } },
        'root.min.custom["max jobs"] must be named as a Kubernetes resource, e.g. "kube-queue/max-jobs" (got "max jobs")'],
      ['a custom amount that is not a quantity', { name: 'root', max: { custom: { 'kube-queue/max-jobs': 'ten' } } },
        'root.max.custom["kube-queue/max-jobs"] must be a non-negative Kubernetes quantity of at most 2^63-1 (9223372036854775807) such as `2`, `500m` or `40Gi` (got "ten")'],
    ];
    test.each(refused)('%s', (_, root, message) => {
      expect(() => new ElasticQuotaTree(Testing.chart(), 'Quota', { root })).toThrow(message);
    });
  });

  describe('fails synthesis for each documented rule, naming the node', () => {
    test('node names are non-empty', () => {
      expect(synthError({ name: 'root', children: [{ name: '', namespaces: ['a'] }] }))
        .toContain('[test/Quota] root.children[0].name must be a non-empty name (got "")');
    });

    test('node names are unique', () => {
      expect(synthError({ name: 'root', children: [{ name: 'team', namespaces: ['a'] }, { name: 'team', namespaces: ['b'] }] }))
        .toContain('root.children[1].name must be unique in the tree: root.children[0] has it too (got "team")');
    });

    test('namespaces are on leaves only', () => {
      expect(synthError({ name: 'root', namespaces: ['spark'], children: [{ name: 'a', namespaces: ['a'] }] }))
        .toContain('root.namespaces must be left out: only a leaf (a node without children) takes namespaces (got ["spark"])');
    });

    test('a namespace is in one leaf only', () => {
      expect(synthError({ name: 'root', children: [{ name: 'a', namespaces: ['spark'] }, { name: 'b', namespaces: ['x', 'spark'] }] }))
        .toContain('root.children[1].namespaces[1] must be in one leaf only: root.children[0] has it too (got "spark")');
    });

    test('namespaces are DNS-1123 labels', () => {
      expect(synthError({ name: 'root', namespaces: ['Spark_Jobs'] }))
        .toContain('root.namespaces[0] must be a namespace name (a DNS-1123 label of at most 63 characters) (got "Spark_Jobs")');
    });

    test('min <= max per resource', () => {
      expect(synthError({ name: 'root', min: { cpu: Cpu.millis(8001), gpu: 2 }, max: { cpu: Cpu.units(8), gpu: 2 } }))
        .toContain('root.min.cpu must not exceed max (8) (got "8001m")');
      expect(synthError({ name: 'root', min: { custom: { 'example.com/fpga': '3' } }, max: { custom: { 'example.com/fpga': '2' } } }))
        .toContain('root.min.custom["example.com/fpga"] must not exceed max (2) (got "3")');
    });

    test('children\'s min adds up within the parent\'s min', () => {
      const root = typicalRoot();
      const message = synthError({ ...root, min: { ...root.min, memory: Size.gibibytes(160) } });
      expect(message).toContain('root.min.memory must be at least its children\'s min added up '
        + '(168Gi = root.children[0] 128Gi + root.children[1] 40Gi) (got "160Gi")');
      expect(message.split('\n')).toHaveLength(2); // only this rule
    });

    test('a child\'s max is within its parent\'s max', () => {
      expect(synthError({ name: 'root', max: { gpu: 2 }, children: [{ name: 'a', namespaces: ['a'], max: { gpu: 3 } }] }))
        .toContain('root.children[0].max.gpu must not exceed its parent\'s max (root: 2) (got "3")');
    });

    test('one ElasticQuotaTree per app', () => {
      const app = Testing.app();
      const a = new Chart(app, 'a');
      const b = new Chart(app, 'b');
      new ElasticQuotaTree(a, 'Quota', { root: { name: 'root', namespaces: ['x'] } });
      new ElasticQuotaTree(b, 'Quota', { root: { name: 'root', namespaces: ['y'] } });
      expect(() => synth(a)).toThrow('[a/Quota] ElasticQuotaTree must be the only one in the app: ACK reads one tree per cluster, '
        + 'in kube-system; merge a/Quota and b/Quota into one (got 2)');
    });
  });
});

/** ACK's documented example ("ElasticQuotaTree" doc, help.aliyun.com), as published. */
const ACK_EXAMPLE = `
apiVersion: scheduling.sigs.k8s.io/v1beta1
kind: ElasticQuotaTree
metadata:
  name: elasticquotatree
  namespace: kube-system
spec:
  root:
    children:
    - attributes:
        resourceflavors: "resourceflavor-sample1, resourceflavor-sample2"
      max:
        cpu: 1
        kube-queue/max-jobs: 1
        memory: 1Gi
      name: child-1
      namespaces:
      - default-group
    max:
      cpu: 999900
      kube-queue/max-jobs: 10000000000
      memory: 400000Gi
      nvidia.com/gpu: 100000
    min:
      cpu: 999900
      kube-queue/max-jobs: 10000000000
      memory: 400000Gi
      nvidia.com/gpu: 100000
    name: root
`;

/** A hand-written tree: quantities as numbers and strings, two levels. */
const HAND_WRITTEN = `
apiVersion: scheduling.sigs.k8s.io/v1beta1
kind: ElasticQuotaTree
metadata: { name: quota, namespace: kube-system }
spec:
  root:
    name: root
    min: { cpu: 40, memory: 160Gi }
    max: { cpu: 40, memory: 160Gi, nvidia.com/gpu: 2 }
    children:
      - name: data
        min: { cpu: "24", memory: 96Gi }
        max: { cpu: 32, memory: "128Gi" }
        children:
          - name: spark
            namespaces: [spark-jobs]
            min: { cpu: 16.5, memory: 64Gi }
            max: { cpu: 36000m, memory: 131072Mi }
      - name: web
        namespaces: [web]
        min: { cpu: 0.5 }
`;

describe('readElasticQuotaTree', () => {
  test('reads ACK\'s documented example, which keeps every rule', () => {
    const tree = readElasticQuotaTree(parse(ACK_EXAMPLE));
    expect(tree.name).toBe('elasticquotatree');
    expect(tree.namespace).toBe('kube-system');
    expect(tree.root.min).toEqual({ 'cpu': 999900000, 'kube-queue/max-jobs': 10000000000, 'memory': 400000 * 2 ** 30, 'nvidia.com/gpu': 100000 });
    const child = tree.root.children[0];
    expect(child).toMatchObject({ name: 'child-1', path: 'root.children[0]', namespaces: ['default-group'], min: {} });
    expect(child.max).toEqual({ 'cpu': 1000, 'kube-queue/max-jobs': 1, 'memory': 2 ** 30 });
    expect(quotaTreeProblems(tree)).toEqual([]);
  });

  test('reads numbers and strings to millicores, bytes and plain numbers', () => {
    const tree = readElasticQuotaTree(parse(HAND_WRITTEN));
    const [data, web] = tree.root.children;
    expect(data.min).toEqual({ cpu: 24000, memory: 96 * 2 ** 30 });
    expect(data.children[0].min).toEqual({ cpu: 16500, memory: 64 * 2 ** 30 });
    expect(data.children[0].max).toEqual({ cpu: 36000, memory: 128 * 2 ** 30 });
    expect(web.min).toEqual({ cpu: 500 });
    expect(quotaNodes(tree).map(n => n.path)).toEqual(['root', 'root.children[0]', 'root.children[0].children[0]', 'root.children[1]']);
  });

  test('finds the rules a hand-written tree breaks, in the manifest\'s field names', () => {
    const problems = quotaTreeProblems(readElasticQuotaTree(parse(HAND_WRITTEN)));
    expect(problems.map(describeQuotaTreeProblem)).toEqual([
      'spec.root.children[0].children[0].max.cpu must not exceed its parent\'s max (root.children[0]: 32) (got "36000m")',
    ]);
    expect(problems[0]).toEqual({
      node: 'root.children[0].children[0]',
      field: 'max',
      resource: 'cpu',
      got: '36000m',
      allowed: 'must not exceed its parent\'s max (root.children[0]: 32)',
    });
  });

  test('refuses what is not an ElasticQuotaTree or not a quantity', () => {
    expect(() => readElasticQuotaTree({ kind: 'ElasticQuota' })).toThrow('kind must be ElasticQuotaTree (got "ElasticQuota")');
    expect(() => readElasticQuotaTree({ kind: 'ElasticQuotaTree', spec: {} })).toThrow('spec.root must be a quota node object (got undefined)');
    expect(() => readElasticQuotaTree(parse(HAND_WRITTEN.replace('cpu: 0.5', 'cpu: lots'))))
      .toThrow('spec.root.children[1].min.cpu must be a non-negative Kubernetes quantity such as 2, "500m" or "40Gi" (got "lots")');
    expect(() => readElasticQuotaTree(parse(HAND_WRITTEN.replace('cpu: 0.5', 'cpu: -1'))))
      .toThrow('spec.root.children[1].min.cpu must be a non-negative');
    expect(() => readElasticQuotaTree(parse(HAND_WRITTEN.replace('[web]', 'web'))))
      .toThrow('spec.root.children[1].namespaces must be a list of namespace names (got "web")');
  });
});

describe('leafOf and checkJobAgainstQuota', () => {
  const tree = readElasticQuotaTree(parse(HAND_WRITTEN));

  test('finds the leaf of a namespace with its ancestors, root first', () => {
    const path = leafOf(tree, 'spark-jobs')!;
    expect(path.leaf.name).toBe('spark');
    expect(path.ancestors.map(n => n.name)).toEqual(['root', 'data']);
    expect(leafOf(tree, 'web')!.ancestors.map(n => n.name)).toEqual(['root']);
    expect(leafOf(tree, 'elsewhere')).toBeUndefined();
  });

  test('a job within min fits', () => {
    const check = checkJobAgainstQuota(leafOf(tree, 'spark-jobs')!, { cpuMillis: 8000, memoryMebibytes: 32768, gpus: 0 });
    expect(check).toMatchObject({ leaf: 'root.children[0].children[0]', exceedsMin: false, exceedsMax: false });
    expect(check.resources[0]).toEqual({
      resource: 'cpu',
      unit: 'millicores',
      requested: 8000,
      min: 16500,
      max: 32000,
      maxFrom: 'root.children[0]',
      headroomToMin: 8500,
      headroomToMax: 24000,
      exceedsMin: false,
      exceedsMax: false,
    });
    expect(check.resources[1]).toMatchObject({ resource: 'memory', unit: 'MiB', min: 65536, max: 131072, maxFrom: 'root.children[0].children[0]' });
    expect(check.resources[2]).toMatchObject({ resource: 'nvidia.com/gpu', min: 0, max: 2, maxFrom: 'root', exceedsMin: false });
    expect(describeQuotaCheck(check)).toBe('fits within min of root.children[0].children[0]');
  });

  test('a job above min runs partly on borrowed quota', () => {
    const check = checkJobAgainstQuota(leafOf(tree, 'spark-jobs')!, { cpuMillis: 20000, memoryMebibytes: 32768, gpus: 0 });
    expect(check).toMatchObject({ exceedsMin: true, exceedsMax: false });
    expect(describeQuotaCheck(check)).toBe('exceeds min of root.children[0].children[0], runs partly on borrowed quota that '
      + 'preemption may reclaim: cpu 20000 millicores > min 16500');
  });

  test('a job above the tightest max never fully starts', () => {
    const check = checkJobAgainstQuota(leafOf(tree, 'spark-jobs')!, { cpuMillis: 34000, memoryMebibytes: 32768, gpus: 3 });
    expect(check).toMatchObject({ exceedsMin: true, exceedsMax: true });
    expect(check.resources[0]).toMatchObject({ max: 32000, maxFrom: 'root.children[0]', headroomToMax: -2000 });
    expect(describeQuotaCheck(check)).toBe('exceeds max, never fully starts: cpu 34000 millicores > max 32000 (root.children[0]), '
      + 'nvidia.com/gpu 3 count > max 2 (root)');
  });

  test('a leaf without min guarantees nothing, and the root\'s max still bounds it', () => {
    const check = checkJobAgainstQuota(leafOf(readElasticQuotaTree(parse(ACK_EXAMPLE)), 'default-group')!,
      { cpuMillis: 100, memoryMebibytes: 10, gpus: 0 });
    expect(check.resources[0]).toMatchObject({ min: 0, max: 1000, headroomToMin: -100, exceedsMin: true, exceedsMax: false });
    expect(check.resources[2]).toMatchObject({ max: 100000, maxFrom: 'root' });
  });
});
