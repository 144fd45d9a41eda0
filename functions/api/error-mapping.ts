// The one place where failures become HTTP responses. Expected failures are 4xx problems;
// a dependency outage is a 503 with Retry-After; anything else is logged and becomes a 500.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { InvalidParamsError } from '../designs/generate.ts';
import { DomainError, ValidationError } from '../domain/errors.ts';
import { StoreUnavailableError, WriteConflictError } from '../store/errors.ts';
import type { AppEnv } from './deps.ts';
import { ApiProblem, conflict, invalid, notFound, unavailable } from './problem.ts';

const DOMAIN_STATUS: Record<string, [number, string, string]> = {
  invalid: [422, 'unprocessable', 'Request cannot be carried out'],
  not_found: [404, 'not-found', 'Not found'],
  conflict: [409, 'conflict', 'Conflict'],
  invalid_transition: [409, 'invalid-transition', 'Not allowed in the current state'],
  expired: [410, 'expired', 'Expired'],
};

export const toProblem = (error: unknown): ApiProblem | undefined => {
  if (error instanceof ApiProblem) return error;
  if (error instanceof InvalidParamsError)
    return invalid(error.errors.map((e) => ({ field: e.field ? `params.${e.field}` : 'params', code: e.code, message: e.message })));
  if (error instanceof ValidationError) return new ApiProblem(422, 'unprocessable', 'Request cannot be carried out', error.message, error.errors.map((e) => ({ ...e, code: 'invalid' })));
  if (error instanceof DomainError) {
    // A shop asking about a job it may not see learns nothing: the very 404 of a missing job.
    if (error.code === 'forbidden') return notFound('This job');
    const [status, slug, title] = DOMAIN_STATUS[error.code] ?? [400, 'bad-request', 'Bad request'];
    return new ApiProblem(status, slug, title, error.message);
  }
  if (error instanceof WriteConflictError) return conflict('Someone else changed this first; read it again and retry if it still applies.');
  // Not "nothing was changed": a write whose reply was lost may have landed. Repeating is safe
  // (same Idempotency-Key, same claim, same status), so that is the advice.
  if (error instanceof StoreUnavailableError) return unavailable(`Storage (${error.service}) is busy or unreachable. Retry shortly; repeating this request is safe.`);
  if (error instanceof HTTPException) {
    if (error.status === 413) return new ApiProblem(413, 'too-large', 'Request body too large', error.message);
    if (error.status === 400) return invalid([{ field: 'body', code: 'malformed', message: 'the body is not valid JSON' }], 'The request body could not be parsed.');
    return new ApiProblem(error.status, 'http', error.message || 'Error');
  }
  return undefined;
};

export const onError = (error: unknown, c: Context<AppEnv>): Response => {
  const requestId = c.get('requestId');
  const problem = toProblem(error);
  if (problem) return problem.getResponse(requestId);
  c.get('deps')?.logger.error('unhandled error', {
    requestId,
    route: c.req.routePath,
    method: c.req.method,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return new ApiProblem(500, 'internal', 'Internal error', `Something went wrong on our side. Quote request id ${requestId} if you report it.`).getResponse(requestId);
};
