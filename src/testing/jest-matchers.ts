/**
 * Jest matchers over the plan, for TypeScript and JavaScript tests: the checks of `SparkTesting`,
 * with `.not`. Not part of the main entry point (jest is no dependency of an app); load them in a
 * test file or a setup file:
 *
 * ```ts
 * import { sparkMatchers } from 'cdk8s-spark-eci/lib/testing/jest-matchers';
 * expect.extend(sparkMatchers);
 *
 * expect(chart).toPlaceAllPods();
 * expect(chart).toPlace('spark/etl', 'executor', PlannedPlacement.UNITS);
 * ```
 *
 * This module imports nothing from jest at run time; the types below extend `jest.Matchers`
 * (from `@types/jest`).
 */
import { IConstruct } from 'constructs';
import {
  CheckResult, checkBilledSize, checkCostBelow, checkImageCacheOnEci, checkNoPendingPods, checkNoSpotDriver, checkPendingPods,
  checkPendingTotal, checkPlacement, ExpectedPendingPods,
} from './plan-checks';
import { PlannedPlacement } from './planned-placement';
import { ScopePlan } from './scope-plan';
import { CostModel } from '../model/cost-model';

/** What jest expects a matcher to return. */
export interface SparkMatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

function result(check: CheckResult): SparkMatcherResult {
  return { pass: check.pass, message: () => check.message };
}

/** The matchers, for `expect.extend(sparkMatchers)`. Each takes an App, a Chart or any construct. */
export const sparkMatchers = {
  /** Every pod of every job is placed: none stays Pending. */
  toPlaceAllPods(received: IConstruct): SparkMatcherResult {
    return result(checkNoPendingPods(new ScopePlan(received, undefined)));
  },

  /** So many pods stay Pending in all (a number), or exactly these per job and role (a map). */
  toHavePendingPods(received: IConstruct, expected: number | ExpectedPendingPods): SparkMatcherResult {
    const plan = new ScopePlan(received);
    return result(typeof expected === 'number' ? checkPendingTotal(plan, expected) : checkPendingPods(plan, expected));
  },

  /** The role's pods are placed as `placement` says. */
  toPlace(received: IConstruct, job: string, role: string, placement: PlannedPlacement): SparkMatcherResult {
    return result(checkPlacement(new ScopePlan(received), job, role, placement));
  },

  /** No driver asks for spot ECI where it may run on ECI. */
  toHaveNoSpotDriver(received: IConstruct): SparkMatcherResult {
    return result(checkNoSpotDriver(new ScopePlan(received)));
  },

  /** Every role whose pods may run on ECI uses an image cache. */
  toUseImageCacheOnEci(received: IConstruct): SparkMatcherResult {
    return result(checkImageCacheOnEci(new ScopePlan(received)));
  },

  /** ECI bills each of the role's pods at `size` (`2-4Gi`). */
  toBillOnEci(received: IConstruct, job: string, role: string, size: string): SparkMatcherResult {
    return result(checkBilledSize(new ScopePlan(received), job, role, size));
  },

  /** The hourly ECI cost of every pod that may run on ECI stays below `bound` under `prices`. */
  toCostBelow(received: IConstruct, prices: CostModel, bound: number): SparkMatcherResult {
    return result(checkCostBelow(new ScopePlan(received, prices), prices, bound));
  },
};

declare global {
  // The jest namespace of @types/jest: the only way to type matchers added with expect.extend().
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** Every pod of every job in the app or chart is placed: none stays Pending. */
      toPlaceAllPods(): R;
      /** So many pods stay Pending in all, or exactly these per job and role (`{ 'spark/etl': { executor: 2 } }`). */
      toHavePendingPods(expected: number | { [job: string]: { [role: string]: number } }): R;
      /** The role's pods of the job (`namespace/name`) are placed as `placement` says. */
      toPlace(job: string, role: 'driver' | 'executor', placement: PlannedPlacement): R;
      /** No driver asks for spot ECI where it may run on ECI. */
      toHaveNoSpotDriver(): R;
      /** Every role whose pods may run on ECI uses an image cache. */
      toUseImageCacheOnEci(): R;
      /** ECI bills each pod of the role at `size` (`2-4Gi`). */
      toBillOnEci(job: string, role: 'driver' | 'executor', size: string): R;
      /** The hourly ECI cost of every pod that may run on ECI stays below `bound`. */
      toCostBelow(prices: CostModel, bound: number): R;
    }
  }
}
