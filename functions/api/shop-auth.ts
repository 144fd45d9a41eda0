// Shop authentication: "Authorization: Bearer <api key>", looked up by the key's sha256.
// An in-process cache keeps polls cheap. A key's shop never changes once issued (keys are
// neither rotated nor revoked, and a disabled shop is kept out of routing, which reads shops
// fresh), so a known key is remembered for a minute: longer than the shop agent's default
// 30 s poll, so a polling shop costs no lookups. An unknown key is remembered for 5 s only.
import type { MiddlewareHandler } from 'hono';
import { hashApiKey } from '../domain/ids.ts';
import type { Shop } from '../domain/shop.ts';
import type { AppEnv } from './deps.ts';
import { unauthorized } from './problem.ts';

export type ShopEnv = AppEnv & { Variables: AppEnv['Variables'] & { shop: Shop } };

const KNOWN_KEY_TTL_MS = 60_000;
const UNKNOWN_KEY_TTL_MS = 5_000;
const MAX_KEY_LENGTH = 200;

export const shopAuth = (): MiddlewareHandler<ShopEnv> => {
  const cache = new Map<string, { shop: Shop | undefined; until: number }>();
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9_-]{16,})$/.exec(header);
    if (!match || match[1].length > MAX_KEY_LENGTH) throw unauthorized();
    const deps = c.get('deps');
    const now = deps.clock();
    const hash = await hashApiKey(match[1]);
    let entry = cache.get(hash);
    if (!entry || entry.until <= now) {
      const shop = await deps.stores.shops.byKeyHash(hash);
      entry = { shop, until: now + (shop ? KNOWN_KEY_TTL_MS : UNKNOWN_KEY_TTL_MS) };
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, entry);
    }
    if (!entry.shop) throw unauthorized();
    c.set('shop', entry.shop);
    await next();
  };
};
