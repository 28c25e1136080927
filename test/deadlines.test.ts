/**
 * The model's reading of a job's deadlines from plain manifests (src/model/deadlines.ts): ECI's
 * start deadline per role where its pods may run on ECI, Spark 4.0's driver timeout, the
 * operator's clean-up, what Spark refuses or ignores, and the warnings when the cluster profile
 * asks for deadlines. Known answers from the sources the model cites.
 */
import { renderHtml, renderJson, renderMarkdown, renderTable } from '../src/cli/render';
import { renderDiffTable } from '../src/cli/render-diff';
import { planObjects, PlanReport, toReport } from '../src/model/plan';
import { diffPlans } from '../src/model/plan-diff';
import { ProblemCode } from '../src/model/planner';
import { readSparkTime } from '../src/model/spark-conf-values';
import { htmlText, markdownText } from '../src/private/escape';

const ECI_TOLERATION = { key: 'virtual-kubelet.io/provider', operator: 'Equal', value: 'alibabacloud', effect: 'NoSchedule' };
/** Cache matching off: an ECI pod that auto-matches with no ImageCache object has its own cold-start warning, not what these tests are about. */
const NO_IMC = { 'k8s.aliyun.com/eci-auto-imc': 'false' };
const ECI_ONLY = {
  annotations: NO_IMC,
  tolerations: [ECI_TOLERATION],
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: ['virtual-kubelet'] }] }] } } },
};
const PLUGIN = 'org.apache.spark.deploy.DriverTimeoutPlugin';

/** A SparkApplication with `spec` merged over a minimal Spark 4 one (driver on ECS, executors on ECI). */
function app(spec: { [key: string]: any } = {}, annotations?: { [key: string]: string }): any {
  return {
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { name: 'etl', namespace: 'spark', ...(annotations ? { annotations } : {}) },
    spec: {
      type: 'Scala',
      sparkVersion: '4.0.0',
      image: 'spark:4.0.0',
      mainApplicationFile: 'local:///opt/app.jar',
      driver: { cores: 1, memory: '1g' },
      executor: { instances: 2, cores: 1, memory: '2g', ...ECI_ONLY },
      ...spec,
    },
  };
}

function report(...manifests: any[]): PlanReport {
  return toReport(planObjects(manifests.map((object, i) => ({ object, origin: { file: 'app.yaml', document: i + 1 } }))));
}

const REQUIRED = { 'cdk8s-spark-eci/require-deadlines': 'true' };

describe('readSparkTime: JavaUtils.timeStringAs', () => {
  test('Spark\'s own known answers (UtilsSuite "timeConversion", v4.0.0-preview2)', () => {
    expect(readSparkTime('-1', 's')).toBe(-1);
    expect(readSparkTime('0', 's')).toBe(0);
    for (const [text, seconds] of [['1', 1], ['1s', 1], ['1000ms', 1], ['1000000us', 1], ['1m', 60], ['1min', 60], ['1h', 3600], ['1d', 86400]] as const) {
      expect([text, readSparkTime(text, 's')]).toEqual([text, seconds]);
    }
    for (const [text, ms] of [['1', 1], ['1ms', 1], ['1000us', 1], ['1s', 1000], ['1m', 60000], ['1min', 60000], ['1h', 3600000], ['1d', 86400000]] as const) {
      expect([text, readSparkTime(text, 'ms')]).toEqual([text, ms]);
    }
    for (const text of ['600l', 'This breaks 600s', 'This breaks 600ds', '600s This breaks', 'This 123s breaks']) {
      expect([text, readSparkTime(text, 'ms')]).toEqual([text, undefined]);
    }
  });

  test('in minutes, as spark.driver.timeout reads it: no unit is minutes, smaller units truncate toward zero', () => {
    expect(['30', '30min', ' 30MIN ', '2h', '1d', '90s', '30s', '-90s', '1.5h', '5 min', '+5', '']
      .map(t => readSparkTime(t, 'min'))).toEqual([30, 30, 30, 120, 1440, 1, 0, -1, undefined, undefined, undefined, undefined]);
  });

  test('a number beyond a Java long is refused; a conversion beyond it clamps', () => {
    expect(readSparkTime('9223372036854775808', 'min')).toBeUndefined();
    expect(readSparkTime('9223372036854775807d', 'us')).toBe(Number(9223372036854775807n));
  });
});

describe('start: ECI\'s eci-max-pending-minute, only on pods that may run on ECI', () => {
  test('ECI\'s default of 240 minutes on the ECI executors; the driver on ECS has none', () => {
    const d = report(app()).jobs[0].deadlines;
    expect(d.start).toEqual([
      { role: 'driver', eciMaxPendingMinutes: null, explicit: false, unboundedPods: 1 },
      { role: 'executor', eciMaxPendingMinutes: 240, explicit: false, unboundedPods: 0 },
    ]);
    expect(d.set).toBe(false);
    expect(d.messages[0]).toBe('start: executor pods on ECI: ECI ends a pod still starting (pulling images, mounting volumes) after 240 min (ECI\'s default); '
      + 'driver pods off ECI: no limit, nothing ends a Pending pod there');
  });

  test('the annotation, read from the spec field or the pod template, as cold start reads it', () => {
    const d = report(app({
      driver: { cores: 1, ...ECI_ONLY, annotations: { ...NO_IMC, 'k8s.aliyun.com/eci-max-pending-minute': '30' } },
      executor: { instances: 2, ...ECI_ONLY, template: { metadata: { annotations: { ...NO_IMC, 'k8s.aliyun.com/eci-max-pending-minute': '30' } } } },
    })).jobs[0];
    expect(d.deadlines.start.map(s => [s.role, s.eciMaxPendingMinutes, s.explicit, s.unboundedPods])).toEqual([['driver', 30, true, 0], ['executor', 30, true, 0]]);
    expect(d.coldStart.map(c => c.maxPendingMinutes)).toEqual([30, 30]);
    expect(d.deadlines.set).toBe(true);
    expect(d.deadlines.messages[0]).toBe('start: driver and executor pods on ECI: ECI ends a pod still starting (pulling images, mounting volumes) after 30 min');
  });

  test('pods that may run on ECS or ECI: the ECI ones are bounded, all may be unbounded', () => {
    const d = report(app({ executor: { instances: 3, tolerations: [ECI_TOLERATION], annotations: { ...NO_IMC, 'k8s.aliyun.com/eci-max-pending-minute': '90' } } })).jobs[0].deadlines;
    expect(d.start[1]).toEqual({ role: 'executor', eciMaxPendingMinutes: 90, explicit: true, unboundedPods: 3 });
    expect(d.messages[0]).toBe('start: executor pods on ECI: ECI ends a pod still starting (pulling images, mounting volumes) after 90 min; '
      + 'driver and executor pods off ECI: no limit, nothing ends a Pending pod there');
  });
});

describe('run: Spark 4.0\'s spark.driver.timeout with its plugin', () => {
  test('the timeout in minutes, with the plugin in spark.plugins or spark.plugins.defaultList', () => {
    for (const conf of [
      { 'spark.driver.timeout': '120min', 'spark.plugins': PLUGIN },
      { 'spark.driver.timeout': '2h', 'spark.plugins': `com.example.Metrics, ${PLUGIN}` },
      { 'spark.driver.timeout': '120', 'spark.plugins.defaultList': PLUGIN },
    ]) {
      const job = report(app({ sparkConf: conf })).jobs[0];
      expect(job.deadlines.runMinutes).toBe(120);
      expect(job.deadlines.messages[1]).toBe('run: Spark ends the driver 2 h after it starts (spark.driver.timeout, exit code 124)');
      expect(job.problems).toEqual([]);
    }
  });

  test('restartPolicy decides how often a driver that timed out runs again', () => {
    const conf = { 'spark.driver.timeout': '45min', 'spark.plugins': PLUGIN };
    const onFailure = report(app({ sparkConf: conf, restartPolicy: { type: 'OnFailure', onFailureRetries: 2 } })).jobs[0].deadlines;
    expect([onFailure.attempts, onFailure.messages[1]]).toEqual([3,
      'run: Spark ends the driver 45 min after it starts (spark.driver.timeout, exit code 124); restartPolicy OnFailure starts it again, up to 3 runs in all']);
    const always = report(app({ sparkConf: conf, restartPolicy: { type: 'Always' } })).jobs[0].deadlines;
    expect([always.attempts, always.messages[1]]).toEqual([null,
      'run: Spark ends the driver 45 min after it starts (spark.driver.timeout, exit code 124); restartPolicy Always starts it again, without end']);
    expect(report(app({ sparkConf: conf, restartPolicy: { type: 'OnFailure' } })).jobs[0].deadlines.attempts).toBe(1);
    expect(report(app({ sparkConf: conf, restartPolicy: { type: 'Never' } })).jobs[0].deadlines.attempts).toBe(1);
  });

  test('ignored, with a warning: without the plugin, before Spark 4.0, or under a minute', () => {
    const cases: Array<[{ [key: string]: any }, string]> = [
      [{ sparkConf: { 'spark.driver.timeout': '30min' } },
        `Spark reads it only in ${PLUGIN}, and neither spark.plugins nor spark.plugins.defaultList names it`],
      [{ sparkVersion: '3.5.2', sparkConf: { 'spark.driver.timeout': '30min' } }, 'sparkVersion 3.5.2 has no spark.driver.timeout, which Spark 4.0.0 added'],
      [{ sparkConf: { 'spark.driver.timeout': '30s', 'spark.plugins': PLUGIN } }, '30s is 0 whole minutes, which Spark reads as no timeout'],
    ];
    for (const [spec, why] of cases) {
      const job = report(app(spec)).jobs[0];
      expect(job.deadlines.runMinutes).toBeNull();
      expect(job.problems.map(p => [p.code, p.severity, p.field, p.message])).toEqual([[ProblemCode.DEADLINE_RUN_IGNORED, 'WARNING',
        'spec.sparkConf["spark.driver.timeout"]',
        `spec.sparkConf["spark.driver.timeout"] ends nothing: ${why}; deadlines.run writes it with the plugin, on Spark 4.0.0 or later`]]);
    }
  });

  test('0 turns the timeout off on purpose: no limit, no warning', () => {
    const job = report(app({ sparkConf: { 'spark.driver.timeout': '0', 'spark.plugins': PLUGIN } })).jobs[0];
    expect([job.deadlines.runMinutes, job.deadlines.messages[1], job.problems]).toEqual([null, 'run: no limit', []]);
  });

  test('refused by Spark: a time it cannot read or below 0, and the plugin on Spark 3.5 (no such class)', () => {
    const bad = report(app({ sparkConf: { 'spark.driver.timeout': '1.5h', 'spark.plugins': PLUGIN } })).jobs[0];
    expect(bad.problems.map(p => [p.code, p.severity, p.message])).toEqual([[ProblemCode.SPARK_REFUSES_VALUE, 'ERROR',
      'spec.sparkConf["spark.driver.timeout"] must be a time of 0 or more, such as "30min" or "2h" (Spark v4.0.0-preview2 DriverTimeoutPlugin.scala:34-64, '
      + 'config/package.scala:1180-1186; JavaUtils.timeStringAs) (got "1.5h")']]);
    expect(report(app({ sparkConf: { 'spark.driver.timeout': '-5', 'spark.plugins': PLUGIN } })).jobs[0].problems.map(p => p.code))
      .toEqual([ProblemCode.SPARK_REFUSES_VALUE]);
    const spark35 = report(app({ sparkVersion: '3.5.2', sparkConf: { 'spark.plugins': PLUGIN } })).jobs[0];
    expect(spark35.problems.map(p => [p.code, p.field, p.message])).toEqual([[ProblemCode.SPARK_REFUSES_VALUE, 'spec.sparkConf["spark.plugins"]',
      `spec.sparkConf["spark.plugins"] must not name ${PLUGIN} before Spark 4.0.0, which added it: the SparkContext fails on a plugin class it cannot load `
      + '(Spark v3.5.2 Utils.scala:2770-2787) (got "sparkVersion 3.5.2")']]);
  });
});

describe('clean-up: the operator\'s timeToLiveSeconds', () => {
  test('seconds after the application ends; none when unset', () => {
    expect(report(app({ timeToLiveSeconds: 86400 })).jobs[0].deadlines.messages[2])
      .toBe('clean-up: the operator deletes the application 1 d after it ends (timeToLiveSeconds)');
    expect(report(app({ timeToLiveSeconds: 5400 })).jobs[0].deadlines.cleanUpSeconds).toBe(5400);
    expect(report(app()).jobs[0].deadlines.messages[2]).toBe('clean-up: none, the operator keeps the finished application until someone deletes it');
  });

  test('a ScheduledSparkApplication: read from its template, for each run', () => {
    const scheduled = {
      apiVersion: 'sparkoperator.k8s.io/v1beta2',
      kind: 'ScheduledSparkApplication',
      metadata: { name: 'nightly', namespace: 'spark', annotations: REQUIRED },
      spec: { schedule: '@daily', concurrencyPolicy: 'Forbid', template: { ...app().spec, timeToLiveSeconds: 3600 } },
    };
    const job = report(scheduled).jobs[0];
    expect(job.deadlines.cleanUpSeconds).toBe(3600);
    expect(job.problems.map(p => [p.code, p.field])).toEqual([
      [ProblemCode.DEADLINE_START_MISSING, 'spec.template.executor.annotations'],
      [ProblemCode.DEADLINE_RUN_MISSING, 'spec.template.sparkConf'],
    ]);
  });
});

describe('when the cluster profile asks for deadlines (cdk8s-spark-eci/require-deadlines)', () => {
  test('a warning for each deadline the job lacks and could have', () => {
    const job = report(app({}, REQUIRED)).jobs[0];
    expect(job.deadlines.required).toBe(true);
    expect(job.problems.map(p => [p.code, p.severity, p.role, p.field, p.message])).toEqual([
      [ProblemCode.DEADLINE_START_MISSING, 'WARNING', 'executor', 'spec.executor.annotations',
        'the executor pods may run on ECI with no start deadline of their own, and the cluster profile asks every job for deadlines: '
        + 'ECI ends a pod stuck starting there (image pull, volume mounts) only after its default of 240 min; '
        + 'set k8s.aliyun.com/eci-max-pending-minute in spec.executor.annotations (deadlines.start writes it)'],
      [ProblemCode.DEADLINE_RUN_MISSING, 'WARNING', null, 'spec.sparkConf',
        'nothing ends the driver after a time, and the cluster profile asks every job for deadlines: a driver that hangs, or waits for executors '
        + `that never start, runs until someone deletes the job; set spark.driver.timeout and spark.plugins ${PLUGIN} in spec.sparkConf `
        + '(deadlines.run writes both), on Spark 4.0.0 or later (got sparkVersion 4.0.0)'],
      [ProblemCode.DEADLINE_CLEAN_UP_MISSING, 'WARNING', null, 'spec.timeToLiveSeconds',
        'spec.timeToLiveSeconds is unset, and the cluster profile asks every job for deadlines: the operator keeps the finished application '
        + 'until someone deletes it; set it (timeToLive writes it)'],
    ]);
  });

  test('none for a job with every deadline it can have; ECS pods need none, as nothing could bound them', () => {
    const job = report(app({
      executor: { instances: 2, ...ECI_ONLY, annotations: { ...NO_IMC, 'k8s.aliyun.com/eci-max-pending-minute': '20' } },
      sparkConf: { 'spark.driver.timeout': '3h', 'spark.plugins': PLUGIN },
      timeToLiveSeconds: 600,
    }, REQUIRED)).jobs[0];
    expect(job.problems).toEqual([]);
    expect(job.deadlines.messages).toEqual([
      'start: executor pods on ECI: ECI ends a pod still starting (pulling images, mounting volumes) after 20 min; '
      + 'driver pods off ECI: no limit, nothing ends a Pending pod there',
      'run: Spark ends the driver 3 h after it starts (spark.driver.timeout, exit code 124)',
      'clean-up: the operator deletes the application 10 min after it ends (timeToLiveSeconds)',
    ]);
  });

  test('Spark 3.5: the run deadline is still asked for, and the message says Spark 4.0 has it', () => {
    const job = report(app({ sparkVersion: '3.5.2', timeToLiveSeconds: 0, executor: { instances: 1 } }, REQUIRED)).jobs[0];
    expect(job.problems.map(p => p.code)).toEqual([ProblemCode.DEADLINE_RUN_MISSING]);
    expect(job.problems[0].message).toContain('(got sparkVersion 3.5.2, which has no spark.driver.timeout)');
    expect(job.deadlines.messages.slice(1)).toEqual([
      'run: no limit (sparkVersion 3.5.2 has no spark.driver.timeout, which Spark 4.0.0 added)',
      'clean-up: the operator deletes the application 0 s after it ends (timeToLiveSeconds)',
    ]);
  });

  test('only "true" asks; without the annotation, no warning', () => {
    expect(report(app({}, { 'cdk8s-spark-eci/require-deadlines': 'false' })).jobs[0].problems).toEqual([]);
    expect(report(app()).jobs[0].deadlines.required).toBe(false);
  });
});

describe('shown in every format', () => {
  const withDeadlines = app({
    executor: { instances: 2, ...ECI_ONLY, annotations: { ...NO_IMC, 'k8s.aliyun.com/eci-max-pending-minute': '20' } },
    sparkConf: { 'spark.driver.timeout': '3h', 'spark.plugins': PLUGIN },
    timeToLiveSeconds: 600,
  });
  const without = { ...app(), metadata: { name: 'plain', namespace: 'spark' } };
  const both = report(withDeadlines, without);
  const messages = both.jobs[0].deadlines.messages;

  test('json: every job has its deadlines', () => {
    const json = JSON.parse(renderJson(both));
    expect(json.jobs.map((j: any) => [j.name, j.deadlines.runMinutes, j.deadlines.cleanUpSeconds, j.deadlines.set]))
      .toEqual([['etl', 180, 600, true], ['plain', null, null, false]]);
  });

  test('table: a deadline line each for the job that sets them, none for the other (its ECI default is in the cold start line)', () => {
    const lines = renderTable(both).split('\n');
    expect(lines.filter(l => l.startsWith('  deadline '))).toEqual(messages.map(m => `  deadline    ${m}`));
    const plain = lines.slice(lines.findIndex(l => l.startsWith('SparkApplication spark/plain')));
    expect(plain.some(l => l.includes('cold start') && l.includes('ECI gives up a Pending pod after 240 min'))).toBe(true);
  });

  test('markdown and html: a Deadlines list for the job that sets them', () => {
    const md = renderMarkdown(both);
    expect(md.match(/\*\*Deadlines\*\*/g)).toHaveLength(1);
    for (const m of messages) { expect(md).toContain(`- ${markdownText(m)}\n`); }
    const html = renderHtml(both);
    expect(html.match(/<h3>Deadlines<\/h3>/g)).toHaveLength(1);
    expect(html).toContain(`<h3>Deadlines</h3>\n<ul class="notes">\n${messages.map(m => `<li>${htmlText(m)}</li>`).join('\n')}\n</ul>`);
  });

  test('a job whose profile asks for deadlines shows them even when it sets none', () => {
    const table = renderTable(report(app({}, REQUIRED)));
    expect(table).toContain('  deadline    run: no limit\n');
    expect(table).toContain('  deadline    clean-up: none, the operator keeps the finished application until someone deletes it\n');
  });
});

describe('plan --compare', () => {
  test('a change of deadlines is a change of the job, with the new sentences as deadline lines', () => {
    const before = report(app());
    const after = report(app({ sparkConf: { 'spark.driver.timeout': '2h', 'spark.plugins': PLUGIN }, timeToLiveSeconds: 3600 }));
    const diff = diffPlans(before, after);
    expect(diff.jobs.map(j => [j.name, j.change, j.addsPendingOrErrors])).toEqual([['etl', 'CHANGED', false]]);
    expect(diff.jobs[0].deadlines).toEqual({ before: before.jobs[0].deadlines.messages, after: after.jobs[0].deadlines.messages });
    expect(renderDiffTable(diff).split('\n').filter(l => l.includes('deadline '))).toEqual([
      '  ~ deadline run: Spark ends the driver 2 h after it starts (spark.driver.timeout, exit code 124)',
      '  ~ deadline clean-up: the operator deletes the application 1 h after it ends (timeToLiveSeconds)',
    ]);
    expect(diffPlans(before, report(app())).jobs).toEqual([]);
  });
});
