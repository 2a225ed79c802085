/**
 * The sync pipeline through its real path on the emulators: Pub/Sub publish → fan-out →
 * Cloud Tasks emulator → syncProject worker → Firestore → syncRuns triggers, against a
 * GitHub-shaped simulator (the pipeline itself never asks which provider it serves).
 */
import { randomUUID } from "node:crypto";
import type { NormalizedTask } from "../../src/domain/task";
import { refs } from "../../src/store/refs";
import { publishSyncRequest, runsOf, seedIntegration, seedOrg, waitFor, waitForEndedRuns } from "@taskbridge/emulator-support";
import { callCallable, GitHubSimulator, signUp } from "@taskbridge/simulators";

const DAY = 24 * 3600 * 1000;
const seededAt = new Date(Date.now() - 3 * DAY);

async function liveTasks(orgId: string, integrationId: string): Promise<NormalizedTask[]> {
  const snapshot = await refs.tasks(orgId).where("integrationId", "==", integrationId).get();
  return snapshot.docs.map((doc) => doc.data()).filter((task) => !task.deleted);
}

/** Three repositories on a simulator of their own, and an org with a connected integration on it. */
interface ThreeProjects {
  sim: GitHubSimulator;
  orgId: string;
  integrationId: string;
}

describe("three projects, through publish, fan-out, Cloud Tasks and the worker", () => {
  const sims: GitHubSimulator[] = [];
  afterAll(() => Promise.all(sims.map((sim) => sim.stop())));

  /** Each test builds its own, so it passes alone (`-t`) or in any order: none relies on another's data. */
  async function threeProjects(): Promise<ThreeProjects> {
    const sim = new GitHubSimulator();
    sims.push(sim);
    await sim.start();
    sim.addRepo("acme/one");
    sim.addRepo("acme/two");
    sim.addRepo("acme/three");
    // Two minutes apart, so the incremental overlap (one minute) re-reads at most one unchanged issue.
    for (const [repo, count] of [["acme/one", 150], ["acme/two", 30]] as const) {
      sim.addIssues(repo, count, seededAt);
      sim.issuesOf(repo).forEach((issue, i) => sim.update(issue, {}, new Date(seededAt.getTime() + i * 120_000)));
    }
    sim.addIssues("acme/three", 1, seededAt, {
      title: "Crash on save",
      body: "Steps to reproduce",
      state: "closed",
      state_reason: "not_planned",
      labels: ["bug", "p1"],
      assignees: ["octocat", "hubot"],
      created_at: "2026-01-02T03:04:05Z",
      updated_at: "2026-01-05T00:00:00Z",
      closed_at: "2026-01-04T00:00:00Z",
      milestoneDueOn: "2026-02-01T08:00:00Z",
    });
    sim.addIssues("acme/three", 1, seededAt, { isPullRequest: true, title: "A pull request" });
    const orgId = await seedOrg("owner-1");
    const integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token });
    return { sim, orgId, integrationId };
  }

  /** threeProjects after its initial full sync, which the first test checks in detail. */
  async function syncedThreeProjects(): Promise<ThreeProjects> {
    const setup = await threeProjects();
    const since = new Date();
    await publishSyncRequest({ orgId: setup.orgId, integrationId: setup.integrationId, trigger: "initial", mode: "full", requestId: "initial-1" });
    const runs = await waitForEndedRuns(setup.orgId, setup.integrationId, since, 3);
    expect(runs.map((run) => run.status)).toEqual(["completed", "completed", "completed"]);
    return setup;
  }

  it("syncs every project fully and keeps sync state and counts", async () => {
    const { sim, orgId, integrationId } = await threeProjects();
    const since = new Date();
    await publishSyncRequest({ orgId, integrationId, trigger: "initial", mode: "full", requestId: "initial-1" });
    const runs = await waitForEndedRuns(orgId, integrationId, since, 3);

    expect(runs.map((run) => [run.projectName, run.status, run.mode, run.trigger]).sort()).toEqual([
      ["acme/one", "completed", "full", "initial"],
      ["acme/three", "completed", "full", "initial"],
      ["acme/two", "completed", "full", "initial"],
    ]);
    expect(runs.find((run) => run.projectName === "acme/one")!.progress).toEqual({ pages: 2, fetched: 150, written: 150, unchanged: 0, deleted: 0 });

    const tasks = await liveTasks(orgId, integrationId);
    expect(tasks).toHaveLength(181); // the pull request is not a task
    expect(new Set(tasks.map((task) => task.id)).size).toBe(181);

    const issue = sim.issuesOf("acme/three")[0]!;
    const stored = tasks.find((task) => task.externalId === String(issue.id))!;
    const projects = await refs.projects(orgId, integrationId).get();
    const three = projects.docs.find((doc) => doc.data().name === "acme/three")!;
    expect(stored).toEqual({
      id: `github:${issue.id}`,
      provider: "github",
      externalId: String(issue.id),
      providerRef: "acme/three#1",
      integrationId,
      projectId: three.id,
      projectName: "acme/three",
      title: "Crash on save",
      description: "Steps to reproduce",
      url: "https://github.com/acme/three/issues/1",
      status: "cancelled",
      providerStatus: "closed:not_planned",
      assignees: [
        { id: "100", name: "octocat" },
        { id: "101", name: "hubot" },
      ],
      labels: ["bug", "p1"],
      priority: null,
      createdAt: new Date("2026-01-02T03:04:05Z"),
      updatedAt: new Date("2026-01-05T00:00:00Z"),
      startAt: null,
      dueAt: new Date("2026-02-01T08:00:00Z"),
      completedAt: new Date("2026-01-04T00:00:00Z"),
      timeSpentMinutes: null,
      timeEstimateMinutes: null,
      estimatePoints: null,
      parentId: null,
      deleted: false,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    // Trigger events arrive in any order: a late event of a run's earlier state can already find no
    // run active (idle) before any run's ending has been recorded, so wait for an ending (lastSyncAt)
    // and then check that it was recorded as a success.
    const integration = await waitFor("idle sync state with a run's ending recorded", async () => {
      const data = (await refs.integration(orgId, integrationId).get()).data()!;
      const { status, taskCount, lastSyncAt } = data.syncState;
      return status === "idle" && taskCount === 181 && lastSyncAt ? data : undefined;
    });
    expect(integration.syncState.lastSuccessAt).not.toBeNull();
    expect(integration.syncState.lastFullSyncAt).not.toBeNull();
    expect(integration.syncState.lastError).toBeNull();
    await waitFor("zero counts", async () => {
      const stats = (await refs.syncStats(orgId).get()).data();
      return stats && stats.pending === 0 && stats.running === 0 ? stats : undefined;
    });
  });

  it("writes nothing when a full resync finds nothing changed", async () => {
    const { orgId, integrationId } = await syncedThreeProjects();
    const since = new Date();
    await publishSyncRequest({ orgId, integrationId, trigger: "scheduled", mode: "full", requestId: "resync-1" });
    const runs = await waitForEndedRuns(orgId, integrationId, since, 3);
    expect(runs.every((run) => run.status === "completed")).toBe(true);
    expect(runs.reduce((sum, run) => sum + run.progress.written, 0)).toBe(0);
    expect(runs.reduce((sum, run) => sum + run.progress.unchanged, 0)).toBe(181);
  });

  it("picks up only the changes on an incremental pass, and moves the watermark", async () => {
    const { sim, orgId, integrationId } = await syncedThreeProjects();
    const [first, second] = sim.issuesOf("acme/one");
    sim.update(first!, { title: "Renamed" }, new Date());
    sim.update(second!, { state: "closed", state_reason: "completed", closed_at: new Date().toISOString() }, new Date());
    const since = new Date();
    await publishSyncRequest({ orgId, integrationId, trigger: "scheduled", mode: "incremental", requestId: "incremental-1" });
    const runs = await waitForEndedRuns(orgId, integrationId, since, 3);
    const one = runs.find((run) => run.projectName === "acme/one")!;
    expect(one.mode).toBe("incremental");
    expect(one.progress.written).toBe(2);
    expect(one.progress.fetched).toBeLessThan(5);
    expect(runs.filter((run) => run !== one).every((run) => run.progress.written === 0)).toBe(true);
    const renamed = (await refs.task(orgId, `github:${first!.id}`).get()).data()!;
    expect(renamed.title).toBe("Renamed");
    expect((await refs.task(orgId, `github:${second!.id}`).get()).data()!.status).toBe("done");
  });

  it("tombstones a vanished task only on a full pass that succeeded", async () => {
    const { sim, orgId, integrationId } = await syncedThreeProjects();
    const gone = sim.issuesOf("acme/two")[3]!;
    sim.remove("acme/two", gone);

    let since = new Date();
    await publishSyncRequest({ orgId, integrationId, trigger: "scheduled", mode: "incremental", requestId: "incremental-2" });
    await waitForEndedRuns(orgId, integrationId, since, 3);
    expect((await refs.task(orgId, `github:${gone.id}`).get()).data()!.deleted).toBe(false);

    // A full pass that fails partway (403 on the second project's listing) must not tombstone either.
    sim.fail({ matches: (r) => r.path === "/repos/acme/two/issues", status: 403, body: { message: "Resource not accessible" }, times: 1 });
    since = new Date();
    await publishSyncRequest({ orgId, integrationId, trigger: "manual", mode: "full", requestId: "full-failing" });
    const failing = await waitForEndedRuns(orgId, integrationId, since, 3);
    const failed = failing.find((run) => run.projectName === "acme/two")!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/forbidden.*Resource not accessible/);
    expect((await refs.task(orgId, `github:${gone.id}`).get()).data()!.deleted).toBe(false);

    since = new Date();
    await publishSyncRequest({ orgId, integrationId, trigger: "manual", mode: "full", requestId: "full-2" });
    const runs = await waitForEndedRuns(orgId, integrationId, since, 3);
    expect(runs.find((run) => run.projectName === "acme/two")!.progress.deleted).toBe(1);
    expect((await refs.task(orgId, `github:${gone.id}`).get()).data()!.deleted).toBe(true);
    await waitFor("task count without the tombstone", async () => {
      const state = (await refs.integration(orgId, integrationId).get()).data()!.syncState;
      return state.taskCount === 180 && state.status === "idle" ? state : undefined;
    });
  });

  it("gives one run per project when the same request is published twice", async () => {
    const { orgId, integrationId } = await threeProjects();
    const since = new Date();
    const request = { orgId, integrationId, trigger: "scheduled" as const, mode: "incremental" as const, requestId: `dup-${randomUUID()}` };
    const messageIds = await Promise.all([publishSyncRequest(request), publishSyncRequest(request)]);
    // Both fan-outs are over (each marks its message once it has fanned out), so any run the second could add exists by now.
    await waitFor("both messages fanned out", async () => {
      const markers = await Promise.all(messageIds.map((id) => refs.eventMarker(`integration-sync:${id}`).get()));
      return markers.every((marker) => marker.exists) ? true : undefined;
    });
    await waitForEndedRuns(orgId, integrationId, since, 3);
    const runs = (await runsOf(orgId, integrationId)).filter((run) => run.createdAt >= since);
    expect(runs).toHaveLength(3);
    expect(runs.every((run) => run.status === "completed")).toBe(true);
  });
});

describe("a long pass: retries, cancellation and revoked access", () => {
  const sim = new GitHubSimulator();
  let orgId: string;
  let integrationId: string;
  let owner: { uid: string; idToken: string };

  beforeAll(async () => {
    await sim.start();
    sim.addRepo("acme/big");
    sim.addIssues("acme/big", 450, seededAt);
    owner = await signUp(`owner-${randomUUID().slice(0, 8)}@example.com`);
    orgId = await seedOrg(owner.uid);
    integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token });
  });

  afterAll(() => sim.stop());

  const pageRequests = (page: number) =>
    sim.requestsTo("/repos/acme/big/issues").filter((r) => (r.query.get("page") ?? "1") === String(page)).length;

  it("retries a worker that failed after page 2 and resumes from its checkpoint", async () => {
    sim.requests.length = 0;
    // Page 3 fails more often than the HTTP client retries, so the worker itself fails and Cloud Tasks retries it.
    sim.fail({ matches: (r) => r.path === "/repos/acme/big/issues" && r.query.get("page") === "3", status: 502, body: { message: "Bad gateway" }, times: 4 });
    const since = new Date();
    const called = await callCallable("requestSync", { orgId, integrationId, mode: "full" }, owner.idToken);
    expect(called.status).toBe(200);
    const [run] = await waitForEndedRuns(orgId, integrationId, since, 1, 90000);
    expect(run!.status).toBe("completed");
    expect(run!.progress).toMatchObject({ pages: 5, fetched: 450, written: 450 });
    expect(pageRequests(1)).toBe(1);
    expect(pageRequests(2)).toBe(1);
    expect(pageRequests(3)).toBe(5);
    const tasks = await liveTasks(orgId, integrationId);
    expect(tasks).toHaveLength(450);
    expect(new Set(tasks.map((t) => t.externalId))).toEqual(new Set(sim.issuesOf("acme/big").map((i) => String(i.id))));
  }, 120000);

  it("ends a run cancelled midway as cancelled, and its worker stops paging", async () => {
    sim.delayMs = 1500;
    sim.requests.length = 0;
    const since = new Date();
    const called = await callCallable("requestSync", { orgId, integrationId, mode: "full" }, owner.idToken);
    const runId = (called.result as { runIds: string[] }).runIds[0]!;
    await waitFor("the first saved page", async () => ((await refs.syncRun(orgId, runId).get()).data()!.progress.pages >= 1 ? true : undefined));
    const cancelled = await callCallable("cancelSync", { orgId, runId }, owner.idToken);
    expect(cancelled.result).toEqual({ status: "cancelled" });
    // The worker marks the run in the transaction that found it cancelled, then returns: from
    // then on it fetches nothing, so what the simulator saw by now is all it will ever see.
    const run = await waitFor("the worker to stop on the cancellation", async () => {
      const current = (await refs.syncRun(orgId, runId).get()).data()!;
      return current.stoppedAt ? current : undefined;
    });
    expect(run.status).toBe("cancelled");
    expect(run.stoppedAt!.getTime()).toBeGreaterThanOrEqual(run.finishedAt!.getTime());
    expect(run.progress.pages).toBeLessThan(5);
    // Every page it saved, plus the one whose save found the cancellation; none after it.
    const listed = sim.requests.filter((r) => r.path === "/repos/acme/big/issues");
    expect(listed).toHaveLength(run.progress.pages + 1);
    expect(listed.map((r) => r.query.get("page") ?? "1")).toEqual(Array.from({ length: run.progress.pages + 1 }, (_, i) => String(i + 1)));
    expect((await runsOf(orgId, integrationId)).filter((r) => r.createdAt >= since)).toHaveLength(1);
    sim.delayMs = 0;
  }, 60000);

  it("marks the integration needs_reauth and fails the run when the token is revoked", async () => {
    sim.delayMs = 800;
    const since = new Date();
    const called = await callCallable("requestSync", { orgId, integrationId, mode: "full" }, owner.idToken);
    const runId = (called.result as { runIds: string[] }).runIds[0]!;
    sim.token = "revoked";
    const [run] = await waitForEndedRuns(orgId, integrationId, since, 1);
    expect(run!.id).toBe(runId);
    expect(run!.status).toBe("failed");
    expect(run!.error).toMatch(/not authorized.*Bad credentials/);
    const integration = (await refs.integration(orgId, integrationId).get()).data()!;
    expect(integration.status).toBe("needs_reauth");
    expect(integration.statusMessage).toMatch(/Connect it again/);
    sim.delayMs = 0;
  }, 60000);
});
