import type { HttpRequest, QueryValue } from "./types";
import type { z } from "zod";

/** Thrown before anything is sent when a request would carry the credential to another origin. */
export class ForeignOriginError extends Error {
  constructor(readonly origin: string) {
    super(`refused to send the credential to ${origin}`);
    this.name = "ForeignOriginError";
  }
}

/**
 * The URL to call: baseUrl + path, or an absolute URL (a Link header's next page), plus the query.
 * Whatever the path holds, the result must be on baseUrl's origin, so a provider's answer can
 * never redirect our token to a host of its choosing.
 */
export function buildUrl(baseUrl: string, path: string, query: Record<string, QueryValue> | undefined): URL {
  const base = new URL(baseUrl);
  const url = isAbsolute(path) ? new URL(path) : new URL(`${trimEnd(base.href)}/${path.replace(/^\/+/, "")}`);
  if (url.origin !== base.origin) throw new ForeignOriginError(url.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    // `set`, not `append`: a resumed next-page URL already carries the query, and must not get it twice.
    if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
  }
  return url;
}

/**
 * How a request is named in errors: its method and the operation template when given, else its
 * path relative to baseUrl without the query (which may hold ids, filters or cursors).
 */
export function operationOf(method: string, path: string, operation: string | undefined, baseUrl: string): string {
  if (operation) return `${method} ${operation}`;
  let pathname = path.split(/[?#]/)[0] ?? "";
  if (isAbsolute(path)) {
    const basePath = trimEnd(new URL(baseUrl).pathname);
    pathname = new URL(path).pathname;
    if (basePath && pathname.startsWith(`${basePath}/`)) pathname = pathname.slice(basePath.length);
  }
  return `${method} ${pathname.startsWith("/") ? pathname : `/${pathname}`}`;
}

export interface EncodedBody {
  body: string | undefined;
  contentType: string | undefined;
}

/** The request body as JSON or as an HTML form (OAuth token endpoints), never both. */
export function encodeBody<S extends z.ZodType>(req: HttpRequest<S>): EncodedBody {
  if (req.json !== undefined && req.form !== undefined) {
    throw new TypeError("an HttpRequest carries either json or form, not both");
  }
  if (req.json !== undefined) return { body: JSON.stringify(req.json), contentType: "application/json" };
  if (req.form !== undefined) return { body: new URLSearchParams(req.form).toString(), contentType: "application/x-www-form-urlencoded" };
  return { body: undefined, contentType: undefined };
}

/**
 * Client headers, then the request's own (which win), under lower-cased names so "Accept" and
 * "accept" cannot both be sent. JSON is asked for unless a header says otherwise.
 */
export function mergeHeaders(
  clientHeaders: Record<string, string>,
  requestHeaders: Record<string, string> | undefined,
  contentType: string | undefined,
): Record<string, string> {
  const merged: Record<string, string> = { accept: "application/json" };
  if (contentType) merged["content-type"] = contentType;
  for (const [name, value] of Object.entries({ ...lower(clientHeaders), ...lower(requestHeaders ?? {}) })) {
    merged[name] = value;
  }
  return merged;
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function isAbsolute(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(path);
}

function trimEnd(href: string): string {
  return href.replace(/\/+$/, "");
}
