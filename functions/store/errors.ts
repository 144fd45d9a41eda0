// Storage failures the HTTP layer maps to status codes in one place.

/** DynamoDB or S3 is unreachable, throttling or failing: the client should retry later (503). */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(readonly service: 'dynamodb' | 's3', options?: { cause?: unknown }) {
    super(`${service} is unavailable`, options);
  }
}

/** A conditional write lost a race: someone changed the item first (409). */
export class WriteConflictError extends Error {
  override name = 'WriteConflictError';
}

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'SlowDown',
  'InternalError',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

/** True for failures a retry later could fix: throttling, 5xx, or no connection at all. */
export const isUnavailable = (error: unknown): boolean => {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (!e || typeof e !== 'object') return false;
  if (RETRYABLE.has(e.name ?? '') || RETRYABLE.has(e.code ?? '')) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return e.$retryable !== undefined && e.$retryable !== null;
};

/** Runs an SDK call, turning unavailability into StoreUnavailableError. */
/** True for a DynamoDB conditional write whose condition did not hold (passed through guard unchanged). */
export const isConditionFailure = (error: unknown): boolean => (error as Error).name === 'ConditionalCheckFailedException';

export const guard = async <T>(service: 'dynamodb' | 's3', call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (isUnavailable(error)) throw new StoreUnavailableError(service, { cause: error });
    throw error;
  }
};

/**
 * Every item of a paginated read (lib-dynamodb's paginateQuery / paginateScan), with
 * unavailability turned into StoreUnavailableError as guard() does for single calls.
 */
export const collectItems = async (pages: AsyncIterable<{ Items?: Record<string, unknown>[] }>): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  try {
    for await (const page of pages) items.push(...(page.Items ?? []));
  } catch (error) {
    if (isUnavailable(error)) throw new StoreUnavailableError('dynamodb', { cause: error });
    throw error;
  }
  return items;
};
