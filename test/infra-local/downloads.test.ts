// Download links on `npm start`: they point at the local host's own port (/files/*, proxied to
// s3rver on loopback), so a shop agent or a phone on the LAN can use them. The proxy checks the
// link's signature, passes s3rver's expiry refusal through, and allows only GET and HEAD.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients } from '../../functions/store/clients.ts';
import { startLocalHost, type LocalHost } from '../../infra/local-host.ts';
import { freePort } from '../support/local-process.ts';

const QUOTE = { designId: 'name-tag', params: { text: 'LAN' }, material: 'PLA', quantity: 1, location: { lat: 52.52, lon: 13.405 } };
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const quoteOn = async (host: LocalHost) => {
  const response = await fetch(`${host.url}/api/quotes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(QUOTE) });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; files: { stl: string; threeMf: string } };
};

/** The object behind a link, read straight from s3rver with the SDK (not through the proxy). */
const objectBytes = async (host: LocalHost, link: string): Promise<Uint8Array> => {
  const path = decodeURIComponent(new URL(link).pathname);
  const key = path.slice(`/files/${host.config.bucketName}/`.length);
  const clients = createClients(host.config);
  try {
    const { Body } = await clients.s3.send(new GetObjectCommand({ Bucket: host.config.bucketName, Key: key }));
    return await Body!.transformToByteArray();
  } finally {
    clients.s3.destroy();
    clients.dynamo.destroy();
  }
};

describe('the presigner with a public endpoint', () => {
  it('keeps the endpoint path prefix with forcePathStyle', async () => {
    const clients = createClients(
      { tableName: 't', bucketName: 'b', region: 'eu-central-1', s3Endpoint: 'http://127.0.0.1:1', localCredentials: CREDENTIALS },
      { presignEndpoint: 'http://192.168.1.10:3000/files' },
    );
    const link = await getSignedUrl(clients.s3Presign, new GetObjectCommand({ Bucket: 'b', Key: 'orders/abc.stl' }), { expiresIn: 60 });
    expect(link.startsWith('http://192.168.1.10:3000/files/b/orders/abc.stl?')).toBe(true);
    // The client that talks to the store keeps its own endpoint.
    expect(clients.s3Presign).not.toBe(clients.s3);
    const aws = createClients({ tableName: 't', bucketName: 'b', region: 'eu-central-1' });
    expect(aws.s3Presign).toBe(aws.s3);
  });
});

describe('download links on the local host (port 0, default public URL)', () => {
  let dataDir: string;
  let host: LocalHost;
  let stl: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-downloads-'));
    host = await startLocalHost({ port: 0, dataDir, webDir: dataDir });
    stl = (await quoteOn(host)).files.stl;
  });
  afterAll(async () => {
    await host?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("points at the host's own URL under /files/, never at s3rver", () => {
    expect(host.publicUrl).toBe(host.url);
    expect(stl.startsWith(`${host.url}/files/`)).toBe(true);
    expect(stl).not.toContain(new URL(host.config.s3Endpoint!).host);
  });

  it('downloads byte-identically through the proxy, with the disposition and type of the link', async () => {
    const response = await fetch(stl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('model/stl');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.stl"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(84);
    expect(Buffer.from(bytes).equals(Buffer.from(await objectBytes(host, stl)))).toBe(true);
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);

    const head = await fetch(stl, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(bytes.length);

    const range = await fetch(stl, { headers: { range: 'bytes=0-79' } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).equals(Buffer.from(bytes.subarray(0, 80)))).toBe(true);
  });

  it('refuses a tampered link: another signature, another file, another expiry, no signature', async () => {
    const url = new URL(stl);
    const signature = url.searchParams.get('X-Amz-Signature')!;
    const flipped = new URL(stl);
    flipped.searchParams.set('X-Amz-Signature', `${signature[0] === '0' ? '1' : '0'}${signature.slice(1)}`);
    const otherFile = new URL(stl.replace(/\.stl\?/, '.3mf?'));
    const longer = new URL(stl);
    longer.searchParams.set('X-Amz-Expires', '604800');
    const unsigned = new URL(stl);
    unsigned.search = '';
    for (const link of [flipped, otherFile, longer, unsigned]) {
      const response = await fetch(link);
      expect(response.status, link.href).toBe(403);
      expect(await response.text()).toMatch(/<Code>(SignatureDoesNotMatch|AccessDenied)<\/Code>/);
    }
    // Nor can the bucket be listed through the proxy.
    const listing = await fetch(`${host.url}/files/${host.config.bucketName}/`);
    expect(listing.status).toBe(403);
    expect(await listing.text()).not.toContain('<Key>');
  });

  it("passes s3rver's refusal of an expired link through", async () => {
    // Correctly signed for this host, an hour ago, for one minute.
    const signer = new S3Client({ region: 'eu-central-1', endpoint: `${host.publicUrl}/files`, forcePathStyle: true, credentials: CREDENTIALS });
    const key = decodeURIComponent(new URL(stl).pathname).slice(`/files/${host.config.bucketName}/`.length);
    const expired = await getSignedUrl(signer, new GetObjectCommand({ Bucket: host.config.bucketName, Key: key }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 3_600_000),
    });
    const response = await fetch(expired);
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('Request has expired');
    // The same signer, now, is accepted: the refusal above was the expiry, not the signature.
    const fresh = await getSignedUrl(signer, new GetObjectCommand({ Bucket: host.config.bucketName, Key: key }), { expiresIn: 60 });
    expect((await fetch(fresh)).status).toBe(200);
  });

  it('refuses every method but GET and HEAD, and the file is still there afterwards', async () => {
    for (const method of ['PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await fetch(stl, { method, body: method === 'PUT' || method === 'POST' || method === 'PATCH' ? 'x' : undefined });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    }
    expect((await fetch(`${host.url}/files`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(stl)).status).toBe(200);
  });
});

describe('download links with ATELIER_PUBLIC_URL', () => {
  let dataDir: string;
  let host: LocalHost;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-downloads-public-'));
    const port = await freePort();
    // 127.0.0.1 stands in for the machine's LAN address: a host other than localhost.
    host = await startLocalHost({ port, dataDir, webDir: dataDir, publicUrl: `http://127.0.0.1:${port}/` });
  });
  afterAll(async () => {
    await host?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs links for the public address, and they download there', async () => {
    expect(host.publicUrl).toBe(`http://127.0.0.1:${new URL(host.url).port}`);
    const { files } = await quoteOn(host);
    for (const link of [files.stl, files.threeMf]) {
      expect(link.startsWith(`${host.publicUrl}/files/`)).toBe(true);
      const response = await fetch(link);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(await objectBytes(host, link)))).toBe(true);
    }
  });
});
