import { z } from "zod";
import type { RateLimitState, RateLimitStore } from "./types";

/**
 * Process-wide rate-limit state per credential (`rateLimitKey`). Module-level on purpose: a
 * worker builds a new HttpClient per task, and the budget belongs to the credential, so every
 * client for the same key in this instance must see the same numbers.
 */
const states = new Map<string, RateLimitState>();
/** One load per key per process; concurrent first requests share the same promise. */
const loads = new Map<string, Promise<void>>();

/** What a store hands back comes from a database another instance wrote: checked, not trusted. */
const storedState = z.object({
  remaining: z.number().int().nonnegative().nullable(),
  resetAt: z.date().nullable(),
});

export function getRateLimitState(key: string): RateLimitState | null {
  return states.get(key) ?? null;
}

export function setRateLimitState(key: string, state: RateLimitState): void {
  states.set(key, state);
}

/**
 * Counts a request against the known budget before its answer arrives, so concurrent requests
 * pace against each other rather than all reading the same "remaining". The next response's
 * headers overwrite the guess with the provider's own count.
 */
export function reserveRequest(key: string): void {
  const state = states.get(key);
  if (state && state.remaining !== null && state.remaining > 0) {
    states.set(key, { ...state, remaining: state.remaining - 1 });
  }
}

/**
 * Loads the state another instance recorded, once per key per process, before the first request.
 * The store is advisory: a failed or malformed load counts as "nothing recorded" rather than
 * failing the sync (the store implementation logs its own failures).
 */
export function ensureRateLimitStateLoaded(key: string, store: RateLimitStore | undefined): Promise<void> {
  if (!store) return Promise.resolve();
  let load = loads.get(key);
  if (!load) {
    load = store.load(key).then(
      (raw) => {
        const parsed = storedState.safeParse(raw);
        // A window that has already reset is harmless: budgetWaitMs ignores it.
        if (parsed.success && !states.has(key)) states.set(key, parsed.data);
      },
      () => undefined,
    );
    loads.set(key, load);
  }
  return load;
}

/** Forgets every credential's state and load: for tests, which share one process. */
export function resetRateLimitStates(): void {
  states.clear();
  loads.clear();
}
