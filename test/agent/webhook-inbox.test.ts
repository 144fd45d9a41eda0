// What the agent says and does per delivery (WebhookInbox over a recording target): one line
// per event with its effect; a failed effect is said, not thrown; refused requests make at
// most one line a minute, with the count of those not printed.
import { describe, expect, it } from 'vitest';
import { WebhookInbox, type WebhookTarget } from '../../functions/agent/webhook-inbox.ts';
import { webhookEvent } from '../support/webhook-sender.ts';

function recordingTarget(heartbeat: (id: string) => Promise<string>) {
  const calls: string[] = [];
  const target: WebhookTarget = {
    delivered: () => calls.push('delivered'),
    wake: () => calls.push('wake'),
    heartbeatNow: (id) => (calls.push(`heartbeat ${id}`), heartbeat(id)),
    dropOffer: (id) => (calls.push(`drop ${id}`), 'will not be claimed'),
  };
  return { target, calls };
}

describe('webhook inbox', () => {
  it('maps each event to its one effect and says what came of it', async () => {
    const { target, calls } = recordingTarget(async () => {
      throw new Error('API unreachable');
    });
    const lines: string[] = [];
    const inbox = new WebhookInbox(target, (l) => lines.push(l), () => 0);
    await inbox.event(webhookEvent('job.offered', 'oA'));
    await inbox.event(webhookEvent('job.lease-expiring', 'oB'));
    await inbox.event(webhookEvent('order.cancelled', 'oC'));
    expect(calls).toEqual(['delivered', 'wake', 'delivered', 'heartbeat oB', 'delivered', 'drop oC']);
    expect(lines).toEqual([
      'webhook job.offered oA: polling now',
      'webhook job.lease-expiring oB: failed: API unreachable',
      'webhook order.cancelled oC: will not be claimed',
    ]);
  });

  it('prints refusals at most once a minute, counting the rest', () => {
    const clock = { now: 0 };
    const lines: string[] = [];
    const inbox = new WebhookInbox(recordingTarget(async () => '').target, (l) => lines.push(l), () => clock.now);
    const refused = { outcome: 'refused' as const, status: 401, reason: 'signature does not match' };
    for (let i = 0; i < 50; i += 1) inbox.outcome(refused);
    clock.now += 60_000;
    inbox.outcome({ ...refused, status: 413, reason: 'body over 65536 bytes' });
    expect(lines).toEqual([
      'webhook refused with 401: signature does not match',
      'webhook refused with 413: body over 65536 bytes (49 more refused since the last such line)',
    ]);
  });
});
