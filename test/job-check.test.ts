import { Chart, Testing, Yaml } from 'cdk8s';
import { DecisionRecording, PendingPods, ResourcePolicyUnit, ResourcePolicyUnits, SparkJob } from '../src';
import { MINIMAL_JOB } from './support/jobs';
import { planManifests } from '../src/model/plan';
import { findingsOf } from '../src/plugin/findings';

/**
 * A job whose dynamic allocation asks for more executors than the policy's unit holds: the pods
 * beyond the unit's max come from maxExecutors, not from executor.instances.
 */
function cappedDynamicJob(pendingPods = PendingPods.ERROR): Chart {
  const chart = new Chart(Testing.app(), 'etl', { namespace: 'jobs' });
  const job = new SparkJob(chart, 'Etl', {
    ...MINIMAL_JOB,
    metadata: { name: 'etl' },
    dynamicAllocation: { minExecutors: 1, maxExecutors: 6 },
    executor: { instances: 1 },
  });
  new ResourcePolicyUnits(chart, 'Policy', { units: [ResourcePolicyUnit.ecs({ max: 3 })] }).addJob(job, { pendingPods });
  return chart;
}

describe('the advice for Pending pods', () => {
  test('names dynamicAllocation.maxExecutors when only dynamic allocation asks for the pods', () => {
    expect(() => Testing.synth(cappedDynamicJob())).toThrow(
      'executor-3 to executor-6 (requested only when dynamic allocation scales up to maxExecutors): ResourcePolicy jobs/etl-policy-c8bea35c '
      + '(ecs max 3): every unit the pods may use is at its max. Raise a unit\'s max, lower dynamicAllocation.maxExecutors, or pass PendingPods.ALLOW.');
  });

  test('the plugin gives the same fix, in the YAML\'s words', () => {
    // The job's acceptance travels with its YAML (a decision annotation), where the plugin honours
    // it: without recording, the plugin judges the Pending pods itself.
    const chart = cappedDynamicJob(PendingPods.ALLOW);
    DecisionRecording.disable(chart);
    const report = planManifests([{ file: 'etl.yaml', text: Yaml.stringify(...Testing.synth(chart)) }]);
    const { violations } = findingsOf(report, { failOnPending: true, failOnWarnings: false, sharedNames: new Set() });
    expect(violations.map(v => v.fix)).toEqual([
      'Raise the max of a unit of the ResourcePolicy, or lower spec.dynamicAllocation.maxExecutors. '
      + 'To accept them, annotate the application cdk8s-spark-eci/pending-pods: WARN (or ALLOW), '
      + 'or set failOnPending: false in the plugin\'s properties for every job that records no decision.',
    ]);
  });

  test('names executor.instances when the job asks for the pods itself', () => {
    const chart = new Chart(Testing.app(), 'etl', { namespace: 'jobs' });
    const job = new SparkJob(chart, 'Etl', { ...MINIMAL_JOB, metadata: { name: 'etl' }, executor: { instances: 4 } });
    new ResourcePolicyUnits(chart, 'Policy', { units: [ResourcePolicyUnit.ecs({ max: 3 })] }).addJob(job);
    expect(() => Testing.synth(chart)).toThrow('Raise a unit\'s max, lower executor.instances, or pass PendingPods.ALLOW.');
  });
});
