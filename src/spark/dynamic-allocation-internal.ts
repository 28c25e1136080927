// Dynamic allocation as jobs and SparkConnect write it (`spec.dynamicAllocation`): the bounds Spark
// accepts, checked where they are passed, and the rendered field.
import type { DynamicAllocation } from './dynamic-allocation';
import { checkInteger, invalid } from '../private/errors';
import { compact, wholeMilliseconds } from '../private/render';

/** Refuses dynamic allocation bounds Spark cannot take. */
export function checkDynamicAllocation(da: DynamicAllocation | undefined): void {
  if (!da) { return; }
  checkInteger('dynamicAllocation.minExecutors', da.minExecutors, 0);
  checkInteger('dynamicAllocation.initialExecutors', da.initialExecutors, 0);
  checkInteger('dynamicAllocation.maxExecutors', da.maxExecutors, 1);
  const min = da.minExecutors ?? 0;
  const initial = da.initialExecutors ?? min;
  const max = da.maxExecutors ?? Number.POSITIVE_INFINITY;
  if (!(min <= initial && initial <= max)) {
    invalid('dynamicAllocation', 'must have minExecutors <= initialExecutors <= maxExecutors',
      { minExecutors: da.minExecutors, initialExecutors: da.initialExecutors, maxExecutors: da.maxExecutors });
  }
  wholeMilliseconds('dynamicAllocation.shuffleTrackingTimeout', da.shuffleTrackingTimeout);
}

/**
 * `dynamicAllocation` as the CRD spells it, or undefined when off.
 *
 * @param remoteShuffle whether a remote shuffle service holds the shuffle data
 */
export function renderDynamicAllocation(da: DynamicAllocation | undefined, remoteShuffle: boolean): { [key: string]: any } | undefined {
  return da && compact({
    enabled: true,
    initialExecutors: da.initialExecutors,
    minExecutors: da.minExecutors,
    maxExecutors: da.maxExecutors,
    // A remote shuffle service holds the shuffle data: the operator's default (true) would keep idle executors.
    shuffleTrackingEnabled: da.shuffleTracking ?? (remoteShuffle ? false : undefined),
    shuffleTrackingTimeout: wholeMilliseconds('dynamicAllocation.shuffleTrackingTimeout', da.shuffleTrackingTimeout),
  });
}
