// `npm run agent -- …`: the shop agent as a process. Ctrl-C (or SIGTERM from systemd) aborts
// in-flight requests and stops cleanly; a second Ctrl-C exits at once.
import { main } from '../agent/main.ts';

const controller = new AbortController();
let signals = 0;
const stop = (signal: NodeJS.Signals) => {
  signals += 1;
  if (signals > 1) process.exit(130);
  controller.abort(new Error(`stopped by ${signal}`));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

process.exitCode = await main({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
process.off('SIGINT', stop);
process.off('SIGTERM', stop);
