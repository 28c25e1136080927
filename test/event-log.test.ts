import { Chart, Size, Testing } from 'cdk8s';
import { SparkConnectServer, SparkEventLog, SparkJob, SparkJobDefaults } from '../src';
import { renderJob, SHUFFLE_BASE } from './support/shuffle-jobs';

describe('SparkEventLog', () => {
  test('writes event logs to OSS for a History Server', () => {
    const app = renderJob({
      eventLog: SparkEventLog.toOss('oss://my-bucket/spark-events/', {
        compress: true, rollingMaxFileSize: Size.mebibytes(128), endpoint: 'oss-cn-hangzhou-internal.aliyuncs.com',
      }),
    });
    expect(app.spec.sparkConf).toEqual({
      'spark.eventLog.enabled': 'true',
      'spark.eventLog.dir': 'oss://my-bucket/spark-events/',
      'spark.eventLog.compress': 'true',
      'spark.eventLog.rolling.enabled': 'true',
      'spark.eventLog.rolling.maxFileSize': '128m',
      'spark.hadoop.fs.oss.endpoint': 'oss-cn-hangzhou-internal.aliyuncs.com',
    });
    expect(app).toMatchSnapshot();
  });

  test('writes any Hadoop URI', () => {
    const app = renderJob({ eventLog: SparkEventLog.toUri('hdfs://namenode:8020/spark-events') });
    expect(app.spec.sparkConf).toEqual({ 'spark.eventLog.enabled': 'true', 'spark.eventLog.dir': 'hdfs://namenode:8020/spark-events' });
  });

  test('keeps credentials out of the conf: the secret deny-list applies to the OSS keys beside it', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new SparkJob(chart, 'Job', {
      ...SHUFFLE_BASE,
      eventLog: SparkEventLog.toOss('oss://my-bucket/spark-events/'),
      sparkConf: { 'spark.hadoop.fs.oss.accessKeySecret': 'abc' },
    })).toThrow('sparkConf["spark.hadoop.fs.oss.accessKeySecret"] must not hold a credential in clear text');
    const job = new SparkJob(chart, 'Ok', {
      ...SHUFFLE_BASE,
      eventLog: SparkEventLog.toOss('oss://my-bucket/spark-events/'),
      sparkConf: { 'spark.hadoop.fs.oss.accessKeySecret': '${env.OSS_ACCESS_KEY_SECRET}' },
    });
    expect(job.sparkConf['spark.eventLog.dir']).toBe('oss://my-bucket/spark-events/');
  });

  test('refuses what Spark or OSS cannot take', () => {
    expect(() => SparkEventLog.toOss('s3a://bucket/events')).toThrow(
      'SparkEventLog.toOss() dir must be "oss://<bucket>/<path>" with a bucket of 3 to 63 lowercase letters, digits and "-" (got "s3a://bucket/events")');
    expect(() => SparkEventLog.toUri('/tmp/events')).toThrow('SparkEventLog.toUri() dir must be a URI with a scheme');
    expect(() => SparkEventLog.toOss('oss://my-bucket/e/', { rollingMaxFileSize: Size.mebibytes(5) }))
      .toThrow('SparkEventLog.toOss() rollingMaxFileSize (MiB) must be an integer from 10 to 8796093022207 (Spark\'s minimum is 10 MiB, and it reads the size into a long of bytes) (got 5)');
    expect(() => SparkEventLog.toOss('oss://my-bucket/e/', { endpont: 'x' } as any))
      .toThrow('SparkEventLog.toOss() options.endpont must be one of the known keys (compress, rollingMaxFileSize, endpoint) (got "x")');
    expect(() => SparkEventLog.toUri('hdfs://nn/e', { endpoint: 'x' } as any))
      .toThrow('SparkEventLog.toUri() options.endpoint must be one of the known keys (compress, rollingMaxFileSize) (got "x")');
  });

  // Issue 28, root cause 7: the library's own factories wrote the URI's secret into sparkConf.
  test.each([
    ['toUri', 's3a://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/spark-events/', 'user info', 's3a://***@bucket/spark-events/'],
    ['toUri', 'wasbs://logs@acct.blob.core.windows.net/events?sv=2022-11-02&sig=c2VjcmV0', 'a "sig" query parameter',
      'wasbs://***@acct.blob.core.windows.net/events?sv=***&sig=***'],
    ['toUri', 'https://acct.blob.core.windows.net/events?sv=2022-11-02&sig=c2VjcmV0', 'a "sig" query parameter', 'https://acct.blob.core.windows.net/events?sv=***&sig=***'],
    ['toOss', 'oss://LTAIexample:c2VjcmV0@my-bucket/spark-events/', 'user info', 'oss://***@my-bucket/spark-events/'],
  ] as const)('%s refuses credentials in the URI (%s) without repeating them', (factory, dir, what, shown) => {
    let message = '';
    try {
      SparkEventLog[factory](dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`SparkEventLog.${factory}() dir must not carry credentials in the URI (it has ${what}`);
    expect(message).toContain(`(got ${JSON.stringify(shown)})`);
    expect(message).not.toMatch(/wJalrXUtnFEMI|c2VjcmV0|LTAIexample|AKIAEXAMPLE/);
  });

  test('an ABFS container in the authority is no credential', () => {
    expect(SparkEventLog.toUri('abfss://logs@acct.dfs.core.windows.net/spark-events/').dir).toBe('abfss://logs@acct.dfs.core.windows.net/spark-events/');
  });

  // Issue 28, root cause 6: the event log overwrote the user's settings without a word.
  describe('does not override the job', () => {
    const OSS = 'oss://my-bucket/spark-events/';
    const ENDPOINT = 'oss-cn-hangzhou-internal.aliyuncs.com';
    const job = (props: object, configure?: (j: SparkJob) => void) => () => {
      const j = new SparkJob(new Chart(Testing.app(), 'test'), 'Job', { ...SHUFFLE_BASE, eventLog: SparkEventLog.toOss(OSS, { endpoint: ENDPOINT }), ...props });
      configure?.(j);
      Testing.synth(Chart.of(j));
    };

    test.each([
      ['spark.eventLog.enabled: "false"', { sparkConf: { 'spark.eventLog.enabled': 'false' } },
        'sparkConf["spark.eventLog.enabled"] must be "true" or left out with eventLog SparkEventLog.toOss("oss://my-bucket/spark-events/"), which writes it: '
        + 'one of the two settings would be lost (got "false")'],
      ['another spark.eventLog.dir', { sparkConf: { 'spark.eventLog.dir': 'hdfs://nn/events' } },
        'sparkConf["spark.eventLog.dir"] must be "oss://my-bucket/spark-events/" or left out with eventLog SparkEventLog.toOss("oss://my-bucket/spark-events/")'],
      ['another OSS endpoint in sparkConf', { sparkConf: { 'spark.hadoop.fs.oss.endpoint': 'oss-cn-beijing.aliyuncs.com' } },
        'sparkConf["spark.hadoop.fs.oss.endpoint"] must be "oss-cn-hangzhou-internal.aliyuncs.com" or left out'],
      ['another OSS endpoint in hadoopConf, which the operator passes after sparkConf', { hadoopConf: { 'fs.oss.endpoint': 'oss-cn-beijing.aliyuncs.com' } },
        'hadoopConf["fs.oss.endpoint"] must be "oss-cn-hangzhou-internal.aliyuncs.com" or left out with eventLog SparkEventLog.toOss("oss://my-bucket/spark-events/") '
        + '(endpoint "oss-cn-hangzhou-internal.aliyuncs.com"): the operator passes hadoopConf after sparkConf, so this one would win over the event log\'s '
        + '(got "oss-cn-beijing.aliyuncs.com")'],
    ])('refuses %s, naming both', (_name, props, message) => {
      expect(job(props)).toThrow(message);
    });

    test('refuses a contradicting conf added later, at synth', () => {
      expect(job({}, j => j.addSparkConf('spark.eventLog.enabled', 'false'))).toThrow('sparkConf["spark.eventLog.enabled"] must be "true" or left out with eventLog');
      expect(job({}, j => j.addHadoopConf('fs.oss.endpoint', 'oss-cn-beijing.aliyuncs.com'))).toThrow('hadoopConf["fs.oss.endpoint"] must be');
    });

    test('refuses defaults that contradict it', () => {
      const chart = new Chart(Testing.app(), 'test');
      new SparkJobDefaults(chart, 'Defaults', { sparkConf: { 'spark.eventLog.enabled': 'false' } });
      expect(() => new SparkJob(chart, 'Job', { ...SHUFFLE_BASE, eventLog: SparkEventLog.toOss(OSS) }))
        .toThrow('sparkConf["spark.eventLog.enabled"] must be "true" or left out');
    });

    test('refuses a SparkConnectServer conf that contradicts it', () => {
      const chart = new Chart(Testing.app(), 'test');
      expect(() => new SparkConnectServer(chart, 'Connect', {
        sparkVersion: '4.0.1', image: 'spark:4.0.1', eventLog: SparkEventLog.toOss(OSS, { endpoint: ENDPOINT }), hadoopConf: { 'fs.oss.endpoint': 'other.aliyuncs.com' },
      })).toThrow('hadoopConf["fs.oss.endpoint"] must be "oss-cn-hangzhou-internal.aliyuncs.com" or left out');
    });

    test('accepts the same values, as Spark reads them', () => {
      const app = renderJob({
        eventLog: SparkEventLog.toOss(OSS, { endpoint: ENDPOINT, compress: true }),
        sparkConf: { 'spark.eventLog.enabled': 'TRUE', 'spark.eventLog.dir': OSS, 'spark.eventLog.compress': ' true' },
        hadoopConf: { 'fs.oss.endpoint': ENDPOINT },
      });
      expect(app.spec.sparkConf).toEqual({
        'spark.eventLog.enabled': 'TRUE',
        'spark.eventLog.dir': OSS,
        'spark.eventLog.compress': ' true',
        'spark.hadoop.fs.oss.endpoint': ENDPOINT,
      });
    });
  });
});
