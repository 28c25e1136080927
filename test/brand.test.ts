import { Chart, Size, Testing } from 'cdk8s';
import * as lib from '../src';
import {
  BatchScheduler, CostModel, EciFit, EciImageCache, EciInstanceSize, EciInstanceSpec, EciPlacement, EciSpot,
  PodSecurityPreset, ResourcePolicyUnit, ResourcePolicyUnits, RestartPolicy, SparkEciValidationError, SparkJob,
  SparkJobProps, SparkPlacement, SparkPodSelector, SparkPodSizing, WhenTryNextUnits,
} from '../src';
import { MINIMAL_JOB } from './support/jobs';
import { synth } from './support/synth';
import { planManifests } from '../src/model/plan';

/** A second instance of the package, as an app that installs two copies of it would load. */
let other: typeof lib;
jest.isolateModules(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  other = require('../src');
});

/** A job with every user-passed value class, made by `from` (this copy or the other). */
function jobProps(from: typeof lib): SparkJobProps {
  const eci = {
    imageCache: from.EciImageCache.auto(),
    instanceSpecs: [from.EciInstanceSpec.size(2, Size.gibibytes(4))],
    spot: from.EciSpot.asPriceGo(),
  };
  return {
    ...MINIMAL_JOB,
    metadata: { name: 'job' },
    restartPolicy: from.RestartPolicy.onFailure({ retries: 2 }),
    batchScheduler: from.BatchScheduler.VOLCANO,
    podSecurity: from.PodSecurityPreset.HARDENED,
    placement: from.SparkPlacement.perRole({
      driver: from.EciPlacement.ecsOnly(),
      executor: from.EciPlacement.eciOnly({ eci, unusedShareWarning: 0 }),
    }),
  };
}

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'jobs' });
}

describe('values made by a second copy of the package', () => {
  test('jest.isolateModules gives a second copy, so instanceof would refuse its values', () => {
    expect(other.EciImageCache).not.toBe(EciImageCache);
    expect(other.EciImageCache.auto()).not.toBeInstanceOf(EciImageCache);
  });

  test('are recognised by every isXxx()', () => {
    const checks: Array<[boolean, string]> = [
      [EciImageCache.isEciImageCache(other.EciImageCache.auto()), 'EciImageCache'],
      [EciInstanceSpec.isEciInstanceSpec(other.EciInstanceSpec.instanceType('ecs.c6.xlarge')), 'EciInstanceSpec'],
      [EciSpot.isEciSpot(other.EciSpot.asPriceGo()), 'EciSpot'],
      [EciPlacement.isEciPlacement(other.EciPlacement.ecsFirst()), 'EciPlacement'],
      [SparkPlacement.isSparkPlacement(other.SparkPlacement.recommended()), 'SparkPlacement'],
      [RestartPolicy.isRestartPolicy(other.RestartPolicy.never()), 'RestartPolicy'],
      [BatchScheduler.isBatchScheduler(other.BatchScheduler.custom('x')), 'BatchScheduler'],
      [PodSecurityPreset.isPodSecurityPreset(other.PodSecurityPreset.HARDENED), 'PodSecurityPreset'],
      [WhenTryNextUnits.isWhenTryNextUnits(other.WhenTryNextUnits.exceedMax()), 'WhenTryNextUnits'],
      [SparkPodSelector.isSparkPodSelector(other.SparkPodSelector.allSparkPods()), 'SparkPodSelector'],
      [ResourcePolicyUnit.isResourcePolicyUnit(other.ResourcePolicyUnit.eci()), 'ResourcePolicyUnit'],
      [EciInstanceSize.isEciInstanceSize(other.EciInstanceSize.parse('2-4Gi')), 'EciInstanceSize'],
      [CostModel.isCostModel(new other.CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.01 })), 'CostModel'],
    ];
    expect(checks.filter(([ok]) => !ok).map(([, name]) => name)).toEqual([]);
  });

  test('render a SparkJob exactly as this copy\'s values do', () => {
    const own = synth(withJob(jobProps(lib)));
    const foreign = synth(withJob(jobProps(other)));
    expect(foreign).toEqual(own);
  });

  test('are accepted by ResourcePolicyUnits, EciFit and planManifests', () => {
    const c = chart();
    new ResourcePolicyUnits(c, 'policy', {
      schedulerVersion: '6.9.5',
      selector: other.SparkPodSelector.allSparkPods(),
      whenTryNextUnits: other.WhenTryNextUnits.exceedMax(),
      units: [other.ResourcePolicyUnit.ecs({ max: 2 }), other.ResourcePolicyUnit.eci()],
    });
    expect(() => synth(c)).not.toThrow();
    const pod = SparkPodSizing.compute({ cores: 1, memoryMebibytes: 1024 });
    expect(EciFit.forPod(pod, { specs: [other.EciInstanceSize.parse('2-4Gi')] }).billed?.toString()).toBe('2-4Gi');
    expect(() => planManifests([], { costModel: new other.CostModel({ pricePerVcpuHour: 0.1, pricePerGibHour: 0.01 }) })).not.toThrow();
  });
});

describe('look-alike plain objects', () => {
  test('are not recognised: the mark is not an enumerable property, so a spread copy loses it', () => {
    expect(EciImageCache.isEciImageCache({ ...EciImageCache.auto() })).toBe(false);
    expect(EciImageCache.isEciImageCache(EciImageCache.auto())).toBe(true);
    expect(SparkPlacement.isSparkPlacement(undefined)).toBe(false);
    expect(SparkPlacement.isSparkPlacement(null)).toBe(false);
  });

  test.each<[string, () => Partial<SparkJobProps>]>([
    ['eci.imageCache', () => ({ placement: SparkPlacement.of(EciPlacement.eciOnly({ eci: { imageCache: { ...EciImageCache.auto() } as any } })) })],
    ['restartPolicy', () => ({ restartPolicy: { ...RestartPolicy.never() } as any })],
    ['batchScheduler', () => ({ batchScheduler: { name: 'volcano' } as any })],
    ['podSecurity', () => ({ podSecurity: { ...PodSecurityPreset.HARDENED } as any })],
    ['placement', () => ({ placement: { ...SparkPlacement.recommended() } as any })],
  ])('are refused with SparkEciValidationError: %s', (prop, props) => {
    const make = () => new SparkJob(chart(), 'Job', { ...MINIMAL_JOB, ...props() });
    expect(make).toThrow(SparkEciValidationError);
    expect(make).toThrow(new RegExp(`^${prop.replace('.', '\\.')} `));
  });

  test('are refused by ResourcePolicyUnits, EciFit and planManifests', () => {
    expect(() => new ResourcePolicyUnits(chart(), 'p', { selector: { ...SparkPodSelector.allSparkPods() } as any }))
      .toThrow(SparkEciValidationError);
    expect(() => new ResourcePolicyUnits(chart(), 'p', { whenTryNextUnits: { policy: 'ExceedMax' } as any }))
      .toThrow(/^whenTryNextUnits /);
    expect(() => new ResourcePolicyUnits(chart(), 'p', { units: [{ ...ResourcePolicyUnit.eci() } as any] }))
      .toThrow(/^units\[0\] /);
    const pod = SparkPodSizing.compute({ cores: 1, memoryMebibytes: 1024 });
    expect(() => EciFit.forPod(pod, { specs: [{ vcpu: 2, memoryGibibytes: 4 } as any] })).toThrow(/^specs\[0\] /);
    expect(() => planManifests([], { costModel: { pricePerVcpuHour: 0.1, pricePerGibHour: 0.01 } as any }))
      .toThrow(/^costModel /);
  });
});

function withJob(props: SparkJobProps): Chart {
  const c = chart();
  new SparkJob(c, 'Job', props);
  return c;
}
