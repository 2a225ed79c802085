/**
 * Fan-out of one integration with 1,000 projects (a GitHub account with 1,000 repositories),
 * with the integration-sync message published twice (a publisher retry: two message ids, one
 * request id). Runs last: its 1,000 Cloud Tasks keep dispatching (the queue allows 5/s) until
 * the emulators stop, and would otherwise queue ahead of later scenarios' workers.
 */
import { randomUUID } from "node:crypto";
import { refs } from "../../functions/src/store/refs";
import { publishSyncRequest, seedIntegration, seedOrg, waitFor } from "@taskbridge/emulator-support";
import { GitHubSimulator } from "@taskbridge/simulators";
import { diffCounters, readCounters } from "../support/counters";
import { record } from "../support/results";

const PROJECTS = 1_000;

export async function benchFanOut(): Promise<void> {
  const scenario = `fan-out, ${PROJECTS.toLocaleString("en-US")} projects`;
  const sim = new GitHubSimulator();
  await sim.start();
  try {
    for (let i = 0; i < PROJECTS; i += 1) sim.addRepo(`acme/project-${String(i).padStart(4, "0")}`);
    const orgId = await seedOrg("bench-owner");
    const integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token });
    const runsCreated = async () => (await refs.syncRuns(orgId).where("integrationId", "==", integrationId).count().get()).data().count;

    const before = readCounters();
    const request = { orgId, integrationId, trigger: "scheduled" as const, mode: "full" as const, requestId: `bench-fanout-${randomUUID()}` };
    const started = performance.now();
    await Promise.all([publishSyncRequest(request), publishSyncRequest(request)]);
    // Both messages are handled once every project's task was either enqueued or refused as existing.
    let enqueuedAllMs: number | null = null;
    const settled = await waitFor(
      "both fan-outs to finish",
      async () => {
        const c = diffCounters(readCounters(), before);
        if (enqueuedAllMs === null && c.enqueued >= PROJECTS) enqueuedAllMs = performance.now() - started;
        return c.enqueued + c.alreadyExists + c.enqueueErrors >= 2 * PROJECTS ? c : undefined;
      },
      240_000,
    ).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // room for a late duplicate to show itself
    const counters = diffCounters(readCounters(), before);
    const runs = await runsCreated();
    const source = "functions' Cloud Tasks client, counted (bench/instrumentation); runs: Firestore count";
    record({ scenario, what: "tasks enqueued", value: counters.enqueued, unit: "", target: PROJECTS.toLocaleString("en-US"), source });
    record({ scenario, what: "runs created", value: runs, unit: "", target: PROJECTS.toLocaleString("en-US"), source });
    record({
      scenario,
      what: "duplicates after a duplicated message",
      value: Math.max(0, counters.enqueued - PROJECTS) + Math.max(0, runs - PROJECTS),
      unit: "",
      target: "0",
      source: `extra enqueues + extra runs; the second message's ${counters.alreadyExists} enqueues were refused as already existing${settled ? "" : " (it had not finished in 240 s)"}`,
    });
    record({ scenario, what: "time to enqueue every project's task", value: enqueuedAllMs === null ? null : enqueuedAllMs / 1000, unit: "s", target: "< 60", source: "bench clock: publish → the 1,000th accepted enqueue" });
  } finally {
    await sim.stop();
  }
}
