import { cachedWebhookTarget, forgetWebhookTarget, rememberWebhookTarget } from "../../../src/store/webhook-target-cache";

const target = { orgId: "o", provider: "github" as const, secrets: ["s"] };

describe("the per-instance cache of webhook targets", () => {
  it("keeps a target for the TTL (30 s by default) and no longer", () => {
    rememberWebhookTarget("int-ttl", target, 1_000);
    expect(cachedWebhookTarget("int-ttl", 1_000 + 29_999)).toEqual(target);
    expect(cachedWebhookTarget("int-ttl", 1_000 + 30_000)).toBeUndefined();
  });

  it("forgets a target at once when this instance changes its credential", () => {
    rememberWebhookTarget("int-forget", target);
    forgetWebhookTarget("int-forget");
    expect(cachedWebhookTarget("int-forget")).toBeUndefined();
  });

  it("holds at most 1,000 targets, dropping the oldest", () => {
    for (let i = 0; i <= 1000; i += 1) rememberWebhookTarget(`int-many-${i}`, target, 5_000);
    expect(cachedWebhookTarget("int-many-0", 5_001)).toBeUndefined();
    expect(cachedWebhookTarget("int-many-1000", 5_001)).toEqual(target);
  });
});
