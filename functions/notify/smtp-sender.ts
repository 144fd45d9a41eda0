// Sends over SMTP with nodemailer: the local host's sender (to its own SMTP sink), or any SMTP
// relay an operator points ATELIER_SMTP_URL at.
import nodemailer from 'nodemailer';
import type { MailSender, OutgoingMail } from './sender.ts';

/**
 * @example smtpSender('smtp://127.0.0.1:2525')
 * @param url smtp://[user:pass@]host:port (smtps:// for TLS from the start)
 */
export const smtpSender = (url: string): MailSender => {
  const transport = nodemailer.createTransport(url);
  return {
    send: async (mail: OutgoingMail) => {
      await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      });
    },
    close: () => transport.close(),
  };
};
