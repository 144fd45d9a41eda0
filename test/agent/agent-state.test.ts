// The agent's state on disk: written atomically (temp file + rename, owner-only), read back by
// a new process, and retry requests taken up once.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetForRetry, STATE_FILE, StateStore } from '../../functions/agent/agent-state.ts';

describe('agent state', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-state-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('survives a new store (a restarted agent) and leaves no temp file; only the owner can read it', async () => {
    const store = new StateStore(dir);
    const record = await store.ensure({ id: 'oJob1', designId: 'name-tag' }, 1);
    Object.assign(record, { stage: 'printing', upload: { kind: 'moonraker', url: 'http://k', name: 'a.gcode', sha256: 'ab', at: 2 } });
    await store.save();

    expect(await readdir(dir)).toEqual([STATE_FILE]);
    expect((await stat(join(dir, STATE_FILE))).mode & 0o077).toBe(0);
    const again = await new StateStore(dir).get('oJob1');
    expect(again).toMatchObject({ stage: 'printing', upload: { name: 'a.gcode', sha256: 'ab' } });
  });

  it('refuses an unreadable state file instead of forgetting what it printed', async () => {
    await writeFile(join(dir, STATE_FILE), '{"jobs": [');
    await expect(new StateStore(dir).load()).rejects.toThrow(SyntaxError);
    await writeFile(join(dir, STATE_FILE), '{"version": 7, "jobs": {}}');
    await expect(new StateStore(dir).load()).rejects.toThrow('is not an agent state file (version 1)');
  });

  it('forgets jobs that are no longer open work', async () => {
    const store = new StateStore(dir);
    await store.ensure({ id: 'a', designId: 'd' }, 1);
    await store.ensure({ id: 'b', designId: 'd' }, 1);
    expect(await store.keepOnly(['b'])).toEqual(['a']);
    await store.save();
    expect(Object.keys(JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')).jobs)).toEqual(['b']);
  });

  it('takes each retry request once, and a retry goes back to the upload (or the slicer)', async () => {
    const store = new StateStore(dir);
    await store.requestRetry('oJob1', 5);
    expect(await store.takeRetries()).toEqual(['oJob1']);
    expect(await store.takeRetries()).toEqual([]);

    const gcode = { path: '/x.gcode', sha256: 'ab', bytes: 1, figures: { printSeconds: 1, filamentGrams: 1, filamentMm: 1, layers: 1, slicer: 's', profile: 'p' } };
    const held = { id: 'j', designId: 'd', stage: 'printing' as const, gcode, upload: { kind: 'octoprint' as const, url: 'u', name: 'x.gcode', sha256: 'ab', at: 1 }, sawPrinting: true, problem: { stage: 'printer-error' as const, message: 'boom', at: 1 }, updatedAt: 1 };
    resetForRetry(held, 9);
    expect(held).toMatchObject({ stage: 'uploaded', retried: true, gcode, upload: { name: 'x.gcode' } }); // the printer has it: start it again
    expect(held).not.toHaveProperty('problem');
    expect(held).not.toHaveProperty('sawPrinting');
    const notThere = { id: 'j', designId: 'd', stage: 'started' as const, gcode, problem: { stage: 'printer-error' as const, message: 'no such file', at: 1 }, updatedAt: 1 };
    resetForRetry(notThere, 9);
    expect(notThere.stage).toBe('sliced'); // uploaded again
    const badSlice = { id: 'k', designId: 'd', stage: 'downloaded' as const, threeMf: { path: '/x.3mf', sha256: 'c', bytes: 1 }, problem: { stage: 'slicing' as const, message: 'outside the bed', at: 1 }, updatedAt: 1 };
    resetForRetry(badSlice, 9);
    expect(badSlice.stage).toBe('downloaded');
  });
});
