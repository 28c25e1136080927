/**
 * Two objects of one identity: the API server stores one object per group, kind, namespace and
 * name (`kubectl apply` of the second replaces the first). Within one group of manifests (a chart
 * at synth, a file for `plan`) that is an error; across groups a warning, as the charts of one app
 * (or the files given to `plan`) are sometimes alternatives applied to different clusters.
 */
import { isObject, nonEmptyString } from '../json';
import { isNamespacedKind } from './api-server';

/** An object to compare, with the group it came in (a chart's path, a file) and a label for messages. */
export interface IdentifiedManifest {
  readonly manifest: unknown;
  /** The chart or file the object belongs to. */
  readonly group: string;
  /** How messages name it: a construct path, or `file: document N`. */
  readonly label: string;
}

/** A duplicate: the object, the others of its identity in its own group and in other groups. */
export interface DuplicateFinding {
  readonly index: number;
  readonly sameGroup: readonly IdentifiedManifest[];
  readonly otherGroups: readonly IdentifiedManifest[];
}

/** `group/kind/namespace/name`, or undefined for something that is not a named object. */
export function identityOf(manifest: unknown): string | undefined {
  if (!isObject(manifest) || typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string') { return undefined; }
  const name = isObject(manifest.metadata) ? nonEmptyString(manifest.metadata.name) : undefined;
  if (name === undefined) { return undefined; }
  const slash = manifest.apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : manifest.apiVersion.slice(0, slash);
  const namespace = isNamespacedKind(manifest.kind) ? nonEmptyString(manifest.metadata.namespace) ?? '' : '';
  return `${group}/${manifest.kind}/${namespace}/${name}`;
}

/** Every object that shares its identity with another, in one pass (a hash by identity). */
export function duplicateFindings(objects: readonly IdentifiedManifest[]): DuplicateFinding[] {
  const byIdentity = new Map<string, number[]>();
  objects.forEach((o, i) => {
    const key = identityOf(o.manifest);
    if (key === undefined) { return; }
    const list = byIdentity.get(key);
    if (list) { list.push(i); } else { byIdentity.set(key, [i]); }
  });
  const out: DuplicateFinding[] = [];
  for (const indexes of byIdentity.values()) {
    if (indexes.length < 2) { continue; }
    for (const i of indexes) {
      const others = indexes.filter(j => j !== i).map(j => objects[j]);
      out.push({
        index: i,
        sameGroup: others.filter(o => o.group === objects[i].group),
        otherGroups: others.filter(o => o.group !== objects[i].group),
      });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
