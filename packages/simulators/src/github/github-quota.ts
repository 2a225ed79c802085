import type { RateBudget, RateState } from "../base/rate-window";

const HOUR_MS = 3_600_000;

/**
 * GitHub's primary rate limit as the simulator reports it: 5000 requests, counted down by each
 * authenticated request (never below 0), with a reset always an hour ahead. It never refuses a
 * request: a spent budget (403 with remaining 0) is simulated with `fail()`. One budget for the
 * simulator, which serves one token.
 */
export class GitHubQuota implements RateBudget {
  private remaining: number;

  constructor(
    private readonly now: () => number,
    private readonly limit = 5000,
  ) {
    this.remaining = limit;
  }

  take(): RateState {
    this.remaining = Math.max(0, this.remaining - 1);
    return { limit: this.limit, remaining: this.remaining, resetAtMs: this.now() + HOUR_MS, limited: false };
  }
}
