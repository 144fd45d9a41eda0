// Test fixture: the socket side shared by the printer fakes: a node:http server on 127.0.0.1,
// port 0, that logs every request (method, path, answered status, the headers that matter) and
// lets each fake answer in its printer's format. `hang()` makes it stop answering (for time
// limits), `redirect(to)` answers every request with a 302 (for the no-redirect rule).
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  method: string;
  /** Path and query as sent. */
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
}

export interface FakeAnswer {
  status: number;
  /** An object is sent as JSON, a string as text/plain, undefined as no body. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (req: IncomingMessage, url: URL, body: Buffer) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeServer {
  url: string;
  requests: LoggedRequest[];
  /** From now on, accept requests and never answer them. */
  hang(): void;
  /** From now on, answer everything with a 302 to `location`. */
  redirect(location: string): void;
  /** Back to normal answers. */
  behave(): void;
  close(): Promise<void>;
}

export async function startFakeServer(handle: FakeHandler): Promise<FakeServer> {
  const requests: LoggedRequest[] = [];
  let mode: { kind: 'normal' } | { kind: 'hang' } | { kind: 'redirect'; location: string } = { kind: 'normal' };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://printer.invalid');
    const log = (status: number) => requests.push({ method: req.method ?? '', path: req.url ?? '', status, headers: req.headers });
    if (mode.kind === 'hang') return log(0);
    let answer: FakeAnswer;
    if (mode.kind === 'redirect') {
      answer = { status: 302, headers: { location: mode.location }, body: 'Found' };
    } else {
      try {
        answer = await handle(req, url, body);
      } catch (error) {
        answer = { status: 500, body: `fake printer failed: ${(error as Error).message}` };
      }
    }
    log(answer.status);
    const json = typeof answer.body === 'object' && answer.body !== null;
    const type = answer.body === undefined ? {} : { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8' };
    res.writeHead(answer.status, { ...type, ...answer.headers });
    res.end(answer.body === undefined ? undefined : json ? JSON.stringify(answer.body) : String(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    hang: () => void (mode = { kind: 'hang' }),
    redirect: (location) => void (mode = { kind: 'redirect', location }),
    behave: () => void (mode = { kind: 'normal' }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Parses a multipart/form-data body the way a server would (undici's own parser). */
export async function readForm(req: IncomingMessage, body: Buffer): Promise<FormData> {
  return new Request('http://x/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: new Uint8Array(body) }).formData();
}
