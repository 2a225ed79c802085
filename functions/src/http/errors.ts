/**
 * The one error taxonomy every provider call raises. Messages name the provider, the operation
 * (method and path, never the query or headers) and the provider's own message; never a token.
 */
export type HttpErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "server"
  | "network"
  | "invalid_response";

export interface HttpErrorDetails {
  provider: string;
  /** e.g. "GET /repos/{owner}/{repo}/issues": method and path only. */
  operation: string;
  status: number | null;
  /** What the provider said (its error message field), trimmed; may be null. */
  providerMessage: string | null;
  cause?: unknown;
}

export abstract class ProviderHttpError extends Error {
  abstract readonly kind: HttpErrorKind;
  /** Whether repeating the same call later may succeed (Cloud Tasks should retry). */
  abstract readonly retryable: boolean;
  readonly provider: string;
  readonly operation: string;
  readonly status: number | null;
  readonly providerMessage: string | null;

  constructor(summary: string, details: HttpErrorDetails) {
    const said = details.providerMessage ? `: ${details.providerMessage}` : "";
    super(`${details.provider} ${details.operation} ${summary}${details.status === null ? "" : ` (HTTP ${details.status})`}${said}`, {
      cause: details.cause,
    });
    this.name = new.target.name;
    this.provider = details.provider;
    this.operation = details.operation;
    this.status = details.status;
    this.providerMessage = details.providerMessage;
  }
}

/** 400, 422: the request itself is wrong; repeating it will not help. */
export class BadRequestError extends ProviderHttpError {
  readonly kind = "bad_request";
  readonly retryable = false;
  constructor(details: HttpErrorDetails) {
    super("was rejected as invalid", details);
  }
}

/** 401: the caller refreshes the credential, or marks the integration needs_reauth. */
export class UnauthorizedError extends ProviderHttpError {
  readonly kind = "unauthorized";
  readonly retryable = false;
  constructor(details: HttpErrorDetails) {
    super("was not authorized", details);
  }
}

/** 403 that is not a spent rate limit: the credential lacks permission. */
export class ForbiddenError extends ProviderHttpError {
  readonly kind = "forbidden";
  readonly retryable = false;
  constructor(details: HttpErrorDetails) {
    super("was forbidden", details);
  }
}

/** 404, 410. */
export class NotFoundError extends ProviderHttpError {
  readonly kind = "not_found";
  readonly retryable = false;
  constructor(details: HttpErrorDetails) {
    super("found nothing", details);
  }
}

/** 409. */
export class ConflictError extends ProviderHttpError {
  readonly kind = "conflict";
  readonly retryable = false;
  constructor(details: HttpErrorDetails) {
    super("conflicted with the provider's state", details);
  }
}

/**
 * 429, GitHub's 403 with a spent limit, Linear's RATELIMITED, or a wait longer than the client
 * will sleep. Carries when to try again, so a worker can checkpoint and re-enqueue itself for then.
 */
export class RateLimitedError extends ProviderHttpError {
  readonly kind = "rate_limited";
  readonly retryable = true;
  /** When to try again: never more than MAX_PROVIDER_WAIT_MS ahead (rate-limit.ts). */
  readonly resetAt: Date;
  /**
   * How long the provider asked to wait, when it said; larger than resetAt's distance when the
   * client capped it. A sync run asked for more than the cap fails rather than waiting.
   */
  readonly requestedWaitMs: number | null;
  constructor(details: HttpErrorDetails & { resetAt: Date; requestedWaitMs?: number | null }) {
    super(`was rate limited until ${details.resetAt.toISOString()}`, details);
    this.resetAt = details.resetAt;
    this.requestedWaitMs = details.requestedWaitMs ?? null;
  }
}

/** 5xx after the client's own retries. */
export class ServerError extends ProviderHttpError {
  readonly kind = "server";
  readonly retryable = true;
  constructor(details: HttpErrorDetails) {
    super("failed on the provider's side", details);
  }
}

/** Connection failure or timeout after the client's own retries. */
export class NetworkError extends ProviderHttpError {
  readonly kind = "network";
  readonly retryable = true;
  constructor(details: HttpErrorDetails) {
    super("could not reach the provider", details);
  }
}

/** A 2xx whose body did not match the schema we expect (or a GraphQL error we do not classify). */
export class InvalidResponseError extends ProviderHttpError {
  readonly kind = "invalid_response";
  readonly retryable = false;
  constructor(details: HttpErrorDetails) {
    super("answered with an unexpected body", details);
  }
}
