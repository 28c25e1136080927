import { Chart, Testing } from 'cdk8s';
import { EciPlacement, EciSpot, RemoteShuffle, SparkJob, SparkPlacement } from '../src';
import { renderJob, SHUFFLE_BASE } from './support/shuffle-jobs';
import { planReportOf } from '../src/checks/cluster-check';
import { renderTable } from '../src/cli/render';
import { planManifests } from '../src/model/plan';

const SPOT = 'k8s.aliyun.com/eci-spot-strategy';

describe('SparkPlacement.spotResilient()', () => {
  test('keeps the driver on ECS, puts executors on spot ECI with fallback and api-evict, and turns on decommissioning', () => {
    const app = renderJob({ placement: SparkPlacement.spotResilient({ fallbackStoragePath: 'oss://my-bucket/spark-fallback/' }) });
    expect(app.spec.driver.annotations).toBeUndefined();
    expect(app.spec.driver.tolerations).toBeUndefined();
    expect(app.spec.executor.annotations).toEqual({
      [SPOT]: 'SpotAsPriceGo',
      'k8s.aliyun.com/eci-spot-fallback': 'true',
      'k8s.aliyun.com/eci-spot-release-strategy': 'api-evict',
    });
    expect(app.spec.sparkConf).toEqual({
      'spark.decommission.enabled': 'true',
      'spark.storage.decommission.enabled': 'true',
      'spark.storage.decommission.shuffleBlocks.enabled': 'true',
      'spark.storage.decommission.rddBlocks.enabled': 'true',
      'spark.storage.decommission.fallbackStorage.path': 'oss://my-bucket/spark-fallback/',
    });
    expect(app).toMatchSnapshot();
  });

  test('with Celeborn, moves only RDD blocks and accepts a spot bid without api-evict', () => {
    const app = renderJob({
      shuffle: RemoteShuffle.celeborn({ masterEndpoints: ['celeborn-master-0:9097'] }),
      placement: SparkPlacement.spotResilient({ executorSpot: EciSpot.asPriceGo({ fallbackToOnDemand: true }) }),
    });
    expect(app.spec.sparkConf['spark.storage.decommission.shuffleBlocks.enabled']).toBe('false');
    expect(app.spec.sparkConf['spark.storage.decommission.rddBlocks.enabled']).toBe('true');
  });

  test('refuses a spot driver, naming it', () => {
    expect(() => SparkPlacement.spotResilient({ driver: EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() } }) }))
      .toThrow('SparkPlacement.spotResilient() driver must not run on spot ECI: a reclaimed driver fails the whole job; '
        + 'use EciPlacement.ecsOnly() or a pay-as-you-go ECI placement (got "driver eci.spot SpotAsPriceGo")');
  });

  test('refuses spot without api-evict when shuffle files stay on the executors', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new SparkJob(chart, 'Job', { ...SHUFFLE_BASE, placement: SparkPlacement.spotResilient({ executorSpot: EciSpot.asPriceGo() }) }))
      .toThrow('SparkPlacement.spotResilient() executorSpot must have gracefulRelease: true (api-evict) when shuffle files stay on the executors');
  });

  test('refuses a spot bid in executorEci, a bad fallback path and unknown options', () => {
    expect(() => SparkPlacement.spotResilient({ executorEci: { spot: EciSpot.asPriceGo() } }))
      .toThrow('SparkPlacement.spotResilient() executorEci.spot must be left out: give the bidding as executorSpot');
    expect(() => SparkPlacement.spotResilient({ fallbackStoragePath: 'oss://bucket/no-slash' }))
      .toThrow('SparkPlacement.spotResilient() fallbackStoragePath must be a URI with a scheme ending in "/", e.g. "oss://my-bucket/spark-fallback/" (got "oss://bucket/no-slash")');
    expect(() => SparkPlacement.spotResilient({ fallback: 'x' } as any))
      .toThrow('SparkPlacement.spotResilient() options.fallback must be one of the known keys');
  });

  test('the synth plan says what a reclaim does', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
    new SparkJob(chart, 'Job', { ...SHUFFLE_BASE, placement: SparkPlacement.spotResilient({ fallbackStoragePath: 'oss://my-bucket/spark-fallback/' }) });
    expect(planReportOf(chart).jobs[0].spotReclaim).toBe(
      'executors on spot ECI (SpotAsPriceGo, protected for 1 h, pay-as-you-go when no spot stock); on reclaim ECI evicts the pod through the API '
      + '(api-evict) on the 3 to 5 minutes\' notice; Spark decommissions it within the 30 s grace period, moving shuffle and RDD blocks to other '
      + 'executors or to oss://my-bucket/spark-fallback/; blocks not moved in time are recomputed; Spark asks for a new executor');
  });
});

function handWritten(driverAnnotations: string, executorAnnotations: string, sparkConf: string): string {
  return `apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: etl
  namespace: default
spec:
  type: Scala
  sparkVersion: 3.5.2
  mainApplicationFile: local:///opt/app.jar
  sparkConf:
${sparkConf}  driver:
    cores: 2
    annotations:
${driverAnnotations}    tolerations:
      - {key: virtual-kubelet.io/provider, operator: Equal, value: alibabacloud, effect: NoSchedule}
  executor:
    instances: 3
    cores: 2
    terminationGracePeriodSeconds: 120
    annotations:
${executorAnnotations}    tolerations:
      - {key: virtual-kubelet.io/provider, operator: Equal, value: alibabacloud, effect: NoSchedule}
`;
}

describe('the spot-reclaim line of hand-written YAML', () => {
  test('decommissioning with api-evict: blocks move within the grace period', () => {
    const report = planManifests([{
      file: 'etl.yaml',
      text: handWritten('      x: "1"\n', `      k8s.aliyun.com/eci-spot-strategy: SpotWithPriceLimit
      k8s.aliyun.com/eci-spot-price-limit: "0.5"
      k8s.aliyun.com/eci-spot-duration: "0"
      k8s.aliyun.com/eci-spot-release-strategy: api-evict
`, `    spark.decommission.enabled: "true"
    spark.storage.decommission.enabled: "true"
    spark.storage.decommission.rddBlocks.enabled: "false"
`),
    }]);
    const line = report.jobs[0].spotReclaim;
    expect(line).toBe('executors on spot ECI (SpotWithPriceLimit, no protection period, no pay-as-you-go fallback); on reclaim ECI evicts the pod '
      + 'through the API (api-evict) on the 3 to 5 minutes\' notice; Spark decommissions it within the 120 s grace period, moving shuffle blocks '
      + 'to other executors; blocks not moved in time are recomputed; Spark asks for a new executor');
    expect(renderTable(report)).toContain(`  spot        ${line}`);
  });

  test('no eviction and no decommissioning, with a spot driver: shuffle lost and the job at risk', () => {
    const report = planManifests([{
      file: 'etl.yaml',
      text: handWritten('      k8s.aliyun.com/eci-spot-strategy: SpotAsPriceGo\n',
        '      k8s.aliyun.com/eci-spot-strategy: SpotAsPriceGo\n', '    spark.executor.cores: "2"\n'),
    }]);
    expect(report.jobs[0].spotReclaim).toBe('executors on spot ECI (SpotAsPriceGo, protected for 1 h, no pay-as-you-go fallback); on reclaim the pod '
      + 'fails with BidFailed after 3 to 5 minutes\' notice, without an eviction Spark could react to; its shuffle files are lost and Spark reruns '
      + 'the tasks that wrote them (add api-evict and decommissioning, or a remote shuffle service); Spark asks for a new executor; the driver is '
      + 'on spot too, and a reclaimed driver fails the whole job');
    expect(report.jobs[0].problems.map(p => p.code)).toContain('SPOT_DRIVER');
  });

  test('a remote shuffle service: nothing recomputed', () => {
    const report = planManifests([{
      file: 'etl.yaml',
      text: handWritten('      x: "1"\n', '      k8s.aliyun.com/eci-spot-strategy: SpotAsPriceGo\n',
        '    spark.shuffle.manager: org.apache.spark.shuffle.celeborn.SparkShuffleManager\n'),
    }]);
    expect(report.jobs[0].spotReclaim).toContain('its shuffle data is in the remote shuffle service (org.apache.spark.shuffle.celeborn.SparkShuffleManager): nothing is recomputed');
  });

  test('no line for executors that are not spot', () => {
    const report = planManifests([{ file: 'etl.yaml', text: handWritten('      x: "1"\n', '      x: "1"\n', '    a: b\n') }]);
    expect(report.jobs[0].spotReclaim).toBeNull();
  });
});
