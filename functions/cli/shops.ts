// `npm run shops`: register, list, disable and enable print shops; rotate a shop's API key;
// suspend and unsuspend a shop; register a shop's speed against the reference profile;
// register, show and remove a shop's webhook.
import { registerShop, ShopInputError } from '../api/use-cases/register-shop.ts';
import { registerWebhook } from '../api/use-cases/shop-webhook.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { hashApiKey, newToken } from '../domain/ids.ts';
import { webhookState, webhookStatusText, type WebhookState } from '../domain/webhooks.ts';
import { isLocalStore } from '../store/config.ts';
import { ShopWebhookStore } from '../store/shop-webhooks.ts';
import { KeyRotationConflictError, ShopStore } from '../store/shops.ts';
import { connect } from './connect.ts';
import { parseShopsArgs, SHOPS_USAGE, UsageError, type ShopsCommand } from './shops-args.ts';

/** How long running servers may keep accepting a key they have already checked (shop-auth's cache). */
const TAKES_EFFECT = 'within 10 seconds on running servers';

const time = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const webhookLine = (w: WebhookState) => `${w.url}  ${webhookStatusText(w, time)}`;

const run = async (command: ShopsCommand): Promise<number> => {
  if (command.kind === 'help') {
    console.log(SHOPS_USAGE);
    return 0;
  }
  const connection = await connect();
  const shops = new ShopStore(connection.clients, connection.config);
  const noSuchShop = (id: string) => {
    console.error(`No shop with id ${id} (see npm run shops -- list).`);
    return 1;
  };
  try {
    switch (command.kind) {
      case 'add': {
        const { shop, apiKey } = await registerShop(shops, command.shop, Date.now());
        console.log(`Registered ${shop.name} as ${shop.id} (${connection.where}).`);
        console.log(`API key (shown once, only its hash is stored):\n  ${apiKey}`);
        return 0;
      }
      case 'list': {
        const all = await shops.listAccounts();
        if (command.json) {
          console.log(JSON.stringify(all.map(({ shop, suspended, webhook }) => ({ ...shop, ...(suspended ? { suspended } : {}), ...(webhook ? { webhook } : {}) })), null, 2));
          return 0;
        }
        console.log(`${all.length} shop(s) in ${connection.where}:`);
        for (const { shop: s, suspended, webhook } of all) {
          const volume = `${s.buildVolume.x}x${s.buildVolume.y}x${s.buildVolume.z}`;
          const state = suspended ? 'SUSPENDED' : s.open ? 'open' : 'closed';
          const speed = s.speedFactor === undefined || s.speedFactor === 1 ? '' : `  speed ×${s.speedFactor}`;
          const colours = (s.colours ?? 1) > 1 ? `  ${s.colours} colours` : '';
          console.log(`  ${s.id.padEnd(20)} ${state.padEnd(9)} ${s.name.padEnd(26)} ${s.lat.toFixed(3)},${s.lon.toFixed(3)}  ${s.materials.join(',').padEnd(16)} ${volume}${speed}${colours}`);
          if (webhook) console.log(`  ${''.padEnd(20)} webhook ${webhookLine(webhook)}`);
        }
        return 0;
      }
      case 'disable':
      case 'enable': {
        const found = await shops.setOpen(command.id, command.kind === 'enable');
        if (!found) return noSuchShop(command.id);
        console.log(`${command.id} is now ${command.kind === 'enable' ? 'open for' : 'closed to'} new offers.`);
        return 0;
      }
      case 'rotate-key': {
        const apiKey = `ak_${newToken()}`;
        const result = await shops.rotateKey(command.id, await hashApiKey(apiKey));
        if (!result.found) return noSuchShop(command.id);
        console.log(`New API key for ${command.id} (${connection.where}; shown once, only its hash is stored):\n  ${apiKey}`);
        console.log(`The old key stops working ${TAKES_EFFECT}.`);
        if (!result.oldKeyDeleted) console.log('(This shop was registered before keys were tracked per shop: its old key item stays in the table, refused.)');
        return 0;
      }
      case 'speed-factor': {
        const found = await shops.setSpeedFactor(command.id, command.speedFactor);
        if (!found) return noSuchShop(command.id);
        console.log(`${command.id} now prints at ${command.speedFactor}× the reference speed: its hourly rate applies to reference time / ${command.speedFactor} in new quotes.`);
        return 0;
      }
      case 'webhook': {
        const webhooks = new ShopWebhookStore(connection.clients, connection.config);
        if (command.url !== undefined) {
          const local = isLocalStore(connection.config);
          const webhook = await registerWebhook(webhooks, command.id, command.url, Date.now(), { allowLoopback: local });
          console.log(`Webhook for ${command.id} (${connection.where}): ${webhook.url}`);
          console.log(`Signing secret (shown once; it is not shown again):\n  ${webhook.secret}`);
          console.log(`Put it in the shop agent's config as "webhookSecret" (or ATELIER_WEBHOOK_SECRET) to verify the Atelier-Signature header.`);
          console.log('Saving the URL again makes a new secret and resumes a disabled webhook.');
          return 0;
        }
        if (command.remove) {
          const removed = await webhooks.remove(command.id);
          console.log(removed ? `${command.id} has no webhook any more: no more deliveries.` : `${command.id} had no webhook.`);
          return 0;
        }
        const webhook = await webhooks.get(command.id);
        if (!webhook && !(await shops.get(command.id))) return noSuchShop(command.id);
        console.log(webhook ? `${command.id} webhook ${webhookLine(webhookState(webhook))}` : `${command.id} has no webhook (register one with: npm run shops -- webhook ${command.id} URL).`);
        return 0;
      }
      case 'colours': {
        const found = await shops.setColours(command.id, command.colours);
        if (!found) return noSuchShop(command.id);
        console.log(
          command.colours > 1
            ? `${command.id} now takes jobs in up to ${command.colours} filaments: new quotes for two-colour designs count it.`
            : `${command.id} now takes single-colour jobs only.`,
        );
        return 0;
      }
      case 'suspend':
      case 'unsuspend': {
        const suspend = command.kind === 'suspend';
        const found = await shops.setSuspended(command.id, suspend);
        if (!found) return noSuchShop(command.id);
        console.log(
          suspend
            ? `${command.id} is suspended: its key is refused ${TAKES_EFFECT}, and it gets no new offers. Jobs it claimed but has not started can be taken over by other candidates once the lease lapses; jobs it is printing stay with it.`
            : `${command.id} is no longer suspended: its key works again within 5 seconds.`,
        );
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof NotFoundError) return noSuchShop((command as { id: string }).id);
    throw error;
  } finally {
    await connection.close();
  }
};

try {
  process.exitCode = await run(parseShopsArgs(process.argv.slice(2)));
} catch (error) {
  if (error instanceof UsageError || error instanceof ShopInputError) {
    console.error(`${error.message}\n\n${SHOPS_USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof ValidationError) {
    console.error(error.message);
    process.exitCode = 2;
  } else if (error instanceof KeyRotationConflictError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
