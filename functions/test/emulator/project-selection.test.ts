/**
 * An integration's projectSelection bounds what the org may see: neither requestSync nor the
 * integration-sync fan-out may start a run of a project outside it (issue 13.6).
 */
import { randomUUID } from "node:crypto";
import { projectDocId } from "../../src/store/projects";
import { refs } from "../../src/store/refs";
import { publishSyncRequest, runsOf, seedIntegration, seedOrg, waitFor, waitForEndedRuns } from "@taskbridge/emulator-support";
import { callCallable, GitHubSimulator, signUp } from "@taskbridge/simulators";

describe("a project outside the integration's selection", () => {
  const sim = new GitHubSimulator();
  let orgId: string;
  let integrationId: string;
  let member: { uid: string; idToken: string };
  let selected: string;
  let excluded: string;

  beforeAll(async () => {
    await sim.start();
    const included = sim.addRepo("acme/included");
    const secret = sim.addRepo("acme/excluded");
    sim.addIssues("acme/included", 2, new Date(Date.UTC(2026, 0, 1)));
    sim.addIssues("acme/excluded", 2, new Date(Date.UTC(2026, 0, 1)));
    selected = projectDocId(String(included.id));
    excluded = projectDocId(String(secret.id));
    const owner = await signUp(`owner-${randomUUID().slice(0, 8)}@example.com`);
    member = await signUp(`member-${randomUUID().slice(0, 8)}@example.com`);
    orgId = await seedOrg(owner.uid, member.uid);
    integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token });
    await refs.integration(orgId, integrationId).withConverter(null).update({ projectSelection: [selected] });
  });

  afterAll(() => sim.stop());

  it("is left out of a sync of every project, though the fan-out lists it", async () => {
    const since = new Date();
    const called = await callCallable("requestSync", { orgId, integrationId, mode: "full" }, member.idToken);
    expect(called.status).toBe(200);
    const runs = await waitForEndedRuns(orgId, integrationId, since, 1);
    expect(runs.map((run) => [run.projectId, run.status])).toEqual([[selected, "completed"]]);
    // Both projects are known now, so the refusals below are about the selection, not an unknown id.
    expect((await refs.project(orgId, integrationId, excluded).get()).exists).toBe(true);
  });

  it("is refused by requestSync with failed-precondition and the reason, and no run starts", async () => {
    const before = (await runsOf(orgId, integrationId)).length;
    const called = await callCallable("requestSync", { orgId, integrationId, projectId: excluded, mode: "full" }, member.idToken);
    expect(called.status).toBe(400);
    expect(called.error).toMatchObject({ status: "FAILED_PRECONDITION" });
    expect(called.error!.message).toMatch(/not in this integration's project selection/);
    expect(await runsOf(orgId, integrationId)).toHaveLength(before);
    expect(await refs.tasks(orgId).where("projectId", "==", excluded).count().get().then((count) => count.data().count)).toBe(0);
  });

  it("is refused by the integration-sync fan-out, which acknowledges the message and enqueues nothing", async () => {
    const before = (await runsOf(orgId, integrationId)).length;
    const messageId = await publishSyncRequest({ orgId, integrationId, trigger: "webhook", mode: "full", requestId: "excluded-1", projectId: excluded });
    // The fan-out's marker is written once it has dealt with the message: the observable end of its work.
    await waitFor("the fan-out to finish the message", async () => ((await refs.eventMarker(`integration-sync:${messageId}`).get()).exists ? true : undefined));
    expect(await runsOf(orgId, integrationId)).toHaveLength(before);
    expect(await refs.tasks(orgId).where("projectId", "==", excluded).count().get().then((count) => count.data().count)).toBe(0);
  });
});
