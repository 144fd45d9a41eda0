// `npm start`'s order emails and shop webhooks: the host runs the notifier in-process and a mail
// sink on loopback; an order placed over HTTP becomes an .eml file in <data dir>/mail, with the
// order link on the host's public address, readable by any mail program; and the nearest shop,
// having registered a loopback webhook over the API, receives its signed job.offered.
import { simpleParser } from 'mailparser';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../functions/domain/webhook-signature.ts';
import { startLocalHost, type LocalHost } from '../../infra/local-host.ts';
import { CONTACT, DELIVERY, QUOTE_BODY } from '../support/api-flow.ts';

const post = async (url: string, body: unknown, headers: Record<string, string> = {}, method = 'POST') => {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('order emails on the local host', () => {
  let dir: string;
  let host: LocalHost;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-mail-'));
    host = await startLocalHost({ port: 0, dataDir: join(dir, 'data'), webDir: join(dir, 'no-web') });
  });
  afterAll(async () => {
    await host?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the "order placed" mail as an .eml file in <data dir>/mail within a few seconds', async () => {
    const quote = await post(`${host.url}/api/quotes`, QUOTE_BODY);
    expect(quote.status).toBe(201);
    const placed = await post(`${host.url}/api/orders`, { quoteId: quote.body.id, delivery: DELIVERY, contact: CONTACT }, { 'idempotency-key': 'local-mail-1' });
    expect(placed.status).toBe(201);

    const mailDir = join(dir, 'data', 'mail');
    let files: string[] = [];
    for (let i = 0; i < 100 && files.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      files = existsSync(mailDir) ? (await readdir(mailDir)).filter((f) => f.endsWith('.eml')) : [];
    }

    expect(files).toHaveLength(1);
    const mail = await simpleParser(await readFile(join(mailDir, files[0])));
    expect(mail.subject).toBe(`Your Atelier order ${placed.body.id} is placed`);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(CONTACT.email);
    expect(mail.text).toContain(placed.body.orderUrl);
    expect(mail.text).toContain(`${host.publicUrl}/api/orders/${placed.body.id}/notifications/stop?token=`);
  });

  it('delivers the nearest shop\'s job.offered to its loopback webhook within a few seconds, signed with its secret', async () => {
    const received: { body: string; signature: string }[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(request.headers['atelier-signature']) });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/atelier`;
      const secrets = new Map<string, string>();
      for (const shop of host.demoShops) {
        const registered = await post(`${host.url}/api/shop/webhook`, { url }, { authorization: `Bearer ${shop.apiKey}` }, 'PUT');
        expect(registered.status).toBe(200);
        secrets.set(shop.id, registered.body.secret);
      }
      const quote = await post(`${host.url}/api/quotes`, QUOTE_BODY);
      const placed = await post(`${host.url}/api/orders`, { quoteId: quote.body.id, delivery: DELIVERY }, { 'idempotency-key': 'local-webhook-1' });
      expect(placed.status).toBe(201);
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));

      expect(received).toHaveLength(1);
      const event = JSON.parse(received[0].body);
      expect(event).toMatchObject({ type: 'job.offered', data: { jobId: placed.body.id } });
      expect(await verifyWebhook(secrets.get(event.shopId)!, received[0].body, received[0].signature, Date.now())).toMatchObject({ ok: true });
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
