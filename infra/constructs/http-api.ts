// The HTTP API in front of the two functions: POST /api/quotes goes to the mesh function,
// every other /api route to the API function. Throttled per stage (and tighter for quotes,
// which build meshes), with JSON access logs that record the route, never the query string
// or any header value, kept as long as every other access log (accessLogDays).
//
// The execute-api endpoint stays enabled: it is the only address CloudFront can reach an HTTP
// API at without a custom domain (disableExecuteApiEndpoint would cut CloudFront off too).
// Instead CloudFront adds a secret header that the app checks on every request (verifyOrigin
// in functions/api/middleware.ts), so a client calling the endpoint directly gets a 403.
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface Throttle {
  /** Steady requests per second. */
  rateLimit: number;
  /** Requests allowed in a burst above the steady rate. */
  burstLimit: number;
}

export interface AtelierHttpApiProps {
  apiFunction: lambda.IFunction;
  meshFunction: lambda.IFunction;
  /** Limits for the whole stage. */
  throttle: Throttle;
  /** Tighter limits for POST /api/quotes, the route that builds meshes. */
  quoteThrottle: Throttle;
  /** Days the access log is kept: one of CloudWatch's retention periods (see retentionFor). */
  accessLogDays: number;
}

/** CloudWatch accepts only its own list of retention periods; any other figure is refused at synth. */
export const retentionFor = (days: number): logs.RetentionDays => {
  const allowed = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0);
  if (!allowed.includes(days)) throw new Error(`accessLogDays must be one of CloudWatch's retention periods (${allowed.join(', ')}), got ${days}`);
  return days as logs.RetentionDays;
};

export const QUOTE_ROUTE = 'POST /api/quotes';
export const API_ROUTE = 'ANY /api/{proxy+}';

/** One JSON object per request: who asked for which route, what came back, how long it took. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  time: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  method: '$context.httpMethod',
  route: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  bytes: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

export class AtelierHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AtelierHttpApiProps) {
    super(scope, id);
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Atelier HTTP API (served to browsers through CloudFront under /api)',
      createDefaultStage: false,
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Customer routes are anonymous by design (no accounts; an order is read only with its secret token) and shop routes check a Bearer API key in the app against its stored hash. A gateway authorizer would repeat that lookup on every call.',
    });
    const [quoteRoute] = this.api.addRoutes({
      path: '/api/quotes',
      methods: [apigw.HttpMethod.POST],
      integration: new HttpLambdaIntegration('MeshIntegration', props.meshFunction),
    });
    this.api.addRoutes({
      path: '/api/{proxy+}',
      methods: [apigw.HttpMethod.ANY],
      integration: new HttpLambdaIntegration('ApiIntegration', props.apiFunction),
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: retentionFor(props.accessLogDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });
    const cfnStage = this.stage.node.defaultChild as apigw.CfnStage;
    // RouteSettings is free-form JSON to CDK, so the keys are written in CloudFormation's case.
    cfnStage.routeSettings = {
      [QUOTE_ROUTE]: { ThrottlingRateLimit: props.quoteThrottle.rateLimit, ThrottlingBurstLimit: props.quoteThrottle.burstLimit },
    };
    // Route settings name the route, so the stage must be created after it.
    this.stage.node.addDependency(quoteRoute!);
  }

  /** https://<id>.execute-api.<region>.amazonaws.com (no trailing slash). */
  get endpoint(): string {
    return this.api.apiEndpoint;
  }
}
