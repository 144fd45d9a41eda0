// A tiny JSON client for tests: every call returns status, headers and parsed body.
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export const call = async <T = any>(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; key?: string; token?: string } = {},
): Promise<Reply<T>> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.token) headers['x-order-token'] = options.token;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: body as T };
};
