import {
  cachedWebhookTarget,
  claimRefreshAhead,
  dropWebhookTarget,
  forgetWebhookTarget,
  releaseRefreshAhead,
  rememberWebhookTarget,
  startTargetRead,
} from "../../../src/store/webhook-target-cache";

const target = { orgId: "o", provider: "github" as const, secrets: ["s"] };

describe("the per-instance cache of webhook targets", () => {
  it("keeps a target for the TTL (30 s by default) from the start of the read, and no longer", () => {
    rememberWebhookTarget("int-ttl", target, startTargetRead(1_000));
    expect(cachedWebhookTarget("int-ttl", 1_000 + 29_999)).toEqual(target);
    expect(cachedWebhookTarget("int-ttl", 1_000 + 30_000)).toBeUndefined();
  });

  it("forgets a target at once when this instance changes its credential", () => {
    rememberWebhookTarget("int-forget", target);
    forgetWebhookTarget("int-forget");
    expect(cachedWebhookTarget("int-forget")).toBeUndefined();
  });

  it("does not store what a read found when this instance changed a credential while it ran", () => {
    const read = startTargetRead();
    forgetWebhookTarget("int-rotated-meanwhile");
    rememberWebhookTarget("int-rotated-meanwhile", target, read);
    expect(cachedWebhookTarget("int-rotated-meanwhile")).toBeUndefined();
  });

  it("drops a target that a read found gone, without stopping other reads from being stored", () => {
    rememberWebhookTarget("int-gone", target);
    const otherRead = startTargetRead();
    dropWebhookTarget("int-gone");
    rememberWebhookTarget("int-other", target, otherRead);
    expect(cachedWebhookTarget("int-gone")).toBeUndefined();
    expect(cachedWebhookTarget("int-other")).toEqual(target);
  });

  it("asks for one refresh ahead in the last third of the TTL, none before it or after expiry", () => {
    rememberWebhookTarget("int-ahead", target, startTargetRead(0));
    expect(claimRefreshAhead("int-ahead", 19_999)).toBe(false);
    expect(claimRefreshAhead("int-ahead", 20_000)).toBe(true);
    // Claimed: the next deliveries do not start a second read, and the entry still serves.
    expect(claimRefreshAhead("int-ahead", 20_001)).toBe(false);
    expect(cachedWebhookTarget("int-ahead", 29_999)).toEqual(target);
    // A failed refresh gives the claim back; the entry still expires on time.
    releaseRefreshAhead("int-ahead");
    expect(claimRefreshAhead("int-ahead", 25_000)).toBe(true);
    expect(claimRefreshAhead("int-ahead", 30_000)).toBe(false);
    expect(cachedWebhookTarget("int-ahead", 30_000)).toBeUndefined();
  });

  it("starts a new TTL, and a new refresh window, with the refresh's read", () => {
    rememberWebhookTarget("int-renewed", target, startTargetRead(0));
    expect(claimRefreshAhead("int-renewed", 21_000)).toBe(true);
    rememberWebhookTarget("int-renewed", { ...target, secrets: ["rotated"] }, startTargetRead(21_000));
    expect(cachedWebhookTarget("int-renewed", 50_999)).toEqual({ ...target, secrets: ["rotated"] });
    expect(claimRefreshAhead("int-renewed", 40_999)).toBe(false);
    expect(claimRefreshAhead("int-renewed", 41_000)).toBe(true);
  });

  it("holds at most 1,000 targets, dropping the oldest", () => {
    for (let i = 0; i <= 1000; i += 1) rememberWebhookTarget(`int-many-${i}`, target, startTargetRead(5_000));
    expect(cachedWebhookTarget("int-many-0", 5_001)).toBeUndefined();
    expect(cachedWebhookTarget("int-many-1000", 5_001)).toEqual(target);
  });
});
