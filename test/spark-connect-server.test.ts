import { Chart, Size, Testing } from 'cdk8s';
import {
  EciInstanceSpec, EciPlacement, EciSpot, PodSecurityPreset, RemoteShuffle, SparkClusterProfile, SparkConnectServer, SparkConnectServerProps,
  SparkEventLog, SparkPlacement, SparkRole,
} from '../src';
import { SparkConnect } from './imports/spark-connect-sparkoperator.k8s.io';
import { expectValidManifests } from './support/crd-schema';
import { synth } from './support/synth';
import { SPARK_CONNECT_GVK } from '../src/private/bindings';

const base: SparkConnectServerProps = {
  metadata: { name: 'connect' },
  sparkVersion: '4.0.1',
  image: 'spark:4.0.1',
  server: { cores: 2, memory: Size.gibibytes(4) },
  executor: { instances: 2, cores: 2, memory: Size.gibibytes(8) },
};

function render(props: Partial<SparkConnectServerProps> = {}, configure?: (s: SparkConnectServer) => void): any {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
  const server = new SparkConnectServer(chart, 'Connect', { ...base, ...props });
  configure?.(server);
  const manifests = synth(chart);
  expectValidManifests(manifests);
  return manifests.find(m => m.kind === 'SparkConnect');
}

const TOLERATION = { key: 'virtual-kubelet.io/provider', operator: 'Equal', value: 'alibabacloud', effect: 'NoSchedule' };

describe('SparkConnectServer', () => {
  test('renders a SparkConnect the operator\'s CRD accepts', () => {
    const manifest = render();
    expect({ apiVersion: manifest.apiVersion, kind: manifest.kind }).toEqual(SparkConnect.GVK);
    expect(SPARK_CONNECT_GVK).toEqual(SparkConnect.GVK);
    expect(manifest.spec).toEqual({
      sparkVersion: '4.0.1',
      image: 'spark:4.0.1',
      server: { cores: 2, memory: '4g' },
      executor: { cores: 2, memory: '8g', instances: 2 },
    });
  });

  test('server on ECS, executors on spot ECI: every rule goes into the pod templates', () => {
    const manifest = render({
      placement: SparkPlacement.spotResilient({ executorEci: { instanceSpecs: [EciInstanceSpec.size(2, Size.gibibytes(16))] } }),
      shuffle: RemoteShuffle.celeborn({ masterEndpoints: ['celeborn-master-0:9097'] }),
      eventLog: SparkEventLog.toOss('oss://my-bucket/spark-events/'),
      dynamicAllocation: { minExecutors: 0, maxExecutors: 20 },
    });
    expect(manifest.spec.server.template).toBeUndefined();
    const template = manifest.spec.executor.template;
    expect(template.metadata.annotations).toEqual({
      'k8s.aliyun.com/eci-use-specs': '2-16Gi',
      'k8s.aliyun.com/eci-spot-strategy': 'SpotAsPriceGo',
      'k8s.aliyun.com/eci-spot-fallback': 'true',
      'k8s.aliyun.com/eci-spot-release-strategy': 'api-evict',
    });
    expect(template.spec.tolerations).toEqual([TOLERATION]);
    expect(template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms)
      .toEqual([{ matchExpressions: [{ key: 'type', operator: 'In', values: ['virtual-kubelet'] }] }]);
    expect(manifest.spec.dynamicAllocation).toEqual({ enabled: true, minExecutors: 0, maxExecutors: 20, shuffleTrackingEnabled: false });
    expect(manifest.spec.sparkConf['spark.shuffle.manager']).toBe('org.apache.spark.shuffle.celeborn.SparkShuffleManager');
    expect(manifest.spec.sparkConf['spark.storage.decommission.shuffleBlocks.enabled']).toBe('false');
    expect(manifest.spec.sparkConf['spark.eventLog.dir']).toBe('oss://my-bucket/spark-events/');
    expect(manifest).toMatchSnapshot();
  });

  test('merges labels, annotations and placement into a given server template', () => {
    const manifest = render({
      server: {
        cores: 2,
        labels: { team: 'bi' },
        template: { metadata: { annotations: { a: '1' } }, spec: { containers: [{ name: 'spark-kubernetes-driver', resources: { requests: {} } }] } },
      },
      placement: SparkPlacement.perRole({ driver: EciPlacement.ecsFirst() }),
    });
    const template = manifest.spec.server.template;
    expect(template.metadata).toEqual({ labels: { team: 'bi' }, annotations: { a: '1' } });
    expect(template.spec.tolerations).toEqual([TOLERATION]);
    expect(template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 1, preference: { matchExpressions: [{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }] } },
    ]);
    expect(template.spec.containers[0].name).toBe('spark-kubernetes-driver');
  });

  test('refuses a spot server in the preset, old Spark, no image and unknown role keys', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new SparkConnectServer(chart, 'A', {
      ...base, placement: SparkPlacement.spotResilient({ driver: EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() } }) }),
    })).toThrow('SparkPlacement.spotResilient() driver must not run on spot ECI');
    expect(() => new SparkConnectServer(chart, 'B', { ...base, sparkVersion: '3.3.2' }))
      .toThrow('sparkVersion must be a Spark version of at least 3.4, Spark Connect\'s first release, e.g. "4.0.1" (got "3.3.2")');
    expect(() => new SparkConnectServer(chart, 'C', { ...base, image: '' }))
      .toThrow('image is required: the operator refuses a SparkConnect without one (got "")');
    expect(() => new SparkConnectServer(chart, 'D', { ...base, server: { instances: 2 } as any }))
      .toThrow('server.instances must be one of the known keys (cores, memory, labels, annotations, template) (got 2)');
    expect(() => new SparkConnectServer(chart, 'E', { ...base, dynamicAllocation: { minExecutors: 5, maxExecutors: 2 } }))
      .toThrow('dynamicAllocation must have minExecutors <= initialExecutors <= maxExecutors');
    expect(() => new SparkConnectServer(chart, 'F', { ...base, sparkConf: { 'spark.hadoop.fs.oss.accessKeySecret': 'x' } }))
      .toThrow('sparkConf["spark.hadoop.fs.oss.accessKeySecret"] must not hold a credential in clear text');
  });

  test('offers no mutator for what SparkConnect has no field for, and refuses a name too long for the server pod', () => {
    const chart = new Chart(Testing.app(), 'test');
    const server = new SparkConnectServer(chart, 'Connect', { ...base, metadata: { name: 'a'.repeat(57) } });
    // A role is cores, memory, instances and a pod template: sidecars, env and the rest go in the template.
    expect(server.executor).not.toBeInstanceOf(SparkRole);
    for (const method of ['addSidecar', 'addInitContainer', 'addEnv', 'addVolumeMount', 'useServiceAccount']) {
      expect((server.executor as any)[method]).toBeUndefined();
    }
    expect(() => synth(chart)).toThrow(/metadata\.name .*56/);
  });

  test('the roles\' mutators write into their pod templates: labels, node selectors, security', () => {
    const manifest = render({}, s => {
      s.executor.addLabel('team', 'bi');
      s.executor.addNodeSelector('pool', 'spark');
      s.executor.applyPodSecurity(PodSecurityPreset.HARDENED);
      expect(s.executor.labels).toEqual({ team: 'bi' });
      expect(s.executor.podSecurity).toBe(PodSecurityPreset.HARDENED);
      expect(s.server.hasTemplate).toBe(false);
    });
    const template = manifest.spec.executor.template;
    expect(template.metadata).toEqual({ labels: { team: 'bi' } });
    expect(template.spec.nodeSelector).toEqual({ pool: 'spark' });
    expect(template.spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(template.spec.containers).toEqual([expect.objectContaining({ name: 'spark-kubernetes-executor', securityContext: expect.objectContaining({ allowPrivilegeEscalation: false }) })]);
    expect(manifest.spec.server.template).toBeUndefined();
  });

  test('under a cluster profile: refused before operator 2.3 and outside the watched namespaces', () => {
    const chartUnder = (profile: SparkClusterProfile, namespace: string) => {
      const app = Testing.app();
      profile.attachTo(app);
      const chart = new Chart(app, 'test', { namespace });
      new SparkConnectServer(chart, 'Connect', base);
      return chart;
    };
    expect(() => synth(chartUnder(SparkClusterProfile.upstream('2.2.1', { jobNamespaces: ['spark'] }), 'spark')))
      .toThrow(/SparkConnectServer needs Spark Operator >= 2\.3, which added the SparkConnect CRD .*\(got "operatorVersion 2\.2\.1"\)/);
    expect(() => synth(chartUnder(SparkClusterProfile.upstream('2.5.2', { jobNamespaces: ['spark'] }), 'default')))
      .toThrow(/namespace must be one the operator watches \(the cluster profile's jobNamespaces: spark\).*\(got "default"\)/);
    expect(synth(chartUnder(SparkClusterProfile.upstream('2.3.0', { jobNamespaces: ['spark'] }), 'spark'))).toHaveLength(1);
  });
});
