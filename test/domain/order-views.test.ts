// What the customer and shops are shown: no shop ids for the customer, no contact for shops.
import { describe, expect, it } from 'vitest';
import { claim, erasePersonalData, publicView, setStatus, shopView } from '../../functions/domain/order.ts';
import { MINUTE, T0, contact, delivery, placed, unwrap } from './fixtures.ts';

const claimed = () => unwrap(claim(placed(), 's1', T0 + MINUTE));
const shipped = () => {
  const printing = unwrap(setStatus(claimed(), 's1', 'PRINTING', T0 + 2 * MINUTE));
  const printed = unwrap(setStatus(printing, 's1', 'PRINTED', T0 + 3 * MINUTE));
  return unwrap(setStatus(printed, 's1', 'SHIPPED', T0 + 4 * MINUTE, 'TRACK-9'));
};

describe('publicView', () => {
  it('shows the state, a timeline and the part, and no shop id anywhere', () => {
    const order = shipped();

    const view = publicView(order);

    expect(view).toMatchObject({ state: 'SHIPPED', tracking: 'TRACK-9', priceCents: 600, quantity: 2, dimensionsMm: { x: 60, y: 20, z: 4 } });
    expect(view.timeline.map((t) => t.state)).toEqual(['PLACED', 'CLAIMED', 'PRINTING', 'PRINTED', 'SHIPPED']);
    expect(order.history.some((h) => h.by === 's1')).toBe(true);
    expect(JSON.stringify(view)).not.toMatch(/"s[123]"|candidates|declined|"claim"|"by"/);
  });

  it('shows the customer their own details until erased', () => {
    const before = publicView(shipped());
    const after = publicView(unwrap(erasePersonalData(shipped(), T0 + 9 * MINUTE)));

    expect(before).toMatchObject({ contact, delivery, erasedAt: null, canErase: true, canCancel: false });
    expect(after).toMatchObject({ contact: null, delivery: null, erasedAt: T0 + 9 * MINUTE });
  });

  it('offers cancel only while PLACED', () => {
    expect(publicView(placed()).canCancel).toBe(true);
    expect(publicView(claimed()).canCancel).toBe(false);
  });
});

describe('shopView', () => {
  it('gives the holder the delivery address but never the contact details', () => {
    const view = shopView(claimed(), 's1', T0 + 2 * MINUTE);

    expect(view).toMatchObject({ claimedByYou: true, leaseUntil: T0 + 16 * MINUTE, delivery, distanceKm: 2 });
    expect(JSON.stringify(view)).not.toContain(contact.email);
    expect(JSON.stringify(view)).not.toContain(contact.phone);
  });

  it('gives an offered shop the job but no personal data', () => {
    const view = shopView(placed(), 's2', T0 + 10 * MINUTE);

    expect(view).toMatchObject({ claimedByYou: false, leaseUntil: null, delivery: null, offeredAt: T0 + 10 * MINUTE, distanceKm: 5.5 });
    expect(JSON.stringify(view)).not.toContain(delivery.line1);
    expect(JSON.stringify(view)).not.toContain(contact.email);
  });

  it('shows a lapsed claim to another shop without the address or the holder', () => {
    const view = shopView(claimed(), 's2', T0 + 30 * MINUTE);

    expect(view).toMatchObject({ state: 'CLAIMED', claimedByYou: false, delivery: null, tracking: null });
    expect(JSON.stringify(view)).not.toContain('"s1"');
  });

  it('is null for a shop that may not see the order', () => {
    expect(shopView(placed(), 's3', T0)).toBeNull();
    expect(shopView(placed(), 'stranger', T0 + 1000 * MINUTE)).toBeNull();
    expect(shopView(claimed(), 's2', T0 + 12 * MINUTE)).toBeNull();
  });

  it('has no address once erased', () => {
    const erased = unwrap(erasePersonalData(shipped(), T0 + 9 * MINUTE));

    expect(shopView(erased, 's1', T0 + 10 * MINUTE)).toMatchObject({ delivery: null, tracking: null });
  });
});
