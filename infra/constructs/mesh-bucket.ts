// The private bucket of mesh files, with the lifecycle rule for meshes of quotes that were
// never ordered. Files live in two prefixes (see functions/store/meshes.ts):
//   meshes/<hash>.stl|.3mf  uploaded when a configuration is quoted: expire after quoteMeshDays;
//   orders/<hash>.stl|.3mf  copied there when an order is placed: kept.
// The table's MESH#<hash> record is trusted for reuse only until a day before its quoted
// files expire (and carries a TTL), so a quote never links to a file about to vanish.
// Versioned: an ordered mesh overwritten or deleted by mistake (or by a compromised function)
// can be restored for NONCURRENT_MESH_DAYS; then the old version expires.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { PrivateBucket } from './private-bucket.ts';

import { MESH_PREFIXES } from '../../functions/store/bucket-layout.ts';

export const MESH_PREFIX = MESH_PREFIXES.quoted;
export const ORDER_PREFIX = MESH_PREFIXES.ordered;

/** Days an overwritten or deleted mesh version stays restorable. */
export const NONCURRENT_MESH_DAYS = 30;

export interface MeshBucketProps {
  accessLogs: s3.IBucket;
  /** Days after upload that a quoted mesh is deleted (an ordered one was copied to orders/). */
  quoteMeshDays: number;
  removalPolicy: RemovalPolicy;
}

export class MeshBucket extends PrivateBucket {
  constructor(scope: Construct, id: string, props: MeshBucketProps) {
    super(scope, id, {
      accessLogs: props.accessLogs,
      accessLogsPrefix: 'meshes-bucket/',
      removalPolicy: props.removalPolicy,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-unordered-quote-meshes',
          prefix: MESH_PREFIX,
          expiration: Duration.days(props.quoteMeshDays),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(NONCURRENT_MESH_DAYS),
          // Once the last version has expired, its delete marker goes too.
          expiredObjectDeleteMarker: true,
        },
      ],
    });
  }
}
