/**
 * The cdk8s validation plugin: `cdk8s synth` hands it every manifest file it wrote, this
 * library's constructs, `Include`d YAML and Helm output alike, and the plugin plans them with the
 * one planner (`planManifests()`, as the `plan` command does) and reports each finding as a
 * violation named by its code. Nothing here decides where a pod runs. Its one rule of its own is
 * for Helm output: no `{{` in a chart's templates (`helm-templates.ts`).
 *
 * Each file is read once, safely (no blocking on a named pipe, a loop of symbolic links named:
 * `src/private/input-files.ts`) and parsed once, in time linear in its text; every text the
 * plugin hands cdk8s-cli, which prints it on the terminal, goes through `forTerminal`, here.
 */
import { PluginFindings, findingsOf } from './findings';
import { helmTemplateViolations } from './helm-templates';
import { documentsOf, nameOfObject, objectsOf, objectsOfFiles, SourceFile, sharedNames } from './manifest-files';
import { IValidationContext, ValidationViolation } from './validation-context';
import { CostModel } from '../model/cost-model';
import { PendingPods } from '../model/decisions';
import { PlanInputError, planReadManifests, readManifestFiles } from '../model/plan';
import { invalid } from '../private/errors';
import { forTerminal } from '../private/escape';
import { InputFileError, readInputFile } from '../private/input-files';
import { captureArgument, checkArguments, instanceShape, optionsShape } from '../private/props-shape';

/**
 * Options of `SparkPlanValidation`: the `properties` of its entry under `validations` in
 * `cdk8s.yaml`.
 */
export interface SparkPlanValidationProps {
  /**
   * Whether pods that stay Pending fail the synth; `false` reports them as warnings. The plugin
   * reads YAML only, so it cannot see a construct's `pendingPods: PendingPods.ALLOW`: set this
   * to `false` when the app accepts Pending pods on purpose.
   *
   * @default true
   */
  readonly failOnPending?: boolean;

  /**
   * Whether warnings fail the synth too.
   *
   * @default false
   */
  readonly failOnWarnings?: boolean;

  /**
   * Pay-as-you-go ECI price of one vCPU for one hour; with `pricePerGibHour`, the report's
   * summary gives the app's ECI cost per hour.
   *
   * @default - no cost in the summary
   */
  readonly pricePerVcpuHour?: number;

  /**
   * Pay-as-you-go ECI price of one GiB of memory for one hour (with `pricePerVcpuHour`).
   *
   * @default - no cost in the summary
   */
  readonly pricePerGibHour?: number;

  /**
   * Share taken off the pay-as-you-go price for spot pods, from 0 to 1 (needs the prices).
   *
   * @default - spot pods are priced at pay-as-you-go
   */
  readonly spotDiscount?: number;

  /**
   * Currency of the prices (`CNY`, `USD`), for display (needs the prices).
   *
   * @default - plain numbers
   */
  readonly currency?: string;
}

/** What each property holds (`captureArgument`); typed, so a new property needs a shape to compile. */
const PROPS_SHAPE = optionsShape<SparkPlanValidationProps>({
  failOnPending: 'boolean', failOnWarnings: 'boolean', pricePerVcpuHour: 'number', pricePerGibHour: 'number', spotDiscount: 'number', currency: 'string',
});

/** What cdk8s-cli hands `validate()`: read by its members, as cdk8s-cli's own class is not ours. */
const CONTEXT_SHAPE = instanceShape<IValidationContext>('IValidationContext',
  (value): value is IValidationContext => {
    const c = value as Partial<IValidationContext> | undefined;
    return Array.isArray(c?.manifests) && typeof c?.report?.addViolation === 'function' && typeof c?.report?.submit === 'function'
      && typeof c?.logger?.log === 'function';
  },
  'must be the validation context cdk8s-cli hands the plugin (manifests, report, logger)');

/**
 * A cdk8s validation plugin that plans every manifest of a synth (SparkApplications,
 * ScheduledSparkApplications, ResourcePolicies, ElasticQuotaTrees, ImageCaches), whoever wrote it,
 * and reports each Pending pod and each problem the plan finds, with its code as the rule name.
 * For `cdk8s synth --format helm` it also reports each value of a template that holds `{{`,
 * which Helm would evaluate (`HELM_TEMPLATE_ACTION`). Errors fail the synth (`cdk8s synth` exits
 * 2); warnings are listed and let it pass.
 *
 * In `cdk8s.yaml` (cdk8s-cli wants an exact `version`; it reads it only for the package form):
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-spark-eci
 *     version: 0.0.0
 *     class: SparkPlanValidation
 *     properties:
 *       failOnPending: true
 * ```
 */
export class SparkPlanValidation {
  private readonly failOnPending: boolean;
  private readonly failOnWarnings: boolean;
  private readonly costModel?: CostModel;

  /**
   * @param props the `properties` of the plugin's entry in `cdk8s.yaml`
   */
  constructor(props: SparkPlanValidationProps = {}) {
    props = captureArgument('', props, PROPS_SHAPE, true, 'properties') ?? {};
    this.failOnPending = flag('failOnPending', props.failOnPending, true);
    this.failOnWarnings = flag('failOnWarnings', props.failOnWarnings, false);
    this.costModel = costModelOf(props);
  }

  /**
   * Plans the manifests of the synth and fills in the report: `failure` when a finding is an error.
   *
   * @param context what cdk8s-cli hands the plugin
   */
  public async validate(context: IValidationContext): Promise<void> {
    checkArguments('validate()', ['context', context, CONTEXT_SHAPE]);
    const files: SourceFile[] = [];
    let plan: PluginFindings | undefined;
    let shared: ReadonlySet<string> = new Set();
    try {
      // Manifests can be large (cdk8s writes every object of a chart to one file): no size limit.
      for (const file of context.manifests) { files.push(readInputFile(file, file, Number.MAX_SAFE_INTEGER)); }
      const objects = readManifestFiles(files);
      shared = sharedNames(objectsOf(objects));
      // failOnPending sets the default only: a job's own decision (its cdk8s-spark-eci/ annotations) wins.
      const fallback = this.failOnPending ? PendingPods.ERROR : PendingPods.WARN;
      const report = planReadManifests(objects, { costModel: this.costModel, defaults: { pendingPods: fallback, unschedulablePods: fallback } });
      plan = findingsOf(report, { failOnPending: this.failOnPending, failOnWarnings: this.failOnWarnings, sharedNames: shared });
    } catch (e) {
      if (e instanceof InputFileError) {
        plan = unreadableFile(e, context.manifests[files.length]);
      } else if (e instanceof PlanInputError) {
        shared = sharedNames(objectsOfFiles(files));
        plan = unreadable(e, files, shared);
      } else {
        throw e;
      }
    }
    const helm = helmTemplateViolations(files, shared);
    const summary: { [key: string]: string } = { ...plan.summary, Errors: String(Number(plan.summary.Errors) + helm.length) };
    const n = (count: number | string | undefined, noun: string) => `${count ?? 0} ${noun}${Number(count ?? 0) === 1 ? '' : 's'}`;
    context.logger.log(forTerminal(`cdk8s-spark-eci: planned ${n(summary['Spark jobs'], 'Spark job')} in ${n(files.length, 'manifest file')}: `
      + `${n(summary.Errors, 'error')}, ${n(summary.Warnings, 'warning')}`));
    for (const violation of [...plan.violations, ...helm]) {
      context.report.addViolation(forTerminalViolation(violation));
    }
    context.report.submit(plan.failed || helm.length > 0 ? 'failure' : 'success',
      Object.fromEntries(Object.entries(summary).map(([key, value]) => [forTerminal(key), forTerminal(value)])));
  }
}

/**
 * A violation with every text escaped for the terminal (cdk8s-cli prints them as they are): names,
 * messages, paths and locations come from manifests. A `resourceName` holding a control
 * character is no valid Kubernetes name, so cdk8s-cli finds no construct path for it either way.
 */
function forTerminalViolation(violation: ValidationViolation): ValidationViolation {
  return {
    ruleName: forTerminal(violation.ruleName),
    recommendation: forTerminal(violation.recommendation),
    fix: forTerminal(violation.fix),
    violatingResources: violation.violatingResources.map(r => ({
      resourceName: forTerminal(r.resourceName),
      locations: r.locations.map(forTerminal),
      manifestPath: forTerminal(r.manifestPath),
    })),
  };
}

function flag(prop: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) { return fallback; }
  if (typeof value !== 'boolean') { invalid(prop, 'must be true or false', value); }
  return value;
}

function costModelOf(props: SparkPlanValidationProps): CostModel | undefined {
  const { pricePerVcpuHour, pricePerGibHour, spotDiscount, currency } = props;
  if (pricePerVcpuHour === undefined && pricePerGibHour === undefined) {
    const stray = (['spotDiscount', 'currency'] as const).find(key => props[key] !== undefined);
    if (stray) { invalid(stray, 'needs pricePerVcpuHour and pricePerGibHour', props[stray]); }
    return undefined;
  }
  if (pricePerVcpuHour === undefined) { invalid('pricePerVcpuHour', 'must be given with pricePerGibHour', undefined); }
  if (pricePerGibHour === undefined) { invalid('pricePerGibHour', 'must be given with pricePerVcpuHour', undefined); }
  // The cost model checks the values themselves (numbers, the discount's range), as for the `plan` command.
  return new CostModel({ pricePerVcpuHour, pricePerGibHour, spotDiscount, currency });
}

/** The findings of input that cannot be read: the synth fails with one `UNREADABLE_MANIFEST` violation. */
function unreadableFindings(
  message: string, fix: string, resource: { resourceName: string; location: string; manifestPath: string },
): PluginFindings {
  return {
    failed: true,
    summary: { Errors: '1', Warnings: '0' },
    violations: [{
      ruleName: 'UNREADABLE_MANIFEST',
      recommendation: `error: ${message}`,
      fix,
      violatingResources: [{ resourceName: resource.resourceName, locations: [resource.location], manifestPath: resource.manifestPath }],
    }],
  };
}

/** A manifest file that cannot be read at all fails the synth: one violation naming it. */
function unreadableFile(error: InputFileError, file: string | undefined): PluginFindings {
  return unreadableFindings(error.message,
    'cdk8s synth wrote this manifest: check that nothing replaced it (a link, a pipe) before the validation ran.',
    { resourceName: file ?? '-', location: file ?? '-', manifestPath: file ?? '-' });
}

/** A manifest the plan cannot read fails the synth: one violation naming the file and document. */
function unreadable(error: PlanInputError, files: readonly SourceFile[], shared: ReadonlySet<string>): PluginFindings {
  return unreadableFindings(error.message,
    'Correct the value named above: the plan reads every SparkApplication, ScheduledSparkApplication, ResourcePolicy, '
    + 'ElasticQuotaTree and ImageCache of the synth, and refuses what Spark, the operator or ACK would refuse.',
    {
      resourceName: resourceNameOf(error, files, shared),
      location: error.document === undefined ? error.file : `${error.file}, document ${error.document}`,
      manifestPath: error.file,
    });
}

/**
 * The resource an unreadable document is: its `metadata.name` when no other object has it (so
 * cdk8s finds its construct path), else `Kind name`, else the document's number.
 */
function resourceNameOf(error: PlanInputError, files: readonly SourceFile[], shared: ReadonlySet<string>): string {
  const text = files.find(f => f.file === error.file)?.text;
  const object = text === undefined || error.document === undefined ? undefined : documentsOf(text)[error.document - 1];
  const name = nameOfObject(object);
  if (name === undefined) { return `document ${error.document ?? '-'}`; }
  return shared.has(name) ? `${object.kind} ${name}` : name;
}
