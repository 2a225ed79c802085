/**
 * The emulator plumbing the rest stands on, through the deployed functions themselves: an HTTPS
 * function answers, a Firestore trigger fires and writes, and a Pub/Sub publish reaches a function
 * that enqueues onto a task queue whose function runs.
 */
import { refs } from "../../src/store/refs";
import { publishSyncRequest, seedIntegration, seedOrg, waitFor, waitForEndedRuns } from "@taskbridge/emulator-support";
import { FUNCTIONS_URL, GitHubSimulator } from "@taskbridge/simulators";
import { syncRunFixture } from "../support/sync-run-fixture";

describe("emulator plumbing", () => {
  it("an HTTPS function answers (a callable refuses an anonymous caller with 401)", async () => {
    const res = await fetch(`${FUNCTIONS_URL}/requestSync`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ data: { orgId: "o", integrationId: "i" } }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { status: "UNAUTHENTICATED", message: "Sign in first." } });
  });

  it("a Firestore trigger fires and writes (sync run → org counts)", async () => {
    const orgId = await seedOrg("owner-plumbing");
    await refs.syncRun(orgId, "run-1").set(syncRunFixture({ integrationId: "int-x" }));
    await waitFor("pending count 1", async () => ((await refs.syncStats(orgId).get()).data()?.pending === 1 ? true : undefined));
    await refs.syncRun(orgId, "run-1").withConverter(null).update({ status: "failed", error: "stopped", finishedAt: new Date() });
    const stats = await waitFor("pending count 0", async () => {
      const data = (await refs.syncStats(orgId).get()).data();
      return data?.pending === 0 ? data : undefined;
    });
    expect(stats).toEqual({ pending: 0, running: 0 });
  });

  it("a Pub/Sub publish reaches a function that enqueues a task, and the queue's function runs", async () => {
    const sim = new GitHubSimulator();
    await sim.start();
    try {
      sim.addRepo("acme/empty");
      const orgId = await seedOrg("owner-plumbing-2");
      const integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token });
      const since = new Date();
      await publishSyncRequest({ orgId, integrationId, trigger: "manual", mode: "full", requestId: "plumbing" });
      const [run] = await waitForEndedRuns(orgId, integrationId, since, 1);
      expect(run!.status).toBe("completed");
      expect(sim.requestsTo("/repos/acme/empty/issues")).toHaveLength(1);
    } finally {
      await sim.stop();
    }
  });
});
