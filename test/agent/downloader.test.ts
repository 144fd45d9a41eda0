// Downloads: hashed while streaming, kept only when sha256 and size match; progress as bars on
// a terminal and plain lines elsewhere.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadVerified, readVerified } from '../../functions/agent/downloader.ts';
import { DownloadError, HashMismatchError } from '../../functions/agent/errors.ts';
import { createOutput, formatBytes } from '../../functions/agent/output.ts';
import { sha256Hex } from '../../functions/mesh/hash.ts';
import { captureSink } from '../support/agent-harness.ts';

const payload = new Uint8Array(50_000).map((_, i) => (i * 31) % 251);
const link = { url: 'http://files.test/part.stl', sha256: await sha256Hex(payload), bytes: payload.length };
const origins = ['http://files.test'];

/** Serves `bytes` in 10 KB chunks. */
const serving = (bytes: Uint8Array, status = 200): typeof fetch => async () =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 10_000) c.enqueue(bytes.slice(i, i + 10_000));
        c.close();
      },
    }),
    { status },
  );

describe('downloader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-dl-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps a verified file and prints plain start and end lines when not on a terminal', async () => {
    const sink = captureSink(false);
    const dest = join(dir, 'ok.stl');
    const file = await downloadVerified({ origins, link, dest, fetch: serving(payload), out: createOutput(sink) });
    expect(file).toEqual({ path: dest, sha256: link.sha256, bytes: payload.length });
    expect(new Uint8Array(await readFile(dest))).toEqual(payload);
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(sink.text()).toBe(`  ok.stl: downloading 48.8 KB\n  ok.stl: verified sha256 ${link.sha256.slice(0, 12)}…\n`);
  });

  it('draws a bar in place on a terminal, ending at 100 %', async () => {
    const sink = captureSink(true);
    let t = 0;
    await downloadVerified({ origins, link, dest: join(dir, 'tty.stl'), fetch: serving(payload), out: createOutput(sink, () => (t += 100)) });
    const frames = sink.text().split('\r\x1b[2K').filter(Boolean);
    expect(frames[0]).toMatch(/^ {2}tty\.stl \[░{24}\] +0% 0 B\/48\.8 KB$/);
    expect(frames.at(-2)).toMatch(/^ {2}tty\.stl \[█{24}\] 100% 48\.8 KB\/48\.8 KB$/);
    expect(frames.at(-1)).toMatch(/^ {2}tty\.stl: verified sha256 \w{12}…\n$/);
    expect(frames.length).toBeGreaterThan(4); // redrawn as chunks arrived
  });

  it('deletes a file whose sha256 or size differs and says both hashes', async () => {
    const tampered = payload.slice();
    tampered[7] ^= 1;
    const dest = join(dir, 'bad.stl');
    const error = await downloadVerified({ origins, link, dest, fetch: serving(tampered) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HashMismatchError);
    expect((error as HashMismatchError).actual.sha256).toBe(await sha256Hex(tampered));
    expect((error as Error).message).toMatch(/^bad\.stl: sha256 \w{12}… \(50000 bytes\) does not match the expected \w{12}… \(50000 bytes\); the file was deleted$/);
    await expect(downloadVerified({ origins, link, dest, fetch: serving(payload.slice(0, 40_000)) })).rejects.toBeInstanceOf(HashMismatchError);
    expect((await readdir(dir)).filter((f) => f.startsWith('bad'))).toEqual([]);
  });

  it('reports an HTTP error (an expired link) without writing anything', async () => {
    const dest = join(dir, 'expired.stl');
    await expect(downloadVerified({ origins, link, dest, fetch: serving(new Uint8Array(0), 403) })).rejects.toThrow(
      new DownloadError('expired.stl: download failed with HTTP 403 (the link may have expired)'),
    );
    expect(existsSync(dest) || existsSync(`${dest}.part`)).toBe(false);
  });

  it('trusts a file already on disk only when it still matches, and removes it otherwise', async () => {
    const path = join(dir, 'kept.stl');
    await writeFile(path, payload);
    expect(new Uint8Array((await readVerified(path, link))!)).toEqual(payload);
    await writeFile(path, payload.slice(1));
    expect(await readVerified(path, link)).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    expect(await readVerified(join(dir, 'never.stl'), link)).toBeUndefined();
  });

  it('formats sizes', () => {
    expect([0, 1023, 1536, 5 * 1024 * 1024].map(formatBytes)).toEqual(['0 B', '1023 B', '1.5 KB', '5.0 MB']);
  });
});
