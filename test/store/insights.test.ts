// InsightsStore against dynalite: one refusal counts once, however often its write is repeated
// (the SDK repeats a write whose reply timed out, and that write may have landed), also when
// repeats and other refusals race, and also once the counter's memory of ids has filled up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsightsStore } from '../../functions/store/insights.ts';
import { startLocalStack, type LocalStack } from '../support/local-stack.ts';

describe('InsightsStore', () => {
  let stack: LocalStack;
  let store: InsightsStore;
  beforeAll(async () => {
    stack = await startLocalStack();
    store = new InsightsStore(stack.clients, stack.config);
  });
  afterAll(() => stack.close());

  const countOf = async (param: string) => (await store.all()).find((r) => r.param === param)?.count ?? 0;

  it('counts a repeated write of one refusal once, and each other refusal once, when they race', async () => {
    const push = { designId: 'planter', param: 'width', direction: 'too_large' as const };
    const writes = Array.from({ length: 30 }, (_, i) => store.record(push, 1, `refusal-${i % 10}`));
    await Promise.all(writes);
    await store.record(push, 2, 'refusal-3');

    expect(await countOf('width')).toBe(10);
  });

  it('keeps counting once per refusal after its memory of ids fills up', async () => {
    const small = new InsightsStore(stack.clients, stack.config, 20);
    const push = { designId: 'planter', param: 'height', direction: 'too_small' as const };
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => small.record(push, batch, `r-${batch * 10 + i}`)));
    }
    // A repeat of the latest refusal, after the memory started over at least once.
    await small.record(push, 99, 'r-49');

    expect(await countOf('height')).toBe(50);
  });
});
