/**
 * The plan's findings as cdk8s validation violations: one per Pending run of pods and one per
 * problem, named by the finding's code, about the job (kind, namespace and name) in the file it
 * was read from. The words are the plan's own (`describe.ts`, `describe-fix.ts`), with YAML field
 * names, so the plugin and `cdk8s-spark-eci plan` say the same thing.
 */
import { ValidationViolation } from './validation-context';
import { DecisionAnnotation } from '../model/decisions';
import { yamlFieldNamer } from '../model/describe';
import { describePendingFix, describeProblemFix } from '../model/describe-fix';
import { JobPlan, ObjectPlan, PlanReport } from '../model/plan';
import { PendingReasonCode, ProblemCode } from '../model/planner';
import { CAPACITY_REASONS, Verdict } from '../model/verdicts';

/** What the plugin's properties decide about severities. */
export interface FindingSeverities {
  /**
   * Whether the plan was made with Pending pods as errors (`failOnPending`): only the advice in a
   * Pending pods' fix depends on it; the verdicts are the report's own.
   */
  readonly failOnPending: boolean;
  /** Warnings fail the synth too. */
  readonly failOnWarnings: boolean;
  /**
   * Names that more than one object of the synth has. cdk8s records construct paths by bare
   * `metadata.name`, so for these it would show some other object's path: the violation names
   * the resource `Kind namespace/name` instead, and shows no construct path rather than a wrong one.
   */
  readonly sharedNames: ReadonlySet<string>;
}

/** The violations of a plan, whether they fail the synth, and the rows of the report's summary. */
export interface PluginFindings {
  readonly violations: ValidationViolation[];
  readonly failed: boolean;
  readonly summary: { [key: string]: string };
}

/**
 * Turns a plan report into violations, with the report's verdicts (a job's own decisions, else the
 * plugin's defaults): errors (and warnings with `failOnWarnings`) fail; accepted findings are not
 * reported.
 */
export function findingsOf(report: PlanReport, severities: FindingSeverities): PluginFindings {
  const violations: ValidationViolation[] = [];
  let errors = 0;
  let warnings = 0;
  const add = (verdict: Verdict, violation: ValidationViolation) => {
    if (verdict === Verdict.ALLOWED) { return; }
    const error = verdict === Verdict.ERROR;
    if (error) { errors++; } else { warnings++; }
    violations.push({ ...violation, recommendation: `${error ? 'error' : 'warning'}: ${violation.recommendation}` });
  };
  for (const job of report.jobs) {
    const field = yamlFieldNamer(job);
    for (const pending of job.pending) {
      const code = pending.reason.code as PendingReasonCode;
      const accept = pending.severity === Verdict.ERROR
        ? ` To accept them, annotate the application ${pending.reason.code === PendingReasonCode.NO_NODE || !CAPACITY_REASONS.includes(code)
          ? DecisionAnnotation.UNSCHEDULABLE_PODS : DecisionAnnotation.PENDING_PODS}: WARN (or ALLOW)${severities.failOnPending
          ? ', or set failOnPending: false in the plugin\'s properties for every job that records no decision' : ''}.`
        : '';
      add(pending.severity, {
        ruleName: code,
        recommendation: `${title(job)}: ${pending.message} (${pending.count} pod${pending.count === 1 ? '' : 's'} Pending)`,
        fix: `${describePendingFix(code, pending.role, field, pending.dynamicAllocation)}${accept}`,
        violatingResources: [resource(job, field(pending.role), severities.sharedNames)],
      });
    }
    for (const problem of job.problems) {
      add(problem.severity, {
        ruleName: problem.code,
        recommendation: `${title(job)}: ${problem.message}`,
        fix: describeProblemFix(problem.code as ProblemCode, problem.role, field),
        violatingResources: [resource(job, problem.field ?? (problem.role !== null ? field(problem.role) : null), severities.sharedNames)],
      });
    }
  }
  for (const object of report.objects) {
    for (const problem of object.problems) {
      add(problem.severity, {
        ruleName: problem.code,
        recommendation: `${title(object)}: ${problem.message}`,
        fix: describeProblemFix(problem.code as ProblemCode, problem.role, f => f),
        violatingResources: [resource(object, problem.field, severities.sharedNames)],
      });
    }
  }
  const t = report.totals;
  const summary: { [key: string]: string } = {
    'Spark jobs': String(t.jobs),
    'Pods': String(t.pods),
    'Pending pods': String(t.pendingPods),
    'Errors': String(errors),
    'Warnings': String(warnings),
  };
  if (t.eciCostPerHour) {
    const cost = t.eciCostPerHour.atLeast === t.eciCostPerHour.atMost ? `${t.eciCostPerHour.atMost}` : `${t.eciCostPerHour.atLeast} to ${t.eciCostPerHour.atMost}`;
    summary['ECI cost per hour'] = `${cost}${report.prices?.currency ? ` ${report.prices.currency}` : ''}`;
  }
  return { violations, failed: errors > 0 || (severities.failOnWarnings && warnings > 0), summary };
}

function title(job: JobPlan | ObjectPlan): string {
  return `${job.kind} ${job.namespace}/${job.name}`;
}

/**
 * The job as the violating resource. `resourceName` is the bare `metadata.name`, by which
 * cdk8s-cli finds the construct path, unless other objects share the name; the kind and
 * namespace go in the location.
 */
function resource(job: JobPlan | ObjectPlan, field: string | null, sharedNames: ReadonlySet<string>) {
  const where = job.source.document === null ? '' : ` (document ${job.source.document})`;
  return {
    resourceName: sharedNames.has(job.name) ? title(job) : job.name,
    locations: [`${title(job)}${where}${field === null ? '' : `: ${field}`}`],
    manifestPath: job.source.file ?? job.source.path ?? '-',
  };
}
