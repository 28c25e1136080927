import { EciFit, EciFitOptions, EciInstanceSize } from '../src/model/eci-instance-size';
import { SparkApplicationType } from '../src/model/spark-application-type';
import { SparkPodResources, SparkPodSizing, SparkRoleSizing } from '../src/model/spark-pod-resources';

const size = (spec: string) => EciInstanceSize.parse(spec);
const fit = (sizing: SparkRoleSizing, options?: EciFitOptions) => EciFit.forPod(SparkPodSizing.compute(sizing), options);

const SEED_EXECUTOR: SparkRoleSizing = { cores: 2, memoryMebibytes: 4096 };
const SEED_DRIVER: SparkRoleSizing = { cores: 1, coreLimit: '1200m', memoryMebibytes: 512 };

describe('EciInstanceSize', () => {
  test('lists every size all regions offer, by vCPU, then memory', () => {
    expect(EciInstanceSize.all().map(s => s.toString())).toEqual([
      '0.25-0.5Gi', '0.25-1Gi',
      '0.5-1Gi', '0.5-2Gi',
      '1-2Gi', '1-4Gi', '1-8Gi',
      '2-1Gi', '2-2Gi', '2-4Gi', '2-8Gi', '2-16Gi',
      '4-2Gi', '4-4Gi', '4-8Gi', '4-16Gi', '4-32Gi',
      '8-4Gi', '8-8Gi', '8-16Gi', '8-32Gi', '8-64Gi',
      '12-12Gi', '12-24Gi', '12-48Gi', '12-96Gi',
      '16-16Gi', '16-32Gi', '16-64Gi', '16-128Gi',
      '24-24Gi', '24-48Gi', '24-96Gi', '24-192Gi',
      '32-32Gi', '32-64Gi', '32-128Gi', '32-256Gi',
      '52-96Gi', '52-192Gi', '52-384Gi',
      '64-128Gi', '64-256Gi', '64-512Gi',
    ]);
  });

  test('lists the spot sizes: ECI "Create a preemptible elastic container instance" ("2: 2, 4, 8, and 16" GiB, "4: 4, 8, 16, and 32", ...)', () => {
    expect(EciInstanceSize.allSpot().map(s => s.toString())).toEqual([
      '2-2Gi', '2-4Gi', '2-8Gi', '2-16Gi',
      '4-4Gi', '4-8Gi', '4-16Gi', '4-32Gi',
      '8-8Gi', '8-16Gi', '8-32Gi', '8-64Gi',
      '12-12Gi', '12-24Gi', '12-48Gi', '12-96Gi',
      '16-16Gi', '16-32Gi', '16-64Gi', '16-128Gi',
      '24-24Gi', '24-48Gi', '24-96Gi', '24-192Gi',
      '32-32Gi', '32-64Gi', '32-128Gi', '32-256Gi',
      '52-96Gi', '52-192Gi', '52-384Gi',
      '64-128Gi', '64-256Gi', '64-512Gi',
    ]);
    expect(EciInstanceSize.allSpot().every(s => s.inEveryRegion)).toBe(true);
  });

  test('all() returns a copy', () => {
    const sizes = EciInstanceSize.all();
    sizes.pop();
    expect(EciInstanceSize.all()).toHaveLength(44);
  });

  test('of() returns the table\'s size with its units', () => {
    const s = EciInstanceSize.of(2, 4);
    expect(s).toBe(EciInstanceSize.DEFAULT);
    expect(s).toMatchObject({ vcpu: 2, memoryGibibytes: 4, cpuMillis: 2000, memoryMebibytes: 4096, inEveryRegion: true });
    expect(EciInstanceSize.of(0.25, 0.5)).toMatchObject({ cpuMillis: 250, memoryMebibytes: 512 });
    expect(`${EciInstanceSize.of(0.5, 1)}`).toBe('0.5-1Gi');
  });

  test.each<[number, number, string]>([
    [3, 4, 'EciInstanceSize vcpu must be one of 0.25, 0.5, 1, 2, 4, 8, 12, 16, 24, 32, 52, 64 (use EciInstanceSize.custom() for a size one region offers) (got 3)'],
    [8, 14, 'EciInstanceSize memoryGibibytes must be one of 4, 8, 16, 32, 64 for 8 vCPU (use EciInstanceSize.custom() for a size one region offers) (got 14)'],
    [1, 1, 'EciInstanceSize memoryGibibytes must be one of 2, 4, 8 for 1 vCPU'],
  ])('of(%d, %d) is refused', (vcpu, gib, message) => {
    expect(() => EciInstanceSize.of(vcpu, gib)).toThrow(message);
  });

  test('custom() describes a size one region offers', () => {
    const s = EciInstanceSize.custom(8, 14);
    expect(s.toString()).toBe('8-14Gi');
    expect(s.inEveryRegion).toBe(false);
    expect(EciInstanceSize.custom(2, 4)).toBe(EciInstanceSize.of(2, 4));
  });

  test.each<[number, number, string]>([
    [0.3, 1, 'EciInstanceSize vcpu must be 0.25, 0.5 or a whole number >= 1 (got 0.3)'],
    [0, 1, 'EciInstanceSize vcpu must be 0.25, 0.5 or a whole number >= 1 (got 0)'],
    [2, 0.3, 'EciInstanceSize memoryGibibytes must be a positive whole or half number of GiB (got 0.3)'],
    [2, -4, 'EciInstanceSize memoryGibibytes must be a positive whole or half number of GiB (got -4)'],
  ])('custom(%d, %d) is refused', (vcpu, gib, message) => {
    expect(() => EciInstanceSize.custom(vcpu, gib)).toThrow(message);
  });

  test.each<[string, string, boolean]>([
    ['2-4Gi', '2-4Gi', true],
    ['0.25-0.5Gi', '0.25-0.5Gi', true],
    ['8-14Gi', '8-14Gi', false],
  ])('parse(%s)', (spec, written, everywhere) => {
    const s = EciInstanceSize.parse(spec);
    expect(s.toString()).toBe(written);
    expect(s.inEveryRegion).toBe(everywhere);
  });

  test.each(['ecs.c6.xlarge', '2-4G', '2-4', '2c4g', ''])('parse(%j) is refused', spec => {
    expect(() => EciInstanceSize.parse(spec)).toThrow(`EciInstanceSize.parse() spec must be an ECI size written "<vcpu>-<memory>Gi", e.g. "2-4Gi" (got ${JSON.stringify(spec)})`);
  });
});

describe('EciFit.forPod() rounds a pod up to the size ECI bills', () => {
  test.each<[string, SparkRoleSizing, EciFitOptions | undefined, string]>([
    ['the seed executor: 2 vCPU, 4505 MiB', SEED_EXECUTOR, undefined, '2-8Gi'],
    ['the seed driver: limit 1.2 vCPU, 896 MiB', SEED_DRIVER, undefined, '2-1Gi'],
    ['Spark defaults: 1 core, 1408 MiB', {}, undefined, '1-2Gi'],
    ['an executor that fits exactly', { cores: 2, memoryMebibytes: 3712 }, undefined, '2-4Gi'],
    ['a quarter core, 512 MiB', { coreRequest: '250m', memoryMebibytes: 128 }, undefined, '0.25-0.5Gi'],
    ['300m rounds up to half a core', { coreRequest: '300m', memoryMebibytes: 128 }, undefined, '0.5-1Gi'],
    ['memory above 1 vCPU\'s largest size moves to 2 vCPU', { memoryMebibytes: 8192 }, undefined, '2-16Gi'],
    ['7 cores round up to 8', { cores: 7, memoryMebibytes: 12288 }, undefined, '8-16Gi'],
    ['the CPU limit, not the request, sizes the pod', { coreRequest: '500m', coreLimit: '3', memoryMebibytes: 512 }, undefined, '4-2Gi'],
    ['memoryLimit, not the request, sizes the pod', { cores: 2, memoryMebibytes: 2048, memoryLimitMebibytes: 6000 }, undefined, '2-8Gi'],
    ['Python overhead', { type: SparkApplicationType.PYTHON, cores: 2, memoryMebibytes: 4096 }, undefined, '2-8Gi'],
    ['the largest size', { cores: 64, memoryMebibytes: 409600 }, undefined, '64-512Gi'],
    ['spot needs 2 vCPU', {}, { spot: true }, '2-2Gi'],
    // ECI "Create a preemptible elastic container instance": 2 vCPU spot sizes are 2, 4, 8 and 16 GiB (DOMAIN.md §4).
    ['spot rounds the seed driver (2 vCPU limit, 896 MiB) up to the spot table', SEED_DRIVER, { spot: true }, '2-2Gi'],
    ['spot: 4 vCPU / 3 GiB is created as 4-4Gi (4: 4, 8, 16, 32)', { cores: 4, memoryMebibytes: 2000 }, { spot: true }, '4-4Gi'],
    ['spot rounds a spec up to the spot table', SEED_DRIVER, { specs: [size('2-1Gi')], spot: true }, '2-2Gi'],
    ['specs: the first that fits, in order', SEED_EXECUTOR, { specs: [size('4-8Gi'), size('2-8Gi')] }, '4-8Gi'],
    ['specs: skips those too small', SEED_EXECUTOR, { specs: [size('2-4Gi'), size('2-16Gi'), size('2-8Gi')] }, '2-16Gi'],
    ['specs with spot skip those under 2 vCPU', {}, { specs: [size('1-2Gi'), size('2-4Gi')], spot: true }, '2-4Gi'],
    ['specs may be custom', { cores: 7, memoryMebibytes: 12288 }, { specs: [EciInstanceSize.custom(8, 14)] }, '8-14Gi'],
  ])('%s', (_name, sizing, options, billed) => {
    const result = fit(sizing, options);
    expect(result.fits).toBe(true);
    expect(result.billed?.toString()).toBe(billed);
  });
});

describe('EciFit.forPod() says when the spot table rounds a pod up', () => {
  test('the issue\'s 2 vCPU / 896 MiB spot executor: billed 2-2Gi, rounded up from 2-1Gi', () => {
    const result = fit(SEED_DRIVER, { spot: true });
    expect([result.billed?.toString(), result.spotRoundedUpFrom?.toString()]).toEqual(['2-2Gi', '2-1Gi']);
  });

  test('a spot pod that has its size in the spot table is not rounded up', () => {
    expect(fit(SEED_EXECUTOR, { spot: true })).toMatchObject({ billed: size('2-8Gi'), spotRoundedUpFrom: undefined });
  });

  test('pay-as-you-go pods are never marked', () => {
    expect(fit(SEED_DRIVER).spotRoundedUpFrom).toBeUndefined();
  });
});

describe('EciFit.forPod() says when no size fits', () => {
  test.each<[string, SparkRoleSizing, EciFitOptions | undefined, string]>([
    ['more than 64 vCPU', { cores: 65 }, undefined,
      'no ECI size fits a pod of 65 vCPU / 1408 MiB in the table every region offers; the largest is 64-512Gi'],
    ['more than 512 GiB', { cores: 64, memoryMebibytes: 524288 }, undefined,
      'no ECI size fits a pod of 64 vCPU / 576716 MiB in the table every region offers; the largest is 64-512Gi'],
    ['no spec fits', SEED_EXECUTOR, { specs: [size('2-4Gi'), size('1-8Gi')] },
      'no ECI size fits a pod of 2 vCPU / 4505 MiB among the specs 2-4Gi, 1-8Gi'],
    ['no spec is large enough for spot', {}, { specs: [size('1-2Gi')], spot: true },
      'no ECI size fits a pod of 1 vCPU / 1408 MiB among the specs 1-2Gi (spot: at least 2 vCPU, rounded up to ECI\'s spot sizes)'],
  ])('%s', (_name, sizing, options, suggestion) => {
    const result = fit(sizing, options);
    expect(result).toEqual({
      fits: false,
      podCpuMillis: result.podCpuMillis,
      podMemoryMebibytes: result.podMemoryMebibytes,
      suggestion,
    });
  });
});

describe('EciFit.forPod() measures what the billed size leaves unused', () => {
  test.each<[string, SparkRoleSizing, number, number]>([
    ['the seed executor', SEED_EXECUTOR, 0, (8192 - 4505) / 8192],
    ['the seed driver', SEED_DRIVER, (2000 - 1200) / 2000, (1024 - 896) / 1024],
    ['an exact fit', { cores: 2, memoryMebibytes: 3712 }, 0, 0],
    ['a fractional request', { coreRequest: '300m', memoryMebibytes: 128 }, 0.4, 0.5],
  ])('%s', (_name, sizing, vcpu, memory) => {
    const result = fit(sizing);
    expect(result.unusedVcpuShare).toBeCloseTo(vcpu, 10);
    expect(result.unusedMemoryShare).toBeCloseTo(memory, 10);
    expect(result.unusedShare).toBeCloseTo((vcpu + memory) / 2, 10);
  });
});

describe('EciFit.forPod() suggests settings that fit a smaller size', () => {
  test('the seed executor: memory 3712m fits 2-4Gi', () => {
    const result = fit(SEED_EXECUTOR);
    expect(result).toMatchObject({
      podCpuMillis: 2000,
      podMemoryMebibytes: 4505,
      maxMemoryForSmallerSize: '3712m',
      maxMemoryMebibytesForSmallerSize: 3712,
      coreLimitForSmallerSize: undefined,
      sizeWithCoreLimit: undefined,
      suggestion: 'memory 4g makes a 4505 MiB pod (4096 MiB + 409 MiB overhead), billed as 2-8Gi with 45.0% of its memory unused; memory 3712m or less fits 2-4Gi',
    });
    expect(result.smallerSize).toBe(EciInstanceSize.of(2, 4));
    expect(fit({ ...SEED_EXECUTOR, memoryMebibytes: 3712 }).billed).toBe(EciInstanceSize.of(2, 4));
  });

  test('the seed driver: coreLimit 1 keeps it at 1 vCPU', () => {
    const result = fit(SEED_DRIVER);
    expect(result).toMatchObject({
      podCpuMillis: 1200,
      podMemoryMebibytes: 896,
      coreLimitForSmallerSize: '1',
      maxMemoryForSmallerSize: undefined,
      suggestion: 'coreLimit 1200m rounds the pod up to 2 vCPU (2-1Gi); with coreLimit 1 or none it is billed as 1-2Gi',
    });
    expect(result.sizeWithCoreLimit).toBe(EciInstanceSize.of(1, 2));
    expect(fit({ ...SEED_DRIVER, coreLimit: '1' }).billed).toBe(EciInstanceSize.of(1, 2));
  });

  test.each<[string, SparkRoleSizing, EciFitOptions | undefined, string | undefined, string | undefined, string | undefined]>([
    // name, sizing, options, max memory, smaller size, coreLimit
    ['Python re-applies factor 0.4', { type: SparkApplicationType.PYTHON, cores: 2, memoryMebibytes: 4096 }, undefined, '2926m', '2-4Gi', undefined],
    ['an explicit overhead stays', { cores: 2, memoryMebibytes: 4096, memoryOverheadMebibytes: 1000 }, undefined, '3096m', '2-4Gi', undefined],
    ['a factor override is re-applied', { cores: 2, memoryMebibytes: 4096, memoryOverheadFactor: 0.25 }, undefined, '3277m', '2-4Gi', undefined],
    ['8g to 2-8Gi', { cores: 2, memoryMebibytes: 8192 }, undefined, '7448m', '2-8Gi', undefined],
    ['down to the smallest 2 vCPU size', { cores: 2, memoryMebibytes: 1024 }, undefined, '640m', '2-1Gi', undefined],
    ['a quarter core', { coreRequest: '250m', memoryMebibytes: 256 }, undefined, '128m', '0.25-0.5Gi', undefined],
    ['an overhead that fills the smaller size', { cores: 2, memoryMebibytes: 100, memoryOverheadMebibytes: 1024 }, undefined, undefined, undefined, undefined],
    ['no smaller size at the same vCPU', SEED_DRIVER, undefined, undefined, undefined, '1'],
    ['an exact fit', { cores: 2, memoryMebibytes: 3712 }, undefined, undefined, undefined, undefined],
    ['both memory and coreLimit', { cores: 1, coreLimit: '1500m', memoryMebibytes: 4096 }, undefined, '3712m', '2-4Gi', '1'],
    ['coreRequest below a core', { coreRequest: '500m', coreLimit: '1200m', memoryMebibytes: 512 }, undefined, undefined, undefined, '500m'],
    ['a limit that does not change the tier', { coreRequest: '1500m', coreLimit: '2', memoryMebibytes: 1024 }, undefined, '640m', '2-1Gi', undefined],
    ['memory that needs the higher tier anyway', { cores: 1, coreLimit: '2', memoryMebibytes: 8192 }, undefined, '7448m', '2-8Gi', undefined],
    ['specs: a smaller spec that comes later is not chosen', SEED_EXECUTOR, { specs: [size('2-8Gi'), size('2-4Gi')] }, undefined, undefined, undefined],
    ['specs: a smaller spec that comes first', SEED_EXECUTOR, { specs: [size('2-4Gi'), size('2-8Gi')] }, '3712m', '2-4Gi', undefined],
    ['specs: only specs count as smaller', SEED_EXECUTOR, { specs: [size('2-2Gi'), size('2-8Gi')] }, '1664m', '2-2Gi', undefined],
    ['spot: the 1 vCPU tier is out of reach', SEED_DRIVER, { spot: true }, undefined, undefined, undefined],
  ])('%s', (_name, sizing, options, memory, smaller, coreLimit) => {
    const result = fit(sizing, options);
    expect(result.maxMemoryForSmallerSize).toBe(memory);
    expect(result.smallerSize?.toString()).toBe(smaller);
    expect(result.coreLimitForSmallerSize).toBe(coreLimit);
    if (memory) {
      const mebibytes = SparkPodSizing.parseMemoryMebibytes(memory);
      expect(result.maxMemoryMebibytesForSmallerSize).toBe(mebibytes);
      expect(fit({ ...sizing, memoryMebibytes: mebibytes }, options).billed?.toString()).toBe(smaller);
      expect(fit({ ...sizing, memoryMebibytes: mebibytes + 1 }, options).billed?.toString()).not.toBe(smaller);
    }
    if (coreLimit) {
      expect(fit({ ...sizing, coreLimit }, options).billed).toBe(result.sizeWithCoreLimit);
    }
    expect(result.suggestion === undefined).toBe(memory === undefined && coreLimit === undefined);
  });

  test('both suggestions in one sentence', () => {
    expect(fit({ cores: 1, coreLimit: '1500m', memoryMebibytes: 4096 }).suggestion).toBe(
      'memory 4g makes a 4505 MiB pod (4096 MiB + 409 MiB overhead), billed as 2-8Gi with 45.0% of its memory unused; memory 3712m or less fits 2-4Gi; '
      + 'coreLimit 1500m rounds the pod up to 2 vCPU (2-8Gi); with coreLimit 1 or none it is billed as 1-8Gi');
  });

  test('with memoryLimit, suggests the limit rather than memory', () => {
    const result = fit({ cores: 2, memoryMebibytes: 2048, memoryLimitMebibytes: 6000 });
    expect(result.maxMemoryForSmallerSize).toBeUndefined();
    expect(result.suggestion).toBe('memoryLimit 6000 MiB makes the pod billed as 2-8Gi with 26.8% of its memory unused; a memoryLimit of at most 4096 MiB fits 2-4Gi');
    expect(fit({ cores: 2, memoryMebibytes: 2048, memoryLimitMebibytes: 4096 }).billed).toBe(EciInstanceSize.of(2, 4));
  });

  test('with memoryLimit above every smaller size, suggests nothing', () => {
    expect(fit({ cores: 2, memoryMebibytes: 4096, memoryLimitMebibytes: 6000 }).suggestion).toBeUndefined();
  });
});

describe('EciFit.forPod() refuses pods it cannot measure', () => {
  const pod: SparkPodResources = SparkPodSizing.compute({});
  test.each<[SparkPodResources, EciFitOptions | undefined, string]>([
    [{ ...pod, cpuRequestMillis: 0 }, undefined, 'resources.cpuRequestMillis must be a number > 0 (got 0)'],
    [{ ...pod, cpuLimitMillis: -1 }, undefined, 'resources.cpuLimitMillis must be a number > 0 (got -1)'],
    [{ ...pod, memoryMebibytes: NaN }, undefined, 'resources.memoryMebibytes must be a number > 0 (got NaN)'],
    [{ ...pod, memoryLimitMebibytes: 0 }, undefined, 'resources.memoryLimitMebibytes must be a number > 0 (got 0)'],
    [pod, { specs: [] }, 'specs must list at least one size (got [])'],
  ])('%j %j', (resources, options, message) => {
    expect(() => EciFit.forPod(resources, options)).toThrow(message);
  });
});
