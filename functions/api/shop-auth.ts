// Shop authentication: "Authorization: Bearer <api key>", looked up by the key's sha256.
// A key is refused when it is unknown, when it is no longer its shop's current key (the
// operator rotated it: `npm run shops -- rotate-key`), or when the shop is suspended
// (`npm run shops -- suspend`).
//
// An in-process cache keeps polls cheap: a known key's answer is remembered for 10 s, an
// unknown or refused key's for 5 s. So a rotation, revocation or suspension takes effect
// within 10 s in every running process (each Lambda instance, or npm start), and lifting a
// suspension within 5 s. The cache is per process and not told about changes: the process
// that made a change (the operator CLI is a separate process anyway) also waits for its
// entry to expire. A closed shop (`disable`) still authenticates; routing, which reads shops
// fresh, just stops offering it new jobs.
import type { MiddlewareHandler } from 'hono';
import { hashApiKey } from '../domain/ids.ts';
import type { Shop } from '../domain/shop.ts';
import type { AppEnv } from './deps.ts';
import { unauthorized } from './problem.ts';

export type ShopEnv = AppEnv & { Variables: AppEnv['Variables'] & { shop: Shop } };

export const KNOWN_KEY_TTL_MS = 10_000;
export const UNKNOWN_KEY_TTL_MS = 5_000;
const MAX_KEY_LENGTH = 200;

export const shopAuth = (): MiddlewareHandler<ShopEnv> => {
  const cache = new Map<string, { shop: Shop | undefined; until: number }>();
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    // The scheme name is case-insensitive (RFC 9110 §11.1); the key itself is not.
    const match = /^Bearer\s+([A-Za-z0-9_-]{16,})$/i.exec(header);
    if (!match || match[1].length > MAX_KEY_LENGTH) throw unauthorized();
    const deps = c.get('deps');
    const now = deps.clock();
    const hash = await hashApiKey(match[1]);
    let entry = cache.get(hash);
    if (!entry || entry.until <= now) {
      const account = await deps.stores.shops.byKeyHash(hash);
      const shop = account && !account.suspended ? account.shop : undefined;
      entry = { shop, until: now + (shop ? KNOWN_KEY_TTL_MS : UNKNOWN_KEY_TTL_MS) };
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, entry);
    }
    if (!entry.shop) throw unauthorized();
    c.set('shop', entry.shop);
    await next();
  };
};
