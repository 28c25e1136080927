import * as fc from 'fast-check';
import { scheduledSparkJobCase } from './arbitraries';
import { buildScheduledSparkJob, checkApplicationSpec, jobMutations, scheduleMutations } from './jobs';
import { Counts, expectRefusal, parameters, report, silenceWarnings, synthValid } from './support';

const counts = new Counts('ScheduledSparkJob');
silenceWarnings();
afterAll(() => report(counts));

describe('ScheduledSparkJob properties', () => {
  test('valid prop sets synthesize to ScheduledSparkApplications the CRD accepts, with no pruned field', () => {
    fc.assert(fc.property(scheduledSparkJobCase(), c => {
      counts.valid++;
      const manifests = synthValid(buildScheduledSparkJob(c));
      const app = manifests.find(m => m.kind === 'ScheduledSparkApplication');
      checkApplicationSpec(app.spec.template, 43, app.metadata.name);
      if (app.spec.schedule !== c.props.schedule) { throw new Error(`schedule ${app.spec.schedule} is not ${c.props.schedule}`); }
      counts.passed++;
    }), parameters());
  });

  test('invalid prop sets end in the library\'s own validation error', () => {
    fc.assert(fc.property(scheduledSparkJobCase(), fc.oneof(...scheduleMutations(), ...jobMutations(43)), (c, m) => {
      counts.invalid++;
      expectRefusal(m.propFor(c), () => buildScheduledSparkJob(m.apply(c)));
      counts.refused++;
    }), parameters());
  });
});
