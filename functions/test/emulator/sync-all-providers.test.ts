/**
 * One integration per provider, each pointing at its simulator, synced through the real path
 * (Pub/Sub → fan-out → Cloud Tasks → worker → Firestore): every provider's tasks must land,
 * and an incremental pass must pick up exactly the tasks changed in each simulator.
 */
import type { ProviderId } from "../../src/domain/provider-id";
import type { NormalizedTask } from "../../src/domain/task";
import { refs } from "../../src/store/refs";
import { providerCases, startCases } from "../support/provider-cases";
import { seedIntegration, seedOrg } from "../support/seed";
import { publishSyncRequest, waitForEndedRuns } from "../support/sync-helpers";

const TASKS_PER_PROJECT = 120;
const CASES = providerCases(TASKS_PER_PROJECT);

async function liveTasks(orgId: string, integrationId: string): Promise<NormalizedTask[]> {
  const snapshot = await refs.tasks(orgId).where("integrationId", "==", integrationId).get();
  return snapshot.docs.map((doc) => doc.data()).filter((task) => !task.deleted);
}

describe("a full and an incremental sync of all five providers against their simulators", () => {
  let orgId: string;
  const integrations = new Map<ProviderId, string>();

  beforeAll(async () => {
    await startCases(CASES, TASKS_PER_PROJECT);
    orgId = await seedOrg("owner-all");
    for (const c of CASES) integrations.set(c.provider, await seedIntegration({ orgId, provider: c.provider, ...c.connection() }));
  });

  afterAll(() => Promise.all(CASES.map((c) => c.sim.stop())));

  it("lands every provider's tasks", async () => {
    const since = new Date();
    for (const c of CASES) {
      await publishSyncRequest({ orgId, integrationId: integrations.get(c.provider)!, trigger: "initial", mode: "full", requestId: `all-full-${c.provider}` });
    }
    for (const c of CASES) {
      const integrationId = integrations.get(c.provider)!;
      const runs = await waitForEndedRuns(orgId, integrationId, since, c.projects, 90_000);
      expect(runs.map((run) => [c.provider, run.status])).toEqual(runs.map(() => [c.provider, "completed"]));
      const tasks = await liveTasks(orgId, integrationId);
      expect(tasks.map((t) => t.externalId).sort()).toEqual(c.externalIds().sort());
      expect(tasks.every((t) => t.id === `${c.provider}:${t.externalId}` && t.provider === c.provider)).toBe(true);
    }
  });

  it("picks up each provider's edited task on an incremental pass", async () => {
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
