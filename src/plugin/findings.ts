/**
 * The plan's findings as cdk8s validation violations: one per Pending run of pods and one per
 * problem, named by the finding's code, about the job (kind, namespace and name) in the file it
 * was read from. The words are the plan's own (`describe.ts`, `describe-fix.ts`), with YAML field
 * names, so the plugin and `cdk8s-spark-eci plan` say the same thing.
 */
import { ValidationViolation } from './validation-context';
import { yamlFieldNamer } from '../model/describe';
import { describePendingFix, describeProblemFix } from '../model/describe-fix';
import { JobPlan, PlanReport } from '../model/plan';
import { PendingReasonCode, ProblemCode, ProblemSeverity } from '../model/planner';

/** What the plugin's properties decide about severities. */
export interface FindingSeverities {
  /** Pending pods are errors (else warnings). */
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

/** Turns a plan report into violations; errors (and warnings with `failOnWarnings`) fail. */
export function findingsOf(report: PlanReport, severities: FindingSeverities): PluginFindings {
  const violations: ValidationViolation[] = [];
  let errors = 0;
  let warnings = 0;
  const add = (error: boolean, violation: ValidationViolation) => {
    if (error) { errors++; } else { warnings++; }
    violations.push({ ...violation, recommendation: `${error ? 'error' : 'warning'}: ${violation.recommendation}` });
  };
  for (const job of report.jobs) {
    const field = yamlFieldNamer(job);
    for (const pending of job.pending) {
      const code = pending.reason.code as PendingReasonCode;
      const accept = severities.failOnPending ? ' To accept Pending pods, set failOnPending: false in the plugin\'s properties.' : '';
      add(severities.failOnPending, {
        ruleName: code,
        recommendation: `${title(job)}: ${pending.message} (${pending.count} pod${pending.count === 1 ? '' : 's'} Pending)`,
        fix: `${describePendingFix(code, pending.role, field)}${accept}`,
        violatingResources: [resource(job, field(pending.role), severities.sharedNames)],
      });
    }
    for (const problem of job.problems) {
      add(problem.severity === ProblemSeverity.ERROR, {
        ruleName: problem.code,
        recommendation: `${title(job)}: ${problem.message}`,
        fix: describeProblemFix(problem.code as ProblemCode, problem.role, field),
        violatingResources: [resource(job, problem.field ?? (problem.role !== null ? field(problem.role) : null), severities.sharedNames)],
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

function title(job: JobPlan): string {
  return `${job.kind} ${job.namespace}/${job.name}`;
}

/**
 * The job as the violating resource. `resourceName` is the bare `metadata.name`, by which
 * cdk8s-cli finds the construct path, unless other objects share the name; the kind and
 * namespace go in the location.
 */
function resource(job: JobPlan, field: string | null, sharedNames: ReadonlySet<string>) {
  const where = job.source.document === null ? '' : ` (document ${job.source.document})`;
  return {
    resourceName: sharedNames.has(job.name) ? title(job) : job.name,
    locations: [`${title(job)}${where}${field === null ? '' : `: ${field}`}`],
    manifestPath: job.source.file ?? job.source.path ?? '-',
  };
}
