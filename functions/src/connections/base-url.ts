import { isIP } from "node:net";
import { providerBaseUrlAllowlist } from "../config";

export class BaseUrlNotAllowedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaseUrlNotAllowedError";
  }
}

/** PROVIDER_BASE_URL_ALLOWLIST holds something that is not an origin: the deployment's fault, not the caller's. */
export class BaseUrlAllowlistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaseUrlAllowlistError";
  }
}

/** Which connect flow asks: OAuth hands a token the provider just issued to the host, so it is held stricter. */
export type BaseUrlFlow = "oauth" | "personal";

/** Hosts that are never a task tracker: cloud metadata servers and the like. */
const BLOCKED_HOSTS = new Set(["metadata.google.internal", "metadata", "localhost"]);

/**
 * A caller-supplied API root (GitHub Enterprise Server, self-hosted Plane). The credential will be
 * sent there, and the functions run next to a metadata server, so:
 * - an origin the deployment allow-lists (PROVIDER_BASE_URL_ALLOWLIST) is accepted as listed;
 * - OAuth accepts nothing else: the callback would hand the fresh token to the caller's host;
 * - a personal token, once the list is set, neither; with no list, only https to a public host,
 *   no private, link-local or loopback address literals (a public name that resolves to a
 *   private address is not caught here).
 * Never userinfo, query or fragment.
 */
export function checkBaseUrl(raw: string, options: { allowlist: readonly string[]; flow: BaseUrlFlow }): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BaseUrlNotAllowedError("baseUrl is not an absolute URL");
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new BaseUrlNotAllowedError("baseUrl must be a plain API root, without credentials, query or fragment");
  }
  if (options.allowlist.includes(url.origin)) return trimSlash(url);
  if (options.flow === "oauth") {
    throw new BaseUrlNotAllowedError(
      `baseUrl's origin ${url.origin} is not on this deployment's PROVIDER_BASE_URL_ALLOWLIST: OAuth sends the new token only to the provider's cloud or an allow-listed instance`,
    );
  }
  if (options.allowlist.length > 0) throw new BaseUrlNotAllowedError(`baseUrl's origin ${url.origin} is not on this deployment's PROVIDER_BASE_URL_ALLOWLIST`);
  const host = hostOf(url);
  if (url.protocol !== "https:") throw new BaseUrlNotAllowedError("baseUrl must use https");
  if (BLOCKED_HOSTS.has(host) || host.endsWith(".internal") || host.endsWith(".local")) {
    throw new BaseUrlNotAllowedError(`baseUrl host ${host} is not allowed`);
  }
  if (isIP(host) !== 0 && !isPublicAddress(host)) throw new BaseUrlNotAllowedError(`baseUrl host ${host} is not a public address`);
  return trimSlash(url);
}

/**
 * The allow-list's origins. Each entry must be a bare origin: https, or plain http to a loopback
 * address (a local instance, the emulators' simulators); an https private address is the
 * operator's choice (GitHub Enterprise behind a VPC connector), a metadata server never is.
 */
export function parseBaseUrlAllowlist(raw: string): string[] {
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new BaseUrlAllowlistError(`PROVIDER_BASE_URL_ALLOWLIST entry "${entry}" is not an origin (scheme://host[:port])`);
      }
      if (url.username || url.password || url.search || url.hash || url.pathname !== "/") {
        throw new BaseUrlAllowlistError(`PROVIDER_BASE_URL_ALLOWLIST entry "${entry}" must be a bare origin (scheme://host[:port]), without path`);
      }
      const host = hostOf(url);
      const loopback = host === "localhost" || isLoopbackAddress(host);
      if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
        throw new BaseUrlAllowlistError(`PROVIDER_BASE_URL_ALLOWLIST entry "${entry}" must use https (plain http only to a loopback address)`);
      }
      if (host === "metadata.google.internal" || host === "metadata" || isLinkLocal(host)) {
        throw new BaseUrlAllowlistError(`PROVIDER_BASE_URL_ALLOWLIST entry "${entry}" is a metadata or link-local address`);
      }
      return url.origin;
    });
}

/** The deployment's allow-list (config/index.ts), read at call time. */
export function baseUrlAllowlist(): string[] {
  return parseBaseUrlAllowlist(providerBaseUrlAllowlist.value());
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

function trimSlash(url: URL): string {
  return url.toString().replace(/\/+$/, "");
}

function isLoopbackAddress(host: string): boolean {
  return /^127\./.test(host) || host === "::1";
}

function isLinkLocal(host: string): boolean {
  return /^169\.254\./.test(host) || /^fe[89ab]/.test(host) || host.startsWith("::ffff:");
}

function isPublicAddress(host: string): boolean {
  if (isIP(host) === 4) {
    const [a, b] = host.split(".").map(Number) as [number, number];
    if (a === 10 || a === 127 || a === 0 || a >= 224) return false;
    if (a === 169 && b === 254) return false;
    if (a === 172 && b >= 16 && b <= 31) return false;
    if (a === 192 && b === 168) return false;
    if (a === 100 && b >= 64 && b <= 127) return false;
    return true;
  }
  const lower = host.toLowerCase();
  if (lower === "::" || lower === "::1") return false;
  if (/^f[cd]/.test(lower) || /^fe[89ab]/.test(lower)) return false;
  // IPv4-mapped addresses (the URL parser writes them as ::ffff:7f00:1) could hide any IPv4 one.
  if (lower.startsWith("::ffff:")) return false;
  return true;
}
