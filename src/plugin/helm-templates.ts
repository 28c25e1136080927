/**
 * The one rule of the plugin that is not the plan's: in a Helm chart (`cdk8s synth --format
 * helm` writes the manifests to `templates/` beside `Chart.yaml`), Helm evaluates every `{{` of a
 * template at install. cdk8s-cli copies values into the templates as they are, so a `{{` in a
 * Spark conf value, an argument or a label becomes a template action: the install fails, or the
 * value changes. The rule names each such value by its YAML path.
 */
import * as fs from 'fs';
import * as path from 'path';
import { documentsOf, nameOfObject, SourceFile } from './manifest-files';
import { ValidationViolation } from './validation-context';

/** The rule's name in the report. */
export const HELM_TEMPLATE_ACTION = 'HELM_TEMPLATE_ACTION';

/** Whether a manifest file is a template of a Helm chart: in `templates/`, with `Chart.yaml` beside that folder. */
export function isHelmTemplate(file: string): boolean {
  const dir = path.dirname(path.resolve(file));
  return path.basename(dir) === 'templates' && fs.existsSync(path.join(dir, '..', 'Chart.yaml'));
}

/** A violation for each value (or key) of a Helm template that holds `{{`. */
export function helmTemplateViolations(files: readonly SourceFile[], sharedNames: ReadonlySet<string>): ValidationViolation[] {
  const violations: ValidationViolation[] = [];
  for (const { file, text } of files) {
    if (!text.includes('{{') || !isHelmTemplate(file)) { continue; }
    documentsOf(text).forEach((object, index) => {
      const name = nameOfObject(object);
      const title = `${object?.kind ?? 'document'} ${object?.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${name ?? index + 1}`;
      for (const { at, value } of delimited(object, '')) {
        violations.push({
          ruleName: HELM_TEMPLATE_ACTION,
          recommendation: `error: ${title}: ${at} must not hold "{{" in a Helm chart's template, where Helm reads it as a template action `
            + `at install (got ${JSON.stringify(value)})`,
          fix: 'Keep "{{" out of the value, write it as {{ "{{" }} so that Helm prints it as text, '
            + 'or synthesize plain YAML (without --format helm) for this app.',
          violatingResources: [{
            resourceName: name === undefined || sharedNames.has(name) ? title : name,
            locations: [`${title} (document ${index + 1}): ${at}`],
            manifestPath: file,
          }],
        });
      }
    });
  }
  return violations;
}

/** Every string (value or key) under `value` that holds `{{`, with its YAML path. */
function delimited(value: unknown, at: string): Array<{ at: string; value: string }> {
  if (typeof value === 'string') { return value.includes('{{') ? [{ at: at || '(document)', value }] : []; }
  if (Array.isArray(value)) { return value.flatMap((v, i) => delimited(v, `${at}[${i}]`)); }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, v]) => {
      const child = /^[A-Za-z0-9_-]+$/.test(key) ? `${at ? `${at}.` : ''}${key}` : `${at}[${JSON.stringify(key)}]`;
      return [...(key.includes('{{') ? [{ at: `${child} (the key)`, value: key }] : []), ...delimited(v, child)];
    });
  }
  return [];
}
