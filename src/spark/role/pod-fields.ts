import type { k8s } from 'cdk8s-plus-28';
import { PodScheduling } from './pod-scheduling';
import { hasSecurity, PlaceSecurity, templateSpecWithSecurity } from './role-security';
import { k8sJson } from '../../private/k8s-json';
import { compact, listOrUndefined, mapOrUndefined } from '../../private/render';
import type { PodSecurityPreset } from '../pod-security';

/**
 * The pod fields of ONE place a role writes: its spec fields (`spec.driver.labels`, `.tolerations`,
 * `.podSecurityContext`...), which the operator's mutating webhook applies to the pods, or its pod
 * template (`spec.driver.template`), which Spark itself applies (Spark >= 3.0). A `SparkRole` holds
 * two, and its mutators write into those a `PlacementTarget` names; a `SparkConnectRole` holds one,
 * its template, the only place SparkConnect has. The sub-object pattern of cdk8s-plus' `Pod`
 * (its scheduling, security context and containers are objects of their own).
 */
export class PodFields implements PlaceSecurity {
  /** Labels added here. */
  public readonly labels: { [key: string]: string } = {};
  /** Annotations added here. */
  public readonly annotations: { [key: string]: string } = {};
  /** Tolerations, node selector labels and node affinity added here. */
  public readonly scheduling = new PodScheduling();
  /** The pod security context set here, if any. */
  public podSecurityContext?: k8s.PodSecurityContext;
  /** The Spark container's security context set here, if any. */
  public securityContext?: k8s.SecurityContext;
  /** The security preset applied here, merged at render with what is set. */
  public preset?: PodSecurityPreset;

  /** Whether anything was added here (labels, annotations, scheduling rules, security). */
  public get isEmpty(): boolean {
    return this.scheduling.isEmpty && Object.keys(this.labels).length === 0 && Object.keys(this.annotations).length === 0 && !hasSecurity(this);
  }

  /**
   * The pod template (`template`) with what was added here merged in, or undefined when there is
   * neither a base nor anything added. Merging follows Spark: the template is a base; what is added
   * here is appended.
   *
   * @param base the template as the user gave it
   * @param containerName the Spark container's name, which the security contexts go to
   */
  public renderTemplate(base: k8s.PodTemplateSpec | undefined, containerName: string): any {
    if (!base && this.isEmpty) { return undefined; }
    const json: any = base ? k8sJson.toJson_PodTemplateSpec(base) : {};
    if (this.isEmpty) { return json; }
    const s = this.scheduling;
    const spec = hasSecurity(this) ? templateSpecWithSecurity(this, base, containerName) : json.spec ?? {};
    const metadata = json.metadata ?? {};
    const affinity = s.mergeAffinity(base?.spec?.affinity);
    const tolerations = s.mergeTolerations(base?.spec?.tolerations ?? []);
    // The template's own spec has required `containers`; Spark fills in its container, so an
    // empty list is what upstream examples write.
    return compact({
      ...json,
      metadata: mapOrUndefined(compact({
        ...metadata,
        labels: mapOrUndefined({ ...metadata.labels, ...this.labels }),
        annotations: mapOrUndefined({ ...metadata.annotations, ...this.annotations }),
      })),
      spec: compact({
        ...spec,
        containers: spec.containers ?? [],
        affinity: affinity && k8sJson.toJson_Affinity(affinity),
        tolerations: listOrUndefined(tolerations, t => k8sJson.toJson_Toleration(t)),
        nodeSelector: mapOrUndefined({ ...spec.nodeSelector, ...s.nodeSelector }),
      }),
    });
  }
}
