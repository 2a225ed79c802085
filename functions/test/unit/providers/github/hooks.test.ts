import { NotFoundError, ForbiddenError } from "../../../../src/http/errors";
import { githubProvider } from "../../../../src/providers/github";
import type { ProjectInfo } from "../../../../src/providers/provider";
import { providerHarness } from "../shared/session-harness";

const registration = githubProvider.webhookRegistration!;
const repo = (fullName: string, id: string): ProjectInfo => ({ externalId: id, name: fullName, url: null, providerRef: fullName });
const TARGET = { url: "https://example.test/webhooks/github/int-1", secret: "generated-secret" };

describe("GitHub webhook registration", () => {
  it("covers each repository with one hook", () => {
    const h = providerHarness(githubProvider);
    expect(registration.scopes(h.session, [repo("acme/one", "1"), repo("acme/two", "2"), repo("acme/one", "1")])).toEqual(["acme/one", "acme/two"]);
  });

  it("creates a repository hook for issues and comments, signed with our secret", async () => {
    const h = providerHarness(githubProvider);
    const seen = h.reply({ status: 201, body: { id: 12345678, type: "Repository", name: "web", active: true, events: ["issues", "issue_comment"] } });
    const hook = await registration.create(h.session, "acme/one", TARGET);

    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["POST /repos/acme/one/hooks"]);
    expect(seen[0]?.json).toEqual({
      name: "web",
      active: true,
      events: ["issues", "issue_comment"],
      config: { url: TARGET.url, content_type: "json", secret: TARGET.secret, insecure_ssl: "0" },
    });
    expect(hook).toEqual({ id: "12345678", scope: "acme/one", secret: TARGET.secret });
  });

  it("raises the provider's error when the token may not create hooks", async () => {
    const h = providerHarness(githubProvider);
    h.reply({ status: 403, body: { message: "Resource not accessible by personal access token" } });
    await expect(registration.create(h.session, "acme/one", TARGET)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("deletes a hook, and counts one GitHub no longer has as deleted", async () => {
    const h = providerHarness(githubProvider);
    const seen = h.reply({ status: 204 }, { status: 404, body: { message: "Not Found" } });
    await registration.remove(h.session, { id: "12345678", scope: "acme/one", secret: "s" });
    await expect(registration.remove(h.session, { id: "999", scope: "acme/one", secret: "s" })).resolves.toBeUndefined();
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["DELETE /repos/acme/one/hooks/12345678", "DELETE /repos/acme/one/hooks/999"]);
  });

  it("lets other failures of a delete through", async () => {
    const h = providerHarness(githubProvider);
    h.reply({ status: 403, body: { message: "Must have admin rights to Repository." } });
    await expect(registration.remove(h.session, { id: "1", scope: "acme/one", secret: "s" })).rejects.not.toBeInstanceOf(NotFoundError);
  });
});
