import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { EnvValue, Secret } from 'cdk8s-plus-28';
import { SparkApplicationType, SparkJob, SparkJobProps } from '../src';
import { expectValidManifests } from './support/crd-schema';
import { synth } from './support/synth';
import { isSecretConfKey } from '../src/model/rules/spark-conf';
import { SparkEciValidationError } from '../src/private/errors';

const minimal: SparkJobProps = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'spark:3.5.2',
  mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.2.jar',
};

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'jobs' });
}

function job(props: Partial<SparkJobProps> = {}): SparkJob {
  return new SparkJob(chart(), 'Job', { ...minimal, ...props });
}

/** Keys that carry credentials, as users write them in `hadoopConf` (without `spark.hadoop.`). */
const HADOOP_SECRET_KEYS = [
  'fs.oss.accessKeyId',
  'fs.oss.accessKeySecret',
  'fs.oss.securityToken',
  'fs.oss.bucket.logs.accessKeySecret',
  'fs.s3a.access.key',
  'fs.s3a.secret.key',
  'fs.s3a.session.token',
  'fs.s3a.bucket.data.secret.key',
  'fs.obs.access.key',
  'fs.azure.account.key.myaccount.dfs.core.windows.net',
  'fs.azure.account.oauth2.client.secret',
  // issue 28: ABFS's fixed SAS token per account (and WASB's per container) ended in the account's host, not in `token`
  'fs.azure.sas.fixed.token',
  'fs.azure.sas.fixed.token.myaccount.dfs.core.windows.net',
  'fs.azure.sas.logs.myaccount.blob.core.windows.net',
  'fs.gs.auth.service.account.private.key',
  'javax.jdo.option.ConnectionPassword',
  'hive.metastore.password',
];

/** Spark's own keys that carry credentials. */
const SPARK_SECRET_KEYS = [
  'spark.authenticate.secret',
  'spark.ssl.keyStorePassword',
  'spark.ssl.keyPassword',
  'spark.ssl.trustStorePassword',
  'spark.kubernetes.driverEnv.AWS_SECRET_ACCESS_KEY',
  'spark.executorEnv.AWS_ACCESS_KEY_ID',
  'spark.executorEnv.AWS_SESSION_TOKEN',
  'spark.sql.catalog.lake.token',
  'spark.sql.catalog.lake.credential',
];

/** Keys whose names look close but name a reference, a class or a switch. */
const NOT_SECRET_KEYS = [
  'fs.oss.endpoint',
  'fs.oss.credentials.provider',
  'fs.s3a.aws.credentials.provider',
  'fs.s3a.endpoint',
  'hadoop.security.credential.provider.path',
  'fs.s3a.assumed.role.arn',
  'spark.authenticate',
  'spark.authenticate.secret.file',
  'spark.authenticate.secret.driver.file',
  'spark.ssl.keyStore',
  'spark.kubernetes.driver.secrets.oss-keys',
  'spark.kubernetes.executor.secretKeyRef.AWS_SECRET_ACCESS_KEY',
  'spark.kubernetes.kerberos.tokenSecret.name',
  'spark.kubernetes.kerberos.tokenSecret.itemKey',
  'spark.sql.shuffle.partitions',
  'fs.azure.sas.token.provider.type',
  'fs.azure.sas.token.provider.type.myaccount.dfs.core.windows.net',
  'fs.azure.sas.token.renew.period.for.streams',
];

describe('credentials in sparkConf and hadoopConf', () => {
  test.each(HADOOP_SECRET_KEYS)('refuses hadoopConf %s, pointing to the typed alternatives', key => {
    const attempt = () => job({ hadoopConf: { [key]: 'AKIA-not-a-real-key' } });
    expect(attempt).toThrow(SparkEciValidationError);
    expect(attempt).toThrow(`hadoopConf["${key}"] must not hold a credential in clear text`);
    expect(attempt).toThrow('EnvValue.fromSecretValue()');
    expect(attempt).toThrow('driver/executor `secrets`');
    expect(attempt).toThrow('"${env.NAME}"');
    expect(attempt).toThrow('allowedSecretConfKeys');
  });

  test.each(HADOOP_SECRET_KEYS)('refuses sparkConf spark.hadoop.%s the same way', key => {
    expect(() => job({ sparkConf: { [`spark.hadoop.${key}`]: 'x' } }))
      .toThrow(`sparkConf["spark.hadoop.${key}"] must not hold a credential in clear text`);
  });

  test.each(SPARK_SECRET_KEYS)('refuses sparkConf %s', key => {
    expect(() => job({ sparkConf: { [key]: 'x' } })).toThrow(`sparkConf["${key}"] must not hold a credential in clear text`);
  });

  test.each(NOT_SECRET_KEYS)('accepts %s, which holds no credential', key => {
    expect(isSecretConfKey('sparkConf', key)).toBe(false);
    expect(isSecretConfKey('hadoopConf', key)).toBe(false);
    const j = job({ sparkConf: { [key]: 'value' } });
    expect(j.sparkConf[key]).toEqual('value');
  });

  test('the mutators refuse what the props refuse', () => {
    const j = job();
    expect(() => j.addHadoopConf('fs.oss.accessKeySecret', 'x')).toThrow('hadoopConf["fs.oss.accessKeySecret"] must not hold a credential');
    expect(() => j.addSparkConf('spark.hadoop.fs.s3a.secret.key', 'x')).toThrow('sparkConf["spark.hadoop.fs.s3a.secret.key"] must not hold a credential');
    expect(j.hadoopConf).toEqual({});
    expect(j.sparkConf).toEqual({});
  });

  test('matches keys whatever their case', () => {
    expect(() => job({ hadoopConf: { 'FS.OSS.ACCESSKEYSECRET': 'x' } })).toThrow('must not hold a credential');
  });

  test('never shows the refused value', () => {
    let message = '';
    try {
      job({ hadoopConf: { 'fs.oss.accessKeySecret': 'LTAI-super-secret-value' } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('(got "a clear-text value (not shown)")');
    expect(message).not.toContain('LTAI-super-secret-value');
  });

  test('for OSS keys, names the ECI RAM role', () => {
    expect(() => job({ hadoopConf: { 'fs.oss.accessKeyId': 'x' } })).toThrow('EciPodOptions.ramRoleName');
    expect(() => job({ sparkConf: { 'spark.hadoop.fs.oss.accessKeySecret': 'x' } })).toThrow('EciPodOptions.ramRoleName');
    expect(() => job({ hadoopConf: { 'fs.s3a.secret.key': 'x' } })).not.toThrow('EciPodOptions.ramRoleName');
  });

  test('keeps the webhook rule and its message first for oauthToken keys', () => {
    expect(() => job({ sparkConf: { 'spark.kubernetes.authenticate.driver.oauthToken': 'x' } }))
      .toThrow('is rejected by the Spark Operator\'s webhook: use a service account');
  });
});

describe('escape hatches', () => {
  test('accepts a value that only refers to an environment variable set from a Secret', () => {
    const c = chart();
    const secret = Secret.fromSecretName(c, 'OssKeys', 'oss-keys');
    const j = new SparkJob(c, 'Job', {
      ...minimal,
      hadoopConf: {
        'fs.oss.accessKeyId': '${env.OSS_ACCESS_KEY_ID}',
        'fs.oss.accessKeySecret': '${env.OSS_ACCESS_KEY_SECRET}',
      },
      sparkConf: { 'spark.ssl.keyStorePassword': '${env:KEYSTORE_PASSWORD}' },
      driver: {
        env: {
          OSS_ACCESS_KEY_ID: EnvValue.fromSecretValue({ secret, key: 'id' }),
          OSS_ACCESS_KEY_SECRET: EnvValue.fromSecretValue({ secret, key: 'secret' }),
          KEYSTORE_PASSWORD: EnvValue.fromSecretValue({ secret, key: 'keystore' }),
        },
      },
    });
    const [manifest] = synth(c);
    expect(manifest.spec.hadoopConf).toEqual({
      'fs.oss.accessKeyId': '${env.OSS_ACCESS_KEY_ID}',
      'fs.oss.accessKeySecret': '${env.OSS_ACCESS_KEY_SECRET}',
    });
    expect(manifest.spec.driver.env[1]).toEqual({
      name: 'OSS_ACCESS_KEY_SECRET', valueFrom: { secretKeyRef: { name: 'oss-keys', key: 'secret' } },
    });
    expect(j.sparkConf['spark.ssl.keyStorePassword']).toEqual('${env:KEYSTORE_PASSWORD}');
    expectValidManifests([manifest]);
  });

  test('wants Hadoop\'s ${env.NAME} for Hadoop keys and Spark\'s ${env:NAME} for Spark\'s', () => {
    expect(() => job({ hadoopConf: { 'fs.s3a.secret.key': '${env:AWS_SECRET_ACCESS_KEY}' } })).toThrow('"${env.NAME}"');
    expect(() => job({ sparkConf: { 'spark.hadoop.fs.s3a.secret.key': '${env:AWS_SECRET_ACCESS_KEY}' } })).toThrow('"${env.NAME}"');
    expect(() => job({ sparkConf: { 'spark.authenticate.secret': '${env.SPARK_SECRET}' } })).toThrow('"${env:NAME}"');
    expect(() => job({ hadoopConf: { 'fs.s3a.secret.key': 'prefix-${env.AWS_SECRET_ACCESS_KEY}' } })).toThrow('must not hold a credential');
  });

  test('accepts keys listed in allowedSecretConfKeys, exactly as written', () => {
    const j = job({
      allowedSecretConfKeys: ['fs.s3a.access.key', 'spark.hadoop.fs.s3a.secret.key'],
      hadoopConf: { 'fs.s3a.access.key': 'minio' },
      sparkConf: { 'spark.hadoop.fs.s3a.secret.key': 'minio123' },
    });
    expect(j.hadoopConf).toEqual({ 'fs.s3a.access.key': 'minio' });
    expect(() => j.addHadoopConf('fs.s3a.secret.key', 'x')).toThrow('must not hold a credential');
    j.allowSecretConfKeys('fs.s3a.secret.key');
    j.addHadoopConf('fs.s3a.secret.key', 'x');
    expect(j.hadoopConf['fs.s3a.secret.key']).toEqual('x');
  });

  test('a JSON patch writes any key, for those who must', () => {
    const c = chart();
    const j = new SparkJob(c, 'Job', minimal);
    ApiObject.of(j).addJsonPatch(JsonPatch.add('/spec/hadoopConf', { 'fs.oss.accessKeySecret': 'x' }));
    expect(synth(c)[0].spec.hadoopConf).toEqual({ 'fs.oss.accessKeySecret': 'x' });
  });
});
