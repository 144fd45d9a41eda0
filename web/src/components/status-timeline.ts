// The order's way from placed to delivered as an ordered list: done steps with their time,
// the current one marked for screen readers (aria-current="step"), the rest still to come.
import type { OrderState, PublicOrderView } from '../api/types.ts';
import { h } from '../dom.ts';
import { formatDateTime } from '../format.ts';

const PATH: readonly OrderState[] = ['PLACED', 'CLAIMED', 'PRINTING', 'PRINTED', 'SHIPPED', 'DELIVERED'];

/** A step once it is behind the order: waiting is over, so it no longer says so. */
const DONE_LABEL: Partial<Record<OrderState, string>> = {
  PLACED: 'Ordered',
  PRINTED: 'Printed and packed',
};

const LABEL: Record<OrderState, string> = {
  PLACED: 'Ordered: waiting for a shop nearby to take it',
  CLAIMED: 'A print shop took the job',
  PRINTING: 'Printing',
  PRINTED: 'Printed, being packed',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  UNROUTABLE: 'No shop nearby could take it',
};

export const statusTimeline = (order: PublicOrderView): HTMLElement => {
  const reached = new Map<string, number>();
  for (const entry of order.timeline) reached.set(entry.state, entry.at); // a re-offered job keeps its latest time
  const offPath = !PATH.includes(order.state);
  const steps = offPath ? order.timeline.map((e) => e.state) : PATH;
  return h('ol', { class: 'timeline', 'aria-label': 'Order status' },
    steps.map((state) => {
      const current = state === order.state;
      const done = !current && reached.has(state) && (offPath || PATH.indexOf(state) < PATH.indexOf(order.state));
      const kind = current ? 'current' : done ? 'done' : 'todo';
      const at = reached.get(state);
      return h('li', { class: `step step-${kind}`, 'data-state': state, 'aria-current': current ? 'step' : null },
        h('span', { class: 'step-label' }, (kind === 'done' && DONE_LABEL[state]) || LABEL[state]),
        state === 'SHIPPED' && order.tracking ? h('span', { class: 'step-detail' }, `Tracking: ${order.tracking}`) : null,
        at !== undefined && kind !== 'todo' ? h('time', { datetime: new Date(at).toISOString() }, formatDateTime(at)) : null,
        h('span', { class: 'sr-only' }, kind === 'done' ? ' (done)' : kind === 'current' ? ' (now)' : ' (to come)'),
      );
    }),
  );
};
