/**
 * ACK capacity scheduling, read from a plain ElasticQuotaTree manifest: the tree, its rules, the
 * leaf a namespace belongs to, and whether a job's requests fit its leaf's `min` and `max`.
 *
 * Pure: takes plain JSON (a rendered or hand-written manifest) and returns plain data. Internal
 * to the library (not exported from `src/index.ts`).
 *
 * Semantics (ACK "Work with capacity scheduling"): `min` is guaranteed; a node may borrow idle
 * quota above `min` up to `max`, and borrowed quota is reclaimed by preemption. A pod is admitted
 * when its leaf's usage plus its requests stay within `max`. A resource a node's `max` leaves
 * out is taken here as unbounded, and one its `min` leaves out as 0 guaranteed (as upstream
 * capacity scheduling does; ACK does not say).
 */
import { invalid } from '../private/errors';
import { formatNanos, nanosCeil, nanosToNumber, parseQuantityNanos } from '../private/units';

/** The API group/version and kind of the tree. */
export const ELASTIC_QUOTA_TREE_GVK = { apiVersion: 'scheduling.sigs.k8s.io/v1beta1', kind: 'ElasticQuotaTree' } as const;

/** Whether a manifest is an ElasticQuotaTree. */
export function isElasticQuotaTreeManifest(manifest: unknown): boolean {
  return isObject(manifest) && manifest.kind === ELASTIC_QUOTA_TREE_GVK.kind && typeof manifest.apiVersion === 'string'
    && manifest.apiVersion.startsWith('scheduling.sigs.k8s.io/');
}

/** The only namespace ACK reads the tree from. */
export const ELASTIC_QUOTA_TREE_NAMESPACE = 'kube-system';

/** Resource names with a unit of their own in the model. */
export const QUOTA_CPU = 'cpu';
export const QUOTA_MEMORY = 'memory';
export const QUOTA_GPU = 'nvidia.com/gpu';

/**
 * Amounts per resource name: `cpu` in millicores, `memory` in bytes, every other resource
 * (`nvidia.com/gpu`, `kube-queue/max-jobs`) as a plain number.
 */
export interface QuotaAmounts { readonly [resource: string]: number }

/** One node of the tree. */
export interface QuotaNodeModel {
  /** `name`. */
  readonly name: string;
  /** Where the node is, from `root`: `root.children[1]`. */
  readonly path: string;
  /** `namespaces` (empty when absent). */
  readonly namespaces: readonly string[];
  /** `min`, parsed (a resource left out is absent). */
  readonly min: QuotaAmounts;
  /** `max`, parsed (a resource left out is absent: unbounded). */
  readonly max: QuotaAmounts;
  /** `min` and `max` exactly as written, for messages and exact comparisons. */
  readonly written: { readonly min: { readonly [resource: string]: unknown }; readonly max: { readonly [resource: string]: unknown } };
  /** `children` (empty for a leaf). */
  readonly children: readonly QuotaNodeModel[];
}

/** A whole ElasticQuotaTree. */
export interface QuotaTreeModel {
  /** `metadata.name`. */
  readonly name?: string;
  /** `metadata.namespace`. */
  readonly namespace?: string;
  /** `spec.root`. */
  readonly root: QuotaNodeModel;
}

/** A rule the tree breaks, structured; each front end phrases the field in its own names. */
export interface QuotaTreeProblem {
  /** The node, from `root`: `root.children[1]`. */
  readonly node: string;
  /** The field of the node: `name`, `namespaces`, `namespaces[0]`, `min` or `max`. */
  readonly field: string;
  /** For `min` / `max`: the resource name as written in the YAML (`cpu`, `nvidia.com/gpu`). */
  readonly resource?: string;
  /** What is allowed, phrased to follow the field: `must not exceed max (8)`. */
  readonly allowed: string;
  /** The refused value, as written. */
  readonly got: unknown;
}

/**
 * Reads an ElasticQuotaTree manifest (plain JSON, or YAML read by a YAML parser: quantities may
 * be numbers or strings) into the tree. Throws for a manifest that is not an ElasticQuotaTree
 * or has a field of the wrong type; rule violations are left to `quotaTreeProblems()`.
 */
export function readElasticQuotaTree(manifest: any): QuotaTreeModel {
  if (!isObject(manifest) || manifest.kind !== ELASTIC_QUOTA_TREE_GVK.kind) {
    return invalid('kind', `must be ${ELASTIC_QUOTA_TREE_GVK.kind}`, isObject(manifest) ? manifest.kind : manifest);
  }
  if (!isObject(manifest.spec) || !isObject(manifest.spec.root)) {
    return invalid('spec.root', 'must be a quota node object', manifest.spec?.root);
  }
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  return {
    name: typeof metadata.name === 'string' ? metadata.name : undefined,
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    root: readNode(manifest.spec.root, 'root'),
  };
}

function readNode(raw: any, path: string): QuotaNodeModel {
  const field = (f: string) => `spec.${path}.${f}`;
  if (typeof raw.name !== 'string') { invalid(field('name'), 'must be a string', raw.name); }
  const namespaces = raw.namespaces ?? [];
  if (!Array.isArray(namespaces) || namespaces.some(n => typeof n !== 'string')) {
    invalid(field('namespaces'), 'must be a list of namespace names', raw.namespaces);
  }
  const children = raw.children ?? [];
  if (!Array.isArray(children) || children.some(c => !isObject(c))) {
    invalid(field('children'), 'must be a list of quota nodes', raw.children);
  }
  const min = readResources(raw.min, field('min'));
  const max = readResources(raw.max, field('max'));
  return {
    name: raw.name,
    path,
    namespaces: [...namespaces],
    min: min.amounts,
    max: max.amounts,
    written: { min: min.written, max: max.written },
    children: children.map((c: any, i: number) => readNode(c, `${path}.children[${i}]`)),
  };
}

function readResources(raw: unknown, prop: string): { amounts: QuotaAmounts; written: { [resource: string]: unknown } } {
  const amounts: { [resource: string]: number } = {};
  const written: { [resource: string]: unknown } = {};
  if (raw === undefined || raw === null) { return { amounts, written }; }
  if (!isObject(raw)) { return invalid(prop, 'must be a map of resource name to quantity', raw); }
  for (const [resource, value] of Object.entries(raw)) {
    const nanos = parseQuantityNanos(value);
    if (nanos === undefined || nanos < BigInt(0)) {
      invalid(`${prop}.${resource}`, 'must be a non-negative Kubernetes quantity such as 2, "500m" or "40Gi"', value);
    }
    amounts[resource] = toAmount(resource, nanos);
    written[resource] = value;
  }
  return { amounts, written };
}

function toAmount(resource: string, nanos: bigint): number {
  if (resource === QUOTA_CPU) { return nanosCeil(nanos, BigInt(1_000_000)); }
  if (resource === QUOTA_MEMORY) { return nanosCeil(nanos, BigInt(1_000_000_000)); }
  return nanosToNumber(nanos);
}

/** Every node, depth first, the root first. */
export function quotaNodes(tree: QuotaTreeModel): QuotaNodeModel[] {
  const out: QuotaNodeModel[] = [];
  const visit = (node: QuotaNodeModel) => { out.push(node); node.children.forEach(visit); };
  visit(tree.root);
  return out;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The rules ACK documents for a tree, checked exactly (quantities are compared in nano-units):
 * node names non-empty and unique; `namespaces` on leaves only, each a namespace name, each in
 * one leaf; per resource `min <= max`; the children's `min` added up within the parent's `min`
 * (where the parent sets it); a child's `max` within its parent's `max` (where both set it).
 */
export function quotaTreeProblems(tree: QuotaTreeModel): QuotaTreeProblem[] {
  const problems: QuotaTreeProblem[] = [];
  const nameOwner = new Map<string, string>();
  const namespaceOwner = new Map<string, string>();
  for (const node of quotaNodes(tree)) {
    if (node.name.trim() === '') {
      problems.push({ node: node.path, field: 'name', allowed: 'must be a non-empty name', got: node.name });
    } else if (nameOwner.has(node.name)) {
      problems.push({ node: node.path, field: 'name', allowed: `must be unique in the tree: ${nameOwner.get(node.name)} has it too`, got: node.name });
    } else {
      nameOwner.set(node.name, node.path);
    }
    if (node.children.length > 0 && node.namespaces.length > 0) {
      problems.push({
        node: node.path,
        field: 'namespaces',
        got: [...node.namespaces],
        allowed: 'must be left out: only a leaf (a node without children) takes namespaces',
      });
    }
    node.namespaces.forEach((ns, i) => {
      const field = `namespaces[${i}]`;
      if (ns.length > 63 || !DNS_LABEL.test(ns)) {
        problems.push({ node: node.path, field, allowed: 'must be a namespace name (a DNS-1123 label of at most 63 characters)', got: ns });
      } else if (namespaceOwner.has(ns)) {
        problems.push({ node: node.path, field, allowed: `must be in one leaf only: ${namespaceOwner.get(ns)} has it too`, got: ns });
      } else if (node.children.length === 0) {
        namespaceOwner.set(ns, node.path);
      }
    });
    problems.push(...nodeQuantityProblems(node));
  }
  return problems;
}

function nodeQuantityProblems(node: QuotaNodeModel): QuotaTreeProblem[] {
  const problems: QuotaTreeProblem[] = [];
  const exact = (written: unknown) => parseQuantityNanos(written)!;
  for (const [resource, min] of Object.entries(node.written.min)) {
    const max = node.written.max[resource];
    if (max !== undefined && exact(min) > exact(max)) {
      problems.push({ node: node.path, field: 'min', resource, allowed: `must not exceed max (${String(max)})`, got: min });
    }
  }
  if (node.children.length === 0) { return problems; }
  for (const [resource, parentMin] of Object.entries(node.written.min)) {
    const parts = node.children
      .filter(c => c.written.min[resource] !== undefined)
      .map(c => ({ path: c.path, nanos: exact(c.written.min[resource]) }));
    const sum = parts.reduce((s, p) => s + p.nanos, BigInt(0));
    if (sum > exact(parentMin)) {
      const binary = resource === QUOTA_MEMORY;
      const terms = parts.map(p => `${p.path} ${formatNanos(p.nanos, binary)}`).join(' + ');
      problems.push({
        node: node.path,
        field: 'min',
        resource,
        got: parentMin,
        allowed: `must be at least its children's min added up (${formatNanos(sum, binary)} = ${terms})`,
      });
    }
  }
  for (const child of node.children) {
    for (const [resource, childMax] of Object.entries(child.written.max)) {
      const parentMax = node.written.max[resource];
      if (parentMax !== undefined && exact(childMax) > exact(parentMax)) {
        problems.push({
          node: child.path,
          field: 'max',
          resource,
          got: childMax,
          allowed: `must not exceed its parent's max (${node.path}: ${String(parentMax)})`,
        });
      }
    }
  }
  return problems;
}

/** A problem as one line, in the manifest's own field names: `spec.root.min.cpu must ... (got "10")`. */
export function describeQuotaTreeProblem(problem: QuotaTreeProblem): string {
  const resource = problem.resource === undefined ? '' : `.${problem.resource}`;
  return `spec.${problem.node}.${problem.field}${resource} ${problem.allowed} (got ${JSON.stringify(problem.got)})`;
}

/** The leaf that admits a namespace's pods, with its ancestors. */
export interface QuotaLeafPath {
  /** The leaf whose `namespaces` lists the namespace. */
  readonly leaf: QuotaNodeModel;
  /** The leaf's ancestors, root first (empty when the root itself is the leaf). */
  readonly ancestors: readonly QuotaNodeModel[];
}

/**
 * The leaf whose `namespaces` lists the namespace, and its ancestors; undefined when no leaf
 * lists it (its pods are then not limited by the tree).
 */
export function leafOf(tree: QuotaTreeModel, namespace: string): QuotaLeafPath | undefined {
  const search = (node: QuotaNodeModel, ancestors: QuotaNodeModel[]): QuotaLeafPath | undefined => {
    if (node.children.length === 0) {
      return node.namespaces.includes(namespace) ? { leaf: node, ancestors } : undefined;
    }
    for (const child of node.children) {
      const found = search(child, [...ancestors, node]);
      if (found) { return found; }
    }
    return undefined;
  };
  return search(tree.root, []);
}

/** What a job asks for, summed over all its pods. */
export interface QuotaRequests {
  /** CPU requests, in millicores. */
  readonly cpuMillis: number;
  /** Memory requests, in MiB. */
  readonly memoryMebibytes: number;
  /** `nvidia.com/gpu` requests. */
  readonly gpus: number;
}

/** How one resource of a job compares with its leaf's quota. */
export interface QuotaHeadroom {
  /** The resource name: `cpu`, `memory` or `nvidia.com/gpu`. */
  readonly resource: string;
  /** The unit of the numbers below: `millicores`, `MiB` or `count`. */
  readonly unit: string;
  /** What the job requests. */
  readonly requested: number;
  /** The leaf's `min` (0 when it leaves the resource out). */
  readonly min: number;
  /** The tightest `max` on the way from the leaf to the root; undefined when none sets one. */
  readonly max?: number;
  /** The node whose `max` is the tightest (`root.children[0]`); undefined with `max`. */
  readonly maxFrom?: string;
  /** `min - requested`: negative when the job runs partly on borrowed, preemptible quota. */
  readonly headroomToMin: number;
  /** `max - requested`: negative when the job can never fully start; undefined without `max`. */
  readonly headroomToMax?: number;
  /** Whether the request is above `min`. */
  readonly exceedsMin: boolean;
  /** Whether the request is above `max`. */
  readonly exceedsMax: boolean;
}

/** How a job's requests compare with its leaf's quota. */
export interface QuotaCheck {
  /** The leaf (`root.children[0]`). */
  readonly leaf: string;
  /** Some resource is above the tightest `max`: the job never fully starts, whatever else runs. */
  readonly exceedsMax: boolean;
  /** Some resource is above the leaf's `min`: part of the job runs on borrowed quota, which preemption may reclaim. */
  readonly exceedsMin: boolean;
  /** Per resource: cpu, memory, nvidia.com/gpu. */
  readonly resources: readonly QuotaHeadroom[];
}

/**
 * Compares a job's total requests with its leaf's `min` and with the tightest `max` on the way
 * to the root (a pod is admitted only within every ancestor's `max` as well). Ignores what else
 * already runs: the result is the best case, an empty quota.
 */
export function checkJobAgainstQuota(path: QuotaLeafPath, requests: QuotaRequests): QuotaCheck {
  const wanted: Array<[string, string, number, number]> = [
    // resource, unit, requested, amount-per-unit of the model (bytes per MiB for memory)
    [QUOTA_CPU, 'millicores', requests.cpuMillis, 1],
    [QUOTA_MEMORY, 'MiB', requests.memoryMebibytes, 2 ** 20],
    [QUOTA_GPU, 'count', requests.gpus, 1],
  ];
  const chain = [path.leaf, ...[...path.ancestors].reverse()];
  const resources = wanted.map(([resource, unit, requested, per]): QuotaHeadroom => {
    const min = (path.leaf.min[resource] ?? 0) / per;
    let max: number | undefined;
    let maxFrom: string | undefined;
    for (const node of chain) {
      const m = node.max[resource];
      if (m !== undefined && (max === undefined || m / per < max)) {
        max = m / per;
        maxFrom = node.path;
      }
    }
    return {
      resource,
      unit,
      requested,
      min,
      max,
      maxFrom,
      headroomToMin: min - requested,
      headroomToMax: max === undefined ? undefined : max - requested,
      exceedsMin: requested > min,
      exceedsMax: max !== undefined && requested > max,
    };
  });
  return {
    leaf: path.leaf.path,
    exceedsMax: resources.some(r => r.exceedsMax),
    exceedsMin: resources.some(r => r.exceedsMin),
    resources,
  };
}

/** The check as one line: `fits within min of root.children[0]`, or what exceeds what. */
export function describeQuotaCheck(check: QuotaCheck): string {
  if (!check.exceedsMin) { return `fits within min of ${check.leaf}`; }
  const over = (r: QuotaHeadroom, kind: 'min' | 'max') => `${r.resource} ${r.requested} ${r.unit} > ${kind} ${kind === 'min' ? r.min : r.max}`
    + (kind === 'max' ? ` (${r.maxFrom})` : '');
  if (check.exceedsMax) {
    return `exceeds max, never fully starts: ${check.resources.filter(r => r.exceedsMax).map(r => over(r, 'max')).join(', ')}`;
  }
  return `exceeds min of ${check.leaf}, runs partly on borrowed quota that preemption may reclaim: `
    + check.resources.filter(r => r.exceedsMin).map(r => over(r, 'min')).join(', ');
}

function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
