/** The decisions that travel with the YAML: written only where they differ from the defaults, read back the same. */
import {
  DecisionAnnotation, decisionAnnotations, hasDecisionAnnotation, JobDecisions, NO_DECISIONS, PendingPods, readDecisions,
} from '../../src/model/decisions';

function manifest(annotations: { [key: string]: string }) {
  return { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication', metadata: { name: 'pi', annotations } };
}

describe('decisions', () => {
  test('the defaults record nothing (the seed\'s manifests stay as they are)', () => {
    expect(decisionAnnotations(NO_DECISIONS)).toEqual({});
    const defaults: JobDecisions = {
      pendingPods: PendingPods.ERROR, unschedulablePods: PendingPods.ERROR, resourcePolicies: [], unusedShareWarning: { driver: 0.25 },
    };
    expect(decisionAnnotations(defaults)).toEqual({});
  });

  test('every decision survives writing and reading', () => {
    const decisions: JobDecisions = {
      pendingPods: PendingPods.WARN,
      unschedulablePods: PendingPods.ALLOW,
      resourcePolicies: [{ policy: 'team/p', pendingPods: PendingPods.ALLOW }, { policy: 'team/q' }],
      unusedShareWarning: { driver: 0, executor: 0.5 },
    };
    const annotations = decisionAnnotations(decisions);
    expect(annotations).toEqual({
      [DecisionAnnotation.PENDING_PODS]: 'WARN',
      [DecisionAnnotation.UNSCHEDULABLE_PODS]: 'ALLOW',
      [DecisionAnnotation.RESOURCE_POLICIES]: 'team/p=ALLOW,team/q',
      [DecisionAnnotation.UNUSED_SHARE_WARNING]: 'driver=0,executor=0.5',
    });
    const read = readDecisions(manifest(annotations));
    expect(read.problems).toEqual([]);
    expect(read.decisions).toEqual({ ...decisions, resourcePolicies: [{ policy: 'team/p', pendingPods: 'ALLOW' }, { policy: 'team/q', pendingPods: undefined }] });
    expect(hasDecisionAnnotation(manifest(annotations))).toBe(true);
    expect(hasDecisionAnnotation(manifest({ other: 'x' }))).toBe(false);
  });

  test('a value that cannot be read is a problem naming the annotation, and is ignored', () => {
    const read = readDecisions(manifest({
      [DecisionAnnotation.PENDING_PODS]: 'warn',
      [DecisionAnnotation.RESOURCE_POLICIES]: 'no-namespace',
      [DecisionAnnotation.UNUSED_SHARE_WARNING]: 'driver=1.5',
    }));
    expect(read.decisions).toEqual(NO_DECISIONS);
    expect(read.problems.map(p => p.key))
      .toEqual([DecisionAnnotation.RESOURCE_POLICIES, DecisionAnnotation.UNUSED_SHARE_WARNING, DecisionAnnotation.PENDING_PODS]);
  });

  test('reads nothing from anything that is not an annotated object', () => {
    for (const m of [null, 1, {}, { metadata: null }, { metadata: { annotations: 'x' } }]) {
      expect(readDecisions(m).decisions).toEqual(NO_DECISIONS);
    }
  });
});
