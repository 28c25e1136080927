import { ApiObject, ApiObjectMetadata, Cron, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AbstractSparkJob } from './abstract-spark-job';
import { AbstractSparkJobProps } from './abstract-spark-job-props';
import { jobPropsShape } from './job-props-shape';
import { CheckedApiObject } from '../../checks/checked-api-object';
import { SCHEDULED_SPARK_APPLICATION_GVK } from '../../private/bindings';
import { checkCron, checkTimeZone } from '../../private/cron';
import { checkInteger, invalid } from '../../private/errors';
import { enumShape, captureProps } from '../../private/props-shape';
import { compact } from '../../private/render';

/** What happens when a run is due while the previous one still runs (`concurrencyPolicy`). */
export enum ConcurrencyPolicy {
  /** Start the new run anyway (the operator's default). */
  ALLOW = 'Allow',
  /** Skip the new run. */
  FORBID = 'Forbid',
  /** Stop the running one and start the new run. */
  REPLACE = 'Replace',
}

/** Props of a `ScheduledSparkJob`. */
export interface ScheduledSparkJobProps extends AbstractSparkJobProps {
  /**
   * Metadata of the ScheduledSparkApplication. Its name must stay at or under 43 characters:
   * runs are named `<name>-<19 digits>` (with a cluster profile, what its
   * `scheduledTimestampPrecision` allows: up to 54).
   *
   * @default - a name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * When to run, a cron expression (`schedule`): five fields (`0 3 * * *`), a descriptor
   * (`@daily`, `@hourly`...) or `@every <duration>`, optionally after `CRON_TZ=<zone> `.
   * Checked at synth as the operator's parser (robfig/cron v3 `ParseStandard`) checks it.
   * Set this or `cron`, not both.
   *
   * @default - `cron`'s expression
   */
  readonly schedule?: string;

  /**
   * When to run, as cdk8s' `Cron` (`Cron.daily()`, `Cron.schedule({ minute: '0', hour: '3' })`),
   * the type cdk8s-plus' `CronJob` takes; its expression is written to `schedule` and checked as
   * a `schedule` string is. Set this or `schedule`, not both.
   *
   * @default - `schedule`
   */
  readonly cron?: Cron;

  /**
   * IANA time zone of the schedule (`timeZone`), e.g. `Asia/Shanghai`, or `UTC` or `Local`:
   * what Go's `time.LoadLocation` loads, spelled as the tz database spells it.
   *
   * @default - the operator's time zone (`Local`)
   */
  readonly timeZone?: string;

  /**
   * What to do when a run is due while the last one still runs (`concurrencyPolicy`).
   *
   * @default ConcurrencyPolicy.ALLOW
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;

  /**
   * How many successful runs are kept (`successfulRunHistoryLimit`), an integer >= 0.
   *
   * @default - the operator's default, 1
   */
  readonly successfulRunHistoryLimit?: number;

  /**
   * How many failed runs are kept (`failedRunHistoryLimit`), an integer >= 0.
   *
   * @default - the operator's default, 1
   */
  readonly failedRunHistoryLimit?: number;

  /**
   * Pause the schedule (`suspend`).
   *
   * @default false
   */
  readonly suspend?: boolean;
}


const SHAPE = jobPropsShape<ScheduledSparkJobProps>({
  metadata: 'object',
  schedule: 'string',
  cron: 'instance',
  timeZone: 'string',
  concurrencyPolicy: enumShape('ConcurrencyPolicy', ConcurrencyPolicy),
  successfulRunHistoryLimit: 'number',
  failedRunHistoryLimit: 'number',
  suspend: 'boolean',
});

/**
 * A Spark application run on a cron schedule: one `ScheduledSparkApplication`
 * (`sparkoperator.k8s.io/v1beta2`) whose template is the same spec a `SparkJob` renders.
 */
export class ScheduledSparkJob extends AbstractSparkJob {
  /** The `ScheduledSparkApplication` API object (child id `Resource`). */
  public readonly apiObject: ApiObject;

  private readonly scheduleProps: ScheduledSparkJobProps;
  private readonly _schedule: string;

  public constructor(scope: Construct, id: string, props: ScheduledSparkJobProps) {
    // One copy, checked once, for the job and for the schedule: changing the caller's object later changes nothing.
    const captured = captureProps('', props, SHAPE);
    // The model checks the name against the runs' timestamps (the profile's precision, else nanos).
    super(scope, id, captured);
    props = captured;
    this._schedule = scheduleOf(props);
    checkInteger('successfulRunHistoryLimit', props.successfulRunHistoryLimit, 0);
    checkInteger('failedRunHistoryLimit', props.failedRunHistoryLimit, 0);
    if (props.timeZone !== undefined) {
      checkTimeZone('timeZone', props.timeZone);
    }
    this.scheduleProps = props;
    this.apiObject = new CheckedApiObject(this, 'Resource', {
      ...SCHEDULED_SPARK_APPLICATION_GVK,
      metadata: this._applicationMetadata(props.metadata),
      spec: Lazy.any({ produce: () => this._render() }),
    });
  }

  /** The cron schedule, as written to `schedule` (a `Cron`'s expression when `cron` was set). */
  public get schedule(): string {
    return this._schedule;
  }

  /** @internal */
  public _render(): { [key: string]: any } {
    const p = this.scheduleProps;
    return compact({
      schedule: this._schedule,
      timeZone: p.timeZone,
      // Written always: the operator has no default for it, and with none it starts no run after the
      // first while that run's SparkApplication exists (v2.5.2 scheduledsparkapplication/controller.go
      // shouldStartNextRun: no case matches an empty policy, so it returns false).
      concurrencyPolicy: p.concurrencyPolicy ?? ConcurrencyPolicy.ALLOW,
      successfulRunHistoryLimit: p.successfulRunHistoryLimit,
      failedRunHistoryLimit: p.failedRunHistoryLimit,
      suspend: p.suspend,
      template: this._renderApplication(),
    });
  }
}

/**
 * The schedule of `schedule` or `cron` (exactly one), checked as the operator's cron parser
 * (robfig/cron v3 `ParseStandard`) checks it. The operator prefixes `CRON_TZ=<timeZone> `
 * itself, so only the schedule's own prefix is parsed. A `Cron` is read by its
 * `expressionString`, so one from another copy of cdk8s (or a jsii language) is accepted.
 */
function scheduleOf(props: ScheduledSparkJobProps): string {
  const { schedule, cron } = props;
  if (schedule !== undefined && cron !== undefined) {
    invalid('schedule', 'and cron cannot both be set: set one', { schedule, cron: (cron as Partial<Cron>)?.expressionString ?? cron });
  }
  if (cron !== undefined) {
    const expression = (cron as Partial<Cron> | null)?.expressionString;
    if (typeof expression !== 'string') {
      invalid('cron', 'must be a cdk8s Cron such as Cron.daily() or Cron.schedule({ minute: \'0\', hour: \'3\' })', cron);
    }
    return checkCron('cron', expression);
  }
  if (schedule === undefined) {
    invalid('schedule', 'or cron must be set: a cron expression such as "0 3 * * *", or Cron.daily()', schedule);
  }
  return checkCron('schedule', schedule);
}
