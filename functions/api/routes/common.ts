// Shared pieces of route definitions: the problem responses every route can return.
import { ProblemSchema } from '../schemas.ts';

const problem = (description: string) => ({ content: { 'application/problem+json': { schema: ProblemSchema } }, description });

export const problems = {
  400: problem('Invalid request: see `errors` for each field'),
  401: problem('Missing or unknown API key'),
  404: problem('Not found, or not yours to see'),
  409: problem('Conflict with the current state'),
  410: problem('Expired'),
  413: problem('Body too large'),
  415: problem('Body is not JSON'),
  422: problem('Valid request that cannot be carried out'),
  429: problem('Rate limited'),
  503: problem('A dependency is unavailable; retry after Retry-After seconds'),
};

export const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
