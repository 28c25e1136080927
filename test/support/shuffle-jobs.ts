import { Chart, Testing } from 'cdk8s';
import { expectValidManifests } from './crd-schema';
import { synth } from './synth';
import { SparkApplicationType, SparkJob, SparkJobProps } from '../../src';

/** A small Scala job the shuffle, scratch and spot tests start from. */
export const SHUFFLE_BASE: SparkJobProps = {
  metadata: { name: 'etl' },
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'spark:3.5.2',
  mainApplicationFile: 'local:///opt/app.jar',
  driver: { cores: 2 },
  executor: { instances: 4, cores: 2 },
};

/** Synthesizes one job (validated against the operator's CRD) and returns the SparkApplication. */
export function renderJob(props: Partial<SparkJobProps> = {}, configure?: (job: SparkJob) => void): any {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'default' });
  const job = new SparkJob(chart, 'Job', { ...SHUFFLE_BASE, ...props });
  configure?.(job);
  const manifests = synth(chart);
  expectValidManifests(manifests);
  return manifests.find(m => m.kind === 'SparkApplication');
}
