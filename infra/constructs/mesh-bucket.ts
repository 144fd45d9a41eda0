// The private bucket of mesh files (meshes/<hash>.stl|.3mf), with the lifecycle rule for
// meshes of quotes that were never ordered.
//
// Meshes are content-addressed and shared: one file may serve many quotes and orders, and the
// table keeps a MESH#<hash> record that makes the next quote of the same configuration skip
// the upload. A plain age-based rule on meshes/ would therefore delete files that live orders
// and live records still point to. The rule instead expires only objects under meshes/ that
// carry the tag `atelier:lifecycle=quote`: the app is meant to upload with that tag and
// re-tag both files `order` when an order is placed. Until the app tags uploads, the rule
// matches nothing and nothing expires (safe, not yet thrifty); see docs/deploy.md.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { PrivateBucket } from './private-bucket.ts';

export const MESH_PREFIX = 'meshes/';
export const LIFECYCLE_TAG = { key: 'atelier:lifecycle', quoteValue: 'quote', orderValue: 'order' } as const;

export interface MeshBucketProps {
  accessLogs: s3.IBucket;
  /** Days after upload that an un-ordered quote's mesh is deleted. */
  quoteMeshDays: number;
  removalPolicy: RemovalPolicy;
}

export class MeshBucket extends PrivateBucket {
  constructor(scope: Construct, id: string, props: MeshBucketProps) {
    super(scope, id, {
      accessLogs: props.accessLogs,
      accessLogsPrefix: 'meshes-bucket/',
      removalPolicy: props.removalPolicy,
      lifecycleRules: [
        {
          id: 'expire-unordered-quote-meshes',
          prefix: MESH_PREFIX,
          tagFilters: { [LIFECYCLE_TAG.key]: LIFECYCLE_TAG.quoteValue },
          expiration: Duration.days(props.quoteMeshDays),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
  }
}
