import { Chart, Testing } from 'cdk8s';
import { SparkJob, SparkJobProps } from '../src';
import { expectValidManifests } from './support/crd-schema';
import { MINIMAL_JOB } from './support/jobs';
import { synth } from './support/synth';
import { SparkEciValidationError } from '../src/private/errors';
import { SparkDriverRbac } from '../src/spark/spark-driver-rbac';

const minimal: SparkJobProps = MINIMAL_JOB;

function chart(namespace = 'jobs'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

function byKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

/** What the driver does with the API (see DRIVER_RULES in src/spark-driver-rbac.ts). */
const EXPECTED_RULES = [
  { apiGroups: [''], resources: ['pods'], verbs: ['create', 'get', 'watch', 'patch', 'list', 'delete', 'deletecollection'] },
  { apiGroups: [''], resources: ['services'], verbs: ['create', 'get', 'list', 'delete', 'deletecollection'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get', 'list', 'delete', 'deletecollection'] },
  { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create', 'get', 'list', 'delete', 'deletecollection'] },
];

describe('SparkDriverRbac', () => {
  test('grantDriverRbac() creates the account, role and binding and wires the driver', () => {
    const c = chart();
    const job = new SparkJob(c, 'Job', { ...minimal, metadata: { name: 'spark-pi' } });
    const rbac = job.grantDriverRbac();
    const manifests = synth(c);
    expect(manifests).toMatchSnapshot();
    expectValidManifests(manifests);

    const [account] = byKind(manifests, 'ServiceAccount');
    const [role] = byKind(manifests, 'Role');
    const [binding] = byKind(manifests, 'RoleBinding');
    const [app] = byKind(manifests, 'SparkApplication');
    expect(account).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: rbac.serviceAccountName, namespace: 'jobs' },
      automountServiceAccountToken: true,
    });
    expect(role.metadata.namespace).toEqual('jobs');
    expect(binding).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: expect.any(String), namespace: 'jobs' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name },
      subjects: [{ apiGroup: '', kind: 'ServiceAccount', name: rbac.serviceAccountName, namespace: 'jobs' }],
    });
    expect(app.spec.driver.serviceAccount).toEqual(rbac.serviceAccountName);
    expect(job.driver.serviceAccount).toEqual(rbac.serviceAccountName);
  });

  test('grants exactly the rules Spark\'s driver uses', () => {
    const c = chart();
    new SparkJob(c, 'Job', minimal).grantDriverRbac();
    const [role] = byKind(synth(c), 'Role');
    expect(role.rules).toEqual(EXPECTED_RULES);
    expect(SparkDriverRbac.rules()).toEqual(EXPECTED_RULES.map(r => ({ resource: r.resources[0], verbs: r.verbs })));
  });

  test('grants no wildcard verb, resource or API group, and nothing outside the core group', () => {
    const c = chart();
    new SparkJob(c, 'Job', minimal).grantDriverRbac();
    const [role] = byKind(synth(c), 'Role');
    expect(role.rules.length).toBeGreaterThan(0);
    for (const rule of role.rules) {
      for (const field of ['verbs', 'resources', 'apiGroups', 'resourceNames', 'nonResourceURLs']) {
        for (const value of rule[field] ?? []) {
          expect(value).not.toContain('*');
        }
      }
      expect(rule.apiGroups).toEqual(['']);
      expect(rule.verbs).not.toContain('escalate');
      expect(rule.verbs).not.toContain('bind');
      expect(rule.verbs).not.toContain('impersonate');
      expect(rule.resources).not.toContain('secrets');
    }
    expect(byKind(synth(c), 'ClusterRole')).toEqual([]);
    expect(byKind(synth(c), 'ClusterRoleBinding')).toEqual([]);
  });

  test('rules() returns a copy', () => {
    SparkDriverRbac.rules()[0].verbs.push('*');
    expect(SparkDriverRbac.rules()[0].verbs).not.toContain('*');
  });

  test('names the account as asked and accepts a driver that already names it', () => {
    const c = chart();
    const job = new SparkJob(c, 'Job', { ...minimal, driver: { serviceAccount: 'spark-driver' } });
    const rbac = job.grantDriverRbac({ serviceAccountName: 'spark-driver' });
    expect(rbac.serviceAccountName).toEqual('spark-driver');
    const manifests = synth(c);
    expect(byKind(manifests, 'ServiceAccount')[0].metadata.name).toEqual('spark-driver');
    expect(byKind(manifests, 'SparkApplication')[0].spec.driver.serviceAccount).toEqual('spark-driver');
  });

  test('refuses a driver that already names another account', () => {
    const job = new SparkJob(chart(), 'Job', { ...minimal, driver: { serviceAccount: 'spark-operator-spark' } });
    expect(() => job.grantDriverRbac()).toThrow(SparkEciValidationError);
    expect(() => job.grantDriverRbac()).toThrow('would replace it with a new account');
    expect(job.node.tryFindChild('DriverRbac')).toBeUndefined();
    expect(() => job.grantDriverRbac({ serviceAccountName: 'other' }))
      .toThrow('driver.serviceAccount is already set on the job, and the driver RBAC would replace it with "other": '
        + 'remove driver.serviceAccount, or pass serviceAccountName to create the account it names (got "spark-operator-spark")');
  });

  test('one account serves several jobs of a namespace', () => {
    const c = chart();
    const a = new SparkJob(c, 'A', minimal);
    const b = new SparkJob(c, 'B', minimal);
    const rbac = new SparkDriverRbac(c, 'SparkDriver', { serviceAccountName: 'spark', jobs: [a] });
    rbac.addJob(b);
    rbac.addJob(b);
    const manifests = synth(c);
    expect(byKind(manifests, 'ServiceAccount')).toHaveLength(1);
    expect(byKind(manifests, 'SparkApplication').map(m => m.spec.driver.serviceAccount)).toEqual(['spark', 'spark']);
    expectValidManifests(manifests);
  });

  test('grantDriverRbac() of one account name on jobs of a chart makes one account', () => {
    const c = chart();
    const a = new SparkJob(c, 'A', { ...minimal, metadata: { name: 'a' } });
    const b = new SparkJob(c, 'B', { ...minimal, metadata: { name: 'b' } });
    const rbac = a.grantDriverRbac({ serviceAccountName: 'spark' });
    expect(b.grantDriverRbac({ serviceAccountName: 'spark' })).toBe(rbac);
    const generated = a.grantDriverRbac();
    expect(generated).toBe(rbac); // the driver's account is the chart's: asked again, the same
    const manifests = synth(c);
    expect(byKind(manifests, 'ServiceAccount').map(m => m.metadata.name)).toEqual(['spark']);
    expect(byKind(manifests, 'SparkApplication').map(m => m.spec.driver.serviceAccount)).toEqual(['spark', 'spark']);
    expectValidManifests(manifests);
  });

  test('refuses a job in another namespace at synth', () => {
    const c = chart();
    const job = new SparkJob(c, 'Job', { ...minimal, metadata: { name: 'etl', namespace: 'other' } });
    new SparkDriverRbac(c, 'SparkDriver', { jobs: [job] });
    expect(() => synth(c)).toThrow('namespace of job etl must equal the driver service account\'s namespace "jobs": '
      + 'a pod can only use a service account of its own namespace (got "other")');
  });

  test('grantDriverRbac() follows a job\'s own namespace', () => {
    const c = chart();
    const job = new SparkJob(c, 'Job', { ...minimal, metadata: { namespace: 'etl' } });
    job.grantDriverRbac();
    const manifests = synth(c);
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding']) {
      expect(byKind(manifests, kind)[0].metadata.namespace).toEqual('etl');
    }
    expect(byKind(manifests, 'RoleBinding')[0].subjects[0].namespace).toEqual('etl');
  });
});
