// Download links on `npm start`: they point at the local host's own port (/files/*), so a shop
// agent or a phone on the LAN can use them. Each is signed with the installation's own secret
// (not the S3 stand-in's published credentials), expires after 15 minutes, names one mesh
// file, and works with GET and HEAD only; the host then reads the file from s3rver itself.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients } from '../../functions/store/clients.ts';
import { signLocalLink } from '../../functions/store/local-links.ts';
import { startLocalHost, type LocalHost } from '../../infra/local-host.ts';
import { LINK_SECRET_FILE } from '../../infra/local/link-secret.ts';
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
  const key = new URL(link).pathname.slice('/files/'.length);
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

  it("points at the host's own URL under /files/, never at s3rver, for 15 minutes", () => {
    expect(host.publicUrl).toBe(host.url);
    const link = new URL(stl);
    expect(stl.startsWith(`${host.url}/files/meshes/`)).toBe(true);
    expect(stl).not.toContain(new URL(host.config.s3Endpoint!).host);
    expect([...link.searchParams.keys()].sort()).toEqual(['expires', 'name', 'signature']);
    const left = Number(link.searchParams.get('expires')) - Date.now() / 1000;
    expect(left).toBeGreaterThan(800);
    expect(left).toBeLessThanOrEqual(900);
  });

  it('downloads byte-identically, with the disposition and type of the link', async () => {
    const response = await fetch(stl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('model/stl');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="name-tag-[0-9a-f]{8}\.stl"$/);
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

  it('refuses a link signed with the S3 stand-in\'s published credentials (anyone could make one)', async () => {
    // What the review did: sign any key for 7 days with S3RVER/S3RVER, the way the host's own links used to be made.
    const key = new URL(stl).pathname.slice('/files/'.length);
    const forger = new S3Client({ region: 'eu-central-1', endpoint: `${host.publicUrl}/files`, forcePathStyle: true, credentials: CREDENTIALS });
    for (const forged of [
      await getSignedUrl(forger, new GetObjectCommand({ Bucket: host.config.bucketName, Key: key }), { expiresIn: 604_800 }),
      await getSignedUrl(forger, new GetObjectCommand({ Bucket: host.config.bucketName, Key: key.replace('meshes/', 'orders/') }), { expiresIn: 900 }),
    ]) {
      const response = await fetch(forged);
      expect(response.status, forged).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('refuses a tampered link: another signature, another file, a later expiry, another name, no signature, extra parameters', async () => {
    const tampered = (change: (url: URL) => void) => {
      const url = new URL(stl);
      change(url);
      return url;
    };
    const signature = new URL(stl).searchParams.get('signature')!;
    const links = [
      tampered((u) => u.searchParams.set('signature', `${signature[0] === '0' ? '1' : '0'}${signature.slice(1)}`)),
      tampered((u) => (u.pathname = u.pathname.replace(/\.stl$/, '.3mf'))),
      tampered((u) => (u.pathname = u.pathname.replace('/meshes/', '/orders/'))),
      tampered((u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 86_400))),
      tampered((u) => u.searchParams.set('name', 'other.stl')),
      tampered((u) => u.searchParams.delete('signature')),
      tampered((u) => u.searchParams.append('x-id', 'GetObject')),
      tampered((u) => (u.search = '')),
    ];
    for (const link of links) {
      const response = await fetch(link);
      expect(response.status, link.href).toBe(403);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/not a valid Atelier download link/);
    }
    // Nor can the bucket be listed, or another path reached, through /files.
    for (const path of [`/files/${host.config.bucketName}/`, '/files/', '/files', '/files/meshes/../demo-shops.json']) {
      const response = await fetch(`${host.url}${path}`);
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toContain('<Key>');
    }
  });

  it('refuses a correctly signed link once it has expired', async () => {
    const secret = Buffer.from((await readFile(join(dataDir, LINK_SECRET_FILE), 'utf8')).trim(), 'hex');
    const key = new URL(stl).pathname.slice('/files/'.length);
    const links = { baseUrl: host.publicUrl, secret };
    const expired = signLocalLink(links, key, 'part.stl', 900, Date.now() - 3_600_000);
    const response = await fetch(expired);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/expired/);
    // The same secret, now, is accepted: the refusal above was the expiry, not the signature.
    expect((await fetch(signLocalLink(links, key, 'part.stl', 900))).status).toBe(200);
  });

  it('keeps the link secret owner-only in the data directory', async () => {
    const info = await stat(join(dataDir, LINK_SECRET_FILE));
    expect(info.mode & 0o777).toBe(0o600);
    expect((await readFile(join(dataDir, LINK_SECRET_FILE), 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
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

  it('listens on 127.0.0.1 only unless told otherwise', async () => {
    const port = new URL(host.url).port;
    // Linux routes all of 127/8 to the loopback device: 127.0.0.2 stands in for another interface.
    await expect(fetch(`http://127.0.0.2:${port}/api/health`)).rejects.toThrow();
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  });
});

describe('a second start on the same data directory', () => {
  it('keeps the secret, so links handed out before the restart still work; a new secret refuses them', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'atelier-downloads-restart-'));
    try {
      let host = await startLocalHost({ port: 0, dataDir, webDir: dataDir });
      const { stl } = (await quoteOn(host)).files;
      await host.close();
      host = await startLocalHost({ port: 0, dataDir, webDir: dataDir });
      try {
        const sameLink = stl.replace(/^http:\/\/[^/]+/, host.url);
        expect((await fetch(sameLink)).status).toBe(200);
      } finally {
        await host.close();
      }
      await rm(join(dataDir, LINK_SECRET_FILE));
      host = await startLocalHost({ port: 0, dataDir, webDir: dataDir });
      try {
        expect((await fetch(stl.replace(/^http:\/\/[^/]+/, host.url))).status).toBe(403);
      } finally {
        await host.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('listening on every interface (HOST=0.0.0.0)', () => {
  it('answers on another local address too', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'atelier-downloads-any-'));
    const host = await startLocalHost({ port: 0, hostname: '0.0.0.0', dataDir, webDir: dataDir });
    try {
      expect((await fetch(`http://127.0.0.2:${new URL(host.url).port}/api/health`)).status).toBe(200);
    } finally {
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    }
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
