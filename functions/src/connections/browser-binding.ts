import { hashSecret } from "../credentials/one-time-secret";

/**
 * Binds an OAuth flow to the browser that started it (RFC 9700 §4.7.1, §2.1): the start endpoint
 * gives that browser a random key in an HttpOnly, SameSite=Lax cookie and keeps only the key's
 * hash on the state; the callback accepts the state only with the cookie whose hash matches. A
 * browser that merely holds the authorize link (or a callback URL) has no such cookie.
 */

/**
 * The cookie's name for one state: derived from the state's hash, so flows started in two tabs
 * keep apart and the name alone gives nothing away.
 */
export function bindingCookieName(state: string): string {
  return `tb_oauth_${hashSecret(state).slice(0, 22)}`;
}

export interface BindingCookieOptions {
  /** Only the callback needs it back: the path of the callback URL. */
  path: string;
  /** Secure whenever the callback is served over https (everywhere but the emulator). */
  secure: boolean;
  maxAgeSeconds: number;
}

/** The Set-Cookie value that hands the browser its key. */
export function bindingCookie(state: string, browserKey: string, options: BindingCookieOptions): string {
  const attributes = [`${bindingCookieName(state)}=${browserKey}`, `Path=${options.path}`, `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`, "HttpOnly", "SameSite=Lax"];
  if (options.secure) attributes.push("Secure");
  return attributes.join("; ");
}

/** The Set-Cookie value that removes the key once the callback has used the state. */
export function clearedBindingCookie(state: string, options: Omit<BindingCookieOptions, "maxAgeSeconds">): string {
  return bindingCookie(state, "", { ...options, maxAgeSeconds: 0 });
}

/** The key a request's Cookie header carries for `state`, or null. */
export function readBindingCookie(cookieHeader: string | undefined, state: string): string | null {
  if (!cookieHeader) return null;
  const name = bindingCookieName(state);
  for (const part of cookieHeader.split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    return /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : null;
  }
  return null;
}

/** Where the cookie lives: the callback's path, and Secure for an https callback. */
export function cookiePlacement(callbackUrl: string): Omit<BindingCookieOptions, "maxAgeSeconds"> {
  const url = new URL(callbackUrl);
  return { path: url.pathname, secure: url.protocol === "https:" };
}
