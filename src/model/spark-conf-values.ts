/**
 * How Spark converts the text of a configuration value, as its `ConfigBuilder` types do
 * (`core/src/main/scala/org/apache/spark/internal/config/ConfigBuilder.scala@v3.5.2:30-67`, the
 * same at v4.0.0-preview2). A reader returns `undefined` for text Spark fails to convert: the
 * caller names the key and refuses it.
 */

/** The largest value of a Java `int`. */
const INT_MAX = 2147483647;
/** The smallest value of a Java `int`. */
const INT_MIN = -2147483648;

/**
 * Scala's `Double.toInt`, which Spark applies to `factor × memory`: toward zero, NaN to 0, and
 * clamped to the range of an `int` (`scala.runtime.RichDouble`, `java.lang.Double#intValue`).
 */
export function scalaToInt(value: number): number {
  if (Number.isNaN(value)) { return 0; }
  if (value >= INT_MAX) { return INT_MAX; }
  if (value <= INT_MIN) { return INT_MIN; }
  return Math.trunc(value);
}

/**
 * A `doubleConf` value: `s.trim.toDouble` (`ConfigHelpers.toNumber`), i.e. Java's
 * `Double.parseDouble`: decimal digits with an optional exponent and `d`/`f` suffix, `NaN`,
 * `Infinity`. Hexadecimal floating literals are not read.
 */
export function readSparkDouble(text: string): number | undefined {
  const s = text.trim();
  const match = /^([+-]?)(NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/.exec(s);
  if (!match) { return undefined; }
  const value = match[2] === 'NaN' ? Number.NaN : Number(match[2]);
  return match[1] === '-' ? -value : value;
}

/** An `intConf` value: `s.trim.toInt` (`Integer.parseInt`): optional sign, decimal digits, in int range. */
export function readSparkInt(text: string): number | undefined {
  const s = text.trim();
  if (!/^[+-]?\d+$/.test(s)) { return undefined; }
  const value = Number(s);
  return value >= INT_MIN && value <= INT_MAX ? value : undefined;
}

/** An integer as Scala's `String.toInt` reads it (no trimming): `ResourceUtils.parseResourceRequest`'s amounts. */
export function readScalaInt(text: string): number | undefined {
  return /^\s|\s$/.test(text) ? undefined : readSparkInt(text);
}

/** A `booleanConf` value: `s.trim.toBoolean`, `true` or `false` in any case. */
export function readSparkBoolean(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

/** Bytes per suffix of a Spark size (`JavaUtils.byteSuffixes`): `b`, `k`/`kb` ... `p`/`pb`. */
const BYTES_PER_SUFFIX: { readonly [suffix: string]: number } = {
  b: 1, k: 2 ** 10, kb: 2 ** 10, m: 2 ** 20, mb: 2 ** 20, g: 2 ** 30, gb: 2 ** 30, t: 2 ** 40, tb: 2 ** 40, p: 2 ** 50, pb: 2 ** 50,
};

/**
 * A `bytesConf` value in bytes: `JavaUtils.byteStringAs`
 * (`common/utils/src/main/java/org/apache/spark/network/util/JavaUtils.java@v3.5.2:283-306`):
 * lower-cased and trimmed, `([0-9]+)([a-z]+)?` with a suffix of `BYTES_PER_SUFFIX`; no suffix
 * means the key's own unit. Fractions (`1.5g`) and Kubernetes suffixes (`1Gi`) are refused, and so
 * is a sign (Spark reads `-1g`, but no size the plan reads may be negative).
 *
 * @param unitBytes bytes of the key's unit: 2^20 for the MiB keys, 1 for `spark.memory.offHeap.size`
 */
export function readSparkBytes(text: string, unitBytes: number): number | undefined {
  const match = /^([0-9]+)([a-z]+)?$/.exec(text.trim().toLowerCase());
  if (!match) { return undefined; }
  const per = match[2] === undefined ? unitBytes : BYTES_PER_SUFFIX[match[2]];
  if (per === undefined) { return undefined; }
  const bytes = Number(match[1]) * per;
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/**
 * A MiB `bytesConf` value (`spark.executor.memory`, `spark.driver.memoryOverhead`...) in whole
 * MiB, truncated as `ByteUnit.convertTo` truncates (`1536k` is 1 MiB).
 */
export function readSparkMebibytes(text: string): number | undefined {
  const bytes = readSparkBytes(text, 2 ** 20);
  return bytes === undefined ? undefined : Math.floor(bytes / 2 ** 20);
}

/** The units of a Spark time (`JavaUtils.timeSuffixes`), in nanoseconds. */
const NANOS_PER_TIME_SUFFIX: { readonly [suffix: string]: bigint } = {
  us: 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, min: 60_000_000_000n, h: 3_600_000_000_000n, d: 86_400_000_000_000n,
};

/** The largest value of a Java `long`. */
const LONG_MAX = 9_223_372_036_854_775_807n;

/**
 * A `timeConf(unit)` value in whole `unit`s: `JavaUtils.timeStringAs`
 * (`common/utils/src/main/java/org/apache/spark/network/util/JavaUtils.java@v4.0.0-preview2:206-265`;
 * the same rule at v3.5.2): lower-cased and trimmed, `(-?[0-9]+)([a-z]+)?` with a suffix of
 * `us`, `ms`, `s`, `m`, `min`, `h` or `d` (none: the key's own unit), the number a Java `long`;
 * converted as `TimeUnit.convert` does, truncating toward zero (`30s` is 0 minutes) and clamping
 * at the range of a `long`.
 *
 * @param unit the key's unit, one of the suffixes (`min` for `spark.driver.timeout`)
 */
export function readSparkTime(text: string, unit: string): number | undefined {
  const match = /^(-?[0-9]+)([a-z]+)?$/.exec(text.toLowerCase().trim());
  if (!match) { return undefined; }
  const value = BigInt(match[1]);
  if (value > LONG_MAX || value < -LONG_MAX - 1n) { return undefined; } // Long.parseLong fails
  const from = NANOS_PER_TIME_SUFFIX[match[2] ?? unit];
  const to = NANOS_PER_TIME_SUFFIX[unit];
  if (from === undefined || to === undefined) { return undefined; }
  let converted = (value * from) / to; // BigInt division truncates toward zero, as Java's does
  if (converted > LONG_MAX) { converted = LONG_MAX; }
  if (converted < -LONG_MAX - 1n) { converted = -LONG_MAX - 1n; }
  return Number(converted);
}
