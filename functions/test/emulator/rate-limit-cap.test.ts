/**
 * One header must not brick an integration (issue 13 item 7): a provider answering 429 with
 * `Retry-After: 999999999` ends the run as failed with a message naming the provider and the
 * wait, the org's running count returns to zero, the credential is held back an hour at most, and
 * a later requestSync is accepted. Through the real path: requestSync → fan-out → Cloud Tasks →
 * worker → the GitHub simulator.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Timestamp } from "firebase-admin/firestore";
import { resetRateLimitStates } from "../../src/http/client";
import { MAX_PROVIDER_WAIT_MS } from "../../src/http/rate-limit";
import { openSession } from "../../src/credentials/session";
import { db } from "../../src/store/db";
import { upsertProjects } from "../../src/store/projects";
import { refs } from "../../src/store/refs";
import { fanOut } from "../../src/sync/fan-out";
import { seedIntegration, seedOrg, waitFor, waitForEndedRuns } from "@taskbridge/emulator-support";
import { callCallable, GitHubSimulator, signUp } from "@taskbridge/simulators";

const sim = new GitHubSimulator();
let owner: { uid: string; idToken: string };
let orgId: string;
let integrationId: string;

beforeAll(async () => {
  await sim.start();
  sim.addRepo("acme/limited");
  sim.addIssues("acme/limited", 3, new Date(Date.now() - 3600_000));
  owner = await signUp(`ratelimit-${randomUUID().slice(0, 8)}@example.com`);
  orgId = await seedOrg(owner.uid);
  integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token });
  // fanOut runs in this process in the last test: it decrypts with the same key as the functions.
  process.env.TOKEN_ENCRYPTION_KEY = readFileSync(join(__dirname, "../../.secret.local"), "utf8").match(/^TOKEN_ENCRYPTION_KEY=(.*)$/m)![1]!.trim();
});

// This file leaves credentials recorded as spent for up to an hour; the Cloud Tasks emulator ignores
// a continuation's scheduleTime, so a later file's reconcile() syncing them would re-dispatch it in a
// loop. The emulator setup's afterAll (setup.ts) disconnects them, so nothing picks them up again.
afterAll(() => sim.stop());

async function zeroCounts(): Promise<void> {
  await waitFor("the org's counts back to zero", async () => {
    const stats = (await refs.syncStats(orgId).get()).data();
    return stats && stats.running === 0 && stats.pending === 0 ? stats : undefined;
  });
}

it("fails the run with the provider and the wait, frees the counts, caps the credential's wait and accepts the next requestSync", async () => {
  sim.fail({
    matches: (r) => r.path === "/repos/acme/limited/issues",
    status: 429,
    body: { message: "You have exceeded a secondary rate limit" },
    headers: { "retry-after": "999999999" },
    times: 1,
  });
  const since = new Date();
  const first = await callCallable("requestSync", { orgId, integrationId, mode: "full" }, owner.idToken);
  expect(first.status).toBe(200);

  const [run] = await waitForEndedRuns(orgId, integrationId, since, 1);
  expect(run!.status).toBe("failed");
  expect(run!.error).toBe(
    "GitHub Issues asked to wait 11574 days before the next request, longer than the 1 h a sync waits for a rate limit; the next sync will try again",
  );
  await zeroCounts();

  // Every instance sees the credential held back, but an hour at most, not until 2058.
  const integration = (await refs.integration(orgId, integrationId).get()).data()!;
  expect(integration.rateLimit?.remaining).toBe(0);
  expect(integration.rateLimit!.resetAt!.getTime()).toBeLessThanOrEqual(Date.now() + MAX_PROVIDER_WAIT_MS);
  expect(integration.rateLimit!.resetAt!.getTime()).toBeGreaterThan(since.getTime() + MAX_PROVIDER_WAIT_MS - 60_000);
  expect(integration.status).toBe("connected");

  const later = await callCallable("requestSync", { orgId, integrationId, mode: "full" }, owner.idToken);
  expect(later.status).toBe(200);
  const [laterRunId] = (later.result as { runIds: string[] }).runIds;
  expect(laterRunId).toBeDefined();
  expect(laterRunId).not.toBe(run!.id);
  const waiting = (await refs.syncRun(orgId, laterRunId!).get()).data()!;
  expect(["pending", "running"]).toContain(waiting.status);

  // The emulator ignores a task's scheduleTime, so the waiting run's continuations would spin: end it.
  expect((await callCallable("cancelSync", { orgId, runId: laterRunId }, owner.idToken)).result).toEqual({ status: "cancelled" });
  await zeroCounts();
  expect((await db().doc(`orgs/${orgId}/syncRuns/${laterRunId}`).get()).get("status")).toBe("cancelled");
});

it("fans out on the recorded projects while the credential's limit is spent, instead of refusing the request", async () => {
  const spentId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token });
  const integration = (await refs.integration(orgId, spentId).get()).data()!;
  // An earlier listing recorded the projects.
  const { provider, session } = await openSession(orgId, spentId, integration);
  await upsertProjects(orgId, spentId, "github", await provider.listProjects(session), new Date());
  // Then another instance recorded the credential spent for half an hour; this instance has not met it yet.
  await refs.integration(orgId, spentId).withConverter(null).update({ rateLimit: { remaining: 0, resetAt: Timestamp.fromMillis(Date.now() + 1_800_000) } });
  resetRateLimitStates();

  const listingsBefore = sim.requestsTo("/user/repos").length;
  const runIds = await fanOut({ orgId, integrationId: spentId, trigger: "manual", mode: "full", requestId: `spent-${randomUUID()}` }, new Date());
  expect(runIds).toHaveLength(1);
  expect(sim.requestsTo("/user/repos").length).toBe(listingsBefore);
  expect((await refs.syncRun(orgId, runIds[0]!).get()).data()!.projectName).toBe("acme/limited");

  // The run waits for the reset; the emulator ignores scheduleTime, so end it rather than let it spin.
  expect((await callCallable("cancelSync", { orgId, runId: runIds[0] }, owner.idToken)).result).toEqual({ status: "cancelled" });
  await zeroCounts();
});
