import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { synth, synthApp } from './synth';
import { planManifests, PlanReport } from '../../src/model/plan';

/**
 * The plan command's answer for an app's YAML: every API object of the app `scope` belongs to,
 * as cdk8s writes it but without cdk8s' validation, read by the command's reader.
 */
export function planOfYaml(scope: IConstruct): PlanReport {
  const objects = scope.node.root.node.findAll().filter(ApiObject.isApiObject).map(o => (o as ApiObject).toJson());
  return planManifests([{ file: 'app.k8s.yaml', text: Yaml.stringify(...objects) }]);
}

/** Synthesizes the chart (or, given an App, every chart) with validations: '' or the error's message. */
export function synthError(scope: Chart | App): string {
  try {
    if (scope instanceof App) { synthApp(scope); } else { synth(scope); }
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
