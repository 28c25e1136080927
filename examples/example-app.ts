// The whole example app: the seed document's charts (Spark 3.5.2, as the seed writes them) and
// a Spark 4 chart in its own namespace. `main.ts` synthesizes it; the tests plan it as one cluster.
import { App } from 'cdk8s';
import { defineSeedCharts } from './seed-app';
import { defineSpark4Chart } from './spark4-app';

/** Defines every chart of the example app in `app`. */
export function defineExampleApp(app: App): void {
  defineSeedCharts(app);
  defineSpark4Chart(app);
}
