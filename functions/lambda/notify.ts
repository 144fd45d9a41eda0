// Lambda entry point of the notifier: the table's stream (keys of written orders) and a
// schedule (the sweep) → the notifier → Amazon SES. MAIL_FROM is the sender identity's address.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { Notifier } from '../notify/notifier.ts';
import { handleNotifierEvent, type NotifierEvent } from '../notify/events.ts';
import { sesSender } from '../notify/ses-sender.ts';
import { lambdaDeps, requiredEnv } from './host-deps.ts';

const notifier = new Notifier(lambdaDeps(), { sender: sesSender(new SESv2Client({})), from: requiredEnv('MAIL_FROM'), baseUrl: requiredEnv('PUBLIC_BASE_URL') });

export const handler = (event: NotifierEvent) => handleNotifierEvent(notifier, event);
