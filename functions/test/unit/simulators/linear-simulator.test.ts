import { z } from "zod";
import { NotFoundError, RateLimitedError, UnauthorizedError } from "../../../src/http/errors";
import { linearProvider } from "../../../src/providers/linear";
import { issueIdForRequest } from "../../../src/providers/linear/issue-id";
import type { ProjectInfo, ProviderSession } from "../../../src/providers/provider";
import { LinearSimulator, parseOperation } from "@taskbridge/simulators";
import { collect, simulatorSession } from "./simulator-session";

/** Drives the Linear simulator through our Linear provider, as the sync and the write-back callables do. */
describe("LinearSimulator through the Linear provider", () => {
  const sim = new LinearSimulator({ seed: 3, teams: 2, issuesPerTeam: 530, requestsPerMinute: 10_000 });
  let session: ProviderSession;
  let project: ProjectInfo;
  const refOf = (id: string) => ({ externalId: id, providerRef: id, project });

  beforeAll(async () => {
    await sim.start();
    session = simulatorSession(linearProvider, sim.baseUrl, sim.apiKey, "personal", { id: sim.viewer.id, name: null, workspaces: [sim.data.organization.id] });
  });
  afterAll(() => sim.stop());

  it("generates the same dataset from the same seed", () => {
    expect(new LinearSimulator({ seed: 3, issuesPerTeam: 20 }).data).toEqual(new LinearSimulator({ seed: 3, issuesPerTeam: 20 }).data);
    expect(new LinearSimulator({ seed: 4 }).data.issues[0]!.id).not.toBe(new LinearSimulator({ seed: 3 }).data.issues[0]!.id);
  });

  it("reads root fields, aliases and arguments with variables", () => {
    const op = parseOperation('mutation M($id: String!) { x: issueUpdate(id: $id, input: { stateId: "s", n: [1, true, null], e: createdAt }) { success } }', { id: "abc" });
    expect(op).toEqual({ kind: "mutation", fields: [{ name: "issueUpdate", key: "x", args: { id: "abc", input: { stateId: "s", n: [1, true, null], e: "createdAt" } } }] });
  });

  it("identifies the viewer and organization, and lists teams", async () => {
    await expect(linearProvider.identify(session)).resolves.toEqual({ id: sim.viewer.id, name: sim.viewer.name, workspaces: [sim.data.organization.id] });
    const projects = await linearProvider.listProjects(session);
    expect(projects.map((p) => p.externalId)).toEqual(sim.data.teams.map((t) => t.id));
    project = projects[0]!;
    expect(project.url).toBe(`https://linear.app/simulated/team/T1/all`);
  });

  it("lists a team's issues over Relay pages of 250 (Linear's maximum), and resumes from a checkpoint", async () => {
    const pages = await collect(linearProvider.listTasks(session, project, { since: null, checkpoint: null }));
    expect(pages.map((p) => p.tasks.length)).toEqual([250, 250, 30]);
    expect(pages[2]!.nextCheckpoint).toBeNull();
    const ids = pages.flatMap((p) => p.tasks.map((t) => t.externalId));
    expect(ids).toEqual(sim.issuesOf(project.externalId).map((i) => i.id));
    const resumed = await collect(linearProvider.listTasks(session, project, { since: null, checkpoint: pages[0]!.nextCheckpoint }));
    expect(resumed.flatMap((p) => p.tasks.map((t) => t.externalId))).toEqual(ids.slice(250));
  });

  it("answers an incremental pass with filter.updatedAt.gt, without archived issues", async () => {
    const since = new Date(Date.now() - 1000);
    const [a, b, c] = sim.issuesOf(project.externalId);
    sim.update(a!.id, { title: "Renamed in Linear" });
    sim.update(b!.id, { priority: 1 });
    sim.update(c!.id, { archivedAt: new Date().toISOString() });
    const pages = await collect(linearProvider.listTasks(session, project, { since, checkpoint: null }));
    expect(pages.flatMap((p) => p.tasks.map((t) => t.externalId))).toEqual([a!.id, b!.id]);
  });

  it("gets one issue; a trashed or deleted issue is null", async () => {
    const [issue, trashed, gone] = sim.issuesOf(project.externalId).slice(3);
    await expect(linearProvider.getTask(session, refOf(issue!.id))).resolves.toMatchObject({ externalId: issue!.id, title: issue!.title });
    sim.trash(trashed!.id);
    await expect(linearProvider.getTask(session, refOf(trashed!.id))).resolves.toBeNull();
    sim.remove(gone!.id);
    await expect(linearProvider.getTask(session, refOf(gone!.id))).resolves.toBeNull();
    const full = await collect(linearProvider.listTasks(session, project, { since: null, checkpoint: null }));
    expect(full.flatMap((p) => p.tasks.map((t) => t.externalId))).not.toContain(trashed!.id);
  });

  it("completes into the team's Done state, then reports the already-done conflict; a missing issue is not found", async () => {
    const open = sim.issuesOf(project.externalId).find((i) => sim.stateOf(i).type === "unstarted")!;
    await expect(linearProvider.complete(session, refOf(open.id))).resolves.toMatchObject({ conflict: false, task: { status: "done", providerStatus: "Done" } });
    expect(sim.stateOf(sim.issue(open.id)!).type).toBe("completed");
    await expect(linearProvider.complete(session, refOf(open.id))).resolves.toMatchObject({ conflict: true, currentState: { status: "done" } });
    await expect(linearProvider.complete(session, refOf("00000000-0000-4000-8000-000000000000"))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("comments, and creates with a client-chosen id so a repeated create returns the first issue", async () => {
    const issue = sim.issuesOf(project.externalId)[8]!;
    const { commentId } = await linearProvider.comment(session, refOf(issue.id), "**From** taskbridge");
    expect(sim.issue(issue.id)!.comments).toEqual([expect.objectContaining({ id: commentId, body: "**From** taskbridge" })]);

    const input = { title: "New in Linear", description: "Body", assignees: [sim.viewer.id], dueAt: new Date("2026-06-01T00:00:00.000Z"), clientRequestId: "req-linear-1" };
    const first = await linearProvider.create(session, project, input);
    expect(first).toMatchObject({ externalId: issueIdForRequest("req-linear-1"), title: "New in Linear", assignees: [{ id: sim.viewer.id }], dueAt: input.dueAt });
    const second = await linearProvider.create(session, project, input);
    expect(second.externalId).toBe(first.externalId);
    expect(sim.data.issues.filter((i) => i.id === first.externalId)).toHaveLength(1);
  });

  it("accepts the API key raw and an OAuth token as Bearer; refuses others with AUTHENTICATION_ERROR", async () => {
    const account = session.account;
    await expect(linearProvider.identify(simulatorSession(linearProvider, sim.baseUrl, "lin_api_wrong", "personal", account))).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(linearProvider.identify(simulatorSession(linearProvider, sim.baseUrl, sim.apiKey, "oauth", account))).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(linearProvider.identify(simulatorSession(linearProvider, sim.baseUrl, sim.oauthToken, "oauth", account))).resolves.toMatchObject({ id: sim.viewer.id });
  });

  it.each([400, 200, 429] as const)("answers RATELIMITED with HTTP %i past the limit, with x-ratelimit-requests-* headers", async (status) => {
    const limited = new LinearSimulator({ seed: 1, issuesPerTeam: 1, requestsPerMinute: 1, rateLimitedStatus: status });
    await limited.start();
    try {
      const fresh = () => simulatorSession(linearProvider, limited.baseUrl, limited.apiKey, "personal", { id: "x", name: null, workspaces: [] });
      const first = await fresh().http.request({ method: "POST", path: "/graphql", json: { query: "{ viewer { id } }" }, schema: z.unknown() });
      expect(first.headers).toMatchObject({ "x-ratelimit-requests-limit": "1", "x-ratelimit-requests-remaining": "0" });
      expect(Number(first.headers["x-ratelimit-requests-reset"])).toBeGreaterThan(Date.now());
      const refused = await linearProvider.identify(fresh()).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RateLimitedError);
      expect((refused as RateLimitedError).resetAt.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await limited.stop();
    }
  });
});
