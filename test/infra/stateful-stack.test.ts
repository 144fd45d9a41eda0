// The stateful stack's template: the table matches the key schema the local host uses, and
// every bucket is private, encrypted and TLS-only; the mesh lifecycle rule and the
// data-access policies are exactly as documented.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEXES, KEY_ATTRIBUTES, TTL_ATTRIBUTE } from '../../functions/store/table-schema.ts';
import { synthAtelier, type Synthesized } from './synth.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown; Condition?: unknown };
const actionsOf = (statement: Statement): string[] => [statement.Action].flat();

describe('stateful stack', () => {
  let synth: Synthesized;
  let template: Template;
  beforeAll(() => {
    synth = synthAtelier({ bundle: false, cfnValidation: false });
    template = Template.fromStack(synth.data);
  });
  afterAll(() => synth?.dispose());

  it('declares the single table from the shared key schema, on demand, with PITR, TTL and deletion protection', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: KEY_ATTRIBUTES.partition, KeyType: 'HASH' },
          { AttributeName: KEY_ATTRIBUTES.sort, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: INDEXES.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partition, KeyType: 'HASH' },
            { AttributeName: index.sort, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      },
    });
    const attributes = template.findResources('AWS::DynamoDB::Table');
    const defined = Object.values(attributes)[0]!.Properties.AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
    expect(defined.every((a) => a.AttributeType === 'S')).toBe(true);
  });

  it('keeps every bucket private: public access blocked, S3-managed encryption, ACLs off, TLS required', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(2);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption, id).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
      expect(bucket.Properties.OwnershipControls, id).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
      expect(bucket.DeletionPolicy, id).toBe('Retain');
      const policy = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: id } } }))[0];
      const statements = policy!.Properties.PolicyDocument.Statement as Statement[];
      expect(statements, id).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      expect(statements, id).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      );
      expect(statements.filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('"*"')), id).toEqual([]);
    }
  });

  it('logs mesh bucket access to the log bucket and expires quoted meshes (meshes/), never ordered ones (orders/)', () => {
    const logBucketId = synth.data.getLogicalId(synth.data.accessLogs.node.defaultChild as never);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucketId }, LogFilePrefix: 'meshes-bucket/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'expire-unordered-quote-meshes',
            Status: 'Enabled',
            Prefix: 'meshes/',
            ExpirationInDays: 30,
          }),
        ]),
      },
    });
    const meshBucket = template.toJSON().Resources[synth.data.getLogicalId(synth.data.meshBucket.node.defaultChild as never)];
    const rules = meshBucket.Properties.LifecycleConfiguration.Rules as { Prefix?: string; ExpirationInDays?: number }[];
    expect(rules.filter((r) => r.ExpirationInDays !== undefined).map((r) => r.Prefix)).toEqual(['meshes/']);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'expire-logs', ExpirationInDays: 90 })] },
    });
  });

  it('grants data access action by action: no wildcard actions, no table or item deletion, no scans at all', () => {
    const policies = template.findResources('AWS::IAM::ManagedPolicy');
    expect(Object.keys(policies)).toHaveLength(3);
    // The notifier's sweep queries the sparse due index (functions/store/outbox.ts); nothing scans the table.
    for (const [, policy] of Object.entries(policies)) {
      for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) {
        for (const action of actionsOf(statement)) {
          expect(action).not.toContain('*');
          expect(['dynamodb:DeleteTable', 'dynamodb:DeleteItem', 'dynamodb:UpdateTable', 's3:DeleteObject', 's3:PutBucketPolicy']).not.toContain(action);
          expect(action).not.toBe('dynamodb:Scan');
        }
      }
    }
  });

  it('lets the API function read meshes and write only order copies (orders/); only the mesh function uploads under meshes/', () => {
    const statementsOf = (policy: { node: { defaultChild?: unknown } }) => {
      const id = synth.data.getLogicalId(policy.node.defaultChild as never);
      return template.toJSON().Resources[id].Properties.PolicyDocument.Statement as (Statement & { Sid: string })[];
    };
    const api = statementsOf(synth.data.apiDataAccess);
    const mesh = statementsOf(synth.data.meshDataAccess);
    const meshObjects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [synth.data.getLogicalId(synth.data.meshBucket.node.defaultChild as never), 'Arn'] }, '/meshes/*']] };
    expect(api.find((s) => s.Sid === 'MeshObjects')).toMatchObject({ Action: 's3:GetObject', Resource: meshObjects });
    expect(mesh.find((s) => s.Sid === 'MeshObjects')).toMatchObject({ Action: ['s3:GetObject', 's3:PutObject'], Resource: meshObjects });
    const orderObjects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [synth.data.getLogicalId(synth.data.meshBucket.node.defaultChild as never), 'Arn'] }, '/orders/*']] };
    expect(api.find((s) => s.Sid === 'OrderObjects')).toMatchObject({ Action: ['s3:GetObject', 's3:PutObject'], Resource: orderObjects });
    expect(api.filter((s) => actionsOf(s).includes('s3:PutObject')).map((s) => s.Resource)).toEqual([orderObjects]);
    expect(mesh.find((s) => s.Sid === 'OrderObjects')).toBeUndefined();
    expect(api.find((s) => s.Sid === 'TableItems')!.Action).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    // Queries go to the named indexes only, never the base table.
    const tableArn = { 'Fn::GetAtt': [synth.data.getLogicalId(synth.data.table.node.defaultChild as never), 'Arn'] };
    expect(api.find((s) => s.Sid === 'TableIndexes')).toMatchObject({
      Action: 'dynamodb:Query',
      Resource: ['GSI1', 'GSI2'].map((name) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] })),
    });
    expect(mesh.find((s) => s.Sid === 'TableIndexes')!.Resource).toEqual({ 'Fn::Join': ['', [tableArn, '/index/GSI1']] });
  });

  it('outputs the table and bucket names that npm run shops needs', () => {
    template.hasOutput('TableName', { Value: { Ref: synth.data.getLogicalId(synth.data.table.node.defaultChild as never) } });
    template.hasOutput('BucketName', { Value: { Ref: synth.data.getLogicalId(synth.data.meshBucket.node.defaultChild as never) } });
  });

  it('drops deletion protection and empties buckets on delete when the context turns protection off', () => {
    const dev = synthAtelier({ bundle: false, cfnValidation: false, deletionProtection: false });
    try {
      const devTemplate = Template.fromStack(dev.data);
      devTemplate.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', Properties: { DeletionProtectionEnabled: false } });
      for (const bucket of Object.values(devTemplate.findResources('AWS::S3::Bucket'))) expect(bucket.DeletionPolicy).toBe('Delete');
      devTemplate.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    } finally {
      dev.dispose();
    }
  });
});
