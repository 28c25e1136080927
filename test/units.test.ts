import { Size } from 'cdk8s';
import { parseSparkMemoryMebibytes, toSparkMemory } from '../src/private/units';

describe('Spark memory strings', () => {
  test.each([
    [Size.mebibytes(512), '512m'],
    [Size.gibibytes(4), '4g'],
    [Size.mebibytes(1536), '1536m'],
    [Size.mebibytes(4096), '4g'],
    [Size.kibibytes(512), '512k'],
    [Size.tebibytes(1), '1t'],
    [Size.mebibytes(3712), '3712m'],
  ])('renders %s as %s', (size, expected) => {
    expect(toSparkMemory('memory', size)).toEqual(expected);
  });

  test.each([
    ['512m', 512], ['4g', 4096], ['1536M', 1536], ['4096', 4096], ['1t', 1024 * 1024], ['2048k', 2], ['1gb', 1024],
  ])('parses %s as %d MiB, as Spark does', (value, mib) => {
    expect(parseSparkMemoryMebibytes(value)).toEqual(mib);
  });

  test.each(['1Gi', '1.5g', '-1m', 'g', '', '4 g'])('refuses %j as Spark does', value => {
    expect(parseSparkMemoryMebibytes(value)).toBeUndefined();
  });

  test('every size it renders parses back to the same amount', () => {
    for (const mib of [1, 384, 512, 1000, 1024, 3712, 4096, 10240]) {
      expect(parseSparkMemoryMebibytes(toSparkMemory('memory', Size.mebibytes(mib)))).toEqual(mib);
    }
  });
});
