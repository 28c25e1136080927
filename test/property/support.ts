/**
 * The property tests' harness: runs fast-check with a replayable seed, checks that valid prop
 * sets synthesize to manifests the CRDs accept (no pruned field) and that invalid ones end in the
 * library's own error, and counts both for the CI log.
 */
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as fc from 'fast-check';
import { SparkEciValidationError } from '../../src/private/errors';
import { createCrdValidator, validateManifest } from '../support/crd-schema';
import { synth } from '../support/synth';

/** Generated prop sets per property and CI run (`FC_NUM_RUNS` overrides, e.g. for a long local run). */
export const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);

/**
 * The seed of this run: `FC_SEED` replays a run (with `FC_PATH`, the path fast-check prints with
 * a counterexample, it replays just that case); otherwise a fresh one, printed with the counts.
 */
export const SEED = process.env.FC_SEED === undefined
  ? Math.floor(Math.random() * 0x7fffffff) - 0x3fffffff
  : Number(process.env.FC_SEED);

/** fast-check parameters: the run count and the seed; fast-check prints `seed` and `path` on failure. */
export function parameters<T>(): fc.Parameters<T> {
  return { numRuns: NUM_RUNS, seed: SEED, path: process.env.FC_PATH };
}

/** Counts of one construct's property runs, printed by `report()`. */
export class Counts {
  public valid = 0;
  public passed = 0;
  public invalid = 0;
  public refused = 0;

  public constructor(public readonly name: string) {}

  /** `SparkJob: 1000 valid / 1000 passed, 1000 invalid / 1000 refused (seed 42)`. */
  public report(): string {
    return `${this.name}: ${this.valid} valid / ${this.passed} passed, ${this.invalid} invalid / ${this.refused} refused`
      + ` (seed ${SEED}; replay with FC_SEED=${SEED})`;
  }
}

/**
 * Prints the counts where the CI log shows them, as one line on standard error (jest's console
 * would add a stack frame to each).
 */
export function report(counts: Counts): void {
  process.stderr.write(`${counts.report()}\n`);
}

/** A chart in a fresh app, with or without a namespace. */
export function newChart(namespace?: string): Chart {
  return new Chart(new App(), 'prop', namespace === undefined ? {} : { namespace });
}

/**
 * A validator of the project's own CRDs only (ResourcePolicy, ImageCache): it skips reading the
 * operator's two 800 KB CRDs, which each test file would otherwise parse and compile again.
 */
const ownCrds = createCrdValidator({ operatorCrdDirectory: path.join(os.tmpdir(), 'cdk8s-spark-eci-no-operator-crds') });

/** Which schemas `synthValid()` checks. */
export enum Schemas {
  /** Every manifest, the Spark Operator's kinds included. */
  ALL = 'ALL',
  /** The project's own kinds and built-in ones; the Spark Operator's kinds are left to the job properties. */
  OWN = 'OWN',
}

/**
 * Synthesizes the chart with validations (like `app.synth()`) and throws when a manifest fails
 * its CRD schema, naming every error.
 */
export function synthValid(chart: Chart, schemas: Schemas = Schemas.ALL): any[] {
  const manifests = synth(chart);
  const checked = schemas === Schemas.ALL ? manifests : manifests.filter(m => !String(m.apiVersion).startsWith('sparkoperator.k8s.io/'));
  const validate = schemas === Schemas.ALL ? validateManifest : ownCrds.validateManifest;
  const failures = checked.flatMap(m => validate(m).map(e => `${m.kind}/${m.metadata?.name}: ${e}`));
  if (failures.length > 0) {
    throw new Error(`synthesized YAML fails the CRD schema:\n  ${failures.join('\n  ')}\n${JSON.stringify(manifests, undefined, 1)}`);
  }
  return manifests;
}

/**
 * Runs `build` (construct, mutate, synthesize) and checks that it ends in the library's refusal:
 * a `SparkEciValidationError`, or cdk8s's `Validation failed` whose messages follow the library's
 * form `<prop> ... (got ...)`; either naming `prop`. Anything else (no error, a TypeError, a
 * crash in cdk8s, YAML the schema refuses) fails with a description.
 */
export function expectRefusal(prop: string, build: () => Chart, schemas: Schemas = Schemas.ALL): void {
  let chart: Chart | undefined;
  let error: unknown;
  try {
    chart = build();
    synthValid(chart, schemas);
  } catch (e) {
    error = e;
  }
  if (error === undefined) {
    throw new Error(`accepted an invalid prop set: expected a refusal naming "${prop}"`);
  }
  const err = error as Error;
  const message = String(err?.message);
  if (err instanceof SparkEciValidationError) {
    if (!message.includes(prop)) { throw new Error(`refused, but the message does not name "${prop}": ${message}`); }
    if (!/\(got .*\)/s.test(message)) { throw new Error(`refused, but not in the form "<prop> ... (got ...)": ${message}`); }
    return;
  }
  if (message.startsWith('Validation failed with the following errors:')) {
    const lines = message.split('\n').slice(1).map(l => l.trim()).filter(l => l.length > 0);
    const bad = lines.filter(l => !/^\[[^\]]*\] .*\(got .*\)/s.test(l));
    if (bad.length > 0) { throw new Error(`refused at synth, but not in the form "[path] <prop> ... (got ...)": ${bad.join(' | ')}`); }
    if (!lines.some(l => l.includes(prop))) { throw new Error(`refused at synth, but no message names "${prop}": ${message}`); }
    return;
  }
  throw new Error(`failed with ${err?.name ?? typeof error} instead of the library's refusal naming "${prop}": ${message}\n${err?.stack ?? ''}`);
}

/** An invalid prop set: a mutation of a valid one, and the prop the refusal must name. */
export interface Mutation<T> {
  /** What the mutation does, for the failure report. */
  readonly name: string;
  /** A prop name the error message must contain, given the valid case. */
  readonly propFor: (valid: T) => string;
  /** Applies the mutation. */
  readonly apply: (valid: T) => T;
}

/** A mutation arbitrary: one of the given invalid values, applied by `apply`. */
export function mutation<T, V>(name: string, prop: string | ((value: V, valid: T) => string), values: fc.Arbitrary<V>,
  apply: (valid: T, value: V) => T): fc.Arbitrary<Mutation<T>> {
  return values.map(value => ({
    name: `${name}: ${fc.stringify(value)}`,
    propFor: (valid: T) => (typeof prop === 'string' ? prop : prop(value, valid)),
    apply: (valid: T) => apply(valid, value),
    toString: () => `${name}: ${fc.stringify(value)}`,
  }));
}

/** Silences the warnings the library prints at synth (elastic units, ECI sizing) during a run. */
export function silenceWarnings(): void {
  let spy: jest.SpyInstance | undefined;
  beforeAll(() => { spy = jest.spyOn(console, 'warn').mockImplementation(() => undefined); });
  afterAll(() => spy?.mockRestore());
}
