import { byteLength, isDns1035Label } from './k8s-names';

/**
 * Why a name is not a valid application name, or undefined when it is.
 * The operator's webhook (>= v2.4.0) refuses names that are not DNS-1035 labels of at most
 * `maxLength` characters: 63 for a SparkApplication, 43 for a ScheduledSparkApplication,
 * whose runs are named `<name>-<19 digits>`.
 */
export function applicationNameProblem(name: string, maxLength: number): string | undefined {
  if (byteLength(name) > maxLength) {
    return `must be at most ${maxLength} characters (got ${byteLength(name)}: "${name}")`;
  }
  const problem = isDns1035Label(name, maxLength);
  return problem === undefined ? undefined : `${problem} (got "${name}")`;
}

/** Compares dotted versions numerically: negative when a < b. Missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.-]/).map(n => parseInt(n, 10) || 0);
  const pb = b.replace(/^v/, '').split(/[.-]/).map(n => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) { return d; }
  }
  return 0;
}
