import { App, Chart, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * Synthesizes a chart the way `app.synth()` does: runs every construct's validations first
 * (Testing.synth skips them) and throws cdk8s's own `Validation failed` error.
 */
export function synth(chart: Chart): any[] {
  validate(chart);
  return Testing.synth(chart);
}

/** Synthesizes every chart of an app, validations included, as one list of manifests. */
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
