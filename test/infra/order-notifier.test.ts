// The notifier in the stack: a function fed by the table's keys-only stream (order items only)
// and a schedule every minute that queries the sparse due index (GSI3, no scan), allowed to send with SES only as the sender identity from
// context and from the configured address, with the notify data policy and nothing broader.
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_ACCESS } from '../../infra/constructs/data-access.ts';
import { synthAtelier, type Synthesized } from './synth.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;
const MAIL = { from: 'Atelier <orders@atelier.example>', identity: 'atelier.example' };

describe('order notifier', () => {
  let synth: Synthesized;
  let app: Resources;
  let data: Resources;
  const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const id = (construct: { node: { defaultChild?: unknown } }) => synth.app.getLogicalId(construct.node.defaultChild as never);

  beforeAll(() => {
    synth = synthAtelier({ bundle: false, cfnValidation: false, mail: MAIL });
    app = Template.fromStack(synth.app).toJSON().Resources as Resources;
    data = Template.fromStack(synth.data).toJSON().Resources as Resources;
  });
  afterAll(() => synth?.dispose());

  it('streams keys only (no address leaves the table) and feeds order items to the notifier', () => {
    const [[, table]] = ofType(data, 'AWS::DynamoDB::Table');
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'KEYS_ONLY' });
    const mappings = ofType(app, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject({
      FunctionName: { Ref: id(synth.app.notifier.fn.function) },
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { SK: { S: ['ORDER'] } } } }) }] },
    });
    expect(JSON.stringify(mappings[0].EventSourceArn)).toContain('StreamArn');
  });

  it('runs the sweep every minute with {"sweep":true} (scheduled webhooks: offer windows, lease warnings)', () => {
    const rules = ofType(app, 'AWS::Events::Rule').map(([, r]) => r.Properties);
    expect(rules).toHaveLength(1);
    expect(rules[0].ScheduleExpression).toBe('rate(1 minute)');
    expect(rules[0].Targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': [id(synth.app.notifier.fn.function), 'Arn'] }, Input: '{"sweep":true}' })]);
  });

  it('may send only as the sender identity, only from the configured address; no other SES action anywhere', () => {
    const fn = synth.app.notifier.fn;
    const policy = Object.values(app).find((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: id(fn.role) }]))!;
    const ses = policy.Properties.PolicyDocument.Statement.filter((s: { Action: unknown }) => JSON.stringify(s.Action).includes('ses:'));
    expect(ses).toEqual([
      {
        Sid: 'SendAsSenderIdentity',
        Action: 'ses:SendEmail',
        Effect: 'Allow',
        Condition: { StringEquals: { 'ses:FromAddress': 'orders@atelier.example' } },
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':identity/atelier.example']] },
      },
    ]);
    const everywhere = JSON.stringify([...Object.values(app), ...Object.values(data)].filter((r) => r.Type.startsWith('AWS::IAM::')));
    expect(everywhere.match(/"ses:[A-Za-z*]+"/g)).toEqual(['"ses:SendEmail"', '"ses:FromAddress"']);
    const role = app[id(fn.role)].Properties;
    expect(role.ManagedPolicyArns).toHaveLength(1);
    expect(JSON.stringify(role.ManagedPolicyArns[0])).toContain(synth.data.getLogicalId(synth.data.notifyDataAccess.node.defaultChild as never));
  });

  it('gets table items and queries the due index only: no scan, no other index, no object', () => {
    const policy = data[synth.data.getLogicalId(synth.data.notifyDataAccess.node.defaultChild as never)].Properties;
    const tableArn = { 'Fn::GetAtt': [synth.data.getLogicalId(synth.data.table.node.defaultChild as never), 'Arn'] };
    expect(NOTIFY_ACCESS.itemActions).not.toContain('dynamodb:Scan');
    expect(policy.PolicyDocument.Statement).toEqual([
      { Sid: 'TableItems', Action: [...NOTIFY_ACCESS.itemActions].sort(), Effect: 'Allow', Resource: tableArn },
      { Sid: 'TableIndexes', Action: 'dynamodb:Query', Effect: 'Allow', Resource: { 'Fn::Join': ['', [tableArn, '/index/GSI3']] } },
    ]);
  });

  it('declares the due index on the table: DUE#<shard> / due time, sparse (only items that carry the keys)', () => {
    const [[, table]] = ofType(data, 'AWS::DynamoDB::Table');
    const index = table.Properties.GlobalSecondaryIndexes.find((i: { IndexName: string }) => i.IndexName === 'GSI3');
    expect(index).toMatchObject({ KeySchema: [{ AttributeName: 'GSI3PK', KeyType: 'HASH' }, { AttributeName: 'GSI3SK', KeyType: 'RANGE' }] });
  });

  it('knows the From address and the site for links; without mail context it is still there (webhooks), with no SES permission and no From', () => {
    const env = app[id(synth.app.notifier.fn.function)].Properties.Environment.Variables;
    expect(env.MAIL_FROM).toBe(MAIL.from);
    expect(env.PUBLIC_BASE_URL).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [id(synth.app.site.distribution), 'DomainName'] }]] });
    const plain = synthAtelier({ bundle: false, cfnValidation: false });
    try {
      const resources = Template.fromStack(plain.app).toJSON().Resources as Resources;
      expect(ofType(resources, 'AWS::Lambda::EventSourceMapping')).toHaveLength(1);
      expect(ofType(resources, 'AWS::Events::Rule')).toHaveLength(1);
      expect(JSON.stringify(resources)).not.toContain('ses:');
      const fn = resources[plain.app.getLogicalId(plain.app.notifier.fn.function.node.defaultChild as never)].Properties;
      expect(fn.Environment.Variables.MAIL_FROM).toBeUndefined();
    } finally {
      plain.dispose();
    }
  });
});
