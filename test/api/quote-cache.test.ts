// A configuration is built and uploaded once: repeating a quote neither rebuilds nor uploads
// the mesh, and its (immutable, content-addressed) record is read from the table once per
// process; a different configuration is a new mesh.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDesign, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import { generateValidated } from '../../functions/designs/generate.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { estimatePrint } from '../../functions/domain/print-estimate.ts';
import { printFeatures } from '../../functions/mesh/print-features.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, quote, type Api } from '../support/api-flow.ts';

beforeAll(() => prepareCatalogue());

describe('quote caching', () => {
  let server: TestServer;
  let api: Api;
  const counts = { uploads: 0, meshReads: 0 };
  beforeAll(async () => {
    server = await startTestServer();
    api = apiOf(server);
    await addShopsNearBerlin(server, 2);
    const { doc, s3 } = server.stack.clients;
    const docSend = doc.send.bind(doc) as (command: unknown) => Promise<unknown>;
    (doc as { send: unknown }).send = (command: unknown) => {
      if (command instanceof GetCommand && String(command.input.Key?.PK).startsWith('MESH#')) counts.meshReads++;
      return docSend(command);
    };
    const s3Send = s3.send.bind(s3) as (command: unknown) => Promise<unknown>;
    (s3 as { send: unknown }).send = (command: unknown) => {
      if (command instanceof PutObjectCommand) counts.uploads++;
      return s3Send(command);
    };
  });
  afterAll(() => server.close());

  it('builds and uploads a configuration once, then reuses it', async () => {
    const first = await quote(api, { params: { text: 'ONCE' } });
    const afterFirst = { ...counts };

    const repeats = await Promise.all(Array.from({ length: 5 }, () => quote(api, { params: { text: 'ONCE' } })));

    expect(afterFirst).toEqual({ uploads: 2, meshReads: 1 });
    expect(counts).toEqual(afterFirst);
    for (const repeat of repeats) {
      expect(repeat.body.hash).toBe(first.body.hash);
      expect(repeat.body.id).not.toBe(first.body.id);
      expect(repeat.body.volumeMm3).toBe(first.body.volumeMm3);
    }
  });

  it('builds once when identical cold quotes arrive together', async () => {
    const before = { ...counts };

    const together = await Promise.all(Array.from({ length: 6 }, () => quote(api, { params: { text: 'CROWD' } })));

    expect(together.every((reply) => reply.status === 201)).toBe(true);
    expect(new Set(together.map((reply) => reply.body.hash)).size).toBe(1);
    expect(counts.uploads - before.uploads).toBe(2);
  });

  it('builds a different configuration anew', async () => {
    const before = { ...counts };

    const other = await quote(api, { params: { text: 'TWICE' } });

    expect(other.body.hash).not.toBe((await quote(api, { params: { text: 'ONCE' } })).body.hash);
    expect(counts).toEqual({ uploads: before.uploads + 2, meshReads: before.meshReads + 1 });
  });

  it("prices the mesh's layers with the fitted estimate (and the design's factors)", async () => {
    const reply = await quote(api, { params: { text: 'LAYERS' } });

    const design = findDesign(reply.body.designId)!;
    const validation = validateParams(design, reply.body.params);
    if (!validation.ok) throw new Error('the quoted params do not validate');
    const built = await generateValidated(design, validation.params);
    const m = built.measurements;
    const expected = estimatePrint({ volume: m.volume, surfaceArea: m.surfaceArea, size: m.size, print: printFeatures(built.mesh), designId: design.id, params: validation.params }, reply.body.material);
    expect(reply.body.printSeconds).toBe(Math.ceil(expected.seconds));
    expect(reply.body.weightGrams).toBe(Math.round(expected.grams * 10) / 10);
  });
});
