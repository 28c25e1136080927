import { IConstruct } from 'constructs';
import {
  CheckResult, checkBilledSize, checkCostBelow, checkImageCacheOnEci, checkNoPendingPods, checkNoSpotDriver, checkPendingPods,
  checkPlacement,
} from './plan-checks';
import { checkNoPendingPodsOrErrorsAdded, scopeDiff } from './plan-diff-check';
import { planSnapshot } from './plan-snapshot';
import { PlannedPlacement } from './planned-placement';
import { checkNoScheduleCollisions, scopeScheduleDay } from './schedule-day-check';
import { ScopePlan } from './scope-plan';
import { CostModel } from '../model/cost-model';

function assert(result: CheckResult): void {
  if (!result.pass) { throw new Error(result.message); }
}

/**
 * Assertions about what the cluster will do with an app, for the app's unit tests: the plan of
 * `cdk8s-spark-eci plan --json` for the API objects under a scope (an `App`: every chart; a
 * `Chart`: its own objects), made by the same planner that checks the app at synth.
 *
 * Jobs are named `namespace/name`, roles `driver` or `executor`. A failed assertion throws an
 * `Error` whose message names the job, the role and what the plan found; a bad argument throws
 * `SparkEciValidationError`. Nothing is synthesized to disk and no validation runs: a job whose
 * Pending pods would fail `cdk8s synth` can still be asserted on.
 *
 * @example
 * const app = Testing.app();
 * const chart = new EtlChart(app, 'etl');
 * SparkTesting.assertNoPendingPods(chart);
 * SparkTesting.assertPlacement(chart, 'spark/etl', 'executor', PlannedPlacement.UNITS);
 * expect(SparkTesting.planSnapshot(chart)).toMatchSnapshot();
 */
export class SparkTesting {
  /**
   * The plan as plain data: the object `cdk8s-spark-eci plan --json` prints for the YAML the
   * scope synthesizes to (its schema is docs/plan-json.md), with each job's `source.path` set to
   * the construct path of its API object instead of a file.
   *
   * @param scope an App (every chart), a Chart, or any construct (the API objects under it)
   * @param prices prices for each role's ECI cost per hour; without them every cost is null
   */
  public static plan(scope: IConstruct, prices?: CostModel): any {
    return new ScopePlan(scope, prices).report;
  }

  /**
   * The plan as text for `toMatchSnapshot()`: one line per role (`spark/etl executor ×5: ECI
   * 2-4Gi (26.3% unused), 1 Pending (UNIT_CAPS)`), one per finding, and the totals. Jobs are
   * sorted by namespace and name; generated name hashes show as `<hash>`; no paths, timestamps
   * or free text, so the text changes only when the plan does.
   *
   * @param scope an App, a Chart, or any construct
   * @param prices prices, to add each role's ECI cost per hour; without them the text has no costs
   */
  public static planSnapshot(scope: IConstruct, prices?: CostModel): string {
    return planSnapshot(new ScopePlan(scope, prices));
  }

  /**
   * Asserts that every pod of every job is placed: none stays Pending, for any reason.
   *
   * @param scope an App, a Chart, or any construct
   * @throws Error listing each Pending pod: job, role, pods, reason code and the plan's sentence
   */
  public static assertNoPendingPods(scope: IConstruct): void {
    assert(checkNoPendingPods(new ScopePlan(scope)));
  }

  /**
   * Asserts that exactly these pods stay Pending: per job (`namespace/name`) and role
   * (`driver`, `executor`), a count; every job and role left out must have none.
   * `{ 'spark/etl': { executor: 2 } }`.
   *
   * @param scope an App, a Chart, or any construct
   * @param expected Pending pods per job and role
   * @throws Error listing each job and role whose count differs, with what the plan found
   */
  public static assertPendingPods(scope: IConstruct, expected: { [job: string]: { [role: string]: number } }): void {
    assert(checkPendingPods(new ScopePlan(scope), expected));
  }

  /**
   * Asserts where a role's pods are placed: ECS only, ECI only, either, the units of a
   * ResourcePolicy, or nowhere (the role's `placement` in `plan --json`).
   *
   * @param scope an App, a Chart, or any construct
   * @param job the job, `namespace/name`
   * @param role `driver` or `executor`
   * @param placement the placement expected
   */
  public static assertPlacement(scope: IConstruct, job: string, role: string, placement: PlannedPlacement): void {
    assert(checkPlacement(new ScopePlan(scope), job, role, placement));
  }

  /**
   * Asserts that no driver asks for spot ECI where it may run on ECI: a reclaimed driver fails
   * the whole job (the plan's `SPOT_DRIVER` finding).
   *
   * @param scope an App, a Chart, or any construct
   */
  public static assertNoSpotDriver(scope: IConstruct): void {
    assert(checkNoSpotDriver(new ScopePlan(scope)));
  }

  /**
   * Asserts that every role whose pods may run on ECI uses an image cache, as the plan's cold
   * start says: a cache named by id, an `ImageCache` under the scope that lists the role's image,
   * or ECI's own matching, which is on unless `k8s.aliyun.com/eci-auto-imc` is `"false"` (on a
   * miss the first run creates the cache; the plan warns about that). It fails for pods that turn
   * matching off and so pull their image every time.
   *
   * @param scope an App, a Chart, or any construct; an ImageCache elsewhere in the app does not count
   */
  public static assertImageCacheOnEci(scope: IConstruct): void {
    assert(checkImageCacheOnEci(new ScopePlan(scope)));
  }

  /**
   * Asserts the size ECI bills each of a role's pods at.
   *
   * @param scope an App, a Chart, or any construct
   * @param job the job, `namespace/name`
   * @param role `driver` or `executor`
   * @param size the size, as `k8s.aliyun.com/eci-use-specs` writes it: `2-4Gi`
   */
  public static assertBilledSize(scope: IConstruct, job: string, role: string, size: string): void {
    assert(checkBilledSize(new ScopePlan(scope), job, role, size));
  }

  /**
   * Asserts that the hourly ECI cost of every pod that may run on ECI, together, stays below a
   * bound (the plan's `totals.eciCostPerHour.atMost` under these prices). Pods the plan cannot
   * price fail the assertion.
   *
   * @param scope an App, a Chart, or any construct
   * @param prices the prices of your region
   * @param bound the hourly cost the ECI pods must stay below, in the prices' currency
   */
  public static assertCostBelow(scope: IConstruct, prices: CostModel, bound: number): void {
    assert(checkCostBelow(new ScopePlan(scope, prices), prices, bound));
  }

  /**
   * What a change does to the plan: the object `cdk8s-spark-eci plan --compare --format json`
   * prints for the YAML of the two scopes (its schema is docs/plan-diff-json.md), computed by the
   * same function. Pass the app (or chart) before the change and the one after it, built by two
   * calls of the same code with different inputs. Jobs are paired by kind, namespace, name and
   * construct path.
   *
   * @param before an App, a Chart or any construct: the state before the change
   * @param after the state after the change
   * @param prices prices for the ECI cost per hour on both sides; without them every cost is null
   */
  public static comparePlans(before: IConstruct, after: IConstruct, prices?: CostModel): any {
    return scopeDiff(before, after, prices);
  }

  /**
   * Asserts that a change adds no Pending pods and no error-level problem to any job (what
   * `plan --compare` exits 1 for). Pods and problems both sides have do not fail it.
   *
   * @param before an App, a Chart or any construct: the state before the change
   * @param after the state after the change
   * @throws Error listing each job the change adds Pending pods or errors to, with the reason codes
   */
  public static assertNoPendingPodsOrErrorsAdded(before: IConstruct, after: IConstruct): void {
    assert(checkNoPendingPodsOrErrorsAdded(scopeDiff(before, after)));
  }

  /**
   * The runs of one day of every ScheduledSparkApplication under the scope, as
   * `cdk8s-spark-eci plan --schedule-day` prints them with `--format json` (its schema is
   * docs/scheduled-runs.md): each schedule's run times (with its time zone and DST as the
   * operator's robfig/cron computes them), the minutes with runs, the minutes where runs that
   * start together leave pods Pending or wait, and the peak submissions per minute.
   *
   * @param scope an App, a Chart, or any construct
   * @param day the day, `YYYY-MM-DD`
   * @param timeZone the zone the day is read in; `timeZone: Local` schedules run in UTC
   * @default timeZone "UTC"
   */
  public static scheduleDay(scope: IConstruct, day: string, timeZone?: string): any {
    return scopeScheduleDay(scope, day, timeZone);
  }

  /**
   * Asserts that on that day no runs that start in the same minute leave pods Pending together
   * (a ResourcePolicy `max` not per submission, a quota leaf's `max`).
   *
   * @param scope an App, a Chart, or any construct
   * @param day the day, `YYYY-MM-DD`
   * @param timeZone the zone the day is read in
   * @default timeZone "UTC"
   * @throws Error listing each minute, what the runs share and how many pods stay Pending
   */
  public static assertNoScheduleCollisions(scope: IConstruct, day: string, timeZone?: string): void {
    assert(checkNoScheduleCollisions(scopeScheduleDay(scope, day, timeZone)));
  }

  private constructor() {}
}
