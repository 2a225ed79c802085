import type { Dispatcher } from "undici";
import type { z } from "zod";

/** Where and how a provider reports its rate limit. Data, one per provider; the client reads it. */
export interface RateLimitPolicy {
  /** Header with the requests left in the window, or null when the provider sends none (Asana). */
  remainingHeader: string | null;
  /** Header with the window's reset time, or null. */
  resetHeader: string | null;
  /**
   * Unit of the reset header: "epoch_seconds" (GitHub, ClickUp, Plane), or "epoch_auto"
   * (Linear: seconds when below 1e12, else milliseconds; the sources conflict).
   */
  resetUnit: "epoch_seconds" | "epoch_auto";
  /** Below this many remaining requests the client paces itself until the reset. */
  slowdownBelow: number;
}

/** What the client knows about one credential's budget. */
export interface RateLimitState {
  remaining: number | null;
  resetAt: Date | null;
}

/**
 * Rate-limit state belongs to the credential, not the process: the client keeps it per key in
 * memory and persists it through this store (e.g. on the integration document) so another
 * instance honours it too. `save` is called only when the state matters to others: the budget
 * is low, or spent. The state is advisory: a load or save that throws is ignored by the client
 * (it counts as "nothing recorded"), so an implementation logs its own failures if it cares.
 */
export interface RateLimitStore {
  load(key: string): Promise<RateLimitState | null>;
  save(key: string, state: RateLimitState): Promise<void>;
}

/** Injected time, so tests never really sleep. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface HttpClientOptions {
  /** Provider name for error messages, e.g. "github". */
  provider: string;
  /** API root; request paths are appended to it. */
  baseUrl: string;
  /** Sent on every request (auth header, Accept, API version). Never logged, never put in errors. */
  headers: Record<string, string>;
  policy: RateLimitPolicy;
  /** Identifies the credential whose budget this is (the integration id). */
  rateLimitKey: string;
  rateLimitStore?: RateLimitStore;
  /** undici dispatcher; tests pass a MockAgent. Defaults to one shared keep-alive Agent. */
  dispatcher?: Dispatcher;
  clock?: Clock;
  /** Returns [0, 1); drives the full jitter of the backoff. */
  random?: () => number;
  /** Attempts for 429, 5xx and network errors, including the first. Default 4. */
  maxAttempts?: number;
  /** Longest the client will sleep for one wait; beyond it a RateLimitedError is thrown. Default 30 s. */
  maxWaitMs?: number;
  /** Base of the exponential backoff. Default 500 ms. */
  backoffBaseMs?: number;
  /**
   * Called once per request after a 401: returns fresh headers (the credential was refreshed, see
   * credentials/refresh.ts) and the request is sent again with them, or null to let the 401 stand.
   */
  onUnauthorized?: () => Promise<Record<string, string> | null>;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface HttpRequest<S extends z.ZodType> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Relative to baseUrl ("/repos/a/b/issues"), or an absolute URL on the same host (a Link header's next). */
  path: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Validates the response body; a mismatch is an InvalidResponseError. A 204 body is parsed as null. */
  schema: S;
  /** Template of the path for error messages when `path` holds ids, e.g. "/repos/{owner}/{repo}/issues". */
  operation?: string;
  /**
   * Whether sending the request twice is harmless. Default: true for GET, PUT and DELETE, false
   * for POST and PATCH. A non-idempotent request is retried only when the provider cannot have
   * applied it (429, or a connection that never opened), never after a 5xx or a dropped socket,
   * so a comment or a created task is not duplicated. GraphQL queries (POST) set it to true.
   */
  idempotent?: boolean;
  /**
   * Non-2xx statuses whose body is still parsed with `schema` and returned instead of thrown
   * (GraphQL servers answer some `errors[]` with HTTP 400, and the caller must read them).
   */
  acceptStatuses?: readonly number[];
}

export interface HttpResponse<T> {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  data: T;
}

/** One page of a paginated listing, and where the next page starts (null when this was the last). */
export interface Page<T> {
  data: T;
  next: string | null;
}
