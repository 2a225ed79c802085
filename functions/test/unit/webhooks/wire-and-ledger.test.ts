import { githubProvider } from "../../../src/providers/github";
import type { WebhookEvent } from "../../../src/providers/provider";
import { fieldsHash, matchesEntry, versionOfEvent } from "../../../src/store/write-ledger";
import { WebhookEventsMessageSchema } from "../../../src/webhooks/event-message";
import { parseWebhookPath } from "../../../src/webhooks/endpoint-url";
import { octokitExample } from "@taskbridge/simulators";

const issue = octokitExample("issues", "opened").issue;
const draft = githubProvider.normalize(issue);
const event: WebhookEvent = {
  eventType: "issues.opened",
  action: "upsert",
  externalId: draft.externalId,
  providerRef: draft.providerRef,
  projectExternalId: "186853002",
  updatedAt: draft.updatedAt,
  task: draft,
};

describe("the events message a delivery document carries", () => {
  it("carries events through JSON and back with their dates and task intact", () => {
    const message = { orgId: "o", integrationId: "i", provider: "github", deliveryId: "d", events: [event] };
    expect(WebhookEventsMessageSchema.parse(JSON.parse(JSON.stringify(message)))).toEqual(message);
  });

  it("rejects a message whose task lost a field", () => {
    const { title: _title, ...broken } = draft;
    const message = { orgId: "o", integrationId: "i", provider: "github", deliveryId: "d", events: [{ ...event, task: broken }] };
    expect(WebhookEventsMessageSchema.safeParse(JSON.parse(JSON.stringify(message))).success).toBe(false);
  });
});

describe("recognising our own write in an event", () => {
  const entry = { fieldsHash: fieldsHash(draft), providerUpdatedAt: draft.updatedAt };

  it("matches the same version with the same fields", () => {
    expect(matchesEntry(entry, versionOfEvent(event))).toBe(true);
  });

  it("matches by version alone when the event carries no task", () => {
    expect(matchesEntry(entry, versionOfEvent({ ...event, task: null }))).toBe(true);
  });

  it("does not match another version, other fields, or an event without a version", () => {
    const later = new Date(draft.updatedAt.getTime() + 1000);
    expect(matchesEntry(entry, versionOfEvent({ ...event, updatedAt: later, task: { ...draft, updatedAt: later } }))).toBe(false);
    expect(matchesEntry(entry, versionOfEvent({ ...event, task: { ...draft, title: "someone else's edit" } }))).toBe(false);
    expect(matchesEntry(entry, versionOfEvent({ ...event, updatedAt: null, task: null }))).toBe(false);
  });

  it("hashes what the task is, not when it changed", () => {
    expect(fieldsHash({ ...draft, updatedAt: new Date(0) })).toBe(fieldsHash(draft));
    expect(fieldsHash({ ...draft, status: "done" })).not.toBe(fieldsHash(draft));
  });
});

describe("the endpoint path", () => {
  it("reads provider and integration with or without the function's name in front", () => {
    expect(parseWebhookPath("/github/int-1")).toEqual({ provider: "github", integrationId: "int-1" });
    expect(parseWebhookPath("/webhooks/asana/int-2/")).toEqual({ provider: "asana", integrationId: "int-2" });
    expect(parseWebhookPath("/github")).toBeNull();
    expect(parseWebhookPath("/a/b/c")).toBeNull();
  });
});
