import { ApiObject, Chart, Cron, JsonPatch, Size, Testing } from 'cdk8s';
import { ConcurrencyPolicy, ScheduledSparkJob, ScheduledSparkJobProps, SparkApplicationType } from '../src';
import { ScheduledSparkApplication } from './imports/scheduled-spark-application-sparkoperator.k8s.io';
import { expectValidManifests } from './support/crd-schema';
import { synth } from './support/synth';
import { SCHEDULED_SPARK_APPLICATION_GVK } from '../src/private/bindings';

const props: ScheduledSparkJobProps = {
  metadata: { name: 'nightly-etl' },
  schedule: '0 3 * * *',
  type: SparkApplicationType.SCALA,
  sparkVersion: '3.5.2',
  image: 'spark:3.5.2',
  mainClass: 'org.example.Etl',
  mainApplicationFile: 'local:///opt/app/etl.jar',
  executor: { instances: 4, cores: 2, memory: Size.gibibytes(4) },
};

function render(overrides: Partial<ScheduledSparkJobProps> = {}, configure?: (job: ScheduledSparkJob) => void): any {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'jobs' });
  const job = new ScheduledSparkJob(chart, 'Nightly', { ...props, ...overrides });
  configure?.(job);
  const manifests = synth(chart);
  expectValidManifests(manifests);
  return manifests[0];
}

describe('ScheduledSparkJob', () => {
  test('renders a ScheduledSparkApplication whose template is the application spec', () => {
    const manifest = render({
      timeZone: 'Asia/Shanghai',
      concurrencyPolicy: ConcurrencyPolicy.FORBID,
      successfulRunHistoryLimit: 3,
      failedRunHistoryLimit: 5,
      suspend: true,
    });
    expect(manifest).toMatchSnapshot();
    expect(manifest.kind).toEqual('ScheduledSparkApplication');
    expect(manifest.spec).toMatchObject({
      schedule: '0 3 * * *',
      timeZone: 'Asia/Shanghai',
      concurrencyPolicy: 'Forbid',
      successfulRunHistoryLimit: 3,
      failedRunHistoryLimit: 5,
      suspend: true,
    });
    expect(manifest.spec.template.executor).toEqual({ instances: 4, cores: 2, memory: '4g' });
    expect(manifest.spec.template.suspend).toBeUndefined();
  });

  // The operator has no default: with no policy, v2.5.2 shouldStartNextRun matches no case and
  // returns false once a run's SparkApplication exists, so the schedule would run once.
  test('writes concurrencyPolicy Allow when it is left out, as documented', () => {
    expect(render().spec.concurrencyPolicy).toBe('Allow');
    expect(render({ concurrencyPolicy: ConcurrencyPolicy.REPLACE }).spec.concurrencyPolicy).toBe('Replace');
  });

  test('mutators reach the template', () => {
    const manifest = render({}, job => job.addSparkConf('spark.sql.shuffle.partitions', '64'));
    expect(manifest.spec.template.sparkConf).toEqual({ 'spark.sql.shuffle.partitions': '64' });
  });

  test('JSON patches work', () => {
    const manifest = render({}, job => ApiObject.of(job).addJsonPatch(JsonPatch.add('/spec/template/failureRetries', 2)));
    expect(manifest.spec.template.failureRetries).toEqual(2);
  });

  test.each(['@daily', '@every 1h30m', '*/15 * * * *', 'CRON_TZ=UTC 0 0 * * MON-FRI', 'TZ=Asia/Shanghai 0 3 1-7 * 1'])('accepts the schedule %s', schedule => {
    expect(render({ schedule }).spec.schedule).toEqual(schedule);
  });

  test.each([
    ['Cron.daily()', Cron.daily(), '0 0 * * *'],
    ['Cron.weekly()', Cron.weekly(), '0 0 * * 0'],
    ["Cron.schedule({ minute: '30', hour: '3', weekDay: 'MON-FRI' })", Cron.schedule({ minute: '30', hour: '3', weekDay: 'MON-FRI' }), '30 3 * * MON-FRI'],
  ])('writes the expression of %s to schedule', (_name, cron, expression) => {
    let job: ScheduledSparkJob | undefined;
    const manifest = render({ schedule: undefined, cron }, j => { job = j; });
    expect(manifest.spec.schedule).toEqual(expression);
    expect(job!.schedule).toEqual(expression);
  });

  test('reads a Cron by its expression, so a Cron of another cdk8s copy works', () => {
    const otherCopy = { expressionString: '15 2 * * *' } as Cron;
    expect(render({ schedule: undefined, cron: otherCopy }).spec.schedule).toEqual('15 2 * * *');
  });

  test('knows apiVersion and kind without loading the generated bindings', () => {
    expect(SCHEDULED_SPARK_APPLICATION_GVK).toEqual(ScheduledSparkApplication.GVK);
  });
});

describe('ScheduledSparkJob validation', () => {
  test('keeps the name at or under 43 characters, since runs append 20', () => {
    expect(render({ metadata: { name: 'a'.repeat(43) } }).metadata.name).toHaveLength(43);
    expect(() => render({ metadata: { name: 'a'.repeat(44) } })).toThrow('metadata.name must be at most 43 characters: the operator names runs <name>-<timestamp> with 19 digits');
  });

  test.each([
    ['', 'schedule must be a cron expression such as "0 3 * * *" or a descriptor such as "@daily"'],
    ['0 3 * *', 'schedule must have exactly 5 fields (minute hour day-of-month month day-of-week), found 4 (got "0 3 * *")'],
    ['@sometimes', 'schedule must be a descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or "@every <duration>"), lower-case (got "@sometimes")'],
    ['@every soon', 'schedule duration must be a Go duration such as "90s", "15m" or "1h30m" (got "soon")'],
    ['61 25 32 13 8', 'schedule field 1 (minute) must be 0-59 (got "61")'],
    ['0 25 * * *', 'schedule field 2 (hour) must be 0-23 (got "25")'],
    ['a b c d e', 'schedule field 1 (minute) must be 0-59, "*", "?", a list (","), a range ("-") or a step ("/") (got "a")'],
    ['CRON_TZ=Mars/Olympus_Mons 0 3 * * *', 'schedule time zone must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai" (got "Mars/Olympus_Mons")'],
  ])('refuses the schedule "%s"', (schedule, message) => {
    expect(() => render({ schedule })).toThrow(message);
  });

  test.each([
    [{ minute: '61' }, 'cron field 1 (minute) must be 0-59 (got "61")'],
    [{ hour: '3', weekDay: 'FUNDAY' }, 'cron field 5 (day-of-week) must be 0-6 or SUN-SAT, "*", "?", a list (","), a range ("-") or a step ("/") (got "FUNDAY")'],
  ])('refuses the Cron %j as it refuses the schedule string', (options, message) => {
    expect(() => render({ schedule: undefined, cron: Cron.schedule(options) })).toThrow(message);
  });

  test('takes exactly one of schedule and cron', () => {
    expect(() => render({ cron: Cron.daily() }))
      .toThrow('schedule and cron cannot both be set: set one (got {"schedule":"0 3 * * *","cron":"0 0 * * *"})');
    expect(() => render({ schedule: undefined }))
      .toThrow('schedule or cron must be set: a cron expression such as "0 3 * * *", or Cron.daily() (got undefined)');
  });

  test('refuses a cron that is not a cdk8s Cron (untyped callers)', () => {
    expect(() => render({ schedule: undefined, cron: '0 3 * * *' as unknown as Cron }))
      .toThrow('cron must be a cdk8s Cron such as Cron.daily() or Cron.schedule({ minute: \'0\', hour: \'3\' }) (got "0 3 * * *")');
  });

  test.each([
    [{ successfulRunHistoryLimit: -1 }, 'successfulRunHistoryLimit must be an integer >= 0 (got -1)'],
    [{ failedRunHistoryLimit: 0.5 }, 'failedRunHistoryLimit must be an integer >= 0 (got 0.5)'],
    [{ timeZone: 'Asia Shanghai' }, 'timeZone must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai" (got "Asia Shanghai")'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai" (got "Mars/Olympus_Mons")'],
    [{ timeZone: 'asia/shanghai' }, 'timeZone must be "Local", "UTC" or an IANA time zone name such as "Asia/Shanghai", written as the tz database writes it ("Asia/Shanghai") (got "asia/shanghai")'],
  ])('refuses %j', (overrides, message) => {
    expect(() => render(overrides)).toThrow(message);
  });
});
