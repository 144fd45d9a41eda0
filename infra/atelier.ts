// Defines the whole cloud host on a CDK app: the stateful and stateless stacks, joined by
// typed props, and the cdk-nag AwsSolutions checks. Used by app.ts (the CLI entry) and by
// the tests, so both synthesize the same thing.
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Throttle } from './constructs/http-api.ts';
import type { MailOptions } from './constructs/order-notifier.ts';
import { fromRoot } from './paths.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface AtelierOptions {
  /** Stack name prefix: <prefix>Data and <prefix>App. Change it to deploy a second copy. */
  prefix: string;
  /** Table deletion protection, and retaining the table and buckets when stacks are deleted. */
  deletionProtection: boolean;
  /** Days before an un-ordered quote's tagged mesh expires. */
  quoteMeshDays: number;
  accessLogDays: number;
  webDir: string;
  throttle: Throttle;
  quoteThrottle: Throttle;
  /** Order emails: `atelier:mailFrom` and `atelier:senderIdentity` (the SES identity); none by default. */
  mail?: MailOptions;
}

export const DEFAULT_OPTIONS: AtelierOptions = {
  prefix: 'Atelier',
  deletionProtection: true,
  quoteMeshDays: 30,
  accessLogDays: 90,
  webDir: fromRoot('web/dist'),
  throttle: { rateLimit: 50, burstLimit: 100 },
  quoteThrottle: { rateLimit: 5, burstLimit: 10 },
};

const asBoolean = (value: unknown, fallback: boolean): boolean =>
  value === undefined ? fallback : value === true || value === 'true';

const asNumber = (name: string, value: unknown, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`context ${name} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
};

/** Reads `atelier:*` context (cdk.json, or `-c atelier:deletionProtection=false` on the CLI). */
export const optionsFromContext = (app: App): AtelierOptions => {
  const ctx = (key: string): unknown => app.node.tryGetContext(`atelier:${key}`);
  const webDir = ctx('webDir');
  const mailFrom = ctx('mailFrom');
  const senderIdentity = ctx('senderIdentity');
  if ((mailFrom === undefined) !== (senderIdentity === undefined)) throw new Error('context atelier:mailFrom and atelier:senderIdentity go together: set both or neither');
  return {
    ...(typeof mailFrom === 'string' && typeof senderIdentity === 'string' ? { mail: { from: mailFrom, identity: senderIdentity } } : {}),
    prefix: (ctx('prefix') as string | undefined) ?? DEFAULT_OPTIONS.prefix,
    deletionProtection: asBoolean(ctx('deletionProtection'), DEFAULT_OPTIONS.deletionProtection),
    quoteMeshDays: asNumber('atelier:quoteMeshDays', ctx('quoteMeshDays'), DEFAULT_OPTIONS.quoteMeshDays),
    accessLogDays: asNumber('atelier:accessLogDays', ctx('accessLogDays'), DEFAULT_OPTIONS.accessLogDays),
    webDir: typeof webDir === 'string' ? fromRoot(webDir) : DEFAULT_OPTIONS.webDir,
    throttle: {
      rateLimit: asNumber('atelier:rateLimit', ctx('rateLimit'), DEFAULT_OPTIONS.throttle.rateLimit),
      burstLimit: asNumber('atelier:burstLimit', ctx('burstLimit'), DEFAULT_OPTIONS.throttle.burstLimit),
    },
    quoteThrottle: {
      rateLimit: asNumber('atelier:quoteRateLimit', ctx('quoteRateLimit'), DEFAULT_OPTIONS.quoteThrottle.rateLimit),
      burstLimit: asNumber('atelier:quoteBurstLimit', ctx('quoteBurstLimit'), DEFAULT_OPTIONS.quoteThrottle.burstLimit),
    },
  };
};

export interface Atelier {
  data: StatefulStack;
  app: StatelessStack;
}

/**
 * Adds both stacks to `app`. They are environment-agnostic (no account or region), so
 * `cdk synth` needs no credentials; `cdk deploy` takes them from the caller's profile.
 */
export const defineAtelier = (app: App, options: AtelierOptions = DEFAULT_OPTIONS): Atelier => {
  const description = 'Atelier, made-to-order 3D printing (docs/deploy.md)';
  const data = new StatefulStack(app, `${options.prefix}Data`, {
    description: `${description}; table and buckets`,
    deletionProtection: options.deletionProtection,
    quoteMeshDays: options.quoteMeshDays,
    accessLogDays: options.accessLogDays,
  });
  const stateless = new StatelessStack(app, `${options.prefix}App`, {
    description: `${description}; functions, HTTP API, CDN`,
    data,
    webDir: options.webDir,
    throttle: options.throttle,
    quoteThrottle: options.quoteThrottle,
    mail: options.mail,
    accessLogDays: options.accessLogDays,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, app: stateless };
};
