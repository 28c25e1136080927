/**
 * Whether the jobs of an app write their decisions into the YAML (`cdk8s-spark-eci/pending-pods`
 * and the other annotations of `DecisionAnnotation`), so that `plan`, the cdk8s plugin and the
 * testing kit give synthesis's verdict on the same YAML. On by default; an app that must reproduce
 * manifests byte for byte (the seed example's charts) turns it off, and then only synthesis knows
 * the decisions: `plan` and the plugin use their own defaults.
 */
import { Construct, IConstruct } from 'constructs';
import { invalid } from '../private/errors';

const disabled = new WeakSet<IConstruct>();

/** Turns the recording of decisions in the YAML off for a part of an app (or all of it). */
export class DecisionRecording {
  /**
   * Stops every job under `scope` (an App: the whole app; a Chart: its jobs) from writing its
   * decisions into its manifest, also jobs added later. Synthesis still applies them; `plan` and
   * the plugin, which then cannot see them, fall back to their defaults.
   *
   * @param scope the app, a chart, or any construct above the jobs
   */
  public static disable(scope: IConstruct): void {
    disabled.add(checkScope(scope));
  }

  /**
   * Whether a job at `scope` writes its decisions into its manifest (the default), that is whether
   * no construct from the app down to `scope` turned recording off.
   *
   * @param scope a job, or any construct
   */
  public static isEnabled(scope: IConstruct): boolean {
    return !checkScope(scope).node.scopes.some(s => disabled.has(s));
  }

  private constructor() {}
}

function checkScope(scope: unknown): IConstruct {
  if (!Construct.isConstruct(scope)) { invalid('scope', 'must be an App, a Chart or another construct', scope); }
  return scope;
}
