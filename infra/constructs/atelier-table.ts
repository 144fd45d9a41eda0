// The single table, declared from the same key schema the local host creates in dynalite
// (functions/store/table-schema.ts), so the two hosts cannot drift apart.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { INDEXES, KEY_ATTRIBUTES, TTL_ATTRIBUTE } from '../../functions/store/table-schema.ts';

export interface AtelierTableProps {
  /** Refuse DeleteTable (in the console, the API and CloudFormation) and retain on stack delete. */
  deletionProtection: boolean;
}

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export class AtelierTable extends dynamodb.Table {
  constructor(scope: Construct, id: string, props: AtelierTableProps) {
    super(scope, id, {
      partitionKey: stringKey(KEY_ATTRIBUTES.partition),
      sortKey: stringKey(KEY_ATTRIBUTES.sort),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: props.deletionProtection,
      // Keys only: the notifier re-reads the order it names, and no personal data (the
      // customer's address) is copied into the stream's 24-hour log.
      stream: dynamodb.StreamViewType.KEYS_ONLY,
      removalPolicy: props.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of INDEXES) {
      this.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partition),
        sortKey: stringKey(index.sort),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }
}
