/**
 * One version rule for every writer of a task (store/task-version.ts), on the emulators: signed
 * webhook deliveries through the real endpoint and applier, and sync passes through requestSync,
 * Cloud Tasks and the worker, against the GitHub and Linear simulators. A tombstone is a version
 * too; each of the applier's guards has a case that only it decides. Every test makes its own
 * issue (and, for syncs, its own repository), so the tests do not depend on each other's order.
 */
import { randomUUID } from "node:crypto";
import type { NormalizedTask } from "../../src/domain/task";
import { projectDocId } from "../../src/store/projects";
import { refs } from "../../src/store/refs";
import { tombstoneTaskVersioned } from "../../src/store/task-version";
import { seedIntegration, seedOrg, waitFor } from "@taskbridge/emulator-support";
import { callCallable, GitHubSimulator, hmacSha256Hex, linearIssueUpdated, LinearSimulator, type SignedDelivery, signUp, type SimIssue } from "@taskbridge/simulators";
import { postWebhook, waitForProcessed } from "../support/webhooks";

const SECRET = "versions-test-secret-8d1f";
const BASE = Date.UTC(2026, 5, 1, 12, 0);
const at = (minutes: number) => new Date(BASE + minutes * 60_000);

async function storedTask(orgId: string, taskId: string): Promise<NormalizedTask> {
  const task = (await refs.task(orgId, taskId).get()).data();
  if (!task) throw new Error(`task ${taskId} is not stored`);
  return task;
}

async function storeProject(orgId: string, integrationId: string, provider: "github" | "linear", externalId: string, name: string): Promise<void> {
  await refs.project(orgId, integrationId, projectDocId(externalId)).set({
    provider,
    integrationId,
    externalId,
    name,
    url: null,
    providerRef: name,
    watermark: null,
    lastFullSyncAt: null,
    updatedAt: new Date(),
  });
}

describe("GitHub webhooks under the version rule", () => {
  const sim = new GitHubSimulator();
  const repoName = "acme/versions-hooks";
  let orgId: string;
  let integrationId: string;

  beforeAll(async () => {
    await sim.start();
    sim.addRepo(repoName);
    orgId = await seedOrg("owner-versions-hooks");
    integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token, webhookSecrets: [SECRET] });
    await storeProject(orgId, integrationId, "github", String(sim.repoId(repoName)), repoName);
  });

  afterAll(() => sim.stop());

  /** A fresh issue, in the simulator at `at(0)`, and its task id. */
  function newIssue(): { issue: SimIssue; taskId: string } {
    const [issue] = sim.addIssues(repoName, 1, at(0)) as [SimIssue];
    return { issue, taskId: `github:${issue.id}` };
  }

  /** A signed `issues` delivery carrying `issueBody`; each call is a new delivery id, as a retry after the dedup window or a second event would be. */
  function delivery(action: string, issueBody: Record<string, unknown>): SignedDelivery {
    const payload = { action, issue: issueBody, repository: { id: sim.repoId(repoName), full_name: repoName, name: "versions-hooks" }, sender: { id: 1, login: "octocat" } };
    const body = Buffer.from(JSON.stringify(payload));
    return { body, headers: { "X-GitHub-Event": "issues", "X-GitHub-Delivery": randomUUID(), "X-Hub-Signature-256": `sha256=${hmacSha256Hex(SECRET, body)}` } };
  }

  /** The complete issue as GitHub's payload carries it, with changes. */
  function full(issue: SimIssue, changes: Partial<SimIssue>): Record<string, unknown> {
    return sim.render(repoName, { ...issue, ...changes });
  }

  async function send(d: SignedDelivery): Promise<void> {
    const res = await postWebhook(`github/${integrationId}`, d.body, d.headers);
    expect(res.status).toBe(200);
    await waitForProcessed("github", integrationId, d.headers["X-GitHub-Delivery"]!);
  }

  const fetchesOf = (issue: SimIssue) => sim.requestsTo(`/repos/${repoName}/issues/${issue.number}`).length;

  it("keeps a task deleted when an edit as old as the delete is delivered again after it", async () => {
    const { issue, taskId } = newIssue();
    const edit = full(issue, { title: "Edited before the delete", updated_at: at(10).toISOString() });
    await send(delivery("edited", edit));
    expect(await storedTask(orgId, taskId)).toMatchObject({ title: "Edited before the delete", deleted: false });
    // GitHub's `deleted` payload carries the issue as it last was: the same updated_at as the edit.
    await send(delivery("deleted", edit));
    expect(await storedTask(orgId, taskId)).toMatchObject({ deleted: true, updatedAt: at(10) });
    await send(delivery("edited", edit));
    expect(await storedTask(orgId, taskId)).toMatchObject({ deleted: true, updatedAt: at(10) });
  });

  it("guard before the fetch: an older partial event asks GitHub nothing", async () => {
    const { issue, taskId } = newIssue();
    await send(delivery("edited", full(issue, { title: "Newest", updated_at: at(20).toISOString() })));
    const before = fetchesOf(issue);
    // A pinned event carries a trimmed issue, so the applier would have to fetch it.
    await send(delivery("pinned", { id: issue.id, number: issue.number, updated_at: at(15).toISOString() }));
    expect(fetchesOf(issue)).toBe(before);
    expect(await storedTask(orgId, taskId)).toMatchObject({ title: "Newest", updatedAt: at(20) });
  });

  it("guard on the write: a fetched task older than the stored one is not written", async () => {
    const { issue, taskId } = newIssue();
    await send(delivery("edited", full(issue, { title: "From the webhook", updated_at: at(30).toISOString() })));
    // The event claims a newer time, but what GitHub answers (the simulator still holds at(0)) is older.
    const before = fetchesOf(issue);
    await send(delivery("pinned", { id: issue.id, number: issue.number, updated_at: at(31).toISOString() }));
    expect(fetchesOf(issue)).toBe(before + 1);
    expect(await storedTask(orgId, taskId)).toMatchObject({ title: "From the webhook", updatedAt: at(30), deleted: false });
  });

  it("guard on the write against a tombstone: a fetched version no newer than the delete does not revive it", async () => {
    const { issue, taskId } = newIssue();
    await send(delivery("edited", full(issue, { updated_at: at(40).toISOString() })));
    await send(delivery("deleted", full(issue, { updated_at: at(40).toISOString() })));
    const before = fetchesOf(issue);
    // Passes the guard before the fetch (newer than the tombstone); GitHub's answer (at(0)) is not.
    await send(delivery("pinned", { id: issue.id, number: issue.number, updated_at: at(41).toISOString() }));
    expect(fetchesOf(issue)).toBe(before + 1);
    expect(await storedTask(orgId, taskId)).toMatchObject({ deleted: true, updatedAt: at(40) });
  });

  it("revives a deleted task for a version newer than the delete", async () => {
    const { issue, taskId } = newIssue();
    await send(delivery("edited", full(issue, { updated_at: at(45).toISOString() })));
    await send(delivery("deleted", full(issue, { updated_at: at(50).toISOString() })));
    expect(await storedTask(orgId, taskId)).toMatchObject({ deleted: true, updatedAt: at(50) });
    await send(delivery("reopened", full(issue, { title: "Back again", updated_at: at(51).toISOString() })));
    expect(await storedTask(orgId, taskId)).toMatchObject({ deleted: false, title: "Back again", updatedAt: at(51) });
  });

  it("guard on the tombstone: a deletion older than the stored version leaves the task live", async () => {
    const { issue, taskId } = newIssue();
    await send(delivery("edited", full(issue, { title: "Edited after the delete", updated_at: at(60).toISOString() })));
    // The applier's guard before it would already skip an older delete event; this is the
    // transaction's own check, for a newer version landing between that read and the tombstone.
    expect(await tombstoneTaskVersioned(orgId, taskId, at(55))).toBe("stale");
    expect(await storedTask(orgId, taskId)).toMatchObject({ deleted: false, title: "Edited after the delete", updatedAt: at(60) });
  });
});

describe("Linear webhooks under the version rule", () => {
  const sim = new LinearSimulator({ requestsPerMinute: 10_000, seed: 71, teams: 1, issuesPerTeam: 3 });
  const webhookId = randomUUID();
  let orgId: string;
  let integrationId: string;

  beforeAll(async () => {
    await sim.start();
    orgId = await seedOrg("owner-versions-linear");
    integrationId = await seedIntegration({
      orgId,
      provider: "linear",
      baseUrl: sim.baseUrl,
      token: sim.apiKey,
      account: { id: sim.viewer.id, name: sim.viewer.name, workspaces: [sim.data.organization.id] },
      webhookSecrets: [SECRET],
    });
    const team = sim.data.teams[0]!;
    await storeProject(orgId, integrationId, "linear", team.id, team.name);
  });

  afterAll(() => sim.stop());

  /** The simulator's delivery for the issue, re-dated: data.updatedAt, and for a removal the payload's createdAt. */
  function delivery(issueId: string, action: "update" | "remove", version: Date): SignedDelivery {
    const payload = JSON.parse(linearIssueUpdated(sim, issueId, webhookId, SECRET).body.toString("utf8")) as Record<string, unknown> & { data: Record<string, unknown> };
    const dated = { ...payload, action, data: { ...payload.data, updatedAt: version.toISOString() }, ...(action === "remove" ? { createdAt: version.toISOString() } : {}) };
    const body = Buffer.from(JSON.stringify(dated));
    return { body, headers: { "Linear-Event": "Issue", "Linear-Delivery": randomUUID(), "Linear-Signature": hmacSha256Hex(SECRET, body) } };
  }

  async function send(d: SignedDelivery): Promise<void> {
    const res = await postWebhook(`linear/${integrationId}`, d.body, d.headers);
    expect(res.status).toBe(200);
    await waitForProcessed("linear", integrationId, d.headers["Linear-Delivery"]!);
  }

  it("keeps a task deleted when the same edit is delivered again after the removal", async () => {
    const issue = sim.data.issues[0]!;
    const taskId = `linear:${issue.id}`;
    await send(delivery(issue.id, "update", at(10)));
    expect(await storedTask(orgId, taskId)).toMatchObject({ deleted: false, updatedAt: at(10) });
    await send(delivery(issue.id, "remove", at(12)));
    await send(delivery(issue.id, "update", at(10)));
    expect(await storedTask(orgId, taskId)).toMatchObject({ deleted: true });
  });

  it("keeps the removal's version: an edit made before the removal but delivered after it does not revive the task", async () => {
    const issue = sim.data.issues[1]!;
    const taskId = `linear:${issue.id}`;
    await send(delivery(issue.id, "update", at(10)));
    // Removed at(20); an edit of at(15) was still on its way.
    await send(delivery(issue.id, "remove", at(20)));
    expect(await storedTask(orgId, taskId)).toMatchObject({ deleted: true, updatedAt: at(20) });
    await send(delivery(issue.id, "update", at(15)));
    expect(await storedTask(orgId, taskId)).toMatchObject({ deleted: true, updatedAt: at(20) });
  });
});

describe("sync passes under the version rule", () => {
  const sim = new GitHubSimulator();
  let orgId: string;
  let integrationId: string;
  let member: { uid: string; idToken: string };
  const seededAt = new Date(Date.now() - 3 * 24 * 3600 * 1000);
  const later = (hours: number) => new Date(seededAt.getTime() + hours * 3600_000);

  beforeAll(async () => {
    await sim.start();
    const owner = await signUp(`owner-${randomUUID().slice(0, 8)}@example.com`);
    member = await signUp(`member-${randomUUID().slice(0, 8)}@example.com`);
    orgId = await seedOrg(owner.uid, member.uid);
    integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token, webhookSecrets: [SECRET] });
  });

  afterAll(() => sim.stop());

  /** A repository of three issues of its own, synced fully once. */
  async function syncedRepo(name: string): Promise<{ repo: string; projectId: string; issues: SimIssue[] }> {
    const repo = `acme/${name}`;
    const { id } = sim.addRepo(repo);
    const issues = sim.addIssues(repo, 3, seededAt);
    const projectId = projectDocId(String(id));
    // The fan-out lists the projects before it picks this one, so a new repository can be named at once.
    await fullPass(projectId);
    return { repo, projectId, issues };
  }

  /** requestSync of every project, full, until its runs end. */
  async function fullPass(projectId?: string): Promise<string[]> {
    const called = await callCallable("requestSync", { orgId, integrationId, mode: "full", ...(projectId ? { projectId } : {}) }, member.idToken);
    expect(called.status).toBe(200);
    const runIds = (called.result as { runIds: string[] }).runIds;
    await waitFor(
      "the requested runs to end",
      async () => {
        const runs = await Promise.all(runIds.map(async (runId) => (await refs.syncRun(orgId, runId).get()).data()));
        return runs.every((run) => run && ["completed", "failed", "cancelled"].includes(run.status)) ? runs : undefined;
      },
      60000,
    );
    for (const runId of runIds) expect((await refs.syncRun(orgId, runId).get()).data()!.status).toBe("completed");
    return runIds;
  }

  async function webhook(repo: string, action: string, issueBody: Record<string, unknown>): Promise<void> {
    const payload = { action, issue: issueBody, repository: { id: sim.repoId(repo), full_name: repo, name: repo.split("/")[1] }, sender: { id: 1, login: "octocat" } };
    const body = Buffer.from(JSON.stringify(payload));
    const deliveryId = randomUUID();
    const res = await postWebhook(`github/${integrationId}`, body, { "X-GitHub-Event": "issues", "X-GitHub-Delivery": deliveryId, "X-Hub-Signature-256": `sha256=${hmacSha256Hex(SECRET, body)}` });
    expect(res.status).toBe(200);
    await waitForProcessed("github", integrationId, deliveryId);
  }

  it("keeps a webhook's newer version when a later sync page carries the older one", async () => {
    const { repo, projectId, issues } = await syncedRepo("versions-newer");
    const issue = issues[0]!;
    // The edit reached us by webhook; the provider's listing (the simulator) still shows the old state.
    await webhook(repo, "edited", sim.render(repo, { ...issue, title: "Only the webhook knows", updated_at: later(1).toISOString() }));
    await fullPass(projectId);
    expect(await storedTask(orgId, `github:${issue.id}`)).toMatchObject({ title: "Only the webhook knows", updatedAt: later(1), deleted: false });
  });

  it("does not rewrite a task whose content is unchanged", async () => {
    const { projectId, issues } = await syncedRepo("versions-unchanged");
    const ref = refs.task(orgId, `github:${issues[1]!.id}`);
    // Firestore keeps the update time of a write that changes nothing, so a rewrite of identical
    // content would be invisible: mark the stored copy (its contentHash untouched) to see one.
    await ref.withConverter(null).update({ title: "marked by the test" });
    const before = (await ref.get()).updateTime!;
    const runIds = await fullPass(projectId);
    expect((await ref.get()).updateTime!.isEqual(before)).toBe(true);
    expect((await ref.get()).data()!.title).toBe("marked by the test");
    expect((await refs.syncRun(orgId, runIds[0]!).get()).data()!.progress).toMatchObject({ fetched: 3, written: 0, unchanged: 3 });
  });

  it("revives a deleted task that a full pass finds and the provider confirms", async () => {
    const { repo, projectId, issues } = await syncedRepo("versions-revive");
    const issue = issues[2]!;
    // A delete GitHub never followed through (the simulator still has the issue at its old version).
    await webhook(repo, "deleted", sim.render(repo, { ...issue, updated_at: later(2).toISOString() }));
    expect(await storedTask(orgId, `github:${issue.id}`)).toMatchObject({ deleted: true, updatedAt: later(2) });
    await fullPass(projectId);
    expect(await storedTask(orgId, `github:${issue.id}`)).toMatchObject({ deleted: false, updatedAt: new Date(issue.updated_at) });
  });

  it("keeps a task deleted when a full pass lists it but the provider then says it is gone", async () => {
    const { repo, projectId, issues } = await syncedRepo("versions-gone");
    const issue = issues[0]!;
    await webhook(repo, "deleted", sim.render(repo, { ...issue, updated_at: later(2).toISOString() }));
    // The page was read before the deletion reached the listing; asked directly, GitHub answers 404.
    sim.fail({ matches: (r) => r.path === `/repos/${repo}/issues/${issue.number}`, status: 404, body: { message: "Not Found" }, times: 10 });
    await fullPass(projectId);
    expect(await storedTask(orgId, `github:${issue.id}`)).toMatchObject({ deleted: true, updatedAt: later(2) });
  });

  it("keeps a webhook's newer version when a write-back's answer is older", async () => {
    const { repo, issues } = await syncedRepo("versions-writeback");
    const issue = issues[0]!;
    const newer = new Date(Date.now() + 3600_000);
    await webhook(repo, "edited", sim.render(repo, { ...issue, title: "Renamed after the close", updated_at: newer.toISOString() }));
    // GitHub closes it and answers with its own clock, an hour older than the version we hold.
    const done = await callCallable("completeTask", { orgId, taskId: `github:${issue.id}` }, member.idToken);
    expect(done.error).toBeUndefined();
    expect(await storedTask(orgId, `github:${issue.id}`)).toMatchObject({ title: "Renamed after the close", updatedAt: newer, status: "todo" });
  });
});
