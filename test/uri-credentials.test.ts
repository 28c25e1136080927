import { SparkEciValidationError } from '../src/private/errors';
import { checkNoUriCredentials, redactUri, uriCredential } from '../src/private/uri-credentials';

describe('credentials in a URI', () => {
  test.each([
    ['s3a://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/events/', 'user info'],
    ['oss://LTAIexample:secret@my-bucket/events/', 'user info'],
    ['hdfs://spark:password@namenode:8020/events', 'user info'],
    ['wasbs://logs@account.blob.core.windows.net/events?sv=2022-11-02&ss=b&sig=abc%2Fdef%3D', 'a "sig" query parameter'],
    ['abfss://logs@account.dfs.core.windows.net/events?SIG=abc', 'a "sig" query parameter'],
    ['https://bucket.s3.amazonaws.com/events?X-Amz-Date=1&X-Amz-Signature=abc', 'a "x-amz-signature" query parameter'],
    ['https://bucket.s3.amazonaws.com/events?X-Amz-Credential=AKIA%2F20240101', 'a "x-amz-credential" query parameter'],
    ['https://bucket.oss-cn-hangzhou.aliyuncs.com/e?OSSAccessKeyId=LTAI&Expires=1&Signature=abc', 'a "ossaccesskeyid" query parameter'],
    ['https://host/e?security-token=abc', 'a "security-token" query parameter'],
  ])('%s carries %s', (uri, what) => {
    expect(uriCredential(uri)).toContain(what);
  });

  test.each([
    'oss://my-bucket/spark-events/',
    'hdfs://namenode:8020/spark-events',
    's3a://bucket/events?region=cn-hangzhou',
    'oss://bucket/path/with@sign/in/path/',
    'hdfs://spark@namenode:8020/events',
    'abfss://logs@account.dfs.core.windows.net/spark-events/',
  ])('%s carries none', uri => {
    expect(uriCredential(uri)).toBeUndefined();
  });

  test('the message names the prop and shows the URI without the secret', () => {
    let error: unknown;
    try {
      checkNoUriCredentials('SparkEventLog.toUri() dir', 's3a://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/events/');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SparkEciValidationError);
    const message = (error as Error).message;
    expect(message).toMatch(/^SparkEventLog\.toUri\(\) dir must not carry credentials in the URI \(it has user info/);
    expect(message).toContain('(got "s3a://***@bucket/events/")');
    expect(message).not.toContain('wJalrXUtnFEMI');
    expect(message).not.toContain('AKIAEXAMPLE');
  });

  test('redaction hides every query value of a signed URL and keeps the rest', () => {
    expect(redactUri('wasbs://c@a.blob.core.windows.net/e?sv=2022&sig=abc#frag')).toBe('wasbs://***@a.blob.core.windows.net/e?sv=***&sig=***#frag');
    expect(redactUri('oss://bucket/e/')).toBe('oss://bucket/e/');
  });
});
