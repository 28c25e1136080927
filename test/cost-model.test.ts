import { CostModel, CostModelProps } from '../src/model/cost-model';
import { EciInstanceSize } from '../src/model/eci-instance-size';

// Round figures for the arithmetic, not real prices: the library ships none.
const PRICES: CostModelProps = { pricePerVcpuHour: 0.2, pricePerGibHour: 0.03, spotDiscount: 0.7, currency: 'CNY' };

describe('CostModel.hourly()', () => {
  const model = new CostModel(PRICES);

  test.each<[string, number, number]>([
    ['2-8Gi', 0.4 + 0.24, 0.64 * 0.3],
    ['2-4Gi', 0.4 + 0.12, 0.52 * 0.3],
    ['2-1Gi', 0.4 + 0.03, 0.43 * 0.3],
    ['4-8Gi', 0.8 + 0.24, 1.04 * 0.3],
    ['64-512Gi', 12.8 + 15.36, 28.16 * 0.3],
  ])('prices %s', (spec, onDemand, spot) => {
    const size = EciInstanceSize.parse(spec);
    expect(model.hourly(size)).toBeCloseTo(onDemand, 10);
    expect(model.hourly(size, { spot: false })).toBeCloseTo(onDemand, 10);
    expect(model.hourly(size, { spot: true })).toBeCloseTo(spot, 10);
  });

  test('prices sizes below 2 vCPU on demand', () => {
    expect(model.hourly(EciInstanceSize.of(1, 2))).toBeCloseTo(0.26, 10);
    expect(model.hourly(EciInstanceSize.of(0.25, 0.5))).toBeCloseTo(0.065, 10);
  });

  test('prices a custom size', () => {
    expect(model.hourly(EciInstanceSize.custom(8, 14))).toBeCloseTo(1.6 + 0.42, 10);
  });

  test('keeps the prices it was given', () => {
    expect(model).toMatchObject(PRICES);
    const plain = new CostModel({ pricePerVcpuHour: 1, pricePerGibHour: 0 });
    expect(plain.spotDiscount).toBeUndefined();
    expect(plain.currency).toBeUndefined();
    expect(plain.hourly(EciInstanceSize.of(2, 16))).toBe(2);
  });

  test.each<[number, number]>([[0, 0.64], [1, 0]])('spotDiscount %d', (spotDiscount, spot) => {
    expect(new CostModel({ ...PRICES, spotDiscount }).hourly(EciInstanceSize.of(2, 8), { spot: true })).toBeCloseTo(spot, 10);
  });

  test.each<[string, () => number, string]>([
    ['spot without a discount',
      () => new CostModel({ pricePerVcpuHour: 1, pricePerGibHour: 1 }).hourly(EciInstanceSize.of(2, 4), { spot: true }),
      'spotDiscount must be given to price spot instances (got undefined)'],
    ['spot below 2 vCPU',
      () => model.hourly(EciInstanceSize.of(1, 2), { spot: true }),
      'size must have at least 2 vCPU to run as spot ECI (got "1-2Gi")'],
  ])('refuses %s', (_name, price, message) => {
    expect(price).toThrow(message);
  });
});

describe('new CostModel() refuses prices it cannot use', () => {
  test.each<[Partial<CostModelProps>, string]>([
    [{ pricePerVcpuHour: -0.1 }, 'pricePerVcpuHour must be a price >= 0 (got -0.1)'],
    [{ pricePerVcpuHour: NaN }, 'pricePerVcpuHour must be a price >= 0 (got NaN)'],
    [{ pricePerVcpuHour: Infinity }, 'pricePerVcpuHour must be a price >= 0 (got Infinity)'],
    [{ pricePerGibHour: -1 }, 'pricePerGibHour must be a price >= 0 (got -1)'],
    [{ pricePerGibHour: undefined }, 'pricePerGibHour must be a price >= 0 (got undefined)'],
    [{ spotDiscount: -0.1 }, 'spotDiscount must be a share from 0 to 1, e.g. 0.7 for 70% off (got -0.1)'],
    [{ spotDiscount: 70 }, 'spotDiscount must be a share from 0 to 1, e.g. 0.7 for 70% off (got 70)'],
    [{ currency: ' ' }, 'currency must be a non-empty string, e.g. "CNY" (got " ")'],
  ])('%j', (override, message) => {
    expect(() => new CostModel({ ...PRICES, ...override } as CostModelProps)).toThrow(message);
  });
});
