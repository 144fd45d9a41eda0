// RFC 9457 problem details: the only error shape the API returns. Expected failures are
// ApiProblem instances; app.onError maps them (and anything unexpected) to a response.

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `params.diameter` or `location.lat`. */
  field: string;
  code: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
  requestId?: string;
  retryAfterSeconds?: number;
}

const TYPE_BASE = 'https://atelier.example/problems/';

export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldProblem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }

  body(requestId?: string): ProblemBody {
    return {
      type: `${TYPE_BASE}${this.slug}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.headers['Retry-After'] ? { retryAfterSeconds: Number(this.headers['Retry-After']) } : {}),
      ...(requestId ? { requestId } : {}),
    };
  }

  /** Renders the problem as an application/problem+json response, with X-Request-Id when known. */
  getResponse(requestId?: string): Response {
    return new Response(JSON.stringify(this.body(requestId)), {
      status: this.status,
      headers: { 'content-type': 'application/problem+json', ...(requestId ? { 'X-Request-Id': requestId } : {}), ...this.headers },
    });
  }
}

/** At most this many field errors in one problem: a body of a thousand bad keys must not earn a reply many times its size. */
export const MAX_FIELD_ERRORS = 50;

export const invalid = (errors: FieldProblem[], detail = 'Some fields are not valid; see errors.'): ApiProblem => {
  if (errors.length <= MAX_FIELD_ERRORS) return new ApiProblem(400, 'validation', 'Invalid request', detail, errors);
  const shown = errors.slice(0, MAX_FIELD_ERRORS);
  return new ApiProblem(400, 'validation', 'Invalid request', `${errors.length} fields are not valid; the first ${shown.length} are listed.`, shown);
};

export const notFound = (what: string): ApiProblem => new ApiProblem(404, 'not-found', 'Not found', `${what} does not exist or you may not see it.`);

export const unauthorized = (): ApiProblem =>
  new ApiProblem(401, 'unauthorized', 'Unauthorized', 'Send a shop API key as "Authorization: Bearer <key>".', undefined, {
    'WWW-Authenticate': 'Bearer realm="atelier-shops"',
  });

export const conflict = (detail: string): ApiProblem => new ApiProblem(409, 'conflict', 'Conflict', detail);

export const unavailable = (detail: string, retryAfterSeconds = 2): ApiProblem =>
  new ApiProblem(503, 'unavailable', 'Service temporarily unavailable', detail, undefined, { 'Retry-After': String(retryAfterSeconds) });

export const tooMany = (retryAfterSeconds: number): ApiProblem =>
  new ApiProblem(429, 'rate-limited', 'Too many requests', `Slow down; retry in ${retryAfterSeconds} s.`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
