/**
 * The pass-through Kubernetes structures (`k8s.Container`, `k8s.Volume`, ...) as JSON, keeping
 * the fields cdk8s-plus-28 does not know.
 *
 * The library types these props with cdk8s-plus-28 (Kubernetes 1.28), but an app on a newer
 * cdk8s-plus passes its own `k8s` values, which may carry newer fields (1.30 `appArmorProfile`
 * and `recursiveReadOnly`, 1.31 `image` volumes and `supplementalGroupsPolicy`). cdk8s-plus-28's
 * `toJson_*` functions rename the fields they know to their JSON names and drop every other one
 * silently. Each function here runs cdk8s-plus-28's and then walks the input beside its output:
 * a field the output has (under its own name or its JSON spelling, `hostIpc` / `hostIPC`) is
 * walked into; a field it lacks is copied under its own name, which is the JSON name of every
 * field Kubernetes 1.29 to 1.33 added to the structures the library passes through.
 */
import type { k8s } from 'cdk8s-plus-28';
import { cdk8sPlus } from './lazy-modules';

type Json = { [key: string]: any };
type ToJson<T> = (obj: T | undefined) => Json | undefined;

/** A field name as both spellings agree on it: lower case, letters and digits only. */
function fold(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function isPlainObject(x: unknown): x is Json {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) { return false; }
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * A value no cdk8s-plus-28 function rendered, as JSON: plain objects and lists field by field,
 * `undefined` left out, and a cdk8s-plus wrapper (`IntOrString`, `Quantity`, any copy) as its `value`.
 */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) { return value.map(plain); }
  if (isPlainObject(value)) {
    const out: Json = {};
    for (const [key, v] of Object.entries(value)) {
      if (v !== undefined) { out[key] = plain(v); }
    }
    return out;
  }
  if (value !== null && typeof value === 'object' && 'value' in value) {
    return (value as { value: unknown }).value;
  }
  return value;
}

/** `rendered` (cdk8s-plus-28's JSON of `input`) with the fields of `input` it dropped put back. */
function keepUnknown(input: unknown, rendered: unknown): unknown {
  if (Array.isArray(input) && Array.isArray(rendered) && input.length === rendered.length) {
    return rendered.map((r, i) => keepUnknown(input[i], r));
  }
  if (!isPlainObject(input) || !isPlainObject(rendered)) { return rendered; }
  const byFolded = new Map(Object.keys(rendered).map(k => [fold(k), k]));
  const out: Json = { ...rendered };
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) { continue; }
    const known = key in rendered ? key : byFolded.get(fold(key));
    if (known !== undefined) {
      out[known] = keepUnknown(value, rendered[known]);
    } else {
      out[key] = plain(value);
    }
  }
  return out;
}

/** `toJson` that keeps the fields it does not know (see the module's comment), loading cdk8s-plus-28 on first use. */
function keepingNewerFields<T>(toJson: (plus: typeof k8s) => ToJson<T>): ToJson<T> {
  return obj => {
    const rendered = toJson(cdk8sPlus().k8s)(obj);
    return rendered === undefined ? undefined : keepUnknown(obj, rendered) as Json;
  };
}

/** Whether `value` is plain data all the way down: no cdk8s-plus wrapper (`Quantity`, `IntOrString`). */
function isPlainData(value: unknown): boolean {
  if (Array.isArray(value)) { return value.every(isPlainData); }
  if (value !== null && typeof value === 'object') { return isPlainObject(value) && Object.values(value).every(isPlainData); }
  return true;
}

/**
 * For structures whose binding names equal their JSON names and that hold no wrapper types in
 * their schema (tolerations, affinity), plain data renders as itself, `undefined` left out: the
 * generated `toJson_*` would walk it only to return the same fields (issue #17: about 35 us per
 * job). Anything else (a wrapper, a class instance) takes the generated function.
 */
function plainWhenPlain<T>(toJson: ToJson<T>): ToJson<T> {
  return obj => (obj !== undefined && isPlainData(obj) ? plain(obj) as Json : toJson(obj));
}

/** cdk8s-plus-28's `k8s.toJson_*` for the structures the library passes through, keeping newer fields. */
export const k8sJson = {
  toJson_Affinity: plainWhenPlain(keepingNewerFields<k8s.Affinity>(k => k.toJson_Affinity)),
  toJson_Container: keepingNewerFields<k8s.Container>(k => k.toJson_Container),
  toJson_EnvFromSource: keepingNewerFields<k8s.EnvFromSource>(k => k.toJson_EnvFromSource),
  toJson_EnvVarSource: keepingNewerFields<k8s.EnvVarSource>(k => k.toJson_EnvVarSource),
  toJson_HostAlias: keepingNewerFields<k8s.HostAlias>(k => k.toJson_HostAlias),
  toJson_IngressTls: keepingNewerFields<k8s.IngressTls>(k => k.toJson_IngressTls),
  toJson_Lifecycle: keepingNewerFields<k8s.Lifecycle>(k => k.toJson_Lifecycle),
  toJson_PodDnsConfig: keepingNewerFields<k8s.PodDnsConfig>(k => k.toJson_PodDnsConfig),
  toJson_PodSecurityContext: keepingNewerFields<k8s.PodSecurityContext>(k => k.toJson_PodSecurityContext),
  toJson_PodTemplateSpec: keepingNewerFields<k8s.PodTemplateSpec>(k => k.toJson_PodTemplateSpec),
  toJson_SecurityContext: keepingNewerFields<k8s.SecurityContext>(k => k.toJson_SecurityContext),
  toJson_Toleration: plainWhenPlain(keepingNewerFields<k8s.Toleration>(k => k.toJson_Toleration)),
  toJson_Volume: keepingNewerFields<k8s.Volume>(k => k.toJson_Volume),
  toJson_VolumeMount: keepingNewerFields<k8s.VolumeMount>(k => k.toJson_VolumeMount),
};
