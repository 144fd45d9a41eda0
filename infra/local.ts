// `npm start`: runs all of Atelier on this machine, no AWS account needed.
// PORT (default 3000) and ATELIER_DATA_DIR (default .data) configure it; Ctrl-C stops it.
// HOST (default 127.0.0.1, this machine only) is the address to listen on; 0.0.0.0 opens it to
// every network the machine is on (README: "Exposing npm start").
// ATELIER_PUBLIC_URL (e.g. http://192.168.1.10:3000) is the address other machines reach it
// at: download links point there, so a shop agent or a phone on the LAN can fetch the files.
// ATELIER_RATE_LIMIT is requests per second per client or shop key (0 turns it off).
// Node 20 is what these machines run; the SDK's notice about its future Node 22 floor is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { startLocalHost } = await import('./local-host.ts');

/** A bad setting stops the start with a message and exit code 2, never silently. */
const refuse = (message: string): never => {
  console.error(message);
  process.exit(2);
};

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) refuse(`PORT must be a port number (0-65535), got "${process.env.PORT}".`);

const hostname = process.env.HOST?.trim() || '127.0.0.1';
if (!/^[A-Za-z0-9.:-]+$/.test(hostname)) refuse(`HOST must be an address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every network), got "${process.env.HOST}".`);

const rateText = process.env.ATELIER_RATE_LIMIT?.trim();
let rateLimitPerSecond: number | undefined;
if (rateText) {
  rateLimitPerSecond = Number(rateText);
  if (!Number.isFinite(rateLimitPerSecond) || rateLimitPerSecond < 0) {
    refuse(`ATELIER_RATE_LIMIT must be a number of requests per second per client (0 turns the limit off), got "${process.env.ATELIER_RATE_LIMIT}".`);
  }
}

let publicUrl: string | undefined;
if (process.env.ATELIER_PUBLIC_URL) {
  const text = process.env.ATELIER_PUBLIC_URL.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    // reported below
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash || parsed.username || parsed.password) {
    refuse(`ATELIER_PUBLIC_URL must be the http(s) address other machines reach this server at, such as http://192.168.1.10:3000, got "${text}".`);
  }
  publicUrl = text.replace(/\/+$/, '');
}

const dataDir = process.env.ATELIER_DATA_DIR ?? '.data';

const host = await startLocalHost({
  port,
  hostname,
  dataDir,
  webDir: process.env.ATELIER_WEB_DIR ?? 'web/dist',
  verbose: process.env.ATELIER_LOG === 'requests',
  rateLimitPerSecond,
  publicUrl,
});

console.log(`Atelier is running at ${host.url}`);
console.log(`  API:      ${host.url}/api  (OpenAPI: ${host.url}/api/openapi.json)`);
console.log(`  data:     ${dataDir} (DynamoDB via dynalite at ${host.config.dynamoEndpoint}, S3 via s3rver at ${host.config.s3Endpoint})`);
console.log(`  listening on ${hostname}${hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '::1' ? ' (this machine only; HOST=0.0.0.0 opens it to the network)' : ' (reachable from other machines: see README, "Exposing npm start")'}`);
console.log(`  files:    download links point at ${host.publicUrl}/files/… (signed with ${dataDir}/link-secret, valid 15 minutes)`);
console.log(process.env.ATELIER_SMTP_URL ? '  mail:     order emails go to the SMTP server in ATELIER_SMTP_URL' : `  mail:     order emails are written to ${dataDir}/mail/*.eml (open them with any mail program)`);
if (!publicUrl) {
  console.log('            (this machine only; for other machines on the LAN set ATELIER_PUBLIC_URL=http://<this machine\'s address>:<port>)');
}
if (host.demoShops.length) {
  console.log('  demo shops (keys are for this machine only; also saved in the data dir):');
  for (const shop of host.demoShops) console.log(`    ${shop.name.padEnd(24)} ${shop.apiKey}`);
}
if (host.demoShopsWithoutKey.length) {
  console.log(`  demo shops whose keys are not saved in ${dataDir}/demo-shops.json (lost, or rotated since):`);
  for (const shop of host.demoShopsWithoutKey) {
    console.log(`    ${shop.name.padEnd(24)} npm run shops -- rotate-key ${shop.id}   (prints a new key; the old one stops working)`);
  }
}
console.log('Press Ctrl-C to stop.');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await host.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
