import { z } from "zod";
import { NotFoundError, RateLimitedError, UnauthorizedError } from "../../../src/http/errors";
import { asanaProvider } from "../../../src/providers/asana";
import type { ProjectInfo, ProviderSession } from "../../../src/providers/provider";
import { AsanaSimulator, selectOptFields } from "@taskbridge/simulators";
import { collect, simulatorSession } from "./simulator-session";

/** Drives the Asana simulator through our Asana provider, as the sync and the write-back callables do. */
describe("AsanaSimulator through the Asana provider", () => {
  const sim = new AsanaSimulator({ seed: 5, workspaces: 1, projectsPerWorkspace: 2, tasksPerProject: 230, requestsPerMinute: 10_000 });
  let session: ProviderSession;
  let project: ProjectInfo;
  const refOf = (gid: string) => ({ externalId: gid, providerRef: gid, project });

  beforeAll(async () => {
    await sim.start();
    session = simulatorSession(asanaProvider, `${sim.baseUrl}/api/1.0`, sim.token, "personal", { id: sim.me.gid, name: null, workspaces: sim.data.workspaces.map((w) => w.gid) });
  });
  afterAll(() => sim.stop());

  it("generates the same dataset from the same seed", () => {
    expect(new AsanaSimulator({ seed: 5, tasksPerProject: 20 }).data).toEqual(new AsanaSimulator({ seed: 5, tasksPerProject: 20 }).data);
    expect(new AsanaSimulator({ seed: 6 }).data.tasks[0]!.gid).not.toBe(new AsanaSimulator({ seed: 5 }).data.tasks[0]!.gid);
  });

  it("keeps only the opt_fields named, with gid and resource_type on every record", () => {
    const record = { gid: "1", resource_type: "task", name: "n", notes: "x", assignee: { gid: "2", resource_type: "user", name: "A", email: "e" } };
    expect(selectOptFields(record, "notes,assignee")).toEqual({ gid: "1", resource_type: "task", notes: "x", assignee: { gid: "2", resource_type: "user" } });
    expect(selectOptFields(record, "assignee.name")).toEqual({ gid: "1", resource_type: "task", assignee: { gid: "2", resource_type: "user", name: "A" } });
    expect(selectOptFields(record, null)).toEqual({ gid: "1", resource_type: "task", name: "n" });
  });

  it("identifies the user and its workspaces, and lists their projects", async () => {
    await expect(asanaProvider.identify(session)).resolves.toEqual({ id: sim.me.gid, name: sim.me.name, workspaces: sim.data.workspaces.map((w) => w.gid) });
    const projects = await asanaProvider.listProjects(session);
    expect(projects.map((p) => p.externalId)).toEqual(sim.data.projects.map((p) => p.gid));
    project = projects[0]!;
  });

  it("lists every task over pages of 100 with opaque offsets, sections included, and resumes from a checkpoint", async () => {
    const pages = await collect(asanaProvider.listTasks(session, project, { since: null, checkpoint: null }));
    expect(pages.map((p) => p.tasks.length)).toEqual([100, 100, 30]);
    expect(pages[2]!.nextCheckpoint).toBeNull();
    const ids = pages.flatMap((p) => p.tasks.map((t) => t.externalId));
    expect(ids).toEqual(sim.tasksOf(project.externalId).map((t) => t.gid));
    expect(new Set(pages.flatMap((p) => p.tasks.map((t) => t.providerStatus)))).toEqual(new Set(["To do", "Doing", "Done"]));

    const resumed = await collect(asanaProvider.listTasks(session, project, { since: null, checkpoint: pages[0]!.nextCheckpoint }));
    expect(resumed.flatMap((p) => p.tasks.map((t) => t.externalId))).toEqual(ids.slice(100));
  });

  it("refuses an offset token from another listing", async () => {
    const pages = await collect(asanaProvider.listTasks(session, project, { since: null, checkpoint: null }));
    const other = await asanaProvider.listProjects(session).then((all) => all[1]!);
    await expect(collect(asanaProvider.listTasks(session, other, { since: null, checkpoint: pages[0]!.nextCheckpoint }))).rejects.toThrow(/pagination token is invalid/);
  });

  it("answers an incremental pass with modified_since", async () => {
    const since = new Date(Date.now() - 1000);
    const [a, b] = sim.tasksOf(project.externalId);
    sim.update(a!.gid, { name: "Renamed in Asana" });
    sim.update(b!.gid, { notes: "edited" });
    const pages = await collect(asanaProvider.listTasks(session, project, { since, checkpoint: null }));
    expect(pages.flatMap((p) => p.tasks.map((t) => t.externalId))).toEqual([a!.gid, b!.gid]);
    expect(sim.requests.at(-1)!.query.get("modified_since")).toBe(since.toISOString());
  });

  it("gets one task, and null once it is deleted", async () => {
    const [task, doomed] = sim.tasksOf(project.externalId).slice(2);
    await expect(asanaProvider.getTask(session, refOf(task!.gid))).resolves.toMatchObject({ externalId: task!.gid, title: task!.name, updatedAt: new Date(task!.modified_at) });
    sim.remove(doomed!.gid);
    await expect(asanaProvider.getTask(session, refOf(doomed!.gid))).resolves.toBeNull();
  });

  it("completes with completed=true, then reports the already-done conflict; a missing task is not found", async () => {
    const open = sim.tasksOf(project.externalId).find((t) => !t.completed)!;
    await expect(asanaProvider.complete(session, refOf(open.gid))).resolves.toMatchObject({ conflict: false, task: { status: "done" } });
    expect(sim.task(open.gid)).toMatchObject({ completed: true, completed_at: expect.any(String) });
    await expect(asanaProvider.complete(session, refOf(open.gid))).resolves.toMatchObject({ conflict: true, currentState: { status: "done" } });
    await expect(asanaProvider.complete(session, refOf("1"))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("comments as a story and creates in the project", async () => {
    const task = sim.tasksOf(project.externalId)[7]!;
    const { commentId } = await asanaProvider.comment(session, refOf(task.gid), "From taskbridge");
    expect(sim.task(task.gid)!.stories).toEqual([expect.objectContaining({ gid: commentId, text: "From taskbridge" })]);

    const due = new Date("2026-05-01T12:00:00.000Z");
    const created = await asanaProvider.create(session, project, { title: "New in Asana", description: "Notes", assignees: [sim.me.gid], dueAt: due, clientRequestId: null });
    expect(created).toMatchObject({ title: "New in Asana", description: "Notes", dueAt: due, assignees: [{ id: sim.me.gid, name: sim.me.name }], providerStatus: "To do" });
    expect(sim.tasksOf(project.externalId).at(-1)!.gid).toBe(created.externalId);
  });

  it("refuses an unknown token with Asana's 401", async () => {
    await expect(asanaProvider.identify(simulatorSession(asanaProvider, `${sim.baseUrl}/api/1.0`, "wrong", "personal", session.account))).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(asanaProvider.identify(simulatorSession(asanaProvider, `${sim.baseUrl}/api/1.0`, sim.tokens[1]!, "oauth", session.account))).resolves.toMatchObject({ id: sim.me.gid });
  });

  it("sends no budget headers, and answers 429 with Retry-After past the limit", async () => {
    const limited = new AsanaSimulator({ seed: 1, tasksPerProject: 1, requestsPerMinute: 1 });
    await limited.start();
    try {
      const fresh = () => simulatorSession(asanaProvider, `${limited.baseUrl}/api/1.0`, limited.token, "personal", { id: "x", name: null, workspaces: [] });
      const first = await fresh().http.request({ method: "GET", path: "/users/me", schema: z.unknown() });
      expect(Object.keys(first.headers).filter((h) => h.startsWith("x-ratelimit"))).toEqual([]);
      const refused = await asanaProvider.identify(fresh()).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RateLimitedError);
      expect((refused as RateLimitedError).resetAt.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await limited.stop();
    }
  });
});
