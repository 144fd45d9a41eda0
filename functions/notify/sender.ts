// What every mail sender (SMTP, SES) is given, and how a failed send is reported: one
// interface, so the notifier does not know which it talks to.

/** One email, ready to send. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox entry (`<entry id@domain>`), so a resent copy is recognisably the same mail. */
  messageId: string;
  /** Extra headers: List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers: Record<string, string>;
}

export interface MailSender {
  /** Resolves once the server accepted the mail; rejects with the server's reason otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close?(): void;
}

const EMAIL = /[^\s<>()"',;:]+@[^\s<>()"',;:]+/g;

/**
 * A failure as text fit for the table and the logs: the server's code and message with every
 * email address replaced (servers echo the recipient: "550 5.1.1 <a@b>: no such user").
 */
export const describeSendError = (error: unknown): string => {
  const e = error as { responseCode?: number; response?: string; name?: string; message?: string };
  const text = e?.response ?? e?.message ?? String(error);
  const code = e?.responseCode ? `${e.responseCode} ` : '';
  return `${code}${text}`.replace(EMAIL, '<address>').slice(0, 300);
};
