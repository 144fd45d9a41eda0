// The notifier in AWS: a function fed by the table's stream (keys of written orders only,
// filtered to order items) and by a schedule (the sweep, every minute: retries that came due,
// offer windows and lease warnings whose time came, offers that expired with no write, read
// from the sparse due index), sending emails with SES and shop webhooks over HTTPS. It may send
// mail only as the sender identity named in context, and only from the configured From address.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { AtelierFunction } from './atelier-function.ts';

export interface MailOptions {
  /** The From address, e.g. orders@atelier.example (an address under the identity). */
  from: string;
  /** The SES identity verified for sending: a domain (atelier.example) or the address itself. */
  identity: string;
}

export interface OrderNotifierProps {
  table: dynamodb.ITable;
  dataAccess: iam.IManagedPolicy;
  environment: Record<string, string>;
  /** Order emails with SES; without it the notifier delivers shop webhooks only and drops the mails. */
  mail?: MailOptions;
  /** How often the sweep runs (default 1 minute: scheduled webhooks go out within about a minute of their time). */
  sweepEvery?: Duration;
}

/** The address inside "Name <address>", or the text itself. */
export const addressOf = (from: string): string => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

export class OrderNotifier extends Construct {
  readonly fn: AtelierFunction;
  readonly sweepRule: events.Rule;

  constructor(scope: Construct, id: string, props: OrderNotifierProps) {
    super(scope, id);
    if (!props.table.tableStreamArn) throw new Error('the table needs a stream for the notifier');
    this.fn = new AtelierFunction(this, 'Function', {
      entry: 'functions/lambda/notify.ts',
      description: 'Atelier notifier: drains the outbox of written orders (stream) and sweeps the due index every minute; emails with SES, shop webhooks over HTTPS',
      memorySize: 256,
      timeout: Duration.seconds(60),
      environment: { ...props.environment, ...(props.mail ? { MAIL_FROM: props.mail.from } : {}) },
    });
    this.fn.role.addManagedPolicy(props.dataAccess);
    if (props.mail) {
      this.fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'SendAsSenderIdentity',
          actions: ['ses:SendEmail'],
          resources: [Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: props.mail.identity })],
          conditions: { StringEquals: { 'ses:FromAddress': addressOf(props.mail.from) } },
        }),
      );
    }
    this.fn.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(1),
        // A batch fails only when the table is unreachable; the sweep picks up anything it left.
        retryAttempts: 3,
        bisectBatchOnError: true,
        filters: [lambda.FilterCriteria.filter({ dynamodb: { Keys: { SK: { S: lambda.FilterRule.isEqual('ORDER') } } } })],
      }),
    );
    Validations.of(this.fn.role.node.findChild('DefaultPolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only dynamodb:ListStreams, which the event source mapping adds and which has no resource-level permissions; reading records is limited to this table\'s stream.',
    });
    this.sweepRule = new events.Rule(this, 'Sweep', {
      description: 'Atelier notifier sweep: due retries, webhook offer windows and lease warnings, offers that expired without a write',
      schedule: events.Schedule.rate(props.sweepEvery ?? Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.fn.function, { event: events.RuleTargetInput.fromObject({ sweep: true }), retryAttempts: 2 })],
    });
  }
}
