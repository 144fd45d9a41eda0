// The browser's one origin: CloudFront serves the built web app from a private bucket
// (origin access control) and sends /api/* to the HTTP API uncached, with security headers
// on every response. The build in web/dist is uploaded when it exists at synth time.
import { Annotations, type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, ORIGIN_VERIFY_HEADER, PERMISSIONS_POLICY } from '../../functions/api/security-policy.ts';
import { PrivateBucket } from './private-bucket.ts';

export { CONTENT_SECURITY_POLICY };

export interface WebSiteProps {
  /** Domain of the HTTP API (<id>.execute-api.<region>.amazonaws.com). */
  apiDomain: string;
  /** Sent to the API in ORIGIN_VERIFY_HEADER on every request, so it can refuse the rest. */
  originSecret: string;
  accessLogs: s3.IBucket;
  /** The built web app; skipped with a warning if it has no index.html. */
  webDir: string;
}

export class WebSite extends Construct {
  readonly bucket: PrivateBucket;
  readonly distribution: cloudfront.Distribution;
  readonly deployed: boolean;

  constructor(scope: Construct, id: string, props: WebSiteProps) {
    super(scope, id);
    // Build output only: rebuilt and re-uploaded on every deploy, so it goes with the stack.
    this.bucket = new PrivateBucket(this, 'Bucket', {
      accessLogs: props.accessLogs,
      accessLogsPrefix: 'site-bucket/',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Atelier: HSTS, CSP, no framing, no sniffing, strict referrer',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true }],
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: `${Stack.of(this).stackName}: web app and /api`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiDomain, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
            // Replaces any header of that name a viewer sends.
            customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret },
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Every viewer header but Host (API Gateway routes on its own host name). An origin
          // request policy cannot list Authorization by name (CloudFront rejects it); this
          // managed policy forwards it, with Idempotency-Key, X-Order-Token and Content-Type.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
          compress: true,
        },
      },
    });
    this.acknowledgeDistributionFindings();

    this.deployed = existsSync(join(props.webDir, 'index.html'));
    if (this.deployed) this.deployWebApp(props.webDir);
    else {
      Annotations.of(this).addWarningV2(
        'atelier:web-not-built',
        `No web app at ${props.webDir} (index.html missing): the site bucket stays empty. Run npm run build:web before deploying.`,
      );
    }
  }

  /** Uploads the build and invalidates the CDN, with a role that has no managed policy. */
  private deployWebApp(webDir: string): void {
    const logGroup = new logs.LogGroup(this, 'DeployLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const role = new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Uploads the web build to the site bucket and invalidates the CDN',
    });
    logGroup.grantWrite(role);
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      sources: [s3deploy.Source.asset(webDir)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      role,
      logGroup,
      memoryLimit: 512,
    });
    acknowledgeDeploymentFindings(role, deployment, this.bucket);
  }

  private acknowledgeDistributionFindings(): void {
    const ack = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id, reason });
    ack('AwsSolutions-CFR1', 'Customers may be anywhere a print shop is; routing already limits orders to nearby shops, and no law requires blocking countries.');
    ack('AwsSolutions-CFR2', 'AWS WAF costs at least $5/month plus $1 per rule, more than the whole low-volume deployment; API Gateway throttles every route (tighter for quotes). docs/deploy.md shows how to attach a web ACL.');
    ack('AwsSolutions-CFR3', 'CloudFront standard logs need an ACL-enabled log bucket and ACLs stay disabled everywhere here; every /api request is logged by the API access log, and the site bucket has S3 server access logs.');
    ack('AwsSolutions-CFR4', 'The default *.cloudfront.net certificate cannot set a minimum TLS version; with a custom domain and ACM certificate (docs/deploy.md) set TLSv1.2_2021.');
  }
}

/**
 * The upload Lambda and its permissions come from aws-cdk-lib's BucketDeployment: it runs
 * only during `cdk deploy`, reads the staged asset and syncs it into the site bucket.
 */
const acknowledgeDeploymentFindings = (role: iam.Role, deployment: s3deploy.BucketDeployment, siteBucket: s3.Bucket): void => {
  const onRole = (finding: string, reason: string) => Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  const assetRead = 'BucketDeployment grants read (s3:GetObject*, s3:GetBucket*, s3:List*) on the bootstrap asset bucket, to fetch the staged web build, and on the site bucket, to sync it; keys are known only at deploy time.';
  onRole('Action::s3:GetObject*', assetRead);
  onRole('Action::s3:GetBucket*', assetRead);
  onRole('Action::s3:List*', assetRead);
  onRole('Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*', assetRead);
  const siteSync = 'The upload syncs the whole web build into the site bucket (writes, prunes stale files, aborts failed multipart uploads): object actions on that bucket only.';
  onRole('Action::s3:DeleteObject*', siteSync);
  onRole('Action::s3:Abort*', siteSync);
  onRole(`Resource::<${Stack.of(siteBucket).getLogicalId(siteBucket.node.defaultChild as CfnElement)}.Arn>/*`, siteSync);
  onRole('Resource::*', 'cloudfront:CreateInvalidation/GetInvalidation, granted by BucketDeployment to invalidate this distribution after an upload.');
  const handler = Stack.of(deployment).node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (handler) {
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The upload function is aws-cdk-lib\'s own (BucketDeployment); its Python runtime moves with aws-cdk-lib upgrades and it runs only during deploys.',
    });
  }
};
