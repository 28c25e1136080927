/**
 * The one description of ECI scheduling on ACK: where a pod may run (ECS nodes, ECI virtual nodes,
 * both, or nowhere), decided from its rendered tolerations, node affinity, nodeSelector and labels.
 * The placement constructs write with these constants; the planner reads with these functions, so
 * what a placement means and what the plan says it means cannot drift apart.
 *
 * - ECI capacity is virtual nodes labelled `type: virtual-kubelet` and tainted
 *   `virtual-kubelet.io/provider=alibabacloud:NoSchedule`; ECS nodes carry neither.
 * - ECS only: no toleration. ECI only: the toleration plus required `type In [virtual-kubelet]`.
 *   ECS first: the toleration plus a preference for `type NotIn [virtual-kubelet]`.
 * - The pod label `alibabacloud.com/eci: "true"` forces ECI and overrides node affinity and any
 *   ResourcePolicy.
 * - Under a ResourcePolicy, `eci` and `acs` units add the virtual-node toleration inside the
 *   scheduler: a pod they take needs no toleration of its own, but its node affinity and
 *   nodeSelector still apply.
 *
 * @see https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/schedule-pods-to-elastic-container-instances-through-virtual-nodes
 */
import { isObject, list } from './json';

/** The label every ECI virtual node carries, and its value. */
export const VIRTUAL_NODE_LABEL = 'type';
/** The value of `VIRTUAL_NODE_LABEL` on ECI virtual nodes. */
export const VIRTUAL_NODE_VALUE = 'virtual-kubelet';

/** The taint every ECI virtual node carries. */
export const ECI_TAINT = { key: 'virtual-kubelet.io/provider', value: 'alibabacloud', effect: 'NoSchedule' } as const;

/** The toleration of `ECI_TAINT`, as the ACK documentation writes it. */
export const ECI_TOLERATION = {
  key: ECI_TAINT.key,
  operator: 'Equal',
  value: ECI_TAINT.value,
  effect: ECI_TAINT.effect,
} as const;

/** The pod label that forces ECI and overrides ResourcePolicy, node affinity and topology spread. */
export const ECI_FORCE_LABEL = 'alibabacloud.com/eci';

/** Every ECI pod annotation starts with this; they take effect only on virtual nodes. */
export const ECI_ANNOTATION_PREFIX = 'k8s.aliyun.com/eci-';

/**
 * Node labels that only ECS nodes carry: ACK puts the node pool's id on every node of a node pool,
 * and virtual nodes belong to none. A pod that requires one cannot run on ECI.
 */
export const ECS_ONLY_NODE_LABELS: readonly string[] = ['alibabacloud.com/nodepool-id'];

/** The ECI taint as `kubectl describe node` prints it. */
export const ECI_TAINT_TEXT = `${ECI_TAINT.key}=${ECI_TAINT.value}:${ECI_TAINT.effect}`;

/** The scheduling fields of one role's pods, merged as Spark and the operator merge them. */
export interface PodScheduling {
  readonly tolerations: readonly unknown[];
  readonly affinity?: unknown;
  readonly nodeSelector: { readonly [key: string]: string };
  /** Every label of the pods: the user's and the operator's. */
  readonly labels: { readonly [key: string]: string };
}

/** A kind of node, with the labels known to be on it (`null`: known to be absent). */
export interface NodeClass {
  /** `ECS` for ECS nodes, `ECI` for virtual nodes (ECI and ACS capacity). */
  readonly kind: 'ECS' | 'ECI';
  readonly labels: { readonly [key: string]: string | null };
}

/** ECS nodes: no `type: virtual-kubelet` label, no ECI taint; other labels unknown. */
export const ECS_NODES: NodeClass = { kind: 'ECS', labels: { [VIRTUAL_NODE_LABEL]: null } };

/** ECI virtual nodes: `type: virtual-kubelet`, the ECI taint, no node pool. */
export const ECI_NODES: NodeClass = {
  kind: 'ECI',
  labels: { [VIRTUAL_NODE_LABEL]: VIRTUAL_NODE_VALUE, ...Object.fromEntries(ECS_ONLY_NODE_LABELS.map(key => [key, null])) },
};

/** The node class with more labels known, e.g. a ResourcePolicy unit's `nodeSelector`. */
export function narrowNodes(nodes: NodeClass, labels: { readonly [key: string]: string }): NodeClass {
  return { kind: nodes.kind, labels: { ...nodes.labels, ...labels } };
}

/** Why no node of a class can take a pod. */
export enum SchedulingObstacle {
  /** The node is tainted for ECI and the pod does not tolerate the taint. */
  NO_ECI_TOLERATION = 'NO_ECI_TOLERATION',
  /** The pod's node affinity or nodeSelector admits only ECI virtual nodes. */
  REQUIRES_VIRTUAL_NODES = 'REQUIRES_VIRTUAL_NODES',
  /** The pod's node affinity or nodeSelector excludes ECI virtual nodes. */
  EXCLUDES_VIRTUAL_NODES = 'EXCLUDES_VIRTUAL_NODES',
  /** The pod's node affinity or nodeSelector contradicts the labels the nodes are known to carry. */
  NODE_LABELS = 'NODE_LABELS',
}

type Tri = 'yes' | 'no' | 'maybe';

/** Whether nodes of the class can satisfy one node selector requirement. */
function requirementOn(req: unknown, nodes: NodeClass): Tri {
  if (!isObject(req) || typeof req.key !== 'string' || !(req.key in nodes.labels)) { return 'maybe'; }
  const value = nodes.labels[req.key];
  const values: unknown[] = list(req.values);
  switch (req.operator) {
    case 'In': return value !== null && values.includes(value) ? 'yes' : 'no';
    case 'NotIn': return value === null || !values.includes(value) ? 'yes' : 'no';
    case 'Exists': return value !== null ? 'yes' : 'no';
    case 'DoesNotExist': return value === null ? 'yes' : 'no';
    case 'Gt':
    case 'Lt': {
      const n = value === null ? NaN : Number(value);
      const bound = Number(values[0]);
      if (!Number.isInteger(n) || !Number.isInteger(bound)) { return 'no'; }
      return (req.operator === 'Gt' ? n > bound : n < bound) ? 'yes' : 'no';
    }
    default: return 'no'; // the API server refuses other operators
  }
}

/** A node selector term: expressions (and fields) ANDed; an empty term matches no node. */
function termOn(term: unknown, nodes: NodeClass): Tri {
  if (!isObject(term)) { return 'no'; }
  const expressions = list(term.matchExpressions);
  const fields = list(term.matchFields);
  if (expressions.length === 0 && fields.length === 0) { return 'no'; }
  const results = expressions.map(req => requirementOn(req, nodes));
  if (results.includes('no')) { return 'no'; }
  return fields.length === 0 && results.every(r => r === 'yes') ? 'yes' : 'maybe';
}

/** Whether the nodeSelector and the required node affinity may admit a node of the class. */
function labelsAdmit(pod: PodScheduling, nodes: NodeClass): boolean {
  for (const key of Object.keys(pod.nodeSelector)) {
    if (key in nodes.labels && nodes.labels[key] !== pod.nodeSelector[key]) { return false; }
  }
  const required = (pod.affinity as any)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!isObject(required)) { return true; }
  return list(required.nodeSelectorTerms).some(term => termOn(term, nodes) !== 'no');
}

/** Whether a toleration tolerates the ECI taint, by Kubernetes' rules (`ToleratesTaint`). */
export function toleratesEciTaint(toleration: unknown): boolean {
  if (!isObject(toleration)) { return false; }
  const effect = toleration.effect ?? '';
  if (effect !== '' && effect !== ECI_TAINT.effect) { return false; }
  const operator = toleration.operator ?? 'Equal';
  const key = toleration.key ?? '';
  if (key === '') { return operator === 'Exists'; }
  if (key !== ECI_TAINT.key) { return false; }
  return operator === 'Exists' || (operator === 'Equal' && (toleration.value ?? '') === ECI_TAINT.value);
}

/** Whether the pods carry the label that forces ECI. */
export function forcesEci(pod: PodScheduling): boolean {
  return pod.labels[ECI_FORCE_LABEL] === 'true';
}

/**
 * Why nodes of the class cannot take the pod, or undefined when they may.
 *
 * @param schedulerTolerates the scheduler adds the ECI toleration itself (a ResourcePolicy's
 *   `eci` and `acs` units do)
 */
export function obstacleOn(pod: PodScheduling, nodes: NodeClass, schedulerTolerates = false): SchedulingObstacle | undefined {
  if (nodes.kind === 'ECI' && !schedulerTolerates && !forcesEci(pod) && !pod.tolerations.some(toleratesEciTaint)) {
    return SchedulingObstacle.NO_ECI_TOLERATION;
  }
  if (forcesEci(pod)) {
    return nodes.kind === 'ECS' ? SchedulingObstacle.REQUIRES_VIRTUAL_NODES : undefined;
  }
  if (labelsAdmit(pod, nodes)) { return undefined; }
  const [base, other] = nodes.kind === 'ECS' ? [ECS_NODES, ECI_NODES] : [ECI_NODES, ECS_NODES];
  // Nodes narrowed by a unit's nodeSelector: the unit's labels are what the pod contradicts.
  if (nodes !== base && labelsAdmit(pod, base)) { return SchedulingObstacle.NODE_LABELS; }
  if (labelsAdmit(pod, other)) {
    return nodes.kind === 'ECS' ? SchedulingObstacle.REQUIRES_VIRTUAL_NODES : SchedulingObstacle.EXCLUDES_VIRTUAL_NODES;
  }
  return SchedulingObstacle.NODE_LABELS;
}

/** Where a role's pods may run when no ResourcePolicy places them. */
export enum NodePlacement {
  /** ECS nodes only. */
  ECS_ONLY = 'ECS_ONLY',
  /** ECI virtual nodes only. */
  ECI_ONLY = 'ECI_ONLY',
  /** Both, preferring ECS (a soft preference: pods may land on ECI while ECS has room). */
  ECS_FIRST = 'ECS_FIRST',
  /** Both, preferring ECI. */
  ECI_FIRST = 'ECI_FIRST',
  /** Both, with no preference either way. */
  ECS_OR_ECI = 'ECS_OR_ECI',
  /** No node can take the pods: they stay Pending. */
  NOWHERE = 'NOWHERE',
}

/** What `nodePlacement()` found. */
export interface NodePlacementResult {
  readonly placement: NodePlacement;
  /** Why ECS nodes cannot take the pods, when they cannot. */
  readonly ecsObstacle?: SchedulingObstacle;
  /** Why ECI virtual nodes cannot take the pods, when they cannot. */
  readonly eciObstacle?: SchedulingObstacle;
}

/** The weight of preferred terms that favour ECS nodes over virtual nodes, and the reverse. */
function preferenceWeights(pod: PodScheduling): { ecs: number; eci: number } {
  const weights = { ecs: 0, eci: 0 };
  for (const term of list((pod.affinity as any)?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution)) {
    if (!isObject(term)) { continue; }
    const weight = typeof term.weight === 'number' ? term.weight : 0;
    const onEcs = termOn(term.preference, ECS_NODES);
    const onVirtual = termOn(term.preference, ECI_NODES);
    if (onEcs === 'yes' && onVirtual === 'no') { weights.ecs += weight; }
    if (onVirtual === 'yes' && onEcs === 'no') { weights.eci += weight; }
  }
  return weights;
}

/** Where the pods may run by their own constraints (no ResourcePolicy). */
export function nodePlacement(pod: PodScheduling): NodePlacementResult {
  const ecsObstacle = obstacleOn(pod, ECS_NODES);
  const eciObstacle = obstacleOn(pod, ECI_NODES);
  if (ecsObstacle === undefined && eciObstacle === undefined) {
    const w = preferenceWeights(pod);
    const placement = w.ecs > w.eci ? NodePlacement.ECS_FIRST : w.eci > w.ecs ? NodePlacement.ECI_FIRST : NodePlacement.ECS_OR_ECI;
    return { placement };
  }
  if (eciObstacle === undefined) { return { placement: NodePlacement.ECI_ONLY, ecsObstacle }; }
  if (ecsObstacle === undefined) { return { placement: NodePlacement.ECS_ONLY, eciObstacle }; }
  return { placement: NodePlacement.NOWHERE, ecsObstacle, eciObstacle };
}

/** Whether pods placed this way may run on ECI. */
export function mayRunOnEci(placement: NodePlacement): boolean {
  return placement !== NodePlacement.ECS_ONLY && placement !== NodePlacement.NOWHERE;
}

/** How each placement reads in a table. */
export const NODE_PLACEMENT_TEXT: { readonly [kind in NodePlacement]: string } = {
  ECS_ONLY: 'ECS',
  ECI_ONLY: 'ECI',
  ECS_FIRST: 'ECS then ECI',
  ECI_FIRST: 'ECI then ECS',
  ECS_OR_ECI: 'ECS or ECI',
  NOWHERE: 'none (Pending)',
};

/** An obstacle in words, for messages, when its cause (`obstacleCause()`) is not known. */
export function describeObstacle(obstacle: SchedulingObstacle): string {
  switch (obstacle) {
    case SchedulingObstacle.NO_ECI_TOLERATION: return `they do not tolerate the ECI taint ${ECI_TAINT_TEXT}`;
    case SchedulingObstacle.REQUIRES_VIRTUAL_NODES: return `their node affinity, nodeSelector or ${ECI_FORCE_LABEL} label admit only ECI virtual nodes`;
    case SchedulingObstacle.EXCLUDES_VIRTUAL_NODES: return 'their node affinity or nodeSelector excludes ECI virtual nodes';
    case SchedulingObstacle.NODE_LABELS: return 'their node affinity or nodeSelector matches neither ECS nodes nor ECI virtual nodes';
  }
}

/**
 * What keeps nodes of the class from taking the pod, naming the toleration, label, nodeSelector
 * entry or node affinity requirement, or undefined when they may take it (see `obstacleOn()`, whose
 * verdict this explains): `their nodeSelector alibabacloud.com/nodepool-id: np-1 names a node pool,
 * and ECI virtual nodes belong to none`.
 */
export function obstacleCause(pod: PodScheduling, nodes: NodeClass, schedulerTolerates = false): string | undefined {
  const obstacle = obstacleOn(pod, nodes, schedulerTolerates);
  if (obstacle === undefined) { return undefined; }
  if (obstacle === SchedulingObstacle.NO_ECI_TOLERATION) { return describeObstacle(obstacle); }
  if (forcesEci(pod)) { return `their label ${ECI_FORCE_LABEL}: "true" sends them to ECI virtual nodes`; }
  for (const [key, value] of Object.entries(pod.nodeSelector)) {
    if (key in nodes.labels && nodes.labels[key] !== value) {
      return `their nodeSelector ${key}: ${value} ${labelVerdict(key, nodes, 'names', key === VIRTUAL_NODE_LABEL && value === VIRTUAL_NODE_VALUE)}`;
    }
  }
  const required = (pod.affinity as any)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = isObject(required) ? list(required.nodeSelectorTerms) : [];
  const first = terms.map(term => termCause(term, nodes))[0];
  if (first !== undefined && terms.length === 1) { return `their required node affinity ${first}`; }
  if (first !== undefined) { return `none of the ${terms.length} terms of their required node affinity matches (the first: ${first})`; }
  /* istanbul ignore next: obstacleOn() found a label conflict, which is in the nodeSelector or the node affinity */
  return describeObstacle(obstacle);
}

/**
 * Why a requirement on `key` fails on the nodes, after `<the requirement> <verb>`: what the nodes
 * carry instead.
 *
 * @param virtual whether the requirement selects ECI virtual nodes (`type: virtual-kubelet`)
 */
function labelVerdict(key: string, nodes: NodeClass, verb: string, virtual: boolean): string {
  const carried = nodes.labels[key];
  const base = nodes.kind === 'ECS' ? ECS_NODES : ECI_NODES;
  const kind = nodes.kind === 'ECS' ? 'ECS nodes' : 'ECI virtual nodes';
  if (!(key in base.labels) || base.labels[key] !== carried) {
    return `${verb} other nodes than the unit's, whose nodeSelector says ${key}: ${carried}`;
  }
  if (nodes.kind === 'ECI' && ECS_ONLY_NODE_LABELS.includes(key)) { return `${verb} a node pool, and ECI virtual nodes belong to none`; }
  if (virtual) { return `${verb} ECI virtual nodes only`; }
  return carried === null ? `${verb} a label ${kind} do not carry` : `${verb} other nodes: ${kind} carry ${key}: ${carried}`;
}

/** The first requirement of a node selector term that the nodes fail, in words, or undefined when the term may match. */
function termCause(term: unknown, nodes: NodeClass): string | undefined {
  if (termOn(term, nodes) !== 'no') { return undefined; }
  const expressions = isObject(term) ? list(term.matchExpressions) : [];
  const failed = expressions.find(req => requirementOn(req, nodes) === 'no');
  if (!isObject(failed)) { return 'has an empty term, which matches no node'; }
  const values = list(failed.values);
  const written = `${String(failed.key)} ${String(failed.operator)}${values.length > 0 ? ` [${values.join(', ')}]` : ''}`;
  const key = String(failed.key);
  if (key === VIRTUAL_NODE_LABEL && nodes.kind === 'ECI' && nodes.labels[key] === VIRTUAL_NODE_VALUE) {
    return `${written} keeps them off ECI virtual nodes (${VIRTUAL_NODE_LABEL}: ${VIRTUAL_NODE_VALUE})`;
  }
  // The requirement an ECI-only placement writes (EciPlacement.eciOnly(), src/eci/eci-placement.ts).
  if (key === VIRTUAL_NODE_LABEL && failed.operator === 'In' && values.length === 1 && values[0] === VIRTUAL_NODE_VALUE) {
    return `${written}, an ECI-only placement (EciPlacement.eciOnly()), ${labelVerdict(key, nodes, 'admits', true)}`;
  }
  return `${written} ${labelVerdict(key, nodes, 'asks for', false)}`;
}
