// A bucket nobody outside the account can read: public access blocked, TLS required,
// S3-managed encryption, ACLs disabled, and (unless it is the log bucket itself) server
// access logs written to the account's log bucket.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface PrivateBucketProps {
  /** Where S3 server access logs go; omit only for the log bucket itself. */
  accessLogs?: s3.IBucket;
  /** Prefix of this bucket's logs in the log bucket. */
  accessLogsPrefix?: string;
  lifecycleRules?: s3.LifecycleRule[];
  /** Keep every version of every object (then give a noncurrent-version expiry rule). */
  versioned?: boolean;
  /** RETAIN keeps the bucket and its objects when the stack is deleted. */
  removalPolicy: RemovalPolicy;
}

export class PrivateBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    const destroy = props.removalPolicy === RemovalPolicy.DESTROY;
    super(scope, id, {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: props.accessLogs ? props.accessLogsPrefix ?? `${id.toLowerCase()}/` : undefined,
      lifecycleRules: props.lifecycleRules,
      versioned: props.versioned,
      removalPolicy: props.removalPolicy,
      // Only a bucket that is meant to go with its stack is emptied on delete.
      autoDeleteObjects: destroy,
    });
  }
}
