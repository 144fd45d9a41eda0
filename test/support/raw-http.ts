// Requests over a real socket with nothing normalized: any method token, the path exactly
// as given (dot segments, encoded slashes), any header, a body of raw bytes. fetch() would
// refuse or rewrite several of these.
import { Agent, request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent verbatim as the request target, e.g. "/api/orders/..%2Fx?token=a&token=b". */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send the body chunked (no Content-Length). */
  chunked?: boolean;
  /** Source address, e.g. 127.0.0.2: another "client" on the same machine (Linux routes all of 127/8 to lo). */
  localAddress?: string;
}

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A keep-alive agent that lets idle sockets go after 4 s, before any server that announces
 * `Keep-Alive: timeout=5` or more closes them. Without `timeout`, Node's agent ignores the
 * server's announcement and reuses sockets the server has already closed.
 */
export const rawAgent = (maxSockets = 32): Agent => new Agent({ keepAlive: true, maxSockets, timeout: 4_000 });

const ignoreLateErrors = () => {};

/** `agent`: a pool to reuse connections from; undefined uses Node's global pool, false a new connection. */
export const rawRequest = (base: string, req: RawRequest, agent?: Agent | false): Promise<RawReply> =>
  new Promise((resolve, reject) => {
    const url = new URL(base);
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body) : Buffer.from(req.body);
    const headers: Record<string, string | number> = { ...req.headers };
    if (body && !req.chunked) headers['content-length'] = body.length;
    const out = request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent, localAddress: req.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    out.on('error', reject);
    // A server may answer (413, 415) and close before the whole body is written; the late
    // EPIPE then hits a socket whose request already finished, which is not an error here.
    out.on('socket', (socket) => {
      if (!socket.listeners('error').includes(ignoreLateErrors)) socket.on('error', ignoreLateErrors);
    });
    if (body && req.chunked) {
      // Several writes before end(): Node then sends Transfer-Encoding: chunked.
      for (let i = 0; i < body.length; i += 16_384) out.write(body.subarray(i, i + 16_384));
      out.end();
    } else if (body) out.end(body);
    else out.end();
  });
