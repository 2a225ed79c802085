import { ForbiddenError, InvalidResponseError } from "../../../../src/http/errors";
import { linearProvider } from "../../../../src/providers/linear";
import type { ProjectInfo } from "../../../../src/providers/provider";
import { providerHarness } from "../shared/session-harness";

const registration = linearProvider.webhookRegistration!;
const team = (id: string): ProjectInfo => ({ externalId: id, name: `Team ${id}`, url: null, providerRef: id });
const TARGET = { url: "https://example.test/webhooks/linear/int-1", secret: "generated-secret" };

describe("Linear webhook registration", () => {
  it("covers each team with one webhook", () => {
    const h = providerHarness(linearProvider);
    expect(registration.scopes(h.session, [team("t1"), team("t2")])).toEqual(["t1", "t2"]);
  });

  it("calls webhookCreate for Issue and Comment events of the team, with our secret", async () => {
    const h = providerHarness(linearProvider);
    const seen = h.reply({ body: { data: { webhookCreate: { success: true, webhook: { id: "wh-1" } } } } });
    const hook = await registration.create(h.session, "t1", TARGET);

    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["POST /graphql"]);
    const body = seen[0]?.json as { query: string; variables: unknown };
    expect(body.query).toContain("webhookCreate(input: $input)");
    expect(body.variables).toEqual({ input: { url: TARGET.url, teamId: "t1", resourceTypes: ["Issue", "Comment"], secret: TARGET.secret, label: "taskbridge" } });
    expect(hook).toEqual({ id: "wh-1", scope: "t1", secret: TARGET.secret });
  });

  it("fails when Linear reports the create unsuccessful", async () => {
    const h = providerHarness(linearProvider);
    h.reply({ body: { data: { webhookCreate: { success: false, webhook: null } } } });
    await expect(registration.create(h.session, "t1", TARGET)).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("fails as forbidden when the token lacks the admin scope", async () => {
    const h = providerHarness(linearProvider);
    h.reply({ body: { data: null, errors: [{ message: "Invalid scope: `admin` required", extensions: { type: "forbidden", code: "FORBIDDEN" } }] } });
    await expect(registration.create(h.session, "t1", TARGET)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("deletes with webhookDelete, and a webhook already gone counts as deleted", async () => {
    const h = providerHarness(linearProvider);
    const seen = h.reply(
      { body: { data: { webhookDelete: { success: true } } } },
      { status: 400, body: { data: null, errors: [{ message: "Entity not found: Webhook", extensions: { type: "invalid input", code: "INVALID_INPUT" } }] } },
    );
    await registration.remove(h.session, { id: "wh-1", scope: "t1", secret: "s" });
    await registration.remove(h.session, { id: "wh-2", scope: "t1", secret: "s" });
    expect(seen.map((r) => (r.json as { variables: unknown }).variables)).toEqual([{ id: "wh-1" }, { id: "wh-2" }]);
  });
});
