// The one error the API client throws: an RFC 9457 problem (or a network failure dressed
// as one), with the per-field errors a form shows next to its inputs.
import type { FieldProblem, ProblemBody } from './types.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly problem: ProblemBody,
    options?: { cause?: unknown },
  ) {
    super(problem.detail ?? problem.title, options);
  }

  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }

  /** A sentence for the customer, including when to retry. */
  get summary(): string {
    const wait = this.problem.retryAfterSeconds;
    const base = this.problem.detail ?? this.problem.title;
    return wait ? `${base} Try again in ${Math.ceil(wait)} s.` : base;
  }

  static offline(cause: unknown): ApiError {
    return new ApiError(0, { type: 'about:blank', title: 'No connection', status: 0, detail: 'Could not reach Atelier. Check your connection and try again.' }, { cause });
  }

  static timeout(cause: unknown): ApiError {
    return new ApiError(0, { type: 'about:blank', title: 'Timed out', status: 0, detail: 'Atelier took too long to answer. Try again.' }, { cause });
  }
}

/** Any thrown value as a sentence, for error boxes. */
export const describeError = (error: unknown): string =>
  error instanceof ApiError ? error.summary : error instanceof Error ? error.message : String(error);
