import { App, Chart, Testing } from 'cdk8s';
import {
  EciPlacement, PlacementTarget, ResourcePolicyUnit, ResourcePolicyUnits, SparkDriverRbac, SparkJob, SparkJobDefaults,
  SparkJobProps, SparkPlacement,
} from '../src';
import { expectValidManifests } from './support/crd-schema';
import { MINIMAL_JOB } from './support/jobs';
import { synth } from './support/synth';

/** A job without the props the defaults give. */
const { image: _image, ...JOB }: SparkJobProps = MINIMAL_JOB;

/** An app with platform defaults at its root and a chart in namespace `jobs`. */
function platform(defaults: ConstructorParameters<typeof SparkJobDefaults>[2]): { app: App; chart: Chart } {
  const app = Testing.app();
  new SparkJobDefaults(app, 'Platform', { image: 'registry/spark:3.5.2', ...defaults });
  return { app, chart: new Chart(app, 'etl', { namespace: 'jobs' }) };
}

function byKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

function thrown(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('the defaults\' service account and grantDriverRbac()', () => {
  test('grantDriverRbac() creates the account the defaults name, and the driver keeps it', () => {
    const { chart } = platform({ serviceAccount: 'spark-driver' });
    const job = new SparkJob(chart, 'Etl', { ...JOB, metadata: { name: 'etl' } });
    const rbac = job.grantDriverRbac();
    const manifests = synth(chart);
    expectValidManifests(manifests);
    expect(rbac.serviceAccountName).toBe('spark-driver');
    expect(byKind(manifests, 'ServiceAccount')).toEqual([{
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'spark-driver', namespace: 'jobs' }, automountServiceAccountToken: true,
    }]);
    expect(byKind(manifests, 'RoleBinding')[0].subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'spark-driver', namespace: 'jobs' }]);
    expect(byKind(manifests, 'SparkApplication')[0].spec.driver.serviceAccount).toBe('spark-driver');
    // The value is still the defaults' one.
    expect(job.describeDefaults()['driver.serviceAccount']).toBe('Platform');
  });

  test('jobs of a chart that inherit one account share one SparkDriverRbac', () => {
    const { chart } = platform({ serviceAccount: 'spark-driver' });
    const a = new SparkJob(chart, 'A', { ...JOB, metadata: { name: 'a' } });
    const b = new SparkJob(chart, 'B', { ...JOB, metadata: { name: 'b' } });
    const first = a.grantDriverRbac();
    expect(b.grantDriverRbac()).toBe(first);
    expect(a.grantDriverRbac()).toBe(first); // a second call changes nothing
    const manifests = synth(chart);
    expect(byKind(manifests, 'ServiceAccount').map(m => m.metadata.name)).toEqual(['spark-driver']);
    expect(byKind(manifests, 'Role')).toHaveLength(1);
    expect(byKind(manifests, 'RoleBinding')).toHaveLength(1);
    expect(byKind(manifests, 'SparkApplication').map(m => m.spec.driver.serviceAccount)).toEqual(['spark-driver', 'spark-driver']);
  });

  test('each chart (namespace) gets its own account of that name', () => {
    const { app, chart } = platform({ serviceAccount: 'spark-driver' });
    const other = new Chart(app, 'bi', { namespace: 'bi' });
    const a = new SparkJob(chart, 'A', { ...JOB, metadata: { name: 'a' } }).grantDriverRbac();
    const b = new SparkJob(other, 'B', { ...JOB, metadata: { name: 'b' } }).grantDriverRbac();
    expect(b).not.toBe(a);
    expect([a.namespace, b.namespace]).toEqual(['jobs', 'bi']);
    expect(byKind([...synth(chart), ...synth(other)], 'ServiceAccount').map(m => `${m.metadata.namespace}/${m.metadata.name}`))
      .toEqual(['jobs/spark-driver', 'bi/spark-driver']);
  });

  test('a SparkDriverRbac made for the account takes the jobs that inherit it', () => {
    const { chart } = platform({ serviceAccount: 'spark-driver' });
    const rbac = new SparkDriverRbac(chart, 'DriverRbac', { serviceAccountName: 'spark-driver' });
    const job = new SparkJob(chart, 'Etl', { ...JOB, metadata: { name: 'etl' } });
    expect(job.grantDriverRbac()).toBe(rbac);
    expect(byKind(synth(chart), 'ServiceAccount')).toHaveLength(1);
  });

  test('another account name is refused, naming the defaults and their value', () => {
    const { chart } = platform({ serviceAccount: 'spark-driver' });
    const job = new SparkJob(chart, 'Etl', JOB);
    expect(thrown(() => job.grantDriverRbac({ serviceAccountName: 'etl-driver' }))).toBe(
      'driver.serviceAccount is already set by SparkJobDefaults Platform (its serviceAccount), and the driver RBAC would replace it with '
      + '"etl-driver": give the job its own driver.serviceAccount "etl-driver", or leave serviceAccountName out to create the account '
      + 'the defaults name (got "spark-driver")');
    const rbac = new SparkDriverRbac(chart, 'Other', { serviceAccountName: 'etl-driver' });
    expect(thrown(() => rbac.addJob(job))).toMatch(/^driver\.serviceAccount is already set by SparkJobDefaults Platform .*or make the SparkDriverRbac with serviceAccountName "spark-driver" to create the defaults' account \(got "spark-driver"\)$/);
    // Refused calls create nothing.
    expect(job.node.tryFindChild('DriverRbac')).toBeUndefined();
    expect(job.driver.serviceAccount).toBe('spark-driver');
  });

  test('the job\'s own account wins over the defaults\' and is the one granted', () => {
    const { chart } = platform({ serviceAccount: 'spark-driver' });
    const job = new SparkJob(chart, 'Etl', { ...JOB, driver: { serviceAccount: 'etl-driver' } });
    expect(job.describeDefaults()['driver.serviceAccount']).toBe('job');
    expect(thrown(() => job.grantDriverRbac())).toBe('driver.serviceAccount is already set on the job, and the driver RBAC would replace it '
      + 'with a new account: remove driver.serviceAccount, or pass serviceAccountName to create the account it names (got "etl-driver")');
    expect(job.grantDriverRbac({ serviceAccountName: 'etl-driver' }).serviceAccountName).toBe('etl-driver');
  });

  test('an account changed after construction is the job\'s own', () => {
    const { chart } = platform({ serviceAccount: 'spark-driver' });
    const job = new SparkJob(chart, 'Etl', JOB);
    job.driver.useServiceAccount('etl-driver');
    expect(job.describeDefaults()['driver.serviceAccount']).toBe('job');
    expect(thrown(() => job.grantDriverRbac())).toMatch(/^driver\.serviceAccount is already set on the job/);
  });
});

describe('describeDefaults() follows later calls', () => {
  test('a conf, a label or an annotation the job sets later is the job\'s', () => {
    const { chart } = platform({ sparkConf: { 'spark.ui.enabled': 'false' }, labels: { team: 'data' }, annotations: { owner: 'platform' } });
    const job = new SparkJob(chart, 'Etl', JOB);
    expect(job.describeDefaults()).toEqual({
      'image': 'Platform',
      'sparkConf["spark.ui.enabled"]': 'Platform',
      'driver.labels["team"]': 'Platform',
      'executor.labels["team"]': 'Platform',
      'driver.annotations["owner"]': 'Platform',
      'executor.annotations["owner"]': 'Platform',
    });
    job.addSparkConf('spark.ui.enabled', 'true');
    job.executor.addLabel('team', 'bi');
    job.driver.addAnnotation('owner', 'etl');
    expect(job.describeDefaults()).toEqual({
      'image': 'Platform',
      'sparkConf["spark.ui.enabled"]': 'job',
      'driver.labels["team"]': 'Platform',
      'executor.labels["team"]': 'job',
      'driver.annotations["owner"]': 'job',
      'executor.annotations["owner"]': 'Platform',
    });
  });
});

describe('conflicts with inherited values name the defaults', () => {
  test('place() on a job that inherits a placement', () => {
    const { chart } = platform({ placement: SparkPlacement.of(EciPlacement.ecsFirst()) });
    const job = new SparkJob(chart, 'Etl', JOB);
    expect(job.describeDefaults().placement).toBe('Platform');
    expect(thrown(() => job.place(SparkPlacement.of(EciPlacement.eciOnly())))).toBe('placement is already set by SparkJobDefaults Platform '
      + '(its placement), and can be given once per job: pass this placement as the job\'s placement prop instead, where it wins over the '
      + 'defaults\' (got "a second placement")');
    // The job's own placement prop wins, and place() then says what it said before.
    const own = new SparkJob(chart, 'Own', { ...JOB, placement: SparkPlacement.of(EciPlacement.eciOnly()) });
    expect(own.describeDefaults().placement).toBe('job');
    expect(thrown(() => own.place(SparkPlacement.of(EciPlacement.eciOnly())))).toMatch(/^placement can be given once per job \(props\.placement/);
  });

  test('ResourcePolicyUnits.addJob() with an inherited ECS-only placement', () => {
    const { chart } = platform({ placement: SparkPlacement.of(EciPlacement.ecsOnly()) });
    const job = new SparkJob(chart, 'Etl', JOB);
    const policy = new ResourcePolicyUnits(chart, 'Policy', { units: [ResourcePolicyUnit.ecs({ max: 2 }), ResourcePolicyUnit.eci()] });
    policy.addJob(job);
    expect(thrown(() => Testing.synth(chart))).toMatch(
      /etl\/Etl\.placement must let some role run on ECI .*; the job's placement is the one of SparkJobDefaults Platform: give the job a placement prop of its own \(got "driver ECS_ONLY, executor ECS_ONLY"\)/);
  });

  test('a job that refuses an inherited value says which defaults gave it', () => {
    const { chart } = platform({
      sparkConf: { 'spark.hadoop.fs.oss.accessKeySecret': 'plain' },
    });
    expect(thrown(() => new SparkJob(chart, 'Etl', JOB))).toMatch(
      /^sparkConf\["spark\.hadoop\.fs\.oss\.accessKeySecret"\] must not hold a credential in clear text .* \(got "a clear-text value \(not shown\)"\) \(inherited from SparkJobDefaults Platform\)$/);
    // The job's allowedSecretConfKeys applies to inherited keys as to its own.
    expect(thrown(() => new SparkJob(chart, 'Allowed', { ...JOB, allowedSecretConfKeys: ['spark.hadoop.fs.oss.accessKeySecret'] }))).toBe('');

    const spark2 = platform({ placement: SparkPlacement.of(EciPlacement.ecsFirst(), PlacementTarget.POD_TEMPLATE) });
    expect(thrown(() => new SparkJob(spark2.chart, 'Old', { ...JOB, sparkVersion: '2.4.8' }))).toBe('placement.mechanism POD_TEMPLATE writes pod '
      + 'templates, which Spark applies only since 3.0; use PlacementTarget.SPEC_FIELDS (got "sparkVersion 2.4.8") (inherited from SparkJobDefaults Platform)');
  });

  test('the defaults refuse, under their own prop names, what every job would refuse', () => {
    const app = () => Testing.app();
    expect(thrown(() => new SparkJobDefaults(app(), 'd', { image: 'spark 3.5' }))).toBe(
      'image must not contain whitespace or control characters (got "spark 3.5")');
    expect(thrown(() => new SparkJobDefaults(app(), 'd', { imagePullSecrets: ['acr', 'Bad_Secret'] }))).toMatch(/^imagePullSecrets\[1\] must be a DNS-1123 subdomain/);
    expect(thrown(() => new SparkJobDefaults(app(), 'd', { serviceAccount: 'Spark' }))).toMatch(/^serviceAccount must be a DNS-1123 subdomain/);
    expect(thrown(() => new SparkJobDefaults(app(), 'd', { sparkConf: { 'spark.a': 'x\ny' } }))).toMatch(/^sparkConf\["spark\.a"\] must not contain line breaks/);
    expect(thrown(() => new SparkJobDefaults(app(), 'd', { labels: { 'a b': 'x' } }))).toMatch(/^labels key must be a Kubernetes label key/);
    expect(thrown(() => new SparkJobDefaults(app(), 'd', { annotations: { 'a b': 'x' } }))).toMatch(/^annotations key must be/);
    expect(thrown(() => new SparkJobDefaults(app(), 'd', { placement: {} as any }))).toMatch(/^placement must be made with SparkPlacement\.of\(\)/);
    expect(thrown(() => new SparkJobDefaults(app(), 'd', { restartPolicy: 'Never' as any }))).toMatch(/^restartPolicy must be made with/);
  });
});
