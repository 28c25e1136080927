/**
 * The rule book's rules about one rendered SparkApplication, on small JSON literals (no
 * construct): each test names the source the rule follows.
 */
import { applicationRuleProblems, RuleProblem } from '../../src/model/rules/spark-application';

function app(spec: { [key: string]: any }, metadata: { [key: string]: any } = { name: 'pi', namespace: 'team' }, kind = 'SparkApplication') {
  const base = { type: 'Scala', sparkVersion: '3.5.2', image: 'spark:3.5.2', mainApplicationFile: 'local:///app.jar', driver: {}, executor: {} };
  return kind === 'SparkApplication'
    ? { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind, metadata, spec: { ...base, ...spec } }
    : { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind, metadata, spec: { schedule: '@daily', template: { ...base, ...spec } } };
}

function codes(problems: RuleProblem[]): string[] {
  return problems.map(p => p.code);
}

describe('application rules', () => {
  test('a clean application has no problem', () => {
    expect(applicationRuleProblems(app({}))).toEqual([]);
  });

  test('nodeSelector on the application and a role (operator v2.5.2 sparkapplication_validator.go validateSpec)', () => {
    const problems = applicationRuleProblems(app({ nodeSelector: { a: 'b' }, executor: { nodeSelector: { c: 'd' } } }));
    expect(problems).toEqual([expect.objectContaining({ code: 'NODE_SELECTOR_ON_APP_AND_ROLE', role: 'executor', field: 'nodeSelector' })]);
    expect(applicationRuleProblems(app({ nodeSelector: { a: 'b' }, executor: { nodeSelector: {} } }))).toEqual([]);
  });

  test('denied sparkConf keys and the namespace key (operator v2.5.2 sparkconf_validator.go validateSparkConf)', () => {
    const problems = applicationRuleProblems(app({ sparkConf: { 'spark.master': 'local', 'spark.kubernetes.namespace': 'other', 'spark.x': 'y' } }));
    expect(codes(problems)).toEqual(['SPARK_CONF_DENIED', 'SPARK_NAMESPACE_CONF_MISMATCH']);
    expect(problems[1].allowed).toContain('"team"');
    // The object's own namespace is accepted; no namespace means "default".
    expect(applicationRuleProblems(app({ sparkConf: { 'spark.kubernetes.namespace': 'team' } }))).toEqual([]);
    expect(codes(applicationRuleProblems(app({ sparkConf: { 'spark.kubernetes.namespace': 'default' } }, { name: 'pi' })))).toEqual([]);
  });

  test('the ScheduledSparkApplication validator checks its template\'s sparkConf too (scheduledsparkapplication_validator.go validate)', () => {
    expect(codes(applicationRuleProblems(app({ sparkConf: { 'spark.kubernetes.container.image': 'x' } }, { name: 'pi' }, 'ScheduledSparkApplication'))))
      .toEqual(['SPARK_CONF_DENIED']);
  });

  test('pod templates need Spark 3.0 (operator v2.5.2 validateSparkVersion)', () => {
    expect(codes(applicationRuleProblems(app({ sparkVersion: '2.4.8', driver: { template: {} } })))).toEqual(['TEMPLATE_NEEDS_SPARK_3']);
    expect(applicationRuleProblems(app({ sparkVersion: '3.0.0', driver: { template: {} } }))).toEqual([]);
  });

  test('dynamic allocation needs Spark 3.0 (no external shuffle service on Kubernetes before shuffle tracking, SPARK-27963)', () => {
    expect(codes(applicationRuleProblems(app({ sparkVersion: '2.4.8', dynamicAllocation: { enabled: true } })))).toEqual(['DYNAMIC_ALLOCATION_NEEDS_SPARK_3']);
    expect(applicationRuleProblems(app({ sparkVersion: '2.4.8', dynamicAllocation: { enabled: false } }))).toEqual([]);
  });

  test('executor.instances above maxExecutors with dynamic allocation', () => {
    expect(codes(applicationRuleProblems(app({ executor: { instances: 5 }, dynamicAllocation: { enabled: true, maxExecutors: 4 } }))))
      .toEqual(['INSTANCES_ABOVE_MAX_EXECUTORS']);
    expect(applicationRuleProblems(app({ executor: { instances: 4 }, dynamicAllocation: { enabled: true, maxExecutors: 4 } }))).toEqual([]);
    expect(applicationRuleProblems(app({ executor: { instances: 5 }, dynamicAllocation: { enabled: false, maxExecutors: 4 } }))).toEqual([]);
  });

  test('a volume mount must name a volume (Kubernetes pod validation, validateVolumeMounts)', () => {
    const problems = applicationRuleProblems(app({ volumes: [{ name: 'data', emptyDir: {} }], executor: { volumeMounts: [{ name: 'data', mountPath: '/a' }, { name: 'logs', mountPath: '/b' }] } }));
    expect(problems).toEqual([expect.objectContaining({ code: 'VOLUME_MOUNT_UNDEFINED', role: 'executor', got: 'logs' })]);
  });

  test('pythonVersion only on Python applications, and not 2 from Spark 3.1 (SPARK-32138)', () => {
    expect(codes(applicationRuleProblems(app({ pythonVersion: '3' })))).toEqual(['PYTHON_VERSION_WITHOUT_PYTHON']);
    expect(codes(applicationRuleProblems(app({ type: 'Python', pythonVersion: '2', sparkVersion: '3.1.0' })))).toEqual(['PYTHON_2_UNSUPPORTED']);
    expect(applicationRuleProblems(app({ type: 'Python', pythonVersion: '2', sparkVersion: '3.0.3' }))).toEqual([]);
  });

  test('a scheduled name leaves room for its runs\' timestamps (DOMAIN.md §6, controller run naming)', () => {
    const name = 'a'.repeat(44);
    expect(codes(applicationRuleProblems(app({}, { name }, 'ScheduledSparkApplication')))).toEqual(['SCHEDULED_NAME_TOO_LONG']);
    expect(applicationRuleProblems(app({}, { name: 'a'.repeat(43) }, 'ScheduledSparkApplication'))).toEqual([]);
    // micros: 16 digits, so 46 characters fit.
    expect(applicationRuleProblems(app({}, { name: 'a'.repeat(46) }, 'ScheduledSparkApplication'), { scheduledTimestampPrecision: 'micros' })).toEqual([]);
    // A SparkApplication's own name length is the API server rules' (DNS-1035, 63).
    expect(applicationRuleProblems(app({}, { name }))).toEqual([]);
  });

  test('never throws on any JSON', () => {
    for (const spec of [null, 1, 'x', [], { driver: null, executor: 'x', volumes: 'y', sparkConf: [1] }]) {
      expect(() => applicationRuleProblems({ kind: 'SparkApplication', spec } as any)).not.toThrow();
      expect(() => applicationRuleProblems({ kind: 'ScheduledSparkApplication', spec: { template: spec } } as any)).not.toThrow();
    }
  });
});
