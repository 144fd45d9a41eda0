// The CDK app entry (cdk.json: "npx tsx infra/app.ts"): the cloud host of the same HTTP app
// that `npm start` runs locally (infra/local.ts). See docs/deploy.md.
import { App } from 'aws-cdk-lib';
import { defineAtelier, optionsFromContext } from './atelier.ts';

const app = new App();
defineAtelier(app, optionsFromContext(app));
app.synth();
