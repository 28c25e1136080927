/**
 * The user's decisions that change a verdict, as they travel with the YAML.
 *
 * A job accepts Pending pods (`pendingPods: PendingPods.WARN`), a policy's capacity check is
 * relaxed, a warning threshold is changed: synthesis knows these from the props, and `plan`, the
 * cdk8s plugin and the testing kit must give synthesis's verdict on the same YAML. So the library
 * writes each decision that differs from the default as an annotation of the SparkApplication (or
 * ScheduledSparkApplication) under its own prefix, `cdk8s-spark-eci/`, and every front end reads it
 * back here. Objects without a decision get the front end's defaults (`plan --pending-pods`, the
 * plugin's `failOnPending`); an app can turn recording off (for a byte-exact reproduction), in
 * which case only synthesis knows the decisions.
 */
import { isObject, stringMap } from './json';

/** What synthesis does when some of a job's pods would stay Pending. */
export enum PendingPods {
  /** Fail synthesis with a message that names the job, the pods, the reason and the fix. */
  ERROR = 'ERROR',
  /** Print the same message as a warning on standard error, once, and go on. */
  WARN = 'WARN',
  /** Accept the Pending pods silently. */
  ALLOW = 'ALLOW',
}

/**
 * The annotation keys of the decisions. A DNS-1123 subdomain prefix of the library's own name:
 * a valid annotation key that no one else writes.
 */
export const DecisionAnnotation = {
  /** `ERROR` (the default), `WARN` or `ALLOW`: pods Pending for lack of capacity (caps, budgets, quota). */
  PENDING_PODS: 'cdk8s-spark-eci/pending-pods',
  /** `ERROR` (the default), `WARN` or `ALLOW`: pods that can never start (no node, no ECI size, rejected). */
  UNSCHEDULABLE_PODS: 'cdk8s-spark-eci/unschedulable-pods',
  /**
   * The ResourcePolicies (`namespace/name`) that must place some of the job's pods
   * (`ResourcePolicyUnits.addJob()`, `checkCapacity()`), each with its own choice for Pending pods:
   * `team/policy` or `team/policy=WARN`, comma-separated.
   */
  RESOURCE_POLICIES: 'cdk8s-spark-eci/resource-policies',
  /** The unused share of a billed ECI size above which to warn, per role: `driver=0.5,executor=0` (default 0.25). */
  UNUSED_SHARE_WARNING: 'cdk8s-spark-eci/unused-share-warning',
} as const;

/** The prefix of the library's annotations (decisions, and facts such as `cdk8s-spark-eci/image-size`). */
export const DECISION_ANNOTATION_PREFIX = 'cdk8s-spark-eci/';

/** Every decision annotation key. */
export const DECISION_KEYS: readonly string[] = Object.values(DecisionAnnotation);

/** Warn when more than this share of a billed ECI size is unused, unless a job says otherwise. */
export const DEFAULT_UNUSED_SHARE_WARNING = 0.25;

/** What a front end decides for jobs that carry no decision of their own. */
export interface DecisionDefaults {
  readonly pendingPods: PendingPods;
  readonly unschedulablePods: PendingPods;
}

/** Synthesis's defaults, and `plan`'s unless told otherwise: every Pending pod is an error. */
export const STRICT_DEFAULTS: DecisionDefaults = { pendingPods: PendingPods.ERROR, unschedulablePods: PendingPods.ERROR };

/** One job's decisions, as recorded (`undefined`: not decided, the front end's default applies). */
export interface JobDecisions {
  readonly pendingPods?: PendingPods;
  readonly unschedulablePods?: PendingPods;
  /** Policies (`namespace/name`) that must place some pods, with their own choice for Pending pods. */
  readonly resourcePolicies: ReadonlyArray<{ readonly policy: string; readonly pendingPods?: PendingPods }>;
  readonly unusedShareWarning: { readonly driver?: number; readonly executor?: number };
}

/** No decisions at all. */
export const NO_DECISIONS: JobDecisions = { resourcePolicies: [], unusedShareWarning: {} };

/** A decision annotation that cannot be read: the key, what is allowed and the value. */
export interface DecisionProblem {
  readonly key: string;
  readonly allowed: string;
  readonly got: string;
}

const PENDING_VALUES = Object.values(PendingPods) as string[];

function pendingPodsOf(key: string, value: string | undefined, problems: DecisionProblem[]): PendingPods | undefined {
  if (value === undefined) { return undefined; }
  if (PENDING_VALUES.includes(value)) { return value as PendingPods; }
  problems.push({ key, allowed: `must be one of ${PENDING_VALUES.join(', ')}`, got: value });
  return undefined;
}

/** Whether a manifest records any decision (then its annotations, not a front end's, decide). */
export function hasDecisionAnnotation(manifest: unknown): boolean {
  const metadata = isObject(manifest) && isObject(manifest.metadata) ? manifest.metadata : {};
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  return DECISION_KEYS.some(key => annotations[key] !== undefined);
}

/** Reads the decisions of a SparkApplication or ScheduledSparkApplication manifest. */
export function readDecisions(manifest: unknown): { decisions: JobDecisions; problems: DecisionProblem[] } {
  const annotations = isObject(manifest) && isObject(manifest.metadata) ? stringMap(manifest.metadata.annotations) : {};
  const problems: DecisionProblem[] = [];
  const resourcePolicies: Array<{ policy: string; pendingPods?: PendingPods }> = [];
  const policies = annotations[DecisionAnnotation.RESOURCE_POLICIES];
  for (const entry of policies === undefined ? [] : policies.split(',')) {
    const [policy, choice, ...rest] = entry.trim().split('=');
    if (!/^[^/\s]+\/[^/\s]+$/.test(policy ?? '') || rest.length > 0) {
      problems.push({
        key: DecisionAnnotation.RESOURCE_POLICIES, allowed: 'must list namespace/name or namespace/name=ERROR|WARN|ALLOW, comma-separated', got: policies!,
      });
      continue;
    }
    resourcePolicies.push({ policy, pendingPods: pendingPodsOf(DecisionAnnotation.RESOURCE_POLICIES, choice, problems) });
  }
  const unusedShareWarning: { driver?: number; executor?: number } = {};
  const shares = annotations[DecisionAnnotation.UNUSED_SHARE_WARNING];
  for (const entry of shares === undefined ? [] : shares.split(',')) {
    const match = /^(driver|executor)=([0-9.eE+-]+)$/.exec(entry.trim());
    const share = match ? Number(match[2]) : NaN;
    if (!match || !(share >= 0 && share < 1)) {
      problems.push({
        key: DecisionAnnotation.UNUSED_SHARE_WARNING, allowed: 'must list driver=<share> and executor=<share>, each share from 0 to less than 1', got: shares!,
      });
      continue;
    }
    unusedShareWarning[match[1] as 'driver' | 'executor'] = share;
  }
  return {
    decisions: {
      pendingPods: pendingPodsOf(DecisionAnnotation.PENDING_PODS, annotations[DecisionAnnotation.PENDING_PODS], problems),
      unschedulablePods: pendingPodsOf(DecisionAnnotation.UNSCHEDULABLE_PODS, annotations[DecisionAnnotation.UNSCHEDULABLE_PODS], problems),
      resourcePolicies,
      unusedShareWarning,
    },
    problems,
  };
}

/**
 * The annotations that record `decisions`: only what differs from the defaults, so a job with
 * none records nothing (the seed's manifests stay as they are).
 */
export function decisionAnnotations(decisions: JobDecisions): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  if (decisions.pendingPods !== undefined && decisions.pendingPods !== PendingPods.ERROR) {
    out[DecisionAnnotation.PENDING_PODS] = decisions.pendingPods;
  }
  if (decisions.unschedulablePods !== undefined && decisions.unschedulablePods !== PendingPods.ERROR) {
    out[DecisionAnnotation.UNSCHEDULABLE_PODS] = decisions.unschedulablePods;
  }
  if (decisions.resourcePolicies.length > 0) {
    out[DecisionAnnotation.RESOURCE_POLICIES] = decisions.resourcePolicies
      .map(p => p.pendingPods === undefined ? p.policy : `${p.policy}=${p.pendingPods}`).join(',');
  }
  const shares = (['driver', 'executor'] as const)
    .filter(role => decisions.unusedShareWarning[role] !== undefined && decisions.unusedShareWarning[role] !== DEFAULT_UNUSED_SHARE_WARNING)
    .map(role => `${role}=${decisions.unusedShareWarning[role]}`);
  if (shares.length > 0) { out[DecisionAnnotation.UNUSED_SHARE_WARNING] = shares.join(','); }
  return out;
}
