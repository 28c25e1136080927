// Assertions about the plan, for the app's tests. The jest matchers are a deep import
// (`cdk8s-spark-eci/lib/testing/jest-matchers`), kept out of the main entry point.
export * from './planned-placement';
export * from './spark-testing';
