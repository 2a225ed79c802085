import { createHmac } from "node:crypto";
import { ValidationError } from "../../../../src/domain/validation-error";
import { clickupProvider } from "../../../../src/providers/clickup";
import { fixtureBytes } from "@taskbridge/simulators";
import { webhookHeaders } from "../shared/session-harness";

const { webhook } = clickupProvider;
const NOW = new Date("2026-01-01T00:00:00Z");
const SECRET = "O1ZWO7VLO5Q0PH4QDYCZU6DEN3DCU3E7HKSSN5VAU1IOSKT3NWKTZ3PNWL9MY5M3";
const OLD_SECRET = "previous-secret-still-live-while-rotating";

/** CU-docs webhooksignature: HMAC-SHA256 of the body with the webhook secret, hex. */
function sign(body: Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

function event(name: string): { raw: Buffer; body: unknown } {
  const raw = fixtureBytes("clickup", `webhooks/${name}.json`);
  return { raw, body: JSON.parse(raw.toString("utf8")) };
}

describe("ClickUp webhook verify", () => {
  const { raw } = event("taskStatusUpdated");

  it("names its signature header", () => {
    expect(webhook.signatureHeader).toBe("X-Signature");
  });

  it("accepts a signature over the raw body", () => {
    expect(webhook.verify(raw, webhookHeaders({ "X-Signature": sign(raw, SECRET) }), [SECRET], NOW)).toEqual({ ok: true });
  });

  it("accepts either secret while one rotates", () => {
    const headers = webhookHeaders({ "x-signature": sign(raw, SECRET) });
    expect(webhook.verify(raw, headers, [OLD_SECRET, SECRET], NOW)).toEqual({ ok: true });
    const signedWithOld = webhookHeaders({ "x-signature": sign(raw, OLD_SECRET) });
    expect(webhook.verify(raw, signedWithOld, [OLD_SECRET, SECRET], NOW)).toEqual({ ok: true });
  });

  it("rejects a signature made with another secret", () => {
    const result = webhook.verify(raw, webhookHeaders({ "x-signature": sign(raw, "not-the-secret") }), [SECRET], NOW);
    expect(result).toEqual({ ok: false, reason: "the signature does not match" });
  });

  it("rejects a signature over the re-serialised body (the raw bytes are what ClickUp signed)", () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString("utf8"))));
    expect(reserialised.equals(raw)).toBe(false);
    const result = webhook.verify(raw, webhookHeaders({ "x-signature": sign(reserialised, SECRET) }), [SECRET], NOW);
    expect(result.ok).toBe(false);
  });

  it("rejects a missing signature header", () => {
    expect(webhook.verify(raw, webhookHeaders({}), [SECRET], NOW)).toEqual({ ok: false, reason: "the signature header is missing" });
  });

  it("rejects when no secret is configured", () => {
    expect(webhook.verify(raw, webhookHeaders({ "x-signature": sign(raw, SECRET) }), [], NOW).ok).toBe(false);
  });

  it("never puts the secret or the signature in its reason", () => {
    const signature = sign(raw, "wrong");
    const result = webhook.verify(raw, webhookHeaders({ "x-signature": signature }), [SECRET], NOW);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain(signature);
  });
});

describe("ClickUp webhook deliveryId", () => {
  const headers = webhookHeaders({});

  it("is the event plus its history item ids", () => {
    const { raw, body } = event("taskCreated");
    expect(webhook.deliveryId(body, headers, raw)).toBe("taskCreated:2800763136717140857,2800763136700363640");
  });

  it("is the same for every retry of a delivery", () => {
    const first = event("taskAssigneeUpdated");
    const retry = JSON.parse(first.raw.toString("utf8")) as unknown;
    expect(webhook.deliveryId(retry, headers, first.raw)).toBe(webhook.deliveryId(first.body, headers, first.raw));
  });

  it("tells apart the taskStatusUpdated that ClickUp sends with taskCreated, though they share a history item", () => {
    const created = event("taskCreated");
    const status = { ...(created.body as object), event: "taskStatusUpdated" };
    expect(webhook.deliveryId(status, headers, created.raw)).not.toBe(webhook.deliveryId(created.body, headers, created.raw));
  });

  it("uses the task id for taskDeleted, which has no history items", () => {
    const { raw, body } = event("taskDeleted");
    expect(webhook.deliveryId(body, headers, raw)).toBe("taskDeleted:1vj37mc");
  });

  it("hashes a delivery whose ids would make an overlong document id", () => {
    const { raw, body } = event("taskCreated");
    const many = { ...(body as object), history_items: Array.from({ length: 40 }, (_, i) => ({ id: `28007631367171408${String(i).padStart(2, "0")}` })) };
    const id = webhook.deliveryId(many, headers, raw);
    expect(id).toMatch(/^taskCreated:sha256:[0-9a-f]{64}$/);
  });

  it("rejects a body that is not a ClickUp webhook", () => {
    expect(() => webhook.deliveryId({ hello: "world" }, headers, Buffer.from("{}"))).toThrow(ValidationError);
  });
});

describe("ClickUp webhook parse", () => {
  const headers = webhookHeaders({});

  it.each([
    ["taskCreated", "upsert", "1vj37mc", "162641062", 1642734631523],
    ["taskUpdated", "upsert", "1vj37mc", "162641062", 1642734925064],
    ["taskStatusUpdated", "upsert", "1vj38vv", "162641062", 1642736073330],
    ["taskAssigneeUpdated", "upsert", "1vj38vv", "162641062", 1642736194135],
    ["taskMoved", "upsert", "1vj38vv", "162641285", 1642736879339],
    ["taskCommentPosted", "comment", "1vj38vv", "162641285", 1642737045116],
  ])("%s → %s of task %s in List %s", (name, action, externalId, projectExternalId, updatedMs) => {
    expect(webhook.parse(event(name).body, headers)).toEqual([
      { eventType: name, action, externalId, providerRef: externalId, projectExternalId, updatedAt: new Date(updatedMs), task: null },
    ]);
  });

  it("taskDeleted → delete (no history, so no List and no time)", () => {
    expect(webhook.parse(event("taskDeleted").body, headers)).toEqual([
      { eventType: "taskDeleted", action: "delete", externalId: "1vj37mc", providerRef: "1vj37mc", projectExternalId: null, updatedAt: null, task: null },
    ]);
  });

  it("ignores List events", () => {
    expect(webhook.parse(event("listCreated").body, headers)).toEqual([
      { eventType: "listCreated", action: "ignore", externalId: null, providerRef: null, projectExternalId: null, updatedAt: null, task: null },
    ]);
  });

  it("ignores a task event it does not act on", () => {
    const body = { ...(event("taskUpdated").body as object), event: "taskSomethingNew" };
    expect(webhook.parse(body, headers)[0]?.action).toBe("ignore");
  });

  it("takes the newest history item's time as the task's version", () => {
    const body = event("taskCreated").body as { history_items: Array<Record<string, unknown>> };
    const later = { ...body, history_items: [body.history_items[0], { ...body.history_items[1], date: "1642734699999" }] };
    expect(webhook.parse(later, headers)[0]?.updatedAt).toEqual(new Date(1642734699999));
  });

  it("throws ValidationError on a body without an event name", () => {
    expect(() => webhook.parse({ task_id: "1vj37mc" }, headers)).toThrow(ValidationError);
  });
});
