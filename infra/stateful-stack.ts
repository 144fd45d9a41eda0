// The stateful half of the cloud host: the single table, the mesh bucket, the bucket that
// receives S3 server access logs, and the policies that say what each function may do to the
// data. Deploys rarely; the stateless stack can be replaced freely.
import { type CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AtelierTable } from './constructs/atelier-table.ts';
import { API_ACCESS, DataAccessPolicy, MESH_ACCESS, NOTIFY_ACCESS } from './constructs/data-access.ts';
import { MeshBucket } from './constructs/mesh-bucket.ts';
import { PrivateBucket } from './constructs/private-bucket.ts';

export interface StatefulStackProps extends StackProps {
  /** Table deletion protection; with it, the table and buckets are retained on stack delete. */
  deletionProtection: boolean;
  /** Days before an un-ordered quote's (tagged) mesh expires. */
  quoteMeshDays: number;
  /** Days server access logs are kept. */
  accessLogDays: number;
}

/** What the stateless stack needs from this one: typed, so a rename is a compile error. */
export interface StatefulResources {
  table: dynamodb.ITable;
  meshBucket: s3.IBucket;
  accessLogs: s3.IBucket;
  /** Attach to the API function's role. */
  apiDataAccess: iam.IManagedPolicy;
  /** Attach to the mesh function's role. */
  meshDataAccess: iam.IManagedPolicy;
  /** Attach to the notifier function's role. */
  notifyDataAccess: iam.IManagedPolicy;
  /** Days the bucket keeps a quoted mesh; the app must stop reusing one a day before. */
  quoteMeshDays: number;
  /** The secret order tokens are derived with (functions/domain/ids.ts orderTokenFor). */
  orderTokenSecret: secretsmanager.ISecret;
}

export class StatefulStack extends Stack implements StatefulResources {
  readonly table: AtelierTable;
  readonly meshBucket: MeshBucket;
  readonly accessLogs: PrivateBucket;
  readonly apiDataAccess: iam.ManagedPolicy;
  readonly meshDataAccess: iam.ManagedPolicy;
  readonly notifyDataAccess: iam.ManagedPolicy;
  readonly quoteMeshDays: number;
  readonly orderTokenSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.quoteMeshDays = props.quoteMeshDays;
    const removalPolicy = props.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.accessLogs = new PrivateBucket(this, 'AccessLogs', {
      removalPolicy,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(props.accessLogDays) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server access log bucket; logging its own writes would log every log delivery, without end.',
    });

    this.table = new AtelierTable(this, 'Table', { deletionProtection: props.deletionProtection });
    this.meshBucket = new MeshBucket(this, 'Meshes', {
      accessLogs: this.accessLogs,
      quoteMeshDays: props.quoteMeshDays,
      removalPolicy,
    });

    // Made once by Secrets Manager, never in a template or the repository. Only token hashes are
    // stored, so replacing it breaks no order link: it only stops a retried POST /orders of an
    // earlier order from being given its link again (the retry is told to use the first reply).
    this.orderTokenSecret = new secretsmanager.Secret(this, 'OrderTokenSecret', {
      description: 'Atelier: the key order tokens are derived with (HMAC-SHA256); the table keeps only their sha256',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });
    Validations.of(this.orderTokenSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Not a credential to another system: a key that derives order tokens, of which only hashes are stored. Rotating it invalidates no link; it is replaced by deleting the secret and redeploying (docs/security.md).',
    });

    const data = { table: this.table, meshBucket: this.meshBucket };
    this.apiDataAccess = new DataAccessPolicy(this, 'ApiDataAccess', {
      ...data,
      profile: API_ACCESS,
      description: 'Atelier API function: items and index queries; reads meshes to sign download links',
    }).policy;
    this.meshDataAccess = new DataAccessPolicy(this, 'MeshDataAccess', {
      ...data,
      profile: MESH_ACCESS,
      description: 'Atelier mesh function: quotes, mesh records, shops by cell; uploads meshes',
    }).policy;
    this.notifyDataAccess = new DataAccessPolicy(this, 'NotifyDataAccess', {
      ...data,
      profile: NOTIFY_ACCESS,
      description: 'Atelier notifier function: reads orders, records sends on their outbox, sweeps for pending sends',
    }).policy;
    const meshBucketId = this.getLogicalId(this.meshBucket.node.defaultChild as CfnElement);
    for (const [policy, profile] of [[this.apiDataAccess, API_ACCESS], [this.meshDataAccess, MESH_ACCESS]] as const) {
      for (const { prefix } of profile.objectGrants) {
        Validations.of(policy).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${meshBucketId}.Arn>/${prefix}*]`,
          reason: `Object actions are limited to the ${prefix} prefix; the keys are content hashes made at run time, so no narrower resource can be named.`,
        });
      }
    }

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'TABLE_NAME for npm run shops' });
    new CfnOutput(this, 'BucketName', { value: this.meshBucket.bucketName, description: 'BUCKET_NAME for npm run shops' });
  }
}
