/**
 * The applier through its real path: a signed GitHub delivery (an @octokit/webhooks-examples
 * payload, signed with @octokit/webhooks-methods) → `webhooks` → the delivery document →
 * `applyWebhookDelivery` (its creation trigger) → Firestore, with a GitHub simulator behind the
 * fetches it makes.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { NormalizedTask } from "../../src/domain/task";
import { githubProvider } from "../../src/providers/github";
import { projectDocId } from "../../src/store/projects";
import { refs } from "../../src/store/refs";
import { recordWrite } from "../../src/store/write-ledger";
import { DEFAULT_MAX_ATTEMPTS } from "../../src/http/client";
import { db } from "../../src/store/db";
import { MAX_RECORDED_EVENTS_BYTES } from "../../src/webhooks/delivery-record";
import { applyWebhookDelivery } from "../../src/webhooks/functions";
import { runsOf, seedIntegration, seedOrg, waitFor } from "@taskbridge/emulator-support";
import { GitHubSimulator, octokitExample, octokitSign, type SimIssue } from "@taskbridge/simulators";
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

  async function deliveryRecord(deliveryId: string) {
    return (await refs.webhookDelivery("github", integrationId, deliveryId).get()).data()!;
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
    const deliveryId = d.headers["X-GitHub-Delivery"]!;
    await waitForProcessed("github", integrationId, deliveryId);
    expect((await refs.task(orgId, taskId).get()).data()).toMatchObject({ title: "Second edit", updatedAt: new Date(at(20)) });
    // The duplicates wrote nothing, so no second record exists to trigger another application,
    // and the one record says it was applied once, with one write.
    const records = await db().collection("webhookDeliveries").where("integrationId", "==", integrationId).where("deliveryId", "==", deliveryId).get();
    expect(records.size).toBe(1);
    expect(await deliveryRecord(deliveryId)).toMatchObject({ processed: true, applications: 1, outcomes: ["written"] });
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

  it("records a payload too large for one document as its reduced event, and the applier fetches the task", async () => {
    sim.update(issue, { title: "Title behind a huge body", body: "small in GitHub" }, new Date(at(45)));
    const before = sim.requestsTo(`/repos/${repo.fullName}/issues/${issue.number}`).length;
    // Under the 1 MiB body bound, over what one delivery document keeps whole.
    const d = delivery("edited", issuePayload({ title: "Title behind a huge body", body: "x".repeat(MAX_RECORDED_EVENTS_BYTES + 1000), updated_at: at(45) }));
    expect(await send(d)).toBe("accepted");
    const record = await deliveryRecord(d.headers["X-GitHub-Delivery"]!);
    expect(record).toMatchObject({ eventsReduced: true, processed: true, applications: 1, outcomes: ["written"] });
    expect(Buffer.byteLength(record.events!)).toBeLessThan(MAX_RECORDED_EVENTS_BYTES);
    expect(sim.requestsTo(`/repos/${repo.fullName}/issues/${issue.number}`).length).toBe(before + 1);
    expect(await stored()).toMatchObject({ title: "Title behind a huge body", description: "small in GitHub", updatedAt: new Date(at(45)) });
  });

  describe("a delivery whose trigger fails once", () => {
    const HUB = process.env.FIREBASE_EMULATOR_HUB ?? "127.0.0.1:4400";
    const setBackgroundTriggers = async (enabled: boolean) => {
      const res = await fetch(`http://${HUB}/functions/${enabled ? "enable" : "disable"}BackgroundTriggers`, { method: "PUT" });
      expect(res.ok).toBe(true);
    };

    // The emulator never retries a failed Firestore trigger (firebase-notes §2.3), so the test
    // plays the platform's part: its own trigger delivery is paused, and the test delivers the
    // creation event itself, then again with the same event id, as `retry: true` does. The
    // handler runs for real in this process (with the emulators' key), against Firestore and the
    // simulator; the failure is real too: GitHub answers 503 until the HTTP client gives up.
    beforeAll(async () => {
      const secrets = readFileSync(join(__dirname, "../../.secret.local"), "utf8");
      process.env.TOKEN_ENCRYPTION_KEY = /^TOKEN_ENCRYPTION_KEY=(.*)$/m.exec(secrets)![1]!.trim();
      await setBackgroundTriggers(false);
    });
    afterAll(() => setBackgroundTriggers(true));

    it("is applied exactly once by the retry, and a further redelivery changes nothing", async () => {
      sim.update(issue, { title: "Applied by the retry" }, new Date(at(47)));
      const issuePath = `/repos/${repo.fullName}/issues/${issue.number}`;
      const before = sim.requestsTo(issuePath).length;
      sim.fail({ matches: (r) => r.path === issuePath, status: 503, body: { message: "Service Unavailable" }, times: DEFAULT_MAX_ATTEMPTS });
      // A pinned event carries a trimmed issue, so applying it needs GitHub.
      const d = delivery("pinned", { id: issue.id, number: issue.number, updated_at: at(47) });
      const res = await postWebhook(`github/${integrationId}`, d.body, d.headers);
      expect(res.body).toEqual({ status: "accepted" });
      const ref = refs.webhookDelivery("github", integrationId, d.headers["X-GitHub-Delivery"]!);
      const created = await db().doc(ref.path).get();
      const event = { id: `created-${randomUUID()}`, params: { deliveryKey: ref.id }, data: created };
      const deliver = () => (applyWebhookDelivery as unknown as { run(e: unknown): Promise<void> }).run(event);

      await expect(deliver()).rejects.toThrow(/503/);
      expect(await deliveryRecord(d.headers["X-GitHub-Delivery"]!)).toMatchObject({ processed: false });
      expect(sim.requestsTo(issuePath).length).toBe(before + DEFAULT_MAX_ATTEMPTS);
      expect((await stored()).title).not.toBe("Applied by the retry");

      await deliver();
      expect(await deliveryRecord(d.headers["X-GitHub-Delivery"]!)).toMatchObject({ processed: true, applications: 1, outcomes: ["written"] });
      const applied = await refs.task(orgId, taskId).get();
      expect(applied.data()).toMatchObject({ title: "Applied by the retry", updatedAt: new Date(at(47)) });

      await deliver();
      expect(await deliveryRecord(d.headers["X-GitHub-Delivery"]!)).toMatchObject({ processed: true, applications: 1 });
      expect(sim.requestsTo(issuePath).length).toBe(before + DEFAULT_MAX_ATTEMPTS + 1);
      expect((await refs.task(orgId, taskId).get()).updateTime?.isEqual(applied.updateTime!)).toBe(true);
    });

    // Delivery is at least once, so two runs of one event can overlap: both read the delivery
    // unprocessed before either ends it. Only the run whose end finds the document as it read it
    // counts; the other gives way (store/webhook-deliveries.ts, the lastUpdateTime precondition).
    it("counts two runs of one event at once as one application", async () => {
      const d = delivery("edited", issuePayload({ title: "Delivered twice at once", updated_at: at(48) }));
      const res = await postWebhook(`github/${integrationId}`, d.body, d.headers);
      expect(res.body).toEqual({ status: "accepted" });
      const ref = refs.webhookDelivery("github", integrationId, d.headers["X-GitHub-Delivery"]!);
      const event = { id: `created-${randomUUID()}`, params: { deliveryKey: ref.id }, data: await db().doc(ref.path).get() };
      const deliver = () => (applyWebhookDelivery as unknown as { run(e: unknown): Promise<void> }).run(event);

      await Promise.all([deliver(), deliver()]);
      expect(await deliveryRecord(d.headers["X-GitHub-Delivery"]!)).toMatchObject({ processed: true, applications: 1 });
      expect(await stored()).toMatchObject({ title: "Delivered twice at once", updatedAt: new Date(at(48)) });
    });
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

  it("applies nothing, and starts no sync, for a project outside the integration's selection", async () => {
    const excluded = sim.addRepo("acme/excluded");
    const [hidden] = sim.addIssues(excluded.fullName, 1, new Date(at(0))) as [SimIssue];
    const integration = refs.integration(orgId, integrationId).withConverter(null);
    await integration.update({ projectSelection: [projectDocId(String(repo.id))] });
    try {
      const payload = { ...issuePayload({ title: "Not for this org", updated_at: at(70) }), id: hidden.id, repository_url: `${sim.baseUrl}/repos/${excluded.fullName}` };
      const d = delivery("opened", payload, excluded);
      await send(d);
      expect(await deliveryRecord(d.headers["X-GitHub-Delivery"]!)).toMatchObject({ processed: true, outcomes: ["not-selected"] });
      expect((await refs.task(orgId, `github:${hidden.id}`).get()).exists).toBe(false);
      expect((await runsOf(orgId, integrationId)).filter((run) => run.projectName === excluded.fullName)).toEqual([]);
    } finally {
      await integration.update({ projectSelection: null });
    }
  });
});
