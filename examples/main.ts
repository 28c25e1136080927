import { App } from 'cdk8s';
import { defineSeedCharts } from './seed-app';

const app = new App();
defineSeedCharts(app);
app.synth();
