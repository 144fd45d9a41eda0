// The shop agent's error types: each carries what the caller needs to decide what to do next
// (retry later, report and keep going, or stop).

/** Base class for every error the agent raises on purpose. */
export class AgentError extends Error {
  override name = 'AgentError';
}

/** A bad option, config file or argument: the user has to fix it; retrying will not help. */
export class ConfigError extends AgentError {
  override name = 'ConfigError';
}

/** The Atelier API answered with an error, or could not be reached (status 0). */
export class ApiError extends AgentError {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    /** From Retry-After (or the problem's retryAfterSeconds), when the server sent one. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(`${status === 0 ? '' : `${status} `}${title}${detail ? `: ${detail}` : ''}`, options);
  }

  /** Worth retrying after a pause: network trouble, rate limits and server-side failures. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** A downloaded file is not what the files response promised; it has been deleted. */
export class HashMismatchError extends AgentError {
  override name = 'HashMismatchError';
  constructor(
    readonly file: string,
    readonly expected: { sha256: string; bytes: number },
    readonly actual: { sha256: string; bytes: number },
  ) {
    super(
      `${file}: sha256 ${actual.sha256.slice(0, 12)}… (${actual.bytes} bytes) does not match the expected ` +
        `${expected.sha256.slice(0, 12)}… (${expected.bytes} bytes); the file was deleted`,
    );
  }
}

/** A download failed before its content could be checked (HTTP error or expired link). */
export class DownloadError extends AgentError {
  override name = 'DownloadError';
}

/**
 * The files response named a link the agent will not fetch: another origin than the API's or
 * the configured storage origin, a scheme other than http(s), or an impossible size or hash.
 */
export class UntrustedLinkError extends AgentError {
  override name = 'UntrustedLinkError';
}

/** True for the error fetch and timers throw when their AbortSignal fires. */
export const isAbort = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR');
