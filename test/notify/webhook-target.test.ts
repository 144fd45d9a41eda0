// SSRF refusal for shop webhooks: https only; no loopback, private, link-local, CGNAT, ULA or
// reserved address, however the name resolves (all answers must pass); loopback only locally.
import { describe, expect, it } from 'vitest';
import { checkWebhookTarget, isBlockedAddress } from '../../functions/notify/webhook-target.ts';

const resolvesTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address }));

describe('webhook targets', () => {
  it('blocks every non-public range and lets public addresses through', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fc00::1', 'fd12::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1']) {
      expect(isBlockedAddress(ip), ip).toBe(true);
    }
    for (const ip of ['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isBlockedAddress(ip), ip).toBe(false);
  });

  it('in AWS refuses http, loopback, private and metadata addresses, by name or literal', async () => {
    const aws = { allowLoopback: false };
    await expect(checkWebhookTarget('http://shop.example/hook', { ...aws, lookup: resolvesTo('93.184.216.34') })).rejects.toThrow('https');
    await expect(checkWebhookTarget('https://127.0.0.1/hook', aws)).rejects.toThrow('private');
    await expect(checkWebhookTarget('https://[::1]/hook', aws)).rejects.toThrow('private');
    await expect(checkWebhookTarget('https://169.254.169.254/latest/meta-data', aws)).rejects.toThrow('private');
    await expect(checkWebhookTarget('https://sneaky.example/hook', { ...aws, lookup: resolvesTo('93.184.216.34', '10.0.0.5') })).rejects.toThrow('private');
    await expect(checkWebhookTarget('https://user:pw@shop.example/hook', { ...aws, lookup: resolvesTo('93.184.216.34') })).rejects.toThrow('credentials');
    const ok = await checkWebhookTarget('https://shop.example/hook', { ...aws, lookup: resolvesTo('93.184.216.34') });
    expect(ok.address).toBe('93.184.216.34');
  });

  it('locally allows http to loopback, still not to the private network', async () => {
    const local = { allowLoopback: true };
    expect((await checkWebhookTarget('http://127.0.0.1:8123/hook', local)).address).toBe('127.0.0.1');
    await expect(checkWebhookTarget('http://192.168.1.20/hook', local)).rejects.toThrow('private');
  });
});
