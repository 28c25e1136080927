import * as fc from 'fast-check';
import { sparkJobCase } from './arbitraries';
import { buildSparkJob, checkApplicationSpec, jobMutations, placementMutations } from './jobs';
import { Counts, expectRefusal, parameters, report, silenceWarnings, synthValid } from './support';

// One file for both, so the SparkApplication CRD is parsed and compiled once.
const jobCounts = new Counts('SparkJob');
const placementCounts = new Counts('SparkJob with SparkPlacement, EciPlacement and ECI options');
silenceWarnings();
afterAll(() => {
  report(jobCounts);
  report(placementCounts);
});

/** The ECI virtual nodes' taint, which every placement that can run on ECI tolerates. */
const ECI_TOLERATION = { key: 'virtual-kubelet.io/provider', operator: 'Equal', value: 'alibabacloud', effect: 'NoSchedule' };

describe('SparkJob properties', () => {
  test('valid prop sets synthesize to SparkApplications the CRD accepts, with no pruned field', () => {
    fc.assert(fc.property(sparkJobCase(), c => {
      jobCounts.valid++;
      const manifests = synthValid(buildSparkJob(c));
      const app = manifests.find(m => m.kind === 'SparkApplication');
      checkApplicationSpec(app.spec, 63, app.metadata.name);
      jobCounts.passed++;
    }), parameters());
  });

  test('invalid prop sets end in the library\'s own validation error', () => {
    fc.assert(fc.property(sparkJobCase(), fc.oneof(...jobMutations(63)), (c, m) => {
      jobCounts.invalid++;
      expectRefusal(m.propFor(c), () => buildSparkJob(m.apply(c)));
      jobCounts.refused++;
    }), parameters());
  });
});

describe('SparkJob placement properties', () => {
  test('valid placements and ECI options synthesize to SparkApplications the CRD accepts, with no pruned field', () => {
    fc.assert(fc.property(sparkJobCase({ placement: true }), c => {
      placementCounts.valid++;
      const manifests = synthValid(buildSparkJob(c));
      const app = manifests.find(m => m.kind === 'SparkApplication');
      checkApplicationSpec(app.spec, 63, app.metadata.name);
      // a role that may run on ECI tolerates the ECI taint where the placement writes; others do not
      const placement = c.props.placement!;
      for (const role of ['driver', 'executor'] as const) {
        const rolePlacement = placement[role];
        const where = placement.mechanism === 'POD_TEMPLATE' ? app.spec[role].template?.spec : app.spec[role];
        const tolerates = (where?.tolerations ?? []).some((t: any) =>
          (['key', 'operator', 'value', 'effect'] as const).every(field => t[field] === ECI_TOLERATION[field]));
        if (rolePlacement.mayRunOnEci !== tolerates) {
          throw new Error(`${role} placed ${rolePlacement.kind} ${tolerates ? 'tolerates' : 'does not tolerate'} the ECI taint`);
        }
      }
      placementCounts.passed++;
    }), parameters());
  });

  test('invalid placements and ECI options end in the library\'s own validation error', () => {
    // every mutation replaces the placement, so the valid base needs none
    fc.assert(fc.property(sparkJobCase(), fc.oneof(...placementMutations()), (c, m) => {
      placementCounts.invalid++;
      expectRefusal(m.propFor(c), () => buildSparkJob(m.apply(c)));
      placementCounts.refused++;
    }), parameters());
  });
});
