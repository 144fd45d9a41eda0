// The app as a whole (infra/atelier.ts): cdk-nag AwsSolutions finds nothing unacknowledged,
// every acknowledgement is one a reviewer can read and is listed here on purpose, synthesis
// leaves no warnings, the checks really gate synthesis, and CLI context is parsed strictly.
import { App, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, defineAtelier, optionsFromContext } from '../../infra/atelier.ts';
import { cdkJsonContext, fakeWebBuild, synthAtelier, type Synthesized } from './synth.ts';

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

const acknowledgementsIn = (root: IConstruct): Acknowledgement[] =>
  root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        // Rule ids without a plugin prefix are stored as `Annotation::<id>`; cdk-nag reads both.
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason })),
      ),
  );

/** Every acknowledged AwsSolutions rule, by construct: adding one means editing this list. */
const EXPECTED = [
  'AtelierData/AccessLogs AwsSolutions-S1',
  'AtelierData/OrderTokenSecret AwsSolutions-SMG4',
  'AtelierData/ApiDataAccess/Policy AwsSolutions-IAM5[Resource::<Meshes45532698.Arn>/meshes/*]',
  'AtelierData/ApiDataAccess/Policy AwsSolutions-IAM5[Resource::<Meshes45532698.Arn>/orders/*]',
  'AtelierData/MeshDataAccess/Policy AwsSolutions-IAM5[Resource::<Meshes45532698.Arn>/meshes/*]',
  'AtelierApp/OriginVerifySecret AwsSolutions-SMG4',
  'AtelierApp/ApiFunction/Function AwsSolutions-L1',
  'AtelierApp/MeshFunction/Function AwsSolutions-L1',
  'AtelierApp/Notifier/Function/Function AwsSolutions-L1',
  'AtelierApp/Notifier/Function/Role/DefaultPolicy AwsSolutions-IAM5[Resource::*]',
  'AtelierApp/Http/Api AwsSolutions-APIG4',
  'AtelierApp/Site/Cdn AwsSolutions-CFR1',
  'AtelierApp/Site/Cdn AwsSolutions-CFR2',
  'AtelierApp/Site/Cdn AwsSolutions-CFR3',
  'AtelierApp/Site/Cdn AwsSolutions-CFR4',
  'AtelierApp/Site/DeployRole AwsSolutions-IAM5[Action::s3:GetObject*]',
  'AtelierApp/Site/DeployRole AwsSolutions-IAM5[Action::s3:GetBucket*]',
  'AtelierApp/Site/DeployRole AwsSolutions-IAM5[Action::s3:List*]',
  'AtelierApp/Site/DeployRole AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
  'AtelierApp/Site/DeployRole AwsSolutions-IAM5[Action::s3:DeleteObject*]',
  'AtelierApp/Site/DeployRole AwsSolutions-IAM5[Action::s3:Abort*]',
  'AtelierApp/Site/DeployRole AwsSolutions-IAM5[Resource::<SiteBucket978D4AEB.Arn>/*]',
  'AtelierApp/Site/DeployRole AwsSolutions-IAM5[Resource::*]',
  'AtelierApp/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C512MiB AwsSolutions-L1',
];

describe('cdk-nag AwsSolutions on the whole app', () => {
  let synth: Synthesized;
  beforeAll(() => {
    // With order emails on, so the notifier's SES permission is checked too (without them it sends webhooks only).
    synth = synthAtelier({ bundle: false, mail: { from: 'Atelier <orders@atelier.example>', identity: 'atelier.example' } });
  });
  afterAll(() => synth?.dispose());

  it('reports no unacknowledged finding', () => {
    const report = new AwsSolutionsChecks(synth.cdkApp).validateScope(synth.cdkApp);
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('leaves no warning or error on either stack, from CDK, its CloudFormation rules or cdk-nag', () => {
    for (const stack of [synth.data, synth.app]) {
      const messages = synth.assembly.getStackByName(stack.stackName).messages;
      expect(messages.filter((m) => m.level !== 'info').map((m) => `${m.id}: ${String(m.entry.data)}`), stack.stackName).toEqual([]);
    }
  });

  it('acknowledges exactly the listed rules, each with a reason a reviewer can check', () => {
    const acks = acknowledgementsIn(synth.cdkApp);
    console.info(acks.map((a) => `${a.path} ${a.id}: ${a.reason}`).join('\n'));
    expect(acks.map((a) => `${a.path} ${a.id}`).sort()).toEqual([...EXPECTED].sort());
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(60);
      expect(ack.reason, `${ack.path} ${ack.id}`).toMatch(/\.$/);
    }
  });

  it('is just as clean with deletion protection off (dev stacks with auto-deleted buckets)', () => {
    const dev = synthAtelier({ bundle: false, deletionProtection: false });
    try {
      expect(new AwsSolutionsChecks(dev.cdkApp).validateScope(dev.cdkApp).violations).toEqual([]);
    } finally {
      dev.dispose();
    }
  });

  it('fails synthesis on a finding nobody acknowledged', () => {
    const webDir = fakeWebBuild();
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'atelier-cdk-')), context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const { data } = defineAtelier(app, { ...DEFAULT_OPTIONS, webDir });
    new s3.Bucket(data, 'Careless', { enforceSSL: false });
    try {
      expect(() => app.synth()).toThrow(/AtelierData\/Careless[\s\S]*AwsSolutions-S10/);
    } finally {
      for (const dir of [app.outdir, webDir]) rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('options from CDK context', () => {
  const appWith = (context: Record<string, unknown>) => new App({ context });

  it('defaults to protected data and the documented limits', () => {
    expect(optionsFromContext(appWith({}))).toMatchObject({ prefix: 'Atelier', deletionProtection: true, quoteMeshDays: 30, throttle: { rateLimit: 50, burstLimit: 100 } });
  });

  it('reads -c values, which arrive as strings', () => {
    const options = optionsFromContext(appWith({ 'atelier:deletionProtection': 'false', 'atelier:quoteMeshDays': '7', 'atelier:prefix': 'AtelierDev', 'atelier:webDir': 'web/dist' }));
    expect(options).toMatchObject({ deletionProtection: false, quoteMeshDays: 7, prefix: 'AtelierDev' });
    expect(options.webDir.endsWith(join('web', 'dist'))).toBe(true);
  });

  it('refuses a limit that is not a positive number', () => {
    expect(() => optionsFromContext(appWith({ 'atelier:rateLimit': 'lots' }))).toThrow('context atelier:rateLimit must be a positive number, got "lots"');
  });
});
