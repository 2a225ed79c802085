/**
 * The echo of a real write-back: `completeTask` closes an issue in the GitHub simulator, then the
 * simulator's own `issues` delivery for that change (the issue as GitHub now shows it, signed)
 * goes through the `webhooks` endpoint. The applier recognises it as our write and skips it; the
 * next change that is not ours is applied.
 */
import { randomUUID } from "node:crypto";
import { projectDocId } from "../../src/store/projects";
import { refs } from "../../src/store/refs";
import { seedIntegration, seedOrg } from "@taskbridge/emulator-support";
import { callCallable, githubIssueEdited, GitHubSimulator, signUp, type SimIssue } from "@taskbridge/simulators";
import { postWebhook, waitForProcessed } from "../support/webhooks";

const SECRET = "echo-test-secret-91c4";
const REPO = "acme/echo";

describe("the webhook echo of our own write-back", () => {
  const sim = new GitHubSimulator();
  let orgId: string;
  let integrationId: string;
  let member: { uid: string; idToken: string };
  let issue: SimIssue;
  let taskId: string;
  /** The issue as the simulator holds it now (its write endpoints may replace the object). */
  const current = (): SimIssue => sim.issuesOf(REPO).find((i) => i.id === issue.id)!;

  /** Sends the simulator's delivery for the issue as it stands now; the applier's outcomes. */
  async function deliverCurrentIssue(): Promise<string[] | undefined> {
    const delivery = githubIssueEdited(sim, REPO, current(), SECRET);
    const res = await postWebhook(`github/${integrationId}`, delivery.body, delivery.headers);
    expect(res.body).toEqual({ status: "accepted" });
    const deliveryId = delivery.headers["X-GitHub-Delivery"]!;
    await waitForProcessed("github", integrationId, deliveryId);
    return (await refs.webhookDelivery("github", integrationId, deliveryId).get()).data()?.outcomes;
  }

  beforeAll(async () => {
    await sim.start();
    const repo = sim.addRepo(REPO);
    [issue] = sim.addIssues(REPO, 1, new Date(Date.now() - 3600_000)) as [SimIssue];
    taskId = `github:${issue.id}`;
    member = await signUp(`echo-${randomUUID().slice(0, 8)}@example.com`);
    orgId = await seedOrg(member.uid);
    integrationId = await seedIntegration({ orgId, provider: "github", baseUrl: sim.baseUrl, token: sim.token, webhookSecrets: [SECRET] });
    await refs.project(orgId, integrationId, projectDocId(String(repo.id))).set({
      provider: "github",
      integrationId,
      externalId: String(repo.id),
      name: REPO,
      url: `https://github.com/${REPO}`,
      providerRef: REPO,
      watermark: null,
      lastFullSyncAt: null,
      updatedAt: new Date(),
    });
    // The task as the first delivery stores it (a complete payload, applied without a fetch).
    expect(await deliverCurrentIssue()).toEqual(["written"]);
  });

  afterAll(() => sim.stop());

  it("skips the delivery that reports our completeTask, then applies a change made in GitHub", async () => {
    const done = await callCallable("completeTask", { orgId, taskId }, member.idToken);
    expect(done.error).toBeUndefined();
    expect(current().state).toBe("closed");
    const afterWriteBack = await refs.task(orgId, taskId).get();
    expect(afterWriteBack.data()).toMatchObject({ status: "done" });

    expect(await deliverCurrentIssue()).toEqual(["echo"]);
    const afterEcho = await refs.task(orgId, taskId).get();
    expect(afterEcho.updateTime?.isEqual(afterWriteBack.updateTime!)).toBe(true);

    sim.update(current(), { title: "Renamed in GitHub" }, new Date());
    expect(await deliverCurrentIssue()).toEqual(["written"]);
    expect((await refs.task(orgId, taskId).get()).data()).toMatchObject({ title: "Renamed in GitHub", status: "done" });
  });
});
