import { ApiObject, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { expectValidManifests } from './support/crd-schema';
import { ImageCache } from '../src/eci/image-cache';
import { SparkEciValidationError } from '../src/private/errors';

const SPARK_IMAGE = 'registry-cn-hangzhou.ack.aliyuncs.com/ack-demo/spark:3.5.2';

describe('ImageCache', () => {
  test('renders a minimal cache of the seed\'s Spark image', () => {
    const chart = Testing.chart();
    new ImageCache(chart, 'Spark', { images: [SPARK_IMAGE] });
    const manifests = Testing.synth(chart);
    expect(manifests).toMatchSnapshot();
    expect(manifests).toEqual([{
      apiVersion: 'eci.alibabacloud.com/v1',
      kind: 'ImageCache',
      metadata: { name: expect.any(String) },
      spec: { images: [SPARK_IMAGE] },
    }]);
    expectValidManifests(manifests);
  });

  test('renders every prop', () => {
    const chart = Testing.chart();
    new ImageCache(chart, 'Spark', {
      metadata: { name: 'spark-3-5-2', labels: { team: 'data' }, annotations: { owner: 'data' } },
      images: [SPARK_IMAGE, 'registry.example.com/tools/sidecar:1.0'],
      imagePullSecrets: [{ namespace: 'spark', name: 'acr-pull' }],
      size: Size.gibibytes(40),
      retention: Duration.days(7),
      reuseLayers: true,
      acrInstanceIds: ['cri-abc123', 'cri-def456'],
    });
    const manifests = Testing.synth(chart);
    expect(manifests).toMatchSnapshot();
    expect(manifests[0]).toEqual({
      apiVersion: 'eci.alibabacloud.com/v1',
      kind: 'ImageCache',
      metadata: {
        name: 'spark-3-5-2',
        labels: { team: 'data' },
        annotations: {
          'owner': 'data',
          'k8s.aliyun.com/imc-enable-reuse': 'true',
          'k8s.aliyun.com/acr-instance-ids': 'cri-abc123,cri-def456',
        },
      },
      spec: {
        images: [SPARK_IMAGE, 'registry.example.com/tools/sidecar:1.0'],
        imagePullSecrets: ['spark:acr-pull'],
        imageCacheSize: 40,
        retentionDays: 7,
      },
    });
    expectValidManifests(manifests);
  });

  test('renders no namespace inside a chart that has one', () => {
    const chart = new Chart(Testing.app(), 'ns-chart', { namespace: 'spark-jobs' });
    new ImageCache(chart, 'Spark', { images: [SPARK_IMAGE] });
    const manifests = Testing.synth(chart);
    expect(manifests[0].metadata).not.toHaveProperty('namespace');
    expectValidManifests(manifests);
  });

  test('refuses a namespace in its metadata', () => {
    const chart = Testing.chart();
    expect(() => new ImageCache(chart, 'Spark', { images: [SPARK_IMAGE], metadata: { namespace: 'default' } }))
      .toThrow('metadata.namespace must be left out: ImageCache is cluster-scoped (got "default")');
  });

  test('is found by ApiObject.of and keeps JSON patches, even for fields its schema lacks', () => {
    const chart = Testing.chart();
    const cache = new ImageCache(chart, 'Spark', { images: [SPARK_IMAGE] });
    const apiObject = ApiObject.of(cache);
    expect(apiObject).toBe(cache.apiObject);
    apiObject.addJsonPatch(JsonPatch.add('/spec/imageCacheSize', 30));
    apiObject.addJsonPatch(JsonPatch.add('/spec/futureField', 'kept'));
    const spec = Testing.synth(chart)[0].spec;
    expect(spec).toEqual({ images: [SPARK_IMAGE], imageCacheSize: 30, futureField: 'kept' });
  });

  test('adds images and pull secrets after construction, and getters return copies', () => {
    const chart = Testing.chart();
    const cache = new ImageCache(chart, 'Spark', { images: [SPARK_IMAGE] });
    cache.addImage('registry.example.com/a:1');
    cache.addImagePullSecret({ namespace: 'default', name: 'regcred' });
    cache.images.push('mutated');
    cache.imagePullSecrets.pop();
    expect(cache.images).toEqual([SPARK_IMAGE, 'registry.example.com/a:1']);
    expect(cache.imagePullSecrets).toEqual([{ namespace: 'default', name: 'regcred' }]);
    expect(Testing.synth(chart)[0].spec).toEqual({
      images: [SPARK_IMAGE, 'registry.example.com/a:1'],
      imagePullSecrets: ['default:regcred'],
    });
    expect(cache.name).toBe(cache.apiObject.name);
    expect(cache.metadata).toBe(cache.apiObject.metadata);
  });

  test('leaves out the reuse annotation when reuseLayers is false', () => {
    const chart = Testing.chart();
    new ImageCache(chart, 'Spark', { images: [SPARK_IMAGE], reuseLayers: false, acrInstanceIds: [] });
    expect(Testing.synth(chart)[0].metadata).not.toHaveProperty('annotations');
  });

  const refused: Array<[string, any, string]> = [
    ['no images', { images: [] }, 'images must list at least 1 image (got [])'],
    ['an empty image', { images: [''] }, 'images[0] must be a non-empty image reference without spaces (got "")'],
    ['a repeated image', { images: [SPARK_IMAGE, SPARK_IMAGE] }, 'images[1] must not repeat an image already in the cache'],
    ['a pull secret in a bad namespace',
      { images: [SPARK_IMAGE], imagePullSecrets: [{ namespace: 'Spark_Jobs', name: 'x' }] },
      'imagePullSecrets[0].namespace must be a namespace name (a DNS label of at most 63 characters) (got "Spark_Jobs")'],
    ['a pull secret with a colon in its name',
      { images: [SPARK_IMAGE], imagePullSecrets: [{ namespace: 'spark', name: 'a:b' }] },
      'imagePullSecrets[0].name must be a Secret name (a DNS subdomain of at most 253 characters) (got "a:b")'],
    ['a pull secret whose name has an empty DNS label',
      { images: [SPARK_IMAGE], imagePullSecrets: [{ namespace: 'spark', name: 'a..b' }] },
      'imagePullSecrets[0].name must be a Secret name (a DNS subdomain of at most 253 characters) (got "a..b")'],
    ['a namespace of 64 characters',
      { images: [SPARK_IMAGE], imagePullSecrets: [{ namespace: 'a'.repeat(64), name: 'x' }] },
      'imagePullSecrets[0].namespace must be a namespace name (a DNS label of at most 63 characters)'],
    ['a name that is no DNS subdomain',
      { images: [SPARK_IMAGE], metadata: { name: 'Spark_Cache' } },
      'metadata.name must be a DNS-1123 subdomain: dot-separated DNS-1123 labels'],
    ['a repeated pull secret',
      { images: [SPARK_IMAGE], imagePullSecrets: [{ namespace: 'spark', name: 'a' }, { namespace: 'spark', name: 'a' }] },
      'imagePullSecrets[1] must not repeat a pull secret (got "spark:a")'],
    ['a size that is not whole GiB',
      { images: [SPARK_IMAGE], size: Size.mebibytes(1536) },
      'size must be a whole number of GiB >= 1, e.g. Size.gibibytes(20) (got "1.5 GiB")'],
    ['a retention that is not whole days',
      { images: [SPARK_IMAGE], retention: Duration.hours(36) },
      'retention must be a whole number of days >= 1, e.g. Duration.days(7) (got "1.5 days")'],
    ['a retention under a day',
      { images: [SPARK_IMAGE], retention: Duration.hours(0) },
      'retention must be a whole number of days >= 1'],
    ['an ACR instance id with a comma',
      { images: [SPARK_IMAGE], acrInstanceIds: ['cri-a,cri-b'] },
      'acrInstanceIds[0] must be an ACR instance id of letters, digits and "-", e.g. "cri-abc123" (got "cri-a,cri-b")'],
  ];

  test.each(refused)('refuses %s', (_name, props, message) => {
    const make = () => new ImageCache(Testing.chart(), 'Spark', props);
    expect(make).toThrow(SparkEciValidationError);
    expect(make).toThrow(message);
  });
});
