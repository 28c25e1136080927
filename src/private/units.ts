/**
 * The one units module: every parse/format pair of the library. Spark memory strings (`512m`,
 * `4g`), Kubernetes quantities (rendered from a `Size`, parsed exactly to nano-units), CPU and
 * percentages. ECI sizes are in `eci-sizes.ts`, which uses these.
 */
import type { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { invalid } from './errors';
import { formatInteger, maxQuantityUnits, quantityBounds } from './number-format';

/**
 * `{ rounding: SizeRoundingBehavior.NONE }`, written without loading cdk8s: this module is all the
 * `plan` command needs of sizes, and cdk8s (with constructs and its own yaml) costs the command
 * about 0.2 s to load for nothing.
 */
const NO_ROUNDING = { rounding: 'none' as unknown as SizeRoundingBehavior }; // SizeRoundingBehavior.NONE is "none" (cdk8s 2.x)

/**
 * Spark's JVM size suffixes (JavaUtils.byteStringAs) and their size in KiB.
 * Kubernetes suffixes (`Gi`, `Mi`) and fractions (`1.5g`) are not in this set: Spark refuses them.
 */
const KIB_PER_SUFFIX: ReadonlyArray<[string, number]> = [
  ['t', 1024 ** 3],
  ['g', 1024 ** 2],
  ['m', 1024],
  ['k', 1],
];

/**
 * Renders a `Size` in Spark's format (`512m`, `4g`, `1536m`), using the largest suffix that
 * keeps the number whole. Throws when the size is not a whole, positive number of KiB.
 */
export function toSparkMemory(prop: string, size: Size): string {
  checkSize(prop, size, 'Size.mebibytes(512)');
  return sparkMemoryOfKibibytes(prop, size.toKibibytes(NO_ROUNDING));
}

/** `toSparkMemory()` of a number of MiB (the plan works in MiB, without cdk8s `Size`s). */
export function sparkMemoryOfMebibytes(prop: string, mebibytes: number): string {
  return sparkMemoryOfKibibytes(prop, mebibytes * 1024);
}

function sparkMemoryOfKibibytes(prop: string, kib: number): string {
  if (!Number.isInteger(kib) || kib <= 0) {
    return invalid(prop, 'must be a positive whole number of KiB, which Spark can parse (e.g. Size.mebibytes(512))', `${kib} KiB`);
  }
  // Spark reads the size into a long of bytes; above 2^53 a JavaScript number is no longer exact.
  if (!Number.isSafeInteger(kib * 1024)) {
    return invalid(prop, 'must be under 8 PiB (2^53 bytes), the largest size written exactly', `${kib} KiB`);
  }
  for (const [suffix, factor] of KIB_PER_SUFFIX) {
    if (kib % factor === 0) {
      return `${formatInteger(prop, kib / factor)}${suffix}`;
    }
  }
  /* istanbul ignore next: KiB divides every integer */
  return `${formatInteger(prop, kib)}k`;
}

/** Bytes per suffix Spark accepts in a memory string (lower case, as Spark lower-cases it). */
const BYTES_PER_SUFFIX: Record<string, number> = {
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  p: 1024 ** 5,
  pb: 1024 ** 5,
};

/**
 * Parses a Spark memory string as Spark does (`512m`, `4g`, `4096` = MiB) and returns MiB,
 * or `undefined` when Spark would refuse it (`1Gi`, `1.5g`, `-1m`).
 */
export function parseSparkMemoryMebibytes(value: string): number | undefined {
  const match = /^([0-9]+)([a-z]+)?$/.exec(value.trim().toLowerCase());
  if (!match) { return undefined; }
  const amount = Number(match[1]);
  if (match[2] === undefined) { return amount; }
  const bytes = BYTES_PER_SUFFIX[match[2]];
  if (bytes === undefined) { return undefined; }
  return (amount * bytes) / 1024 ** 2;
}

const KIB_PER_BINARY_SUFFIX: ReadonlyArray<[string, number]> = [
  ['Ti', 1024 ** 3],
  ['Gi', 1024 ** 2],
  ['Mi', 1024],
  ['Ki', 1],
];

/**
 * Renders a `Size` as a Kubernetes quantity in the largest exact binary unit (`40Gi`, `1536Mi`),
 * refusing fractions of a KiB and negative sizes (and zero when `positive`), which cdk8s's own
 * conversions would throw on and Kubernetes would refuse.
 */
export function toQuantity(prop: string, size: Size, options: { positive?: boolean } = {}): string {
  checkSize(prop, size, 'Size.gibibytes(6)');
  const kib = size.toKibibytes(NO_ROUNDING);
  const min = options.positive ? 1 : 0;
  if (!Number.isInteger(kib) || kib < min) {
    invalid(prop, options.positive ? 'must be a positive whole number of KiB (e.g. Size.gibibytes(6))' : 'must be a whole, non-negative number of KiB',
      `${kib} KiB`);
  }
  // A quantity holds at most 2^63 - 1 bytes (src/private/number-format.ts); KiB below 2^53 stay under it, exactly.
  if (kib > maxQuantityUnits(1024)) {
    invalid(prop, `must be at most ${maxQuantityUnits(2 ** 30)}Gi (a Kubernetes quantity holds at most 2^63-1 bytes)`, `${kib} KiB`);
  }
  if (kib === 0) { return '0'; }
  for (const [suffix, factor] of KIB_PER_BINARY_SUFFIX) {
    if (kib % factor === 0) { return `${formatInteger(prop, kib / factor)}${suffix}`; }
  }
  /* istanbul ignore next: KiB divides every integer */
  return `${formatInteger(prop, kib)}Ki`;
}

/**
 * A whole number of GiB from `min` up as a quantity (`100Gi`): ECI sells extra ephemeral storage
 * in whole GiB, and a scratch disk's `sizeLimit` is the same number. Bounded as a quantity.
 *
 * @param prop the prop as the user wrote it, e.g. `scratch size`
 */
export function gibibyteQuantity(prop: string, gib: number, min: number): string {
  return `${formatInteger(`${prop} (GiB)`, gib, quantityBounds(2 ** 30, min))}Gi`;
}

/**
 * Millicores as a Kubernetes CPU quantity: whole cores as a number (`2`), else millicores
 * (`500m`), in plain digits.
 */
export function cpuQuantity(prop: string, millis: number): string {
  return millis % 1000 === 0 ? formatInteger(prop, millis / 1000) : `${formatInteger(prop, millis)}m`;
}

/** A CPU quantity: a decimal number of cores (`2`, `0.5`) or millicores (`500m`). */
const CPU_QUANTITY = /^(\d+(\.\d+)?|\.\d+)(m?)$/;

/**
 * Refuses a `Cpu` whose amount is not a positive CPU quantity in whole millicores
 * (`Cpu.millis(0)`, `Cpu.units(-1)`, `Cpu.units(NaN)`, `Cpu.units(0.0005)`): Kubernetes refuses
 * those when the pod is created. Returns the amount in millicores.
 */
/**
 * Refuses what is not a cdk8s `Size`, for callers without TypeScript. Read by its methods, not
 * `instanceof`, so a Size from another copy of cdk8s in the app passes.
 *
 * @param example a value the message suggests, e.g. `Size.gibibytes(64)`
 */
export function checkSize(prop: string, value: unknown, example: string): asserts value is Size {
  if (value === null || typeof value !== 'object' || typeof (value as Partial<Size>).toKibibytes !== 'function') {
    invalid(prop, `must be a Size, e.g. ${example}`, value);
  }
}

/**
 * Refuses what is not a cdk8s `Duration`, as `checkSize` does for sizes.
 *
 * @param example a value the message suggests, e.g. `Duration.minutes(15)`
 */
export function checkDuration(prop: string, value: unknown, example: string): asserts value is Duration {
  if (value === null || typeof value !== 'object' || typeof (value as Partial<Duration>).toMilliseconds !== 'function') {
    invalid(prop, `must be a Duration, e.g. ${example}`, value);
  }
}

export function checkCpu(prop: string, cpu: { readonly amount: unknown } | undefined): number | undefined {
  if (cpu === undefined) { return undefined; }
  const amount = String(cpu?.amount);
  const match = CPU_QUANTITY.exec(amount);
  const millis = match ? parseFloat(match[1]) * (match[3] === 'm' ? 1 : 1000) : NaN;
  if (!(millis > 0 && Number.isInteger(Math.round(millis * 1e6) / 1e6))) {
    invalid(prop, 'must be a positive CPU quantity in whole millicores, e.g. Cpu.millis(500) or Cpu.units(2)', amount);
  }
  return millis;
}


// --- Kubernetes quantities, read exactly ------------------------------------------------------

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


/** A quantity in whole MiB, rounded up (`4608Mi`, `5G`, `1e9`); undefined when it is no quantity. */
export function quantityMebibytes(value: unknown): number | undefined {
  const nanos = parseQuantityNanos(value);
  return nanos === undefined ? undefined : nanosCeil(nanos, BigInt(2) ** BigInt(20) * NANOS_PER_UNIT);
}

/** A share from 0 to 1 as a percentage with one decimal: `26.3%`. */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
