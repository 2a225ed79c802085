import { createHmac } from "node:crypto";
import { ValidationError } from "../../../../src/domain/validation-error";
import { asanaProvider } from "../../../../src/providers/asana";
import { fixtureBytes } from "@taskbridge/simulators";
import { webhookHeaders } from "../shared/session-harness";

const { webhook } = asanaProvider;
const NOW = new Date("2026-01-01T00:00:00Z");
/** The X-Hook-Secret of Asana's documented handshake example. */
const SECRET = "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81";
const NEW_SECRET = "secret-of-the-replacement-webhook";

/** AS-docs: X-Hook-Signature is the HMAC-SHA256 of the raw request body keyed with the handshake secret, hex. */
function sign(body: Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

function delivery(name: string): { raw: Buffer; body: unknown } {
  const raw = fixtureBytes("asana", `webhooks/${name}.json`);
  return { raw, body: JSON.parse(raw.toString("utf8")) };
}

describe("Asana webhook verify", () => {
  const { raw } = delivery("task-changed");

  it("names its signature header", () => {
    expect(webhook.signatureHeader).toBe("X-Hook-Signature");
  });

  it("accepts the signature over the raw body", () => {
    expect(webhook.verify(raw, webhookHeaders({ "X-Hook-Signature": sign(raw, SECRET) }), [SECRET], NOW)).toEqual({ ok: true });
  });

  it("accepts either of two secrets while one rotates", () => {
    const headers = webhookHeaders({ "x-hook-signature": sign(raw, NEW_SECRET) });
    expect(webhook.verify(raw, headers, [SECRET, NEW_SECRET], NOW)).toEqual({ ok: true });
  });

  it("rejects a bad signature", () => {
    const tampered = Buffer.from(raw.toString("utf8").replace('"changed"', '"deleted"'));
    const headers = webhookHeaders({ "x-hook-signature": sign(raw, SECRET) });
    expect(webhook.verify(tampered, headers, [SECRET], NOW)).toEqual({ ok: false, reason: "the signature does not match" });
  });

  it("rejects a missing signature header", () => {
    expect(webhook.verify(raw, webhookHeaders({}), [SECRET], NOW)).toEqual({ ok: false, reason: "the signature header is missing" });
  });

  it("does not take the handshake's X-Hook-Secret for a signature (the endpoint answers the handshake before verifying)", () => {
    const handshake = webhookHeaders({ "X-Hook-Secret": SECRET });
    expect(webhook.verify(Buffer.from(""), handshake, [SECRET], NOW).ok).toBe(false);
  });
});

describe("Asana webhook deliveryId", () => {
  const headers = webhookHeaders({});

  it("is a SHA-256 of the events, since Asana sends no id", () => {
    const { raw, body } = delivery("task-changed");
    expect(webhook.deliveryId(body, headers, raw)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the same for a retry, whatever its whitespace or key order", () => {
    const { raw, body } = delivery("task-changed");
    const events = (body as { events: Array<Record<string, unknown>> }).events;
    const reordered = { events: events.map((event) => Object.fromEntries(Object.entries(event).reverse())) };
    const compact = Buffer.from(JSON.stringify(reordered));
    expect(webhook.deliveryId(reordered, headers, compact)).toBe(webhook.deliveryId(body, headers, raw));
  });

  it("differs between different events", () => {
    const ids = ["task-changed", "task-added-to-project", "task-removed-from-project", "task-deleted", "story-added-to-task"].map((name) => {
      const { raw, body } = delivery(name);
      return webhook.deliveryId(body, headers, raw);
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("differs when only the event time differs (the same change made twice)", () => {
    const { raw, body } = delivery("task-changed");
    const events = (body as { events: Array<Record<string, unknown>> }).events;
    const later = { events: events.map((event) => ({ ...event, created_at: "2012-02-22T02:07:00.000Z" })) };
    expect(webhook.deliveryId(later, headers, raw)).not.toBe(webhook.deliveryId(body, headers, raw));
  });

  it("gives heartbeats (no events) one id", () => {
    const { raw, body } = delivery("heartbeat");
    expect(webhook.deliveryId(body, headers, raw)).toBe(webhook.deliveryId({ events: [] }, headers, Buffer.from('{"events":[]}')));
  });

  it("rejects a body without events", () => {
    expect(() => webhook.deliveryId({ data: {} }, headers, Buffer.from("{}"))).toThrow(ValidationError);
  });
});

describe("Asana webhook parse", () => {
  const headers = webhookHeaders({});
  const at = new Date("2012-02-22T02:06:58.147Z");

  it("task changed → upsert (events are compact, so the task is fetched)", () => {
    expect(webhook.parse(delivery("task-changed").body, headers)).toEqual([
      { eventType: "task.changed", action: "upsert", externalId: "12345", providerRef: "12345", projectExternalId: null, updatedAt: at, task: null },
    ]);
  });

  it("task added to a project → upsert in that project", () => {
    expect(webhook.parse(delivery("task-added-to-project").body, headers)).toEqual([
      { eventType: "task.added", action: "upsert", externalId: "12345", providerRef: "12345", projectExternalId: "12345", updatedAt: at, task: null },
    ]);
  });

  it("task removed from a project → delete", () => {
    expect(webhook.parse(delivery("task-removed-from-project").body, headers)).toEqual([
      { eventType: "task.removed", action: "delete", externalId: "12345", providerRef: "12345", projectExternalId: "12345", updatedAt: at, task: null },
    ]);
  });

  it("task removed from a section (a move inside the project) → upsert", () => {
    const body = delivery("task-removed-from-project").body as { events: Array<Record<string, unknown>> };
    const fromSection = { events: body.events.map((event) => ({ ...event, parent: { gid: "222", resource_type: "section", name: "Next Actions" } })) };
    expect(webhook.parse(fromSection, headers)[0]).toMatchObject({ action: "upsert", externalId: "12345", providerRef: "12345", projectExternalId: null });
  });

  it("task deleted → delete", () => {
    expect(webhook.parse(delivery("task-deleted").body, headers)).toEqual([
      { eventType: "task.deleted", action: "delete", externalId: "12345", providerRef: "12345", projectExternalId: null, updatedAt: at, task: null },
    ]);
  });

  it("task undeleted → upsert", () => {
    const body = delivery("task-deleted").body as { events: Array<Record<string, unknown>> };
    const undeleted = { events: body.events.map((event) => ({ ...event, action: "undeleted" })) };
    expect(webhook.parse(undeleted, headers)[0]).toMatchObject({ eventType: "task.undeleted", action: "upsert" });
  });

  it("a comment story added to a task → comment on that task", () => {
    expect(webhook.parse(delivery("story-added-to-task").body, headers)).toEqual([
      { eventType: "story.added", action: "comment", externalId: "12345", providerRef: "12345", projectExternalId: null, updatedAt: at, task: null },
    ]);
  });

  it("ignores system stories and other resources", () => {
    const story = delivery("story-added-to-task").body as { events: Array<{ resource: Record<string, unknown> }> };
    const system = { events: story.events.map((event) => ({ ...event, resource: { ...event.resource, resource_subtype: "assigned" } })) };
    expect(webhook.parse(system, headers)[0]?.action).toBe("ignore");
    const project = { events: [{ action: "changed", created_at: "2012-02-22T02:06:58.147Z", resource: { gid: "12345", resource_type: "project" } }] };
    expect(webhook.parse(project, headers)).toEqual([
      { eventType: "project.changed", action: "ignore", externalId: null, providerRef: null, projectExternalId: null, updatedAt: at, task: null },
    ]);
  });

  it("turns a batch into one event per entry, in order", () => {
    const batch = {
      events: [
        ...(delivery("task-added-to-project").body as { events: unknown[] }).events,
        ...(delivery("task-changed").body as { events: unknown[] }).events,
      ],
    };
    expect(webhook.parse(batch, headers).map((event) => event.eventType)).toEqual(["task.added", "task.changed"]);
  });

  it("parses a heartbeat to no events", () => {
    expect(webhook.parse(delivery("heartbeat").body, headers)).toEqual([]);
  });

  it("throws ValidationError on an event without a resource", () => {
    expect(() => webhook.parse({ events: [{ action: "changed" }] }, headers)).toThrow(ValidationError);
  });
});
