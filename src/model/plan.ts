/**
 * From the text of YAML manifests to the plan: parses every document, reads the Spark applications
 * and ResourcePolicies among them, and runs the one planner. No file system, no console: the CLI
 * (`src/cli/`) does the I/O, and the constructs call `planObjects()` on their own rendered output.
 */
import { ApplicationModel, isSparkApplicationManifest, ManifestOrigin, readApplication } from './applications';
import { CostModel } from './cost-model';
import { DecisionDefaults, hasDecisionAnnotation, JobDecisions, NO_DECISIONS, readDecisions, STRICT_DEFAULTS } from './decisions';
import { isElasticQuotaTreeManifest, QuotaTreeModel, readElasticQuotaTree } from './elastic-quota';
import { isImageCacheManifest, ImageCacheModel, readImageCache } from './image-caches';
import { isObject, nonEmptyString } from './json';
import { PlanReport, toReport } from './plan-report';
import { ClusterPlanModel, planCluster } from './planner';
import { isResourcePolicyManifest, PolicyModel, readResourcePolicy } from './resource-policies';
import { checkObjects, refOf } from './rules';
import { decidedProblems } from './rules/decided';
import { ApplicationRuleContext } from './rules/spark-application';
import { invalid } from '../private/errors';
import { YamlProblem, yamlDocuments } from '../private/yaml-documents';

export * from './plan-report';

/** Whether the planner reads a manifest of this apiVersion and kind; it skips every other. */
export function isPlannedManifest(manifest: { apiVersion?: unknown; kind?: unknown }): boolean {
  return isSparkApplicationManifest(manifest) || isResourcePolicyManifest(manifest) || isElasticQuotaTreeManifest(manifest)
    || isImageCacheManifest(manifest);
}

/** One YAML file: a name to show in messages and its text. */
export interface ManifestFile {
  /** The file as the user should recognise it (a path). */
  readonly file: string;
  readonly text: string;
}

/** Options of `planManifests()`. */
export interface PlanOptions {
  /** ECI prices: when given, each role's ECI cost per hour is computed. */
  readonly costModel?: CostModel;
  /**
   * The verdict for jobs that record no decision of their own (`plan --pending-pods`, the
   * plugin's `failOnPending`).
   *
   * @default STRICT_DEFAULTS: every Pending pod is an error
   */
  readonly defaults?: DecisionDefaults;
}

/** Input the plan cannot read: names the file and the document (counting from 1). */
export class PlanInputError extends Error {
  public readonly file: string;
  public readonly document?: number;

  constructor(file: string, document: number | undefined, message: string) {
    super(`${file}${document === undefined ? '' : `: document ${document}`}: ${message}`);
    this.name = 'PlanInputError';
    this.file = file;
    this.document = document;
  }
}

/** A manifest and where it came from. */
export interface SourcedManifest {
  readonly object: { [key: string]: any };
  readonly origin: ManifestOrigin;
}

/**
 * Plans the Spark applications in YAML files, with the ResourcePolicies found among them.
 *
 * @throws PlanInputError for YAML that does not parse, a document that is not a Kubernetes
 *   object, or a Spark application or ResourcePolicy with a value Spark or ACK refuses
 */
export function planManifests(files: readonly ManifestFile[], options: PlanOptions = {}): PlanReport {
  checkPlanOptions(options);
  return planReadManifests(readManifestFiles(files), options);
}

/**
 * The Kubernetes objects of YAML files, as `planManifests()` reads them (the plugin reads them
 * once, for the plan and for its own rules).
 *
 * @throws PlanInputError for YAML that does not parse or a document that is not a Kubernetes object
 */
export function readManifestFiles(files: readonly ManifestFile[]): SourcedManifest[] {
  return files.flatMap(parseFile);
}

/**
 * Plans objects read by `readManifestFiles()`, as `planManifests()` does.
 *
 * @throws PlanInputError for a Spark application or ResourcePolicy with a value Spark or ACK refuses
 */
export function planReadManifests(objects: readonly SourcedManifest[], options: PlanOptions = {}): PlanReport {
  checkPlanOptions(options);
  return toReport(planObjects(objects, { onError: inputError, defaults: options.defaults }), options.costModel);
}

function checkPlanOptions(options: PlanOptions): void {
  if (options.costModel !== undefined && !CostModel.isCostModel(options.costModel)) {
    invalid('costModel', 'must be made with new CostModel({ ... })', options.costModel);
  }
}

/** Options of `planObjects()`. */
export interface PlanObjectsOptions {
  /**
   * Called for a manifest the readers refuse: throw to stop, return to plan without it.
   *
   * @default - the error is thrown
   */
  readonly onError?: (manifest: SourcedManifest, error: Error) => void;
  /** How errors name fields of applications: undefined for YAML paths, `''` for props. */
  readonly fieldPrefix?: string;
  /**
   * The verdict for jobs that record no decision of their own (see `decisions.ts`).
   *
   * @default STRICT_DEFAULTS: every Pending pod is an error
   */
  readonly defaults?: DecisionDefaults;
  /**
   * The decisions of a job whose manifest records none: synthesis passes its constructs' own when
   * an app turns recording off. Not consulted for a manifest that carries a decision annotation.
   *
   * @default - none: the defaults decide
   */
  readonly decisionsOf?: (manifest: SourcedManifest) => JobDecisions | undefined;
  /**
   * Facts about the cluster some rules need for a manifest (the operator's scheduled-run timestamp
   * precision, from a construct's cluster profile).
   *
   * @default - the operator's defaults
   */
  readonly rulesOf?: (manifest: SourcedManifest) => ApplicationRuleContext;
}

/** Plans already-parsed manifests: the one entry point of every front end. */
export function planObjects(objects: readonly SourcedManifest[], options: PlanObjectsOptions = {}): ClusterPlanModel {
  const applications: ApplicationModel[] = [];
  const appManifests: SourcedManifest[] = [];
  const policies: PolicyModel[] = [];
  const quotaTrees: QuotaTreeModel[] = [];
  const imageCaches: ImageCacheModel[] = [];
  for (const o of objects) {
    try {
      if (isSparkApplicationManifest(o.object)) {
        applications.push(readApplication(o.object, o.origin, options.fieldPrefix));
        appManifests.push(o);
      } else if (isResourcePolicyManifest(o.object)) {
        policies.push(readResourcePolicy(o.object, o.origin));
      } else if (isElasticQuotaTreeManifest(o.object)) {
        quotaTrees.push(readElasticQuotaTree(o.object));
      } else if (isImageCacheManifest(o.object)) {
        imageCaches.push(readImageCache(o.object));
      }
    } catch (e) {
      if (!options.onError) { throw e; }
      options.onError(o, e as Error);
    }
  }
  const plan = planCluster({ applications, policies, quotaTrees, imageCaches });
  const ruled = checkObjects(objects, options.rulesOf);
  const jobs = plan.jobs.map((job, i) => {
    const manifest = appManifests[i];
    const recorded = readDecisions(manifest.object);
    const decisions = hasDecisionAnnotation(manifest.object) ? recorded.decisions : options.decisionsOf?.(manifest) ?? NO_DECISIONS;
    const problems = [
      ...ruled.byObject.get(manifest) ?? [],
      ...job.problems,
      ...decidedProblems(job, decisions, recorded.problems, plan.policies),
    ];
    return { ...job, problems, decisions };
  });
  const jobManifests = new Set(appManifests);
  const objectProblems = objects.filter(o => !jobManifests.has(o) && (ruled.byObject.get(o)?.length ?? 0) > 0)
    .map(o => ({ ref: refOf(o.object), origin: o.origin, problems: ruled.byObject.get(o)! }));
  return { ...plan, jobs, objectProblems, defaults: options.defaults ?? STRICT_DEFAULTS };
}

/** Every object of the files, with its file and document: what `planManifests()` plans. */
export function parseManifests(files: readonly ManifestFile[]): SourcedManifest[] {
  return files.flatMap(parseFile);
}

/** The `onError` of `planObjects()` that `planManifests()` uses: a `PlanInputError` naming the file and document. */
export function inputError(o: SourcedManifest, error: Error): never {
  const name = isObject(o.object.metadata) ? nonEmptyString(o.object.metadata.name) : undefined;
  const label = `${o.object.kind}${name ? ` ${name}` : ''}`;
  throw new PlanInputError(o.origin.file ?? '<input>', o.origin.document, `${label}: ${error.message}`);
}

/**
 * Every Kubernetes object of a file; `List` objects are expanded. The YAML is read in time linear
 * in the text, one document at a time (`yamlDocuments()`, src/private/yaml-documents.ts), and
 * refused with the file and document named when it nests too deep, does not parse or repeats a key.
 */
function parseFile(input: ManifestFile): SourcedManifest[] {
  const out: SourcedManifest[] = [];
  const error = (problem: YamlProblem) => new PlanInputError(input.file, problem.document, problem.message);
  try {
    for (const { document, value } of yamlDocuments(input.text, error)) {
      readDocument(input.file, document, value, out);
    }
  } catch (e) {
    if (e instanceof PlanInputError) { throw e; }
    throw new PlanInputError(input.file, undefined, `not YAML: ${(e as Error).message.split('\n')[0].trim().replace(/:$/, '')}`);
  }
  return out;
}

/** The objects of one document, appended to `out`. */
function readDocument(file: string, index: number, value: unknown, out: SourcedManifest[]): void {
  const origin = { file, document: index };
  if (value === null || value === undefined) { return; }
  if (!isObject(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') {
    throw new PlanInputError(file, index, 'is not a Kubernetes object: it needs apiVersion and kind');
  }
  if (value.kind === 'List' && Array.isArray(value.items)) {
    for (const item of value.items) {
      if (isObject(item)) { out.push({ origin, object: item }); }
    }
    return;
  }
  out.push({ origin, object: value });
}
