import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  InvalidResponseError,
  NotFoundError,
  ServerError,
  UnauthorizedError,
  type HttpErrorDetails,
  type ProviderHttpError,
} from "./errors";

/** What the client does with a non-2xx status. */
export type StatusOutcome = "rate_limited" | "server" | "final";

/**
 * 429 is a rate limit; so is a 403 that says its budget is spent (GitHub's primary limit sends
 * `x-ratelimit-remaining: 0`, its secondary limit `retry-after` or a "secondary rate limit"
 * message). Everything else that is 403 is a missing permission.
 */
export function statusOutcome(status: number, signalsRateLimit: boolean): StatusOutcome {
  if (status === 429 || (status === 403 && signalsRateLimit)) return "rate_limited";
  if (status >= 500) return "server";
  return "final";
}

/** GitHub's secondary limit can come as a bare 403/429 whose only sign is its message. */
export function mentionsSecondaryLimit(providerMessage: string | null): boolean {
  return providerMessage !== null && /secondary rate limit|abuse detection/i.test(providerMessage);
}

/** The taxonomy class for a status that is not retried. */
export function errorForStatus(status: number, details: HttpErrorDetails): ProviderHttpError {
  switch (status) {
    case 400:
    case 422:
      return new BadRequestError(details);
    case 401:
      return new UnauthorizedError(details);
    case 403:
      return new ForbiddenError(details);
    case 404:
    case 410:
      return new NotFoundError(details);
    case 409:
      return new ConflictError(details);
  }
  if (status >= 500) return new ServerError(details);
  // Other 4xx (405, 413, 415…) are our request's fault too: repeating it will not help.
  if (status >= 400) return new BadRequestError(details);
  // 1xx/3xx: undici follows no redirects, so a 301 (GitHub's transferred issue, renamed repo) lands here.
  return new InvalidResponseError({ ...details, providerMessage: details.providerMessage ?? `unexpected HTTP ${status}` });
}

/**
 * Transport failures that happen before the request reaches the provider: repeating them cannot
 * apply a write twice, so they are retried whatever the method.
 */
const NOT_SENT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** The error code of a transport failure (undici's UND_ERR_*, or Node's E*), if it has one. */
export function transportCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z0-9_]+$/.test(code) ? code : null;
}

export function failedBeforeSending(error: unknown): boolean {
  const code = transportCode(error);
  return code !== null && NOT_SENT_CODES.has(code);
}
