// The settings every Atelier Lambda function shares, in one place: arm64, Node 22, an ESM
// bundle built by the local esbuild (no Docker) with the AWS SDK inside, zod without its
// translated locales (infra/bundling/), files copied beside the bundle when the code needs
// them, its own log group with a retention, and a role that may only write that log group
// until the stack attaches a data-access policy.
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fromRoot } from '../paths.ts';

/**
 * The runtime of every function. Node 22 is in AWS support until 2027 and is the closest
 * Lambda runtime to the Node 20 the tests run the bundles on; nodejs24.x is a one-line change.
 */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_22_X;

/**
 * The AWS SDK is bundled (the tested version is the deployed one) except the credential
 * providers Lambda never reaches: Lambda hands the role's credentials to the function in
 * environment variables, the first link of the SDK's default chain, and the SDK imports each
 * later link lazily, only if the ones before it failed. Leaving them out saves ~100 KB; the
 * bundle test proves the environment path works with them absent.
 */
export const UNSHIPPED_SDK_MODULES = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
  '@aws-sdk/nested-clients',
  '@aws-sdk/token-providers',
];

export interface AtelierFunctionProps {
  /** Entry point, relative to the repository root (e.g. functions/lambda/api.ts). */
  entry: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  /** Files copied beside the bundle (absolute paths), e.g. a .wasm the code loads at run time. */
  extraFiles?: string[];
  /** Modules reachable from the entry that this function never loads (left out of its bundle; importing one fails). */
  unusedModules?: string[];
  logRetention?: logs.RetentionDays;
}

export class AtelierFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AtelierFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // No AWSLambdaBasicExecutionRole: that managed policy may write to every log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${id}: writes its own logs; data access is granted explicitly`,
    });
    this.logGroup.grantWrite(this.role);
    const extraFiles = props.extraFiles ?? [];

    this.function = new NodejsFunction(this, 'Function', {
      entry: fromRoot(props.entry),
      handler: 'handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment,
      projectRoot: fromRoot(),
      depsLockFilePath: fromRoot('package-lock.json'),
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        // ES module builds of every dependency: the SDK's tree-shake far better than its CJS.
        // No `require` banner is needed: nothing bundled calls require (the bundle test checks).
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: false,
        bundleAwsSDK: true,
        externalModules: [...UNSHIPPED_SDK_MODULES, ...(props.unusedModules ?? [])],
        esbuildArgs: { '--alias': [`zod=${fromRoot('infra/bundling/zod-english.mjs')}`] },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) =>
            extraFiles.map((file) => `cp ${JSON.stringify(file)} ${JSON.stringify(outputDir)}/`),
        },
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to nodejs22.x (supported until 2027): the bundles are tested on Node 20 locally and 22 is the nearest runtime; FUNCTION_RUNTIME moves both functions to nodejs24.x in one line.',
    });
  }
}
