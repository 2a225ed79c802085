import { z } from "zod";
import { NotFoundError, RateLimitedError, ServerError, UnauthorizedError } from "../../../src/http/errors";
import { planeProvider } from "../../../src/providers/plane";
import type { ProjectInfo, ProviderSession } from "../../../src/providers/provider";
import { PlaneSimulator } from "@taskbridge/simulators";
import { collect, simulatorSession } from "./simulator-session";

/** Drives the Plane simulator through our Plane provider, as the sync and the write-back callables do. */
describe("PlaneSimulator through the Plane provider", () => {
  const sim = new PlaneSimulator({ seed: 11, projects: 2, itemsPerProject: 2030, requestsPerMinute: 10_000 });
  let session: ProviderSession;
  let project: ProjectInfo;
  const refOf = (itemId: string) => ({ externalId: itemId, providerRef: `${project.externalId}/${itemId}`, project });

  beforeAll(async () => {
    await sim.start();
    session = simulatorSession(planeProvider, sim.baseUrl, sim.apiKey, "personal", { id: sim.me.id, name: null, workspaces: [sim.slug] });
  });
  afterAll(() => sim.stop());

  it("generates the same dataset from the same seed", () => {
    expect(new PlaneSimulator({ seed: 11, itemsPerProject: 230 }).data).toEqual(new PlaneSimulator({ seed: 11, itemsPerProject: 230 }).data);
    expect(new PlaneSimulator({ seed: 12, itemsPerProject: 230 }).data.items[0]!.id).not.toBe(sim.data.items[0]!.id);
  });

  it("identifies the user with the workspace slug, and lists the workspace's projects", async () => {
    await expect(planeProvider.identify(session)).resolves.toEqual({ id: sim.me.id, name: sim.me.display_name, workspaces: [sim.slug] });
    const projects = await planeProvider.listProjects(session);
    expect(projects.map((p) => p.externalId)).toEqual(sim.data.projects.map((p) => p.id));
    project = projects[0]!;
    expect(project.providerRef).toBe(`${sim.slug}/${project.externalId}`);
  });

  it("lists every work item over cursor pages of 1000 (Plane's maximum), expanded, and resumes from a checkpoint", async () => {
    const pages = await collect(planeProvider.listTasks(session, project, { since: null, checkpoint: null }));
    expect(pages.map((p) => p.tasks.length)).toEqual([1000, 1000, 30]);
    expect(pages.map((p) => p.nextCheckpoint)).toEqual(["1000:1:0", "1000:2:0", null]);
    const ids = pages.flatMap((p) => p.tasks.map((t) => t.externalId));
    expect(new Set(ids)).toEqual(new Set(sim.itemsOf(project.externalId).map((i) => i.id)));
    const first = sim.item(ids[0]!)!;
    expect(pages[0]!.tasks[0]).toMatchObject({ providerStatus: sim.stateOf(first).name, createdAt: new Date(first.created_at) });

    const resumed = await collect(planeProvider.listTasks(session, project, { since: null, checkpoint: "1000:1:0" }));
    expect(resumed.flatMap((p) => p.tasks.map((t) => t.externalId))).toEqual(ids.slice(1000));
    const last = sim.requestsTo(`/api/v1/workspaces/${sim.slug}/projects/${project.externalId}/work-items/`).at(-1)!;
    expect(Object.fromEntries(last.query)).toMatchObject({ expand: "state,assignees,labels", order_by: "-created_at", per_page: "1000", cursor: "1000:2:0" });
  });

  it("resumes a checkpoint saved under the old page size of 100 without skipping an item", async () => {
    const ids = (await collect(planeProvider.listTasks(session, project, { since: null, checkpoint: null }))).flatMap((p) => p.tasks.map((t) => t.externalId));
    // "100:12:0" is item 1200 on; Plane reads page 12 of 1000 from item 12000 when per_page=1000 is sent with it.
    const resumed = await collect(planeProvider.listTasks(session, project, { since: null, checkpoint: "100:12:0" }));
    const resumedIds = resumed.flatMap((p) => p.tasks.map((t) => t.externalId));
    expect(resumedIds).toEqual(ids.slice(1000));
    expect(resumedIds).toEqual(expect.arrayContaining(ids.slice(1200)));
  });

  it("refuses a page larger than Plane's maximum, as Plane's paginator does", async () => {
    const res = await fetch(`${sim.baseUrl}/api/v1/workspaces/${sim.slug}/projects/${project.externalId}/work-items/?per_page=1001`, { headers: { "x-api-key": sim.apiKey } });
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toEqual({ error: "Invalid per_page value. Cannot exceed 1000." });
  });

  it("serves an incremental pass newest-updated first, so the provider stops at the watermark", async () => {
    const since = new Date(Date.now() - 1000);
    const [a, b] = sim.itemsOf(project.externalId);
    sim.update(a!.id, { name: "Renamed in Plane" });
    sim.update(b!.id, { priority: "urgent" });
    const before = sim.requests.length;
    const pages = await collect(planeProvider.listTasks(session, project, { since, checkpoint: null }));
    expect(pages.flatMap((p) => p.tasks.map((t) => t.externalId)).sort()).toEqual([a!.id, b!.id].sort());
    expect(sim.requests.length - before).toBe(1);
    expect(sim.requests.at(-1)!.query.get("order_by")).toBe("-updated_at");
  });

  it("gets one work item, and null once it is deleted", async () => {
    const [item, doomed] = sim.itemsOf(project.externalId).slice(2);
    await expect(planeProvider.getTask(session, refOf(item!.id))).resolves.toMatchObject({ externalId: item!.id, title: item!.name });
    sim.remove(doomed!.id);
    await expect(planeProvider.getTask(session, refOf(doomed!.id))).resolves.toBeNull();
  });

  it("completes into the first completed-group state, then reports the already-done conflict", async () => {
    const open = sim.itemsOf(project.externalId).find((i) => sim.stateOf(i).group === "unstarted")!;
    const result = await planeProvider.complete(session, refOf(open.id));
    expect(result).toMatchObject({ conflict: false, task: { status: "done", providerStatus: "Done" } });
    expect(sim.stateOf(sim.item(open.id)!).group).toBe("completed");
    expect(sim.item(open.id)!.completed_at).not.toBeNull();
    await expect(planeProvider.complete(session, refOf(open.id))).resolves.toMatchObject({ conflict: true, currentState: { status: "done" } });
    await expect(planeProvider.complete(session, refOf("00000000-0000-4000-8000-000000000000"))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("comments as HTML, and holds the comment", async () => {
    const item = sim.itemsOf(project.externalId)[6]!;
    const { commentId } = await planeProvider.comment(session, refOf(item.id), "Line one\nLine <two>");
    expect(sim.item(item.id)!.comments).toEqual([expect.objectContaining({ id: commentId, comment_html: "<p>Line one</p><p>Line &lt;two&gt;</p>" })]);
  });

  it("creates with external_id; a repeated create is answered 409 and resolves to the first item", async () => {
    const input = { title: "From the app", description: "Body", assignees: [sim.me.id], dueAt: new Date("2026-04-01T00:00:00.000Z"), clientRequestId: "req-plane-1" };
    const first = await planeProvider.create(session, project, input);
    expect(first).toMatchObject({ title: "From the app", assignees: [{ id: sim.me.id }], dueAt: input.dueAt });
    const second = await planeProvider.create(session, project, input);
    expect(second.externalId).toBe(first.externalId);
    expect(sim.itemsOf(project.externalId).filter((i) => i.external_id === "req-plane-1")).toHaveLength(1);
    const posts = sim.requests.filter((r) => r.method === "POST" && r.path === `/api/v1/workspaces/${sim.slug}/projects/${project.externalId}/work-items/`);
    expect(posts).toHaveLength(2);
  });

  it("accepts the API key only in X-API-Key and an OAuth token only as Bearer; refuses others with 401", async () => {
    const account = session.account;
    await expect(planeProvider.identify(simulatorSession(planeProvider, sim.baseUrl, "plane_api_wrong", "personal", account))).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(planeProvider.identify(simulatorSession(planeProvider, sim.baseUrl, sim.apiKey, "oauth", account))).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(planeProvider.identify(simulatorSession(planeProvider, sim.baseUrl, sim.oauthToken, "oauth", account))).resolves.toMatchObject({ id: sim.me.id });
  });

  it("reports X-RateLimit-Remaining/-Reset and answers 429 with Retry-After past the limit", async () => {
    const limited = new PlaneSimulator({ seed: 1, itemsPerProject: 1, requestsPerMinute: 1 });
    await limited.start();
    try {
      const fresh = () => simulatorSession(planeProvider, limited.baseUrl, limited.apiKey, "personal", { id: "x", name: null, workspaces: [limited.slug] });
      const first = await fresh().http.request({ method: "GET", path: "/api/v1/users/me/", schema: z.unknown() });
      expect(first.headers["x-ratelimit-remaining"]).toBe("0");
      expect(Number(first.headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
      const refused = await planeProvider.identify(fresh()).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RateLimitedError);
      expect((refused as RateLimitedError).providerMessage).toMatch(/throttled/);
    } finally {
      await limited.stop();
    }
  });

  it("fails on demand through the base's fault injection", async () => {
    sim.fail({ matches: (r) => r.path === "/api/v1/users/me/", status: 503, body: { error: "maintenance" }, times: 1 });
    await expect(planeProvider.identify(session)).rejects.toBeInstanceOf(ServerError);
  });
});
