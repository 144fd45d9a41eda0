// Builds API Gateway HTTP API (payload format 2.0) events as the gateway sends them to a
// Lambda integration, so a bundled handler can be invoked without a gateway.
import { randomUUID } from 'node:crypto';

export interface HttpApiEvent {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
  };
  body?: string;
  isBase64Encoded: boolean;
}

export interface HttpApiResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

const API_ID = 'a1b2c3d4e5';
const DOMAIN = `${API_ID}.execute-api.eu-central-1.amazonaws.com`;

/** The event for `method path` matched by `routeKey` (e.g. 'ANY /api/{proxy+}'). */
export const httpApiEvent = (
  routeKey: string,
  method: string,
  pathWithQuery: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): HttpApiEvent => {
  const [path, query = ''] = pathWithQuery.split('?');
  const headers: Record<string, string> = {
    accept: 'application/json',
    host: DOMAIN,
    'user-agent': 'atelier-infra-test',
    'x-forwarded-for': '198.51.100.7',
    'x-forwarded-proto': 'https',
    ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: path!,
    rawQueryString: query,
    headers,
    queryStringParameters: query ? Object.fromEntries(new URLSearchParams(query)) : undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: API_ID,
      domainName: DOMAIN,
      domainPrefix: API_ID,
      http: { method, path: path!, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'atelier-infra-test' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body,
    isBase64Encoded: false,
  };
};

/** The JSON body of a result (base64-decoded when the adapter encoded it). */
export const jsonBody = <T = any>(result: HttpApiResult): T => {
  const text = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : result.body ?? '';
  return JSON.parse(text) as T;
};
