/** Why a redirect URL was refused; the message is safe to show the caller. */
export class RedirectNotAllowedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RedirectNotAllowedError";
  }
}

/**
 * The app URL a connect flow returns to, if its origin is on the allow-list. Origins are compared
 * exactly (scheme, host and port), so a look-alike host or another port is refused. No userinfo,
 * no fragment: neither belongs in a return URL and both are used to smuggle redirects.
 */
export function checkRedirectUrl(raw: string, allowedOrigins: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RedirectNotAllowedError("redirectUrl is not an absolute URL");
  }
  if (url.username || url.password) throw new RedirectNotAllowedError("redirectUrl must not carry credentials");
  if (url.hash) throw new RedirectNotAllowedError("redirectUrl must not carry a #fragment");
  const allowed = new Set(allowedOrigins.map(normalizeOrigin).filter((origin): origin is string => origin !== null));
  if (!allowed.has(url.origin)) {
    throw new RedirectNotAllowedError(`redirectUrl's origin ${url.origin} is not allowed (OAUTH_ALLOWED_REDIRECT_ORIGINS)`);
  }
  return url;
}

function normalizeOrigin(origin: string): string | null {
  try {
    return new URL(origin.trim()).origin;
  } catch {
    return null;
  }
}

/** The result of a connect flow, as query parameters on the app's URL (existing ones are kept). */
export function redirectWithResult(redirectUrl: string, params: Record<string, string>): string {
  const url = new URL(redirectUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
