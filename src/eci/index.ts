// ECI options, placements (ECS, ECI or both) and the ImageCache construct.
export * from './eci-pod-options';
export * from './eci-placement';
export * from './spark-placement';
export * from './spot-resilience';
export * from './image-cache';
export * from './placement-target';
