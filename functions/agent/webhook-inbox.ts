// What the agent does with webhook deliveries, and what it says about them. A webhook is a
// hint, never job data: `job.offered` wakes the poll loop (claims still go through the API),
// `job.lease-expiring` renews the lease now of a job this agent holds (by the API's last
// listing), `order.cancelled` keeps the agent from claiming that offer. Refused requests are
// printed at most once a minute with a count, so a flood of junk cannot flood the output.
import type { WebhookEvent } from '../domain/webhooks.ts';
import type { DeliveryOutcome } from './webhook-listener.ts';

/** The agent as the inbox sees it (ShopAgent implements it). */
export interface WebhookTarget {
  /** A verified delivery arrived (for the poll cadence). */
  delivered(): void;
  /** Poll now. */
  wake(): void;
  /** Renews the lease of a held job now; the words for the output line. */
  heartbeatNow(jobId: string): Promise<string>;
  /** Leaves a cancelled offer alone; the words for the output line. */
  dropOffer(jobId: string): string;
}

/** Least time between two lines about refused requests, ms. */
export const REFUSAL_LINE_MS = 60_000;

export class WebhookInbox {
  private refusedSinceLine = 0;
  private lastRefusalLineAt = -Infinity;

  constructor(
    private readonly target: WebhookTarget,
    /** Prints one line, stamped with the time. */
    private readonly say: (text: string) => void,
    private readonly now: () => number,
  ) {}

  /** A new, verified event: its effect, then one line. Never throws. */
  async event(event: WebhookEvent): Promise<void> {
    this.target.delivered();
    const { jobId } = event.data;
    let effect: string;
    try {
      if (event.type === 'job.offered') {
        this.target.wake();
        effect = 'polling now';
      } else if (event.type === 'job.lease-expiring') {
        effect = await this.target.heartbeatNow(jobId);
      } else {
        effect = this.target.dropOffer(jobId);
      }
    } catch (error) {
      effect = `failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.say(`webhook ${event.type} ${jobId}: ${effect}`);
  }

  /** Any request's outcome; only refusals are printed here (throttled). */
  outcome(outcome: DeliveryOutcome): void {
    if (outcome.outcome === 'duplicate') this.say(`webhook ${outcome.id}: already handled (a repeat), no effect`);
    if (outcome.outcome === 'ignored') this.say(`webhook ${outcome.id}: an event type this agent does not know, ignored`);
    if (outcome.outcome !== 'refused') return;
    this.refusedSinceLine += 1;
    const at = this.now();
    if (at - this.lastRefusalLineAt < REFUSAL_LINE_MS) return;
    const more = this.refusedSinceLine > 1 ? ` (${this.refusedSinceLine - 1} more refused since the last such line)` : '';
    this.say(`webhook refused with ${outcome.status}: ${outcome.reason}${more}`);
    this.refusedSinceLine = 0;
    this.lastRefusalLineAt = at;
  }
}
