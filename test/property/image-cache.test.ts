import { Duration, Size } from 'cdk8s';
import * as fc from 'fast-check';
import { imageCacheCase } from './arbitraries';
import { Counts, Mutation, Schemas, expectRefusal, mutation, newChart, parameters, report, synthValid } from './support';
import { ImageCache, ImageCacheProps } from '../../src';

const counts = new Counts('ImageCache');
afterAll(() => report(counts));

interface Case {
  readonly props: ImageCacheProps;
  readonly chartNamespace?: string;
}

function build(c: Case) {
  const chart = newChart(c.chartNamespace);
  new ImageCache(chart, 'Cache', c.props);
  return chart;
}

function props<V>(name: string, prop: string | ((v: V, c: Case) => string), values: fc.Arbitrary<V>,
  apply: (p: ImageCacheProps, v: V) => ImageCacheProps) {
  return mutation<Case, V>(name, prop, values, (c, v) => ({ ...c, props: apply(c.props, v) }));
}

const mutations: Array<fc.Arbitrary<Mutation<Case>>> = [
  props('no images', 'images', fc.constantFrom([], undefined as unknown as string[]), (p, v) => ({ ...p, images: v })),
  props('image with a space', (i, c) => `images[${Math.min(i, c.props.images.length)}]`, fc.integer({ min: 0, max: 3 }),
    (p, i) => ({ ...p, images: [...p.images.slice(0, i), 'spark 3.5', ...p.images.slice(i)] })),
  props('empty image', (i, c) => `images[${Math.min(i, c.props.images.length)}]`, fc.integer({ min: 0, max: 3 }), (p, i) => ({ ...p, images: [...p.images.slice(0, i), '', ...p.images.slice(i)] })),
  props('repeated image', (_v, c) => `images[${c.props.images.length}] must not repeat an image`, fc.constant(undefined), p => ({ ...p, images: [...p.images, p.images[0]] })),
  props('namespace', 'metadata.namespace', fc.constantFrom('default', 'spark'), (p, v) => ({ ...p, metadata: { ...p.metadata, namespace: v } })),
  props('pull secret namespace', 'imagePullSecrets[0].namespace', fc.constantFrom('Spark_Jobs', '', 'x'.repeat(64), 'a:b'),
    (p, v) => ({ ...p, imagePullSecrets: [{ namespace: v, name: 'acr' }] })),
  props('pull secret name', 'imagePullSecrets[0].name', fc.constantFrom('a:b', '', 'UPPER', '-x'),
    (p, v) => ({ ...p, imagePullSecrets: [{ namespace: 'spark', name: v }] })),
  props('repeated pull secret', 'imagePullSecrets[1]', fc.constant(undefined),
    p => ({ ...p, imagePullSecrets: [{ namespace: 'spark', name: 'acr' }, { namespace: 'spark', name: 'acr' }] })),
  props('size', 'size', fc.constantFrom(Size.mebibytes(1536), Size.gibibytes(0), Size.gibibytes(0.5), Size.gibibytes(NaN)), (p, v) => ({ ...p, size: v })),
  props('retention', 'retention', fc.constantFrom(Duration.hours(36), Duration.days(0), Duration.days(1.5), Duration.minutes(1)),
    (p, v) => ({ ...p, retention: v })),
  props('ACR instance id', 'acrInstanceIds[0]', fc.constantFrom('cri_abc', '', 'cri abc', 'cri-ä'), (p, v) => ({ ...p, acrInstanceIds: [v] })),
];

describe('ImageCache properties', () => {
  test('valid prop sets synthesize to ImageCaches the CRD accepts, with no pruned field and no namespace', () => {
    fc.assert(fc.property(imageCacheCase(), c => {
      counts.valid++;
      const [cache] = synthValid(build(c), Schemas.OWN);
      if (cache.metadata.namespace !== undefined) { throw new Error(`a cluster-scoped ImageCache has namespace ${cache.metadata.namespace}`); }
      if (JSON.stringify(cache.spec.images) !== JSON.stringify(c.props.images)) { throw new Error('spec.images differ from the images given'); }
      counts.passed++;
    }), parameters());
  });

  test('invalid prop sets end in the library\'s own validation error', () => {
    fc.assert(fc.property(imageCacheCase(), fc.oneof(...mutations), (c, m) => {
      counts.invalid++;
      expectRefusal(m.propFor(c), () => build(m.apply(c)), Schemas.OWN);
      counts.refused++;
    }), parameters());
  });
});
