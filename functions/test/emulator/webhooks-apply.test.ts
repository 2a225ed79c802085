/**
 * The applier through its real path: a signed GitHub delivery (an @octokit/webhooks-examples
 * payload, signed with @octokit/webhooks-methods) → `webhooks` → Pub/Sub `webhook-events` →
 * `applyWebhookEvents` → Firestore, with a GitHub simulator behind the fetches it makes.
 */
import { randomUUID } from "node:crypto";
import type { NormalizedTask } from "../../src/domain/task";
import { githubProvider } from "../../src/providers/github";
import { projectDocId } from "../../src/store/projects";
import { refs } from "../../src/store/refs";
import { recordWrite } from "../../src/store/write-ledger";
import { GitHubSimulator, type SimIssue } from "../simulators/github-simulator";
import { octokitExample, octokitSign } from "../unit/providers/github/octokit";
import { waitFor } from "../support/emulators";
import { seedIntegration, seedOrg } from "../support/seed";
import { runsOf } from "../support/sync-helpers";
import { postWebhook, waitForProcessed } from "../support/webhooks";

const SECRET = "apply-test-secret-5e2c";
const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 12, minutes)).toISOString();

describe("applying GitHub webhook events", () => {
  const sim = new GitHubSimulator();
  let orgId: string;
  let integrationId: string;
  let repo: { id: number; fullName: string };
  let issue: SimIssue;
  let taskId: string;

  /** The issue as GitHub's webhook carries it (the REST shape), with `changes` applied. */
  function issuePayload(changes: Partial<SimIssue> & { updated_at: string }): Record<string, unknown> {
    const current = { ...issue, ...changes };
    const api = `${sim.baseUrl}/repos/${repo.fullName}`;
    return {
      id: current.id,
      number: current.number,
      title: current.title,
      body: current.body,
      html_url: `https://github.com/${repo.fullName}/issues/${current.number}`,
      url: `${api}/issues/${current.number}`,
      repository_url: api,
      state: current.state,
      state_reason: current.state_reason,
      assignees: current.assignees.map((login, index) => ({ id: 100 + index, login })),
      labels: current.labels.map((name) => ({ name })),
      milestone: null,
      created_at: current.created_at,
      updated_at: current.updated_at,
      closed_at: current.closed_at,
    };
  }

  /** A real `issues` delivery (octokit's example) moved onto our repository and issue, signed. */
  function delivery(action: string, issueBody: Record<string, unknown>, target = repo): { body: string; headers: Record<string, string> } {
    const example = octokitExample("issues", action);
    const body = JSON.stringify({ ...example, issue: issueBody, repository: { ...(example.repository as object), id: target.id, full_name: target.fullName } });
    return { body, headers: { "X-GitHub-Event": "issues", "X-GitHub-Delivery": randomUUID(), "X-Hub-Signature-256": octokitSign(SECRET, body) } };
  }

  async function send(d: { body: string; headers: Record<string, string> }): Promise<string | undefined> {
    const res = await postWebhook(`github/${integrationId}`, d.body, d.headers);
    expect(res.status).toBe(200);
    await waitForProcessed("github", integrationId, d.headers["X-GitHub-Delivery"]!);
    return res.body?.status;
  }

  async function stored(): Promise<NormalizedTask> {
    return (await refs.task(orgId, taskId).get()).data()!;
  }

  beforeAll(async () => {
    await sim.start();
    repo = sim.addRepo("acme/hooks");
    [issue] = sim.addIssues(repo.fullName, 1, new Date(at(0))) as [SimIssue];
    taskId = `github:${issue.id}`;
    orgId = await seedOrg("owner-apply");
    integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token, webhookSecrets: [SECRET] });
    // The project as a sync would have stored it; the task itself is not stored yet.
    await refs.project(orgId, integrationId, projectDocId(String(repo.id))).set({
      provider: "github",
      integrationId,
      externalId: String(repo.id),
      name: repo.fullName,
      url: `https://github.com/${repo.fullName}`,
      providerRef: repo.fullName,
      watermark: null,
      lastFullSyncAt: null,
      updatedAt: new Date(),
    });
  });

  afterAll(() => sim.stop());

  it("upserts the task from a complete payload, without calling GitHub", async () => {
    const before = sim.requests.length;
    await send(delivery("edited", issuePayload({ title: "Edited in GitHub", updated_at: at(10) })));
    expect(await stored()).toMatchObject({
      id: taskId,
      title: "Edited in GitHub",
      projectId: projectDocId(String(repo.id)),
      projectName: "acme/hooks",
      providerRef: "acme/hooks#1",
      updatedAt: new Date(at(10)),
      deleted: false,
    });
    expect(sim.requests.slice(before)).toEqual([]);
  });

  it("applies the same delivery sent three times once", async () => {
    const d = delivery("edited", issuePayload({ title: "Second edit", updated_at: at(20) }));
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push((await postWebhook(`github/${integrationId}`, d.body, d.headers)).body?.status);
    expect(answers).toEqual(["accepted", "duplicate", "duplicate"]);
    await waitForProcessed("github", integrationId, d.headers["X-GitHub-Delivery"]!);
    const first = await refs.task(orgId, taskId).get();
    expect(first.data()).toMatchObject({ title: "Second edit", updatedAt: new Date(at(20)) });
    // Nothing is left in flight to write it again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await refs.task(orgId, taskId).get()).updateTime?.isEqual(first.updateTime!)).toBe(true);
  });

  it("ignores an older event that arrives after a newer one", async () => {
    await send(delivery("edited", issuePayload({ title: "Stale title", updated_at: at(15) })));
    expect(await stored()).toMatchObject({ title: "Second edit", updatedAt: new Date(at(20)) });
  });

  it("skips the echo of our own write-back, and applies the next change that is not ours", async () => {
    const ours = issuePayload({ state: "closed", state_reason: "completed", closed_at: at(30), updated_at: at(30) });
    await recordWrite(orgId, taskId, githubProvider.normalize(ours), new Date());
    // octokit has no issues.closed example; the action only names the event, the issue carries the state.
    await send(delivery("edited", ours));
    // Our write-back would have stored this state itself; the echo is not applied again.
    expect(await stored()).toMatchObject({ status: "todo", updatedAt: new Date(at(20)) });

    const theirs = issuePayload({ state: "closed", state_reason: "not_planned", closed_at: at(31), updated_at: at(31) });
    await send(delivery("edited", theirs));
    expect(await stored()).toMatchObject({ status: "cancelled", updatedAt: new Date(at(31)) });
  });

  it("fetches the task from GitHub when the payload is partial", async () => {
    sim.update(issue, { title: "Only GitHub knows this title", state: "open", state_reason: "reopened", closed_at: null }, new Date(at(40)));
    const before = sim.requestsTo(`/repos/${repo.fullName}/issues/${issue.number}`).length;
    // A pinned event carries a trimmed issue: no state, so it cannot stand alone.
    await send(delivery("pinned", { id: issue.id, number: issue.number, updated_at: at(40) }));
    expect(sim.requestsTo(`/repos/${repo.fullName}/issues/${issue.number}`).length).toBe(before + 1);
    expect(await stored()).toMatchObject({ title: "Only GitHub knows this title", status: "todo", updatedAt: new Date(at(40)) });
  });

  it("tombstones a deleted issue", async () => {
    await send(delivery("deleted", issuePayload({ updated_at: at(50) })));
    expect(await stored()).toMatchObject({ deleted: true });
  });

  it("starts a sync of a project it does not know yet", async () => {
    const unknown = sim.addRepo("acme/brand-new");
    const [fresh] = sim.addIssues(unknown.fullName, 1, new Date(at(0))) as [SimIssue];
    const payload = { ...issuePayload({ updated_at: at(60) }), id: fresh.id, repository_url: `${sim.baseUrl}/repos/${unknown.fullName}` };
    await send(delivery("opened", payload, unknown));
    const runs = await waitFor("a webhook-triggered run of the new project", async () => {
      const found = (await runsOf(orgId, integrationId)).filter((run) => run.projectName === unknown.fullName && run.trigger === "webhook");
      return found.length > 0 ? found : undefined;
    });
    expect(runs).toHaveLength(1);
    await waitFor("the new project's task", async () => ((await refs.task(orgId, `github:${fresh.id}`).get()).exists ? true : undefined), 60000);
  });
});
