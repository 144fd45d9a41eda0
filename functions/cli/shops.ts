// `npm run shops`: register, list, disable and enable print shops.
import { registerShop, ShopInputError } from '../api/use-cases/register-shop.ts';
import { ShopStore } from '../store/shops.ts';
import { connect } from './connect.ts';
import { parseShopsArgs, SHOPS_USAGE, UsageError, type ShopsCommand } from './shops-args.ts';

const run = async (command: ShopsCommand): Promise<number> => {
  if (command.kind === 'help') {
    console.log(SHOPS_USAGE);
    return 0;
  }
  const connection = await connect();
  const shops = new ShopStore(connection.clients, connection.config);
  try {
    switch (command.kind) {
      case 'add': {
        const { shop, apiKey } = await registerShop(shops, command.shop, Date.now());
        console.log(`Registered ${shop.name} as ${shop.id} (${connection.where}).`);
        console.log(`API key (shown once, only its hash is stored):\n  ${apiKey}`);
        return 0;
      }
      case 'list': {
        const all = await shops.list();
        if (command.json) {
          console.log(JSON.stringify(all, null, 2));
          return 0;
        }
        console.log(`${all.length} shop(s) in ${connection.where}:`);
        for (const s of all) {
          const volume = `${s.buildVolume.x}x${s.buildVolume.y}x${s.buildVolume.z}`;
          console.log(`  ${s.id.padEnd(20)} ${(s.open ? 'open' : 'closed').padEnd(7)} ${s.name.padEnd(26)} ${s.lat.toFixed(3)},${s.lon.toFixed(3)}  ${s.materials.join(',').padEnd(16)} ${volume}`);
        }
        return 0;
      }
      case 'disable':
      case 'enable': {
        const found = await shops.setOpen(command.id, command.kind === 'enable');
        if (!found) {
          console.error(`No shop with id ${command.id}.`);
          return 1;
        }
        console.log(`${command.id} is now ${command.kind === 'enable' ? 'open for' : 'closed to'} new offers.`);
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
  } else {
    throw error;
  }
}
