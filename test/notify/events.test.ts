// The notifier Lambda's input: a keys-only stream batch names the written orders (each once,
// order items only, removals ignored) and each is drained over real SMTP; a scheduled event sweeps.
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../functions/api/logger.ts';
import { handleNotifierEvent, orderIdsOf } from '../../functions/notify/events.ts';
import { Notifier } from '../../functions/notify/notifier.ts';
import { smtpSender } from '../../functions/notify/smtp-sender.ts';
import { startMailSink, type MailSink } from '../../infra/local/mail-sink.ts';
import { addShopsNearBerlin, apiOf, placeOrder, type Api } from '../support/api-flow.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';

const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', PK: string, SK: string) => ({ eventName, dynamodb: { Keys: { PK: { S: PK }, SK: { S: SK } } } });
const streamEvent = (...records: ReturnType<typeof record>[]) => ({ Records: records }) as unknown as DynamoDBStreamEvent;

describe('orderIdsOf', () => {
  it('names each written order once, and nothing else', () => {
    const event = streamEvent(
      record('INSERT', 'ORDER#a', 'ORDER'),
      record('MODIFY', 'ORDER#a', 'ORDER'),
      record('MODIFY', 'ORDER#b', 'ORDER'),
      record('REMOVE', 'ORDER#c', 'ORDER'),
      record('INSERT', 'QUOTE#q', 'QUOTE'),
      record('INSERT', 'SHOP#s', 'ORDER'),
    );
    expect(orderIdsOf(event)).toEqual(['a', 'b']);
  });
});

describe('handleNotifierEvent', () => {
  let server: TestServer;
  let api: Api;
  let sink: MailSink;
  let notifier: Notifier;
  const inbox: Promise<ParsedMail>[] = [];
  beforeAll(async () => {
    sink = await startMailSink({ onMessage: (raw) => void inbox.push(simpleParser(raw)) });
    server = await startTestServer({ logger: silentLogger });
    api = apiOf(server);
    await addShopsNearBerlin(server, 1, 'events');
    notifier = new Notifier(server.deps, { sender: smtpSender(sink.url), from: 'orders@atelier.test', baseUrl: 'https://atelier.test' });
  });
  afterAll(async () => {
    await server.close();
    await sink.close();
  });

  it('drains the orders a stream batch names, and the sweep finds the ones no batch named', async () => {
    const named = await placeOrder(api);
    const unnamed = await placeOrder(api);

    await handleNotifierEvent(notifier, streamEvent(record('INSERT', `ORDER#${named.id}`, 'ORDER'), record('MODIFY', `ORDER#${named.id}`, 'ORDER')));
    const afterStream = (await Promise.all(inbox)).map((m) => m.subject);
    await handleNotifierEvent(notifier, { sweep: true });
    const afterSweep = (await Promise.all(inbox)).map((m) => m.subject);

    expect(afterStream).toEqual([`Your Atelier order ${named.id} is placed`]);
    expect(afterSweep).toEqual([`Your Atelier order ${named.id} is placed`, `Your Atelier order ${unnamed.id} is placed`]);
    expect((await Promise.all(inbox))[0].text).toContain(`https://atelier.test/#/orders/${named.id}?token=${named.token}`);
  });
});
