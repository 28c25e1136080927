import { Duration, Size } from 'cdk8s';
import { renderEciAnnotations } from '../src/eci/eci-annotations';
import {
  EciAnnotationNaming,
  EciFailStrategy,
  EciImageCache,
  EciInstanceSpec,
  EciPodOptions,
  EciSpot,
  EciZoneStrategy,
} from '../src/eci/eci-pod-options';
import { SparkEciValidationError } from '../src/private/errors';

const render = (options: EciPodOptions) => renderEciAnnotations('executor.eci', options);

describe('renderEciAnnotations', () => {
  const cases: Array<[string, EciPodOptions, { [key: string]: string }]> = [
    ['auto image cache with the seed\'s ACK name',
      { imageCache: EciImageCache.auto() },
      { 'k8s.aliyun.com/eci-image-cache': 'true' }],
    ['auto image cache with the ECI name',
      { imageCache: EciImageCache.auto({ naming: EciAnnotationNaming.ECI }) },
      { 'k8s.aliyun.com/eci-auto-imc': 'true' }],
    ['image cache id with the seed\'s ACK name',
      { imageCache: EciImageCache.id('imc-2zeABC123') },
      { 'k8s.aliyun.com/eci-image-snapshot-id': 'imc-2zeABC123' }],
    ['image cache id with the ECI name',
      { imageCache: EciImageCache.id('imc-2zeABC123', { naming: EciAnnotationNaming.ECI }) },
      { 'k8s.aliyun.com/eci-imc-id': 'imc-2zeABC123' }],
    ['instance specs in priority order',
      {
        instanceSpecs: [
          EciInstanceSpec.size(2, Size.gibibytes(4)),
          EciInstanceSpec.size(0.5, Size.mebibytes(1536)),
          EciInstanceSpec.size(0.25, Size.mebibytes(512)),
          EciInstanceSpec.instanceType('ecs.c6.xlarge'),
          EciInstanceSpec.instanceType('ecs.gn6i-c4g1.xlarge'),
        ],
      },
      { 'k8s.aliyun.com/eci-use-specs': '2-4Gi,0.5-1.5Gi,0.25-0.5Gi,ecs.c6.xlarge,ecs.gn6i-c4g1.xlarge' }],
    ['instance families to include and exclude',
      { instanceFamilies: { include: ['ecs.c6', 'ecs.g6'], exclude: ['ecs.hfg5'] } },
      { 'k8s.aliyun.com/eci-instance-family': 'ecs.c6,ecs.g6,-ecs.hfg5' }],
    ['spot at the market price',
      { spot: EciSpot.asPriceGo() },
      { 'k8s.aliyun.com/eci-spot-strategy': 'SpotAsPriceGo' }],
    ['spot with a price limit and every option',
      { spot: EciSpot.withPriceLimit(0.5, { protectionHours: 0, fallbackToOnDemand: true, gracefulRelease: true }) },
      {
        'k8s.aliyun.com/eci-spot-strategy': 'SpotWithPriceLimit',
        'k8s.aliyun.com/eci-spot-price-limit': '0.5',
        'k8s.aliyun.com/eci-spot-duration': '0',
        'k8s.aliyun.com/eci-spot-fallback': 'true',
        'k8s.aliyun.com/eci-spot-release-strategy': 'api-evict',
      }],
    ['vSwitches with a zone strategy',
      { vSwitches: ['vsw-a1', 'vsw-b2'], zoneStrategy: EciZoneStrategy.ORDERED },
      { 'k8s.aliyun.com/eci-vswitch': 'vsw-a1,vsw-b2', 'k8s.aliyun.com/eci-schedule-strategy': 'VSwitchOrdered' }],
    ['vSwitches picked at random',
      { vSwitches: ['vsw-a1'], zoneStrategy: EciZoneStrategy.RANDOM },
      { 'k8s.aliyun.com/eci-vswitch': 'vsw-a1', 'k8s.aliyun.com/eci-schedule-strategy': 'VSwitchRandom' }],
    ['vSwitches without a zone strategy',
      { vSwitches: ['vsw-a1'] },
      { 'k8s.aliyun.com/eci-vswitch': 'vsw-a1' }],
    ['extra ephemeral storage',
      { extraEphemeralStorage: Size.gibibytes(50) },
      { 'k8s.aliyun.com/eci-extra-ephemeral-storage': '50Gi' }],
    ['a RAM role',
      { ramRoleName: 'spark-oss-reader' },
      { 'k8s.aliyun.com/eci-ram-role-name': 'spark-oss-reader' }],
    ['a fail strategy',
      { failStrategy: EciFailStrategy.FAIL_FAST },
      { 'k8s.aliyun.com/eci-fail-strategy': 'fail-fast' }],
    ['max pending time in minutes',
      { maxPending: Duration.hours(2) },
      { 'k8s.aliyun.com/eci-max-pending-minute': '120' }],
    ['custom tags sorted by key',
      { customTags: { team: 'data', cost: 'spark' } },
      { 'k8s.aliyun.com/eci-custom-tags': 'cost:spark,team:data' }],
    ['nothing for empty lists and maps',
      { instanceSpecs: [], vSwitches: [], customTags: {}, instanceFamilies: { include: [] } },
      {}],
  ];

  test.each(cases)('renders %s', (_name, options, expected) => {
    expect(render(options)).toEqual(expected);
  });

  test('annotation values are all strings', () => {
    const annotations = render({
      imageCache: EciImageCache.auto(),
      spot: EciSpot.asPriceGo({ protectionHours: 2, fallbackToOnDemand: true }),
      maxPending: Duration.minutes(30),
    });
    for (const value of Object.values(annotations)) {
      expect(typeof value).toBe('string');
    }
    expect(annotations['k8s.aliyun.com/eci-spot-duration']).toBe('2');
  });

  test('leaves out the spot protection period when it is not set (ECI defaults to 1 hour)', () => {
    expect(render({ spot: EciSpot.withPriceLimit(1.25) })).toEqual({
      'k8s.aliyun.com/eci-spot-strategy': 'SpotWithPriceLimit',
      'k8s.aliyun.com/eci-spot-price-limit': '1.25',
    });
  });

  test('writes keys in a fixed order whatever the order of the options', () => {
    const a = render({
      customTags: { a: 'b' },
      failStrategy: EciFailStrategy.FAIL_BACK,
      imageCache: EciImageCache.auto(),
      vSwitches: ['vsw-x'],
      instanceSpecs: [EciInstanceSpec.size(2, Size.gibibytes(4))],
    });
    const b = render({
      instanceSpecs: [EciInstanceSpec.size(2, Size.gibibytes(4))],
      vSwitches: ['vsw-x'],
      imageCache: EciImageCache.auto(),
      failStrategy: EciFailStrategy.FAIL_BACK,
      customTags: { a: 'b' },
    });
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(a)).toEqual([
      'k8s.aliyun.com/eci-image-cache',
      'k8s.aliyun.com/eci-use-specs',
      'k8s.aliyun.com/eci-vswitch',
      'k8s.aliyun.com/eci-fail-strategy',
      'k8s.aliyun.com/eci-custom-tags',
    ]);
  });

  test('accepts the edges of the pending range', () => {
    expect(render({ maxPending: Duration.minutes(10) })['k8s.aliyun.com/eci-max-pending-minute']).toBe('10');
    expect(render({ maxPending: Duration.days(1) })['k8s.aliyun.com/eci-max-pending-minute']).toBe('1440');
  });
});

describe('refused ECI options', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['more than 5 instance specs',
      () => render({ instanceSpecs: [1, 2, 4, 8, 16, 32].map(n => EciInstanceSpec.size(n, Size.gibibytes(n * 2))) }),
      'executor.eci.instanceSpecs must have at most 5 entries (got ["1-2Gi","2-4Gi","4-8Gi","8-16Gi","16-32Gi","32-64Gi"])'],
    ['more than 3 custom tags',
      () => render({ customTags: { a: '1', b: '2', c: '3', d: '4' } }),
      'executor.eci.customTags must have at most 3 tags (got {"a":"1","b":"2","c":"3","d":"4"})'],
    ['a tag value with a comma',
      () => render({ customTags: { team: 'a,b' } }),
      'executor.eci.customTags.team must be a string containing neither ":" nor "," (got "a,b")'],
    ['a tag key with a colon',
      () => render({ customTags: { 'a:b': 'c' } }),
      'executor.eci.customTags key must be non-empty and contain neither ":" nor "," (got "a:b")'],
    ['an image cache id without imc-',
      () => EciImageCache.id('img-123'),
      'EciImageCache.id() imageCacheId must be "imc-" followed by letters and digits, e.g. "imc-2ze0123456789abcdef" (got "img-123")'],
    ['an image cache id with other characters',
      () => EciImageCache.id('imc-12_3'),
      'EciImageCache.id() imageCacheId must be "imc-" followed by letters and digits'],
    ['an instance type not in ecs.<family>.<size> form',
      () => EciInstanceSpec.instanceType('c6.xlarge'),
      'EciInstanceSpec.instanceType() instanceType must be an ECS instance type "ecs.<family>.<size>", e.g. "ecs.c6.xlarge" (got "c6.xlarge")'],
    ['a vCPU count ECI cannot take',
      () => EciInstanceSpec.size(1.5, Size.gibibytes(3)),
      'EciInstanceSpec.size() vcpu must be 0.25, 0.5 or a whole number >= 1 (got 1.5)'],
    ['memory that is not a whole or half GiB',
      () => EciInstanceSpec.size(2, Size.mebibytes(1000)),
      'EciInstanceSpec.size() memory must be a positive whole or half number of GiB'],
    ['a size spec under 2 vCPU with spot',
      () => render({ spot: EciSpot.asPriceGo(), instanceSpecs: [EciInstanceSpec.size(1, Size.gibibytes(2))] }),
      'executor.eci.instanceSpecs[0] must have at least 2 vCPU with spot instances'],
    ['pending minutes under 10',
      () => render({ maxPending: Duration.minutes(5) }),
      'executor.eci.maxPending (minutes) must be an integer from 10 to 1440 (whole minutes, as ECI reads them) (got 5)'],
    ['pending minutes over 1440',
      () => render({ maxPending: Duration.hours(25) }),
      'executor.eci.maxPending (minutes) must be an integer from 10 to 1440 (whole minutes, as ECI reads them) (got 1500)'],
    ['pending time that is not whole minutes',
      () => render({ maxPending: Duration.seconds(630) }),
      'executor.eci.maxPending (minutes) must be an integer from 10 to 1440 (whole minutes, as ECI reads them) (got 10.5)'],
    ['a zone strategy without vSwitches',
      () => render({ zoneStrategy: EciZoneStrategy.RANDOM }),
      'executor.eci.zoneStrategy is only allowed together with vSwitches (got "VSwitchRandom")'],
    ['a zone strategy with an empty vSwitch list',
      () => render({ vSwitches: [], zoneStrategy: EciZoneStrategy.ORDERED }),
      'executor.eci.zoneStrategy is only allowed together with vSwitches (got "VSwitchOrdered")'],
    ['a vSwitch id without vsw-',
      () => render({ vSwitches: ['vsw-ok1', 'subnet-1'] }),
      'executor.eci.vSwitches[1] must be a vSwitch id "vsw-" followed by letters and digits (got "subnet-1")'],
    ['an instance family without ecs.',
      () => render({ instanceFamilies: { include: ['c6'] } }),
      'executor.eci.instanceFamilies.include[0] must be an ECS instance family "ecs.<name>", e.g. "ecs.c6" (got "c6")'],
    ['an excluded family written with its own minus sign',
      () => render({ instanceFamilies: { exclude: ['-ecs.hfg5'] } }),
      'executor.eci.instanceFamilies.exclude[0] must be an ECS instance family "ecs.<name>"'],
    ['a family both included and excluded',
      () => render({ instanceFamilies: { include: ['ecs.c6'], exclude: ['ecs.c6'] } }),
      'executor.eci.instanceFamilies must not both include and exclude a family (got ["ecs.c6"])'],
    ['extra storage that is not whole GiB',
      () => render({ extraEphemeralStorage: Size.mebibytes(1536) }),
      'executor.eci.extraEphemeralStorage must be a positive whole number of GiB, e.g. Size.gibibytes(50) (got "1.5 GiB")'],
    ['a RAM role name with a slash',
      () => render({ ramRoleName: 'acs:ram::123:role/x' }),
      'executor.eci.ramRoleName must be a RAM role name of 1 to 64 letters, digits, "." and "-"'],
    ['a spot price of zero',
      () => EciSpot.withPriceLimit(0),
      'EciSpot.withPriceLimit() pricePerHour must be a number above 0 up to 1000000000000 with at most 3 decimals (ECI takes at most 3 decimals) (got 0)'],
    ['negative spot protection hours',
      () => EciSpot.asPriceGo({ protectionHours: -1 }),
      'EciSpot.asPriceGo() options.protectionHours must be an integer >= 0 (got -1)'],
    ['a spot price limit outside EciSpot.withPriceLimit()',
      () => render({ spot: EciSpot.asPriceGo(), spotPriceLimit: 0.5 } as EciPodOptions),
      'executor.eci.spotPriceLimit is not an option: a price limit is set with spot: EciSpot.withPriceLimit(pricePerHour) (got 0.5)'],
    ['an unknown option',
      () => render({ vswitches: ['vsw-1'] } as EciPodOptions),
      'executor.eci.vswitches must be one of the known keys (imageCache, instanceSpecs'],
    ['a fail strategy that is not an EciFailStrategy value',
      () => render({ failStrategy: 'FAIL_FAST' as EciFailStrategy }),
      'executor.eci.failStrategy must be one of fail-back, fail-over, fail-fast (EciFailStrategy) (got "FAIL_FAST")'],
  ];

  test.each(cases)('refuses %s', (_name, fn, message) => {
    expect(fn).toThrow(SparkEciValidationError);
    expect(fn).toThrow(message);
  });
});


describe('value classes', () => {
  test('EciImageCache exposes what it writes', () => {
    expect(EciImageCache.auto().isAuto).toBe(true);
    expect(EciImageCache.auto().naming).toBe(EciAnnotationNaming.ACK);
    const byId = EciImageCache.id('imc-abc', { naming: EciAnnotationNaming.ECI });
    expect(byId.isAuto).toBe(false);
    expect(byId.imageCacheId).toBe('imc-abc');
  });

  test('EciInstanceSpec renders its annotation entry', () => {
    expect(EciInstanceSpec.size(4, Size.gibibytes(8)).toString()).toBe('4-8Gi');
    expect(EciInstanceSpec.size(4, Size.gibibytes(8)).vcpu).toBe(4);
    expect(EciInstanceSpec.instanceType('ecs.g7.2xlarge').value).toBe('ecs.g7.2xlarge');
    expect(EciInstanceSpec.instanceType('ecs.g7.2xlarge').vcpu).toBeUndefined();
  });

  test('a spot size of 2 vCPU or more is accepted', () => {
    expect(render({ spot: EciSpot.asPriceGo(), instanceSpecs: [EciInstanceSpec.size(2, Size.gibibytes(4)), EciInstanceSpec.instanceType('ecs.t5-lc1m1.small')] }))
      .toEqual({
        'k8s.aliyun.com/eci-use-specs': '2-4Gi,ecs.t5-lc1m1.small',
        'k8s.aliyun.com/eci-spot-strategy': 'SpotAsPriceGo',
      });
  });
});

describe('cross-account image pulls (acrServiceArns, acrUserArns)', () => {
  const service = 'acs:ram::1609982529000000:role/role-assume';
  const user = 'acs:ram::1209982529000000:role/role-acr';

  test('writes both annotations, comma-separated, after the others', () => {
    expect(renderEciAnnotations('eci', { ramRoleName: 'oss', acrServiceArns: [service], acrUserArns: [user, user.replace('acr', 'acr2')] })).toEqual({
      'k8s.aliyun.com/eci-ram-role-name': 'oss',
      'k8s.aliyun.com/acr-service-arns': service,
      'k8s.aliyun.com/acr-user-arns': `${user},${user.replace('acr', 'acr2')}`,
    });
  });

  test('refuses one without the other', () => {
    expect(() => renderEciAnnotations('executor.eci', { acrServiceArns: [service] }))
      .toThrow(`executor.eci.acrServiceArns needs acrUserArns as well: ECI assumes the roles of acrServiceArns, then those of acrUserArns, to pull across accounts (got ["${service}"])`);
    expect(() => renderEciAnnotations('executor.eci', { acrUserArns: [user] })).toThrow('executor.eci.acrUserArns needs acrServiceArns as well');
  });

  test('refuses what is not a RAM role ARN', () => {
    expect(() => renderEciAnnotations('eci', { acrServiceArns: ['arn:aws:iam::1:role/x'], acrUserArns: [user] }))
      .toThrow('eci.acrServiceArns[0] must be a RAM role ARN "acs:ram::<account id>:role/<role name>" (got "arn:aws:iam::1:role/x")');
  });
});
