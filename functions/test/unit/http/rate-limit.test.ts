import {
  MAX_PLAUSIBLE_RESET_MS,
  backoffMs,
  budgetWaitMs,
  isLow,
  readRateLimit,
  reportsSpentBudget,
  retryAfterMs,
} from "../../../src/http/rate-limit";
import { POLICIES, T0, T0_SECONDS } from "./helpers";

describe("readRateLimit", () => {
  it("reads GitHub's lower-case x-ratelimit-remaining/reset (epoch seconds)", () => {
    const state = readRateLimit(
      { "x-ratelimit-remaining": "4999", "x-ratelimit-reset": String(T0_SECONDS + 3600), "x-ratelimit-limit": "5000" },
      POLICIES.github,
      T0,
    );
    expect(state).toEqual({ remaining: 4999, resetAt: new Date(T0 + 3600_000) });
  });

  it("reads Plane's X-RateLimit-* whatever case the policy spells them in (responses carry lower-case names)", () => {
    const state = readRateLimit({ "x-ratelimit-remaining": "59", "x-ratelimit-reset": String(T0_SECONDS + 60) }, POLICIES.plane, T0);
    expect(state).toEqual({ remaining: 59, resetAt: new Date(T0 + 60_000) });
  });

  it("reads ClickUp's X-RateLimit-* (reset in Unix seconds)", () => {
    const state = readRateLimit(
      { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(T0_SECONDS + 42) },
      POLICIES.clickup,
      T0,
    );
    expect(state).toEqual({ remaining: 0, resetAt: new Date(T0 + 42_000) });
  });

  it("reads Linear's x-ratelimit-requests-reset as seconds when below 1e12", () => {
    const state = readRateLimit(
      { "x-ratelimit-requests-remaining": "1200", "x-ratelimit-requests-reset": String(T0_SECONDS + 1800) },
      POLICIES.linear,
      T0,
    );
    expect(state).toEqual({ remaining: 1200, resetAt: new Date(T0 + 1800_000) });
  });

  it("reads Linear's x-ratelimit-requests-reset as milliseconds when 1e12 or more", () => {
    const state = readRateLimit(
      { "x-ratelimit-requests-remaining": "7", "x-ratelimit-requests-reset": String(T0 + 1800_000) },
      POLICIES.linear,
      T0,
    );
    expect(state).toEqual({ remaining: 7, resetAt: new Date(T0 + 1800_000) });
  });

  it("does not take a millisecond value as seconds for an epoch_seconds policy (it would park the credential for millennia)", () => {
    const state = readRateLimit({ "x-ratelimit-remaining": "3", "x-ratelimit-reset": String(T0 + 60_000) }, POLICIES.github, T0);
    expect(state).toEqual({ remaining: 3, resetAt: null });
  });

  it("ignores a reset more than a day ahead", () => {
    const tooFar = T0_SECONDS + MAX_PLAUSIBLE_RESET_MS / 1000 + 1;
    expect(readRateLimit({ "x-ratelimit-reset": String(tooFar) }, POLICIES.github, T0)).toBeNull();
  });

  it("returns null when the response has neither header, or only garbage in them", () => {
    expect(readRateLimit({}, POLICIES.github, T0)).toBeNull();
    expect(readRateLimit({ "x-ratelimit-remaining": "lots", "x-ratelimit-reset": "soon" }, POLICIES.github, T0)).toBeNull();
  });

  it("returns null for a policy without headers (Asana), whatever the response holds", () => {
    expect(readRateLimit({ "x-ratelimit-remaining": "0" }, POLICIES.asana, T0)).toBeNull();
  });

  it("keeps what it can read when only one header is present", () => {
    expect(readRateLimit({ "x-ratelimit-remaining": "12" }, POLICIES.github, T0)).toEqual({ remaining: 12, resetAt: null });
  });
});

describe("retryAfterMs", () => {
  it("reads delay-seconds", () => {
    expect(retryAfterMs({ "retry-after": "30" }, T0)).toBe(30_000);
    expect(retryAfterMs({ "retry-after": "0" }, T0)).toBe(0);
  });

  it("reads an HTTP date relative to now", () => {
    expect(retryAfterMs({ "retry-after": new Date(T0 + 90_000).toUTCString() }, T0)).toBe(90_000);
  });

  it("never returns a negative wait for a date in the past", () => {
    expect(retryAfterMs({ "retry-after": new Date(T0 - 5_000).toUTCString() }, T0)).toBe(0);
  });

  it("returns null when absent or unreadable", () => {
    expect(retryAfterMs({}, T0)).toBeNull();
    expect(retryAfterMs({ "retry-after": "later" }, T0)).toBeNull();
  });
});

describe("budgetWaitMs (the pacing decision)", () => {
  const policy = POLICIES.plane; // slowdownBelow 5

  it("does not wait while the budget is at or above the threshold", () => {
    expect(budgetWaitMs({ remaining: 5, resetAt: new Date(T0 + 60_000) }, policy, T0)).toBe(0);
  });

  it("spreads the rest of the window evenly over the remaining requests below the threshold", () => {
    expect(budgetWaitMs({ remaining: 4, resetAt: new Date(T0 + 50_000) }, policy, T0)).toBe(10_000);
    expect(budgetWaitMs({ remaining: 1, resetAt: new Date(T0 + 50_000) }, policy, T0)).toBe(25_000);
  });

  it("waits for the whole window when the budget is spent", () => {
    expect(budgetWaitMs({ remaining: 0, resetAt: new Date(T0 + 42_000) }, policy, T0)).toBe(42_000);
  });

  it("does not wait once the window has reset, or when the reset is unknown", () => {
    expect(budgetWaitMs({ remaining: 0, resetAt: new Date(T0 - 1) }, policy, T0)).toBe(0);
    expect(budgetWaitMs({ remaining: 0, resetAt: null }, policy, T0)).toBe(0);
    expect(budgetWaitMs({ remaining: null, resetAt: new Date(T0 + 1000) }, policy, T0)).toBe(0);
    expect(budgetWaitMs(null, policy, T0)).toBe(0);
  });
});

describe("isLow", () => {
  it("is true only below the threshold with a reset still ahead", () => {
    expect(isLow({ remaining: 4, resetAt: new Date(T0 + 1) }, POLICIES.plane, T0)).toBe(true);
    expect(isLow({ remaining: 0, resetAt: new Date(T0 + 1) }, POLICIES.plane, T0)).toBe(true);
    expect(isLow({ remaining: 5, resetAt: new Date(T0 + 1) }, POLICIES.plane, T0)).toBe(false);
    expect(isLow({ remaining: 0, resetAt: new Date(T0) }, POLICIES.plane, T0)).toBe(false);
    expect(isLow({ remaining: null, resetAt: new Date(T0 + 1) }, POLICIES.plane, T0)).toBe(false);
  });
});

describe("reportsSpentBudget", () => {
  it("is true when the policy's remaining header is 0", () => {
    expect(reportsSpentBudget({ "x-ratelimit-requests-remaining": "0" }, POLICIES.linear)).toBe(true);
  });

  it("is true for the common x-ratelimit-remaining: 0 even under another policy", () => {
    expect(reportsSpentBudget({ "x-ratelimit-remaining": "0" }, POLICIES.asana)).toBe(true);
  });

  it("is false when budget is left or nothing is said", () => {
    expect(reportsSpentBudget({ "x-ratelimit-remaining": "10" }, POLICIES.github)).toBe(false);
    expect(reportsSpentBudget({}, POLICIES.github)).toBe(false);
  });
});

describe("backoffMs", () => {
  it("is full jitter: random() times base * 2^attempt", () => {
    expect(backoffMs(0, 500, 30_000, () => 0.5)).toBe(250);
    expect(backoffMs(1, 500, 30_000, () => 0.5)).toBe(500);
    expect(backoffMs(3, 500, 30_000, () => 0.25)).toBe(1000);
    expect(backoffMs(2, 500, 30_000, () => 0)).toBe(0);
  });

  it("is capped before the jitter is applied", () => {
    expect(backoffMs(10, 500, 30_000, () => 0.5)).toBe(15_000);
  });
});
