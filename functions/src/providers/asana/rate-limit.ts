import type { RateLimitPolicy } from "../../http/types";

/**
 * Asana allows 150 (free) or 1,500 (paid) requests a minute per token but sends no remaining or
 * reset headers: only 429 with Retry-After (seconds), which the client honours on its own. With
 * no budget to read, there is nothing to pace by.
 */
export const asanaRateLimit: RateLimitPolicy = {
  remainingHeader: null,
  resetHeader: null,
  resetUnit: "epoch_seconds",
  slowdownBelow: 0,
};
