import { createHmac } from "node:crypto";
import { ValidationError } from "../../../../src/domain/validation-error";
import { linearWebhook } from "../../../../src/providers/linear/webhook";
import { fixture, fixtureBytes, fixtureObject, headers } from "./fixtures";

const SECRET = "lin_wh_2b7c9e1f4a6d8b0c3e5f7a9b1d3f5a7c";
const OLD_SECRET = "lin_wh_0f1e2d3c4b5a69788796a5b4c3d2e1f0";

/** Signed independently of the code under test. */
function sign(body: Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

function timestampOf(body: Buffer): number {
  return (JSON.parse(body.toString("utf8")) as { webhookTimestamp: number }).webhookTimestamp;
}

describe("linear webhook verify", () => {
  const body = fixtureBytes("webhook-issue-update.json");
  const sentAt = timestampOf(body);
  const now = new Date(sentAt + 2_000);

  it("accepts a body signed with the secret, within 60 s of its webhookTimestamp", () => {
    expect(linearWebhook.verify(body, headers({ "Linear-Signature": sign(body, SECRET) }), [SECRET], now)).toEqual({ ok: true });
  });

  it("rejects a signature made with another secret", () => {
    const result = linearWebhook.verify(body, headers({ "Linear-Signature": sign(body, "not-the-secret") }), [SECRET], now);
    expect(result).toEqual({ ok: false, reason: "the signature does not match" });
  });

  it("rejects a body changed after signing", () => {
    const signature = sign(body, SECRET);
    const tampered = Buffer.from(body.toString("utf8").replace('"Done"', '"Todo"'));
    expect(linearWebhook.verify(tampered, headers({ "Linear-Signature": signature }), [SECRET], now).ok).toBe(false);
  });

  it("rejects a missing signature header", () => {
    expect(linearWebhook.verify(body, headers({}), [SECRET], now)).toEqual({ ok: false, reason: "the signature header is missing" });
  });

  it("accepts either secret while one rotates", () => {
    expect(linearWebhook.verify(body, headers({ "linear-signature": sign(body, OLD_SECRET) }), [SECRET, OLD_SECRET], now).ok).toBe(true);
    expect(linearWebhook.verify(body, headers({ "linear-signature": sign(body, SECRET) }), [OLD_SECRET, SECRET], now).ok).toBe(true);
    expect(linearWebhook.verify(body, headers({ "linear-signature": sign(body, OLD_SECRET) }), [SECRET], now).ok).toBe(false);
  });

  it("rejects a correctly signed body whose webhookTimestamp is more than 60 s old, or ahead", () => {
    const signature = headers({ "Linear-Signature": sign(body, SECRET) });
    expect(linearWebhook.verify(body, signature, [SECRET], new Date(sentAt + 60_000)).ok).toBe(true);
    const stale = linearWebhook.verify(body, signature, [SECRET], new Date(sentAt + 60_001));
    expect(stale.ok).toBe(false);
    expect(stale.ok === false && stale.reason).toMatch(/60 s/);
    expect(linearWebhook.verify(body, signature, [SECRET], new Date(sentAt - 61_000)).ok).toBe(false);
  });

  it("does not let an unsigned Linear-Timestamp header freshen a stale body", () => {
    const late = new Date(sentAt + 10 * 60_000);
    const result = linearWebhook.verify(body, headers({ "Linear-Signature": sign(body, SECRET), "Linear-Timestamp": String(late.getTime()) }), [SECRET], late);
    expect(result.ok).toBe(false);
  });

  it("rejects a signed body without a webhookTimestamp", () => {
    const withoutTimestamp = fixtureObject("webhook-issue-update.json");
    delete withoutTimestamp.webhookTimestamp;
    const raw = Buffer.from(JSON.stringify(withoutTimestamp));
    const result = linearWebhook.verify(raw, headers({ "Linear-Signature": sign(raw, SECRET) }), [SECRET], now);
    expect(result).toEqual({ ok: false, reason: "the body has no webhookTimestamp" });
  });

  it("never puts the signature or a secret in its reason", () => {
    const signature = sign(body, "not-the-secret");
    const result = linearWebhook.verify(body, headers({ "Linear-Signature": signature }), [SECRET], now);
    expect(JSON.stringify(result)).not.toContain(signature);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it("names Linear-Signature as its signature header", () => {
    expect(linearWebhook.signatureHeader.toLowerCase()).toBe("linear-signature");
  });
});

describe("linear webhook deliveryId", () => {
  const raw = fixtureBytes("webhook-issue-update.json");

  it("is the Linear-Delivery header", () => {
    const id = linearWebhook.deliveryId(fixture("webhook-issue-update.json"), headers({ "Linear-Delivery": "5a3f9c1e-8b2d-4e6f-a0c1-2d3e4f5a6b7c" }), raw);
    expect(id).toBe("5a3f9c1e-8b2d-4e6f-a0c1-2d3e4f5a6b7c");
  });

  it("without the header, is the same for a retry, whose webhookTimestamp differs", () => {
    const first = fixtureObject("webhook-issue-update.json");
    const retry = { ...first, webhookTimestamp: (first.webhookTimestamp as number) + 3_600_000 };
    const id = linearWebhook.deliveryId(first, headers({}), raw);
    expect(linearWebhook.deliveryId(retry, headers({}), Buffer.from(JSON.stringify(retry)))).toBe(id);
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("without the header, is not the body's webhookId, which every event of one webhook shares", () => {
    const create = fixture("webhook-issue-create.json");
    const update = fixture("webhook-issue-update.json");
    const remove = fixture("webhook-issue-remove.json");
    const comment = fixture("webhook-comment-create.json");
    const ids = [create, update, remove, comment].map((body) => linearWebhook.deliveryId(body, headers({}), Buffer.alloc(0)));
    expect(new Set(ids).size).toBe(4);
    expect(ids).not.toContain("000042e3-d123-4980-b49f-8e140eef9329");
  });

  it("without the header, tells apart two updates of one issue", () => {
    const first = fixtureObject("webhook-issue-update.json");
    const second = {
      ...first,
      createdAt: "2020-01-24T09:13:01.000Z",
      data: { ...(first.data as object), updatedAt: "2020-01-24T09:13:01.000Z" },
    };
    expect(linearWebhook.deliveryId(second, headers({}), Buffer.alloc(0))).not.toBe(linearWebhook.deliveryId(first, headers({}), Buffer.alloc(0)));
  });

  it("without the header, rejects a body that is not a Linear webhook", () => {
    expect(() => linearWebhook.deliveryId({ hello: "world" }, headers({}), Buffer.alloc(0))).toThrow(ValidationError);
  });
});

describe("linear webhook parse", () => {
  const none = headers({});

  it("turns an Issue create into an upsert carrying the full task", () => {
    const [event] = linearWebhook.parse(fixture("webhook-issue-create.json"), none);
    expect(event).toEqual({
      eventType: "Issue.create",
      action: "upsert",
      externalId: "539068e2-ae88-4d09-bd75-22eb4a59612f",
      providerRef: "539068e2-ae88-4d09-bd75-22eb4a59612f",
      projectExternalId: "72b2a2dc-6f4f-4423-9d34-24b5bd10634a",
      updatedAt: new Date("2020-01-23T12:50:02.311Z"),
      task: {
        externalId: "539068e2-ae88-4d09-bd75-22eb4a59612f",
        providerRef: "539068e2-ae88-4d09-bd75-22eb4a59612f",
        title: "Foo bar",
        description: "The foo should bar when the baz is **on**.",
        url: "https://linear.app/issue/LIN-1778/foo-bar",
        status: "todo",
        providerStatus: "Todo",
        assignees: [{ id: "aacdca22-6266-4c0a-ab3c-8fa70a26765c", name: "Any User" }],
        labels: ["Bug", "Frontend"],
        priority: "high",
        createdAt: new Date("2020-01-23T12:50:02.311Z"),
        updatedAt: new Date("2020-01-23T12:50:02.311Z"),
        startAt: null,
        dueAt: new Date("2020-02-07T00:00:00.000Z"),
        completedAt: null,
        timeSpentMinutes: null,
        timeEstimateMinutes: null,
        estimatePoints: 3,
        parentExternalId: "8f45f8e0-3e1c-4b7f-9a4c-1b0f5f2d9c10",
      },
    });
  });

  it("turns an Issue update into an upsert at the issue's new updatedAt", () => {
    const [event] = linearWebhook.parse(fixture("webhook-issue-update.json"), none);
    expect(event).toMatchObject({
      eventType: "Issue.update",
      action: "upsert",
      externalId: "539068e2-ae88-4d09-bd75-22eb4a59612f",
      providerRef: "539068e2-ae88-4d09-bd75-22eb4a59612f",
      updatedAt: new Date("2020-01-24T09:12:45.903Z"),
      task: {
        status: "done",
        providerStatus: "Done",
        startAt: new Date("2020-01-23T15:04:11.720Z"),
        completedAt: new Date("2020-01-24T09:12:45.903Z"),
      },
    });
  });

  it("turns an Issue remove into a delete dated when it was removed", () => {
    expect(linearWebhook.parse(fixture("webhook-issue-remove.json"), none)).toEqual([
      {
        eventType: "Issue.remove",
        action: "delete",
        externalId: "539068e2-ae88-4d09-bd75-22eb4a59612f",
        providerRef: "539068e2-ae88-4d09-bd75-22eb4a59612f",
        projectExternalId: "72b2a2dc-6f4f-4423-9d34-24b5bd10634a",
        updatedAt: new Date("2020-01-27T16:40:00.118Z"),
        task: null,
      },
    ]);
  });

  it("turns an Issue update that moves the issue to the trash into a delete", () => {
    const body = fixtureObject("webhook-issue-update.json");
    const [event] = linearWebhook.parse({ ...body, data: { ...(body.data as object), trashed: true } }, none);
    expect(event).toMatchObject({ eventType: "Issue.update", action: "delete", updatedAt: new Date("2020-01-24T09:12:45.903Z"), task: null });
  });

  it("asks for a fetch when an Issue payload names the issue but lacks a field the task needs", () => {
    const body = fixtureObject("webhook-issue-update.json");
    const data = { ...(body.data as Record<string, unknown>) };
    delete data.labels;
    const [event] = linearWebhook.parse({ ...body, data }, none);
    expect(event).toMatchObject({ action: "upsert", externalId: "539068e2-ae88-4d09-bd75-22eb4a59612f", task: null });
  });

  it("turns Comment create, update and remove into comment events on their issue", () => {
    const [created] = linearWebhook.parse(fixture("webhook-comment-create.json"), none);
    expect(created).toEqual({
      eventType: "Comment.create",
      action: "comment",
      externalId: "539068e2-ae88-4d09-bd75-22eb4a59612f",
      providerRef: "539068e2-ae88-4d09-bd75-22eb4a59612f",
      projectExternalId: null,
      updatedAt: null,
      task: null,
    });
    const [updated] = linearWebhook.parse(fixture("webhook-comment-update.json"), none);
    expect(updated).toMatchObject({
      eventType: "Comment.update",
      action: "comment",
      externalId: "539068e2-ae88-4d09-bd75-22eb4a59612f",
      providerRef: "539068e2-ae88-4d09-bd75-22eb4a59612f",
      projectExternalId: "72b2a2dc-6f4f-4423-9d34-24b5bd10634a",
    });
    const [removed] = linearWebhook.parse(fixture("webhook-comment-remove.json"), none);
    expect(removed).toMatchObject({ eventType: "Comment.remove", action: "comment", externalId: "539068e2-ae88-4d09-bd75-22eb4a59612f" });
  });

  it("ignores a comment on something other than an issue, and other resource types", () => {
    expect(linearWebhook.parse(fixture("webhook-comment-create-project-update.json"), none)).toEqual([
      { eventType: "Comment.create", action: "ignore", externalId: null, providerRef: null, projectExternalId: null, updatedAt: null, task: null },
    ]);
    expect(linearWebhook.parse(fixture("webhook-oauthapp-revoked.json"), none)).toEqual([
      { eventType: "OAuthApp.revoked", action: "ignore", externalId: null, providerRef: null, projectExternalId: null, updatedAt: null, task: null },
    ]);
  });

  it("throws a ValidationError on a body that is not a Linear webhook, or an Issue event without an id", () => {
    expect(() => linearWebhook.parse({ action: "create" }, none)).toThrow(ValidationError);
    const body = fixtureObject("webhook-issue-create.json");
    expect(() => linearWebhook.parse({ ...body, data: { title: "no id" } }, none)).toThrow(/linear webhook Issue data/);
  });
});
