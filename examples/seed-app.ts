// The seed document's manifests, written with the library's public API only.
// Each chart synthesizes to examples/dist/<chart id>.k8s.yaml.
import { App, Chart, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
// In your own app: import { ... } from 'cdk8s-spark-eci';
import {
  DecisionRecording, DeployMode, EciImageCache, EciPlacement, PendingPods, PreemptPolicy, ResourcePolicyUnit, ResourcePolicyUnits,
  SparkApplicationType, SparkJob, SparkJobProps, SparkPlacement, SparkPodSelector,
} from '../src';

/** The SparkPi job every seed manifest runs. */
const sparkPi: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  mode: DeployMode.CLUSTER,
  image: 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2',
  mainClass: 'org.apache.spark.examples.SparkPi',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  arguments: ['5000'],
  sparkVersion: '3.5.2',
  driver: {
    cores: 1,
    coreLimit: Cpu.millis(1200),
    memory: Size.mebibytes(512),
    serviceAccount: 'spark-operator-spark',
  },
  executor: {
    instances: 2,
    cores: 2,
    memory: Size.gibibytes(4),
  },
};

/** One chart per seed manifest, all in the `default` namespace like the seed. */
class SeedChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'default' });
    // The seed's manifests are reproduced byte for byte, so its jobs keep their decisions (the
    // ResourcePolicy chart accepts a Pending executor) out of the YAML: synthesis applies them,
    // `plan` on these files uses its own defaults.
    DecisionRecording.disable(this);
  }
}

/** Defines the seed's manifests in `app`. */
export function defineSeedCharts(app: App): void {
  // "只使用ECS资源" (ECS only): nothing to add, the ECI taint keeps pods off virtual nodes.
  new SparkJob(new SeedChart(app, 'spark-pi-ecs-only'), 'SparkPi', {
    ...sparkPi,
    metadata: { name: 'spark-pi-ecs-only' },
  });

  // "只使用ECI弹性资源" (ECI only): tolerate the ECI taint, require virtual nodes.
  new SparkJob(new SeedChart(app, 'spark-pi-eci-only'), 'SparkPi', {
    ...sparkPi,
    metadata: { name: 'spark-pi-eci-only' },
    placement: SparkPlacement.of(EciPlacement.eciOnly()),
  });

  // "优先使用ECS资源..." (ECS first, ECI when ECS is short): tolerate, prefer non-virtual nodes.
  new SparkJob(new SeedChart(app, 'spark-pi-ecs-first'), 'SparkPi', {
    ...sparkPi,
    metadata: { name: 'spark-pi-ecs-first' },
    placement: SparkPlacement.of(EciPlacement.ecsFirst()),
  });

  // "自定义弹性资源优先级调度" (ResourcePolicy): 2 pods of each submission on amd64 ECS, 3 on ECI.
  const policyChart = new SeedChart(app, 'spark-pi-resource-policy');
  const policy = new ResourcePolicyUnits(policyChart, 'Policy', {
    metadata: { name: 'sparkapplication-resource-policy' },
    ignorePreviousPod: true,
    ignoreTerminatingPod: false,
    preemptPolicy: PreemptPolicy.AFTER_ALL_UNITS,
    // The seed's selector: every pod the operator launches in the namespace, a budget per submission.
    selector: SparkPodSelector.allSparkPods(),
    units: [
      ResourcePolicyUnit.ecs({ max: 2, nodeSelector: { 'kubernetes.io/arch': 'amd64' } }),
      ResourcePolicyUnit.eci({ max: 3 }),
    ],
  });
  const fiveExecutors = new SparkJob(policyChart, 'SparkPi', {
    ...sparkPi,
    metadata: { name: 'spark-pi' },
    executor: { instances: 5, cores: 1, coreLimit: Cpu.millis(1200), memory: Size.mebibytes(512) },
  });
  // The seed shows one executor Pending on purpose; without ALLOW, synthesis would fail.
  policy.addJob(fiveExecutors, { pendingPods: PendingPods.ALLOW });

  // "使用ImageCache加速镜像拉取": the job before an image cache is used...
  new SparkJob(new SeedChart(app, 'spark-pi-image-cache-baseline'), 'SparkPi', {
    ...sparkPi,
    metadata: { name: 'spark-pi' },
  });

  // ...then on ECI with the cache the first run created, by id...
  new SparkJob(new SeedChart(app, 'spark-pi-eci-only-image-cache-id'), 'SparkPi', {
    ...sparkPi,
    metadata: { name: 'spark-pi-eci-only' },
    placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.id('imc-2zeXXXXXXXXXXXXXXXXX') } })),
  });

  // ...or with a cache created and matched automatically.
  new SparkJob(new SeedChart(app, 'spark-pi-eci-only-image-cache-auto'), 'SparkPi', {
    ...sparkPi,
    metadata: { name: 'spark-pi-eci-only' },
    placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { imageCache: EciImageCache.auto() } })),
  });
}
