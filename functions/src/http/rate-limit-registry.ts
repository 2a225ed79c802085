import { z } from "zod";
import { budgetWaitMs, capStateReset } from "./rate-limit";
import type { RateLimitPolicy, RateLimitState, RateLimitStore } from "./types";

/**
 * Process-wide rate-limit state per credential (`rateLimitKey`). Module-level on purpose: a
 * worker builds a new HttpClient per task, and the budget belongs to the credential, so every
 * client for the same key in this instance must see the same numbers.
 */
interface Entry {
  state: RateLimitState;
  /**
   * When the next request may go (epoch ms). Pacing is decided when the budget is learnt, not
   * recomputed from "now" before each request: a request that was re-enqueued for its paced
   * time must then go, not be paced again from the new now (on GitHub's hour-long window that
   * would keep pushing it back for most of the hour).
   */
  nextSlotAt: number;
}

const entries = new Map<string, Entry>();
/** One load per key per process; concurrent first requests share the same promise. */
const loads = new Map<string, Promise<void>>();

/** What a store hands back comes from a database another instance wrote: checked, not trusted. */
const storedState = z.object({
  remaining: z.number().int().nonnegative().nullable(),
  resetAt: z.date().nullable(),
});

export function getRateLimitState(key: string): RateLimitState | null {
  return entries.get(key)?.state ?? null;
}

/** Records what the provider (or another instance) said at `nowMs`; the next slot is paced from then. */
export function setRateLimitState(key: string, state: RateLimitState, policy: RateLimitPolicy, nowMs: number): void {
  entries.set(key, { state, nextSlotAt: nowMs + budgetWaitMs(state, policy, nowMs) });
}

/** How long until this credential's next request may go; 0 when it may go now or nothing is known. */
export function slotWaitMs(key: string, nowMs: number): number {
  const entry = entries.get(key);
  return entry ? Math.max(0, entry.nextSlotAt - nowMs) : 0;
}

/**
 * Takes the next slot for a request about to be sent: counts it against the budget before its
 * answer arrives and paces the slot after it, so concurrent requests space themselves out rather
 * than all reading the same "remaining". The next response's headers replace the guess.
 */
export function takeSlot(key: string, policy: RateLimitPolicy, nowMs: number): void {
  const entry = entries.get(key);
  if (!entry) return;
  const { remaining } = entry.state;
  const state = remaining !== null && remaining > 0 ? { ...entry.state, remaining: remaining - 1 } : entry.state;
  const from = Math.max(nowMs, entry.nextSlotAt);
  entries.set(key, { state, nextSlotAt: from + budgetWaitMs(state, policy, from) });
}

/**
 * Loads the state another instance recorded, once per key per process, before the first request.
 * The store is advisory: a failed or malformed load counts as "nothing recorded" rather than
 * failing the sync (the store implementation logs its own failures).
 */
export function ensureRateLimitStateLoaded(key: string, store: RateLimitStore | undefined, policy: RateLimitPolicy, nowMs: () => number): Promise<void> {
  if (!store) return Promise.resolve();
  let load = loads.get(key);
  if (!load) {
    load = store.load(key).then(
      (raw) => {
        const parsed = storedState.safeParse(raw);
        // A window that has already reset is harmless: budgetWaitMs ignores it. One recorded further
        // ahead than any provider may ask (by an older version, or a bad write) is capped like a header.
        if (parsed.success && !entries.has(key)) setRateLimitState(key, capStateReset(parsed.data, nowMs()).state, policy, nowMs());
      },
      () => undefined,
    );
    loads.set(key, load);
  }
  return load;
}

/** Forgets every credential's state and load: for tests, which share one process. */
export function resetRateLimitStates(): void {
  entries.clear();
  loads.clear();
}
