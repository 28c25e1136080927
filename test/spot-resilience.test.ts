import { Chart, Testing, Yaml } from 'cdk8s';
import { EciPlacement, EciSpot, RemoteShuffle, SparkEciValidationError, SparkJob, SparkPlacement } from '../src';
import { renderJob, SHUFFLE_BASE } from './support/shuffle-jobs';
import { synth } from './support/synth';
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
      placement: SparkPlacement.spotResilient({ executorSpot: EciSpot.asPriceGo({ fallbackToOnDemand: true, gracefulRelease: false }) }),
    });
    expect(app.spec.executor.annotations['k8s.aliyun.com/eci-spot-release-strategy']).toBeUndefined();
    expect(app.spec.sparkConf['spark.storage.decommission.shuffleBlocks.enabled']).toBe('false');
    expect(app.spec.sparkConf['spark.storage.decommission.rddBlocks.enabled']).toBe('true');
  });

  test('refuses a spot driver, naming it', () => {
    expect(() => SparkPlacement.spotResilient({ driver: EciPlacement.eciOnly({ eci: { spot: EciSpot.asPriceGo() } }) }))
      .toThrow('SparkPlacement.spotResilient() driver must not run on spot ECI: a reclaimed driver fails the whole job; '
        + 'use EciPlacement.ecsOnly() or a pay-as-you-go ECI placement (got "driver eci.spot SpotAsPriceGo")');
  });

  test('releases a given bidding gracefully unless it says otherwise, keeping its price, protection and fallback', () => {
    const app = renderJob({ placement: SparkPlacement.spotResilient({ executorSpot: EciSpot.withPriceLimit(0.5, { protectionHours: 0 }) }) });
    expect(app.spec.executor.annotations).toEqual({
      [SPOT]: 'SpotWithPriceLimit',
      'k8s.aliyun.com/eci-spot-price-limit': '0.5',
      'k8s.aliyun.com/eci-spot-duration': '0',
      'k8s.aliyun.com/eci-spot-release-strategy': 'api-evict',
    });
  });

  test('refuses gracefulRelease: false when shuffle files stay on the executors, naming what to do instead', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new SparkJob(chart, 'Job', { ...SHUFFLE_BASE, placement: SparkPlacement.spotResilient({ executorSpot: EciSpot.asPriceGo({ gracefulRelease: false }) }) }))
      .toThrow('SparkPlacement.spotResilient() executorSpot must not set gracefulRelease: false while shuffle files stay on the executors: without an eviction '
        + '(api-evict) Spark cannot decommission a reclaimed executor and its shuffle files are lost; leave gracefulRelease out (the preset releases '
        + 'gracefully), or use a remote shuffle service (useRemoteShuffle() before place()), or place the executors with SparkPlacement.perRole() to '
        + 'accept lost shuffle files on reclaim (got "gracefulRelease false")');
  });

  test('refuses a spot bid in executorEci, a bad fallback path and unknown options', () => {
    expect(() => SparkPlacement.spotResilient({ executorEci: { spot: EciSpot.asPriceGo() } }))
      .toThrow('SparkPlacement.spotResilient() executorEci.spot must be left out: give the bidding as executorSpot');
    // Issue 28, root cause 7: user info in the fallback path went into sparkConf as it was.
    let message = '';
    try {
      SparkPlacement.spotResilient({ fallbackStoragePath: 'oss://LTAIexample:c2VjcmV0@my-bucket/spark-fallback/' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('SparkPlacement.spotResilient() fallbackStoragePath must not carry credentials in the URI (it has user info');
    expect(message).toContain('(got "oss://***@my-bucket/spark-fallback/")');
    expect(message).not.toMatch(/c2VjcmV0|LTAIexample/);
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

describe('SparkPlacement.recommended() with spot executors', () => {
  const RECLAIM_MIGRATES = 'on reclaim ECI evicts the pod through the API (api-evict) on the 3 to 5 minutes\' notice; Spark decommissions it within '
    + 'the 30 s grace period, moving shuffle and RDD blocks to other executors; blocks not moved in time are recomputed';

  test('releases them gracefully and decommissions them: its own plan shows no lost shuffle files', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
    new SparkJob(chart, 'Job', { ...SHUFFLE_BASE, placement: SparkPlacement.recommended({ executorSpot: EciSpot.asPriceGo() }) });
    const [app] = synth(chart);
    expect(app.spec.executor.annotations).toEqual({ [SPOT]: 'SpotAsPriceGo', 'k8s.aliyun.com/eci-spot-release-strategy': 'api-evict' });
    expect(app.spec.sparkConf).toEqual({
      'spark.decommission.enabled': 'true',
      'spark.storage.decommission.enabled': 'true',
      'spark.storage.decommission.shuffleBlocks.enabled': 'true',
      'spark.storage.decommission.rddBlocks.enabled': 'true',
    });
    expect(planReportOf(chart).jobs[0].spotReclaim).toContain(RECLAIM_MIGRATES);
  });

  test('a spot bidding in executorEci keeps executors ECS first, and its ECI pods get the same graceful release', () => {
    const app = renderJob({ placement: SparkPlacement.recommended({ executorEci: { spot: EciSpot.asPriceGo() } }) });
    expect(app.spec.executor.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    expect(app.spec.executor.annotations['k8s.aliyun.com/eci-spot-release-strategy']).toBe('api-evict');
    expect(app.spec.sparkConf['spark.decommission.enabled']).toBe('true');
    expect(() => SparkPlacement.recommended({ executorSpot: EciSpot.asPriceGo(), executorEci: { spot: EciSpot.asPriceGo() } }))
      .toThrow('SparkPlacement.recommended() executorEci.spot must be left out when executorSpot is given: give the bidding once');
  });

  test('refuses decommissioning turned off in sparkConf, naming the key, and writes nothing into the job', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
    const job = new SparkJob(chart, 'Job', { ...SHUFFLE_BASE, sparkConf: { 'spark.storage.decommission.enabled': 'false' } });
    expect(() => job.place(SparkPlacement.recommended({ executorSpot: EciSpot.asPriceGo() })))
      .toThrow('sparkConf["spark.storage.decommission.enabled"] must not turn decommissioning off with the spot executors of SparkPlacement.recommended(): '
        + 'a reclaimed executor\'s shuffle files would be lost; leave it out (the preset turns it on), or use a remote shuffle service '
        + '(useRemoteShuffle() before place()), or place the executors with SparkPlacement.perRole() to accept lost shuffle files on reclaim (got "false")');
    expect(job.sparkConf).toEqual({ 'spark.storage.decommission.enabled': 'false' });
    expect(() => SparkPlacement.recommended({ executorSpot: 'SpotAsPriceGo' as any }))
      .toThrow('SparkPlacement.recommended() options.executorSpot must be made with EciSpot.asPriceGo() or EciSpot.withPriceLimit() (got "SpotAsPriceGo")');
  });
});

describe('the spot presets keep their promise: a setup they accept loses no shuffle files on reclaim, by its own plan', () => {
  type Preset = 'recommended executorSpot' | 'recommended executorEci.spot' | 'spotResilient';
  const PRESETS: Preset[] = ['recommended executorSpot', 'recommended executorEci.spot', 'spotResilient'];
  const GRACEFUL: Array<boolean | undefined> = [undefined, true, false];
  const DECOMMISSION_KEYS = ['spark.decommission.enabled', 'spark.storage.decommission.enabled', 'spark.storage.decommission.shuffleBlocks.enabled'];
  const CONF_VALUES: Array<string | undefined> = [undefined, 'true', 'false'];

  function placement(preset: Preset, graceful: boolean | undefined): SparkPlacement {
    const spot = EciSpot.asPriceGo(graceful === undefined ? {} : { gracefulRelease: graceful });
    switch (preset) {
      case 'recommended executorSpot': return SparkPlacement.recommended({ executorSpot: spot });
      case 'recommended executorEci.spot': return SparkPlacement.recommended({ executorEci: { spot } });
      default: return SparkPlacement.spotResilient({ executorSpot: spot });
    }
  }

  const cases: Array<[Preset, boolean | undefined, boolean, Array<string | undefined>]> = [];
  for (const preset of PRESETS) {
    for (const graceful of GRACEFUL) {
      for (const remote of [false, true]) {
        for (const a of CONF_VALUES) {
          for (const b of CONF_VALUES) {
            for (const c of CONF_VALUES) { cases.push([preset, graceful, remote, [a, b, c]]); }
          }
        }
      }
    }
  }

  test(`all ${cases.length} combinations of preset, graceful release, remote shuffle and decommissioning confs set beforehand`, () => {
    const outcomes: string[] = [];
    for (const [preset, graceful, remote, values] of cases) {
      const sparkConf = Object.fromEntries(DECOMMISSION_KEYS.map((k, i) => [k, values[i]]).filter(([, v]) => v !== undefined));
      const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
      const where = `${preset}, gracefulRelease ${graceful}, remote ${remote}, ${JSON.stringify(sparkConf)}`;
      // The only setups that lose shuffle files: shuffle data on the executors, and no eviction or no decommissioning.
      const loses = !remote && (graceful === false || values.includes('false'));
      let refusal: unknown;
      try {
        new SparkJob(chart, 'Job', {
          ...SHUFFLE_BASE,
          sparkConf,
          shuffle: remote ? RemoteShuffle.celeborn({ masterEndpoints: ['celeborn-master-0:9097'] }) : undefined,
          placement: placement(preset, graceful),
        });
      } catch (e) {
        refusal = e;
      }
      if (refusal !== undefined) {
        expect({ where, refusal }).toEqual({ where, refusal: expect.any(SparkEciValidationError) });
        outcomes.push(`${loses ? 'ok' : 'WRONGLY'} refused: ${where}`);
        continue;
      }
      const line = planManifests([{ file: 'test.yaml', text: Yaml.stringify(...synth(chart)) }]).jobs[0].spotReclaim ?? '';
      const lost = line.includes('its shuffle files are lost');
      outcomes.push(`${lost ? 'LOST' : 'ok'} ${loses ? 'WRONGLY accepted' : 'accepted'}: ${where}`);
    }
    expect(outcomes.filter(o => !o.startsWith('ok'))).toEqual([]);
    expect(outcomes.filter(o => o.includes('WRONGLY'))).toEqual([]);
    expect(outcomes.filter(o => o.includes('refused')).length).toBe(cases.filter(([, g, r, v]) => !r && (g === false || v.includes('false'))).length);
  });
});
