// Who may do what to the data, written out action by action as customer-managed policies in
// the stateful stack; the stateless stack attaches them to the function roles. There is no
// grantReadWriteData: it would add DeleteItem, Scan and DescribeTable, which no request path
// calls, and no action here can delete or reconfigure the table or the bucket.
// Keep in step with the SDK commands in functions/store/: a missing action fails only in AWS,
// as AccessDenied, since dynalite and s3rver do not check permissions.
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { INDEXES } from '../../functions/store/table-schema.ts';
import { MESH_PREFIX, ORDER_PREFIX } from './mesh-bucket.ts';

export type IndexName = (typeof INDEXES)[number]['name'];

export interface DataAccessProfile {
  /** Item actions on the base table. */
  itemActions: string[];
  /** Global secondary indexes the function queries. */
  queriedIndexes: IndexName[];
  /** Object actions per bucket prefix (meshes/ for quoted files, orders/ for ordered ones). */
  objectGrants: { prefix: string; actions: string[] }[];
}

/**
 * The API function: orders, shops, leases, designs, file links. It reads meshes to sign
 * download links (a presigned GET carries the signer's permission) and, when an order is
 * placed, copies the quoted files to orders/ (CopyObject = read the source, write the copy);
 * it never writes under meshes/, the mesh function's prefix.
 */
export const API_ACCESS: DataAccessProfile = {
  itemActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  queriedIndexes: ['GSI1', 'GSI2'],
  objectGrants: [
    { prefix: MESH_PREFIX, actions: ['s3:GetObject'] },
    { prefix: ORDER_PREFIX, actions: ['s3:GetObject', 's3:PutObject'] },
  ],
};

/**
 * The mesh function (POST /api/quotes): reads and writes mesh records and quotes, bumps
 * insight counters, finds shops by cell, uploads meshes and signs their links.
 */
export const MESH_ACCESS: DataAccessProfile = {
  itemActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  queriedIndexes: ['GSI1'],
  objectGrants: [{ prefix: MESH_PREFIX, actions: ['s3:GetObject', 's3:PutObject'] }],
};

/**
 * The notifier function: reads an order and a shop's webhook, records send outcomes on the
 * order's outbox and delivery outcomes on the shop's webhook (UpdateItem), writes an expired
 * offer down as UNROUTABLE (PutItem, the same write as any order change), and sweeps the
 * sparse due index (GSI3) for pending sends and expiring offers. No Scan, no objects.
 */
export const NOTIFY_ACCESS: DataAccessProfile = {
  itemActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  queriedIndexes: ['GSI3'],
  objectGrants: [],
};

export interface DataAccessPolicyProps {
  table: dynamodb.ITable;
  meshBucket: s3.IBucket;
  profile: DataAccessProfile;
  description: string;
}

/** One profile as a managed policy; attach it to the roles that need it. */
export class DataAccessPolicy extends Construct {
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: DataAccessPolicyProps) {
    super(scope, id);
    const { table, meshBucket, profile } = props;
    const statements = [
      new iam.PolicyStatement({ sid: 'TableItems', actions: profile.itemActions, resources: [table.tableArn] }),
      ...profile.objectGrants.map(
        (grant) =>
          new iam.PolicyStatement({
            sid: grant.prefix === MESH_PREFIX ? 'MeshObjects' : 'OrderObjects',
            actions: grant.actions,
            resources: [meshBucket.arnForObjects(`${grant.prefix}*`)],
          }),
      ),
    ];
    if (profile.queriedIndexes.length) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'TableIndexes',
          actions: ['dynamodb:Query'],
          resources: profile.queriedIndexes.map((name) => `${table.tableArn}/index/${name}`),
        }),
      );
    }
    this.policy = new iam.ManagedPolicy(this, 'Policy', { description: props.description, statements });
  }
}
