/** A DNS-1035 label: lower-case letters, digits and '-', starting with a letter, not ending with '-'. */
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Why a name is not a valid application name, or undefined when it is.
 * The operator's webhook (>= v2.4.0) refuses names that are not DNS-1035 labels of at most
 * `maxLength` characters: 63 for a SparkApplication, 43 for a ScheduledSparkApplication,
 * whose runs are named `<name>-<19 digits>`.
 */
export function applicationNameProblem(name: string, maxLength: number): string | undefined {
  if (name.length > maxLength) {
    return `must be at most ${maxLength} characters (got ${name.length}: "${name}")`;
  }
  if (!DNS_1035.test(name)) {
    return `must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit (got "${name}")`;
  }
  return undefined;
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
