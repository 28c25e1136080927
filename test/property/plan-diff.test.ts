/**
 * diffPlans() on random changes to the example app (each job's executor count, spot on its
 * executors, a quota leaf or none): the diff agrees with the two plans' totals, says the change
 * adds Pending pods or errors exactly when a job gets some, and read backwards swaps what it adds
 * with what it removes.
 */
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { NUM_RUNS, parameters } from './support';
import { CostModel } from '../../src/model/cost-model';
import { planObjects, SourcedManifest, toReport } from '../../src/model/plan';
import { diffPlans } from '../../src/model/plan-diff';
import { seedApp, synthFiles } from '../support/compare-apps';

const PRICES = new CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.02, spotDiscount: 0.7 });
const BASE: SourcedManifest[] = synthFiles(seedApp(), 'dist').flatMap(f => f.text.split(/^---$/m)
  .map(doc => parse(doc)).filter(o => o).map((object, i) => ({ object, origin: { file: f.file, document: i + 1 } })));
const JOBS = BASE.filter(o => o.object.kind === 'SparkApplication').length;

const QUOTA = {
  apiVersion: 'scheduling.sigs.k8s.io/v1beta1',
  kind: 'ElasticQuotaTree',
  metadata: { name: 'elasticquotatree', namespace: 'kube-system' },
  spec: { root: { name: 'root', max: { cpu: '64', memory: '256Gi' }, children: [{ name: 'default', namespaces: ['default'], min: { cpu: '4' }, max: { cpu: '6' } }] } },
};

/** A variant of the app: per job an executor count and spot or not, and the quota tree or not. */
const VARIANT = fc.record({
  jobs: fc.array(fc.record({ executors: fc.integer({ min: 1, max: 8 }), spot: fc.boolean() }), { minLength: JOBS, maxLength: JOBS }),
  quota: fc.boolean(),
});

function planOf(variant: { jobs: Array<{ executors: number; spot: boolean }>; quota: boolean }) {
  let j = 0;
  const objects = BASE.map(o => {
    if (o.object.kind !== 'SparkApplication') { return o; }
    const change = variant.jobs[j++];
    const executor = { ...o.object.spec.executor, instances: change.executors };
    if (change.spot) { executor.annotations = { ...executor.annotations, 'k8s.aliyun.com/eci-spot-strategy': 'SpotAsPriceGo' }; }
    return { ...o, object: { ...o.object, spec: { ...o.object.spec, executor } } };
  });
  if (variant.quota) { objects.push({ object: QUOTA, origin: { file: 'dist/quota.k8s.yaml', document: 1 } }); }
  return toReport(planObjects(objects), PRICES);
}

test('the diff agrees with the plans, and backwards swaps added and removed', () => {
  fc.assert(fc.property(VARIANT, VARIANT, (a, b) => {
    const before = planOf(a);
    const after = planOf(b);
    expect(diffPlans(before, before).jobs).toEqual([]);
    const diff = diffPlans(before, after);
    const t = diff.totals;
    expect(t.jobsChanged + t.jobsUnchanged).toBe(JOBS);
    expect(diff.jobs.reduce((n, j) => n + j.pendingPods.after - j.pendingPods.before, 0)).toBe(t.after.pendingPods - t.before.pendingPods);
    expect(t.pendingPodsAdded - t.pendingPodsRemoved).toBe(t.after.pendingPods - t.before.pendingPods);
    expect(t.errorsAdded - t.errorsRemoved).toBe(t.after.errors - t.before.errors);
    expect(t.warningsAdded - t.warningsRemoved).toBe(t.after.warnings - t.before.warnings);
    expect(diff.addsPendingOrErrors).toBe(t.pendingPodsAdded > 0 || t.errorsAdded > 0);
    for (const job of diff.jobs) {
      expect(job.roles.some(r => r.changed) || job.problemsAdded.length + job.problemsRemoved.length > 0
        || JSON.stringify(job.quota.before) !== JSON.stringify(job.quota.after)
        || JSON.stringify(job.eciCostPerHour.before) !== JSON.stringify(job.eciCostPerHour.after)
        || job.spotReclaim.before !== job.spotReclaim.after).toBe(true);
    }
    const back = diffPlans(after, before).totals;
    expect([back.pendingPodsAdded, back.pendingPodsRemoved, back.errorsAdded, back.errorsRemoved, back.warningsAdded, back.warningsRemoved])
      .toEqual([t.pendingPodsRemoved, t.pendingPodsAdded, t.errorsRemoved, t.errorsAdded, t.warningsRemoved, t.warningsAdded]);
  }), { ...parameters(), numRuns: Math.max(20, Math.floor(NUM_RUNS / 20)) });
});
