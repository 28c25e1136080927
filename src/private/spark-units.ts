import { Size, SizeRoundingBehavior } from 'cdk8s';
import { invalid } from './errors';

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
  const kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isInteger(kib) || kib <= 0) {
    return invalid(prop, 'must be a positive whole number of KiB, which Spark can parse (e.g. Size.mebibytes(512))', describeSize(size));
  }
  for (const [suffix, factor] of KIB_PER_SUFFIX) {
    if (kib % factor === 0) {
      return `${kib / factor}${suffix}`;
    }
  }
  /* istanbul ignore next: KiB divides every integer */
  return `${kib}k`;
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

function describeSize(size: Size): string {
  const kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  return `${kib} KiB`;
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
  const kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  const min = options.positive ? 1 : 0;
  if (!Number.isInteger(kib) || kib < min) {
    invalid(prop, options.positive ? 'must be a positive whole number of KiB (e.g. Size.gibibytes(6))' : 'must be a whole, non-negative number of KiB',
      `${kib} KiB`);
  }
  if (kib === 0) { return '0'; }
  for (const [suffix, factor] of KIB_PER_BINARY_SUFFIX) {
    if (kib % factor === 0) { return `${kib / factor}${suffix}`; }
  }
  /* istanbul ignore next: KiB divides every integer */
  return `${kib}Ki`;
}

/** A CPU quantity: a decimal number of cores (`2`, `0.5`) or millicores (`500m`). */
const CPU_QUANTITY = /^(\d+(\.\d+)?|\.\d+)(m?)$/;

/**
 * Refuses a `Cpu` whose amount is not a positive CPU quantity in whole millicores
 * (`Cpu.millis(0)`, `Cpu.units(-1)`, `Cpu.units(NaN)`, `Cpu.units(0.0005)`): Kubernetes refuses
 * those when the pod is created. Returns the amount in millicores.
 */
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
