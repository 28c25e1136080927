import { Testing } from 'cdk8s';
import { EciPlacement, SparkApplicationType, SparkJob, SparkPlacement } from '../src';
import { synthError } from './support/plan';

const BASE = {
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  mainApplicationFile: 'local:///opt/app.jar',
  image: 'spark:3.5.2',
};

const FORCE = { 'alibabacloud.com/eci': 'true' };

describe('the ECI-forcing label on an ECS-only role', () => {
  test('is refused in the role\'s labels, naming the label and the placement', () => {
    const chart = Testing.chart();
    new SparkJob(chart, 'Job', { ...BASE, placement: SparkPlacement.recommended(), driver: { labels: FORCE } });
    expect(synthError(chart)).toContain('driver.labels["alibabacloud.com/eci"] cannot be "true" with the driver placed ECS only (EciPlacement.ecsOnly()): '
      + 'the label forces ECI and overrides the placement; remove the label, or place the driver with eciOnly() or ecsFirst() (got "true")');
  });

  test('is refused when added later with addLabel(), and in the pod template\'s labels', () => {
    const chart = Testing.chart();
    const job = new SparkJob(chart, 'Job', {
      ...BASE,
      placement: SparkPlacement.of(EciPlacement.ecsOnly()),
      executor: { template: { metadata: { labels: FORCE } } },
    });
    job.driver.addLabel('alibabacloud.com/eci', 'true');
    const error = synthError(chart);
    expect(error).toContain('driver.labels["alibabacloud.com/eci"] cannot be "true" with the driver placed ECS only');
    expect(error).toContain('executor.template.metadata.labels["alibabacloud.com/eci"] cannot be "true" with the executor placed ECS only');
  });

  test('is accepted on a role that may run on ECI, on a job without a placement, and with another value', () => {
    for (const props of [
      { placement: SparkPlacement.recommended(), executor: { labels: FORCE } },
      { driver: { labels: FORCE } },
      { placement: SparkPlacement.recommended(), driver: { labels: { 'alibabacloud.com/eci': 'false' } } },
    ]) {
      const chart = Testing.chart();
      new SparkJob(chart, 'Job', { ...BASE, ...props });
      expect(synthError(chart)).not.toContain('alibabacloud.com/eci"] cannot be');
    }
  });
});
