import { z } from "zod";
import { NotFoundError, RateLimitedError, ServerError, UnauthorizedError } from "../../../src/http/errors";
import { clickupProvider } from "../../../src/providers/clickup";
import type { ProjectInfo, ProviderSession } from "../../../src/providers/provider";
import { ClickUpSimulator } from "@taskbridge/simulators";
import { collect, simulatorSession } from "./simulator-session";

/** Drives the ClickUp simulator through our ClickUp provider, as the sync and the write-back callables do. */
describe("ClickUpSimulator through the ClickUp provider", () => {
  const sim = new ClickUpSimulator({ seed: 7, teams: 1, spacesPerTeam: 1, foldersPerSpace: 1, listsPerFolder: 1, folderlessListsPerSpace: 1, tasksPerList: 230, requestsPerMinute: 10_000 });
  let session: ProviderSession;
  let project: ProjectInfo;

  beforeAll(async () => {
    await sim.start();
    const teamIds = sim.data.teams.map((team) => team.id);
    session = simulatorSession(clickupProvider, `${sim.baseUrl}/api/v2`, sim.personalToken, "personal", { id: String(sim.me.id), name: null, workspaces: teamIds });
  });
  afterAll(() => sim.stop());

  it("generates the same dataset from the same seed, and another from another seed", () => {
    const again = new ClickUpSimulator({ seed: 7, tasksPerList: 230 });
    const other = new ClickUpSimulator({ seed: 8, tasksPerList: 230 });
    expect(again.data).toEqual(new ClickUpSimulator({ seed: 7, tasksPerList: 230 }).data);
    expect(again.data.tasks.map((t) => t.id)).toEqual(sim.data.tasks.map((t) => t.id));
    expect(other.data.tasks.map((t) => t.id)).not.toEqual(sim.data.tasks.map((t) => t.id));
  });

  it("identifies the user and its Workspaces, and lists foldered and folderless Lists", async () => {
    const account = await clickupProvider.identify(session);
    expect(account).toEqual({ id: String(sim.me.id), name: sim.me.username, workspaces: sim.data.teams.map((t) => t.id) });
    const projects = await clickupProvider.listProjects(session);
    expect(projects.map((p) => p.externalId).sort()).toEqual(sim.data.lists.map((l) => l.id).sort());
    project = projects.find((p) => p.externalId === sim.data.lists[0]!.id)!;
  });

  it("lists every task, closed ones included, over pages of 100, and resumes from a checkpoint", async () => {
    const pages = await collect(clickupProvider.listTasks(session, project, { since: null, checkpoint: null }));
    expect(pages.map((p) => p.tasks.length)).toEqual([100, 100, 30]);
    expect(pages.map((p) => p.nextCheckpoint)).toEqual(["1", "2", null]);
    const ids = pages.flatMap((p) => p.tasks.map((t) => t.externalId));
    expect(new Set(ids)).toEqual(new Set(sim.tasksOf(project.externalId).map((t) => t.id)));
    expect(pages.flatMap((p) => p.tasks).some((t) => t.status === "done")).toBe(true);

    const resumed = await collect(clickupProvider.listTasks(session, project, { since: null, checkpoint: "1" }));
    expect(resumed.flatMap((p) => p.tasks.map((t) => t.externalId))).toEqual(ids.slice(100));
    const listCalls = sim.requestsTo(`/api/v2/list/${project.externalId}/task`);
    expect(listCalls.at(-1)!.query.get("include_closed")).toBe("true");
    expect(listCalls.at(-1)!.query.get("subtasks")).toBe("true");
  });

  it("answers an incremental pass with only the tasks updated after `since`", async () => {
    const since = new Date(Date.now() - 1000);
    const [a, b] = sim.tasksOf(project.externalId);
    sim.update(a!.id, { name: "Renamed in ClickUp" });
    sim.update(b!.id, { tags: ["urgent"] });
    const pages = await collect(clickupProvider.listTasks(session, project, { since, checkpoint: null }));
    expect(pages.flatMap((p) => p.tasks.map((t) => t.externalId)).sort()).toEqual([a!.id, b!.id].sort());
    expect(sim.requestsTo(`/api/v2/list/${project.externalId}/task`).at(-1)!.query.get("date_updated_gt")).toBe(String(since.getTime()));
  });

  it("gets one task, and null once it is deleted", async () => {
    const [task, doomed] = sim.tasksOf(project.externalId).slice(2);
    const ref = { externalId: task!.id, providerRef: task!.id, project };
    const draft = await clickupProvider.getTask(session, ref);
    expect(draft).toMatchObject({ externalId: task!.id, title: task!.name, updatedAt: new Date(task!.dateUpdated) });
    sim.remove(doomed!.id);
    await expect(clickupProvider.getTask(session, { ...ref, externalId: doomed!.id, providerRef: doomed!.id })).resolves.toBeNull();
  });

  it("completes into the List's closed status, then reports the already-done conflict", async () => {
    const open = sim.tasksOf(project.externalId).find((t) => t.status === "to do")!;
    const ref = { externalId: open.id, providerRef: open.id, project };
    const result = await clickupProvider.complete(session, ref);
    expect(result).toMatchObject({ conflict: false, task: { status: "done", providerStatus: "complete" } });
    expect(sim.task(open.id)!.status).toBe("complete");
    expect(sim.requestsTo(`/api/v2/task/${open.id}`).some((r) => r.method === "PUT")).toBe(true);

    const again = await clickupProvider.complete(session, ref);
    expect(again).toMatchObject({ conflict: true, currentState: { status: "done" } });
  });

  it("completing a missing task is not found", async () => {
    await expect(clickupProvider.complete(session, { externalId: "nope123", providerRef: "nope123", project })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("comments and creates, and the simulator holds what was written", async () => {
    const task = sim.tasksOf(project.externalId)[5]!;
    const { commentId } = await clickupProvider.comment(session, { externalId: task.id, providerRef: task.id, project }, "From taskbridge");
    expect(sim.task(task.id)!.comments).toEqual([expect.objectContaining({ id: commentId, text: "From taskbridge" })]);

    const due = new Date("2026-03-01T00:00:00.000Z");
    const created = await clickupProvider.create(session, project, { title: "New from app", description: "Body", assignees: [String(sim.me.id)], dueAt: due, clientRequestId: null });
    expect(created).toMatchObject({ title: "New from app", description: "Body", status: "todo", dueAt: due, assignees: [{ id: String(sim.me.id) }] });
    expect(sim.task(created.externalId)).toMatchObject({ listId: project.externalId, name: "New from app" });
  });

  it("refuses a wrong token with ClickUp's 401, and an OAuth token works only as Bearer", async () => {
    const wrong = simulatorSession(clickupProvider, `${sim.baseUrl}/api/v2`, "pk_wrong", "personal", session.account);
    await expect(clickupProvider.identify(wrong)).rejects.toBeInstanceOf(UnauthorizedError);
    const rawOAuth = simulatorSession(clickupProvider, `${sim.baseUrl}/api/v2`, sim.oauthToken, "personal", session.account);
    await expect(clickupProvider.identify(rawOAuth)).rejects.toBeInstanceOf(UnauthorizedError);
    const oauth = simulatorSession(clickupProvider, `${sim.baseUrl}/api/v2`, sim.oauthToken, "oauth", session.account);
    await expect(clickupProvider.identify(oauth)).resolves.toMatchObject({ id: String(sim.me.id) });
  });

  it("reports the budget in X-RateLimit-* headers and answers 429 past the per-minute limit", async () => {
    const limited = new ClickUpSimulator({ seed: 7, tasksPerList: 1, requestsPerMinute: 2 });
    await limited.start();
    try {
      // A fresh session per call: one that has read "remaining: 0" paces itself and never sends.
      const fresh = () => simulatorSession(clickupProvider, `${limited.baseUrl}/api/v2`, limited.personalToken, "personal", { id: "1", name: null, workspaces: [] });
      const first = await fresh().http.request({ method: "GET", path: "/team", schema: z.unknown() });
      expect(first.headers).toMatchObject({ "x-ratelimit-limit": "2", "x-ratelimit-remaining": "1" });
      const reset = Number(first.headers["x-ratelimit-reset"]);
      expect(reset).toBeGreaterThan(Date.now() / 1000);
      await fresh().http.request({ method: "GET", path: "/team", schema: z.unknown() });
      const refused = await clickupProvider.identify(fresh()).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RateLimitedError);
      // The client adds the wait to its own clock's now, which may have ticked a millisecond since.
      expect(Math.abs((refused as RateLimitedError).resetAt.getTime() - reset * 1000)).toBeLessThan(100);
      expect(limited.requests).toHaveLength(3);
    } finally {
      await limited.stop();
    }
  });

  it("fails on demand through the base's fault injection", async () => {
    sim.fail({ matches: (r) => r.path === "/api/v2/team", status: 500, body: { err: "Internal", ECODE: "APP_500" }, times: 1 });
    await expect(clickupProvider.identify(session)).rejects.toBeInstanceOf(ServerError);
    await expect(clickupProvider.identify(session)).resolves.toMatchObject({ id: String(sim.me.id) });
  });
});
