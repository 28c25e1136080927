import { Chart, Duration, Size, Testing } from 'cdk8s';
import {
  EciAnnotationNaming, EciFailStrategy, EciImageCache, EciInstanceSpec, EciPlacement, EciPodOptions, EciSpot, EciZoneStrategy,
  PlacementTarget, SparkApplicationType, SparkJob, SparkJobProps, SparkPlacement,
} from '../src';
import { expectValidManifests } from './support/crd-schema';
import { ECI_TOLERATION } from './support/jobs';
import { synth } from './support/synth';

const base: SparkJobProps = {
  metadata: { name: 'job' },
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'spark:3.5.2',
  mainApplicationFile: 'local:///opt/app.jar',
  executor: { instances: 2 },
};

const TOLERATION = ECI_TOLERATION;
const REQUIRE_ECI = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: ['virtual-kubelet'] }] }],
    },
  },
};
const PREFER_ECS = {
  nodeAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 1, preference: { matchExpressions: [{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }] } },
    ],
  },
};

function render(props: Partial<SparkJobProps> = {}, configure?: (job: SparkJob, chart: Chart) => void): any[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
  const job = new SparkJob(chart, 'Job', { ...base, ...props });
  configure?.(job, chart);
  const manifests = synth(chart);
  expectValidManifests(manifests);
  return manifests;
}

function spec(props: Partial<SparkJobProps> = {}, configure?: (job: SparkJob) => void): any {
  return render(props, configure).find(m => m.kind === 'SparkApplication').spec;
}

describe('EciPlacement factories', () => {
  test('ecsOnly adds nothing', () => {
    const s = spec({ placement: SparkPlacement.of(EciPlacement.ecsOnly()) });
    expect(s.driver).toEqual({});
    expect(s.executor).toEqual({ instances: 2 });
  });

  test('eciOnly tolerates the ECI taint and requires virtual nodes', () => {
    const s = spec({ placement: SparkPlacement.of(EciPlacement.eciOnly()) });
    expect(s).toMatchSnapshot();
    for (const role of [s.driver, s.executor]) {
      expect(role.tolerations).toEqual([TOLERATION]);
      expect(role.affinity).toEqual(REQUIRE_ECI);
    }
  });

  test('ecsFirst tolerates the ECI taint and prefers non-virtual nodes with weight 1', () => {
    const s = spec({ placement: SparkPlacement.of(EciPlacement.ecsFirst()) });
    expect(s).toMatchSnapshot();
    for (const role of [s.driver, s.executor]) {
      expect(role.tolerations).toEqual([TOLERATION]);
      expect(role.affinity).toEqual(PREFER_ECS);
    }
  });

  test('resourcePolicy adds the toleration only', () => {
    const s = spec({ placement: SparkPlacement.of(EciPlacement.resourcePolicy()) });
    expect(s).toMatchSnapshot();
    expect(s.driver).toEqual({ tolerations: [TOLERATION] });
  });

  test('reports what it means', () => {
    expect(EciPlacement.ecsOnly().mayRunOnEci).toBe(false);
    expect(EciPlacement.ecsFirst().mayRunOnEci).toBe(true);
    expect(EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() } }).usesSpot).toBe(true);
  });
});

describe('per-role placement', () => {
  test('perRole places the driver and the executors differently', () => {
    const s = spec({ placement: SparkPlacement.perRole({ driver: EciPlacement.ecsOnly(), executor: EciPlacement.eciOnly() }) });
    expect(s).toMatchSnapshot();
    expect(s.driver).toEqual({});
    expect(s.executor.affinity).toEqual(REQUIRE_ECI);
  });

  test('recommended keeps the driver on ECS and sends executors ECS first then ECI', () => {
    const s = spec({ placement: SparkPlacement.recommended() });
    expect(s).toMatchSnapshot();
    expect(s.driver).toEqual({});
    expect(s.executor.affinity).toEqual(PREFER_ECS);
    expect(s.sparkConf).toBeUndefined();
  });

  test('recommended with spot sends executors to spot ECI, released gracefully, and turns on decommissioning', () => {
    const s = spec({ placement: SparkPlacement.recommended({ executorSpot: EciSpot.asPriceGo({ fallbackToOnDemand: true }) }) });
    expect(s).toMatchSnapshot();
    expect(s.executor.affinity).toEqual(REQUIRE_ECI);
    expect(s.executor.annotations).toEqual({
      'k8s.aliyun.com/eci-spot-strategy': 'SpotAsPriceGo',
      'k8s.aliyun.com/eci-spot-fallback': 'true',
      'k8s.aliyun.com/eci-spot-release-strategy': 'api-evict',
    });
    expect(s.sparkConf).toEqual({
      'spark.decommission.enabled': 'true',
      'spark.storage.decommission.enabled': 'true',
      'spark.storage.decommission.shuffleBlocks.enabled': 'true',
      'spark.storage.decommission.rddBlocks.enabled': 'true',
    });
  });

  test('decommissioning can be switched off, and keeps values the user set', () => {
    const executor = EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() }, sparkDecommissioning: false });
    const off = spec({ placement: SparkPlacement.perRole({ executor }) });
    expect(off.sparkConf).toBeUndefined();
    const kept = spec({
      sparkConf: { 'spark.storage.decommission.rddBlocks.enabled': 'false' },
      placement: SparkPlacement.recommended({ executorSpot: EciSpot.asPriceGo() }),
    });
    expect(kept.sparkConf['spark.storage.decommission.rddBlocks.enabled']).toEqual('false');
    expect(kept.sparkConf['spark.decommission.enabled']).toEqual('true');
  });

  test('place() after construction equals the prop', () => {
    const viaProp = spec({ placement: SparkPlacement.recommended() });
    const viaMethod = spec({}, job => job.place(SparkPlacement.recommended()));
    expect(viaMethod).toEqual(viaProp);
  });
});

describe('merging with what the user wrote', () => {
  test('keeps the user affinity, tolerations and node selector, without duplicates', () => {
    const s = spec({
      executor: {
        nodeSelector: { 'kubernetes.io/arch': 'amd64' },
        tolerations: [TOLERATION, { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['cn-beijing-i'] }] }],
            },
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 50, preference: { matchExpressions: [{ key: 'pool', operator: 'In', values: ['spark'] }] } },
            ],
          },
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }],
          },
        },
      },
      placement: SparkPlacement.of(EciPlacement.eciOnly()),
    });
    expect(s.executor).toMatchSnapshot();
    expect(s.executor.nodeSelector).toEqual({ 'kubernetes.io/arch': 'amd64' });
    expect(s.executor.tolerations).toEqual([TOLERATION, { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(s.executor.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{
      matchExpressions: [
        { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['cn-beijing-i'] },
        { key: 'type', operator: 'In', values: ['virtual-kubelet'] },
      ],
    }]);
    expect(s.executor.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    expect(s.executor.affinity.podAntiAffinity).toBeDefined();
  });
});

describe('mechanisms', () => {
  test('SPEC_FIELDS writes the role fields (the default, needs the webhook)', () => {
    const s = spec({ placement: SparkPlacement.of(EciPlacement.eciOnly(), PlacementTarget.SPEC_FIELDS) });
    expect(s.executor.template).toBeUndefined();
    expect(s.executor.tolerations).toEqual([TOLERATION]);
  });

  test('POD_TEMPLATE writes only the pod templates, which Spark applies itself', () => {
    const s = spec({ placement: SparkPlacement.of(EciPlacement.eciOnly(), PlacementTarget.POD_TEMPLATE) });
    expect(s).toMatchSnapshot();
    expect(s.executor.tolerations).toBeUndefined();
    expect(s.executor.affinity).toBeUndefined();
    expect(s.executor.template).toEqual({ spec: { containers: [], tolerations: [TOLERATION], affinity: REQUIRE_ECI } });
  });

  test('BOTH writes the fields and the templates', () => {
    const s = spec({ placement: SparkPlacement.of(EciPlacement.ecsFirst({ eci: { imageCache: EciImageCache.auto() } }), PlacementTarget.BOTH) });
    expect(s).toMatchSnapshot();
    expect(s.driver.tolerations).toEqual([TOLERATION]);
    expect(s.driver.template.spec.affinity).toEqual(PREFER_ECS);
    // ECI options are annotations, which the operator passes through spark-submit without a webhook.
    expect(s.driver.annotations).toEqual({ 'k8s.aliyun.com/eci-image-cache': 'true' });
  });

  test('templates merge with a template the user gave', () => {
    const s = spec({
      executor: { template: { metadata: { labels: { app: 'etl' } }, spec: { containers: [], tolerations: [{ key: 'a', operator: 'Exists' }] } } },
      placement: SparkPlacement.perRole({ executor: EciPlacement.resourcePolicy(), mechanism: PlacementTarget.POD_TEMPLATE }),
    });
    expect(s.executor.template).toEqual({
      metadata: { labels: { app: 'etl' } },
      spec: { containers: [], tolerations: [{ key: 'a', operator: 'Exists' }, TOLERATION] },
    });
  });
});

describe('ECI options as annotations', () => {
  const options: Array<[string, EciPodOptions]> = [
    ['image cache by id (ACK name)', { imageCache: EciImageCache.id('imc-2zeabc123') }],
    ['image cache auto (ECI names)', { imageCache: EciImageCache.auto({ naming: EciAnnotationNaming.ECI }) }],
    ['instance specs', { instanceSpecs: [EciInstanceSpec.size(2, Size.gibibytes(4)), EciInstanceSpec.instanceType('ecs.c6.xlarge')] }],
    ['instance families', { instanceFamilies: { include: ['ecs.c6'], exclude: ['ecs.hfg5'] } }],
    ['spot with a price limit', { spot: EciSpot.withPriceLimit(0.5, { protectionHours: 0, gracefulRelease: true }) }],
    ['vSwitches and zone strategy', { vSwitches: ['vsw-a1', 'vsw-b2'], zoneStrategy: EciZoneStrategy.ORDERED }],
    ['extra ephemeral storage', { extraEphemeralStorage: Size.gibibytes(50) }],
    ['RAM role', { ramRoleName: 'spark-oss-reader' }],
    ['fail strategy', { failStrategy: EciFailStrategy.FAIL_FAST }],
    ['max pending', { maxPending: Duration.hours(2) }],
    ['custom tags', { customTags: { team: 'data', cost: 'etl' } }],
  ];
  test.each(options)('%s', (_name, eci) => {
    const s = spec({ placement: SparkPlacement.perRole({ executor: EciPlacement.eciOnly({ eci, sparkDecommissioning: false }) }) });
    expect(s.executor.annotations).toMatchSnapshot();
    expect(s.driver.annotations).toBeUndefined();
  });
});

describe('image cache objects', () => {
  test('addImageCache creates an ImageCache for the job images and turns on auto-matching', () => {
    const manifests = render({ executor: { instances: 2, image: 'spark-py:3.5.2' }, placement: SparkPlacement.recommended() },
      job => job.addImageCache({ retention: Duration.days(7), size: Size.gibibytes(40) }));
    expect(manifests).toMatchSnapshot();
    const cache = manifests.find(m => m.kind === 'ImageCache');
    expect(cache.spec).toEqual({ images: ['spark:3.5.2', 'spark-py:3.5.2'], imageCacheSize: 40, retentionDays: 7 });
    expect(cache.metadata.namespace).toBeUndefined();
    const app = manifests.find(m => m.kind === 'SparkApplication');
    expect(app.spec.driver.annotations).toBeUndefined(); // the driver stays on ECS
    expect(app.spec.executor.annotations).toEqual({ 'k8s.aliyun.com/eci-image-cache': 'true' });
  });

  test('addImageCache gives the cache the job\'s pull secrets, in the job\'s namespace, also those added later', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'spark' });
    const job = new SparkJob(chart, 'Job', { ...base, imagePullSecrets: ['acr-pull'], placement: SparkPlacement.recommended() });
    const cache = job.addImageCache();
    job.addImagePullSecret('mirror-pull');
    job.addImagePullSecret('acr-pull'); // already there: not repeated
    expect(cache.imagePullSecrets).toEqual([{ namespace: 'spark', name: 'acr-pull' }, { namespace: 'spark', name: 'mirror-pull' }]);
    const rendered = synth(chart).find(m => m.kind === 'ImageCache');
    expect(rendered.spec.imagePullSecrets).toEqual(['spark:acr-pull', 'spark:mirror-pull']);
  });

  test('addImageCache keeps the caller\'s own pull secrets (an empty list too), and a job without a namespace is taken to be in default', () => {
    const own = new SparkJob(new Chart(Testing.app(), 'test', { namespace: 'spark' }), 'Job',
      { ...base, imagePullSecrets: ['acr-pull'], placement: SparkPlacement.recommended() });
    const ownCache = own.addImageCache({ imagePullSecrets: [{ namespace: 'registry', name: 'shared' }] });
    own.addImagePullSecret('later');
    expect(ownCache.imagePullSecrets).toEqual([{ namespace: 'registry', name: 'shared' }]);

    const none = new SparkJob(new Chart(Testing.app(), 'test'), 'Job', { ...base, imagePullSecrets: ['acr-pull'], placement: SparkPlacement.recommended() });
    expect(none.addImageCache({ imagePullSecrets: [] }).imagePullSecrets).toEqual([]);
    const inDefault = new SparkJob(new Chart(Testing.app(), 'test'), 'Job', { ...base, imagePullSecrets: ['acr-pull'], placement: SparkPlacement.recommended() });
    expect(inDefault.addImageCache().imagePullSecrets).toEqual([{ namespace: 'default', name: 'acr-pull' }]);
  });

  test('addImageCache refuses at synth a job that never runs on ECI', () => {
    const chart = new Chart(Testing.app(), 'test');
    const job = new SparkJob(chart, 'Job', base);
    job.addImageCache();
    expect(() => Testing.synth(chart)).toThrow(
      'addImageCache() needs a role whose pods may run on ECI (place the job with eciOnly, ecsFirst or resourcePolicy, '
      + 'or give a role the ECI toleration) (got "no placement")');
  });

  test('addImageCache matches on the roles that may run on ECI as the job renders: a placement given after it counts', () => {
    const chart = new Chart(Testing.app(), 'test');
    const job = new SparkJob(chart, 'Job', base);
    const renders = jest.spyOn(job, '_render');
    job.addImageCache();
    expect(renders).not.toHaveBeenCalled();
    job.place(SparkPlacement.recommended()); // driver ECS only, executors ECS first then ECI
    const written = Testing.synth(chart).find(o => o.kind === 'SparkApplication').spec;
    expect(written.executor.annotations).toMatchObject({ 'k8s.aliyun.com/eci-image-cache': 'true' });
    expect(written.driver.annotations?.['k8s.aliyun.com/eci-image-cache']).toBeUndefined();
    renders.mockRestore();
  });
});

describe('contradictions are errors at synth', () => {
  test('ECI options on a role placed ECS only', () => {
    expect(() => spec({
      driver: { annotations: { 'k8s.aliyun.com/eci-spot-strategy': 'SpotAsPriceGo' } },
      placement: SparkPlacement.recommended(),
    })).toThrow('driver.annotations must not carry ECI options on a role placed ECS only (EciPlacement.ecsOnly()), where they never take effect; '
      + 'place it with EciPlacement.eciOnly(), ecsFirst() or resourcePolicy() (got "k8s.aliyun.com/eci-spot-strategy")');
  });

  test('the alibabacloud.com/eci label with a ResourcePolicy placement', () => {
    expect(() => spec({
      executor: { labels: { 'alibabacloud.com/eci': 'true' } },
      placement: SparkPlacement.of(EciPlacement.resourcePolicy()),
    })).toThrow('executor.labels must not contain "alibabacloud.com/eci" under a ResourcePolicy: the label forces ECI and overrides the policy\'s units');
  });

  test('a price limit without SpotWithPriceLimit', () => {
    expect(() => EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo(), spotPriceLimit: 0.5 } as any }))
      .toThrow('EciSpot.withPriceLimit(pricePerHour)');
  });

  test('the template mechanism with Spark < 3.0', () => {
    expect(() => spec({ sparkVersion: '2.4.8', placement: SparkPlacement.of(EciPlacement.eciOnly(), PlacementTarget.POD_TEMPLATE) }))
      .toThrow('placement.mechanism POD_TEMPLATE writes pod templates, which Spark applies only since 3.0; use PlacementTarget.SPEC_FIELDS (got "sparkVersion 2.4.8")');
  });

  test('more than 5 instance specs', () => {
    const specs = [1, 2, 4, 8, 16, 32].map(gib => EciInstanceSpec.size(2, Size.gibibytes(gib)));
    expect(() => EciPlacement.eciOnly({ eci: { instanceSpecs: specs } })).toThrow('eci.instanceSpecs must have at most 5 entries');
  });

  test('more than 3 custom tags', () => {
    expect(() => EciPlacement.ecsFirst({ eci: { customTags: { a: '1', b: '2', c: '3', d: '4' } } })).toThrow('eci.customTags must have at most 3 tags');
  });

  test('a second placement', () => {
    const chart = new Chart(Testing.app(), 'test');
    const job = new SparkJob(chart, 'Job', { ...base, placement: SparkPlacement.recommended() });
    expect(() => job.place(SparkPlacement.recommended())).toThrow('placement can be given once per job (props.placement, place(), or ResourcePolicyUnits.addJob() on a job without one');
  });
});

describe('unused-share warning with instance specs', () => {
  test('says the given specs decide the size instead of claiming no smaller size fits', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const executor = EciPlacement.eciOnly({ eci: { instanceSpecs: [EciInstanceSpec.size(2, Size.gibibytes(4))] } });
      spec({ placement: SparkPlacement.perRole({ executor }) });
      const messages = warn.mock.calls.map(call => String(call[0]));
      expect(messages.some(m => m.includes('billed as 2-4Gi') && m.includes('the instance specs given (2-4Gi) decide the size; put a smaller one that fits first'))).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });
});
