import { captureArgument, optionsShape, registerShape, registeredShape } from '../src/private/props-shape';

interface Options {
  readonly name?: string;
  readonly count?: number;
  readonly labels?: { [key: string]: string };
}

const SHAPE = optionsShape<Options>({ name: 'string', count: 'number', labels: 'stringMap' }, {
  spotPriceLimit: 'is not an option: use spot',
});

describe('the shape registry: an options object', () => {
  test('copies known keys deeply, in the caller\'s order', () => {
    const labels = { a: 'x' };
    const copy = captureArgument('opts', { labels, name: 'n' }, SHAPE);
    expect(copy).toEqual({ labels: { a: 'x' }, name: 'n' });
    expect(Object.keys(copy)).toEqual(['labels', 'name']);
    expect(copy.labels).not.toBe(labels);
  });

  test('names the first unknown key and the known ones', () => {
    expect(() => captureArgument('opts', { name: 'n', colour: 'red', size: 1 } as Options, SHAPE))
      .toThrow('opts.colour must be one of the known keys (name, count, labels) (got "red")');
  });

  test('refuses a key with a hint by its hint, before any other unknown key', () => {
    expect(() => captureArgument('opts', { colour: 'red', spotPriceLimit: 0.5 } as Options, SHAPE))
      .toThrow('opts.spotPriceLimit is not an option: use spot (got 0.5)');
  });

  test('refuses an unknown key before a known key\'s bad value', () => {
    expect(() => captureArgument('opts', { count: 'x', colour: 'red' } as any, SHAPE))
      .toThrow('opts.colour must be one of the known keys');
  });

  test('refuses a known key\'s bad value when every key is known', () => {
    expect(() => captureArgument('opts', { count: 'x' } as any, SHAPE)).toThrow('opts.count must be a number (got "x")');
  });

  test('names a construct\'s own props bare, and an argument by its root name', () => {
    expect(() => captureArgument('', { colour: 'red' } as Options, SHAPE)).toThrow('colour must be one of the known keys');
    expect(() => captureArgument('', 5 as any, SHAPE, false, 'options')).toThrow('options must be an object with the keys name, count, labels (got 5)');
  });

  test('refuses an own __proto__ key (JSON.parse makes one) as unknown', () => {
    expect(() => captureArgument('opts', JSON.parse('{"__proto__": {"x": 1}}'), SHAPE)).toThrow('opts.__proto__ must be one of the known keys');
  });

  test('reads a registered shape when the value is checked', () => {
    const late = registeredShape('PropsShapeTestLate');
    registerShape('PropsShapeTestLate', SHAPE);
    expect(captureArgument('opts', { count: 2 }, late)).toEqual({ count: 2 });
    expect(() => captureArgument('opts', { colour: 'red' } as Options, late)).toThrow('opts.colour must be one of the known keys (name, count, labels)');
  });
});
