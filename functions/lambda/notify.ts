// Lambda entry point of the notifier: the table's stream (keys of written orders) and a
// schedule (the sweep) → the notifier → Amazon SES, and shop webhooks over HTTPS to public
// addresses only (no loopback or private ranges: SSRF). MAIL_FROM, when set, is the sender identity's address.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { Notifier } from '../notify/notifier.ts';
import { handleNotifierEvent, type NotifierEvent } from '../notify/events.ts';
import { sesSender } from '../notify/ses-sender.ts';
import { WebhookDeliverer } from '../notify/webhook-deliverer.ts';
import { lambdaDeps, requiredEnv } from './host-deps.ts';

const deps = lambdaDeps();
const webhooks = new WebhookDeliverer(deps, { allowLoopback: false });
// Without MAIL_FROM (no mail context at deploy) it delivers webhooks only and drops the mails.
const from = process.env.MAIL_FROM ?? '';
const notifier = new Notifier(deps, { sender: from ? sesSender(new SESv2Client({})) : null, from, baseUrl: requiredEnv('PUBLIC_BASE_URL'), webhooks });

export const handler = (event: NotifierEvent) => handleNotifierEvent(notifier, event);
