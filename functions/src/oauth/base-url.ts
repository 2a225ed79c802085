import { isIP } from "node:net";

export class BaseUrlNotAllowedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaseUrlNotAllowedError";
  }
}

/** Hosts that are never a task tracker: cloud metadata servers and the like. */
const BLOCKED_HOSTS = new Set(["metadata.google.internal", "metadata", "localhost"]);

/**
 * A caller-supplied API root (GitHub Enterprise Server, self-hosted Plane). The credential will be
 * sent there, and the functions run next to a metadata server, so: https only, no private,
 * link-local or loopback address literals, no userinfo, query or fragment. Plain http to a
 * loopback address is allowed only in the Functions emulator, where the simulators live.
 * (A public name that resolves to a private address is not caught here.)
 */
export function checkBaseUrl(raw: string, options: { allowLoopbackHttp: boolean }): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BaseUrlNotAllowedError("baseUrl is not an absolute URL");
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new BaseUrlNotAllowedError("baseUrl must be a plain API root, without credentials, query or fragment");
  }
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const loopback = host === "localhost" || isLoopbackAddress(host);
  if (url.protocol === "http:" && loopback && options.allowLoopbackHttp) return trimSlash(url);
  if (url.protocol !== "https:") throw new BaseUrlNotAllowedError("baseUrl must use https");
  if (BLOCKED_HOSTS.has(host) || host.endsWith(".internal") || host.endsWith(".local")) {
    throw new BaseUrlNotAllowedError(`baseUrl host ${host} is not allowed`);
  }
  if (isIP(host) !== 0 && !isPublicAddress(host)) throw new BaseUrlNotAllowedError(`baseUrl host ${host} is not a public address`);
  return trimSlash(url);
}

/** Whether plain http to loopback is allowed: only inside the Functions emulator. */
export function runningInEmulator(): boolean {
  return process.env.FUNCTIONS_EMULATOR === "true";
}

function trimSlash(url: URL): string {
  return url.toString().replace(/\/+$/, "");
}

function isLoopbackAddress(host: string): boolean {
  return /^127\./.test(host) || host === "::1";
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
