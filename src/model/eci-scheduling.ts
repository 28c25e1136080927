/**
 * Where a role's pods may run, read from what a manifest says (tolerations, node affinity,
 * nodeSelector, labels), exactly as ACK documents it ("Allocate resources between ECS and ECI"):
 *
 * - ECI capacity is virtual nodes labelled `type: virtual-kubelet` and tainted
 *   `virtual-kubelet.io/provider=alibabacloud:NoSchedule`; ECS nodes carry neither.
 * - ECS only: no toleration (or affinity that excludes virtual nodes).
 * - ECI only: the toleration plus required `type In [virtual-kubelet]`.
 * - ECS first: the toleration plus a preference for `type NotIn [virtual-kubelet]`.
 * - The pod label `alibabacloud.com/eci: "true"` forces ECI.
 *
 * Internal to the `plan` command; works on hand-written manifests, not only this library's output.
 *
 * @see https://www.alibabacloud.com/help/en/document_detail/2369750.html
 */

/** Where a role's pods may run. */
export enum RolePlacement {
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
  /** A ResourcePolicy's units decide. */
  RESOURCE_POLICY = 'RESOURCE_POLICY',
  /** No node can take the pods: they stay Pending. */
  UNSCHEDULABLE = 'UNSCHEDULABLE',
}

/** How each placement reads in the table. */
export const PLACEMENT_TEXT: { [kind in RolePlacement]: string } = {
  ECS_ONLY: 'ECS',
  ECI_ONLY: 'ECI',
  ECS_FIRST: 'ECS then ECI',
  ECI_FIRST: 'ECI then ECS',
  ECS_OR_ECI: 'ECS or ECI',
  RESOURCE_POLICY: 'ResourcePolicy',
  UNSCHEDULABLE: 'none (Pending)',
};

/** The scheduling fields of one role's pods, merged as Spark and the operator merge them. */
export interface RoleScheduling {
  readonly tolerations: readonly any[];
  readonly affinity?: any;
  readonly nodeSelector: { readonly [key: string]: string };
  /** The pods' labels the user controls: the application's, the template's, the role's. */
  readonly labels: { readonly [key: string]: string };
}

/** What `detectPlacement()` found. */
export interface DetectedPlacement {
  readonly kind: RolePlacement;
  /** Whether the pods tolerate the ECI taint. */
  readonly toleratesEci: boolean;
  /** Why no node can take the pods (UNSCHEDULABLE only). */
  readonly reason?: string;
  readonly notes: string[];
}

export const VIRTUAL_NODE_LABEL = 'type';
export const VIRTUAL_NODE_VALUE = 'virtual-kubelet';
export const ECI_TAINT = { key: 'virtual-kubelet.io/provider', value: 'alibabacloud', effect: 'NoSchedule' } as const;
export const ECI_FORCE_LABEL = 'alibabacloud.com/eci';
const TAINT_TEXT = `${ECI_TAINT.key}=${ECI_TAINT.value}:${ECI_TAINT.effect}`;

/**
 * Merges a role's scheduling fields with its pod template's and the application's: Spark applies
 * the template, the spec's affinity replaces the template's, tolerations are appended, node
 * selectors merge (the role's win over the template's, which win over the application's).
 */
export function schedulingOf(spec: { [key: string]: any }, role: { [key: string]: any }, appLabels: { [key: string]: string }): RoleScheduling {
  const template = isObject(role.template) ? role.template : {};
  const templateSpec = isObject(template.spec) ? template.spec : {};
  const templateMeta = isObject(template.metadata) ? template.metadata : {};
  return {
    tolerations: [...list(templateSpec.tolerations), ...list(role.tolerations)],
    affinity: isObject(role.affinity) ? role.affinity : isObject(templateSpec.affinity) ? templateSpec.affinity : undefined,
    nodeSelector: { ...stringMap(spec.nodeSelector), ...stringMap(templateSpec.nodeSelector), ...stringMap(role.nodeSelector) },
    labels: { ...appLabels, ...stringMap(templateMeta.labels), ...stringMap(role.labels) },
  };
}

/** Whether a toleration tolerates the ECI taint, by Kubernetes' rules (`ToleratesTaint`). */
export function toleratesEciTaint(toleration: any): boolean {
  if (!isObject(toleration)) { return false; }
  const effect = toleration.effect ?? '';
  if (effect !== '' && effect !== ECI_TAINT.effect) { return false; }
  const operator = toleration.operator ?? 'Equal';
  const key = toleration.key ?? '';
  if (key === '') { return operator === 'Exists'; }
  if (key !== ECI_TAINT.key) { return false; }
  return operator === 'Exists' || (operator === 'Equal' && (toleration.value ?? '') === ECI_TAINT.value);
}

type Tri = 'yes' | 'no' | 'maybe';
type NodeClass = 'virtual' | 'ecs';

/**
 * Whether a node of the class can satisfy one node selector requirement. Virtual nodes carry
 * `type: virtual-kubelet`; ECS nodes are assumed to carry no `type` label. Other keys are unknown.
 */
function requirementOn(req: any, node: NodeClass): Tri {
  if (!isObject(req) || req.key !== VIRTUAL_NODE_LABEL) { return 'maybe'; }
  const value = node === 'virtual' ? VIRTUAL_NODE_VALUE : undefined;
  const values: unknown[] = Array.isArray(req.values) ? req.values : [];
  const listed = value !== undefined && values.includes(value);
  switch (req.operator) {
    case 'In': return listed ? 'yes' : 'no';
    case 'NotIn': return listed ? 'no' : 'yes';
    case 'Exists': return value !== undefined ? 'yes' : 'no';
    case 'DoesNotExist': return value === undefined ? 'yes' : 'no';
    default: return 'no'; // Gt and Lt need an integer value; `virtual-kubelet` is none
  }
}

/** A node selector term: its expressions (and fields) ANDed; an empty term matches no node. */
function termOn(term: any, node: NodeClass): Tri {
  if (!isObject(term)) { return 'no'; }
  const expressions = list(term.matchExpressions);
  const fields = list(term.matchFields);
  if (expressions.length === 0 && fields.length === 0) { return 'no'; }
  const results = expressions.map(req => requirementOn(req, node));
  if (results.includes('no')) { return 'no'; }
  return fields.length === 0 && results.every(r => r === 'yes') ? 'yes' : 'maybe';
}

/** Whether some node of the class may satisfy the nodeSelector and the required node affinity. */
function mayRunOn(s: RoleScheduling, node: NodeClass): boolean {
  const selected = s.nodeSelector[VIRTUAL_NODE_LABEL];
  if (selected !== undefined && (node === 'ecs' || selected !== VIRTUAL_NODE_VALUE)) { return false; }
  const required = s.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!isObject(required)) { return true; }
  return list(required.nodeSelectorTerms).some(term => termOn(term, node) !== 'no');
}

/** The weight of preferred terms that favour ECS nodes over virtual nodes, and the reverse. */
function preferenceWeights(s: RoleScheduling): { ecs: number; eci: number } {
  const weights = { ecs: 0, eci: 0 };
  for (const term of list(s.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution)) {
    if (!isObject(term)) { continue; }
    const weight = typeof term.weight === 'number' ? term.weight : 0;
    const onEcs = termOn(term.preference, 'ecs');
    const onVirtual = termOn(term.preference, 'virtual');
    if (onEcs === 'yes' && onVirtual === 'no') { weights.ecs += weight; }
    if (onVirtual === 'yes' && onEcs === 'no') { weights.eci += weight; }
  }
  return weights;
}

/** Where the pods may run, from their tolerations, affinity, nodeSelector and labels. */
export function detectPlacement(s: RoleScheduling): DetectedPlacement {
  const toleratesEci = s.tolerations.some(toleratesEciTaint);
  const notes: string[] = [];
  if (s.labels[ECI_FORCE_LABEL] === 'true') {
    notes.push(`the label ${ECI_FORCE_LABEL}: "true" forces ECI, overriding node affinity and any ResourcePolicy`);
    return { kind: RolePlacement.ECI_ONLY, toleratesEci, notes };
  }
  const virtualPossible = mayRunOn(s, 'virtual');
  const eci = toleratesEci && virtualPossible;
  const ecs = mayRunOn(s, 'ecs');
  if (eci && ecs) {
    const w = preferenceWeights(s);
    const kind = w.ecs > w.eci ? RolePlacement.ECS_FIRST : w.eci > w.ecs ? RolePlacement.ECI_FIRST : RolePlacement.ECS_OR_ECI;
    return { kind, toleratesEci, notes };
  }
  if (eci) { return { kind: RolePlacement.ECI_ONLY, toleratesEci, notes }; }
  if (ecs) { return { kind: RolePlacement.ECS_ONLY, toleratesEci, notes }; }
  const reason = virtualPossible
    ? `its node affinity and nodeSelector admit only virtual nodes (${VIRTUAL_NODE_LABEL}: ${VIRTUAL_NODE_VALUE}), but it does not tolerate the ECI taint ${TAINT_TEXT}`
    : 'no ECS or ECI node matches its node affinity and nodeSelector';
  return { kind: RolePlacement.UNSCHEDULABLE, toleratesEci, reason, notes };
}

/** The ECI taint as `kubectl describe` prints it. */
export function eciTaintText(): string {
  return TAINT_TEXT;
}

function list(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

function stringMap(value: unknown): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  if (!isObject(value)) { return out; }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') { out[key] = String(v); }
  }
  return out;
}

export function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
