import type { RateLimitPolicy, RateLimitState } from "./types";

/**
 * Pure rate-limit arithmetic: reading providers' headers and deciding how long to wait. No I/O
 * and no clock of its own (callers pass `nowMs`), so every rule here is unit-tested directly.
 */

/** Response headers with lower-cased names, as HttpResponse carries them. */
export type HeaderMap = Record<string, string>;

/**
 * A reset further ahead than this is not believed: windows are at most an hour (GitHub, Linear),
 * and a millisecond value misread as seconds would otherwise park a credential for millennia.
 */
export const MAX_PLAUSIBLE_RESET_MS = 24 * 60 * 60 * 1000;

/**
 * The longest any provider-supplied wait (Retry-After, a reset header, a GraphQL rate-limit error)
 * is believed: an hour, the longest window any provider documents (GitHub, Linear). A provider
 * asking for more (`Retry-After: 999999999`) would otherwise park the credential and its sync run
 * for decades; the client waits at most this, and a sync run that was asked for more fails with a
 * message instead of waiting.
 */
export const MAX_PROVIDER_WAIT_MS = 60 * 60 * 1000;

/** A wait a provider asked for, and the part of it the client honours (at most MAX_PROVIDER_WAIT_MS). */
export interface ProviderWait {
  /** What the client waits: min(requestedMs, MAX_PROVIDER_WAIT_MS). */
  ms: number;
  /** What the provider asked for; may be huge, or Infinity for an absurdly long header. */
  requestedMs: number;
}

/** Caps a provider's requested wait at MAX_PROVIDER_WAIT_MS. */
export function capWait(requestedMs: number): ProviderWait {
  return { ms: Math.min(requestedMs, MAX_PROVIDER_WAIT_MS), requestedMs };
}

/** Whether the provider asked for more than the client will wait. */
export function isCapped(wait: ProviderWait): boolean {
  return wait.requestedMs > wait.ms;
}

/** A rate-limit state whose reset is at most MAX_PROVIDER_WAIT_MS after `nowMs`, and how long the original asked for. */
export function capStateReset(state: RateLimitState, nowMs: number): { state: RateLimitState; wait: ProviderWait | null } {
  if (!state.resetAt) return { state, wait: null };
  const wait = capWait(state.resetAt.getTime() - nowMs);
  if (!isCapped(wait)) return { state, wait };
  return { state: { ...state, resetAt: new Date(nowMs + wait.ms) }, wait };
}

/** A wait for a log line or a run's message: "45 s", "12 min", "1 h", "3 h 5 min", "11574 days". */
export function describeWait(ms: number): string {
  if (!Number.isFinite(ms)) return "an unbounded time";
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

/** Epoch values below this are seconds, above it milliseconds (1e12 s is the year 33658). */
const EPOCH_MS_THRESHOLD = 1e12;

/**
 * The budget a response reports under `policy`: remaining count and reset time, or null when it
 * carries neither (Asana sends none; Plane only on allowed requests).
 */
export function readRateLimit(headers: HeaderMap, policy: RateLimitPolicy, nowMs: number): RateLimitState | null {
  const remaining = policy.remainingHeader ? parseCount(header(headers, policy.remainingHeader)) : null;
  const resetAt = policy.resetHeader ? parseReset(header(headers, policy.resetHeader), policy.resetUnit, nowMs) : null;
  if (remaining === null && resetAt === null) return null;
  return { remaining, resetAt };
}

/** Milliseconds a `Retry-After` header asks for (delay-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(headers: HeaderMap, nowMs: number): number | null {
  const raw = header(headers, "retry-after");
  if (raw === undefined) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw) * 1000);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

/**
 * How long to hold a request back so the credential's budget lasts until its reset: all of the
 * remaining window when the budget is spent; an even share of it per remaining request when it
 * is below the policy's threshold; nothing otherwise, or when the window has already reset.
 */
export function budgetWaitMs(state: RateLimitState | null, policy: RateLimitPolicy, nowMs: number): number {
  if (!state || state.remaining === null || state.resetAt === null) return 0;
  const untilReset = state.resetAt.getTime() - nowMs;
  if (untilReset <= 0) return 0;
  if (state.remaining <= 0) return untilReset;
  if (state.remaining < policy.slowdownBelow) return Math.ceil(untilReset / (state.remaining + 1));
  return 0;
}

/** Whether a state is worth telling other instances about: spent or below the slowdown threshold, and not yet reset. */
export function isLow(state: RateLimitState, policy: RateLimitPolicy, nowMs: number): boolean {
  if (state.remaining === null || state.remaining >= policy.slowdownBelow) return false;
  return state.resetAt !== null && state.resetAt.getTime() > nowMs;
}

/**
 * Whether a response reports a spent budget: the policy's remaining header (or the common
 * `x-ratelimit-remaining`) is "0". GitHub answers a spent limit with 403 as well as 429.
 */
export function reportsSpentBudget(headers: HeaderMap, policy: RateLimitPolicy): boolean {
  const names = [policy.remainingHeader, "x-ratelimit-remaining"].filter((n): n is string => n !== null);
  return names.some((name) => parseCount(header(headers, name)) === 0);
}

/** Exponential backoff with full jitter: a uniformly random delay in [0, min(cap, base * 2^attempt)). */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

function header(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return value === undefined ? undefined : value.trim();
}

function parseCount(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

function parseReset(raw: string | undefined, unit: RateLimitPolicy["resetUnit"], nowMs: number): Date | null {
  if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw)) return null;
  const value = Number(raw);
  const ms = unit === "epoch_auto" && value >= EPOCH_MS_THRESHOLD ? value : value * 1000;
  if (ms - nowMs > MAX_PLAUSIBLE_RESET_MS) return null;
  return new Date(ms);
}
