// The webhook part of the agent's settings: where `--listen` binds ([HOST:]PORT, "listen" in
// the config file; host 127.0.0.1 unless given) and the secret deliveries are signed with
// (ATELIER_WEBHOOK_SECRET, or "webhookSecret" in a config file only the shop can read; never
// a flag, which would land in shell history and ps). Listening without a secret is refused.
import { ConfigError } from './errors.ts';
import type { ListenAddress } from './webhook-listener.ts';

export const ENV_WEBHOOK_SECRET = 'ATELIER_WEBHOOK_SECRET';
export const DEFAULT_LISTEN_HOST = '127.0.0.1';
/** Shortest secret accepted; Atelier's are `whsec_` and 43 characters. */
const MIN_SECRET_LENGTH = 16;

export interface ListenFileKeys {
  /** "8787", "0.0.0.0:8787", "[::1]:8787", or a port number. */
  listen?: string | number;
  webhookSecret?: string;
}

export interface ListenSettings {
  listen: ListenAddress;
  webhookSecret: string;
}

/**
 * "[HOST:]PORT" → {host, port}; the host defaults to 127.0.0.1, an IPv6 host goes in brackets.
 * @example parseListenAddress('0.0.0.0:8787') // { host: '0.0.0.0', port: 8787 }
 */
export function parseListenAddress(value: string | number, name = '--listen'): ListenAddress {
  const raw = String(value).trim();
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(raw);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) {
    throw new ConfigError(`${name} must be [HOST:]PORT, e.g. 8787 or 0.0.0.0:8787 (port 0–65535), not ${JSON.stringify(value)}`);
  }
  const host = match[1]?.replace(/^\[|\]$/g, '') ?? DEFAULT_LISTEN_HOST;
  return { host, port };
}

/** The listen settings, or undefined when the agent does not listen. */
export function resolveListen(
  file: ListenFileKeys,
  flag: string | undefined,
  env: Record<string, string | undefined>,
  once: boolean,
): ListenSettings | undefined {
  const given = flag ?? file.listen;
  if (given === undefined) return undefined;
  if (typeof given !== 'string' && typeof given !== 'number') throw new ConfigError('"listen" must be "[HOST:]PORT" or a port number');
  const listen = parseListenAddress(given, flag !== undefined ? '--listen' : '"listen"');
  if (once) throw new ConfigError('--listen needs a running agent: leave out --once');
  const secret = env[ENV_WEBHOOK_SECRET]?.trim() || (typeof file.webhookSecret === 'string' ? file.webhookSecret.trim() : undefined);
  if (!secret) {
    throw new ConfigError(
      `--listen needs the webhook secret to check deliveries: set ${ENV_WEBHOOK_SECRET} (printed once by ` +
        `"npm run shops -- webhook ID URL") or "webhookSecret" in a config file only you can read; it is never a command-line flag`,
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`the webhook secret is ${secret.length} characters; use the whsec_… secret Atelier printed when the webhook was registered`);
  }
  return { listen, webhookSecret: secret };
}
