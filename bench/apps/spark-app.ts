// A small app using the package (the built lib/, as a consumer would), for `tsc --noEmit` timing.
import { App, Chart, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import {
  EciImageCache, EciPlacement, PendingPods, ResourcePolicyUnit, ResourcePolicyUnits, SparkApplicationType, SparkJob,
  SparkPlacement,
} from '../../lib';

const app = new App();
const chart = new Chart(app, 'spark', { namespace: 'default' });

const policy = new ResourcePolicyUnits(chart, 'Policy', {
  metadata: { name: 'spark-policy' },
  ignorePreviousPod: true,
  units: [
    ResourcePolicyUnit.ecs({ max: 2, nodeSelector: { 'kubernetes.io/arch': 'amd64' } }),
    ResourcePolicyUnit.eci({ max: 3 }),
  ],
});

const job = new SparkJob(chart, 'SparkPi', {
  metadata: { name: 'spark-pi' },
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2',
  mainClass: 'org.apache.spark.examples.SparkPi',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
  arguments: ['5000'],
  driver: { cores: 1, coreLimit: Cpu.millis(1200), memory: Size.mebibytes(512), serviceAccount: 'spark-operator-spark' },
  executor: { instances: 5, cores: 1, coreLimit: Cpu.millis(1200), memory: Size.mebibytes(512) },
  placement: SparkPlacement.of(EciPlacement.resourcePolicy({ eci: { imageCache: EciImageCache.auto() } })),
});
job.addSparkConf('spark.sql.shuffle.partitions', '200');
policy.addJob(job, { pendingPods: PendingPods.ALLOW });
job.addImageCache();

app.synth();
