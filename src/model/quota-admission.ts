/**
 * ACK capacity scheduling across the jobs of a set: the usage of an ElasticQuotaTree's nodes as
 * pods are admitted one after another, in submission order (the order of the manifests), and
 * what holds a pod back.
 *
 * Facts (DOMAIN.md §7, ACK "Work with capacity scheduling"): a pod is admitted while its leaf's
 * usage plus its requests stays within the leaf's `max`, and within every ancestor's `max`; every
 * job in the leaf's namespaces shares that usage. A leaf may borrow above its `min` up to `max`
 * from idle quota, and "when another quota node needs its min resources back, the scheduler
 * selects pods from the borrowing node to evict": a pod within its own leaf's `min` is admitted
 * even where an ancestor is full, by evicting borrowed pods of other leaves under it.
 * ack-kube-queue releases a job only once its quota can take the job's whole request (its
 * `sparkapp` extension un-suspends it then), so a job above its leaf's `max` is never released.
 *
 * Pure: numbers in, numbers out. Pods of one role are identical, so a role is admitted with one
 * division per resource, in constant time whatever its count.
 */
import { QuotaLeafPath, QuotaNodeModel, QuotaTreeModel, QUOTA_CPU, QUOTA_GPU, QUOTA_MEMORY } from './elastic-quota';

/** The requests of one pod, or of a whole job, in the plan's units. */
export interface QuotaAmount {
  /** CPU requests, in millicores. */
  readonly cpuMillis: number;
  /** Memory requests, in MiB. */
  readonly memoryMebibytes: number;
  /** `nvidia.com/gpu` requests. */
  readonly gpus: number;
}

/** The resources the ledger counts: name, unit, the amount of a request, and the tree's units per plan unit. */
const RESOURCES: ReadonlyArray<{
  readonly resource: string;
  readonly unit: string;
  readonly of: (a: QuotaAmount) => number;
  readonly per: number;
}> = [
  { resource: QUOTA_CPU, unit: 'millicores', of: a => a.cpuMillis, per: 1 },
  { resource: QUOTA_MEMORY, unit: 'MiB', of: a => a.memoryMebibytes, per: 2 ** 20 },
  { resource: QUOTA_GPU, unit: 'count', of: a => a.gpus, per: 1 },
];

/** Where a pod (or a whole job) meets a `max`. */
export interface QuotaBlock {
  /** The leaf that admits the job's namespace (`root.children[0]`). */
  readonly leaf: string;
  /** The node whose `max` is reached: the leaf or an ancestor. */
  readonly node: string;
  /** That node's `name`. */
  readonly nodeName: string;
  /** `cpu`, `memory` or `nvidia.com/gpu`. */
  readonly resource: string;
  /** `millicores`, `MiB` or `count`. */
  readonly unit: string;
  /** The node's `max` of the resource. */
  readonly max: number;
  /** The node's usage by the pods admitted before (0 for a whole job that can never fit). */
  readonly used: number;
  /** One pod's request (per pod), or the whole job's (for a queue that never releases it). */
  readonly request: number;
}

/** What admitting the pods of one role did. */
export interface RoleAdmission {
  /** Pods admitted, from the first. */
  readonly admitted: number;
  /** What holds back the first pod not admitted, when some are not. */
  readonly block?: QuotaBlock;
  /** Per resource (cpu, memory, GPU), how much of the admitted pods' requests is above the leaf's `min`: borrowed quota. */
  readonly borrowed: readonly number[];
  /** Ancestors whose `max` the admitted pods exceed by taking their leaf's `min` back: borrowers under them may be evicted. */
  readonly reclaimsUnder: readonly QuotaNodeModel[];
}

/** When ack-kube-queue releases a job. */
export enum QueueRelease {
  /** The quota takes the whole job now, with the jobs admitted before. */
  NOW = 'NOW',
  /** The job fits its quota, but not beside the jobs admitted before: it is released when they finish. */
  AFTER_EARLIER_JOBS = 'AFTER_EARLIER_JOBS',
  /** The job's whole request is above its leaf's (or an ancestor's) `max`: never released. */
  NEVER = 'NEVER',
}

const EPSILON = 1e-9;

/** The usage of every node of one tree, as pods are admitted. */
export class QuotaLedger {
  private used = new Map<QuotaNodeModel, number[]>();

  constructor(public readonly tree: QuotaTreeModel) {}

  /** The usage now, to return to with `restore()`. */
  public snapshot(): ReadonlyMap<QuotaNodeModel, readonly number[]> {
    return new Map([...this.used].map(([node, amounts]) => [node, [...amounts]]));
  }

  /** Returns to a snapshot. */
  public restore(snapshot: ReadonlyMap<QuotaNodeModel, readonly number[]>): void {
    this.used = new Map([...snapshot].map(([node, amounts]) => [node, [...amounts]]));
  }

  /** Admits up to `count` pods of one request, in order, into the leaf of `path`. */
  public admit(path: QuotaLeafPath, pod: QuotaAmount, count: number): RoleAdmission {
    const requests = RESOURCES.map(r => r.of(pod));
    const leafUsed = this.usage(path.leaf);
    let byLeaf = Number.POSITIVE_INFINITY;
    let byMin = Number.POSITIVE_INFINITY;
    let byAncestors = Number.POSITIVE_INFINITY;
    let leafBlock: QuotaBlock | undefined;
    let ancestorBlock: QuotaBlock | undefined;
    RESOURCES.forEach((r, i) => {
      const request = requests[i];
      if (!(request > 0)) { return; }
      const room = (limit: number, used: number) => Math.max(0, Math.floor((limit - used) / request + EPSILON));
      const max = this.max(path.leaf, i);
      if (max !== undefined && room(max, leafUsed[i]) < byLeaf) {
        byLeaf = room(max, leafUsed[i]);
        leafBlock = this.block(path, path.leaf, i, max, request);
      }
      byMin = Math.min(byMin, room((path.leaf.min[r.resource] ?? 0) / r.per, leafUsed[i]));
      for (const ancestor of path.ancestors) {
        const ancestorMax = this.max(ancestor, i);
        if (ancestorMax !== undefined && room(ancestorMax, this.usage(ancestor)[i]) < byAncestors) {
          byAncestors = room(ancestorMax, this.usage(ancestor)[i]);
          ancestorBlock = this.block(path, ancestor, i, ancestorMax, request);
        }
      }
    });
    // Within its min a pod is guaranteed (borrowers elsewhere are evicted); above it, every max counts.
    const admitted = Math.min(count, byLeaf, Math.max(byMin, byAncestors));
    const borrowed = RESOURCES.map((r, i) => {
      const min = (path.leaf.min[r.resource] ?? 0) / r.per;
      return Math.max(0, leafUsed[i] + admitted * requests[i] - Math.max(min, leafUsed[i]));
    });
    const reclaimsUnder = admitted > byAncestors
      ? path.ancestors.filter(a => RESOURCES.some((_, i) => {
        const max = this.max(a, i);
        return max !== undefined && this.usage(a)[i] + admitted * requests[i] > max + EPSILON;
      }))
      : [];
    for (const node of [path.leaf, ...path.ancestors]) {
      const used = this.usage(node);
      requests.forEach((request, i) => { used[i] += admitted * request; });
    }
    const block = admitted >= count ? undefined
      : admitted === byLeaf ? this.withUsage(leafBlock!, admitted, requests) : this.withUsage(ancestorBlock!, admitted, requests);
    return { admitted, block, borrowed, reclaimsUnder };
  }

  /** When ack-kube-queue releases a job of this whole request (its pods requested at submission). */
  public release(path: QuotaLeafPath, job: QuotaAmount): { release: QueueRelease; block?: QuotaBlock } {
    const requests = RESOURCES.map(r => r.of(job));
    let later = false;
    for (const node of [path.leaf, ...[...path.ancestors].reverse()]) {
      for (let i = 0; i < RESOURCES.length; i++) {
        const max = this.max(node, i);
        if (max === undefined || !(requests[i] > 0)) { continue; }
        if (requests[i] > max + EPSILON) {
          return { release: QueueRelease.NEVER, block: { ...this.block(path, node, i, max, requests[i]), used: 0 } };
        }
        if (this.usage(node)[i] + requests[i] > max + EPSILON) { later = true; }
      }
    }
    return { release: later ? QueueRelease.AFTER_EARLIER_JOBS : QueueRelease.NOW };
  }

  private usage(node: QuotaNodeModel): number[] {
    let used = this.used.get(node);
    if (!used) { used = RESOURCES.map(() => 0); this.used.set(node, used); }
    return used;
  }

  private max(node: QuotaNodeModel, i: number): number | undefined {
    const max = node.max[RESOURCES[i].resource];
    return max === undefined ? undefined : max / RESOURCES[i].per;
  }

  private block(path: QuotaLeafPath, node: QuotaNodeModel, i: number, max: number, request: number): QuotaBlock {
    return {
      leaf: path.leaf.path,
      node: node.path,
      nodeName: node.name,
      resource: RESOURCES[i].resource,
      unit: RESOURCES[i].unit,
      max: round(max),
      used: round(this.usage(node)[i]),
      request: round(request),
    };
  }

  /** The block with the node's usage once `admitted` more pods are in. */
  private withUsage(block: QuotaBlock, admitted: number, requests: readonly number[]): QuotaBlock {
    const i = RESOURCES.findIndex(r => r.resource === block.resource);
    return { ...block, used: round(block.used + admitted * requests[i]) };
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
