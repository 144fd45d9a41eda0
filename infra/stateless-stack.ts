// The stateless half of the cloud host: the two Lambda functions that run the same HTTP app
// as `npm start`, the HTTP API in front of them, and CloudFront serving the web app with /api
// routed to the API. Safe to destroy and redeploy; the data lives in the stateful stack.
import { Annotations, CfnOutput, Duration, Fn, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AtelierFunction } from './constructs/atelier-function.ts';
import { AtelierHttpApi, type Throttle } from './constructs/http-api.ts';
import { OrderNotifier, type MailOptions } from './constructs/order-notifier.ts';
import { WebSite } from './constructs/web-site.ts';
import { manifoldWasmPath, typefaceFilePaths } from './paths.ts';
import type { StatefulResources } from './stateful-stack.ts';

export interface StatelessStackProps extends StackProps {
  data: StatefulResources;
  /** The built web app (web/dist). */
  webDir: string;
  throttle: Throttle;
  quoteThrottle: Throttle;
  /** Order emails (SES); without it the notifier sends shop webhooks only and no email is sent. */
  mail?: MailOptions;
  /** Days the API's access log is kept: the same figure as the S3 server access logs. */
  accessLogDays: number;
}

export class StatelessStack extends Stack {
  readonly apiFunction: AtelierFunction;
  readonly meshFunction: AtelierFunction;
  readonly httpApi: AtelierHttpApi;
  readonly site: WebSite;
  readonly notifier: OrderNotifier;
  /** What CloudFront sends in ORIGIN_VERIFY_HEADER and the functions check. */
  readonly originSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { table, meshBucket, accessLogs } = props.data;
    // The header CloudFront adds so the API knows a request came through it (see http-api.ts).
    // Resolved into the distribution and the functions' environment at deploy time.
    this.originSecret = new secretsmanager.Secret(this, 'OriginVerifySecret', {
      description: 'Atelier: header value CloudFront adds to /api requests; the API refuses requests without it',
      generateSecretString: { passwordLength: 40, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'CloudFront origin headers and Lambda environment variables take the value at deploy time, so rotation means a redeploy; to rotate, put a new value and run cdk deploy (docs/security.md). It only keeps clients off the execute-api endpoint; it guards no data.',
    });
    const storeEnvironment = {
      TABLE_NAME: table.tableName,
      BUCKET_NAME: meshBucket.bucketName,
      // The app stops reusing a quoted mesh a day before the bucket's lifecycle rule deletes it.
      QUOTE_MESH_DAYS: String(props.data.quoteMeshDays),
      // Order links carry a token derived under this secret (the API issues them, mails repeat them).
      ORDER_TOKEN_SECRET: props.data.orderTokenSecret.secretValue.unsafeUnwrap(),
    };
    // Only the functions behind the HTTP API check CloudFront's header.
    const httpEnvironment = { ...storeEnvironment, ORIGIN_VERIFY_SECRET: this.originSecret.secretValue.unsafeUnwrap() };

    // The functions are created first, the API routes to them, the CDN fronts the API, and
    // the functions learn the CDN's address for the links they hand out. No cycle: the CDN
    // depends on the API resource only, not on its routes.
    this.apiFunction = new AtelierFunction(this, 'ApiFunction', {
      entry: 'functions/lambda/api.ts',
      description: 'Atelier HTTP app: catalogue, orders, shop API (every route but POST /api/quotes)',
      memorySize: 512,
      timeout: Duration.seconds(10),
      environment: httpEnvironment,
      // It lists the designs but never letters one (quotes go to the mesh function): no font parser.
      unusedModules: ['opentype.js'],
    });
    this.meshFunction = new AtelierFunction(this, 'MeshFunction', {
      entry: 'functions/lambda/mesh.ts',
      description: 'Atelier HTTP app for POST /api/quotes: builds meshes with manifold-3d (WASM)',
      memorySize: 1024,
      timeout: Duration.seconds(29),
      environment: httpEnvironment,
      extraFiles: [manifoldWasmPath(), ...typefaceFilePaths()],
    });
    this.apiFunction.role.addManagedPolicy(props.data.apiDataAccess);
    this.meshFunction.role.addManagedPolicy(props.data.meshDataAccess);
    this.httpApi = new AtelierHttpApi(this, 'Http', {
      apiFunction: this.apiFunction.function,
      meshFunction: this.meshFunction.function,
      throttle: props.throttle,
      quoteThrottle: props.quoteThrottle,
      accessLogDays: props.accessLogDays,
    });
    this.site = new WebSite(this, 'Site', {
      apiDomain: Fn.select(2, Fn.split('/', this.httpApi.endpoint)),
      originSecret: this.originSecret.secretValue.unsafeUnwrap(),
      accessLogs,
      webDir: props.webDir,
    });
    const siteUrl = `https://${this.site.distribution.distributionDomainName}`;
    for (const fn of [this.apiFunction, this.meshFunction]) fn.function.addEnvironment('PUBLIC_BASE_URL', siteUrl);
    // Always deployed: shop webhooks need it; order emails only with the mail context.
    this.notifier = new OrderNotifier(this, 'Notifier', {
      table,
      dataAccess: props.data.notifyDataAccess,
      environment: { ...storeEnvironment, PUBLIC_BASE_URL: siteUrl },
      mail: props.mail,
    });
    if (!props.mail) {
      Annotations.of(this).addInfo('No atelier:mailFrom / atelier:senderIdentity in context: no order emails are sent, shop webhooks are (docs/deploy.md).');
    }

    new CfnOutput(this, 'SiteUrl', { value: siteUrl, description: 'The web app; the API is under /api' });
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.endpoint, description: 'The HTTP API itself (routes under /api)' });
  }
}
