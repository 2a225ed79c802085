import { ValidationError } from "../../../../src/domain/validation-error";
import type { WebhookHeaders } from "../../../../src/providers/provider";
import { githubWebhook } from "../../../../src/providers/github/webhook";
import { fixture, octokitExample, octokitSign } from "@taskbridge/simulators";

/** GitHub's documented REST issue examples. */
const restIssueItems = fixture<Array<Record<string, unknown>>>("github", "rest-issue-items.json");

function headers(values: Record<string, string>): WebhookHeaders {
  const lower = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name) => lower[name.toLowerCase()] };
}

const NOW = new Date("2024-01-01T00:00:00Z");

describe("GitHub webhook verify", () => {
  const payload = JSON.stringify(octokitExample("issues", "opened"));
  const raw = Buffer.from(payload, "utf8");

  it("accepts a signature computed by @octokit/webhooks-methods sign()", () => {
    const signature = octokitSign("It's a Secret to Everybody", payload);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(githubWebhook.verify(raw, headers({ "X-Hub-Signature-256": signature }), ["It's a Secret to Everybody"], NOW)).toEqual({ ok: true });
  });

  it("accepts either of two secrets while one rotates", () => {
    const signature = octokitSign("new-secret", payload);
    expect(githubWebhook.verify(raw, headers({ "X-Hub-Signature-256": signature }), ["old-secret", "new-secret"], NOW)).toEqual({ ok: true });
    expect(githubWebhook.verify(raw, headers({ "X-Hub-Signature-256": signature }), ["new-secret", "old-secret"], NOW)).toEqual({ ok: true });
  });

  it("rejects a signature made with another secret", () => {
    const signature = octokitSign("someone-else", payload);
    expect(githubWebhook.verify(raw, headers({ "X-Hub-Signature-256": signature }), ["It's a Secret to Everybody"], NOW)).toEqual({
      ok: false,
      reason: "the signature does not match",
    });
  });

  it("rejects a body changed after signing (the raw bytes are what is signed)", () => {
    const signature = octokitSign("s3cret", payload);
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(payload), null, 2));
    expect(githubWebhook.verify(reserialized, headers({ "X-Hub-Signature-256": signature }), ["s3cret"], NOW).ok).toBe(false);
  });

  it("rejects a missing header, a bare hex digest without sha256=, and no configured secret", () => {
    const signature = octokitSign("s3cret", payload);
    expect(githubWebhook.verify(raw, headers({}), ["s3cret"], NOW)).toEqual({ ok: false, reason: "the signature header is missing" });
    expect(githubWebhook.verify(raw, headers({ "X-Hub-Signature-256": signature.slice(7) }), ["s3cret"], NOW).ok).toBe(false);
    expect(githubWebhook.verify(raw, headers({ "X-Hub-Signature-256": signature }), [], NOW).ok).toBe(false);
  });

  it("names the signature header for rejection messages", () => {
    expect(githubWebhook.signatureHeader).toBe("X-Hub-Signature-256");
  });
});

describe("GitHub webhook deliveryId", () => {
  it("is the X-GitHub-Delivery GUID, the same on every redelivery", () => {
    const body = octokitExample("issues", "opened");
    const h = headers({ "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958" });
    expect(githubWebhook.deliveryId(body, h, Buffer.from("{}"))).toBe("72d3162e-cc78-11e3-81ab-4c9367dc0958");
  });

  it("throws a ValidationError when the header is missing", () => {
    expect(() => githubWebhook.deliveryId({}, headers({}), Buffer.from("{}"))).toThrow(ValidationError);
  });
});

describe("GitHub webhook parse", () => {
  const issues = headers({ "X-GitHub-Event": "issues" });
  const comments = headers({ "X-GitHub-Event": "issue_comment" });

  it("turns issues.opened into an upsert carrying the whole task", () => {
    const [event] = githubWebhook.parse(octokitExample("issues", "opened"), issues);
    expect(event).toEqual({
      eventType: "issues.opened",
      action: "upsert",
      externalId: "444500041",
      providerRef: "Codertocat/Hello-World#1",
      projectExternalId: "186853002",
      updatedAt: new Date("2019-05-15T15:20:18Z"),
      task: expect.objectContaining({ externalId: "444500041", providerRef: "Codertocat/Hello-World#1", status: "todo" }),
    });
  });

  it.each(["edited", "assigned", "unassigned", "labeled", "unlabeled", "reopened", "locked", "unlocked"])(
    "turns issues.%s into an upsert",
    (action) => {
      const [event] = githubWebhook.parse(octokitExample("issues", action), issues);
      expect(event).toMatchObject({ eventType: `issues.${action}`, action: "upsert", externalId: expect.any(String), projectExternalId: "186853002" });
      expect(event?.task?.externalId).toBe(event?.externalId);
    },
  );

  it("turns issues.closed into an upsert whose task is done", () => {
    // No recorded closed example exists; the recorded closed issue from issues.deleted is sent as closed.
    const body: Record<string, unknown> = { ...octokitExample("issues", "deleted"), action: "closed" };
    (body.issue as Record<string, unknown>).state_reason = "completed";
    const [event] = githubWebhook.parse(body, issues);
    expect(event).toMatchObject({ eventType: "issues.closed", action: "upsert", task: { status: "done", completedAt: new Date("2021-07-05T18:07:10Z") } });
  });

  it("asks for a fetch when the payload's issue is trimmed (pinned carries no state)", () => {
    const [event] = githubWebhook.parse(octokitExample("issues", "pinned"), issues);
    expect(event).toMatchObject({ eventType: "issues.pinned", action: "upsert", externalId: "444500041", task: null });
  });

  it("asks for a fetch when the issue is a sub-issue, whose parent id takes a request", () => {
    const body = octokitExample("issues", "edited");
    (body.issue as Record<string, unknown>).parent_issue_url = "https://api.github.com/repos/Codertocat/Hello-World/issues/7";
    expect(githubWebhook.parse(body, issues)[0]).toMatchObject({ action: "upsert", task: null });
  });

  it("turns issues.deleted and issues.transferred into deletes", () => {
    expect(githubWebhook.parse(octokitExample("issues", "deleted"), issues)[0]).toMatchObject({
      eventType: "issues.deleted",
      action: "delete",
      externalId: "444500041",
      projectExternalId: "186853002",
      updatedAt: new Date("2021-10-11T16:40:56Z"),
      task: null,
    });
    expect(githubWebhook.parse(octokitExample("issues", "transferred"), issues)[0]).toMatchObject({
      eventType: "issues.transferred",
      action: "delete",
      externalId: "512748900",
      projectExternalId: "17273051",
    });
  });

  it.each(["created", "edited", "deleted"])("turns issue_comment.%s into a comment event on the issue", (action) => {
    const [event] = githubWebhook.parse(octokitExample("issue_comment", action), comments);
    expect(event).toMatchObject({
      eventType: `issue_comment.${action}`,
      action: "comment",
      externalId: "444500041",
      projectExternalId: "186853002",
      task: expect.objectContaining({ externalId: "444500041" }),
    });
  });

  it.each(["milestoned", "demilestoned"])("ignores issues.%s sent for a pull request (the recorded examples are PRs)", (action) => {
    expect(githubWebhook.parse(octokitExample("issues", action), issues)[0]).toMatchObject({ action: "ignore", externalId: null, task: null });
  });

  it("ignores comments on pull requests", () => {
    const body = octokitExample("issue_comment", "created");
    (body.issue as Record<string, unknown>).pull_request = restIssueItems[0]?.pull_request;
    expect(githubWebhook.parse(body, comments)).toEqual([
      { eventType: "issue_comment.created", action: "ignore", externalId: null, providerRef: null, projectExternalId: "186853002", updatedAt: null, task: null },
    ]);
  });

  it("ignores events it does not handle, such as ping", () => {
    const ping = octokitExample("ping", undefined);
    expect(githubWebhook.parse(ping, headers({ "X-GitHub-Event": "ping" }))).toEqual([
      { eventType: "ping", action: "ignore", externalId: null, providerRef: null, projectExternalId: null, updatedAt: null, task: null },
    ]);
  });

  it("throws a ValidationError for a body that does not match, or a missing event header", () => {
    expect(() => githubWebhook.parse({ action: "opened" }, issues)).toThrow(ValidationError);
    expect(() => githubWebhook.parse(octokitExample("issues", "opened"), headers({}))).toThrow(ValidationError);
  });
});
