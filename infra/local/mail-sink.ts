// The local host's mail server: an SMTP server (smtp-server) on loopback that accepts every
// message and writes it, unchanged, as an .eml file into a folder, where the person running
// Atelier can open it with any mail program. It stands in for the customers' mailboxes.
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface MailSinkOptions {
  /** Where each message is written as <time>-<n>.eml; omit to keep messages only in memory (tests). */
  dir?: string;
  /** Called with each accepted message as received (raw RFC 5322 bytes). */
  onMessage?: (raw: Buffer) => void;
  /** Return an SMTP reply such as "451 try later" to refuse a message, or null to accept it (tests). */
  refuse?: () => string | null;
}

export interface MailSink {
  /** smtp://127.0.0.1:<port> */
  url: string;
  close: () => Promise<void>;
}

/** Starts the sink on 127.0.0.1 and an ephemeral port; no TLS, no auth: loopback only. */
export const startMailSink = async (options: MailSinkOptions = {}): Promise<MailSink> => {
  if (options.dir) await mkdir(options.dir, { recursive: true, mode: 0o700 });
  let count = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    banner: 'Atelier local mail sink',
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = options.refuse?.() ?? null;
        if (refusal !== null) {
          const error = Object.assign(new Error(refusal.replace(/^\d{3}\s*/, '')), { responseCode: Number(refusal.slice(0, 3)) || 451 });
          return callback(error);
        }
        const raw = Buffer.concat(chunks);
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${++count}.eml`;
        const written = options.dir ? writeFile(join(options.dir, name), raw, { mode: 0o600 }) : Promise.resolve();
        written.then(
          () => {
            options.onMessage?.(raw);
            callback();
          },
          (error: Error) => callback(Object.assign(error, { responseCode: 451 })),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = (server as unknown as { server: { address: () => AddressInfo } }).server.address();
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};
