// Test fixture: synthesizes the Atelier cloud assembly the way `npm run synth` does (same
// cdk.json context, same defineAtelier), optionally without bundling the Lambda code.
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Atelier, type AtelierOptions, DEFAULT_OPTIONS, defineAtelier } from '../../infra/atelier.ts';
import { fromRoot } from '../../infra/paths.ts';

/** The context `cdk synth` would pass: cdk.json's feature flags and atelier:* settings. */
export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(fromRoot('cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** A throwaway web build, so synthesis does not depend on whether web/dist was built. */
export const fakeWebBuild = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Atelier</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("atelier")');
  return dir;
};

export interface Synthesized extends Atelier {
  cdkApp: App;
  assembly: CloudAssembly;
  outdir: string;
  /** Removes the cloud assembly and the throwaway web build. */
  dispose: () => void;
}

export interface SynthOptions extends Partial<AtelierOptions> {
  /** Build the Lambda bundles; without them (CDK's `aws:cdk:bundling-stacks` empty) templates are complete. */
  bundle: boolean;
  /**
   * Run CDK's built-in CloudFormation template rules, as `cdk synth` does (default). Their
   * engine takes seconds to start in each test process, so files that test something else
   * may leave them to atelier.test.ts.
   */
  cfnValidation?: boolean;
}

/** Synthesizes into a fresh temporary directory; cdk-nag runs as in `cdk synth`. */
export const synthAtelier = (options: SynthOptions): Synthesized => {
  const { bundle, cfnValidation = true, ...overrides } = options;
  const outdir = mkdtempSync(join(tmpdir(), 'atelier-cdk-'));
  const context: Record<string, unknown> = { ...cdkJsonContext() };
  if (!bundle) context['aws:cdk:bundling-stacks'] = [];
  const cdkApp = new App({ outdir, context, builtinCloudFormationValidation: cfnValidation });
  const webDir = fakeWebBuild();
  const stacks = defineAtelier(cdkApp, { ...DEFAULT_OPTIONS, webDir, ...overrides });
  const dispose = () => {
    for (const dir of [outdir, webDir]) rmSync(dir, { recursive: true, force: true });
  };
  try {
    return { ...stacks, cdkApp, assembly: cdkApp.synth(), outdir, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
};
