/**
 * The `plan` command's pure part: from the text of YAML manifests to a report of where each Spark
 * job's pods run, what they request, the ECI size they are billed at, what stays Pending and what
 * it costs. No file system, no console: the CLI (`cli.ts`) does the I/O.
 */
import { parseAllDocuments } from 'yaml';
import { CostModel } from './cost-model';
import {
  detectPlacement, DetectedPlacement, ECI_FORCE_LABEL, eciTaintText, isObject, PLACEMENT_TEXT, RolePlacement, schedulingOf,
} from './eci-scheduling';
import { SparkJobSizing, SparkRoleFit } from './spark-job-sizing';
import { SparkPodSet } from './spark-pods';
import { invalid } from '../private/errors';
import { PlanUnitInput } from '../private/resource-policy';
// eslint-disable-next-line import/no-restricted-paths -- TEMPORARY (issue "Architecture that shows"): model -> resource-policy (the placement computation belongs in model/)
import { PlacementPlan, PodPlacement } from '../resource-policy/placement-plan';

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

/** Where a document came from. */
export interface ManifestSource {
  readonly file: string;
  /** Position of the document in its file, counting from 1. */
  readonly document: number;
}

/** The ECI facts of a role whose pods may run on ECI. */
export interface RoleEciPlan {
  /** Whether some ECI size fits the pod. */
  readonly fits: boolean;
  /** The size each pod is billed at (`2-8Gi`); null when none fits. */
  readonly billed: string | null;
  readonly vcpu: number | null;
  readonly memoryGibibytes: number | null;
  /** Whether the pods ask for spot instances. */
  readonly spot: boolean;
  /** The `eci-use-specs` sizes the fit chose from, or null for every size all regions offer. */
  readonly instanceSpecs: string[] | null;
  /** Share of the billed size left unused (mean of the vCPU and memory shares), 0..1. */
  readonly unusedShare: number | null;
  readonly unusedVcpuShare: number | null;
  readonly unusedMemoryShare: number | null;
  /** What to change to waste less, or why no size fits. */
  readonly suggestion: string | null;
  /** The largest `memory` whose pod fits `smallerSize`. */
  readonly maxMemoryForSmallerSize: string | null;
  readonly smallerSize: string | null;
  /** The largest `coreLimit` that keeps the pod in `sizeWithCoreLimit`. */
  readonly coreLimitForSmallerSize: string | null;
  readonly sizeWithCoreLimit: string | null;
}

/** Hourly ECI cost of a role or job: at least (pods sure to run on ECI) and at most (every pod that may). */
export interface CostRange {
  readonly atLeast: number;
  readonly atMost: number;
}

/** One role (driver or executors) of a planned job. */
export interface RolePlan {
  readonly role: string;
  /** How many pods of the role run at once. */
  readonly pods: number;
  readonly placement: RolePlacement;
  /** The placement as the table shows it: `ECS then ECI`, `ResourcePolicy: ecs 1, eci 3, Pending 1`. */
  readonly placementText: string;
  /** Each pod's resources, as Spark sets them. */
  readonly request: {
    readonly cpuMillis: number;
    readonly cpuLimitMillis: number | null;
    readonly memoryMebibytes: number;
    readonly memoryLimitMebibytes: number;
    readonly sparkMemoryMebibytes: number;
    readonly overheadMebibytes: number;
  };
  /** How many of the pods run on ECI: at least, and at most (soft placements may or may not). */
  readonly eciPods: { readonly atLeast: number; readonly atMost: number };
  /** The ECI size and waste, for roles whose pods may run on ECI; null otherwise. */
  readonly eci: RoleEciPlan | null;
  /** How many of the pods stay Pending. */
  readonly pendingPods: number;
  /** ECI cost per hour of the role, when prices are given. */
  readonly eciCostPerHour: (CostRange & { readonly perPod: number }) | null;
}

/** A pod that stays Pending, and why. */
export interface PendingPod {
  /** `driver` or `executor-<n>`. */
  readonly pod: string;
  readonly role: string;
  readonly reason: string;
}

/** One unit of the ResourcePolicy that places a job, and the job's pods it takes. */
export interface PolicyUnitPlan {
  readonly index: number;
  readonly resource: string;
  readonly max: number | null;
  readonly pods: string[];
}

/** One SparkApplication (or ScheduledSparkApplication, planned from its template). */
export interface JobPlan {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The cron schedule of a ScheduledSparkApplication, else null. */
  readonly schedule: string | null;
  readonly source: ManifestSource;
  /** The ResourcePolicy that places the job's pods, or null. */
  readonly resourcePolicy: { readonly namespace: string; readonly name: string; readonly units: PolicyUnitPlan[] } | null;
  readonly roles: RolePlan[];
  readonly pending: PendingPod[];
  /** ECI size suggestions, per role. */
  readonly suggestions: Array<{ readonly role: string; readonly text: string }>;
  /** What the plan assumed or could not check. */
  readonly notes: string[];
  readonly eciCostPerHour: CostRange | null;
}

/** The plan of every Spark job in the input. */
export interface PlanReport {
  readonly jobs: JobPlan[];
  /** What the plans of the ResourcePolicies assume, once for all jobs. */
  readonly assumptions: string[];
  /** The prices costs were computed with, or null. */
  readonly prices: {
    readonly pricePerVcpuHour: number;
    readonly pricePerGibHour: number;
    readonly spotDiscount: number | null;
    readonly currency: string | null;
  } | null;
  readonly totals: {
    readonly jobs: number;
    readonly pods: number;
    readonly pendingPods: number;
    readonly eciPods: { readonly atLeast: number; readonly atMost: number };
    readonly eciCostPerHour: CostRange | null;
  };
}

/** A parsed Kubernetes object and where it came from. */
interface SourcedObject {
  readonly source: ManifestSource;
  readonly object: { [key: string]: any };
}

/** A ResourcePolicy as the planner needs it. */
interface PolicyInput {
  readonly source: ManifestSource;
  readonly name: string;
  readonly namespace: string;
  readonly selector: { [key: string]: string };
  readonly matchLabelKeys: string[];
  readonly units: PlanUnitInput[];
  /** `spec.whenTryNextUnits.policy`, or undefined for the scheduler's default. */
  readonly whenTryNextUnits?: string;
}

/** Where the chosen ResourcePolicy puts one pod. */
interface PodAssignment {
  readonly placement: PodPlacement;
  readonly unitIndex?: number;
  readonly reason?: string;
  /** Whether some unit with room could not take the pod. */
  readonly skippedUnits?: boolean;
}

const SPARK_GROUP = 'sparkoperator.k8s.io/';
const POLICY_GROUP = 'scheduling.alibabacloud.com/';

/**
 * Plans every SparkApplication and ScheduledSparkApplication in the files, with the
 * ResourcePolicies found among them.
 *
 * @throws PlanInputError for YAML that does not parse, a document that is not a Kubernetes
 *   object, or a Spark application or ResourcePolicy with a value Spark or ACK refuses
 */
export function planManifests(files: readonly ManifestFile[], options: PlanOptions = {}): PlanReport {
  if (options.costModel !== undefined && !CostModel.isCostModel(options.costModel)) {
    invalid('costModel', 'must be made with new CostModel({ ... })', options.costModel);
  }
  const objects = files.flatMap(parseFile);
  const policies = objects.filter(o => isKind(o.object, POLICY_GROUP, 'ResourcePolicy')).map(readPolicy);
  const assumptions: string[] = [];
  const jobs = objects
    .filter(o => isKind(o.object, SPARK_GROUP, 'SparkApplication') || isKind(o.object, SPARK_GROUP, 'ScheduledSparkApplication'))
    .map(o => planJob(o, policies, options.costModel, assumptions));

  const sum = (f: (j: JobPlan) => number) => jobs.reduce((total, j) => total + f(j), 0);
  const costs = jobs.map(j => j.eciCostPerHour).filter((c): c is CostRange => c !== null);
  const model = options.costModel;
  return {
    jobs,
    assumptions: [...new Set(assumptions)],
    prices: model ? {
      pricePerVcpuHour: model.pricePerVcpuHour,
      pricePerGibHour: model.pricePerGibHour,
      spotDiscount: model.spotDiscount ?? null,
      currency: model.currency ?? null,
    } : null,
    totals: {
      jobs: jobs.length,
      pods: sum(j => j.roles.reduce((n, r) => n + r.pods, 0)),
      pendingPods: sum(j => j.pending.length),
      eciPods: {
        atLeast: sum(j => j.roles.reduce((n, r) => n + r.eciPods.atLeast, 0)),
        atMost: sum(j => j.roles.reduce((n, r) => n + r.eciPods.atMost, 0)),
      },
      eciCostPerHour: model ? {
        atLeast: money(costs.reduce((n, c) => n + c.atLeast, 0)),
        atMost: money(costs.reduce((n, c) => n + c.atMost, 0)),
      } : null,
    },
  };
}

/** Every Kubernetes object of a file; `List` objects are expanded. */
function parseFile(input: ManifestFile): SourcedObject[] {
  const out: SourcedObject[] = [];
  let documents;
  try {
    documents = parseAllDocuments(input.text);
  } catch (e) {
    throw new PlanInputError(input.file, undefined, `not YAML: ${firstLine((e as Error).message)}`);
  }
  Array.from(documents).forEach((doc, i) => {
    const source = { file: input.file, document: i + 1 };
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      const line = error.linePos?.[0]?.line;
      throw new PlanInputError(input.file, i + 1, `YAML does not parse${line ? ` (line ${line})` : ''}: ${firstLine(error.message)}`);
    }
    const value = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) { return; }
    if (!isObject(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') {
      throw new PlanInputError(input.file, i + 1, 'is not a Kubernetes object: it needs apiVersion and kind');
    }
    if (value.kind === 'List' && Array.isArray(value.items)) {
      for (const item of value.items) {
        if (isObject(item)) { out.push({ source, object: item }); }
      }
      return;
    }
    out.push({ source, object: value });
  });
  return out;
}

function isKind(object: { [key: string]: any }, group: string, kind: string): boolean {
  return object.kind === kind && typeof object.apiVersion === 'string' && object.apiVersion.startsWith(group);
}

function readPolicy(o: SourcedObject): PolicyInput {
  const fail = (message: string): never => {
    throw new PlanInputError(o.source.file, o.source.document, `ResourcePolicy ${nameOf(o.object) ?? ''}: ${message}`.replace(' :', ':'));
  };
  const name = nameOf(o.object) ?? fail('metadata.name must be a non-empty string');
  const spec = isObject(o.object.spec) ? o.object.spec : fail('spec must be an object');
  let selector: unknown = spec.selector ?? {};
  if (isObject(selector) && isObject(selector.matchLabels)) { selector = selector.matchLabels; }
  if (!isObject(selector)) { fail(`spec.selector must be a map of labels (got ${JSON.stringify(selector)})`); }
  const labels: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(selector as object)) {
    if (typeof value !== 'string') { fail(`spec.selector["${key}"] must be a string (got ${JSON.stringify(value)})`); }
    labels[key] = value;
  }
  const keys = spec.matchLabelKeys ?? [];
  if (!Array.isArray(keys) || keys.some(k => typeof k !== 'string')) {
    fail(`spec.matchLabelKeys must be a list of label keys (got ${JSON.stringify(keys)})`);
  }
  if (!Array.isArray(spec.units) || spec.units.length === 0) {
    fail(`spec.units must list at least one unit (got ${JSON.stringify(spec.units)})`);
  }
  const units = (spec.units as unknown[]).map((unit, i): PlanUnitInput => {
    if (!isObject(unit) || typeof unit.resource !== 'string') {
      return fail(`spec.units[${i}].resource must be ecs, eci, elastic or acs (got ${JSON.stringify(isObject(unit) ? unit.resource : unit)})`);
    }
    if (unit.max !== undefined && !(Number.isInteger(unit.max) && unit.max >= 0)) {
      fail(`spec.units[${i}].max must be an integer >= 0 (got ${JSON.stringify(unit.max)})`);
    }
    return { resource: unit.resource, max: unit.max, hasMaxResources: unit.maxResources !== undefined };
  });
  const when = isObject(spec.whenTryNextUnits) && typeof spec.whenTryNextUnits.policy === 'string' ? spec.whenTryNextUnits.policy : undefined;
  return { source: o.source, name, namespace: namespaceOf(o.object), selector: labels, matchLabelKeys: keys, units, whenTryNextUnits: when };
}

interface RoleContext {
  readonly name: 'driver' | 'executor';
  readonly fit: SparkRoleFit;
  readonly detected: DetectedPlacement;
  readonly labels: { [key: string]: string };
}

function planJob(o: SourcedObject, policies: readonly PolicyInput[], costModel: CostModel | undefined, assumptions: string[]): JobPlan {
  const { object, source } = o;
  const kind = object.kind as string;
  const label = `${kind} ${nameOf(object) ?? ''}`.trim();
  let sizing: SparkJobSizing;
  try {
    sizing = SparkJobSizing.fromManifest(object);
  } catch (e) {
    throw new PlanInputError(source.file, source.document, `${label}: ${(e as Error).message}`);
  }
  const scheduled = kind === 'ScheduledSparkApplication';
  const spec: { [key: string]: any } = scheduled ? object.spec.template : object.spec;
  const namespace = namespaceOf(object);
  const appLabels = stringLabels(isObject(object.metadata) ? object.metadata.labels : undefined);
  const notes: string[] = [];
  if (scheduled) {
    notes.push(`planned from spec.template: each run is a SparkApplication named ${sizing.jobName}-<timestamp>`);
  }
  if (sizing.namespace === undefined) {
    notes.push('no metadata.namespace: planned in default; kubectl applies it to the namespace of its context');
  }

  const roles: RoleContext[] = (['driver', 'executor'] as const).map(name => {
    const roleSpec = isObject(spec[name]) ? spec[name] : {};
    const scheduling = schedulingOf(spec, roleSpec, appLabels);
    return { name, fit: name === 'driver' ? sizing.driver : sizing.executor, detected: detectPlacement(scheduling), labels: scheduling.labels };
  });
  for (const role of roles) {
    notes.push(...role.fit.notes.map(n => `${role.name}: ${n}`), ...role.detected.notes.map(n => `${role.name}: ${n}`));
  }

  const pods: SparkPodSet = {
    jobName: sizing.jobName,
    namespace,
    driver: { count: 1, labels: roles[0].labels },
    executors: { count: sizing.executor.podCount, labels: roles[1].labels },
  };
  const { policy, plan } = choosePolicy(policies, pods, roles, notes, assumptions);
  if (policy && policy.source.file !== source.file) {
    const selector = Object.entries(policy.selector).map(([k, v]) => `${k}=${v}`).join(',') || 'every pod';
    notes.push(`ResourcePolicy ${policy.namespace}/${policy.name} (${policy.source.file}) selects this job's pods: `
      + `it applies to ${selector === 'every pod' ? 'every pod' : `every pod labelled ${selector}`} in namespace ${policy.namespace}`);
  }
  const assignments = policy && plan ? assignUnits(policy, plan, roles) : new Map<string, PodAssignment>();
  if (policy && [...assignments.values()].some(a => a.skippedUnits)) {
    assumptions.push(`ResourcePolicy ${policy.namespace}/${policy.name}: a unit whose nodes a pod's tolerations, node affinity or nodeSelector `
      + 'exclude counts as short of resources for that pod, which moves on to the next unit (or, with whenTryNextUnits ExceedMax, waits).');
  }

  const pending: PendingPod[] = [];
  const suggestions: Array<{ role: string; text: string }> = [];
  const rolePlans = roles.map(role => planRole(role, policy, assignments, costModel, pending, suggestions, notes));

  const costs = rolePlans.map(r => r.eciCostPerHour).filter((c): c is CostRange & { perPod: number } => c !== null);
  return {
    kind,
    namespace,
    name: sizing.jobName,
    schedule: scheduled && typeof object.spec.schedule === 'string' ? object.spec.schedule : null,
    source,
    resourcePolicy: policy && plan ? {
      namespace: policy.namespace,
      name: policy.name,
      units: policy.units.map((u, index) => ({
        index,
        resource: u.resource,
        max: u.max ?? null,
        pods: [...assignments.entries()].filter(([, a]) => a.unitIndex === index).map(([pod]) => pod),
      })),
    } : null,
    roles: rolePlans,
    pending,
    suggestions,
    notes: [...new Set(notes)],
    eciCostPerHour: costModel ? {
      atLeast: money(costs.reduce((n, c) => n + c.atLeast, 0)),
      atMost: money(costs.reduce((n, c) => n + c.atMost, 0)),
    } : null,
  };
}

/** The first ResourcePolicy (in input order) that selects some of the job's pods, with its plan. */
function choosePolicy(
  policies: readonly PolicyInput[], pods: SparkPodSet, roles: readonly RoleContext[], notes: string[], assumptions: string[],
): { policy?: PolicyInput; plan?: PlacementPlan } {
  const matching = policies
    .map(policy => ({
      policy,
      plan: PlacementPlan._compute({
        policyName: policy.name,
        policyNamespace: policy.namespace,
        selector: policy.selector,
        matchLabelKeys: policy.matchLabelKeys,
        units: policy.units,
        pods,
      }),
    }))
    .filter(({ plan }) => plan.pods.some(p => p.placement !== PodPlacement.UNMANAGED));
  if (matching.length === 0) { return {}; }
  const [chosen, ...others] = matching;
  if (others.length > 0) {
    notes.push(`${others.map(m => `ResourcePolicy ${m.policy.namespace}/${m.policy.name}`).join(', ')} also select${others.length === 1 ? 's' : ''} `
      + `the job's pods; planned with ${chosen.policy.namespace}/${chosen.policy.name}, the first in the input`);
  }
  if (roles.every(r => r.labels[ECI_FORCE_LABEL] === 'true')) {
    // The label overrides the policy for every pod: the policy places nothing.
    return {};
  }
  // PlacementPlan's notes are the same for every job the policy places (the group count aside).
  assumptions.push(...chosen.plan.notes.map(n => `ResourcePolicy ${chosen.policy.namespace}/${chosen.policy.name}: `
    + n.replace(/; this job forms \d+ groups? and is planned alone\./, '; each job is planned alone, as one submission.')));
  return chosen;
}

/**
 * Fills the policy's units with the job's pods, the driver first, as `PlacementPlan` does, but
 * also honouring each pod's own constraints: an `ecs` unit cannot take a pod whose affinity
 * requires virtual nodes, an `eci` unit cannot take a pod that does not tolerate the ECI taint
 * or whose affinity excludes virtual nodes. Such a pod moves on to the next unit (the unit lacks
 * resources for it), unless `whenTryNextUnits` is `ExceedMax`, which keeps it waiting. Which pods
 * the policy selects, and which it rejects for missing `matchLabelKeys` labels, come from
 * `PlacementPlan`.
 */
function assignUnits(policy: PolicyInput, plan: PlacementPlan, roles: readonly RoleContext[]): Map<string, PodAssignment> {
  const out = new Map<string, PodAssignment>();
  const counts = policy.units.map(() => 0);
  for (const pod of plan.pods) {
    const role = roles.find(r => r.name === pod.role)!;
    if (pod.placement === PodPlacement.UNMANAGED || role.labels[ECI_FORCE_LABEL] === 'true') {
      out.set(pod.name, { placement: PodPlacement.UNMANAGED, reason: pod.reason });
      continue;
    }
    if (pod.placement === PodPlacement.PENDING && pod.reason !== PLAN_AT_MAX) {
      out.set(pod.name, { placement: PodPlacement.PENDING, reason: pod.reason });
      continue;
    }
    const refused: string[] = [];
    const why: string[] = []; // per unit tried, in order
    let assignment: PodAssignment | undefined;
    for (let i = 0; i < policy.units.length && !assignment; i++) {
      const unit = policy.units[i];
      if (unit.max !== undefined && counts[i] >= unit.max) {
        why.push(`units[${i}] (${unit.resource}) is at its max`);
        continue;
      }
      const refusal = unitRefuses(unit.resource, role.detected);
      if (refusal === undefined) {
        counts[i]++;
        assignment = { placement: PodPlacement.PLACED, unitIndex: i, skippedUnits: refused.length > 0 };
      } else if (policy.whenTryNextUnits === 'ExceedMax') {
        assignment = {
          placement: PodPlacement.PENDING,
          reason: `units[${i}] (${unit.resource}) cannot take it (${refusal}), and whenTryNextUnits ExceedMax keeps it waiting there`,
          skippedUnits: true,
        };
      } else {
        refused.push(`units[${i}] (${unit.resource}) cannot take it: ${refusal}`);
        why.push(refused[refused.length - 1]);
      }
    }
    out.set(pod.name, assignment ?? {
      placement: PodPlacement.PENDING,
      reason: refused.length === 0 ? PLAN_AT_MAX : why.join('; '),
      skippedUnits: refused.length > 0,
    });
  }
  return out;
}

/** Why a unit of this kind cannot take the role's pods, or undefined when it can. */
function unitRefuses(resource: string, detected: DetectedPlacement): string | undefined {
  const k = detected.kind;
  if (k === RolePlacement.UNSCHEDULABLE) { return detected.reason; }
  if (resource === 'ecs' || resource === 'elastic') {
    return k === RolePlacement.ECI_ONLY ? 'its node affinity or nodeSelector admits only virtual nodes' : undefined;
  }
  if (resource === 'eci' && k === RolePlacement.ECS_ONLY) {
    return detected.toleratesEci ? 'its node affinity or nodeSelector excludes virtual nodes' : `it does not tolerate the ECI taint ${eciTaintText()}`;
  }
  return undefined;
}

/** The reason `PlacementPlan` gives for a pod beyond every unit's max. */
const PLAN_AT_MAX = 'every unit is at its max';

function planRole(
  role: RoleContext,
  policy: PolicyInput | undefined,
  assignments: Map<string, PodAssignment>,
  costModel: CostModel | undefined,
  pending: PendingPod[],
  suggestions: Array<{ role: string; text: string }>,
  notes: string[],
): RolePlan {
  const { fit, detected } = role;
  const podNames = role.name === 'driver' ? ['driver'] : Array.from({ length: fit.podCount }, (_, i) => `executor-${i + 1}`);
  const planned: Array<PodAssignment | undefined> = podNames.map(name => assignments.get(name));
  const managed = planned.filter((p): p is PodAssignment => p !== undefined && p.placement !== PodPlacement.UNMANAGED);
  const unitOf = (p: PodAssignment) => policy!.units[p.unitIndex!].resource;

  let atLeast = 0;
  let atMost = 0;
  const rolePending: PendingPod[] = [];
  const perResource = new Map<string, number>();
  const policyRef = policy ? `ResourcePolicy ${policy.namespace}/${policy.name}` : '';
  const unitsText = policy ? policy.units.map(u => `${u.resource} max ${u.max ?? '-'}`).join(', ') : '';
  podNames.forEach((name, i) => {
    const p = planned[i];
    if (p && p.placement === PodPlacement.PLACED) {
      const resource = unitOf(p);
      perResource.set(resource, (perResource.get(resource) ?? 0) + 1);
      if (resource === 'eci') { atLeast++; atMost++; }
    } else if (p && p.placement === PodPlacement.PENDING) {
      rolePending.push({ pod: name, role: role.name, reason: `${policyRef} (${unitsText}): ${p.reason}` });
    } else if (detected.kind === RolePlacement.UNSCHEDULABLE) {
      rolePending.push({ pod: name, role: role.name, reason: detected.reason! });
    } else if (detected.kind === RolePlacement.ECI_ONLY) {
      atLeast++; atMost++;
    } else if (detected.kind !== RolePlacement.ECS_ONLY) {
      atMost++;
    }
  });

  if (managed.some(p => p.placement === PodPlacement.PLACED && unitOf(p) === 'acs')) {
    notes.push(`${role.name}: pods in acs units run on ACS, which this plan does not price`);
  }

  // Pods that must run on ECI but fit no ECI size cannot be created.
  const eciFit = fit.eciFit;
  if (!eciFit.fits && atLeast > 0) {
    const forced = podNames.filter((_, i) => {
      const p = planned[i];
      return p && p.placement !== PodPlacement.UNMANAGED
        ? p.placement === PodPlacement.PLACED && unitOf(p) === 'eci'
        : detected.kind === RolePlacement.ECI_ONLY;
    });
    for (const name of forced) { rolePending.push({ pod: name, role: role.name, reason: `ECI cannot create it: ${eciFit.suggestion}` }); }
    atMost -= forced.length;
    atLeast = 0;
  }
  pending.push(...rolePending);

  const placement = managed.length > 0 ? RolePlacement.RESOURCE_POLICY : detected.kind;
  const placementText = managed.length > 0
    ? policyText(perResource, rolePending.length, podNames.length - managed.length, detected)
    : PLACEMENT_TEXT[detected.kind];

  const mayRunOnEci = atMost > 0 || (!eciFit.fits && rolePending.some(p => p.reason.startsWith('ECI cannot')));
  const eci = mayRunOnEci ? eciPlan(fit) : null;
  if (eci?.suggestion && eciFit.fits) { suggestions.push({ role: role.name, text: eci.suggestion }); }

  let eciCostPerHour: RolePlan['eciCostPerHour'] = null;
  if (costModel && eciFit.billed && atMost > 0) {
    let perPod: number;
    try {
      perPod = costModel.hourly(eciFit.billed, { spot: fit.spot });
    } catch {
      perPod = costModel.hourly(eciFit.billed);
      notes.push(`${role.name}: spot pods priced at pay-as-you-go: pass --spot-discount for spot prices`);
    }
    eciCostPerHour = { perPod: money(perPod), atLeast: money(perPod * atLeast), atMost: money(perPod * atMost) };
  }

  const r = fit.resources;
  return {
    role: role.name,
    pods: fit.podCount,
    placement,
    placementText,
    request: {
      cpuMillis: r.cpuRequestMillis,
      cpuLimitMillis: r.cpuLimitMillis ?? null,
      memoryMebibytes: r.memoryMebibytes,
      memoryLimitMebibytes: r.memoryLimitMebibytes,
      sparkMemoryMebibytes: r.sparkMemoryMebibytes,
      overheadMebibytes: r.overheadMebibytes,
    },
    eciPods: { atLeast, atMost },
    eci,
    pendingPods: rolePending.length,
    eciCostPerHour,
  };
}

/** `ResourcePolicy: ecs 1, eci 3, Pending 1`, plus pods the policy does not select. */
function policyText(perResource: Map<string, number>, pendingCount: number, unmanaged: number, detected: DetectedPlacement): string {
  const parts = [...perResource.entries()].map(([resource, n]) => `${resource} ${n}`);
  if (pendingCount > 0) { parts.push(`Pending ${pendingCount}`); }
  if (unmanaged > 0) { parts.push(`${unmanaged} not selected: ${PLACEMENT_TEXT[detected.kind]}`); }
  return `ResourcePolicy: ${parts.join(', ')}`;
}

function eciPlan(role: SparkRoleFit): RoleEciPlan {
  const fit = role.eciFit;
  return {
    fits: fit.fits,
    billed: fit.billed?.toString() ?? null,
    vcpu: fit.billed?.vcpu ?? null,
    memoryGibibytes: fit.billed?.memoryGibibytes ?? null,
    spot: role.spot,
    instanceSpecs: role.instanceSpecs?.map(s => s.toString()) ?? null,
    unusedShare: share(fit.unusedShare),
    unusedVcpuShare: share(fit.unusedVcpuShare),
    unusedMemoryShare: share(fit.unusedMemoryShare),
    suggestion: fit.suggestion ?? null,
    maxMemoryForSmallerSize: fit.maxMemoryForSmallerSize ?? null,
    smallerSize: fit.smallerSize?.toString() ?? null,
    coreLimitForSmallerSize: fit.coreLimitForSmallerSize ?? null,
    sizeWithCoreLimit: fit.sizeWithCoreLimit?.toString() ?? null,
  };
}

function nameOf(object: { [key: string]: any }): string | undefined {
  const name = isObject(object.metadata) ? object.metadata.name : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function namespaceOf(object: { [key: string]: any }): string {
  const ns = isObject(object.metadata) ? object.metadata.namespace : undefined;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}

function stringLabels(value: unknown): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  if (!isObject(value)) { return out; }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') { out[key] = v; }
  }
  return out;
}

function share(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 10_000) / 10_000;
}

function money(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim().replace(/:$/, '');
}
