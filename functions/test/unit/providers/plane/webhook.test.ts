import { createHmac } from "node:crypto";
import { ValidationError } from "../../../../src/domain/validation-error";
import type { WebhookHeaders } from "../../../../src/providers/provider";
import { canonicalEvent, planeWebhook } from "../../../../src/providers/plane/webhook";
import { fixtureBytes } from "./session";

function headers(values: Record<string, string>): WebhookHeaders {
  const lower = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name) => lower[name.toLowerCase()] };
}

/** The documented algorithm (intro-webhooks.md): hex HMAC-SHA256 of the raw body with the secret. */
function planeSign(secret: string, raw: Buffer): string {
  return createHmac("sha256", secret).update(raw).digest("hex");
}

const NOW = new Date("2026-04-01T00:00:00Z");
const SECRET = "plane_wh_3f6c1e0d9b8a4c7e2f1a0b9c8d7e6f5a";

/** A webhook fixture as Plane delivers it: the bytes it signed, and the parsed body. */
function delivery(name: string): { raw: Buffer; body: unknown } {
  const raw = fixtureBytes(name);
  return { raw, body: JSON.parse(raw.toString("utf8")) };
}

describe("Plane webhook verify", () => {
  const { raw } = delivery("webhook-v2-workitem-updated.json");

  it("accepts the documented signature over the raw bytes Plane signed (Python json.dumps spacing)", () => {
    expect(raw.toString("utf8")).toContain('"version": "v2", "delivery_id"');
    const h = headers({ "X-Plane-Signature": planeSign(SECRET, raw) });
    expect(planeWebhook.verify(raw, h, [SECRET], NOW)).toEqual({ ok: true });
  });

  it("rejects the same body re-serialized compactly: only the raw bytes verify", () => {
    const compact = Buffer.from(JSON.stringify(JSON.parse(raw.toString("utf8"))));
    const h = headers({ "X-Plane-Signature": planeSign(SECRET, raw) });
    expect(planeWebhook.verify(compact, h, [SECRET], NOW)).toEqual({ ok: false, reason: "the signature does not match" });
  });

  it("accepts either of two secrets while one rotates, and rejects an unknown one", () => {
    const h = headers({ "X-Plane-Signature": planeSign("plane_wh_new", raw) });
    expect(planeWebhook.verify(raw, h, ["plane_wh_old", "plane_wh_new"], NOW)).toEqual({ ok: true });
    expect(planeWebhook.verify(raw, h, ["plane_wh_old"], NOW).ok).toBe(false);
  });

  it("rejects a missing header, a prefixed signature and no configured secret", () => {
    const signature = planeSign(SECRET, raw);
    expect(planeWebhook.verify(raw, headers({}), [SECRET], NOW)).toEqual({ ok: false, reason: "the signature header is missing" });
    expect(planeWebhook.verify(raw, headers({ "X-Plane-Signature": `sha256=${signature}` }), [SECRET], NOW).ok).toBe(false);
    expect(planeWebhook.verify(raw, headers({ "X-Plane-Signature": signature }), [], NOW).ok).toBe(false);
    expect(planeWebhook.signatureHeader).toBe("X-Plane-Signature");
  });
});

describe("Plane webhook deliveryId", () => {
  it("is the v2 body's event_id, whatever X-Plane-Delivery says (it changes on every retry)", () => {
    const { raw, body } = delivery("webhook-v2-workitem-updated.json");
    const first = planeWebhook.deliveryId(body, headers({ "X-Plane-Delivery": "2a0d0510-9052-446e-a1c7-a704bbd68cba" }), raw);
    const retry = planeWebhook.deliveryId(body, headers({ "X-Plane-Delivery": "f819eff4-cd50-4987-bc97-e5be1e04c94f" }), raw);
    expect(first).toBe("9d508cd9-36c2-44a5-928d-7ee2f2a3b8a8");
    expect(retry).toBe(first);
  });

  it("is a hash of the raw body for v1, which has no stable id: equal for a retry, different for another event", () => {
    const update = delivery("webhook-v1-issue-update.json");
    const remove = delivery("webhook-v1-issue-delete.json");
    const id = planeWebhook.deliveryId(update.body, headers({ "X-Plane-Delivery": "a" }), update.raw);
    expect(id).toMatch(/^v1-[0-9a-f]{64}$/);
    expect(planeWebhook.deliveryId(update.body, headers({ "X-Plane-Delivery": "b" }), Buffer.from(update.raw))).toBe(id);
    expect(planeWebhook.deliveryId(remove.body, headers({}), remove.raw)).not.toBe(id);
  });
});

describe("Plane webhook parse, v2", () => {
  it("reads the documented workitem.updated (whose event is written as the enum name) as an upsert to fetch", () => {
    expect(planeWebhook.parse(delivery("webhook-v2-workitem-updated.json").body, headers({}))).toEqual([
      {
        eventType: "workitem.updated",
        action: "upsert",
        externalId: "775c5716-5302-4617-bb9f-2cd843911268",
        providerRef: "59e3be42-87ec-4950-99a3-ae639cf2b089/775c5716-5302-4617-bb9f-2cd843911268",
        projectExternalId: "59e3be42-87ec-4950-99a3-ae639cf2b089",
        updatedAt: new Date("2026-03-31T11:44:41.249Z"),
        // v2 data names the state by id only: the applier fetches the item.
        task: null,
      },
    ]);
  });

  it("reads workitem.created as an upsert", () => {
    expect(planeWebhook.parse(delivery("webhook-v2-workitem-created.json").body, headers({}))[0]).toMatchObject({
      eventType: "workitem.created",
      action: "upsert",
      externalId: "775c5716-5302-4617-bb9f-2cd843911268",
      projectExternalId: "59e3be42-87ec-4950-99a3-ae639cf2b089",
    });
  });

  it("reads workitem.deleted (empty data, the record in previous_attributes) and workitem.archived as deletes", () => {
    expect(planeWebhook.parse(delivery("webhook-v2-workitem-deleted.json").body, headers({}))[0]).toEqual({
      eventType: "workitem.deleted",
      action: "delete",
      externalId: "775c5716-5302-4617-bb9f-2cd843911268",
      providerRef: "59e3be42-87ec-4950-99a3-ae639cf2b089/775c5716-5302-4617-bb9f-2cd843911268",
      projectExternalId: "59e3be42-87ec-4950-99a3-ae639cf2b089",
      updatedAt: null,
      task: null,
    });
    expect(planeWebhook.parse(delivery("webhook-v2-workitem-archived.json").body, headers({}))[0]).toMatchObject({
      eventType: "workitem.archived",
      action: "delete",
      externalId: "775c5716-5302-4617-bb9f-2cd843911268",
    });
  });

  it("reads the documented workitem.comment.created as a comment on its work item", () => {
    expect(planeWebhook.parse(delivery("webhook-v2-workitem-comment-created.json").body, headers({}))[0]).toEqual({
      eventType: "workitem.comment.created",
      action: "comment",
      externalId: "088a83b9-a53f-4dda-b2bc-c860cf455997",
      // The payload names no project, so the providerRef ("project/item") cannot be built.
      providerRef: null,
      projectExternalId: null,
      updatedAt: null,
      task: null,
    });
  });

  it("ignores the documented workitem.link.created", () => {
    expect(planeWebhook.parse(delivery("webhook-v2-workitem-link-created.json").body, headers({}))[0]).toMatchObject({
      eventType: "workitem.link.created",
      action: "ignore",
      externalId: null,
    });
  });

  it("reads both spellings of an event name", () => {
    expect(canonicalEvent("workitem.updated")).toBe("workitem.updated");
    expect(canonicalEvent("WebhookScope.ScopeChoices.WORK_ITEM_UPDATED")).toBe("workitem.updated");
    expect(canonicalEvent("WebhookScope.ScopeChoices.WORK_ITEM_COMMENT_DELETED")).toBe("workitem.comment.deleted");
  });

  it("throws a ValidationError for a v2 body missing event_id", () => {
    const { body } = delivery("webhook-v2-workitem-updated.json");
    const { event_id: _id, ...broken } = body as Record<string, unknown>;
    expect(() => planeWebhook.parse(broken, headers({}))).toThrow(ValidationError);
    expect(() => planeWebhook.deliveryId(broken, headers({}), Buffer.from("{}"))).toThrow(ValidationError);
  });
});

describe("Plane webhook parse, v1", () => {
  it("reads the documented issue update (data is the work item object) as an upsert to fetch", () => {
    expect(planeWebhook.parse(delivery("webhook-v1-issue-update.json").body, headers({ "X-Plane-Event": "issue" }))).toEqual([
      {
        eventType: "issue.updated",
        action: "upsert",
        externalId: "e1c25c66-5bb8-465e-a818-92a483423443",
        providerRef: "4af68566-94a4-4eb3-94aa-50dc9427067b/e1c25c66-5bb8-465e-a818-92a483423443",
        projectExternalId: "4af68566-94a4-4eb3-94aa-50dc9427067b",
        updatedAt: new Date("2023-11-19T11:56:55.176Z"),
        task: null,
      },
    ]);
  });

  it("reads the open-source sender's past-tense action the same way", () => {
    expect(planeWebhook.parse(delivery("webhook-v1-issue-created.json").body, headers({}))[0]).toMatchObject({
      eventType: "issue.created",
      action: "upsert",
      externalId: "e1c25c66-5bb8-465e-a818-92a483423443",
    });
  });

  it("reads the documented issue delete (data holds only the id) as a delete", () => {
    expect(planeWebhook.parse(delivery("webhook-v1-issue-delete.json").body, headers({}))[0]).toEqual({
      eventType: "issue.deleted",
      action: "delete",
      externalId: "9a28bd00-ed9c-4f5d-8be9-fc05cbb1fc57",
      providerRef: null,
      projectExternalId: null,
      updatedAt: null,
      task: null,
    });
  });

  it("reads an issue_comment as a comment on the comment's work item", () => {
    expect(planeWebhook.parse(delivery("webhook-v1-issue-comment-created.json").body, headers({}))[0]).toMatchObject({
      eventType: "issue_comment.created",
      action: "comment",
      externalId: "e1c25c66-5bb8-465e-a818-92a483423443",
      projectExternalId: "4af68566-94a4-4eb3-94aa-50dc9427067b",
    });
  });

  it("ignores the documented project update", () => {
    expect(planeWebhook.parse(delivery("webhook-v1-project-update.json").body, headers({}))[0]).toMatchObject({
      eventType: "project.updated",
      action: "ignore",
      externalId: null,
    });
  });

  it("throws a ValidationError for a body that is neither shape", () => {
    expect(() => planeWebhook.parse({ hello: "world" }, headers({}))).toThrow(ValidationError);
    expect(() => planeWebhook.parse({ event: "issue", action: "update", workspace_id: "w", data: {} }, headers({}))).toThrow(ValidationError);
  });
});
