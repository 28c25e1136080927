import { Chart, Testing } from 'cdk8s';
import { RemoteShuffle, SparkJob } from '../src';
import { renderJob, SHUFFLE_BASE } from './support/shuffle-jobs';
import { synth } from './support/synth';

const CELEBORN = RemoteShuffle.celeborn({ masterEndpoints: ['celeborn-master-0.celeborn-master-svc.celeborn:9097', 'celeborn-master-1.celeborn-master-svc.celeborn:9097'] });

describe('RemoteShuffle.celeborn()', () => {
  test('writes Celeborn\'s Spark confs and turns the external shuffle service off', () => {
    const app = renderJob({ shuffle: CELEBORN });
    expect(app.spec.sparkConf).toEqual({
      'spark.shuffle.manager': 'org.apache.spark.shuffle.celeborn.SparkShuffleManager',
      'spark.celeborn.master.endpoints': 'celeborn-master-0.celeborn-master-svc.celeborn:9097,celeborn-master-1.celeborn-master-svc.celeborn:9097',
      'spark.shuffle.service.enabled': 'false',
      'spark.sql.adaptive.localShuffleReader.enabled': 'false',
      'spark.serializer': 'org.apache.spark.serializer.KryoSerializer',
      'spark.shuffle.sort.io.plugin.class': 'org.apache.spark.shuffle.celeborn.CelebornShuffleDataIO',
    });
    expect(app).toMatchSnapshot();
  });

  test('with dynamic allocation on Spark 3.5, writes shuffleTrackingEnabled false', () => {
    const app = renderJob({ shuffle: CELEBORN, dynamicAllocation: { maxExecutors: 10 } });
    expect(app.spec.dynamicAllocation).toEqual({ enabled: true, maxExecutors: 10, shuffleTrackingEnabled: false });
  });

  test('keeps a serializer the user set and writes replicate when asked', () => {
    const app = renderJob({
      sparkConf: { 'spark.serializer': 'org.apache.spark.serializer.JavaSerializer' },
      shuffle: RemoteShuffle.celeborn({ masterEndpoints: ['10.0.0.1:9097'], replicate: true }),
    });
    expect(app.spec.sparkConf['spark.serializer']).toBe('org.apache.spark.serializer.JavaSerializer');
    expect(app.spec.sparkConf['spark.celeborn.client.push.replicate.enabled']).toBe('true');
  });

  // The model's rule (REMOTE_SHUFFLE_WITH_SHUFFLE_SERVICE), at synth, whoever wrote the conf.
  test('refuses Celeborn with the external shuffle service on', () => {
    const chart = new Chart(Testing.app(), 'test');
    new SparkJob(chart, 'Job', { ...SHUFFLE_BASE, sparkConf: { 'spark.shuffle.service.enabled': 'true' }, shuffle: CELEBORN });
    expect(() => synth(chart)).toThrow('sparkConf["spark.shuffle.service.enabled"] must be false with the remote shuffle manager org.apache.spark.shuffle.celeborn.SparkShuffleManager: executors push shuffle data to the remote service, '
      + 'and with it on each executor must first register with an external shuffle service that is not there (got "true")');
  });

  test('refuses the external shuffle service turned on after Celeborn, at synth', () => {
    const chart = new Chart(Testing.app(), 'test');
    const job = new SparkJob(chart, 'Job', { ...SHUFFLE_BASE, shuffle: CELEBORN });
    job.addSparkConf('spark.shuffle.service.enabled', 'true');
    expect(() => synth(chart)).toThrow('sparkConf["spark.shuffle.service.enabled"] must be false with the remote shuffle manager org.apache.spark.shuffle.celeborn.SparkShuffleManager');
  });

  test('refuses dynamic allocation before Spark 3.5 and with shuffle tracking', () => {
    // Before 3.5 the model's rule (REMOTE_SHUFFLE_NEEDS_SPARK_3_5), at synth, whichever way dynamic allocation was turned on.
    const old = new Chart(Testing.app(), 'test');
    new SparkJob(old, 'A', { ...SHUFFLE_BASE, sparkVersion: '3.4.1', dynamicAllocation: { maxExecutors: 4 }, shuffle: CELEBORN });
    expect(() => synth(old)).toThrow('dynamicAllocation.enabled must be off with the remote shuffle manager org.apache.spark.shuffle.celeborn.SparkShuffleManager '
      + 'before Spark 3.5: older Spark cannot tell dynamic allocation that shuffle data outlives executors without patching Spark; '
      + 'turn dynamic allocation off or use sparkVersion >= 3.5 (got "sparkVersion 3.4.1")');
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new SparkJob(chart, 'B', { ...SHUFFLE_BASE, dynamicAllocation: { maxExecutors: 4, shuffleTracking: true }, shuffle: CELEBORN }))
      .toThrow('dynamicAllocation.shuffleTracking must be false or unset with shuffle Celeborn: executors hold no shuffle data to track (got true)');
  });

  test('refuses another shuffle manager, a second remote shuffle and bad endpoints', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new SparkJob(chart, 'A', { ...SHUFFLE_BASE, sparkConf: { 'spark.shuffle.manager': 'sort' }, shuffle: CELEBORN }))
      .toThrow('sparkConf["spark.shuffle.manager"] must be org.apache.spark.shuffle.celeborn.SparkShuffleManager with shuffle Celeborn, or left out (got "sort")');
    const job = new SparkJob(chart, 'B', { ...SHUFFLE_BASE, shuffle: CELEBORN });
    expect(() => job.useRemoteShuffle(CELEBORN)).toThrow('shuffle can be given once per job (props.shuffle or useRemoteShuffle()) (got "a second remote shuffle")');
    expect(() => RemoteShuffle.celeborn({ masterEndpoints: [] })).toThrow('RemoteShuffle.celeborn() masterEndpoints must be a non-empty list of "host:port" (got [])');
    expect(() => RemoteShuffle.celeborn({ masterEndpoints: ['master:99999'] }))
      .toThrow('RemoteShuffle.celeborn() masterEndpoints[0] must be "host:port" with a port from 1 to 65535');
    expect(() => new SparkJob(chart, 'C', { ...SHUFFLE_BASE, shuffle: { service: 'Celeborn' } as any }))
      .toThrow('shuffle must be made with RemoteShuffle.celeborn() (got {"service":"Celeborn"})');
  });
});
