/**
 * The shapes of option objects that several entry points take (`captureArgument`,
 * src/private/props-shape.ts): the mutators of jobs and roles, and the props of `SparkJob`,
 * `ScheduledSparkJob` (job-props-shape.ts) and `SparkConnectServer`, so a prop, its mutator and
 * its twin on another construct share one. Typed over their interfaces: `npx tsc` fails until a
 * new option has a shape.
 */
import type { DynamicAllocation } from './dynamic-allocation';
import { PodSecurityPreset } from './pod-security';
import type { SparkDependencies } from './spark-application-options';
import { PlacementOptions, PlacementTarget } from '../eci/placement-target';
import { DURATION_SHAPE, enumShape, instanceShape, optionsShape } from '../private/props-shape';

/** `PlacementOptions` of the roles' mutators (`addLabel(key, value, { target })`). */
export const PLACEMENT_OPTIONS_SHAPE = optionsShape<PlacementOptions>({ target: enumShape('PlacementTarget', PlacementTarget) });

/** `deps`, and `addDependencies()`'s argument. */
export const DEPENDENCIES_SHAPE = optionsShape<SparkDependencies>({
  jars: 'strings', files: 'strings', pyFiles: 'strings', packages: 'strings', excludePackages: 'strings', repositories: 'strings', archives: 'strings',
});

/** `dynamicAllocation` of jobs and of `SparkConnectServer`. */
export const DYNAMIC_ALLOCATION_SHAPE = optionsShape<DynamicAllocation>({
  initialExecutors: 'number', minExecutors: 'number', maxExecutors: 'number', shuffleTracking: 'boolean', shuffleTrackingTimeout: DURATION_SHAPE,
});

/** A `PodSecurityPreset` argument (the roles' `applyPodSecurity(preset)`), recognised by its brand. */
export const POD_SECURITY_PRESET_SHAPE = instanceShape<PodSecurityPreset>('PodSecurityPreset',
  (value): value is PodSecurityPreset => PodSecurityPreset.isPodSecurityPreset(value),
  'must be PodSecurityPreset.HARDENED or made with PodSecurityPreset.hardened()');
