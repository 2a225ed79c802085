import { asanaProvider } from "../../../../src/providers/asana";
import type { ProjectInfo } from "../../../../src/providers/provider";
import { providerHarness } from "../shared/session-harness";

const registration = asanaProvider.webhookRegistration!;
const project = (gid: string): ProjectInfo => ({ externalId: gid, name: `Project ${gid}`, url: null, providerRef: gid });
const TARGET = { url: "https://example.test/webhooks/asana/int-1", secret: "unused-by-asana" };

describe("Asana webhook registration", () => {
  it("covers each project with one webhook", () => {
    const h = providerHarness(asanaProvider);
    expect(registration.scopes(h.session, [project("1331"), project("1332")])).toEqual(["1331", "1332"]);
  });

  it("creates a project webhook filtered to tasks and added stories; its secret comes by handshake, not here", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply({
      status: 201,
      body: { data: { gid: "12345", resource_type: "webhook", active: true, resource: { gid: "1331", resource_type: "project" }, target: TARGET.url } },
      headers: { "x-hook-secret": "never-read-from-here" },
    });
    const hook = await registration.create(h.session, "1331", TARGET);

    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["POST /api/1.0/webhooks"]);
    expect(seen[0]?.json).toEqual({
      data: { resource: "1331", target: TARGET.url, filters: [{ resource_type: "task" }, { resource_type: "story", action: "added" }] },
    });
    expect(hook).toEqual({ id: "12345", scope: "1331", secret: null });
  });

  it("deletes by gid, and a webhook already gone counts as deleted", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply({ body: { data: {} } }, { status: 404, body: { errors: [{ message: "webhook: Unknown object: 999" }] } });
    await registration.remove(h.session, { id: "12345", scope: "1331", secret: null });
    await registration.remove(h.session, { id: "999", scope: "1331", secret: null });
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["DELETE /api/1.0/webhooks/12345", "DELETE /api/1.0/webhooks/999"]);
  });
});
