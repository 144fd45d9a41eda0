// The stateless stack's template: two arm64 Node 22 functions with only their own log
// permissions plus the data stack's policies, routes to the right function, a throttled and
// logged HTTP API, and CloudFront with origin access control, an uncached /api/* behaviour
// and security headers.
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthAtelier, type Synthesized } from './synth.ts';

/** Managed policy IDs CloudFront publishes (CachingDisabled, AllViewerExceptHostHeader). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DependsOn?: string[] }>;

describe('stateless stack', () => {
  let synth: Synthesized;
  let template: Template;
  let resources: Resources;
  const idOf = (construct: { node: { defaultChild?: unknown } }) => synth.app.getLogicalId(construct.node.defaultChild as CfnFunction);

  beforeAll(() => {
    synth = synthAtelier({ bundle: false, cfnValidation: false });
    template = Template.fromStack(synth.app);
    resources = template.toJSON().Resources as Resources;
  });
  afterAll(() => synth?.dispose());

  it('runs both functions on arm64 and Node 22 with the store environment and the site origin for links', () => {
    const api = resources[idOf(synth.app.apiFunction.function)]!.Properties;
    const mesh = resources[idOf(synth.app.meshFunction.function)]!.Properties;
    for (const fn of [api, mesh]) {
      expect(fn).toMatchObject({ Architectures: ['arm64'], Runtime: 'nodejs22.x', Handler: 'index.handler' });
      expect(Object.keys(fn.Environment.Variables).sort()).toEqual(['BUCKET_NAME', 'ORDER_TOKEN_SECRET', 'ORIGIN_VERIFY_SECRET', 'PUBLIC_BASE_URL', 'QUOTE_MESH_DAYS', 'TABLE_NAME']);
      expect(fn.Environment.Variables.PUBLIC_BASE_URL).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [idOf(synth.app.site.distribution), 'DomainName'] }]],
      });
      expect(fn.LoggingConfig.LogGroup).toBeDefined();
    }
    expect(api.MemorySize).toBe(512);
    expect(mesh.MemorySize).toBe(1024);
    expect(mesh.Timeout).toBeLessThan(30);
  });

  it('gives each function role its own log group and its data policy, and nothing else', () => {
    for (const [fn, policy] of [
      [synth.app.apiFunction, synth.data.apiDataAccess],
      [synth.app.meshFunction, synth.data.meshDataAccess],
    ] as const) {
      const role = resources[idOf(fn.role)]!.Properties;
      expect(role.ManagedPolicyArns).toHaveLength(1);
      // A weak cross-stack reference to the data stack's output for exactly this policy.
      expect(JSON.stringify(role.ManagedPolicyArns[0])).toContain(synth.data.getLogicalId(policy.node.defaultChild as never));
      const inline = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: idOf(fn.role) }]));
      expect(inline).toHaveLength(1);
      expect(inline[0]!.Properties.PolicyDocument.Statement).toEqual([
        { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [idOf(fn.logGroup), 'Arn'] } },
      ]);
    }
    // No AWS-managed policy anywhere on the function roles (e.g. AWSLambdaBasicExecutionRole).
    expect(JSON.stringify(resources[idOf(synth.app.apiFunction.role)])).not.toContain('arn:aws:iam::aws:policy');
  });

  it('never grants a wildcard action on DynamoDB or S3 in the functions\' own policies, and no s3:PutObject there (data grants live in the stateful stack)', () => {
    const functionPolicies = Object.values(resources).filter(
      (r) => r.Type === 'AWS::IAM::Policy' && [synth.app.apiFunction, synth.app.meshFunction].some((fn) => JSON.stringify(r.Properties.Roles).includes(idOf(fn.role))),
    );
    const actions = functionPolicies.flatMap((p) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()));
    expect(actions.filter((a) => /^(dynamodb|s3):.*\*/.test(a) || a === '*')).toEqual([]);
    expect(actions).not.toContain('s3:PutObject');
  });

  it('routes POST /api/quotes to the mesh function and every other /api route to the API function', () => {
    const functionOfRoute = (routeKey: string): string => {
      const route = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.RouteKey === routeKey);
      expect(route, routeKey).toBeDefined();
      expect(route!.Properties.AuthorizationType).toBe('NONE');
      const integrationId = (route!.Properties.Target['Fn::Join'][1] as unknown[])[1] as { Ref: string };
      const integration = resources[integrationId.Ref]!.Properties;
      expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      return integration.IntegrationUri['Fn::GetAtt'][0];
    };
    expect(functionOfRoute('POST /api/quotes')).toBe(idOf(synth.app.meshFunction.function));
    expect(functionOfRoute('ANY /api/{proxy+}')).toBe(idOf(synth.app.apiFunction.function));
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
  });

  it('throttles the stage (quotes tighter) and writes access logs without query strings or headers', () => {
    const stage = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!;
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: { 'POST /api/quotes': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 } },
    });
    expect(stage.DependsOn).toContain(Object.entries(resources).find(([, r]) => r.Properties?.RouteKey === 'POST /api/quotes')![0]);
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', route: '$context.routeKey', path: '$context.path', status: '$context.status' });
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/query|header|authorization|apikey|\$input|requestOverride/i);
    const accessLogs = resources[idOf(synth.app.httpApi.accessLogs)]!.Properties;
    expect(accessLogs.RetentionInDays).toBe(90);
  });

  it('serves the web app from a private bucket through origin access control, /api/* uncached to the API', () => {
    const siteBucket = idOf(synth.app.site.bucket);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    const distribution = resources[idOf(synth.app.site.distribution)]!.Properties.DistributionConfig;
    const s3Origin = distribution.Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [siteBucket, 'RegionalDomainName'] });
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(distribution.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true });
    expect(distribution.DefaultRootObject).toBe('index.html');

    const api = distribution.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ViewerProtocolPolicy: 'https-only',
    });
    const apiOrigin = distribution.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(apiOrigin.DomainName)).toContain(idOf(synth.app.httpApi.api));

    // Only CloudFront, for this distribution, may read the site bucket.
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties.Bucket.Ref === siteBucket)!;
    const reads = (policy.Properties.PolicyDocument.Statement as { Effect: string; Principal?: { Service?: string }; Condition?: unknown }[]).filter((s) => s.Effect === 'Allow');
    expect(reads).toContainEqual(
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    );
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LoggingConfiguration: { LogFilePrefix: 'site-bucket/' },
    });
  });

  it('adds security headers to every response, the API included', () => {
    const headersPolicy = Object.entries(resources).find(([, r]) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy')!;
    const config = headersPolicy[1].Properties.ResponseHeadersPolicyConfig;
    expect(config.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
      ContentSecurityPolicy: { ContentSecurityPolicy: expect.stringContaining("frame-ancestors 'none'"), Override: true },
    });
    expect(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    const distribution = resources[idOf(synth.app.site.distribution)]!.Properties.DistributionConfig;
    for (const behavior of [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors]) {
      expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: headersPolicy[0] });
    }
  });

  it('uploads the web build and invalidates the CDN when the build exists', () => {
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: idOf(synth.app.site.bucket) },
      DistributionPaths: ['/*'],
    });
  });

  it('outputs the site URL and the API URL', () => {
    template.hasOutput('SiteUrl', { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [idOf(synth.app.site.distribution), 'DomainName'] }]] } });
    template.hasOutput('ApiUrl', { Value: { 'Fn::GetAtt': [idOf(synth.app.httpApi.api), 'ApiEndpoint'] } });
  });

  it('skips the upload with a warning when web/dist has not been built', () => {
    const empty = mkdtempSync(join(tmpdir(), 'atelier-no-web-'));
    const bare = synthAtelier({ bundle: false, cfnValidation: false, webDir: empty });
    try {
      Template.fromStack(bare.app).resourceCountIs('Custom::CDKBucketDeployment', 0);
      const warnings = bare.assembly.getStackByName(bare.app.stackName).messages.filter((m) => m.level === 'warning');
      expect(warnings.map((w) => String(w.entry.data))).toEqual([expect.stringContaining('npm run build:web')]);
    } finally {
      bare.dispose();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
