import { githubProvider } from "../../../src/providers/github";
import type { WebhookEvent } from "../../../src/providers/provider";
import { MAX_RECORDED_EVENTS_BYTES, recordEvents } from "../../../src/webhooks/delivery-record";
import { WebhookEventsMessageSchema } from "../../../src/webhooks/event-message";
import { octokitExample } from "@taskbridge/simulators";

function eventWithBody(body: string): WebhookEvent {
  const draft = githubProvider.normalize({ ...(octokitExample("issues", "edited").issue as object), body });
  return { eventType: "issues.edited", action: "upsert", externalId: draft.externalId, providerRef: draft.providerRef, projectExternalId: "1", updatedAt: draft.updatedAt, task: draft };
}

describe("the events a delivery document records", () => {
  it("keeps events whole when they fit, and they read back as the applier's message", () => {
    const event = eventWithBody("a short body");
    const recorded = recordEvents([event])!;
    expect(recorded.eventsReduced).toBe(false);
    const message = WebhookEventsMessageSchema.parse({ orgId: "o", integrationId: "i", provider: "github", deliveryId: "d", events: JSON.parse(recorded.events) });
    expect(message.events).toEqual([event]);
  });

  it("drops the task payloads of events too large for one document, keeping what the applier fetches them by", () => {
    const event = eventWithBody("x".repeat(MAX_RECORDED_EVENTS_BYTES));
    const recorded = recordEvents([event])!;
    expect(recorded.eventsReduced).toBe(true);
    expect(Buffer.byteLength(recorded.events)).toBeLessThanOrEqual(MAX_RECORDED_EVENTS_BYTES);
    const [stored] = JSON.parse(recorded.events) as Array<Record<string, unknown>>;
    expect(stored).toMatchObject({ action: "upsert", externalId: event.externalId, providerRef: event.providerRef, task: null });
  });

  it("refuses events that are too large even without their tasks", () => {
    const many = Array.from({ length: 3000 }, () => ({ ...eventWithBody(""), eventType: "e".repeat(200), task: null }));
    expect(recordEvents(many)).toBeNull();
  });
});
