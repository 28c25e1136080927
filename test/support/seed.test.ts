import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SeedKey, seedAvailable, seedManifest, seedManifests } from './seed';

const withSeed = seedAvailable() ? describe : describe.skip;

withSeed('the seed document', () => {
  test('holds 8 manifests in document order', () => {
    expect(seedManifests().map((s) => [s.index, s.manifest.kind, s.manifest.metadata.name])).toEqual([
      [0, 'SparkApplication', 'spark-pi-ecs-only'],
      [1, 'SparkApplication', 'spark-pi-eci-only'],
      [2, 'SparkApplication', 'spark-pi-ecs-first'],
      [3, 'ResourcePolicy', 'sparkapplication-resource-policy'],
      [4, 'SparkApplication', 'spark-pi'],
      [5, 'SparkApplication', 'spark-pi'],
      [6, 'SparkApplication', 'spark-pi-eci-only'],
      [7, 'SparkApplication', 'spark-pi-eci-only'],
    ]);
  });

  test('names the section each manifest sits in', () => {
    expect(seedManifests().map((s) => s.section)).toEqual([
      '只使用ECS资源',
      '只使用ECI弹性资源',
      '优先使用ECS资源,当ECS资源不足时自动申请ECI资源',
      '自定义弹性资源优先级调度',
      '自定义弹性资源优先级调度',
      '使用ImageCache加速镜像拉取',
      '第二次提交作业(使用镜像缓存)',
      '自动创建和匹配镜像缓存',
    ]);
  });

  test('keeps the YAML types: arguments and sparkVersion are strings', () => {
    for (const { manifest } of seedManifests().filter((s) => s.manifest.kind === 'SparkApplication')) {
      expect(manifest.spec.arguments).toEqual(['5000']);
      expect(manifest.spec.sparkVersion).toBe('3.5.2');
      expect(manifest.spec.driver.cores).toBe(1);
      expect(manifest.spec.driver.coreLimit).toBe('1200m');
    }
  });

  test('reads the ResourcePolicy units, including the last line before the next step', () => {
    const policy = seedManifest('resource-policy');
    expect(policy.spec.units).toEqual([
      { max: 2, resource: 'ecs', nodeSelector: { 'kubernetes.io/arch': 'amd64' } },
      { max: 3, resource: 'eci' },
    ]);
    expect(policy.spec.selector).toEqual({ 'sparkoperator.k8s.io/launched-by-spark-operator': 'true' });
    expect(policy.spec.matchLabelKeys).toEqual(['sparkoperator.k8s.io/submission-id']);
  });

  test('maps every key to its manifest', () => {
    const facts = (key: SeedKey) => {
      const m = seedManifest(key);
      return [m.metadata.name, m.spec.executor?.instances, Object.keys(m.spec.driver?.annotations ?? {})];
    };
    expect(facts('ecs-only')).toEqual(['spark-pi-ecs-only', 2, []]);
    expect(facts('eci-only')).toEqual(['spark-pi-eci-only', 2, []]);
    expect(facts('ecs-first')).toEqual(['spark-pi-ecs-first', 2, []]);
    expect(facts('spark-pi-5-executors')).toEqual(['spark-pi', 5, []]);
    expect(facts('image-cache-baseline')).toEqual(['spark-pi', 2, []]);
    expect(seedManifest('image-cache-explicit-id').spec.executor.annotations)
      .toEqual({ 'k8s.aliyun.com/eci-image-snapshot-id': 'imc-2zeXXXXXXXXXXXXXXXXX' });
    expect(seedManifest('image-cache-auto').spec.executor.annotations).toEqual({ 'k8s.aliyun.com/eci-image-cache': 'true' });
  });

  test('hands out copies', () => {
    seedManifest('ecs-only').spec.driver.cores = 99;
    seedManifests()[0].manifest.spec.driver.cores = 99;
    expect(seedManifest('ecs-only').spec.driver.cores).toBe(1);
  });
});

describe('seed directory handling', () => {
  const saved = process.env.SPARK_ECI_SEED_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.SPARK_ECI_SEED_DIR;
    else process.env.SPARK_ECI_SEED_DIR = saved;
  });

  test('reports an absent seed directory', () => {
    process.env.SPARK_ECI_SEED_DIR = '/nonexistent';
    expect(seedAvailable()).toBe(false);
  });

  test('fails loudly when the document no longer matches the keys', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
    try {
      fs.writeFileSync(path.join(dir, 'doc.txt'), [
        '标题',
        '',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: a  # 注释',
        '  • 下一项',
        '',
        '  1. 步骤。',
        '',
        '    apiVersion: v1',
        '    kind: ConfigMap',
        '    metadata:',
        '',
        '      name: b',
        '  2. 执行以下命令。',
      ].join('\n'));
      process.env.SPARK_ECI_SEED_DIR = dir;
      expect(seedManifests()).toEqual([
        { index: 0, section: '标题', manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } } },
        { index: 1, section: '下一项', manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } } },
      ]);
      expect(() => seedManifest('ecs-only')).toThrow(/has 2 manifests, expected 8/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
