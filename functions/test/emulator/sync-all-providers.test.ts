/**
 * One integration per provider, each pointing at its simulator, synced through the real path
 * (Pub/Sub → fan-out → Cloud Tasks → worker → Firestore): every provider's tasks must land,
 * and an incremental pass must pick up exactly the tasks changed in each simulator.
 */
import type { ProviderId } from "../../src/domain/provider-id";
import type { NormalizedTask } from "../../src/domain/task";
import { refs } from "../../src/store/refs";
import { publishSyncRequest, seedIntegration, seedOrg, waitForEndedRuns } from "@taskbridge/emulator-support";
import { providerCases, startCases } from "@taskbridge/simulators";

const TASKS_PER_PROJECT = 120;
const CASES = providerCases(TASKS_PER_PROJECT);

async function liveTasks(orgId: string, integrationId: string): Promise<NormalizedTask[]> {
  const snapshot = await refs.tasks(orgId).where("integrationId", "==", integrationId).get();
  return snapshot.docs.map((doc) => doc.data()).filter((task) => !task.deleted);
}

describe("a full and an incremental sync of all five providers against their simulators", () => {
  beforeAll(() => startCases(CASES, TASKS_PER_PROJECT));
  afterAll(() => Promise.all(CASES.map((c) => c.sim.stop())));

  /**
   * A fresh org with one integration per provider after a full sync of each: every test makes
   * its own, so it passes alone or in any order (the simulators' tasks only ever gain edits).
   */
  async function fullySynced(): Promise<{ orgId: string; integrations: Map<ProviderId, string> }> {
    const orgId = await seedOrg("owner-all");
    const integrations = new Map<ProviderId, string>();
    for (const c of CASES) integrations.set(c.provider, await seedIntegration({ orgId, provider: c.provider, ...c.connection() }));
    const since = new Date();
    for (const c of CASES) {
      await publishSyncRequest({ orgId, integrationId: integrations.get(c.provider)!, trigger: "initial", mode: "full", requestId: `all-full-${c.provider}` });
    }
    for (const c of CASES) {
      const runs = await waitForEndedRuns(orgId, integrations.get(c.provider)!, since, c.projects, 90_000);
      expect(runs.map((run) => [c.provider, run.status])).toEqual(runs.map(() => [c.provider, "completed"]));
    }
    return { orgId, integrations };
  }

  it("lands every provider's tasks", async () => {
    const { orgId, integrations } = await fullySynced();
    for (const c of CASES) {
      const integrationId = integrations.get(c.provider)!;
      const tasks = await liveTasks(orgId, integrationId);
      expect(tasks.map((t) => t.externalId).sort()).toEqual(c.externalIds().sort());
      expect(tasks.every((t) => t.id === `${c.provider}:${t.externalId}` && t.provider === c.provider)).toBe(true);
    }
  });

  it("picks up each provider's edited task on an incremental pass", async () => {
    const { orgId, integrations } = await fullySynced();
    const edited = new Map(CASES.map((c) => [c.provider, c.edit()]));
    const since = new Date();
    for (const c of CASES) {
      await publishSyncRequest({ orgId, integrationId: integrations.get(c.provider)!, trigger: "manual", mode: "incremental", requestId: `all-incremental-${c.provider}` });
    }
    for (const c of CASES) {
      const integrationId = integrations.get(c.provider)!;
      const runs = await waitForEndedRuns(orgId, integrationId, since, c.projects, 90_000);
      expect(runs.every((run) => run.status === "completed")).toBe(true);
      const stored = (await refs.task(orgId, `${c.provider}:${edited.get(c.provider)!}`).get()).data()!;
      expect(stored.title).toMatch(/^Edited in /);
    }
  });
});
