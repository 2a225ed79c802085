import { deliveryIdProblem, isValidIntegrationId, MAX_DELIVERY_ID_LENGTH } from "../../../src/webhooks/ids";
import { parseWebhookPath } from "../../../src/webhooks/endpoint-url";

describe("ids a webhook request may name a document with", () => {
  it.each(["github-0123456789abcdef01234567", "int-3f2a9c1b7d4e", "a", "x".repeat(128)])("accepts the integration id %s", (id) => {
    expect(isValidIntegrationId(id)).toBe(true);
  });

  it.each(["__name__", "__x__", "____", ".", "..", "", "x".repeat(129), "a/b", "a b", "int.1", "ïnt"])("refuses the integration id %j", (id) => {
    expect(isValidIntegrationId(id)).toBe(false);
  });

  it("accepts GUIDs, event ids and ClickUp's readable ids", () => {
    expect(deliveryIdProblem("72d3162e-cc78-11e3-81ab-4c9367dc0958")).toBeNull();
    expect(deliveryIdProblem(`taskUpdated:${"1".repeat(MAX_DELIVERY_ID_LENGTH - 12)}`)).toBeNull();
  });

  it("refuses an empty, over-long or non-ASCII delivery id, saying why", () => {
    expect(deliveryIdProblem("")).toMatch(/empty/);
    expect(deliveryIdProblem("d".repeat(2000))).toMatch(/longer than 300 characters/);
    expect(deliveryIdProblem("has space")).toMatch(/visible ASCII/);
    expect(deliveryIdProblem("dé")).toMatch(/visible ASCII/);
  });

  it("reads a malformed percent-encoding in the path as no path at all", () => {
    expect(parseWebhookPath("/github/%E0%A4%A")).toBeNull();
    expect(parseWebhookPath("/github/int%2D1")).toEqual({ provider: "github", integrationId: "int-1" });
  });
});
