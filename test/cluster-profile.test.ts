import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Size, Testing } from 'cdk8s';
import { EnvValue, k8s } from 'cdk8s-plus-28';
import { parse } from 'yaml';
import {
  JobQueue, OperatorWebhook, PodSecurityPreset, RestartPolicy, ResourcePolicyUnit, ResourcePolicyUnits,
  ScheduledSparkJob, ScheduledTimestampPrecision, ScratchDisk, SparkApplicationType, SparkClusterProfile, SparkJob, SparkJobDefaults, SparkJobProps,
} from '../src';
import { createCrdValidator, operatorCrdDirectory } from './support/crd-schema';
import { synth } from './support/synth';
import { APPLICATION_FIELDS, SCHEDULED_FIELDS } from '../src/profile/operator-fields';
import { webhookFieldUses } from '../src/profile/webhook-fields';

const base: SparkJobProps = {
  metadata: { name: 'etl' },
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'spark:3.5.2',
  mainClass: 'org.example.Etl',
  mainApplicationFile: 'local:///opt/app/etl.jar',
  executor: { instances: 2 },
};

function chartWith(profile?: SparkClusterProfile, namespace = 'default'): Chart {
  const app = Testing.app();
  profile?.attachTo(app);
  return new Chart(app, 'test', { namespace });
}

function errorsOf(build: (chart: Chart) => void, profile: SparkClusterProfile, namespace = 'default'): string {
  const chart = chartWith(profile, namespace);
  build(chart);
  try {
    synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

const TAGS = ['v2.0.2', 'v2.1.1', 'v2.2.1', 'v2.3.0', 'v2.4.0', 'v2.5.2'];
const crdDir = (tag: string) => (tag === 'v2.5.2' ? operatorCrdDirectory! : path.join(operatorCrdDirectory!, 'versions', tag));
const haveCrds = operatorCrdDirectory !== undefined && fs.existsSync(path.join(operatorCrdDirectory, 'versions'));

describe('the version-per-field table', () => {
  /** Every schema path of a CRD's spec: keys joined by `.`, `[]` for list items. */
  function schemaPaths(tag: string, file: string): Set<string> {
    const crd = parse(fs.readFileSync(path.join(crdDir(tag), file), 'utf8'));
    const out = new Set<string>();
    const walk = (s: any, p: string) => {
      if (!s || typeof s !== 'object') { return; }
      if (p) { out.add(p); }
      for (const [k, v] of Object.entries(s.properties ?? {})) { walk(v, p ? `${p}.${k}` : k); }
      if (s.items) { walk(s.items, `${p}[]`); }
    };
    walk(crd.spec.versions.find((v: any) => v.name === 'v1beta2').schema.openAPIV3Schema.properties.spec, '');
    return out;
  }
  /** The topmost paths each release added, as `{ field, since }`. */
  function derived(file: string, under?: string): Array<{ field: string; since: string }> {
    const out: Array<{ field: string; since: string }> = [];
    for (let i = 1; i < TAGS.length; i++) {
      const before = schemaPaths(TAGS[i - 1], file);
      const added = [...schemaPaths(TAGS[i], file)].filter(p => !before.has(p));
      const top = added.filter(a => !added.some(b => b !== a && (a.startsWith(`${b}.`) || a.startsWith(`${b}[]`))));
      const since = TAGS[i].slice(1).split('.').slice(0, 2).join('.');
      for (const p of top) {
        if (under === undefined) { out.push({ field: p, since }); } else if (p.startsWith(`${under}.`)) { out.push({ field: p.slice(under.length + 1), since }); }
      }
    }
    return out.sort((a, b) => a.field.localeCompare(b.field));
  }
  const table = (t: readonly { field: string; since: string }[]) =>
    t.map(({ field, since }) => ({ field, since })).sort((a, b) => a.field.localeCompare(b.field));

  (haveCrds ? test : test.skip)('matches the SparkApplication CRDs of every release', () => {
    expect(table(APPLICATION_FIELDS)).toEqual(derived('sparkoperator.k8s.io_sparkapplications.yaml'));
  });

  (haveCrds ? test : test.skip)('matches the ScheduledSparkApplication CRDs of every release', () => {
    const scheduled = derived('sparkoperator.k8s.io_scheduledsparkapplications.yaml');
    expect(table(SCHEDULED_FIELDS)).toEqual(scheduled.filter(f => !f.field.startsWith('template.')));
    expect(table(APPLICATION_FIELDS)).toEqual(derived('sparkoperator.k8s.io_scheduledsparkapplications.yaml', 'template'));
  });
});

describe('SparkClusterProfile', () => {
  test('presets say what they stand for', () => {
    const ack = SparkClusterProfile.ackSparkOperator();
    expect([ack.operatorVersion, ack.webhook, ack.jobNamespaces, ack.kubernetesVersion]).toEqual(['2.1.1', OperatorWebhook.ENABLED, ['default'], '1.33']);
    const up = SparkClusterProfile.upstream('v2.5.2', { webhook: OperatorWebhook.DISABLED, scheduledTimestampPrecision: ScheduledTimestampPrecision.MINUTES });
    expect([up.operatorVersion, up.webhook, up.maxScheduledNameLength, up.toString()])
      .toEqual(['2.5.2', OperatorWebhook.DISABLED, 54, 'upstream("v2.5.2") (operator 2.5.2, webhook DISABLED)']);
  });

  test('refuses what no operator has', () => {
    expect(() => SparkClusterProfile.upstream('1.1.0')).toThrow('operatorVersion must be a Spark Operator release 2.0.0 or later, such as "2.5.2" (got "1.1.0")');
    expect(() => SparkClusterProfile.upstream('2.4.0', { scheduledTimestampPrecision: ScheduledTimestampPrecision.MICROS }))
      .toThrow('scheduledTimestampPrecision needs Spark Operator >= 2.5.0');
    expect(() => SparkClusterProfile.upstream('2.5.2', { webhook: 'off' as any })).toThrow('options.webhook must be one of ENABLED, DISABLED, UNKNOWN (OperatorWebhook) (got "off")');
    expect(() => SparkClusterProfile.upstream('2.5.2', { jobNamespaces: [] })).toThrow('jobNamespaces must list at least one namespace');
    expect(() => SparkClusterProfile.upstream('2.5.2', { kubernetesVersion: '33' })).toThrow('kubernetesVersion must be a Kubernetes version');
  });

  test('one profile per scope, the nearest one wins, a job prop wins over both', () => {
    const app = Testing.app();
    SparkClusterProfile.upstream('2.5.2').attachTo(app);
    expect(() => SparkClusterProfile.upstream('2.4.0').attachTo(app)).toThrow('attachTo() takes one profile per scope');
    const chart = new Chart(app, 'c');
    SparkClusterProfile.upstream('2.2.1').attachTo(chart);
    const job = new SparkJob(chart, 'a', base);
    const own = new SparkJob(chart, 'b', { ...base, metadata: { name: 'b' }, profile: SparkClusterProfile.upstream('2.0.2') });
    expect([job.clusterProfile?.operatorVersion, own.clusterProfile?.operatorVersion]).toEqual(['2.2.1', '2.0.2']);
    expect(() => new SparkJob(chart, 'x', { ...base, profile: {} as any })).toThrow('profile must be made with SparkClusterProfile.upstream()');
  });

  test('without a profile nothing changes', () => {
    const a = chartWith();
    new SparkJob(a, 'j', { ...base, driver: { env: { A: EnvValue.fromValue('1') } } });
    const b = chartWith(SparkClusterProfile.upstream('2.5.2'));
    new SparkJob(b, 'j', { ...base, driver: { env: { A: EnvValue.fromValue('1') } } });
    expect(synth(b)).toEqual(synth(a));
  });

  test.each([
    ['ackSparkOperator', SparkClusterProfile.ackSparkOperator()],
    ['upstream 2.5.2, webhook off', SparkClusterProfile.upstream('2.5.2', { webhook: OperatorWebhook.DISABLED })],
    ['upstream 2.0.2', SparkClusterProfile.upstream('2.0.2')],
  ])('snapshot under the %s preset', (_name, profile) => {
    const chart = chartWith(profile);
    new SparkJob(chart, 'job', {
      ...base,
      volumes: [{ name: 'data', emptyDir: {} }],
      driver: { env: { MODE: EnvValue.fromValue('batch') }, priorityClassName: 'high', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
      executor: { instances: 2, tolerations: [{ key: 'k', operator: 'Exists' }], nodeSelector: { pool: 'spark' } },
    });
    expect(synth(chart)).toMatchSnapshot();
  });
});

describe('gates', () => {
  const up = (v: string, o = {}) => SparkClusterProfile.upstream(v, o);

  test('fields newer than the operator', () => {
    const errors = errorsOf(c => new SparkJob(c, 'j', {
      ...base,
      driver: { memoryLimit: Size.gibibytes(2), template: { metadata: { labels: { a: 'b' } } } },
      dynamicAllocation: { maxExecutors: 4, shuffleTracking: true },
      deps: { archives: ['local:///a.zip'] },
    }), up('2.0.2'));
    expect(errors).toContain('deps.archives needs Spark Operator >= 2.1, whose CRD added it (an older CRD prunes it); the cluster profile is upstream("2.0.2") (got "operatorVersion 2.0.2")');
    expect(errors).toContain('driver.template needs Spark Operator >= 2.1');
    expect(errors).toContain('driver.memoryLimit needs Spark Operator >= 2.2');
    expect(errors).toContain('dynamicAllocation.shuffleTracking (dynamicAllocation.shuffleTrackingEnabled) needs Spark Operator >= 2.2');
    expect(errorsOf(c => new SparkJob(c, 'j', { ...base, driver: { memoryLimit: Size.gibibytes(2) } }), up('2.2.1'))).toBe('');
  });

  test('a scheduled job\'s timeZone needs 2.2', () => {
    expect(errorsOf(c => new ScheduledSparkJob(c, 'j', { ...base, schedule: '@daily', timeZone: 'UTC' }), up('2.1.1')))
      .toContain('timeZone needs Spark Operator >= 2.2');
  });

  test('queues need 2.4', () => {
    const errors = errorsOf(c => new SparkJob(c, 'j', { ...base, queue: JobQueue.ackKubeQueue() }), up('2.3.0'));
    expect(errors).toContain('queue needs Spark Operator >= 2.4, which added suspend');
    expect(errors).not.toContain('suspend needs');
    expect(errorsOf(c => new SparkJob(c, 'j', { ...base, queue: JobQueue.kueue('q') }), up('2.4.0'))).toBe('');
  });

  test('scheduled names against the timestamp precision', () => {
    const name = 'n'.repeat(47);
    const build = (c: Chart) => new ScheduledSparkJob(c, 'j', { ...base, metadata: { name }, schedule: '@daily' });
    expect(errorsOf(build, up('2.5.2', { scheduledTimestampPrecision: ScheduledTimestampPrecision.MICROS })))
      .toContain('metadata.name must be at most 46 characters: the operator names runs <name>-<timestamp> with 16 digits at scheduledTimestampPrecision micros');
    expect(errorsOf(build, up('2.5.2', { scheduledTimestampPrecision: ScheduledTimestampPrecision.MILLIS }))).toBe('');
  });

  test('a namespace the operator does not watch', () => {
    expect(errorsOf(c => new SparkJob(c, 'j', base), SparkClusterProfile.ackSparkOperator(), 'spark'))
      .toContain('namespace must be one the operator watches (the cluster profile\'s jobNamespaces: default)');
    expect(errorsOf(c => new SparkJob(c, 'j', base), up('2.5.2', { jobNamespaces: [''] }), 'spark')).toBe('');
  });

  test('ResourcePolicy fields against the profile\'s kube-scheduler version', () => {
    const chart = chartWith(up('2.5.2', { kubeSchedulerVersion: '6.0.0' }));
    expect(() => new ResourcePolicyUnits(chart, 'p', { ignorePreviousPod: true, units: [ResourcePolicyUnit.ecs({ max: 1 })] }))
      .toThrow("ignorePreviousPod needs kube-scheduler 6.1 or later, but the cluster profile's kubeSchedulerVersion is 6.0.0");
  });

  test('with the webhook off, fields no template can carry are refused', () => {
    const off = { webhook: OperatorWebhook.DISABLED };
    expect(errorsOf(c => new SparkJob(c, 'j', { ...base, executor: { memoryLimit: Size.gibibytes(3) } }), up('2.5.2', off)))
      .toContain('executor.memoryLimit is applied only by the operator\'s webhook, which the cluster profile turns off: Spark sets');
    expect(errorsOf(c => new SparkJob(c, 'j', { ...base, sparkVersion: '2.4.8', driver: { priorityClassName: 'p' } }), up('2.5.2', off)))
      .toContain('driver.priorityClassName is applied only by the operator\'s webhook, which the cluster profile turns off, and cannot go into the pod template');
    expect(errorsOf(c => new SparkJob(c, 'j', { ...base, sparkConfigMap: 'conf' }), up('2.5.2', off))).toContain('sparkConfigMap is applied only by the operator');
  });

  test('with the webhook state unknown, the output stays and each field is warned about once', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const chart = chartWith(up('2.5.2', { webhook: OperatorWebhook.UNKNOWN }));
    new SparkJob(chart, 'j', { ...base, driver: { env: { A: EnvValue.fromValue('1') } } });
    const manifest = synth(chart)[0];
    synth(chart);
    expect(manifest.spec.driver.env).toEqual([{ name: 'A', value: '1' }]);
    const lines = warn.mock.calls.map(c => String(c[0])).filter(l => l.includes('driver.env is applied to the pods only by the operator\'s webhook'));
    expect(lines).toHaveLength(1);
    warn.mockRestore();
  });
});

/** A job using every webhook-only field and every versioned field the library writes. */
function broadApp(profile: SparkClusterProfile, scheduled: boolean): Chart {
  const chart = chartWith(profile);
  const newer = (since: string) => profile.operatorAtLeast(since);
  const role = {
    env: { A: EnvValue.fromValue('1') },
    volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'spark-local-dir-1', mountPath: '/tmp/spark' }],
    tolerations: [{ key: 'virtual-kubelet.io/provider', operator: 'Exists' }],
    nodeSelector: { pool: 'spark' },
    affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] } },
    sidecars: [{ name: 'log', image: 'busybox' }],
    initContainers: [{ name: 'init', image: 'busybox' }],
    priorityClassName: 'batch',
    hostAliases: [{ ip: '10.0.0.1', hostnames: ['a'] }],
    configMaps: [{ name: 'extra', path: '/etc/extra' }],
    securityContext: { runAsNonRoot: true } as k8s.SecurityContext,
    gpu: { name: 'nvidia.com/gpu', quantity: 1 },
    ports: [{ name: 'ui2', containerPort: 4041 }],
    terminationGracePeriod: undefined,
    memoryLimit: newer('2.2') && profile.webhook !== OperatorWebhook.DISABLED ? Size.gibibytes(3) : undefined,
    template: newer('2.1') ? { metadata: { labels: { t: 'x' } } } : undefined,
  };
  const props = {
    ...base,
    volumes: [{ name: 'data', emptyDir: {} }, { name: 'spark-local-dir-1', emptyDir: {} }],
    deps: newer('2.1') ? { archives: ['local:///a.zip'] } : undefined,
    dynamicAllocation: { maxExecutors: 4, shuffleTracking: newer('2.2') ? true : undefined },
    queue: newer('2.4') ? JobQueue.ackKubeQueue() : undefined,
    podSecurity: PodSecurityPreset.HARDENED,
    driver: role,
    executor: { ...role, instances: 2 },
  };
  if (scheduled) {
    new ScheduledSparkJob(chart, 'job', { ...props, schedule: '@daily', timeZone: newer('2.2') ? 'UTC' : undefined });
  } else {
    new SparkJob(chart, 'job', props);
  }
  return chart;
}

describe('each release\'s profile against that release\'s CRD', () => {
  const cases = TAGS.flatMap(tag => [OperatorWebhook.ENABLED, OperatorWebhook.DISABLED].flatMap(webhook =>
    [false, true].map(scheduled => [tag, webhook, scheduled] as const)));
  (haveCrds ? test.each : test.skip.each)(cases)('%s, webhook %s, scheduled %s: nothing pruned', (tag, webhook, scheduled) => {
    const profile = SparkClusterProfile.upstream(tag, { webhook });
    // The webhook-off output needs templates, which operator 2.0 cannot take: refused there (tested above).
    if (webhook === OperatorWebhook.DISABLED && !profile.operatorAtLeast('2.1')) { return; }
    const manifests = synth(broadApp(profile, scheduled));
    createCrdValidator({ operatorCrdDirectory: crdDir(tag) }).expectValidManifests(manifests);
  });
});

describe('webhook-free rendering', () => {
  test('no SparkApplication carries a per-role field only the webhook applies', () => {
    const profile = SparkClusterProfile.upstream('2.5.2', { webhook: OperatorWebhook.DISABLED });
    const manifests = [...synth(broadApp(profile, false)), ...synth(broadApp(profile, true))];
    for (const m of manifests.filter(x => /SparkApplication$/.test(x.kind))) {
      const spec = m.kind === 'ScheduledSparkApplication' ? m.spec.template : m.spec;
      expect(webhookFieldUses(spec)).toEqual([]);
    }
    const driver = manifests[0].spec.driver;
    expect(driver.volumeMounts).toEqual([{ name: 'spark-local-dir-1', mountPath: '/tmp/spark' }]);
    expect(driver.template.spec.containers[0]).toMatchObject({
      name: 'spark-kubernetes-driver',
      env: [{ name: 'A', value: '1' }],
      volumeMounts: [{ name: 'extra-vol', mountPath: '/etc/extra' }, { name: 'data', mountPath: '/data' }],
      resources: { limits: { 'nvidia.com/gpu': '1' } },
    });
    expect(driver.template.spec.containers.map((c: any) => c.name)).toEqual(['spark-kubernetes-driver', 'log']);
    expect(driver.template.spec.priorityClassName).toBe('batch');
    expect(driver.template.metadata.labels).toEqual({ t: 'x' });
  });

  test('scratch disks alone need no pod template: the operator hands spark-local-dir mounts to Spark', () => {
    const chart = chartWith(SparkClusterProfile.upstream('2.5.2', { webhook: OperatorWebhook.DISABLED }));
    new SparkJob(chart, 'job', {
      ...base,
      driver: { scratch: ScratchDisk.ofSize(Size.gibibytes(50)) },
      executor: { instances: 2, scratch: ScratchDisk.ofSize(Size.gibibytes(100)) },
    });
    const spec = synth(chart)[0].spec;
    expect(webhookFieldUses(spec)).toEqual([]);
    expect(spec.driver.template).toBeUndefined();
    expect(spec.executor.template).toBeUndefined();
    expect(spec.executor.volumeMounts).toEqual([{ name: 'spark-local-dir-executor', mountPath: '/var/data/spark-local-dir-executor' }]);
  });

  test('the example app, under a webhook-off profile, carries none either', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { defineExampleApp } = require('../examples/example-app');
    const app = new App({ outdir: fs.mkdtempSync('/tmp/profile-') });
    SparkClusterProfile.upstream('2.5.2', { webhook: OperatorWebhook.DISABLED, jobNamespaces: [''] }).attachTo(app);
    defineExampleApp(app);
    const manifests = app.charts.flatMap(c => Testing.synth(c));
    const apps = manifests.filter((m: any) => m.kind === 'SparkApplication');
    expect(apps.length).toBeGreaterThan(0);
    for (const m of apps) { expect(webhookFieldUses(m.spec)).toEqual([]); }
    createCrdValidator().expectValidManifests(manifests);
  });
});

describe('SparkJobDefaults', () => {
  test('jobs inherit, their own props win, lists and maps merge without duplicates', () => {
    const app = Testing.app();
    new SparkJobDefaults(app, 'Platform', {
      image: 'registry/spark:3.5.2',
      imagePullSecrets: ['acr'],
      sparkConf: { 'spark.eventLog.enabled': 'true', 'spark.ui.enabled': 'false' },
      labels: { team: 'data' },
      serviceAccount: 'spark',
      restartPolicy: RestartPolicy.never(),
    });
    const chart = new Chart(app, 'c');
    new SparkJobDefaults(chart, 'Team', { labels: { team: 'bi', cost: 'c1' } });
    const { image: _image, ...noImage } = base;
    const job = new SparkJob(chart, 'j', {
      ...noImage, imagePullSecrets: ['acr', 'own'], sparkConf: { 'spark.ui.enabled': 'true' }, driver: { labels: { cost: 'c2' } },
    });
    const spec = synth(chart)[0].spec;
    expect(spec.image).toBe('registry/spark:3.5.2');
    expect(spec.imagePullSecrets).toEqual(['acr', 'own']);
    expect(spec.sparkConf).toEqual({ 'spark.eventLog.enabled': 'true', 'spark.ui.enabled': 'true' });
    expect(spec.driver.labels).toEqual({ team: 'bi', cost: 'c2' });
    expect(spec.executor.labels).toEqual({ team: 'bi', cost: 'c1' });
    expect(spec.driver.serviceAccount).toBe('spark');
    expect(spec.restartPolicy).toEqual({ type: 'Never' });
    expect(job.describeDefaults()).toEqual({
      'image': 'Platform',
      'imagePullSecrets["acr"]': 'job',
      'sparkConf["spark.eventLog.enabled"]': 'Platform',
      'sparkConf["spark.ui.enabled"]': 'job',
      'driver.labels["team"]': 'c/Team',
      'driver.labels["cost"]': 'job',
      'executor.labels["team"]': 'c/Team',
      'executor.labels["cost"]': 'c/Team',
      'driver.serviceAccount': 'Platform',
      'restartPolicy': 'Platform',
    });
  });

  test('refuses what a job would refuse', () => {
    expect(() => new SparkJobDefaults(Testing.app(), 'd', { sparkConf: { 'spark.kubernetes.container.image': 'x' } })).toThrow('spark.kubernetes.container.image');
    expect(() => new SparkJobDefaults(Testing.app(), 'd', { podSecurity: {} as any })).toThrow('podSecurity must be PodSecurityPreset.HARDENED');
  });
});
