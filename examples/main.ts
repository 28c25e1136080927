import { App } from 'cdk8s';
import { defineExampleApp } from './example-app';

const app = new App();
defineExampleApp(app);
app.synth();
