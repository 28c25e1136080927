/**
 * The one formatter for numbers written as text into a manifest: annotation and label values,
 * Spark confs, Kubernetes quantities, Go durations. Every renderer goes through it (a test,
 * test/number-format.test.ts, refuses `String(number)` and `${number}` anywhere else in the
 * construct layers), so no rendered text holds an exponent (`1e+21Gi`), float noise
 * (`0.30000000000000004`) or a number past what its reader can hold; each refusal names the prop.
 *
 * The bounds, per reader:
 * - int32: the CRDs' `format: int32` fields, ECI's integer annotations;
 * - a Kubernetes quantity holds at most 2^63 - 1 of its unit and 3 decimals: apimachinery's
 *   `resource.Quantity` ("No matter which of the three exponent forms is used, no quantity may
 *   represent a number greater than 2^63-1 in magnitude, nor may it have more than 3 decimal
 *   places. Numbers larger or more precise will be capped or rounded up", k8s.io/apimachinery
 *   pkg/api/resource/quantity.go): a larger one is silently capped, so it is refused here;
 * - a Go `time.Duration` is an int64 of nanoseconds, about 292 years: `time.ParseDuration` refuses
 *   more ("invalid duration", Go src/time/format.go);
 * - a Spark size is a long of bytes (`JavaUtils.byteStringAs`), below 2^63;
 * - and every integer is written exactly, so below 2^53 (`Number.MAX_SAFE_INTEGER`).
 */
import { invalid } from './errors';

/** An inclusive range of integers, with the reader's name for messages. */
export interface IntegerBounds {
  readonly min: number;
  readonly max: number;
  /** Why the bounds, for the message: `int32`, `a Kubernetes quantity`. */
  readonly reader?: string;
}

/** The int32 of the CRDs' `format: int32` fields. */
export const INT32: IntegerBounds = { min: -(2 ** 31), max: 2 ** 31 - 1, reader: 'int32' };

/** Integers written exactly (JSON and YAML readers in Go decode them into int64). */
export const EXACT_INTEGER: IntegerBounds = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, reader: 'an integer written exactly' };

/** 2^63 - 1: the largest Kubernetes quantity (of its unit), Go duration (in ns) and Spark size (in bytes). */
export const MAX_INT64 = BigInt('9223372036854775807');

/**
 * Writes an integer in decimal digits, never with an exponent; refuses what is not an integer in
 * `bounds` (and past 2^53, where it is no longer exact).
 *
 * @param prop the prop as the user wrote it
 */
export function formatInteger(prop: string, value: number, bounds: IntegerBounds = EXACT_INTEGER): string {
  const min = Math.max(bounds.min, -Number.MAX_SAFE_INTEGER);
  const max = Math.min(bounds.max, Number.MAX_SAFE_INTEGER);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(prop, `must be an integer from ${min} to ${max}${bounds.reader ? ` (${bounds.reader})` : ''}`, value);
  }
  return BigInt(value).toString();
}

/** A range of decimals and the most fraction digits their reader takes. */
export interface DecimalBounds {
  /** Smallest value (inclusive unless `minExclusive`). */
  readonly min: number;
  readonly minExclusive?: boolean;
  /** Largest value, at most 1e15 (so that every decimal up to `decimals` places is written exactly). */
  readonly max: number;
  /** Most digits after the point, e.g. 3 for ECI's spot price limit. */
  readonly decimals: number;
  /** Why the bounds, for the message. */
  readonly reader?: string;
}

/**
 * Writes a decimal with at most `bounds.decimals` fraction digits and no exponent (`0.5`, `12`,
 * `0.125`); refuses a value with more digits (`0.12345` for 3) or outside the bounds, rather than
 * rounding it behind the user's back.
 */
export function formatDecimal(prop: string, value: number, bounds: DecimalBounds): string {
  const inRange = typeof value === 'number' && Number.isFinite(value)
    && (bounds.minExclusive ? value > bounds.min : value >= bounds.min) && value <= Math.min(bounds.max, 1e15);
  const text = inRange ? trimZeros(value.toFixed(bounds.decimals)) : '';
  if (!inRange || Number(text) !== value) {
    const range = `${bounds.minExclusive ? 'above' : 'from'} ${bounds.min} ${bounds.minExclusive ? 'up to' : 'to'} ${Math.min(bounds.max, 1e15)}`;
    invalid(prop, `must be a number ${range} with at most ${bounds.decimals} decimal${bounds.decimals === 1 ? '' : 's'}${bounds.reader ? ` (${bounds.reader})` : ''}`, value);
  }
  return text;
}

/** `1.500` → `1.5`, `2.000` → `2`. */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * The largest whole number of `unitBytes` a Kubernetes quantity holds (2^63 - 1 bytes), and that is
 * written exactly: `maxQuantityUnits(2 ** 30)` is 8589934591 GiB.
 */
export function maxQuantityUnits(unitBytes: number): number {
  return Math.min(Number(MAX_INT64 / BigInt(unitBytes)), Number.MAX_SAFE_INTEGER);
}

/** Bounds of a whole number of `unitBytes` in a Kubernetes quantity, from `min`. */
export function quantityBounds(unitBytes: number, min: number): IntegerBounds {
  return { min, max: maxQuantityUnits(unitBytes), reader: 'the largest Kubernetes quantity is 2^63-1 bytes' };
}
