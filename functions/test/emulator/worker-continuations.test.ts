/**
 * The worker's two hand-offs (issue 17): a rate limit longer than the client sleeps re-enqueues
 * the run for the reset instead of failing it or sleeping, and a pass near its time budget hands
 * the rest to a new Cloud Task, which resumes from the checkpoint. The first delivery runs in this
 * process with a clock the test controls (nobody waits 450 s); the continuation is a real task on
 * the Cloud Tasks emulator, run by the emulated syncProject.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_PROVIDER_WAIT_MS } from "../../src/http/rate-limit";
import { openSession } from "../../src/credentials/session";
import { upsertProjects } from "../../src/store/projects";
import { refs } from "../../src/store/refs";
import { RUN_PROGRESS_DEADLINE_MS, WORKER_BUDGET_MS } from "../../src/sync/timing";
import { runSyncTask } from "../../src/sync/worker";
import { seedIntegration, seedOrg, waitFor } from "@taskbridge/emulator-support";
import { GitHubSimulator } from "@taskbridge/simulators";
import { syncRunFixture } from "../support/sync-run-fixture";

const REPO = "acme/paged";
const sim = new GitHubSimulator();

beforeAll(async () => {
  await sim.start();
  sim.addRepo(REPO);
  sim.addIssues(REPO, 250, new Date(Date.now() - 24 * 3600_000)); // three pages of 100
  // The worker runs in this process: it decrypts with the same key as the functions.
  process.env.TOKEN_ENCRYPTION_KEY = readFileSync(join(__dirname, "../../.secret.local"), "utf8").match(/^TOKEN_ENCRYPTION_KEY=(.*)$/m)![1]!.trim();
});
afterAll(() => sim.stop());

/** An org, a connected integration on the simulator, its project as a listing records it, and a pending full run of it. */
async function pendingRun(): Promise<{ orgId: string; integrationId: string; runId: string }> {
  const orgId = await seedOrg(`owner-${randomUUID().slice(0, 8)}`);
  const integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token });
  const integration = (await refs.integration(orgId, integrationId).get()).data()!;
  const { provider, session } = await openSession(orgId, integrationId, integration);
  const projects = await upsertProjects(orgId, integrationId, "github", await provider.listProjects(session), new Date());
  const [projectId, project] = [...projects.entries()][0]!;
  const runId = `run-${randomUUID()}`;
  await refs.syncRun(orgId, runId).set(syncRunFixture({ integrationId, provider: "github", projectId, projectName: project.name }));
  return { orgId, integrationId, runId };
}

const pageRequests = (page: number) => sim.requestsTo(`/repos/${REPO}/issues`).filter((r) => (r.query.get("page") ?? "1") === String(page)).length;

it("hands a pass near its time budget to a new task, which resumes from the checkpoint and completes", async () => {
  const { orgId, integrationId, runId } = await pendingRun();
  sim.requests.length = 0;
  // The first reading starts the pass; every later one is past the budget, so the worker stops after page 1.
  const start = Date.now();
  let readings = 0;
  const now = () => new Date(readings++ === 0 ? start : start + WORKER_BUDGET_MS + 1000);

  await runSyncTask({ orgId, runId }, { retryCount: 0, maxAttempts: 5, now });

  const run = await waitFor("the continuation to complete the run", async () => {
    const data = (await refs.syncRun(orgId, runId).get()).data()!;
    return data.status === "completed" ? data : undefined;
  });
  expect(run.continuations).toBe(1);
  expect(run.progress).toEqual({ pages: 3, fetched: 250, written: 250, unchanged: 0, deleted: 0 });
  // Each page once: the continuation started from page 2's checkpoint, not from the beginning.
  expect([pageRequests(1), pageRequests(2), pageRequests(3)]).toEqual([1, 1, 1]);
  const tasks = await refs.tasks(orgId).where("integrationId", "==", integrationId).get();
  expect(tasks.size).toBe(250);
});

it("re-enqueues a rate-limited run for the reset, keeping its checkpoint, rather than failing or sleeping", async () => {
  const { orgId, runId } = await pendingRun();
  sim.requests.length = 0;
  // Page 2 answers 429 asking for ten minutes: longer than the client sleeps (30 s), within the cap.
  sim.fail({ matches: (r) => r.path === `/repos/${REPO}/issues` && r.query.get("page") === "2", status: 429, body: { message: "slow down" }, headers: { "retry-after": "600" }, times: 1 });
  const before = Date.now();

  await runSyncTask({ orgId, runId }, { retryCount: 0, maxAttempts: 5, now: () => new Date() });

  const run = (await refs.syncRun(orgId, runId).get()).data()!;
  expect(run.status).toBe("running");
  expect(run.error).toBeNull();
  expect(run.continuations).toBeGreaterThanOrEqual(1);
  expect(run.progress).toMatchObject({ pages: 1, fetched: 100 });
  expect(run.checkpoint).not.toBeNull();
  // The continuation is due at the reset: the run's deadline is the reset plus the progress allowance.
  expect(run.deadlineAt!.getTime()).toBeGreaterThanOrEqual(before + 600_000 + RUN_PROGRESS_DEADLINE_MS);
  expect(run.deadlineAt!.getTime()).toBeLessThanOrEqual(Date.now() + 600_000 + RUN_PROGRESS_DEADLINE_MS + 1000);
  expect([pageRequests(1), pageRequests(2)]).toEqual([1, 1]);

  // The emulator ignores scheduleTime, so the continuation runs at once and re-enqueues itself until the reset: end it.
  await refs.syncRun(orgId, runId).withConverter(null).update({ status: "cancelled" });
  await waitFor("the counts back to zero", async () => {
    const stats = (await refs.syncStats(orgId).get()).data();
    return stats && stats.running === 0 && stats.pending === 0 ? stats : undefined;
  });
  // Nothing more went to the provider while the credential's limit was spent.
  expect(pageRequests(2)).toBe(1);
});

it("waits for a reset a minute past the hour (a provider clock ahead of ours) instead of failing the run", async () => {
  const { orgId, runId } = await pendingRun();
  sim.requests.length = 0;
  // GitHub's spent primary limit: 403, remaining 0, a reset an hour and a minute ahead by our clock.
  const headers = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3660) };
  sim.fail({ matches: (r) => r.path === `/repos/${REPO}/issues` && r.query.get("page") === "2", status: 403, body: { message: "API rate limit exceeded" }, headers, times: 1 });

  await runSyncTask({ orgId, runId }, { retryCount: 0, maxAttempts: 5, now: () => new Date() });

  const run = (await refs.syncRun(orgId, runId).get()).data()!;
  expect(run.status).toBe("running");
  expect(run.error).toBeNull();
  expect(run.continuations).toBeGreaterThanOrEqual(1);
  // Capped: due within the hour, not after it.
  expect(run.deadlineAt!.getTime()).toBeLessThanOrEqual(Date.now() + MAX_PROVIDER_WAIT_MS + RUN_PROGRESS_DEADLINE_MS);

  await refs.syncRun(orgId, runId).withConverter(null).update({ status: "cancelled" });
  await waitFor("the counts back to zero", async () => {
    const stats = (await refs.syncStats(orgId).get()).data();
    return stats && stats.running === 0 && stats.pending === 0 ? stats : undefined;
  });
});
