import { PROVIDERS } from "../../../functions/src/providers/registry";
import { PROVIDER_DESCRIPTORS, PROVIDER_IDS } from "../src/index";

describe("PROVIDER_DESCRIPTORS", () => {
  it("describes every registered provider, and only those", () => {
    expect(Object.keys(PROVIDER_DESCRIPTORS).sort()).toEqual(Object.keys(PROVIDERS).sort());
    expect(Object.keys(PROVIDER_DESCRIPTORS).sort()).toEqual([...PROVIDER_IDS].sort());
  });

  it.each(Object.values(PROVIDERS).map((provider) => [provider.id, provider] as const))(
    "gives the browser %s's own facts: its names, its token and what its connect asks for",
    (id, provider) => {
      const descriptor = PROVIDER_DESCRIPTORS[id];
      expect(descriptor).toBeDefined();
      expect(descriptor.id).toBe(id);
      expect(descriptor.displayName).toBe(provider.displayName);
      expect(descriptor.shortName).toBe(provider.shortName);
      expect(descriptor.personalToken).toEqual(provider.personalToken);
      // A webhook secret is pasted exactly where the provider has no API to create webhooks.
      expect(descriptor.pastedWebhookSecret).toBe(provider.webhookRegistration === null);
    },
  );
});
