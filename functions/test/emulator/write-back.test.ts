/**
 * The write-back callables (completeTask, commentOnTask, createTask) on the emulators, for all
 * five providers against their simulators: success, the already-done conflict, not found, a
 * permission error, rate limiting, createTask idempotency, and a non-member.
 */
import { randomUUID } from "node:crypto";
import type { NormalizedTask } from "../../src/domain/task";
import { refs } from "../../src/store/refs";
import { isEchoOfOurWrite } from "../../src/store/write-ledger";
import { publishSyncRequest, seedIntegration, seedOrg, waitForEndedRuns } from "@taskbridge/emulator-support";
import { callCallable, type ProviderCase, providerCases, signUp, startCases } from "@taskbridge/simulators";

const TASKS_PER_PROJECT = 12;
const CASES = providerCases(TASKS_PER_PROJECT, 40);

let orgId: string;
let member: { uid: string; idToken: string };
let outsider: { uid: string; idToken: string };
const integrations = new Map<string, string>();

beforeAll(async () => {
  await startCases(CASES, TASKS_PER_PROJECT);
  const owner = await signUp(`owner-${randomUUID().slice(0, 8)}@example.com`);
  member = await signUp(`member-${randomUUID().slice(0, 8)}@example.com`);
  outsider = await signUp(`outsider-${randomUUID().slice(0, 8)}@example.com`);
  orgId = await seedOrg(owner.uid, member.uid);
  await seedOrg(outsider.uid); // a member of another org only
  const since = new Date();
  for (const c of CASES) {
    const integrationId = await seedIntegration({ orgId, provider: c.provider, ...c.connection() });
    integrations.set(c.provider, integrationId);
    await publishSyncRequest({ orgId, integrationId, trigger: "initial", mode: "full", requestId: "write-back-initial" });
  }
  for (const c of CASES) await waitForEndedRuns(orgId, integrations.get(c.provider)!, since, c.projects, 90_000);
});

afterAll(() => Promise.all(CASES.map((c) => c.sim.stop())));

/** Open tasks of the case's integration, as stored after the initial sync. */
async function openTasks(c: ProviderCase): Promise<NormalizedTask[]> {
  const snapshot = await refs.tasks(orgId).where("integrationId", "==", integrations.get(c.provider)!).get();
  return snapshot.docs
    .map((doc) => doc.data())
    .filter((task) => !task.deleted && (task.status === "todo" || task.status === "in_progress"))
    .sort((a, b) => a.id.localeCompare(b.id));
}

describe.each(CASES.map((c) => [c.provider, c] as const))("write-back to %s", (_provider, c) => {
  it("completes a task there and here, then reports the already-done conflict", async () => {
    const [task] = await openTasks(c);
    const done = await callCallable("completeTask", { orgId, taskId: task!.id }, member.idToken);
    expect(done.error).toBeUndefined();
    expect(done.result).toMatchObject({ conflict: false, task: { id: task!.id, status: "done" } });
    expect(c.isDone(task!.externalId)).toBe(true);
    const stored = (await refs.task(orgId, task!.id).get()).data()!;
    expect(stored.status).toBe("done");
    expect(stored.updatedAt.getTime()).toBeGreaterThanOrEqual(task!.updatedAt.getTime());
    // The write is in the ledger under the provider's version, so its webhook echo will be skipped
    // (the skip itself is tested in webhooks-apply.test.ts).
    const version = { providerUpdatedAt: stored.updatedAt, fieldsHash: null };
    expect(await isEchoOfOurWrite(orgId, task!.id, version, new Date())).toBe(true);

    const again = await callCallable("completeTask", { orgId, taskId: task!.id }, member.idToken);
    expect(again.result).toMatchObject({ conflict: true, currentState: { id: task!.id, status: "done" } });
  });

  it("comments on a task and returns the provider's comment id", async () => {
    const [, task] = await openTasks(c);
    const res = await callCallable("commentOnTask", { orgId, taskId: task!.id, text: "Looked into it." }, member.idToken);
    expect(res.error).toBeUndefined();
    expect((res.result as { commentId: string }).commentId).toMatch(/\S/);
  });

  it("creates a task once for one clientRequestId, and it is stored at once", async () => {
    const projects = await refs.projects(orgId, integrations.get(c.provider)!).get();
    const before = c.externalIds().length;
    const input = { orgId, integrationId: integrations.get(c.provider)!, projectId: projects.docs[0]!.id, title: "Written from the app", description: "via taskbridge", clientRequestId: `req-${randomUUID()}` };
    const first = await callCallable("createTask", input, member.idToken);
    expect(first.error).toBeUndefined();
    const created = first.result as { taskId: string; sourceId: string; url: string | null };
    expect(created.taskId).toBe(`${c.provider}:${created.sourceId}`);
    const second = await callCallable("createTask", input, member.idToken);
    expect(second.result).toEqual(created);
    expect(c.externalIds().length).toBe(before + 1);
    expect((await refs.task(orgId, created.taskId).get()).data()).toMatchObject({ title: "Written from the app", deleted: false, provider: c.provider });
  });

  it("turns a task the provider no longer has into not-found and a tombstone", async () => {
    const [, , task] = await openTasks(c);
    c.remove(task!.externalId);
    const res = await callCallable("completeTask", { orgId, taskId: task!.id }, member.idToken);
    expect(res.error?.status).toBe("NOT_FOUND");
    expect((await refs.task(orgId, task!.id).get()).data()!.deleted).toBe(true);
  });

  it("passes a permission error on as failed-precondition with the provider's message", async () => {
    const [, , , task] = await openTasks(c);
    c.sim.fail({ matches: () => true, status: 403, body: { message: "You do not have access", err: "You do not have access", errors: [{ message: "You do not have access" }] }, times: 1 });
    const res = await callCallable("completeTask", { orgId, taskId: task!.id }, member.idToken);
    expect(res.error?.status).toBe("FAILED_PRECONDITION");
    expect(res.error?.message).toMatch(/You do not have access/);
    expect(c.isDone(task!.externalId)).toBe(false);
  });

  it("answers resource-exhausted with the retry-after when rate limited", async () => {
    const [, , , task] = await openTasks(c);
    c.sim.fail({ matches: () => true, status: 429, headers: { "retry-after": "120" }, body: { message: "rate limited" }, times: 1 });
    const res = await callCallable("completeTask", { orgId, taskId: task!.id }, member.idToken);
    expect(res.error?.status).toBe("RESOURCE_EXHAUSTED");
    const details = (res.error as { details?: { retryAfterSeconds: number } }).details;
    expect(details?.retryAfterSeconds).toBeGreaterThan(100);
    expect(details?.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it("refuses a caller who is not a member of the org", async () => {
    const [, , , task] = await openTasks(c);
    const res = await callCallable("completeTask", { orgId, taskId: task!.id }, outsider.idToken);
    expect(res.error?.status).toBe("PERMISSION_DENIED");
    expect(c.isDone(task!.externalId)).toBe(false);
  });
});

describe("write-back input", () => {
  it("rejects an over-long comment before anything reaches a provider", async () => {
    const c = CASES[0]!;
    const [task] = await openTasks(c);
    const requestsBefore = c.sim.requests.length;
    const res = await callCallable("commentOnTask", { orgId, taskId: task!.id, text: "x".repeat(20_001) }, member.idToken);
    expect(res.error?.status).toBe("INVALID_ARGUMENT");
    expect(c.sim.requests.length).toBe(requestsBefore);
  });
});
