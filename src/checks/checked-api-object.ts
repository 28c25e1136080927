/**
 * The API object of every library construct: a plain cdk8s `ApiObject` whose final render, inside
 * a synthesis, is the JSON the checks already rendered and judged in that synthesis (issue #29,
 * render once), so what is written is exactly what was checked, and is rendered once.
 *
 * Outside a synthesis, or for an object the synthesis has not rendered (or has already handed
 * out), `toJson()` renders as `ApiObject` does. A plain `ApiObject` (not a generated class) keeps
 * fields added by JSON patches.
 */
import { ApiObject } from 'cdk8s';
import { SynthSession } from './synth-session';

export class CheckedApiObject extends ApiObject {
  public toJson(): any {
    const rendered = SynthSession.of(this).takeRendered(this);
    return rendered !== undefined ? rendered : super.toJson();
  }
}
