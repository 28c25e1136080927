// A role's security: the security contexts set on one place (spec fields or pod template) with the
// `PodSecurityPreset` merged in at render, and the values the user set that weaken the preset.
import type { k8s } from 'cdk8s-plus-28';
import { k8sJson } from '../../private/k8s-json';
import { compact } from '../../private/render';
import type { PodSecurityPreset } from '../pod-security';

/** The security settings of one place of a role (a `PodFields`). */
export interface PlaceSecurity {
  /** The pod security context set there (`podSecurityContext`, or the template's `spec.securityContext`). */
  readonly podSecurityContext?: k8s.PodSecurityContext;
  /** The Spark container's security context set there. */
  readonly securityContext?: k8s.SecurityContext;
  /** The preset applied there, merged at render with what is set. */
  readonly preset?: PodSecurityPreset;
}

/** Whether the place carries a security context set by the user or the preset. */
export function hasSecurity(place: PlaceSecurity): boolean {
  return place.podSecurityContext !== undefined || place.securityContext !== undefined || place.preset !== undefined;
}

/** The pod security context set on the place, as JSON, before the preset. */
export function podSecurityContextJson(place: PlaceSecurity): any {
  return place.podSecurityContext && k8sJson.toJson_PodSecurityContext(place.podSecurityContext);
}

/** The Spark container's security context set on the place, as JSON, before the preset. */
export function securityContextJson(place: PlaceSecurity): any {
  return place.securityContext && k8sJson.toJson_SecurityContext(place.securityContext);
}

/** The spec field `podSecurityContext` as rendered: the preset merged in when it applies there. */
export function renderPodSecurityContext(place: PlaceSecurity): any {
  return place.preset ? place.preset._mergePod(podSecurityContextJson(place)) : podSecurityContextJson(place);
}

/** The spec field `securityContext` as rendered: the preset merged in when it applies there. */
export function renderSecurityContext(place: PlaceSecurity): any {
  return place.preset ? place.preset._mergeContainer(securityContextJson(place)) : securityContextJson(place);
}

/** A container of the spec fields as JSON, with the preset merged in when it applies there. */
export function renderContainer(place: PlaceSecurity, container: k8s.Container): any {
  const json = k8sJson.toJson_Container(container) ?? {};
  return place.preset ? { ...json, securityContext: place.preset._mergeContainer(json.securityContext) } : json;
}

/** The template's spec as JSON with the security contexts set on the template place, before the preset. */
export function userTemplateSpecJson(place: PlaceSecurity, base: k8s.PodTemplateSpec | undefined, containerName: string): any {
  const spec: any = { ...(base ? k8sJson.toJson_PodTemplateSpec(base)?.spec : undefined) };
  if (place.podSecurityContext !== undefined) {
    spec.securityContext = k8sJson.toJson_PodSecurityContext(place.podSecurityContext);
  }
  const containers: any[] = (spec.containers ?? []).map((c: any) => ({ ...c }));
  if (place.securityContext !== undefined) {
    const securityContext = k8sJson.toJson_SecurityContext(place.securityContext);
    const spark = containers.find(c => c.name === containerName);
    if (spark) {
      spark.securityContext = securityContext;
    } else {
      containers.push({ name: containerName, securityContext });
    }
  }
  spec.containers = containers;
  return spec;
}

/**
 * The template's spec with the security contexts set there and the preset merged in. The Spark
 * container is the one named `containerName` (the operator passes that name to Spark as
 * `podTemplateContainerName`); it is added when the template has none.
 */
export function templateSpecWithSecurity(place: PlaceSecurity, base: k8s.PodTemplateSpec | undefined, containerName: string): any {
  const spec = userTemplateSpecJson(place, base, containerName);
  const preset = place.preset;
  if (!preset) { return compact(spec); }
  if (!spec.containers.some((c: any) => c.name === containerName)) {
    spec.containers.push({ name: containerName });
  }
  return compact({
    ...spec,
    securityContext: preset._mergePod(spec.securityContext),
    containers: spec.containers.map((c: any) => ({ ...c, securityContext: preset._mergeContainer(c.securityContext) })),
    initContainers: spec.initContainers?.map((c: any) => ({ ...c, securityContext: preset._mergeContainer(c.securityContext) })),
  });
}

/** What `podSecurityProblems()` reads of a role. */
export interface SecuredRole {
  /** `driver` or `executor`, for the messages. */
  readonly roleName: string;
  /** The Spark container's name in the pod template. */
  readonly containerName: string;
  /** The spec fields' security. */
  readonly spec: PlaceSecurity;
  /** The pod template's security. */
  readonly template: PlaceSecurity;
  /** The pod template as the user gave it, if any. */
  readonly base?: k8s.PodTemplateSpec;
  /** The spec fields' sidecars. */
  readonly sidecars: readonly k8s.Container[];
  /** The spec fields' init containers. */
  readonly initContainers: readonly k8s.Container[];
}

/** Values the user set that weaken the applied security preset, as messages. */
export function podSecurityProblems(role: SecuredRole): string[] {
  const r = role.roleName;
  const problems: string[] = [];
  const spec = role.spec.preset;
  if (spec) {
    problems.push(...spec._podProblems(`${r}.podSecurityContext`, podSecurityContextJson(role.spec)));
    problems.push(...spec._containerProblems(`${r}.securityContext`, securityContextJson(role.spec)));
    role.sidecars.forEach((c, i) => problems.push(...spec._containerProblems(`${r}.sidecars[${i}].securityContext`, k8sJson.toJson_Container(c)?.securityContext)));
    role.initContainers.forEach((c, i) => problems.push(...spec._containerProblems(`${r}.initContainers[${i}].securityContext`, k8sJson.toJson_Container(c)?.securityContext)));
  }
  const template = role.template.preset;
  if (template) {
    const json = userTemplateSpecJson(role.template, role.base, role.containerName);
    problems.push(...template._podProblems(`${r}.template.spec.securityContext`, json.securityContext));
    for (const field of ['containers', 'initContainers']) {
      (json[field] ?? []).forEach((c: any, i: number) =>
        problems.push(...template._containerProblems(`${r}.template.spec.${field}[${i}].securityContext`, c.securityContext)));
    }
  }
  return problems;
}
