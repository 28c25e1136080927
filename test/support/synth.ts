import { App, Chart, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * Synthesizes one chart with its validations and throws cdk8s's own `Validation failed` error.
 *
 * `Testing.synth(chart)` validates too (cdk8s 2.70: `chart.toJson()` → `App._synthChart()` →
 * `validate(app)`), but over the whole app; validating the chart first reports this chart's
 * problems only, in the same `[path] message` form, when a test app holds several charts.
 */
export function synth(chart: Chart): any[] {
  validate(chart);
  return Testing.synth(chart);
}

/**
 * Synthesizes every chart of an app, validations included, as one list of manifests (what
 * `app.synth()` writes, without files).
 */
export function synthApp(app: App): any[] {
  validate(app);
  return app.charts.flatMap(chart => Testing.synth(chart));
}

function validate(root: IConstruct): void {
  const errors = root.node.findAll().flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
}
