import type { RateLimitPolicy } from "../../http/types";

/**
 * ClickUp allows 100 requests a minute per token on most plans (1,000 and 10,000 on Business
 * Plus and Enterprise) and reports X-RateLimit-Remaining and X-RateLimit-Reset (Unix seconds).
 */
export const clickupRateLimit: RateLimitPolicy = {
  remainingHeader: "x-ratelimit-remaining",
  resetHeader: "x-ratelimit-reset",
  resetUnit: "epoch_seconds",
  slowdownBelow: 5,
};
