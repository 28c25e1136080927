import { Duration } from 'cdk8s';
import { brand, isBranded } from '../private/brand';
import { checkInteger } from '../private/errors';
import { captureArgument, DURATION_SHAPE, optionsShape, ShapeOf } from '../private/props-shape';
import { compact, wholeSeconds } from '../private/render';

/** Retry intervals for `RestartPolicy.always()`. */
export interface AlwaysRestartOptions {
  /**
   * Wait between a failed run and its restart (`onFailureRetryInterval`), whole seconds >= 1.
   *
   * @default - the operator's default, 5 seconds
   */
  readonly retryInterval?: Duration;

  /**
   * Wait between a failed submission and its retry (`onSubmissionFailureRetryInterval`), whole seconds >= 1.
   *
   * @default - the operator's default, 5 seconds
   */
  readonly submissionRetryInterval?: Duration;
}

/** Retry counts and intervals for `RestartPolicy.onFailure()`. */
export interface OnFailureRestartOptions extends AlwaysRestartOptions {
  /**
   * How many times a failed run is restarted (`onFailureRetries`), an integer >= 0.
   *
   * @default - the operator's default (no retry)
   */
  readonly retries?: number;

  /**
   * How many times a failed submission is retried (`onSubmissionFailureRetries`), an integer >= 0.
   *
   * @default - the operator's default (no retry)
   */
  readonly submissionRetries?: number;
}

/** What each option holds (`captureArgument`); typed, so a new option needs a shape to compile. */
const ALWAYS: ShapeOf<AlwaysRestartOptions> = { retryInterval: DURATION_SHAPE, submissionRetryInterval: DURATION_SHAPE };
const ALWAYS_SHAPE = optionsShape<AlwaysRestartOptions>(ALWAYS);
const ON_FAILURE_SHAPE = optionsShape<OnFailureRestartOptions>({ ...ALWAYS, retries: 'number', submissionRetries: 'number' });

/** Whether and how the operator restarts an application (`spec.restartPolicy`). */
export class RestartPolicy {
  /**
   * Whether `x` is a `RestartPolicy`, also when another copy of this package made it
   * (`instanceof` is not: an app may load two copies of `cdk8s-spark-eci`).
   *
   * @param x any value
   */
  public static isRestartPolicy(x: any): x is RestartPolicy {
    return isBranded(x, 'RestartPolicy');
  }

  /** Never restart (`type: Never`), the operator's default. */
  public static never(): RestartPolicy {
    return new RestartPolicy({ type: 'Never' });
  }

  /** Restart after a failure, up to `retries` times (`type: OnFailure`). */
  public static onFailure(options: OnFailureRestartOptions = {}): RestartPolicy {
    options = captureArgument('RestartPolicy.onFailure() options', options, ON_FAILURE_SHAPE, true) ?? {};
    checkInteger('restartPolicy.retries', options.retries, 0);
    checkInteger('restartPolicy.submissionRetries', options.submissionRetries, 0);
    return new RestartPolicy(compact({
      type: 'OnFailure',
      onFailureRetries: options.retries,
      onSubmissionFailureRetries: options.submissionRetries,
      ...RestartPolicy.intervals(options),
    }));
  }

  /** Restart whenever the application ends, for streaming jobs (`type: Always`). */
  public static always(options: AlwaysRestartOptions = {}): RestartPolicy {
    options = captureArgument('RestartPolicy.always() options', options, ALWAYS_SHAPE, true) ?? {};
    return new RestartPolicy(compact({ type: 'Always', ...RestartPolicy.intervals(options) }));
  }

  private static intervals(options: AlwaysRestartOptions) {
    return {
      onFailureRetryInterval: wholeSeconds('restartPolicy.retryInterval', options.retryInterval, 1),
      onSubmissionFailureRetryInterval: wholeSeconds('restartPolicy.submissionRetryInterval', options.submissionRetryInterval, 1),
    };
  }

  /** The policy type: `Never`, `OnFailure` or `Always`. */
  public readonly type: string;

  private constructor(private readonly json: { type: string; [key: string]: any }) {
    brand(this, 'RestartPolicy');
    this.type = json.type;
  }

  /**
   * The `spec.restartPolicy` object.
   * @internal
   */
  public _render(): { [key: string]: any } {
    return { ...this.json };
  }
}
