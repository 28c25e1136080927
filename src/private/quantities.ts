/**
 * Exact Kubernetes quantities (resource.Quantity): parsing to a whole number of nano-units, so
 * that `0.5` and `500m`, or `1Gi` and `1024Mi`, compare and add up without rounding errors.
 *
 * The units module (`spark-units.ts`) renders quantities; this one reads them. Both belong in one
 * place, and should be merged when that file is next changed.
 */

/** A quantity as Kubernetes accepts it: sign, decimal number, then a binary or decimal suffix or an exponent. */
const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

const DECIMAL_EXPONENT: { readonly [suffix: string]: number } = {
  'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18,
};
const BINARY_EXPONENT: { readonly [suffix: string]: number } = {
  Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60,
};

/** Nano-units per unit. */
export const NANOS_PER_UNIT = BigInt(1_000_000_000);

/** Quantities above 10^40 units are refused rather than computed (Kubernetes caps them far lower). */
const MAX_DECIMAL_EXPONENT = 40;

/**
 * Parses a Kubernetes quantity (`2`, `0.5`, `500m`, `40Gi`, `1e3`; YAML may have read `2` or
 * `0.5` as a number) and returns it in nano-units, rounded up as Kubernetes rounds values
 * finer than 1n. Returns undefined when the value is not a quantity.
 */
export function parseQuantityNanos(value: unknown): bigint | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) { return undefined; }
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  const match = QUANTITY.exec(text);
  if (!match) { return undefined; }
  const [, sign, number, suffix = ''] = match;
  const [whole, fraction = ''] = number.split('.');
  const mantissa = BigInt(`${whole}${fraction}` || '0');
  let exponent = 9 - fraction.length; // to nano-units
  let binary = 0;
  if (suffix in BINARY_EXPONENT) {
    binary = BINARY_EXPONENT[suffix];
  } else if (suffix in DECIMAL_EXPONENT) {
    exponent += DECIMAL_EXPONENT[suffix];
  } else {
    exponent += Number(suffix.slice(1));
  }
  if (exponent > MAX_DECIMAL_EXPONENT + 9) { return undefined; }
  let nanos = mantissa * BigInt(2) ** BigInt(binary);
  if (exponent >= 0) {
    nanos *= BigInt(10) ** BigInt(exponent);
  } else {
    const divisor = BigInt(10) ** BigInt(-exponent);
    nanos = (nanos + divisor - BigInt(1)) / divisor;
  }
  return sign === '-' ? -nanos : nanos;
}

/** Nano-units as a plain number of units (`0.5` for 500m); exact for whole units below 2^53. */
export function nanosToNumber(nanos: bigint): number {
  const whole = nanos / NANOS_PER_UNIT;
  const rest = nanos % NANOS_PER_UNIT;
  return Number(whole) + Number(rest) / 1e9;
}

/** Nano-units divided by `per` (e.g. 10^6 for millicores), rounded up. */
export function nanosCeil(nanos: bigint, per: bigint): number {
  const q = nanos / per;
  return Number(nanos % per > BigInt(0) ? q + BigInt(1) : q);
}

const BINARY_SUFFIXES: ReadonlyArray<[string, bigint]> = [
  ['Ei', BigInt(2) ** BigInt(60)], ['Pi', BigInt(2) ** BigInt(50)], ['Ti', BigInt(2) ** BigInt(40)],
  ['Gi', BigInt(2) ** BigInt(30)], ['Mi', BigInt(2) ** BigInt(20)], ['Ki', BigInt(2) ** BigInt(10)],
];

/**
 * Renders nano-units as a short quantity for messages: whole units with the largest exact binary
 * suffix when `binary` (`40Gi`), else a plain number (`12`), millicores (`500m`) or nano-units.
 */
export function formatNanos(nanos: bigint, binary: boolean): string {
  const sign = nanos < BigInt(0) ? '-' : '';
  const abs = nanos < BigInt(0) ? -nanos : nanos;
  if (abs % NANOS_PER_UNIT === BigInt(0)) {
    const units = abs / NANOS_PER_UNIT;
    if (binary && units > BigInt(0)) {
      for (const [suffix, factor] of BINARY_SUFFIXES) {
        if (units % factor === BigInt(0)) { return `${sign}${units / factor}${suffix}`; }
      }
    }
    return `${sign}${units}`;
  }
  if (abs % BigInt(1_000_000) === BigInt(0)) { return `${sign}${abs / BigInt(1_000_000)}m`; }
  return `${sign}${abs}n`;
}
