// `npm run shops`: register, list, disable and enable print shops; rotate a shop's API key;
// suspend and unsuspend a shop; register a shop's speed against the reference profile.
import { registerShop, ShopInputError } from '../api/use-cases/register-shop.ts';
import { hashApiKey, newToken } from '../domain/ids.ts';
import { KeyRotationConflictError, ShopStore } from '../store/shops.ts';
import { connect } from './connect.ts';
import { parseShopsArgs, SHOPS_USAGE, UsageError, type ShopsCommand } from './shops-args.ts';

/** How long running servers may keep accepting a key they have already checked (shop-auth's cache). */
const TAKES_EFFECT = 'within 10 seconds on running servers';

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
          console.log(JSON.stringify(all.map(({ shop, suspended }) => (suspended ? { ...shop, suspended } : shop)), null, 2));
          return 0;
        }
        console.log(`${all.length} shop(s) in ${connection.where}:`);
        for (const { shop: s, suspended } of all) {
          const volume = `${s.buildVolume.x}x${s.buildVolume.y}x${s.buildVolume.z}`;
          const state = suspended ? 'SUSPENDED' : s.open ? 'open' : 'closed';
          const speed = s.speedFactor === undefined || s.speedFactor === 1 ? '' : `  speed ×${s.speedFactor}`;
          console.log(`  ${s.id.padEnd(20)} ${state.padEnd(9)} ${s.name.padEnd(26)} ${s.lat.toFixed(3)},${s.lon.toFixed(3)}  ${s.materials.join(',').padEnd(16)} ${volume}${speed}`);
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
  } else if (error instanceof KeyRotationConflictError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
