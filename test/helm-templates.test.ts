// The plugin's Helm rule: a `{{` in a value of a Helm chart's template (which Helm would evaluate
// at install) is an error naming the value by its YAML path; outside a chart it is nothing.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { helmTemplateViolations, isHelmTemplate } from '../src/plugin/helm-templates';

const ECI_ONLY = fs.readFileSync(path.join(__dirname, 'fixtures', 'plan', 'eci-only.yaml'), 'utf8');
const WITH_ACTION = ECI_ONLY.replace('  sparkVersion: 3.5.2\n',
  '  sparkVersion: 3.5.2\n  sparkConf:\n    spark.driver.extraJavaOptions: "-Dlog.dir={{ .Values.logDir }}"\n');

/** Writes `text` as a chart's template (with Chart.yaml beside templates/) or as a plain file. */
function write(text: string, inChart: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-rule-'));
  const folder = inChart ? path.join(dir, 'templates') : dir;
  fs.mkdirSync(folder, { recursive: true });
  if (inChart) { fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n'); }
  const file = path.join(folder, 'app.k8s.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('helmTemplateViolations', () => {
  test('reports a Spark conf value holding {{ in a chart template, by its YAML path', () => {
    const file = write(WITH_ACTION, true);
    expect(isHelmTemplate(file)).toBe(true);
    expect(helmTemplateViolations([{ file, text: WITH_ACTION }], new Set())).toEqual([{
      ruleName: 'HELM_TEMPLATE_ACTION',
      recommendation: 'error: SparkApplication default/spark-pi-eci-only: spec.sparkConf["spark.driver.extraJavaOptions"] must not hold "{{" '
        + 'in a Helm chart\'s template, where Helm reads it as a template action at install (got "-Dlog.dir={{ .Values.logDir }}")',
      fix: 'Keep "{{" out of the value, write it as {{ "{{" }} so that Helm prints it as text, or synthesize plain YAML (without --format helm) for this app.',
      violatingResources: [{
        resourceName: 'spark-pi-eci-only',
        locations: ['SparkApplication default/spark-pi-eci-only (document 1): spec.sparkConf["spark.driver.extraJavaOptions"]'],
        manifestPath: file,
      }],
    }]);
  });

  test('reports keys, list items and objects of any kind, and names shared names in full', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\n  labels:\n    "{{ x }}": a\ndata:\n  args: ok\n---\n'
      + 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: conf\nspec:\n  containers:\n  - name: c\n    args: ["a", "{{b}}"]\n';
    const file = write(text, true);
    expect(helmTemplateViolations([{ file, text }], new Set(['conf'])).map(v => v.violatingResources[0].locations[0])).toEqual([
      'ConfigMap conf (document 1): metadata.labels["{{ x }}"] (the key)',
      'Pod conf (document 2): spec.containers[0].args[1]',
    ]);
  });

  test('leaves plain YAML alone: {{ is only a template action in a chart', () => {
    const file = write(WITH_ACTION, false);
    expect(isHelmTemplate(file)).toBe(false);
    expect(helmTemplateViolations([{ file, text: WITH_ACTION }], new Set())).toEqual([]);
  });

  test('finds nothing in a template without {{', () => {
    const file = write(ECI_ONLY, true);
    expect(helmTemplateViolations([{ file, text: ECI_ONLY }], new Set())).toEqual([]);
  });
});
