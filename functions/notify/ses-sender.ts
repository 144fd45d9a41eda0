// Sends with Amazon SES (v2 API): the notifier Lambda's sender. The client is injected, so the
// stack's region and credentials (the function's role) come from the host.
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { MailSender, OutgoingMail } from './sender.ts';

/**
 * @example sesSender(new SESv2Client({}))
 * SES sets its own Message-ID, so the outbox entry id travels in X-Atelier-Notification instead.
 */
export const sesSender = (client: SESv2Client): MailSender => ({
  send: async (mail: OutgoingMail) => {
    const headers = { ...mail.headers, 'X-Atelier-Notification': mail.messageId };
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: mail.from,
        Destination: { ToAddresses: [mail.to] },
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
            Headers: Object.entries(headers).map(([Name, Value]) => ({ Name, Value })),
          },
        },
      }),
    );
  },
  close: () => client.destroy(),
});
