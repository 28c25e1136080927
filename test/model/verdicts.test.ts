/**
 * Verdicts from decisions, on plain manifests: the job's own annotations over the front end's
 * defaults, for Pending pods, capacity problems and the problems decisions lead to.
 */
import { DecisionAnnotation, PendingPods } from '../../src/model/decisions';
import { planManifests, planObjects, PlanReport, SourcedManifest, toReport } from '../../src/model/plan';
import { ProblemCode } from '../../src/model/planner';
import { Verdict } from '../../src/model/verdicts';

const POLICY = {
  apiVersion: 'scheduling.alibabacloud.com/v1alpha1',
  kind: 'ResourcePolicy',
  metadata: { name: 'p', namespace: 'team' },
  spec: { selector: { app: 'pi' }, strategy: 'prefer', units: [{ resource: 'ecs', max: 2 }] },
};

function job(annotations: { [key: string]: string } = {}, name = 'pi', labels = { app: 'pi' }) {
  return {
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { name, namespace: 'team', labels, annotations },
    spec: {
      type: 'Scala',
      sparkVersion: '3.5.2',
      image: 'spark:3.5.2',
      mainApplicationFile: 'local:///app.jar',
      driver: { cores: 1 },
      executor: { cores: 1, instances: 3 },
    },
  };
}

function plan(objects: object[], defaults?: { pendingPods: PendingPods; unschedulablePods: PendingPods }): PlanReport {
  const sourced: SourcedManifest[] = objects.map((object, i) => ({ object: object as any, origin: { file: 'a.yaml', document: i + 1 } }));
  return toReport(planObjects(sourced, { defaults }));
}

describe('verdicts', () => {
  test('pods over a unit\'s max are errors by default, and the job\'s decision makes them warnings or accepted', () => {
    const strict = plan([POLICY, job()]);
    expect(strict.jobs[0].pending.map(p => [p.count, p.severity])).toEqual([[2, Verdict.ERROR]]);
    expect(strict.totals.errors).toBe(1);
    const warned = plan([POLICY, job({ [DecisionAnnotation.PENDING_PODS]: 'WARN' })]);
    expect(warned.jobs[0].pending[0].severity).toBe(Verdict.WARNING);
    expect(warned.totals).toMatchObject({ errors: 0, warnings: 1, pendingPods: 2 });
    const allowed = plan([POLICY, job({ [DecisionAnnotation.PENDING_PODS]: 'ALLOW' })]);
    expect(allowed.jobs[0].pending[0].severity).toBe(Verdict.ALLOWED);
    expect(allowed.totals).toMatchObject({ errors: 0, warnings: 0, pendingPods: 2 });
    expect(allowed.jobs[0].decisions.pendingPods).toBe('ALLOW');
  });

  test('the front end\'s defaults apply only to jobs without a decision', () => {
    const report = plan([POLICY, job(), job({ [DecisionAnnotation.PENDING_PODS]: 'ERROR' }, 'pi2')],
      { pendingPods: PendingPods.WARN, unschedulablePods: PendingPods.ERROR });
    expect(report.jobs[0].pending.map(p => p.severity)).toEqual([Verdict.WARNING]);
    // The second job shares the policy's budget with the first: all its pods wait, each an error by its own decision.
    expect(new Set(report.jobs[1].pending.map(p => p.severity))).toEqual(new Set([Verdict.ERROR]));
  });

  test('a policy\'s own choice wins over the job\'s for its pods', () => {
    const report = plan([POLICY, job({ [DecisionAnnotation.RESOURCE_POLICIES]: 'team/p=ALLOW' })]);
    expect(report.jobs[0].pending[0].severity).toBe(Verdict.ALLOWED);
  });

  test('a policy the job was given to that places none of its pods, or sits in another namespace', () => {
    const none = plan([POLICY, job({ [DecisionAnnotation.RESOURCE_POLICIES]: 'team/p' }, 'pi', { app: 'other' })]);
    expect(none.jobs[0].problems.map(p => [p.code, p.severity])).toEqual([[ProblemCode.POLICY_PLACES_NONE, Verdict.ERROR]]);
    expect(none.jobs[0].problems[0].message).toContain('ResourcePolicy team/p places none of them');
    const warned = plan([POLICY, job({ [DecisionAnnotation.RESOURCE_POLICIES]: 'team/p=WARN' }, 'pi', { app: 'other' })]);
    expect(warned.jobs[0].problems[0].severity).toBe(Verdict.WARNING);
    const elsewhere = plan([POLICY, job({ [DecisionAnnotation.RESOURCE_POLICIES]: 'other/p' })]);
    expect(elsewhere.jobs[0].problems.map(p => p.code)).toContain(ProblemCode.POLICY_IN_OTHER_NAMESPACE);
  });

  test('a decision that cannot be read is an error on the job', () => {
    const report = plan([job({ [DecisionAnnotation.PENDING_PODS]: 'sometimes' })]);
    expect(report.jobs[0].problems).toEqual([expect.objectContaining({
      code: ProblemCode.DECISION_INVALID, severity: Verdict.ERROR, field: `metadata.annotations["${DecisionAnnotation.PENDING_PODS}"]`,
    })]);
  });

  test('objects other than jobs carry their own problems: API-server rules and duplicates', () => {
    const cache = { apiVersion: 'eci.alibabacloud.com/v1', kind: 'ImageCache', metadata: { name: 'Bad_Name' }, spec: { images: ['spark:3.5.2'] } };
    const report = planManifests([
      { file: 'a.yaml', text: [cache, POLICY, POLICY].map(o => JSON.stringify(o)).join('\n---\n') },
      { file: 'b.yaml', text: JSON.stringify(POLICY) },
    ]);
    expect(report.objects.map(o => [o.kind, o.name, o.problems.map(p => `${p.code} ${p.severity}`)])).toEqual([
      ['ImageCache', 'Bad_Name', ['API_SERVER_REFUSES ERROR']],
      ['ResourcePolicy', 'p', ['DUPLICATE_OBJECT ERROR', 'DUPLICATE_OBJECT WARNING']],
      ['ResourcePolicy', 'p', ['DUPLICATE_OBJECT ERROR', 'DUPLICATE_OBJECT WARNING']],
      ['ResourcePolicy', 'p', ['DUPLICATE_OBJECT WARNING']],
    ]);
    expect(report.totals.errors).toBe(3);
  });

  test('objects of kinds the library does not write get only the rules every kind shares', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'system:odd', labels: { 'a b': 'x' } }, data: { max: 'x' } };
    const report = planManifests([{ file: 'a.yaml', text: JSON.stringify(configMap) }]);
    expect(report.objects[0].problems.map(p => p.field)).toEqual(['metadata.labels key']);
  });
});
