// A small HTTP proxy to put in front of dynalite or s3rver: it forwards every request
// unchanged until a test tells it to misbehave for chosen calls (refuse, answer 5xx or a
// throttling error, hang, or apply the call and then lose the reply).
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy knows about a call when it decides what to do with it. */
export interface Call {
  method: string;
  path: string;
  /** DynamoDB operation from X-Amz-Target (e.g. "PutItem"); '' for S3. */
  operation: string;
}

export type Fault =
  | { kind: 'pass' }
  /** Close the connection without an answer (the SDK sees a reset socket). */
  | { kind: 'reset' }
  /** Answer with this status and body instead of forwarding. */
  | { kind: 'reply'; status: number; body: string; headers?: Record<string, string> }
  /** Keep the connection open and never answer. */
  | { kind: 'hang' }
  /** Forward the call (so it takes effect), then drop the connection instead of answering. */
  | { kind: 'lose-reply' };

export type FaultRule = (call: Call) => Fault;

/** DynamoDB's JSON protocol error bodies, as AWS sends them. */
export const dynamoError = (type: string, status: number, message = 'injected by the fault proxy'): Fault => ({
  kind: 'reply',
  status,
  body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
  headers: { 'content-type': 'application/x-amz-json-1.0' },
});

/** S3's XML error bodies, as AWS sends them. */
export const s3Error = (code: string, status: number, message = 'injected by the fault proxy'): Fault => ({
  kind: 'reply',
  status,
  body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  headers: { 'content-type': 'application/xml' },
});

export const THROTTLED = dynamoError('ThrottlingException', 400, 'Rate of requests exceeds the allowed throughput.');
export const DYNAMO_500 = dynamoError('InternalServerError', 500, 'Internal server error');
export const S3_SLOW_DOWN = s3Error('SlowDown', 503, 'Please reduce your request rate.');

export interface FaultProxy {
  endpoint: string;
  /** Decides per call; `() => ({ kind: 'pass' })` restores normal service. */
  setRule: (rule: FaultRule) => void;
  /** Every call seen, with what was done to it. */
  log: { call: Call; fault: Fault['kind'] }[];
  /** Stops listening (new connections are refused) and drops open ones; `start` listens again on the same port. */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  close: () => Promise<void>;
}

export const PASS: FaultRule = () => ({ kind: 'pass' });

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const forward = (upstream: URL, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
  new Promise((resolve, reject) => {
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (res) => {
        readBody(res).then((data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }), reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });

export const startFaultProxy = async (upstreamEndpoint: string): Promise<FaultProxy> => {
  const upstream = new URL(upstreamEndpoint);
  let rule: FaultRule = PASS;
  const log: FaultProxy['log'] = [];
  const sockets = new Set<Socket>();
  const hung = new Set<ServerResponse>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const call: Call = { method: req.method ?? 'GET', path: req.url ?? '/', operation: target.split('.').pop() ?? '' };
    const fault = rule(call);
    log.push({ call, fault: fault.kind });
    switch (fault.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        hung.add(res);
        return;
      case 'reply':
        res.writeHead(fault.status, { 'content-length': Buffer.byteLength(fault.body), ...fault.headers });
        res.end(fault.body);
        return;
      case 'pass':
      case 'lose-reply': {
        const answer = await forward(upstream, req, body);
        if (fault.kind === 'lose-reply') {
          req.socket.destroy();
          return;
        }
        const headers = { ...answer.headers };
        delete headers['transfer-encoding'];
        res.writeHead(answer.status, { ...headers, 'content-length': answer.body.length });
        res.end(answer.body);
      }
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.keepAliveTimeout = 1000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(0);
  const dropAll = () => {
    for (const res of hung) res.socket?.destroy();
    hung.clear();
    for (const socket of sockets) socket.destroy();
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      dropAll();
    });

  return {
    endpoint: `http://127.0.0.1:${port}`,
    setRule: (next) => {
      rule = next;
    },
    log,
    stop,
    start: async () => {
      await listen(port);
    },
    close: async () => {
      if (server.listening) await stop();
    },
  };
};
