// Where a shop webhook may be delivered (issue 12, item 4, first step): https only, and never
// to an address in loopback, private, link-local, carrier-grade NAT, unique-local, multicast or
// reserved ranges (SSRF: a shop must not make Atelier call into its own network). Locally
// (`allowLoopback`), http and loopback are allowed for development and tests. The caller must
// connect to the address checked here, not resolve the name again (DNS rebinding).
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export class WebhookTargetError extends Error {
  override name = 'WebhookTargetError';
}

const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
];

const v4ToInt = (ip: string) => ip.split('.').reduce((n, octet) => (n << 8) + Number(octet), 0) >>> 0;
const inV4 = (ip: string, [base, bits]: [string, number]) => bits === 0 || (v4ToInt(ip) >>> (32 - bits)) === (v4ToInt(base) >>> (32 - bits));
const isV4Loopback = (ip: string) => inV4(ip, ['127.0.0.0', 8]);

/** True for an address Atelier must never call in AWS. */
export const isBlockedAddress = (ip: string): boolean => {
  if (isIP(ip) === 4) return V4_BLOCKED.some((range) => inV4(ip, range));
  const v6 = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped) return isBlockedAddress(mapped[1]);
  // ::, ::1, fc00::/7 (unique local), fe80::/10 (link local), ff00::/8 (multicast), 2001:db8::/32 (documentation)
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('ff') || v6.startsWith('2001:db8:');
};

export interface WebhookTarget {
  url: URL;
  /** The address to connect to (checked). */
  address: string;
}

/**
 * Parses and resolves a webhook URL, refusing what must not be called.
 * @example await checkWebhookTarget('https://shop.example/atelier', { allowLoopback: false })
 */
export const checkWebhookTarget = async (
  text: string,
  options: { allowLoopback: boolean; lookup?: (host: string) => Promise<{ address: string }[]> },
): Promise<WebhookTarget> => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookTargetError('not a URL');
  }
  if (url.username || url.password) throw new WebhookTargetError('credentials in the URL are not allowed');
  if (url.protocol !== 'https:' && !(options.allowLoopback && url.protocol === 'http:')) throw new WebhookTargetError('must be https');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const lookup = options.lookup ?? ((name: string) => dnsLookup(name, { all: true }));
  const addresses = isIP(host) ? [host] : (await lookup(host)).map((a) => a.address);
  if (addresses.length === 0) throw new WebhookTargetError('the host does not resolve');
  const local = (ip: string) => options.allowLoopback && (isV4Loopback(ip) || ip === '::1');
  // Every address must pass: a name that resolves to one public and one private address is refused.
  const bad = addresses.find((ip) => isBlockedAddress(ip) && !local(ip));
  if (bad) throw new WebhookTargetError('resolves to a loopback, private or reserved address');
  return { url, address: addresses[0] };
};
