// `npm start`: runs all of Atelier on this machine, no AWS account needed.
// PORT (default 3000) and ATELIER_DATA_DIR (default .data) configure it; Ctrl-C stops it.
// Node 20 is what these machines run; the SDK's notice about its future Node 22 floor is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { startLocalHost } = await import('./local-host.ts');

const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.ATELIER_DATA_DIR ?? '.data';

const host = await startLocalHost({
  port,
  dataDir,
  webDir: process.env.ATELIER_WEB_DIR ?? 'web/dist',
  verbose: process.env.ATELIER_LOG === 'requests',
  rateLimitPerSecond: process.env.ATELIER_RATE_LIMIT ? Number(process.env.ATELIER_RATE_LIMIT) : undefined,
});

console.log(`Atelier is running at ${host.url}`);
console.log(`  API:      ${host.url}/api  (OpenAPI: ${host.url}/api/openapi.json)`);
console.log(`  data:     ${dataDir} (DynamoDB via dynalite at ${host.config.dynamoEndpoint}, S3 via s3rver at ${host.config.s3Endpoint})`);
if (host.demoShops.length) {
  console.log('  demo shops (keys are for this machine only; also saved in the data dir):');
  for (const shop of host.demoShops) console.log(`    ${shop.name.padEnd(24)} ${shop.apiKey}`);
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
