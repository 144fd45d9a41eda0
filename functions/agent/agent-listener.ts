// `agent run --listen`: the webhook receiver started in front of a running agent, its
// deliveries going through a WebhookInbox to the agent; what main() calls, and tests too.
import type { AgentConfig } from './config.ts';
import { ConfigError } from './errors.ts';
import { clock } from './format.ts';
import type { Output } from './output.ts';
import { WebhookInbox, type WebhookTarget } from './webhook-inbox.ts';
import { startWebhookListener, type WebhookListener } from './webhook-listener.ts';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1)$/i;

/** `--listen`: the webhook receiver in front of the agent, or null without it. */
export async function listenForWebhooks(agent: WebhookTarget, config: Pick<AgentConfig, 'listen' | 'webhookSecret' | 'pollSeconds'>, out: Output, now: () => number): Promise<WebhookListener | null> {
  if (!config.listen || !config.webhookSecret) return null;
  const inbox = new WebhookInbox(agent, (text) => out.line(`${clock(now())}  ${text}`), now);
  let listener: WebhookListener;
  try {
    listener = await startWebhookListener({
      address: config.listen,
      secret: config.webhookSecret,
      now,
      onEvent: (event) => void inbox.event(event),
      onOutcome: (outcome) => inbox.outcome(outcome),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot listen on ${config.listen.host}:${config.listen.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : (code ?? (error as Error).message)}`);
  }
  out.line(`webhooks: listening on ${listener.url} (polling every ${config.pollSeconds} s stays the fallback)`);
  if (!LOOPBACK.test(config.listen.host)) {
    out.line(`webhooks: ${config.listen.host} is reachable from other machines; only deliveries signed with your secret have an effect, and plain http is readable on the way (put TLS in front)`);
  }
  return listener;
}
