/**
 * The example app before and after the changes `plan --compare` is tested on, and the YAML a
 * `cdk8s synth` of each would write (one file per chart, as in `dist/`).
 */
import { ApiObject, App, Chart, JsonPatch, Size, Yaml } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { defineSeedCharts } from '../../examples/seed-app';
import { ElasticQuotaTree } from '../../src';
import { ManifestFile } from '../../src/model/plan';

/** The seed's charts of the example app, as `main` has them. */
export function seedApp(): App {
  const app = new App();
  defineSeedCharts(app);
  return app;
}

/** The job of a chart of the app. */
export function jobOf(app: App, chart: string): ApiObject {
  return ApiObject.of(app.node.findChild(chart).node.findChild('SparkPi'));
}

/** The policy job asks for 6 executors instead of 5. */
export function moreExecutors(): App {
  const app = seedApp();
  jobOf(app, 'spark-pi-resource-policy').addJsonPatch(JsonPatch.replace('/spec/executor/instances', 6));
  return app;
}

/** The ECI-only job's executors ask for spot ECI (`eci-spot-strategy: SpotAsPriceGo`). */
export function spotExecutors(): App {
  const app = seedApp();
  jobOf(app, 'spark-pi-eci-only').addJsonPatch(JsonPatch.add('/spec/executor/annotations', { 'k8s.aliyun.com/eci-spot-strategy': 'SpotAsPriceGo' }));
  return app;
}

/**
 * An ElasticQuotaTree gives namespace `default` min 4 CPUs / 8 GiB and max 5 CPUs / 16 GiB: the
 * six 1 + 2-executor jobs (5 CPUs) exceed its min, the 1 + 5-executor policy job (6 CPUs) its max.
 */
export function newQuota(): App {
  const app = seedApp();
  new ElasticQuotaTree(new Chart(app, 'quota'), 'Quota', {
    metadata: { name: 'elasticquotatree', namespace: 'kube-system' },
    root: {
      name: 'root',
      max: { cpu: Cpu.units(64), memory: Size.gibibytes(256) },
      children: [{
        name: 'default',
        namespaces: ['default'],
        min: { cpu: Cpu.units(4), memory: Size.gibibytes(8) },
        max: { cpu: Cpu.units(5), memory: Size.gibibytes(16) },
      }],
    },
  });
  return app;
}

/** What `cdk8s synth` writes for the app, without its validations: one file per chart, `<dir>/<chart>.k8s.yaml`. */
export function synthFiles(app: App, dir: string): ManifestFile[] {
  return app.charts.map(chart => ({
    file: `${dir}/${chart.node.id}.k8s.yaml`,
    text: Yaml.stringify(...chart.node.findAll().filter(ApiObject.isApiObject).map(o => (o as ApiObject).toJson())),
  }));
}
