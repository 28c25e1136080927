import { EciInstanceSize } from './eci-instance-size';
import { brand, isBranded } from '../private/brand';
import { invalid } from '../private/errors';
import { captureArgument, optionsShape } from '../private/props-shape';

/**
 * Prices for `CostModel`. The library ships no prices: they differ by region and change, so
 * take them from the ECI price page of your region.
 */
export interface CostModelProps {
  /** Pay-as-you-go price of one vCPU for one hour, a number >= 0. */
  readonly pricePerVcpuHour: number;

  /** Pay-as-you-go price of one GiB of memory for one hour, a number >= 0. */
  readonly pricePerGibHour: number;

  /**
   * Share taken off the pay-as-you-go price for spot instances, from 0 to 1 (0.7 = 70% off).
   * Spot prices float; use a typical figure of your region.
   *
   * @default - no spot price: `hourly(size, { spot: true })` throws
   */
  readonly spotDiscount?: number;

  /**
   * Currency of the prices (`CNY`, `USD`), for display.
   *
   * @default - no currency: figures are plain numbers
   */
  readonly currency?: string;
}

/** Options for `CostModel.hourly()`. */
export interface CostModelHourlyOptions {
  /**
   * Price the size as a spot instance (`spotDiscount` off).
   *
   * @default false
   */
  readonly spot?: boolean;
}

/**
 * Hourly cost of ECI sizes under prices the user gives: vCPUs times the vCPU price plus GiB
 * times the memory price, with `spotDiscount` off for spot.
 */
export class CostModel {
  /**
   * Whether `x` is a `CostModel`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isCostModel(x: any): x is CostModel {
    return isBranded(x, 'CostModel');
  }

  /** Pay-as-you-go price of one vCPU for one hour. */
  public readonly pricePerVcpuHour: number;

  /** Pay-as-you-go price of one GiB of memory for one hour. */
  public readonly pricePerGibHour: number;

  /**
   * Share taken off for spot instances, 0..1.
   *
   * @default - no spot price
   */
  public readonly spotDiscount?: number;

  /**
   * Currency of the prices.
   *
   * @default - no currency
   */
  public readonly currency?: string;

  /**
   * @throws if a price is negative or not a number, or `spotDiscount` is outside 0..1
   */
  constructor(props: CostModelProps) {
    brand(this, 'CostModel');
    props = captureArgument('props', props, PROPS_SHAPE);
    checkPrice('pricePerVcpuHour', props.pricePerVcpuHour);
    checkPrice('pricePerGibHour', props.pricePerGibHour);
    const discount = props.spotDiscount;
    if (discount !== undefined && !(typeof discount === 'number' && discount >= 0 && discount <= 1)) {
      invalid('spotDiscount', 'must be a share from 0 to 1, e.g. 0.7 for 70% off', discount);
    }
    if (props.currency !== undefined && !(typeof props.currency === 'string' && props.currency.trim() !== '')) {
      invalid('currency', 'must be a non-empty string, e.g. "CNY"', props.currency);
    }
    this.pricePerVcpuHour = props.pricePerVcpuHour;
    this.pricePerGibHour = props.pricePerGibHour;
    this.spotDiscount = discount;
    this.currency = props.currency;
  }

  /**
   * Hourly cost of one instance of a size.
   *
   * @param size the size ECI bills (see `EciFit.forPod()`)
   * @param options spot
   * @throws for spot without a `spotDiscount`, or spot below 2 vCPU (ECI sizes spot pods
   *   by vCPU and memory from 2 vCPU up)
   */
  public hourly(size: EciInstanceSize, options: CostModelHourlyOptions = {}): number {
    if (!EciInstanceSize.isEciInstanceSize(size)) {
      invalid('hourly() size', 'must be made with EciInstanceSize.of(), parse(), custom() or taken from EciInstanceSize.all()', size);
    }
    options = captureArgument('hourly() options', options, HOURLY_OPTIONS_SHAPE, true) ?? {};
    const onDemand = size.vcpu * this.pricePerVcpuHour + size.memoryGibibytes * this.pricePerGibHour;
    if (!options.spot) { return onDemand; }
    if (this.spotDiscount === undefined) {
      return invalid('spotDiscount', 'must be given to price spot instances', undefined);
    }
    if (size.vcpu < 2) {
      return invalid('size', 'must have at least 2 vCPU to run as spot ECI', size.toString());
    }
    return onDemand * (1 - this.spotDiscount);
  }
}

function checkPrice(prop: string, value: number): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    invalid(prop, 'must be a price >= 0', value);
  }
}

/** What each prop and option holds (`captureArgument`); typed, so a new one needs a shape to compile. */
const PROPS_SHAPE = optionsShape<CostModelProps>({ pricePerVcpuHour: 'number', pricePerGibHour: 'number', spotDiscount: 'number', currency: 'string' });
const HOURLY_OPTIONS_SHAPE = optionsShape<CostModelHourlyOptions>({ spot: 'boolean' });
