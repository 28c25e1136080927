import type { k8s } from 'cdk8s-plus-28';
import { jsonEqual } from '../../private/render';

/**
 * The scheduling rules added to one place of a role (its spec fields or its pod template): tolerations,
 * node selector labels, required and preferred node affinity terms, merged at render into what the
 * user gave there without dropping anything.
 */
export class PodScheduling {
  public readonly tolerations: k8s.Toleration[] = [];
  public readonly nodeSelector: { [key: string]: string } = {};
  public readonly requiredTerms: k8s.NodeSelectorRequirement[] = [];
  public readonly preferredTerms: k8s.PreferredSchedulingTerm[] = [];

  /** Whether no rule was added. */
  public get isEmpty(): boolean {
    return this.tolerations.length + this.requiredTerms.length + this.preferredTerms.length + Object.keys(this.nodeSelector).length === 0;
  }

  public addToleration(toleration: k8s.Toleration): void {
    if (!this.tolerations.some(t => jsonEqual(t, toleration))) {
      this.tolerations.push(toleration);
    }
  }

  public require(requirement: k8s.NodeSelectorRequirement): void {
    if (!this.requiredTerms.some(r => jsonEqual(r, requirement))) {
      this.requiredTerms.push(requirement);
    }
  }

  public prefer(term: k8s.PreferredSchedulingTerm): void {
    if (!this.preferredTerms.some(p => jsonEqual(p, term))) {
      this.preferredTerms.push(term);
    }
  }

  /**
   * Merges the added node affinity into a user's affinity without dropping anything: a required
   * requirement is ANDed into every required term (terms are ORed), preferences are appended.
   */
  public mergeAffinity(user: k8s.Affinity | undefined): k8s.Affinity | undefined {
    if (this.requiredTerms.length === 0 && this.preferredTerms.length === 0) { return user; }
    const nodeAffinity = user?.nodeAffinity;
    const userTerms = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    let required = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (this.requiredTerms.length > 0) {
      const terms = userTerms.length > 0 ? userTerms : [{}];
      required = {
        nodeSelectorTerms: terms.map(term => ({
          ...term,
          matchExpressions: appendUnique(term.matchExpressions ?? [], this.requiredTerms),
        })),
      };
    }
    const preferred = appendUnique(nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [], this.preferredTerms);
    return {
      ...user,
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: required,
        preferredDuringSchedulingIgnoredDuringExecution: preferred.length > 0 ? preferred : undefined,
      },
    };
  }

  public mergeTolerations(user: readonly k8s.Toleration[]): k8s.Toleration[] {
    return appendUnique(user, this.tolerations);
  }
}

function appendUnique<T>(base: readonly T[], extra: readonly T[]): T[] {
  const out = base.slice();
  for (const item of extra) {
    if (!out.some(existing => jsonEqual(existing, item))) { out.push(item); }
  }
  return out;
}
