// The mesh worker's queue, run in Node with the real designs and manifold-3d: within a lane
// only the newest request is built (older queued ones are answered "stale"), lanes do not
// displace each other, and bad input comes back as field errors, not a crash.
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultParams } from '../../functions/designs/validate.ts';
import { findDesign } from '../../functions/designs/catalogue.ts';
import type { BuildRequest, BuildResponse } from '../../web/src/worker/protocol.ts';

const replies: BuildResponse[] = [];
const scope: { onmessage: ((event: { data: BuildRequest }) => void) | null; postMessage: (m: BuildResponse) => void } = {
  onmessage: null,
  postMessage: (message) => replies.push(message),
};

const send = (request: Omit<BuildRequest, 'type'>) => scope.onmessage!({ data: { type: 'build', ...request } });

const settle = async (count: number) => {
  for (let i = 0; i < 500 && replies.length < count; i++) await new Promise((r) => setTimeout(r, 10));
};

describe('mesh worker', () => {
  beforeAll(async () => {
    (globalThis as { self?: unknown }).self = scope;
    await import('../../web/src/worker/mesh-worker.ts');
  });

  it('builds only the newest request of a lane and answers the replaced ones as stale', async () => {
    replies.length = 0;
    const tag = findDesign('name-tag')!;
    send({ id: 1, lane: 'preview', designId: 'name-tag', params: { ...defaultParams(tag), thickness: 2 } });
    send({ id: 2, lane: 'preview', designId: 'name-tag', params: { ...defaultParams(tag), thickness: 3 } });
    send({ id: 3, lane: 'preview', designId: 'name-tag', params: { ...defaultParams(tag), thickness: 4 } });
    await settle(3);
    expect(replies.map((r) => [r.id, r.type])).toEqual([[1, 'stale'], [2, 'stale'], [3, 'built']]);
    const built = replies[2] as Extract<BuildResponse, { type: 'built' }>;
    expect(built.size[2]).toBeCloseTo(5, 3); // 4 mm plate + 1 mm raised letters
    expect(built.indices.length / 3).toBe(built.triangles);
    expect(built.parts.map((p) => [p.role, p.colourSlot])).toEqual([['body', 0]]);
    expect(built.parts[0].positions).toBe(built.positions);
  });

  it('keeps lanes apart and serves the preview lane first', async () => {
    replies.length = 0;
    send({ id: 10, lane: 'thumb:a', designId: 'name-tag', params: {} });
    send({ id: 11, lane: 'thumb:b', designId: 'name-tag', params: { text: 'B' } });
    send({ id: 12, lane: 'preview', designId: 'name-tag', params: { text: 'P' } });
    await settle(3);
    expect(replies.map((r) => r.id)).toEqual([12, 10, 11]);
    expect(replies.every((r) => r.type === 'built')).toBe(true);
  });

  it('answers invalid params with the validator’s field errors and unknown designs with a failure', async () => {
    replies.length = 0;
    send({ id: 20, lane: 'preview', designId: 'name-tag', params: { letterHeight: 99 } });
    await settle(1);
    send({ id: 21, lane: 'preview', designId: 'no-such-design', params: {} });
    await settle(2);
    expect(replies[0]).toMatchObject({ id: 20, type: 'invalid', errors: [{ field: 'letterHeight', code: 'too_large' }] });
    expect(replies[1]).toMatchObject({ id: 21, type: 'failed' });
  });

  it('loads the chosen typeface itself and refuses what that face cannot draw, naming it', async () => {
    replies.length = 0;
    send({ id: 30, lane: 'preview', designId: 'name-tag', params: { text: 'Ωμέγα', font: 'serif' } });
    await settle(1);
    send({ id: 31, lane: 'preview', designId: 'name-tag', params: { text: 'Ada 中', font: 'rounded' } });
    await settle(2);
    expect(replies[0]).toMatchObject({ id: 30, type: 'built' });
    expect(replies[1]).toMatchObject({ id: 31, type: 'invalid', errors: [{ field: 'text', code: 'charset', message: expect.stringContaining('"中"') }] });
  });
});
