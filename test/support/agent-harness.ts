// Test helpers for the shop agent: place an order through the API, capture the agent's
// output, make its waits instant (and recorded), and build an agent for a test shop.
import { createHash } from 'node:crypto';
import type { Material } from '../../functions/domain/materials.ts';
import type { Size } from '../../functions/domain/shop.ts';
import { createApiClient } from '../../functions/agent/api-client.ts';
import type { Sleep } from '../../functions/agent/backoff.ts';
import type { AgentConfig } from '../../functions/agent/config.ts';
import { createOutput, type Sink } from '../../functions/agent/output.ts';
import type { Printer } from '../../functions/agent/printers/printer.ts';
import { DEFAULT_TIMING, ShopAgent, type AgentTiming } from '../../functions/agent/shop-agent.ts';
import type { Slice } from '../../functions/agent/slicing/types.ts';
import type { TestServer } from './api-server.ts';
import { call } from './http.ts';

export const BERLIN = { lat: 52.52, lon: 13.405 };
const delivery = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', country: 'DE' };

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let orderSeq = 0;

/** Quote and order a name tag as a customer in Berlin; returns the order id and its secret token. */
export async function placeOrder(server: TestServer, material: Material = 'PLA', text = 'ADA'): Promise<{ id: string; token: string }> {
  const quote = await call(server.url, 'POST', '/api/quotes', { body: { designId: 'name-tag', params: { text }, material, quantity: 1, location: BERLIN } });
  if (quote.status !== 201) throw new Error(`quote failed: ${quote.status} ${JSON.stringify(quote.body)}`);
  orderSeq += 1;
  const order = await call(server.url, 'POST', '/api/orders', {
    body: { quoteId: quote.body.id, delivery },
    headers: { 'idempotency-key': `agent-test-${Date.now()}-${orderSeq}` },
  });
  if (order.status !== 201) throw new Error(`order failed: ${order.status} ${JSON.stringify(order.body)}`);
  return { id: order.body.id, token: order.body.token };
}

/** The state the customer's order link shows. */
export async function customerState(server: TestServer, order: { id: string; token: string }): Promise<string> {
  return (await call(server.url, 'GET', `/api/orders/${order.id}`, { token: order.token })).body.state;
}

/** A sink that keeps what was written. */
export function captureSink(isTTY = false): Sink & { text: () => string } {
  const chunks: string[] = [];
  return { write: (s: string) => chunks.push(s), isTTY, columns: 120, text: () => chunks.join('') };
}

/** A sleep that returns at once and records each wait (so backoff is instant but visible). */
export function instantSleep(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      waits.push(ms);
      if (signal?.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export interface TestAgentOptions {
  server: TestServer;
  shopKey: string;
  downloadDir: string;
  materials?: Material[];
  buildVolume?: Size;
  /** The printer adapter (no hand-off without one). */
  printer?: Printer;
  /** The slicer and the profile (no slicing without them). */
  slice?: Slice;
  profile?: string;
  start?: boolean;
  maxOpenJobs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  timing?: Partial<AgentTiming>;
  /** Replaces the instant sleep (a test that acts between rounds); its waits are not recorded. */
  sleep?: Sleep;
}

/** The test server's file store (s3rver), the storage origin its download links point at. */
export const storageOriginOf = (server: TestServer): string => new URL(server.stack.config.s3Endpoint!).origin;

/** A ShopAgent wired as the CLI wires it, with instant recorded sleeps and captured output. */
export function testAgent(options: TestAgentOptions) {
  const config: AgentConfig = {
    apiUrl: options.server.url,
    shopKey: options.shopKey,
    materials: options.materials ?? ['PLA'],
    buildVolume: options.buildVolume ?? { x: 250, y: 210, z: 210 },
    pollSeconds: 30,
    autoClaim: true,
    maxOpenJobs: options.maxOpenJobs ?? 1,
    downloadDir: options.downloadDir,
    printer: options.printer ? { kind: options.printer.kind, url: options.printer.url, apiKey: null } : null,
    slicer: options.slice ? { profile: options.profile ?? 'atelier-pla-0.4n-0.2mm', binary: 'prusa-slicer' } : null,
    storageOrigin: storageOriginOf(options.server),
    start: options.start ?? false,
    once: false,
  };
  const sink = captureSink();
  const { sleep, waits } = instantSleep();
  const api = createApiClient({ apiUrl: config.apiUrl, shopKey: config.shopKey, fetch: options.fetch });
  const deps = { api, printer: options.printer ?? null, slice: options.slice, out: createOutput(sink), fetch: options.fetch, sleep: options.sleep ?? sleep, now: options.now, random: () => 0.5 };
  const agent = new ShopAgent(config, deps, { ...DEFAULT_TIMING, ...options.timing });
  return { agent, sink, waits, config, round: () => agent.round(new AbortController().signal) };
}
