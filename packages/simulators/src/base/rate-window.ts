/** What one request did to its client's budget. */
export interface RateState {
  limit: number;
  remaining: number;
  /** When the window resets (epoch ms). */
  resetAtMs: number;
  /** True when this request is over the limit and must be answered 429 (or the provider's equivalent). */
  limited: boolean;
}

/** How a simulator counts one credential's requests: what each request leaves of its budget. */
export interface RateBudget {
  take(client: string): RateState;
}

/**
 * A fixed one-minute window per client (per credential), as ClickUp, Plane, Asana and Linear
 * count: the window opens at a client's first request and `limitPerMinute` requests fit in it;
 * a request beyond that is limited until the window resets. Limited requests do not count.
 */
export class RateWindow implements RateBudget {
  private readonly windows = new Map<string, { openedAtMs: number; used: number }>();

  constructor(
    public limitPerMinute: number,
    private readonly now: () => number,
    private readonly windowMs = 60_000,
  ) {}

  take(client: string): RateState {
    const now = this.now();
    let window = this.windows.get(client);
    if (!window || now >= window.openedAtMs + this.windowMs) {
      window = { openedAtMs: now, used: 0 };
      this.windows.set(client, window);
    }
    const resetAtMs = window.openedAtMs + this.windowMs;
    if (window.used >= this.limitPerMinute) return { limit: this.limitPerMinute, remaining: 0, resetAtMs, limited: true };
    window.used += 1;
    return { limit: this.limitPerMinute, remaining: this.limitPerMinute - window.used, resetAtMs, limited: false };
  }

  /** Forgets every window (a new minute for everyone). */
  reset(): void {
    this.windows.clear();
  }
}

/** Seconds until the reset, at least 1: what a Retry-After header says. */
export function retryAfterSeconds(state: RateState, nowMs: number): number {
  return Math.max(1, Math.ceil((state.resetAtMs - nowMs) / 1000));
}
