/**
 * The rule book: every rule about a rendered object, run over a set of manifests (an app at
 * synthesis, the files given to `plan`). Each rule reads plain JSON and returns structured
 * problems with a stable code (`ProblemCode`); `describe.ts` phrases them, and the planner adds its
 * own (Pending pods, placement, quota, gangs). A new rule is a function here and its code in
 * `planner.ts`'s `ProblemCode`; `describe-fix.ts` does not compile until the code has a fix.
 */
import { isSparkApplicationManifest, ManifestOrigin, ObjectRef } from '../applications';
import { isObject, nonEmptyString } from '../json';
import { PlanProblem, ProblemCode, ProblemSeverity } from '../planner';
import { isNamespacedKind, objectApiProblems } from './api-server';
import { duplicateFindings, IdentifiedManifest } from './duplicates';
import { ApplicationRuleContext, applicationRuleProblems } from './spark-application';
import { isSparkConnectManifest, sparkConnectRuleProblems } from './spark-connect';
import { invalidMessage } from '../../private/errors';

/** A manifest and where it came from (the shape of `plan.ts`'s `RuledManifest`). */
export interface RuledManifest {
  readonly object: { [key: string]: any };
  readonly origin: ManifestOrigin;
}

/** The rules' problems of each object that has some. */
export interface RuleResults {
  readonly byObject: ReadonlyMap<RuledManifest, PlanProblem[]>;
}

/** How messages name an object: `SparkApplication default/spark-pi`. */
export function refOf(manifest: unknown): ObjectRef {
  const m = isObject(manifest) ? manifest : {};
  const metadata = isObject(m.metadata) ? m.metadata : {};
  const kind = typeof m.kind === 'string' ? m.kind : '<no kind>';
  return {
    kind,
    namespace: isNamespacedKind(kind) ? nonEmptyString(metadata.namespace) ?? 'default' : '',
    name: nonEmptyString(metadata.name) ?? '<no name>',
  };
}

/** How a duplicate's others are named: their construct paths, or their files and documents. */
function labelOf(o: RuledManifest): string {
  return o.origin.path ?? `${o.origin.file ?? '<input>'}${o.origin.document === undefined ? '' : `: document ${o.origin.document}`}`;
}

/** Runs every rule over every object. */
export function checkObjects(objects: readonly RuledManifest[], contextOf?: (manifest: RuledManifest) => ApplicationRuleContext): RuleResults {
  const byObject = new Map<RuledManifest, PlanProblem[]>();
  const add = (o: RuledManifest, problem: PlanProblem) => {
    const list = byObject.get(o);
    if (list) { list.push(problem); } else { byObject.set(o, [problem]); }
  };
  for (const o of objects) {
    const ref = refOf(o.object);
    for (const p of objectApiProblems(o.object)) {
      add(o, { code: ProblemCode.API_SERVER_REFUSES, severity: ProblemSeverity.ERROR, job: ref, field: p.field, allowed: p.allowed, got: p.got });
    }
    if (isSparkApplicationManifest(o.object)) {
      for (const p of applicationRuleProblems(o.object, contextOf?.(o) ?? {})) {
        add(o, {
          code: ProblemCode[p.code], severity: ProblemSeverity.ERROR, job: ref, role: p.role, field: p.field, allowed: p.allowed, got: p.got,
        });
      }
    } else if (isSparkConnectManifest(o.object)) {
      for (const p of sparkConnectRuleProblems(o.object)) {
        add(o, { code: ProblemCode[p.code], severity: ProblemSeverity.ERROR, job: ref, field: p.field, allowed: p.allowed, got: p.got });
      }
    }
  }
  const identified: IdentifiedManifest[] = objects.map(o => ({ manifest: o.object, group: o.origin.group ?? o.origin.file ?? '', label: labelOf(o) }));
  for (const d of duplicateFindings(identified)) {
    const o = objects[d.index];
    const ref = refOf(o.object);
    const where = ref.namespace === '' ? '(cluster-scoped)' : `in namespace "${ref.namespace}"`;
    const allowed = (others: readonly IdentifiedManifest[], suffix: string) =>
      `must be unique for a ${ref.kind} ${where}: ${others.map(x => x.label).join(', ')} has the same name, `
      + `and the later one applied would replace the other${suffix}`;
    if (d.sameGroup.length > 0) {
      add(o, { code: ProblemCode.DUPLICATE_OBJECT, severity: ProblemSeverity.ERROR, job: ref, field: 'metadata.name', allowed: allowed(d.sameGroup, ''), got: ref.name });
    }
    if (d.otherGroups.length > 0) {
      add(o, {
        code: ProblemCode.DUPLICATE_OBJECT,
        severity: ProblemSeverity.WARNING,
        job: ref,
        field: 'metadata.name',
        allowed: allowed(d.otherGroups, ', if both are applied to one cluster'),
        got: ref.name,
      });
    }
  }
  return { byObject };
}

/** A rule problem as the library's standard message, `<field> <allowed> (got <value>)`. */
export function ruleMessage(field: string, problem: PlanProblem): string {
  return invalidMessage(field, problem.allowed ?? 'is refused', problem.got);
}
