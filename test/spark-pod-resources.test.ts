import { SparkApplicationType } from '../src/model/spark-application-type';
import { SparkPodSizing, SparkRoleSizing } from '../src/model/spark-pod-resources';

describe('SparkPodSizing.compute() follows Spark\'s overhead formula', () => {
  test.each<[string, SparkRoleSizing, number, number]>([
    // name, sizing, overhead MiB, pod MiB
    ['JVM default 1g takes the 384 MiB floor', {}, 384, 1408],
    ['JVM 4g truncates 409.6 to 409', { memoryMebibytes: 4096 }, 409, 4505],
    ['Java behaves like Scala', { type: SparkApplicationType.JAVA, memoryMebibytes: 4096 }, 409, 4505],
    ['JVM 3712m stays on the floor', { memoryMebibytes: 3712 }, 384, 4096],
    ['JVM 3849m truncates 384.9 to the floor', { memoryMebibytes: 3849 }, 384, 4233],
    ['JVM 3850m leaves the floor', { memoryMebibytes: 3850 }, 385, 4235],
    ['JVM 8g', { memoryMebibytes: 8192 }, 819, 9011],
    ['Python 1g uses factor 0.4', { type: SparkApplicationType.PYTHON, memoryMebibytes: 1024 }, 409, 1433],
    ['Python 512m takes the floor', { type: SparkApplicationType.PYTHON, memoryMebibytes: 512 }, 384, 896],
    ['Python 4g', { type: SparkApplicationType.PYTHON, memoryMebibytes: 4096 }, 1638, 5734],
    ['R uses factor 0.4', { type: SparkApplicationType.R, memoryMebibytes: 2048 }, 819, 2867],
    ['an explicit overhead wins, with no floor', { memoryMebibytes: 4096, memoryOverheadMebibytes: 200 }, 200, 4296],
    ['an explicit overhead of 0', { memoryMebibytes: 4096, memoryOverheadMebibytes: 0 }, 0, 4096],
    ['an explicit overhead beats the factor', { memoryMebibytes: 4096, memoryOverheadMebibytes: 1000, memoryOverheadFactor: 0.5 }, 1000, 5096],
    ['an explicit overhead on Python', { type: SparkApplicationType.PYTHON, memoryMebibytes: 4096, memoryOverheadMebibytes: 512 }, 512, 4608],
    ['the factor overrides the JVM default', { memoryMebibytes: 4096, memoryOverheadFactor: 0.2 }, 819, 4915],
    ['the factor overrides the Python default', { type: SparkApplicationType.PYTHON, memoryMebibytes: 8192, memoryOverheadFactor: 0.15 }, 1228, 9420],
    ['factor 0 still takes the floor', { memoryOverheadFactor: 0 }, 384, 1408],
    ['Spark 4 minMemoryOverhead lowers the floor', { minMemoryOverheadMebibytes: 0 }, 102, 1126],
    ['Spark 4 minMemoryOverhead raises the floor', { memoryMebibytes: 4096, minMemoryOverheadMebibytes: 1024 }, 1024, 5120],
  ])('%s', (_name, sizing, overhead, pod) => {
    const resources = SparkPodSizing.compute(sizing);
    expect(resources.overheadMebibytes).toBe(overhead);
    expect(resources.memoryMebibytes).toBe(pod);
    expect(resources.memoryLimitMebibytes).toBe(pod);
    expect(resources.sparkMemoryMebibytes).toBe(pod - overhead);
  });

  test('records the factor rule it used, and none for an explicit overhead', () => {
    expect(SparkPodSizing.compute({ type: SparkApplicationType.PYTHON })).toMatchObject({ overheadFactor: 0.4, minOverheadMebibytes: 384 });
    expect(SparkPodSizing.compute({ memoryOverheadFactor: 0.3 })).toMatchObject({ overheadFactor: 0.3 });
    const explicit = SparkPodSizing.compute({ memoryOverheadMebibytes: 500 });
    expect(explicit.overheadFactor).toBeUndefined();
    expect(explicit.minOverheadMebibytes).toBeUndefined();
  });
});

describe('SparkPodSizing.compute() CPU', () => {
  test.each<[string, SparkRoleSizing, number, number | undefined]>([
    ['default: 1 core, no limit', {}, 1000, undefined],
    ['cores set the request', { cores: 2 }, 2000, undefined],
    ['coreRequest overrides cores', { cores: 2, coreRequest: '500m' }, 500, undefined],
    ['fractional coreRequest', { coreRequest: '1.5' }, 1500, undefined],
    ['coreLimit sets the limit', { cores: 1, coreLimit: '1200m' }, 1000, 1200],
    ['coreLimit equal to the request', { cores: 2, coreLimit: '2' }, 2000, 2000],
  ])('%s', (_name, sizing, request, limit) => {
    const resources = SparkPodSizing.compute(sizing);
    expect(resources.cpuRequestMillis).toBe(request);
    expect(resources.cpuLimitMillis).toBe(limit);
  });
});

describe('the seed', () => {
  test('executor: 2 cores, 4g is a 4505 MiB pod', () => {
    expect(SparkPodSizing.compute({ cores: 2, memoryMebibytes: SparkPodSizing.parseMemoryMebibytes('4g') })).toEqual({
      cpuRequestMillis: 2000,
      cpuLimitMillis: undefined,
      sparkMemoryMebibytes: 4096,
      overheadMebibytes: 409,
      overheadFactor: 0.1,
      minOverheadMebibytes: 384,
      memoryMebibytes: 4505,
      memoryLimitMebibytes: 4505,
    });
  });

  test('driver: 1 core, coreLimit 1200m, 512m is an 896 MiB pod limited to 1.2 vCPU', () => {
    expect(SparkPodSizing.compute({ cores: 1, coreLimit: '1200m', memoryMebibytes: 512 })).toMatchObject({
      cpuRequestMillis: 1000,
      cpuLimitMillis: 1200,
      overheadMebibytes: 384,
      memoryMebibytes: 896,
    });
  });
});

test('memoryLimit replaces the pod\'s memory limit, not its request', () => {
  const resources = SparkPodSizing.compute({ memoryMebibytes: 4096, memoryLimitMebibytes: 8192 });
  expect(resources.memoryMebibytes).toBe(4505);
  expect(resources.memoryLimitMebibytes).toBe(8192);
});

describe('SparkPodSizing.compute() refuses what Spark or Kubernetes refuses', () => {
  test.each<[SparkRoleSizing, string]>([
    [{ cores: 0 }, 'cores must be an integer >= 1 (got 0)'],
    [{ cores: 1.5 }, 'cores must be an integer >= 1 (got 1.5)'],
    [{ coreRequest: '1Gi' }, 'coreRequest must be a positive Kubernetes CPU quantity in cores or millicores, e.g. "500m", "1" or "1.5" (got "1Gi")'],
    [{ coreLimit: '0.5', cores: 1 }, 'coreLimit must be at least the CPU request (1), or Kubernetes refuses the pod (got "0.5")'],
    [{ coreRequest: '1500m', coreLimit: '1' }, 'coreLimit must be at least the CPU request (1500m), or Kubernetes refuses the pod (got "1")'],
    [{ memoryMebibytes: 0 }, 'memoryMebibytes must be an integer >= 1 (got 0)'],
    [{ memoryMebibytes: 1.5 }, 'memoryMebibytes must be an integer >= 1 (got 1.5)'],
    [{ memoryOverheadMebibytes: -1 }, 'memoryOverheadMebibytes must be an integer >= 0 (got -1)'],
    [{ memoryOverheadFactor: -0.1 }, 'memoryOverheadFactor must be a number >= 0, e.g. 0.1 (got -0.1)'],
    [{ memoryOverheadFactor: NaN }, 'memoryOverheadFactor must be a number >= 0, e.g. 0.1 (got NaN)'],
    [{ minMemoryOverheadMebibytes: -384 }, 'minMemoryOverheadMebibytes must be an integer >= 0 (got -384)'],
    [{ memoryLimitMebibytes: 1024 }, 'memoryLimitMebibytes must be at least the memory Spark requests (1408 MiB), or Kubernetes refuses the pod (got 1024)'],
    [{ type: 'Go' as SparkApplicationType }, 'type must be one of Java, Scala, Python, R (SparkApplicationType) (got "Go")'],
  ])('%j', (sizing, message) => {
    expect(() => SparkPodSizing.compute(sizing)).toThrow(message);
  });

  test('names the role when given a prefix', () => {
    expect(() => SparkPodSizing.compute({ cores: 2, coreLimit: '1500m' }, { propPrefix: 'executor' }))
      .toThrow('executor.coreLimit must be at least the CPU request (2), or Kubernetes refuses the pod (got "1500m")');
  });
});

describe('SparkPodSizing.parseCpuMillis()', () => {
  test.each<[string, number]>([
    ['500m', 500],
    ['1200m', 1200],
    ['1', 1000],
    ['2', 2000],
    ['64', 64000],
    ['1.5', 1500],
    ['0.25', 250],
    ['0.5', 500],
    ['.5', 500],
    ['2.', 2000],
    ['0.001', 1],
    ['1.2500', 1250],
    ['1.0m', 1],
  ])('reads %s as %d millicores', (quantity, millis) => {
    expect(SparkPodSizing.parseCpuMillis(quantity)).toBe(millis);
  });

  test.each<[string, string]>([
    ['', 'must be a positive Kubernetes CPU quantity'],
    ['m', 'must be a positive Kubernetes CPU quantity'],
    ['.', 'must be a positive Kubernetes CPU quantity'],
    ['0', 'must be a positive Kubernetes CPU quantity'],
    ['0m', 'must be a positive Kubernetes CPU quantity'],
    ['-1', 'must be a positive Kubernetes CPU quantity'],
    ['1Gi', 'must be a positive Kubernetes CPU quantity'],
    ['1k', 'must be a positive Kubernetes CPU quantity'],
    ['1e3', 'must be a positive Kubernetes CPU quantity'],
    [' 1', 'must be a positive Kubernetes CPU quantity'],
    ['1.5m', 'must be a whole number of millicores: Kubernetes refuses CPU finer than 1m'],
    ['0.0005', 'must be a whole number of millicores: Kubernetes refuses CPU finer than 1m'],
  ])('refuses %j', (quantity, message) => {
    expect(() => SparkPodSizing.parseCpuMillis(quantity, 'driver.coreLimit')).toThrow(`driver.coreLimit ${message}`);
  });

  test.each<[number, string]>([
    [500, '500m'],
    [1000, '1'],
    [1200, '1200m'],
    [2000, '2'],
  ])('formats %d millicores as %s', (millis, quantity) => {
    expect(SparkPodSizing.formatCpuMillis(millis)).toBe(quantity);
  });
});

describe('SparkPodSizing.parseMemoryMebibytes()', () => {
  test.each<[string, number]>([
    ['4g', 4096],
    ['512m', 512],
    ['1536m', 1536],
    ['4096', 4096],
    ['2G', 2048],
    ['2gb', 2048],
    ['1t', 1024 * 1024],
    ['1536k', 1],
    ['1048576b', 1],
  ])('reads %s as %d MiB', (value, mebibytes) => {
    expect(SparkPodSizing.parseMemoryMebibytes(value)).toBe(mebibytes);
  });

  test.each(['1Gi', '1.5g', '-1m', '', 'g'])('refuses %j', value => {
    expect(() => SparkPodSizing.parseMemoryMebibytes(value, 'executor.memory'))
      .toThrow(`executor.memory must be a Spark memory string: a whole number with an optional b, k, m, g, t or p suffix, e.g. "512m" or "4g" (not "1Gi" or "1.5g") (got ${JSON.stringify(value)})`);
  });
});

describe('SparkPodSizing.maxMemoryMebibytesWithin()', () => {
  test.each<[string, SparkRoleSizing, number, number]>([
    ['JVM into 4 GiB: 3712 + 384 = 4096', {}, 4096, 3712],
    ['JVM into 8 GiB: 7448 + 744 = 8192', {}, 8192, 7448],
    ['Python into 4 GiB: 2926 + 1170 = 4096', { type: SparkApplicationType.PYTHON }, 4096, 2926],
    ['explicit overhead stays', { memoryOverheadMebibytes: 1000 }, 4096, 3096],
    ['nothing fits below the floor', {}, 384, 0],
    ['1 MiB above the floor', {}, 385, 1],
  ])('%s', (_name, sizing, pod, memory) => {
    const resources = SparkPodSizing.compute(sizing);
    const found = SparkPodSizing.maxMemoryMebibytesWithin(resources, pod);
    expect(found).toBe(memory);
    if (found > 0) {
      const fits = SparkPodSizing.compute({ ...sizing, memoryMebibytes: found });
      const tooBig = SparkPodSizing.compute({ ...sizing, memoryMebibytes: found + 1 });
      expect(fits.memoryMebibytes).toBeLessThanOrEqual(pod);
      expect(tooBig.memoryMebibytes).toBeGreaterThan(pod);
    }
  });
});
