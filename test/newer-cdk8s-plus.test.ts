// Values from an app's own, newer cdk8s-plus (cdk8s-plus-33 is what `cdk8s init` gives today):
// they type-check against the library's cdk8s-plus-28 props (this file compiles with ts-jest) and
// their fields newer than Kubernetes 1.28 reach the YAML.
import { Size, Testing } from 'cdk8s';
import * as plus28 from 'cdk8s-plus-28';
import { Cpu, EnvValue, ImagePullPolicy, Protocol, ServiceType, k8s } from 'cdk8s-plus-33';
import { ElasticQuotaTree, ResourcePolicyUnit, ResourcePolicyUnits, SparkJob, SparkPodSelector } from '../src';
import { expectValidManifests } from './support/crd-schema';
import { MINIMAL_JOB } from './support/jobs';
import { synth } from './support/synth';
import { k8sJson } from '../src/private/k8s-json';

// Fields Kubernetes added after 1.28, typed by cdk8s-plus-33 (a variable of the app's own type is
// structurally a cdk8s-plus-28 value; an inline literal is checked against 1.28: README).
const podSecurityContext: k8s.PodSecurityContext = {
  runAsNonRoot: true,
  supplementalGroupsPolicy: 'Strict', // 1.31
  seLinuxChangePolicy: 'MountOption', // 1.32
  appArmorProfile: { type: 'RuntimeDefault' }, // 1.30
};
const securityContext: k8s.SecurityContext = { allowPrivilegeEscalation: false, appArmorProfile: { type: 'RuntimeDefault' } };
const imageVolume: k8s.Volume = { name: 'models', image: { reference: 'registry.example/models:1', pullPolicy: 'IfNotPresent' } }; // 1.31
const mount: k8s.VolumeMount = { name: 'models', mountPath: '/models', readOnly: true, recursiveReadOnly: 'IfPossible' }; // 1.30
const sidecar: k8s.Container = {
  name: 'proxy',
  image: 'envoy:1',
  ports: [{ containerPort: 9901 }],
  resources: { limits: { cpu: k8s.Quantity.fromString('250m') } },
  securityContext: { appArmorProfile: { type: 'Unconfined' } },
};

function jobWithNewerValues() {
  const chart = Testing.chart();
  const job = new SparkJob(chart, 'Job', {
    ...MINIMAL_JOB,
    imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
    sparkUiOptions: { serviceType: ServiceType.NODE_PORT },
    volumes: [imageVolume],
    driver: {
      cores: 1,
      coreLimit: Cpu.millis(1200),
      memory: Size.mebibytes(512),
      env: { MODE: EnvValue.fromValue('batch'), POD: EnvValue.fromFieldRef(plus28.EnvFieldPaths.POD_NAME) },
      podSecurityContext,
      securityContext,
      volumeMounts: [mount],
      sidecars: [sidecar],
      ports: [{ name: 'metrics', containerPort: 9090, protocol: Protocol.UDP }],
    },
    executor: { instances: 2, cores: 1, coreRequest: Cpu.units(1), memory: Size.gibibytes(2), volumeMounts: [mount] },
  });
  return { chart, job };
}

describe('values from a newer cdk8s-plus', () => {
  test('writes Cpu, EnvValue and the enums of cdk8s-plus-33', () => {
    const { chart } = jobWithNewerValues();
    const [app] = synth(chart);
    expect(app.spec.imagePullPolicy).toBe('IfNotPresent');
    expect(app.spec.sparkUIOptions.serviceType).toBe('NodePort');
    expect(app.spec.driver.ports).toEqual([{ name: 'metrics', containerPort: 9090, protocol: 'UDP' }]);
    expect(app.spec.driver.coreLimit).toBe('1200m');
    expect(app.spec.executor.coreRequest).toBe('1');
    expect(app.spec.driver.env).toEqual([
      { name: 'MODE', value: 'batch' },
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ]);
  });

  test('keeps the fields Kubernetes added after 1.28 in pass-through structures', () => {
    const { chart } = jobWithNewerValues();
    const manifests = synth(chart);
    const spec = manifests[0].spec;
    expect(spec.volumes).toEqual([{ name: 'models', image: { reference: 'registry.example/models:1', pullPolicy: 'IfNotPresent' } }]);
    expect(spec.driver.volumeMounts).toEqual([{ name: 'models', mountPath: '/models', readOnly: true, recursiveReadOnly: 'IfPossible' }]);
    expect(spec.driver.podSecurityContext).toEqual({
      runAsNonRoot: true,
      supplementalGroupsPolicy: 'Strict',
      seLinuxChangePolicy: 'MountOption',
      appArmorProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.driver.securityContext).toEqual({ allowPrivilegeEscalation: false, appArmorProfile: { type: 'RuntimeDefault' } });
    expectValidManifests(manifests);
  });

  test('renders each structure as cdk8s-plus-33 itself renders it', () => {
    // cdk8s-plus-33's own toJson is the reference for every field, old and new, renamed or not.
    expect(k8sJson.toJson_Container(sidecar)).toEqual(k8s.toJson_Container(sidecar));
    expect(k8sJson.toJson_Volume(imageVolume)).toEqual(k8s.toJson_Volume(imageVolume));
    expect(k8sJson.toJson_VolumeMount(mount)).toEqual(k8s.toJson_VolumeMount(mount));
    expect(k8sJson.toJson_PodSecurityContext(podSecurityContext)).toEqual(k8s.toJson_PodSecurityContext(podSecurityContext));
    const template: k8s.PodTemplateSpec = {
      metadata: { labels: { app: 'spark' } },
      spec: { hostIpc: false, containers: [sidecar], securityContext: podSecurityContext, volumes: [imageVolume] },
    };
    expect(k8sJson.toJson_PodTemplateSpec(template)).toEqual(k8s.toJson_PodTemplateSpec(template));
    expect(k8sJson.toJson_PodTemplateSpec(template)?.spec.hostIPC).toBe(false);
  });

  test('leaves cdk8s-plus-28 values as cdk8s-plus-28 renders them', () => {
    const container: plus28.k8s.Container = { name: 'c', ports: [{ containerPort: 80 }], livenessProbe: { httpGet: { port: plus28.k8s.IntOrString.fromNumber(80) } } };
    expect(k8sJson.toJson_Container(container)).toEqual(plus28.k8s.toJson_Container(container));
    expect(k8sJson.toJson_Container(undefined)).toBeUndefined();
  });

  test('takes a cdk8s-plus-33 Cpu for quotas and ResourcePolicy units', () => {
    const chart = Testing.chart();
    new ElasticQuotaTree(chart, 'Quota', { root: { name: 'root', max: { cpu: Cpu.units(8), memory: Size.gibibytes(32) } } });
    new ResourcePolicyUnits(chart, 'Policy', {
      selector: SparkPodSelector.allSparkPods(),
      units: [ResourcePolicyUnit.ecs({ max: 2, maxResources: { cpu: Cpu.millis(4500) } }), ResourcePolicyUnit.eci()],
    });
    const [quota, policy] = Testing.synth(chart);
    expect(quota.spec.root.max.cpu).toBe('8');
    expect(policy.spec.units[0].maxResources).toEqual({ cpu: '4500m' });
  });
});
