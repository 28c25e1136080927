import { Chart, Duration, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import {
  EciPlacement, EciSpot, ElasticQuotaTree, ImageCache, PodSecurityPreset, ResourcePolicyUnit, ResourcePolicyUnits, ScratchDisk, SparkConnectServer,
  SparkDriverRbac, SparkEciValidationError, SparkJob, SparkJobDefaults, SparkJobProps, SparkPlacement,
} from '../src';
import { MINIMAL_JOB } from './support/jobs';

describe('SparkEciValidationError', () => {
  test('is exported from the package', () => {
    expect(typeof SparkEciValidationError).toBe('function');
    expect(new SparkEciValidationError('x must be y (got 1)')).toBeInstanceOf(Error);
  });

  test('is what a refused prop throws, with the message form <prop> <allowed> (got <value>)', () => {
    let thrown: unknown;
    try {
      new SparkJob(Testing.chart(), 'Job', { ...MINIMAL_JOB, executor: { instances: 0 } });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SparkEciValidationError);
    expect((thrown as Error).name).toBe('SparkEciValidationError');
    expect((thrown as Error).message).toBe('executor.instances must be an integer >= 1 (got 0)');
  });
});

/**
 * One prop-path dialect in every message: the prop as the user wrote it, from where the user wrote
 * it: a construct's props (`executor.memory`, `units[0].max`), a method's arguments
 * (`driver.preferNodeAffinity() weight`, `grantDriverRbac() options.serviceAccount`) or a factory's
 * (`EciSpot.asPriceGo() options.protectionHours`). Never `props.`, an internal name
 * (`memoryMebibytes`, `eci unit`), nor a YAML path where the user wrote a prop.
 */
describe('every message starts with the prop as the user wrote it', () => {
  /** The message of what `build` throws, or of the first error its synth reports (without `[path] `). */
  function refusal(build: (chart: Chart) => void): string {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'jobs' });
    try {
      build(chart);
      Testing.synth(chart);
    } catch (e) {
      const message = (e as Error).message;
      const synth = /^Validation failed with the following errors:\n\s*\[[^\]]*\] (.*)$/m.exec(message);
      return synth ? synth[1] : message;
    }
    return '';
  }
  const job = (props: () => Partial<SparkJobProps>) => (c: Chart) => new SparkJob(c, 'Job', { ...MINIMAL_JOB, ...props() } as SparkJobProps);
  const any = (x: unknown) => x as any;

  test.each<[string, (chart: Chart) => void, string]>([
    ['a fraction of a core', job(() => ({ executor: { cores: 0.5 } })), 'executor.cores must be an integer from 1 to 2147483647 (whole cores: for a fraction of a core set coreRequest'],
    // Named as written, the value exact (not `executor.memoryMebibytes ... (got 0)`).
    ['one KiB of memory (at synth)', job(() => ({ executor: { memory: Size.kibibytes(1) } })),
      'executor.memory must be at least 1m: Spark gives the JVM no heap below that (got "1k")'],
    ['a misspelt prop', job(() => any({ imagePullSecret: ['acr'] })), 'imagePullSecret must be one of the known keys'],
    ['a misspelt role prop', job(() => any({ driver: { core: 1 } })), 'driver.core must be one of the known keys'],
    ['a bad gang', job(() => ({ gang: { minAvailable: 0 } })), 'gang.minAvailable must be an integer'],
    ['a fractional timeToLive', job(() => ({ timeToLive: Duration.millis(5) })), 'timeToLive must be a whole number of seconds'],
    ['an ECI option of a placement', job(() => ({ placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { maxPending: Duration.minutes(1) } })) })),
      'eci.maxPending (minutes) must be an integer from 10 to 1440'],
    ['spot protection', () => EciSpot.asPriceGo({ protectionHours: -1 }), 'EciSpot.asPriceGo() options.protectionHours must be an integer >= 0'],
    ['spot protection with a price limit', () => EciSpot.withPriceLimit(0.5, { protectionHours: 1.5 }),
      'EciSpot.withPriceLimit() options.protectionHours must be an integer >= 0'],
    ['a unit max', () => ResourcePolicyUnit.eci({ max: -1 }), 'ResourcePolicyUnit.eci() options.max must be an integer >= 0'],
    ['a unit label', () => ResourcePolicyUnit.ecs({ podLabels: { 'a b': 'x' } }), 'ResourcePolicyUnit.ecs() options.podLabels key must be'],
    ['a unit cap', () => ResourcePolicyUnit.acs({ maxResources: { cpu: Cpu.units(-1) } }), 'ResourcePolicyUnit.acs() options.maxResources.cpu must be'],
    ['a unit max on an old scheduler', c => new ResourcePolicyUnits(c, 'P', { schedulerVersion: '4.9.0', units: [ResourcePolicyUnit.ecs(), ResourcePolicyUnit.eci({ max: 1 })] }),
      'units[1].max needs kube-scheduler 5.0 or later'],
    ['a scratch size', () => ScratchDisk.ofSize(Size.mebibytes(1536)), 'ScratchDisk.ofSize() size must be a whole number of GiB'],
    ['a hardened UID', () => PodSecurityPreset.hardened({ runAsUser: 0 }), 'PodSecurityPreset.hardened() options.runAsUser must be an integer'],
    ['an affinity weight', c => new SparkJob(c, 'Job', MINIMAL_JOB).executor.preferNodeAffinity(0, { key: 'a', operator: 'Exists' }),
      'executor.preferNodeAffinity() weight must be an integer from 1 to 100'],
    ['a misspelt method option', c => new SparkJob(c, 'Job', MINIMAL_JOB).grantDriverRbac(any({ serviceAccount: 'x' })),
      'grantDriverRbac() options.serviceAccount must be one of the known keys'],
    ['a defaults label', c => new SparkJobDefaults(c, 'D', { labels: { 'a b': 'x' } }), 'labels key must be a Kubernetes label key'],
    ['a defaults pull secret', c => new SparkJobDefaults(c, 'D', { imagePullSecrets: ['Acr'] }), 'imagePullSecrets[0] must be a DNS-1123 subdomain'],
    ['an inherited account replaced', c => {
      new SparkJobDefaults(c, 'D', { serviceAccount: 'spark' });
      new SparkJob(c, 'Job', MINIMAL_JOB).grantDriverRbac({ serviceAccountName: 'other' });
    }, 'driver.serviceAccount is already set by SparkJobDefaults test/D'],
    ['a Spark Connect fraction of a core', c => new SparkConnectServer(c, 'S', { sparkVersion: '4.0.1', image: 'spark:4.0.1', server: { cores: 0.5 } }),
      'server.cores must be an integer from 1 to 2147483647 (whole cores: for a fraction of a core set the request of the spark-kubernetes-driver container in server.template'],
    ['a Spark Connect executor\'s fraction of a core', c => new SparkConnectServer(c, 'S', { sparkVersion: '4.0.1', image: 'spark:4.0.1', executor: { cores: 0.5 } }),
      'executor.cores must be an integer from 1 to 2147483647 (whole cores: for a fraction of a core set sparkConf["spark.kubernetes.executor.request.cores"]'],
    ['a misspelt RBAC prop', c => new SparkDriverRbac(c, 'R', any({ serviceAccount: 'x' })), 'serviceAccount must be one of the known keys'],
    ['an image cache size', c => new ImageCache(c, 'C', { images: ['spark:3.5.2'], size: Size.mebibytes(5) }), 'size must be a whole number of GiB'],
    ['a quota amount', () => new ElasticQuotaTree(new Chart(Testing.app(), 'q'), 'Q', {
      root: { name: 'root', max: { gpu: 4 }, children: [{ name: 'etl', namespaces: ['etl'], max: { gpu: -1 } }] },
    }), 'root.children[0].max.gpu must be an integer >= 0'],
  ])('%s', (_name, build, prefix) => {
    const message = refusal(build);
    expect(message.startsWith(`${prefix}`)).toBe(true);
    expect(message).toMatch(/\(got .*\)/);
    expect(message).not.toMatch(/\bprops\.|Mebibytes|Millis\b|^spec\.| unit (max|options|nodeSelector|podLabels|maxResources)/);
  });
});
