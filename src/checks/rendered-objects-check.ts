/**
 * The synth-time check of everything the library writes, as the API server would check it: each
 * library construct registers itself once (`checkRenderedObjects(this)` in its constructor), and
 * at synth its API objects are rendered (`toJson()`, JSON patches included) and put through
 * `manifestProblems()` (src/private/api-server-rules.ts), and their (kind, namespace, name)
 * through the app-wide duplicate check, which sees every API object in the app (the library's,
 * cdk8s-plus', `Include`d ones), cluster-scoped kinds with no namespace.
 *
 * A problem is reported by cdk8s as `[construct path] <field> <allowed> (got <value>)`, the field
 * being the YAML path (`spec.executor.instances`), prefixed with the object's kind and name when
 * it is not the construct's primary object.
 */
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { perSynth, renderedJson, warnOnce } from './cluster-check';
import { isNamespacedKind, manifestProblems } from '../private/api-server-rules';
import { invalidMessage } from '../private/errors';

const checked = new WeakSet<IConstruct>();

/** Adds the rendered-object and duplicate checks to a library construct (once). */
export function checkRenderedObjects(construct: IConstruct): void {
  if (checked.has(construct)) { return; }
  checked.add(construct);
  construct.node.addValidation({ validate: () => renderedObjectProblems(construct) });
}

/** The API objects a construct answers for: those whose nearest checked ancestor it is. */
function ownObjects(construct: IConstruct): ApiObject[] {
  const out: ApiObject[] = [];
  for (const c of construct.node.findAll()) {
    if (!ApiObject.isApiObject(c)) { continue; }
    let owner: IConstruct | undefined = c;
    while (owner && !checked.has(owner)) { owner = owner.node.scope; }
    if (owner === construct) { out.push(c as ApiObject); }
  }
  return out;
}

function renderedObjectProblems(construct: IConstruct): string[] {
  const errors: string[] = [];
  const primary = construct.node.tryFindChild('Resource');
  const index = identityIndex(construct.node.root);
  for (const object of ownObjects(construct)) {
    const prefix = object === primary ? '' : `${object.kind} ${object.node.path}: `;
    for (const p of manifestProblems(renderedJson(object))) {
      errors.push(prefix + invalidMessage(p.field, p.allowed, p.got));
    }
    const others = (index.get(identityOf(object)) ?? []).filter(o => o !== object);
    if (others.length === 0) { continue; }
    const where = isNamespacedKind(object.kind) ? `in namespace "${object.metadata.namespace ?? 'default'}"` : '(cluster-scoped)';
    const message = (list: ApiObject[]) => prefix + invalidMessage('metadata.name',
      `must be unique for a ${object.kind} ${where}: ${list.map(o => o.node.path).join(', ')} has the same name, and the later one applied would replace the other`,
      object.name);
    const chart = chartOf(object);
    const sameChart = others.filter(o => chartOf(o) === chart);
    if (sameChart.length > 0) { errors.push(message(sameChart)); }
    // Charts of one app are sometimes alternatives, applied to different clusters: a warning.
    const otherCharts = others.filter(o => chartOf(o) !== chart);
    if (otherCharts.length > 0) { warnOnce(construct, `${message(otherCharts)}, if both charts are applied to one cluster`); }
  }
  return errors;
}

function chartOf(object: ApiObject): Chart | undefined {
  try {
    return Chart.of(object);
  } catch {
    return undefined;
  }
}

/** `group/kind/namespace/name`: what the API server stores one object under. */
function identityOf(object: ApiObject): string {
  const slash = object.apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
  const namespace = isNamespacedKind(object.kind) ? object.metadata.namespace ?? '' : '';
  return `${group}/${object.kind}/${namespace}/${object.name}`;
}

/**
 * Every API object of the app by identity, built once per synth (`perSynth`: cdk8s validates
 * every construct in one run, and walking the whole tree per construct made synth quadratic in
 * the number of objects; issue #17).
 */
function identityIndex(root: IConstruct): Map<string, ApiObject[]> {
  return perSynth(indexOwner(root), () => {
    const index = new Map<string, ApiObject[]>();
    for (const c of root.node.findAll()) {
      if (!ApiObject.isApiObject(c)) { continue; }
      const object = c as ApiObject;
      const key = identityOf(object);
      const list = index.get(key);
      if (list) { list.push(object); } else { index.set(key, [object]); }
    }
    return index;
  });
}

/** The key the index of `root` is cached under (the root itself holds the plan's cache). */
const indexOwners = new WeakMap<IConstruct, object>();
function indexOwner(root: IConstruct): object {
  let owner = indexOwners.get(root);
  if (!owner) { owner = {}; indexOwners.set(root, owner); }
  return owner;
}
