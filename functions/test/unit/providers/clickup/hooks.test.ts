import { clickupProvider } from "../../../../src/providers/clickup";
import { SUBSCRIBED_EVENTS } from "../../../../src/providers/clickup/webhook";
import { InvalidResponseError } from "../../../../src/http/errors";
import { providerHarness } from "../shared/session-harness";

const registration = clickupProvider.webhookRegistration!;
const account = { id: "183", name: "John", workspaces: ["108", "512"] };
const TARGET = { url: "https://example.test/webhooks/clickup/int-1", secret: "unused-by-clickup" };

/** CU-OAS CreateWebhook response example. */
const CREATED = {
  id: "4b67ac88-e506-4a29-9d42-26e504e3435e",
  webhook: {
    id: "4b67ac88-e506-4a29-9d42-26e504e3435e",
    userid: 183,
    team_id: 108,
    endpoint: TARGET.url,
    client_id: "QVOQP06ZXC6CMGVFKB0ZT7J9Y7APOYGO",
    events: ["taskCreated"],
    task_id: null,
    list_id: null,
    folder_id: null,
    space_id: null,
    health: { status: "active", fail_count: 0 },
    secret: "O94IM25S7PXBPYTMNXLLET230SRP3S89COR7B1YOJ2ZIE8LQQ4DBNK6KF3LQL4HX",
  },
};

describe("ClickUp webhook registration", () => {
  it("covers each authorized team (Workspace) with one webhook, whatever the Lists", () => {
    const h = providerHarness(clickupProvider, { account });
    expect(registration.scopes(h.session, [{ externalId: "900", name: "List", url: null, providerRef: "900" }])).toEqual(["108", "512"]);
  });

  it("creates a team webhook for every task event the applier reads, keeping the secret ClickUp returns", async () => {
    const h = providerHarness(clickupProvider, { account, kind: "personal", token: "pk_123" });
    const seen = h.reply({ body: CREATED });
    const hook = await registration.create(h.session, "108", TARGET);

    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["POST /api/v2/team/108/webhook"]);
    expect(seen[0]?.json).toEqual({ endpoint: TARGET.url, events: SUBSCRIBED_EVENTS });
    expect(SUBSCRIBED_EVENTS).toEqual(expect.arrayContaining(["taskCreated", "taskUpdated", "taskStatusUpdated", "taskAssigneeUpdated", "taskCommentPosted", "taskDeleted"]));
    expect(hook).toEqual({ id: CREATED.webhook.id, scope: "108", secret: CREATED.webhook.secret });
  });

  it("rejects a create answer without a secret: a webhook we cannot verify is useless", async () => {
    const h = providerHarness(clickupProvider, { account });
    h.reply({ body: { id: "x", webhook: { id: "x" } } });
    await expect(registration.create(h.session, "108", TARGET)).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("deletes by webhook id, and a webhook already gone counts as deleted", async () => {
    const h = providerHarness(clickupProvider, { account });
    const seen = h.reply({ body: {} }, { status: 404, body: { err: "Webhook not found", ECODE: "OAUTH_XXX" } });
    await registration.remove(h.session, { id: "wh-1", scope: "108", secret: "s" });
    await registration.remove(h.session, { id: "wh-2", scope: "108", secret: "s" });
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["DELETE /api/v2/webhook/wh-1", "DELETE /api/v2/webhook/wh-2"]);
  });
});
