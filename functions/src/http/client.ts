import { logger } from "firebase-functions";
import { request as undiciRequest, type Dispatcher } from "undici";
import { z } from "zod";
import { ValidationError } from "../domain/validation-error";
import { sharedAgent } from "./agent";
import { errorForStatus, failedBeforeSending, mentionsSecondaryLimit, statusOutcome, transportCode } from "./classify";
import { InvalidResponseError, NetworkError, RateLimitedError, type HttpErrorDetails } from "./errors";
import { extractProviderMessage, sanitizeMessage } from "./provider-message";
import {
  MAX_PROVIDER_WAIT_MS,
  backoffMs,
  capStateReset,
  capWait,
  isCapped,
  isLow,
  readRateLimit,
  reportsSpentBudget,
  retryAfterMs,
  type HeaderMap,
  type ProviderWait,
} from "./rate-limit";
import { ensureRateLimitStateLoaded, getRateLimitState, setRateLimitState, slotWaitMs, takeSlot } from "./rate-limit-registry";
import { ForeignOriginError, buildUrl, encodeBody, mergeHeaders, operationOf } from "./request-build";
import type { Clock, HttpClientOptions, HttpRequest, HttpResponse, RateLimitPolicy, RateLimitState } from "./types";

export { resetRateLimitStates } from "./rate-limit-registry";

export const DEFAULT_MAX_ATTEMPTS = 4;
export const DEFAULT_MAX_WAIT_MS = 30_000;
export const DEFAULT_BACKOFF_BASE_MS = 500;
/** How long a rate limit lasts when the provider does not say (GitHub asks for at least a minute). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const IDEMPOTENT_METHODS = new Set(["GET", "PUT", "DELETE"]);

/** The base URL comes from an integration's settings (GitHub Enterprise, self-hosted Plane): checked, not trusted. */
const optionsSchema = z.object({
  provider: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }),
  maxAttempts: z.number().int().min(1).optional(),
  maxWaitMs: z.number().nonnegative().optional(),
  backoffBaseMs: z.number().nonnegative().optional(),
});

interface RawResponse {
  status: number;
  headers: HeaderMap;
  body: string;
}

/**
 * The one HTTP client every provider uses: builds the request, keeps the credential's rate-limit
 * budget, retries what can be retried, maps failures to the error taxonomy and validates bodies.
 * One instance per credential (headers carry its token); state that must outlive it lives in the
 * process-wide registry and the RateLimitStore.
 */
export class HttpClient {
  readonly provider: string;
  readonly baseUrl: string;
  readonly policy: RateLimitPolicy;
  /** Replaced by reauthorize() when the credential is refreshed after a 401. */
  private headers: Record<string, string>;
  private readonly onUnauthorized: HttpClientOptions["onUnauthorized"];
  private readonly rateLimitKey: string;
  private readonly store: HttpClientOptions["rateLimitStore"];
  private readonly dispatcher: Dispatcher;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly maxAttempts: number;
  private readonly maxWaitMs: number;
  private readonly backoffBaseMs: number;

  constructor(options: HttpClientOptions) {
    const checked = optionsSchema.safeParse(options);
    if (!checked.success) throw ValidationError.fromZod("HttpClient options", checked.error);
    this.provider = options.provider;
    this.baseUrl = options.baseUrl;
    this.policy = options.policy;
    this.headers = { ...options.headers };
    this.onUnauthorized = options.onUnauthorized;
    this.rateLimitKey = options.rateLimitKey;
    this.store = options.rateLimitStore;
    this.dispatcher = options.dispatcher ?? sharedAgent();
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.backoffBaseMs = options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS;
  }

  async request<S extends z.ZodType>(req: HttpRequest<S>): Promise<HttpResponse<z.infer<S>>> {
    const operation = this.operationOf(req.method, req.path, req.operation);
    const url = this.urlFor(req, operation);
    const { body, contentType } = encodeBody(req);
    let headers = mergeHeaders(this.headers, req.headers, contentType);
    let reauthorized = false;
    const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(req.method);
    await ensureRateLimitStateLoaded(this.rateLimitKey, this.store, this.policy, () => this.clock.now());

    for (let attempt = 0; ; attempt++) {
      const last = attempt + 1 >= this.maxAttempts;
      await this.waitForBudget(operation);

      let raw: RawResponse;
      try {
        raw = await this.send(url, req.method, headers, body);
      } catch (error) {
        const details = { ...this.details(operation, null, transportCode(error) ?? "the connection failed"), cause: error };
        // A dropped socket may have delivered a write already; only a connection that never opened is safe to repeat.
        if (last || !(idempotent || failedBeforeSending(error))) throw new NetworkError(details);
        await this.sleepAtMost(capWait(this.backoff(attempt)), details);
        continue;
      }

      await this.recordBudget(raw.headers, operation);
      if ((raw.status >= 200 && raw.status < 300) || req.acceptStatuses?.includes(raw.status)) {
        return this.parse(raw, req.schema, operation);
      }

      const details = this.details(operation, raw.status, extractProviderMessage(raw.body, raw.headers["content-type"]));
      const retryAfter = this.retryAfter(raw.headers, operation);
      const secondary = mentionsSecondaryLimit(details.providerMessage);
      const outcome = statusOutcome(raw.status, retryAfter !== null || secondary || reportsSpentBudget(raw.headers, this.policy));

      if (outcome === "rate_limited") {
        await this.afterRateLimited(details, attempt, last, retryAfter ?? this.spentWindow(raw.headers) ?? (secondary ? capWait(DEFAULT_RATE_LIMIT_WAIT_MS) : null));
        continue;
      }
      if (outcome === "server" && idempotent && !last) {
        await this.sleepAtMost(retryAfter ?? capWait(this.backoff(attempt)), details);
        continue;
      }
      // A 401 may only mean the token expired early: refresh once and send the request again.
      if (raw.status === 401 && !reauthorized && (await this.reauthorize())) {
        reauthorized = true;
        headers = mergeHeaders(this.headers, req.headers, contentType);
        continue;
      }
      throw errorForStatus(raw.status, details);
    }
  }

  /**
   * After a 401: asks the credential's owner for fresh headers (onUnauthorized) and uses them from
   * now on. False when there is no hook or it has nothing fresh. Also used by the GraphQL helper,
   * whose 401s arrive as errors on HTTP 200.
   */
  async reauthorize(): Promise<boolean> {
    if (!this.onUnauthorized) return false;
    const fresh = await this.onUnauthorized();
    if (!fresh) return false;
    this.headers = { ...fresh };
    return true;
  }

  /** The client's clock, so helpers built on it (GraphQL) compute reset times the tests control. */
  now(): number {
    return this.clock.now();
  }

  /**
   * How long a response asks to wait (GraphQL errors that carry no status of their own): its
   * Retry-After, else the policy's reset header, capped at MAX_PROVIDER_WAIT_MS; null when it says neither.
   */
  waitFromHeaders(headers: HeaderMap, operation: string): ProviderWait | null {
    const after = this.retryAfter(headers, operation);
    if (after !== null) return after;
    const now = this.clock.now();
    const resetAt = readRateLimit(headers, this.policy, now)?.resetAt;
    if (!resetAt) return null;
    return this.capped(Math.max(0, resetAt.getTime() - now), "reset header", operation);
  }

  /** Marks the credential spent until `resetAt` (e.g. a GraphQL RATELIMITED error on HTTP 200), so later requests wait. */
  async recordRateLimited(resetAt: Date): Promise<void> {
    await this.storeState({ remaining: 0, resetAt });
  }

  /** Provider text made safe for an error: this client's header values redacted, trimmed. */
  sanitize(message: string | null): string | null {
    return sanitizeMessage(message, Object.values(this.headers));
  }

  /** How a request is named in errors: "METHOD operation-or-path". */
  operationOf(method: string, path: string, operation?: string): string {
    return operationOf(method, path, operation, this.baseUrl);
  }

  private urlFor<S extends z.ZodType>(req: HttpRequest<S>, operation: string): URL {
    try {
      return buildUrl(this.baseUrl, req.path, req.query);
    } catch (error) {
      if (error instanceof ForeignOriginError) throw new InvalidResponseError(this.details(operation, null, error.message));
      throw error;
    }
  }

  private async send(url: URL, method: string, headers: Record<string, string>, body: string | undefined): Promise<RawResponse> {
    const res = await undiciRequest(url, { method, headers, body, dispatcher: this.dispatcher });
    // Always read the body: an unread body keeps the socket from returning to the keep-alive pool.
    const text = await res.body.text();
    return { status: res.statusCode, headers: flattenHeaders(res.headers), body: text };
  }

  private parse<S extends z.ZodType>(raw: RawResponse, schema: S, operation: string): HttpResponse<z.infer<S>> {
    let json: unknown = null;
    if (raw.status !== 204 && raw.body.trim() !== "") {
      try {
        json = JSON.parse(raw.body);
      } catch (error) {
        throw new InvalidResponseError({ ...this.details(operation, raw.status, "the body is not JSON"), cause: error });
      }
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const problem = ValidationError.fromZod(operation, parsed.error);
      // Field paths and what was expected, never the values: a body holds task content.
      const named = problem.problems.slice(0, 3).map((p) => `${p.field || "(root)"}: ${p.message}`);
      throw new InvalidResponseError({ ...this.details(operation, raw.status, named.join("; ")), cause: problem });
    }
    return { status: raw.status, headers: raw.headers, data: parsed.data };
  }

  /**
   * Holds a request back until the credential's next slot (the reset when the budget is spent,
   * a paced share of the window when it is low); a long hold becomes a RateLimitedError. The slot
   * is taken in the same synchronous step as the decision, so a concurrent request waits for the
   * slot after it.
   */
  private async waitForBudget(operation: string): Promise<void> {
    const wait = slotWaitMs(this.rateLimitKey, this.clock.now());
    if (wait > this.maxWaitMs) {
      throw new RateLimitedError({
        ...this.details(operation, null, "the credential's rate limit is spent or nearly spent"),
        resetAt: new Date(this.clock.now() + wait),
      });
    }
    takeSlot(this.rateLimitKey, this.policy, this.clock.now());
    if (wait > 0) await this.clock.sleep(wait);
  }

  private async afterRateLimited(details: HttpErrorDetails, attempt: number, last: boolean, hint: ProviderWait | null): Promise<void> {
    if (hint === null) {
      if (last) throw new RateLimitedError({ ...details, resetAt: new Date(this.clock.now() + DEFAULT_RATE_LIMIT_WAIT_MS) });
      await this.clock.sleep(this.backoff(attempt));
      return;
    }
    const resetAt = new Date(this.clock.now() + hint.ms);
    // Every other request on this credential, here and in other instances, must wait too. When
    // the response's own headers already said exactly this (ClickUp's 429), it is recorded already.
    const known = getRateLimitState(this.rateLimitKey);
    if (known?.remaining !== 0 || known.resetAt?.getTime() !== resetAt.getTime()) await this.storeState({ remaining: 0, resetAt });
    if (last) throw new RateLimitedError({ ...details, resetAt, requestedWaitMs: hint.requestedMs });
    await this.sleepAtMost(hint, details);
  }

  /** Until the reset of a spent (or unreported) budget, when the response gives a reset still ahead; capped (recordBudget logged it). */
  private spentWindow(headers: HeaderMap): ProviderWait | null {
    const now = this.clock.now();
    const state = readRateLimit(headers, this.policy, now);
    if (!state?.resetAt || (state.remaining !== null && state.remaining > 0)) return null;
    const wait = state.resetAt.getTime() - now;
    return wait > 0 ? capWait(wait) : null;
  }

  /** The response's Retry-After, capped (and logged when capped); null when it has none. */
  private retryAfter(headers: HeaderMap, operation: string): ProviderWait | null {
    const ms = retryAfterMs(headers, this.clock.now());
    return ms === null ? null : this.capped(ms, "retry-after", operation);
  }

  /** Caps a provider's wait at MAX_PROVIDER_WAIT_MS and logs when it had to: the number only, never a header value beside it. */
  private capped(requestedMs: number, source: string, operation: string): ProviderWait {
    const wait = capWait(requestedMs);
    if (isCapped(wait)) {
      logger.warn("provider wait capped", { provider: this.provider, operation, source, requestedMs: wait.requestedMs, cappedMs: MAX_PROVIDER_WAIT_MS });
    }
    return wait;
  }

  /** Sleeps, unless the wait is longer than maxWaitMs: then the worker should checkpoint and come back at resetAt. */
  private async sleepAtMost(wait: ProviderWait, details: HttpErrorDetails): Promise<void> {
    if (wait.ms > this.maxWaitMs) {
      throw new RateLimitedError({ ...details, resetAt: new Date(this.clock.now() + wait.ms), requestedWaitMs: wait.requestedMs });
    }
    await this.clock.sleep(wait.ms);
  }

  private backoff(attempt: number): number {
    return backoffMs(attempt, this.backoffBaseMs, this.maxWaitMs, this.random);
  }

  /** Records the budget a response reports, its reset capped at MAX_PROVIDER_WAIT_MS from now. */
  private async recordBudget(headers: HeaderMap, operation: string): Promise<void> {
    const now = this.clock.now();
    const read = readRateLimit(headers, this.policy, now);
    if (!read) return;
    const { state, wait } = capStateReset(read, now);
    if (wait) this.capped(wait.requestedMs, "reset header", operation);
    await this.storeState(state);
  }

  /** Keeps the state for this process, and shares it through the store only when it matters to others: low or spent. */
  private async storeState(state: RateLimitState): Promise<void> {
    setRateLimitState(this.rateLimitKey, state, this.policy, this.clock.now());
    if (!this.store || !isLow(state, this.policy, this.clock.now())) return;
    try {
      await this.store.save(this.rateLimitKey, state);
    } catch {
      // Advisory (see RateLimitStore): this instance still honours the state, and the next low response saves again.
    }
  }

  private details(operation: string, status: number | null, providerMessage: string | null): HttpErrorDetails {
    return { provider: this.provider, operation, status, providerMessage: this.sanitize(providerMessage) };
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): HeaderMap {
  const flat: HeaderMap = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
