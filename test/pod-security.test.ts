import { Chart, Testing } from 'cdk8s';
import {
  EciPlacement, PlacementTarget, SparkJob, SparkJobProps, SparkPlacement,
} from '../src';
import { expectValidManifests } from './support/crd-schema';
import { MINIMAL_JOB } from './support/jobs';
import { synth } from './support/synth';
import { SparkEciValidationError } from '../src/private/errors';
import { PodSecurityPreset } from '../src/spark/pod-security';

const minimal: SparkJobProps = MINIMAL_JOB;

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'jobs' });
}

function render(props: Partial<SparkJobProps>, configure?: (job: SparkJob) => void): any {
  const c = chart();
  const job = new SparkJob(c, 'Job', { ...minimal, metadata: { name: 'spark-pi' }, ...props });
  configure?.(job);
  const manifests = synth(c);
  expectValidManifests(manifests);
  return manifests[0];
}

const HARDENED_POD = { runAsNonRoot: true, runAsUser: 185, seccompProfile: { type: 'RuntimeDefault' } };
const HARDENED_CONTAINER = { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

describe('PodSecurityPreset.HARDENED', () => {
  test('hardens driver and executors through the spec fields and the pod templates', () => {
    const manifest = render({ podSecurity: PodSecurityPreset.HARDENED });
    expect(manifest).toMatchSnapshot();
    for (const role of ['driver', 'executor']) {
      const spec = manifest.spec[role];
      expect(spec.podSecurityContext).toEqual(HARDENED_POD);
      expect(spec.securityContext).toEqual(HARDENED_CONTAINER);
      expect(spec.template).toEqual({
        spec: {
          securityContext: HARDENED_POD,
          containers: [{ name: `spark-kubernetes-${role}`, securityContext: HARDENED_CONTAINER }],
        },
      });
    }
  });

  test('applyPodSecurity() renders like the prop', () => {
    expect(render({}, job => job.applyPodSecurity(PodSecurityPreset.HARDENED)))
      .toEqual(render({ podSecurity: PodSecurityPreset.HARDENED }));
  });

  test('writes only the spec fields with Spark < 3.0, which has no pod templates', () => {
    const manifest = render({ sparkVersion: '2.4.8', podSecurity: PodSecurityPreset.HARDENED });
    expect(manifest.spec.driver.podSecurityContext).toEqual(HARDENED_POD);
    expect(manifest.spec.driver.template).toBeUndefined();
    expect(manifest.spec.executor.template).toBeUndefined();
  });

  test('writes where the preset\'s target says', () => {
    const templateOnly = render({ podSecurity: PodSecurityPreset.hardened({ target: PlacementTarget.POD_TEMPLATE }) });
    expect(templateOnly.spec.driver.podSecurityContext).toBeUndefined();
    expect(templateOnly.spec.driver.securityContext).toBeUndefined();
    expect(templateOnly.spec.driver.template.spec.securityContext).toEqual(HARDENED_POD);
    const specOnly = render({ podSecurity: PodSecurityPreset.hardened({ target: PlacementTarget.SPEC_FIELDS }) });
    expect(specOnly.spec.executor.template).toBeUndefined();
    expect(specOnly.spec.executor.securityContext).toEqual(HARDENED_CONTAINER);
  });

  test('takes the UID, groups and read-only root filesystem from its options', () => {
    const manifest = render({
      podSecurity: PodSecurityPreset.hardened({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 2000, readOnlyRootFilesystem: true }),
    });
    const pod = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } };
    expect(manifest.spec.driver.podSecurityContext).toEqual(pod);
    expect(manifest.spec.driver.securityContext).toEqual({ ...HARDENED_CONTAINER, readOnlyRootFilesystem: true });
    expect(manifest.spec.executor.template.spec.securityContext).toEqual(pod);
  });

  test.each([
    [{ runAsUser: 0 }, 'PodSecurityPreset.hardened() options.runAsUser must be an integer from 1 to 2147483647 (got 0)'],
    [{ runAsUser: 1.5 }, 'PodSecurityPreset.hardened() options.runAsUser must be an integer from 1 to 2147483647 (got 1.5)'],
    [{ fsGroup: -1 }, 'PodSecurityPreset.hardened() options.fsGroup must be an integer from 0 to 2147483647 (got -1)'],
    [{ target: 'SOMEWHERE' as PlacementTarget }, 'PodSecurityPreset.hardened() options.target must be one of SPEC_FIELDS, POD_TEMPLATE, BOTH (PlacementTarget)'],
  ])('refuses options %j', (options, message) => {
    expect(() => PodSecurityPreset.hardened(options)).toThrow(SparkEciValidationError);
    expect(() => PodSecurityPreset.hardened(options)).toThrow(message);
  });

  test('hardens sidecars and init containers too', () => {
    const manifest = render({
      podSecurity: PodSecurityPreset.HARDENED,
      executor: {
        sidecars: [{ name: 'log-shipper', image: 'fluent-bit:3' }],
        initContainers: [{ name: 'fetch', image: 'busybox:1', securityContext: { readOnlyRootFilesystem: true } }],
      },
    });
    expect(manifest.spec.executor.sidecars).toEqual([{ name: 'log-shipper', image: 'fluent-bit:3', securityContext: HARDENED_CONTAINER }]);
    expect(manifest.spec.executor.initContainers[0].securityContext).toEqual({ ...HARDENED_CONTAINER, readOnlyRootFilesystem: true });
  });

  test('keeps the user\'s stricter or unrelated values', () => {
    const manifest = render({
      podSecurity: PodSecurityPreset.HARDENED,
      driver: {
        podSecurityContext: { runAsUser: 1001, fsGroup: 3000, seccompProfile: { type: 'Localhost', localhostProfile: 'spark.json' } },
        securityContext: { readOnlyRootFilesystem: true, capabilities: { drop: ['NET_RAW'], add: ['NET_BIND_SERVICE'] } },
      },
    });
    expect(manifest.spec.driver.podSecurityContext).toEqual({
      runAsNonRoot: true, runAsUser: 1001, fsGroup: 3000, seccompProfile: { type: 'Localhost', localhostProfile: 'spark.json' },
    });
    expect(manifest.spec.driver.securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL', 'NET_RAW'], add: ['NET_BIND_SERVICE'] },
    });
  });

  test('merges into a pod template the user wrote, keeping its containers and placement', () => {
    const manifest = render({
      podSecurity: PodSecurityPreset.HARDENED,
      placement: SparkPlacement.perRole({ executor: EciPlacement.eciOnly(), mechanism: PlacementTarget.BOTH }),
      executor: {
        template: {
          metadata: { labels: { team: 'data' } },
          spec: {
            containers: [
              { name: 'spark-kubernetes-executor', securityContext: { runAsUser: 2000 } },
              { name: 'proxy', image: 'envoy:1' },
            ],
          },
        },
      },
    });
    const template = manifest.spec.executor.template;
    expect(template.metadata).toEqual({ labels: { team: 'data' } });
    expect(template.spec.securityContext).toEqual(HARDENED_POD);
    expect(template.spec.containers).toEqual([
      { name: 'spark-kubernetes-executor', securityContext: { ...HARDENED_CONTAINER, runAsUser: 2000 } },
      { name: 'proxy', image: 'envoy:1', securityContext: HARDENED_CONTAINER },
    ]);
    expect(template.spec.tolerations).toHaveLength(1);
    expect(template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toBeDefined();
  });

  test('is merged at synth, whenever the user\'s values were set', () => {
    const manifest = render({ podSecurity: PodSecurityPreset.HARDENED }, job => {
      job.driver.setPodSecurityContext({ runAsUser: 4242 }, { target: PlacementTarget.BOTH });
      job.driver.setSecurityContext({ readOnlyRootFilesystem: true }, { target: PlacementTarget.BOTH });
    });
    expect(manifest.spec.driver.podSecurityContext.runAsUser).toEqual(4242);
    expect(manifest.spec.driver.template.spec.securityContext.runAsUser).toEqual(4242);
    expect(manifest.spec.driver.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(manifest.spec.driver.template.spec.containers[0]).toEqual({
      name: 'spark-kubernetes-driver', securityContext: { ...HARDENED_CONTAINER, readOnlyRootFilesystem: true },
    });
  });

  test.each([
    ['driver.podSecurityContext.runAsNonRoot must not be false', { driver: { podSecurityContext: { runAsNonRoot: false } } }],
    ['driver.podSecurityContext.runAsUser must not be 0 (root)', { driver: { podSecurityContext: { runAsUser: 0 } } }],
    ['executor.podSecurityContext.seccompProfile.type must be RuntimeDefault or Localhost',
      { executor: { podSecurityContext: { seccompProfile: { type: 'Unconfined' } } } }],
    ['executor.securityContext.privileged must not be true', { executor: { securityContext: { privileged: true } } }],
    ['driver.securityContext.allowPrivilegeEscalation must not be true', { driver: { securityContext: { allowPrivilegeEscalation: true } } }],
    ['driver.securityContext.capabilities.add may only add NET_BIND_SERVICE',
      { driver: { securityContext: { capabilities: { add: ['SYS_ADMIN'] } } } }],
    ['driver.securityContext.runAsUser must not be 0 (root)', { driver: { securityContext: { runAsUser: 0 } } }],
    ['executor.sidecars[0].securityContext.privileged must not be true',
      { executor: { sidecars: [{ name: 'debug', image: 'busybox', securityContext: { privileged: true } }] } }],
    ['driver.template.spec.containers[0].securityContext.allowPrivilegeEscalation must not be true',
      { driver: { template: { spec: { containers: [{ name: 'spark-kubernetes-driver', securityContext: { allowPrivilegeEscalation: true } }] } } } }],
    ['executor.template.spec.securityContext.runAsNonRoot must not be false',
      { executor: { template: { spec: { containers: [], securityContext: { runAsNonRoot: false } } } } }],
  ])('refuses at synth a value that weakens it: %s', (message, props) => {
    expect(() => render({ ...props as Partial<SparkJobProps>, podSecurity: PodSecurityPreset.HARDENED }))
      .toThrow(`${message} with PodSecurityPreset.hardened(), which it would weaken; remove it or drop the preset (got `);
  });

  test('leaves a job without the preset exactly as before', () => {
    const manifest = render({ driver: { podSecurityContext: { runAsUser: 0 }, securityContext: { privileged: true } } });
    expect(manifest.spec.driver).toEqual({ podSecurityContext: { runAsUser: 0 }, securityContext: { privileged: true } });
  });
});

describe('security context mutators', () => {
  test('setSecurityContext() writes the spec field, the template\'s Spark container, or both', () => {
    const manifest = render({}, job => {
      job.executor.setSecurityContext({ runAsUser: 1000 });
      job.executor.setPodSecurityContext({ fsGroup: 1000 }, { target: PlacementTarget.POD_TEMPLATE });
      job.driver.setSecurityContext({ runAsUser: 1001 }, { target: PlacementTarget.POD_TEMPLATE });
    });
    expect(manifest.spec.executor.securityContext).toEqual({ runAsUser: 1000 });
    expect(manifest.spec.executor.podSecurityContext).toBeUndefined();
    expect(manifest.spec.executor.template).toEqual({ spec: { securityContext: { fsGroup: 1000 }, containers: [] } });
    expect(manifest.spec.driver.securityContext).toBeUndefined();
    expect(manifest.spec.driver.template).toEqual({
      spec: { containers: [{ name: 'spark-kubernetes-driver', securityContext: { runAsUser: 1001 } }] },
    });
  });

  test('a template security context needs Spark >= 3.0, like any template', () => {
    expect(() => render({ sparkVersion: '2.4.8' }, job => job.driver.setSecurityContext({ runAsUser: 1 }, { target: PlacementTarget.BOTH })))
      .toThrow('driver.template needs sparkVersion >= 3.0');
  });

  test('replaces the prop\'s value', () => {
    const manifest = render({ driver: { securityContext: { runAsUser: 1 } } }, job => job.driver.setSecurityContext({ runAsUser: 2 }));
    expect(manifest.spec.driver.securityContext).toEqual({ runAsUser: 2 });
  });

  test('exposes the preset and the container name', () => {
    const job = new SparkJob(chart(), 'Job', { ...minimal, podSecurity: PodSecurityPreset.HARDENED });
    expect(job.driver.podSecurity).toBe(PodSecurityPreset.HARDENED);
    expect(job.driver.containerName).toEqual('spark-kubernetes-driver');
    expect(job.executor.containerName).toEqual('spark-kubernetes-executor');
  });
});
