// The Node HTTP server of the one-machine host, with its limits in one place: how many
// connections, how long headers and a whole request may take, how long an idle kept-alive
// connection stays open, and how many requests may be in flight before the server answers
// 503 at once. The test server uses the same function, so the reliability runs exercise it.
import { serve, type ServerType } from '@hono/node-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { unavailable } from '../../functions/api/problem.ts';

export interface HttpLimits {
  /** Open connections at most; Node closes any further one before reading from it. */
  maxConnections: number;
  /** Time for a request's headers to arrive (slow-header clients get 408). */
  headersTimeoutMs: number;
  /** Time for a whole request, headers and body, to arrive (slow-body clients get 408). */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /**
   * What `Keep-Alive: timeout=` announces, seconds: well below keepAliveTimeoutMs, so a client
   * that reuses a connection just before the announced time (clients subtract about a second,
   * and a busy client's timers run late) never meets the server closing it.
   */
  keepAliveAnnouncedSeconds: number;
  /** Requests being answered at once; beyond it a request is answered 503 + Retry-After at once. */
  maxInFlight: number;
}

/** Why each value: docs/reliability.md, "The local host's limits". */
export const LOCAL_HTTP_LIMITS: HttpLimits = {
  maxConnections: 1_024,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 10_000,
  keepAliveAnnouncedSeconds: 5,
  maxInFlight: 256,
};

export interface ServeOptions {
  port: number;
  hostname: string;
  limits?: Partial<HttpLimits>;
}

type NodeEnv = { incoming?: IncomingMessage; outgoing?: ServerResponse };

/**
 * A reply sent while the request's body has not fully arrived must close the connection:
 * @hono/node-server drains such a body for at most 500 ms and then destroys the socket, and a
 * client that was told "keep-alive" may already have sent its next request on it, which then
 * gets no answer at all. With `Connection: close` the client opens a new connection instead.
 */
export const closeIfBodyUnread = (env: NodeEnv | undefined, announcedSeconds: number): void => {
  const { incoming, outgoing } = env ?? {};
  if (!incoming || !outgoing || outgoing.headersSent) return;
  if (!incoming.complete) outgoing.setHeader('Connection', 'close');
  else outgoing.setHeader('Keep-Alive', `timeout=${announcedSeconds}`);
};

/** Starts listening; resolves once the port is bound (port 0 picks a free one). */
export const serveHttp = (
  fetch: (request: Request, env: NodeEnv) => Response | Promise<Response>,
  options: ServeOptions,
): Promise<ServerType> => {
  const limits = { ...LOCAL_HTTP_LIMITS, ...options.limits };
  let inFlight = 0;
  const handle = async (request: Request, env: NodeEnv): Promise<Response> => {
    if (inFlight >= limits.maxInFlight) {
      closeIfBodyUnread(env, limits.keepAliveAnnouncedSeconds);
      return unavailable(`The server is answering ${limits.maxInFlight} requests already. Retry shortly; repeating this request is safe.`, 1).getResponse();
    }
    inFlight++;
    try {
      const response = await fetch(request, env);
      closeIfBodyUnread(env, limits.keepAliveAnnouncedSeconds);
      return response;
    } finally {
      inFlight--;
    }
  };
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: handle as never,
        port: options.port,
        hostname: options.hostname,
        serverOptions: {
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
        },
      },
      () => resolve(server),
    );
    (server as { maxConnections?: number }).maxConnections = limits.maxConnections;
    server.once('error', reject);
  });
};
