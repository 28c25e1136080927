// The same small app with cdk8s-plus-28 only (a Deployment), for `tsc --noEmit` timing.
import { App, Chart, Size } from 'cdk8s';
import { Cpu, Deployment, EnvValue, Node, NodeLabelQuery, NodeTaintQuery, TaintEffect } from 'cdk8s-plus-28';

const app = new App();
const chart = new Chart(app, 'web', { namespace: 'default' });

const deployment = new Deployment(chart, 'Web', {
  metadata: { name: 'web' },
  replicas: 5,
  podMetadata: { annotations: { 'k8s.aliyun.com/eci-image-cache': 'true' } },
  containers: [{
    name: 'web',
    image: 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2',
    args: ['5000'],
    portNumber: 8080,
    resources: {
      cpu: { request: Cpu.millis(1000), limit: Cpu.millis(1200) },
      memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) },
    },
  }],
});
deployment.containers[0].env.addVariable('SPARK_SQL_SHUFFLE_PARTITIONS', EnvValue.fromValue('200'));
deployment.scheduling.tolerate(Node.tainted(NodeTaintQuery.is('virtual-kubelet.io/provider', 'alibabacloud', { effect: TaintEffect.NO_SCHEDULE })));
deployment.scheduling.attract(Node.labeled(NodeLabelQuery.notIn('type', ['virtual-kubelet'])), { weight: 1 });

app.synth();
