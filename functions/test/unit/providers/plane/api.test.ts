import { NotFoundError, RateLimitedError } from "../../../../src/http/errors";
import { planeProvider } from "../../../../src/providers/plane";
import type { TaskPage } from "../../../../src/providers/provider";
import { script } from "../../http/helpers";
import { API_KEY, ITEM_ID, ITEM_REF, PLANE, PROJECT, PROJECT_PATH, SLUG, fixture, planeHarness, type PlaneHarness } from "./session";

async function collect(pages: AsyncIterable<TaskPage>): Promise<TaskPage[]> {
  const out: TaskPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const page1 = fixture("work-items-page-1.json");
const page2 = fixture("work-items-page-2.json");
const ESTIMATE_ID = "550e8400-e29b-41d4-a716-446655440000";

let h: PlaneHarness;
afterEach(async () => {
  h.mock.assertNoPendingInterceptors();
  await h.mock.close();
});

describe("Plane auth headers and base URL", () => {
  it("sends a personal API key as X-API-Key, and nothing in Authorization", async () => {
    expect(planeProvider.authHeaders("k", "personal")).toEqual({ "X-API-Key": "k" });
    h = planeHarness();
    const seen = script(h.mock, PLANE, [{ status: 200, body: fixture("user-me.json") }, { status: 200, body: fixture("projects-page.json") }]);
    await planeProvider.identify(h.session);
    expect(seen[0]?.headers["x-api-key"]).toBe(API_KEY);
    expect(seen[0]?.headers["authorization"]).toBeUndefined();
  });

  it.each(["oauth", "bot"] as const)("sends a %s token as Bearer", async (kind) => {
    expect(planeProvider.authHeaders("pln_token", kind)).toEqual({ Authorization: "Bearer pln_token" });
    h = planeHarness(PLANE, kind, "pln_bot_token");
    const seen = script(h.mock, PLANE, [{ status: 200, body: fixture("user-me.json") }, { status: 200, body: fixture("projects-page.json") }]);
    await planeProvider.identify(h.session);
    expect(seen[0]?.headers["authorization"]).toBe("Bearer pln_bot_token");
    expect(seen[0]?.headers["x-api-key"]).toBeUndefined();
  });

  it("defaults to api.plane.so and follows a self-hosted base URL, linking to its own origin", async () => {
    expect(planeProvider.defaultBaseUrl).toBe("https://api.plane.so");
    const selfHosted = "https://plane.example.com";
    h = planeHarness(selfHosted);
    const seen = script(h.mock, selfHosted, [{ status: 200, body: fixture("projects-page.json") }]);
    const projects = await planeProvider.listProjects(h.session);
    expect(seen[0]?.url.pathname).toBe("/api/v1/workspaces/my-team/projects/");
    expect(projects[0]?.url).toBe("https://plane.example.com/my-team/projects/00918ea1-52f7-48bd-abe3-d3efe76ff7dd/issues");
  });
});

describe("Plane identify and listProjects", () => {
  it("identifies the user and keeps the workspace slug the connection gave", async () => {
    h = planeHarness();
    const seen = script(h.mock, PLANE, [{ status: 200, body: fixture("user-me.json") }, { status: 200, body: fixture("projects-page.json") }]);
    await expect(planeProvider.identify(h.session)).resolves.toEqual({
      id: "550e8400-e29b-41d4-a716-446655440000",
      name: "John Doe",
      workspaces: [SLUG],
    });
    expect(seen[0]?.url.pathname).toBe("/api/v1/users/me/");
    // The slug is confirmed against the workspace itself, with one small page.
    expect(seen[1]?.url.pathname).toBe(`/api/v1/workspaces/${SLUG}/projects/`);
    expect(seen[1]?.url.searchParams.get("per_page")).toBe("1");
  });

  it("refuses a workspace slug Plane has no readable workspace for, naming the slug and what to check", async () => {
    h = planeHarness();
    script(h.mock, PLANE, [
      { status: 200, body: fixture("user-me.json") },
      { status: 404, body: { error: "The requested resource does not exist." } },
    ]);
    const refused = planeProvider.identify(h.session);
    await expect(refused).rejects.toBeInstanceOf(NotFoundError);
    await expect(refused).rejects.toThrow(`there is no workspace "${SLUG}" that this credential can read; check the workspace slug`);
  });

  it("lists the workspace's projects, sending per_page=1000 (Plane's maximum) and the first cursor", async () => {
    h = planeHarness();
    const seen = script(h.mock, PLANE, [{ status: 200, body: fixture("projects-page.json") }]);
    await expect(planeProvider.listProjects(h.session)).resolves.toEqual([
      {
        externalId: "00918ea1-52f7-48bd-abe3-d3efe76ff7dd",
        name: "Project X",
        url: "https://app.plane.so/my-team/projects/00918ea1-52f7-48bd-abe3-d3efe76ff7dd/issues",
        providerRef: "my-team/00918ea1-52f7-48bd-abe3-d3efe76ff7dd",
      },
      {
        externalId: "550e8400-e29b-41d4-a716-446655440000",
        name: "Mobile App Development",
        url: "https://app.plane.so/my-team/projects/550e8400-e29b-41d4-a716-446655440000/issues",
        providerRef: "my-team/550e8400-e29b-41d4-a716-446655440000",
      },
    ]);
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ per_page: "1000", cursor: "1000:0:0" });
  });
});

describe("Plane listTasks", () => {
  it("pages a full pass newest-created first, expanding state, assignees and labels, with each page's cursor", async () => {
    h = planeHarness();
    const seen = script(h.mock, PLANE, [
      { status: 200, body: page1 },
      // The first item has an estimate point: the project's point estimate is read once.
      { status: 200, body: fixture("estimate.json") },
      { status: 200, body: fixture("estimate-points.json") },
      { status: 200, body: page2 },
    ]);
    const pages = await collect(planeProvider.listTasks(h.session, PROJECT, { since: null, checkpoint: null }));
    expect(pages.map((p) => p.tasks.map((t) => [t.externalId, t.status, t.estimatePoints]))).toEqual([
      [[ITEM_ID, "todo", 2]],
      [["550e8400-e29b-41d4-a716-446655440000", "done", null]],
    ]);
    expect(pages.map((p) => p.nextCheckpoint)).toEqual(["100:1:0", null]);
    expect(seen.map((s) => s.url.pathname)).toEqual([
      `${PROJECT_PATH}/work-items/`,
      `${PROJECT_PATH}/estimates/`,
      `${PROJECT_PATH}/estimates/${ESTIMATE_ID}/estimate-points/`,
      `${PROJECT_PATH}/work-items/`,
    ]);
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({
      expand: "state,assignees,labels",
      order_by: "-created_at",
      per_page: "1000",
      cursor: "1000:0:0",
    });
    expect(seen[3]?.url.searchParams.get("cursor")).toBe("100:1:0");
    expect(pages[0]?.tasks[0]?.url).toBe(`https://app.plane.so/my-team/projects/${PROJECT.externalId}/issues/${ITEM_ID}`);
  });

  it("resumes from a checkpoint with the same page size", async () => {
    h = planeHarness();
    const seen = script(h.mock, PLANE, [{ status: 200, body: page2 }]);
    const pages = await collect(planeProvider.listTasks(h.session, PROJECT, { since: null, checkpoint: "1000:1:0" }));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url.searchParams.get("cursor")).toBe("1000:1:0");
    expect(seen[0]?.url.searchParams.get("per_page")).toBe("1000");
    expect(pages).toEqual([{ tasks: [expect.objectContaining({ status: "done" })], nextCheckpoint: null }]);
  });

  it("reads an incremental pass newest-updated first and stops at the watermark", async () => {
    h = planeHarness();
    // Page 2's item (updated 2024-01-15) is newer than the watermark; page 1's (2023-11-19) is not.
    const newestFirst = { ...page2, next_cursor: "100:1:0", next_page_results: true };
    const older = { ...page1, next_cursor: "100:2:0", next_page_results: true };
    const seen = script(h.mock, PLANE, [
      { status: 200, body: newestFirst },
      { status: 200, body: older },
    ]);
    const since = new Date("2024-01-01T00:00:00Z");
    const pages = await collect(planeProvider.listTasks(h.session, PROJECT, { since, checkpoint: null }));
    expect(seen[0]?.url.searchParams.get("order_by")).toBe("-updated_at");
    expect(pages).toEqual([
      { tasks: [expect.objectContaining({ externalId: "550e8400-e29b-41d4-a716-446655440000" })], nextCheckpoint: "100:1:0" },
      // Nothing on this page is newer: the pass ends here although Plane has more pages.
      { tasks: [], nextCheckpoint: null },
    ]);
    expect(seen).toHaveLength(2);
  });

  it("gives no points, without failing, when the project's estimate cannot be read", async () => {
    h = planeHarness();
    script(h.mock, PLANE, [
      { status: 200, body: { ...page1, next_page_results: false } },
      { status: 403, body: { error: "You do not have permission to perform this action." } },
    ]);
    const pages = await collect(planeProvider.listTasks(h.session, PROJECT, { since: null, checkpoint: null }));
    expect(pages[0]?.tasks[0]).toMatchObject({ externalId: ITEM_ID, estimatePoints: null });
  });

  it("yields an empty page for a project without work items", async () => {
    h = planeHarness();
    script(h.mock, PLANE, [{ status: 200, body: { ...page1, results: [], count: 0, next_page_results: false } }]);
    await expect(collect(planeProvider.listTasks(h.session, PROJECT, { since: null, checkpoint: null }))).resolves.toEqual([
      { tasks: [], nextCheckpoint: null },
    ]);
  });
});

describe("Plane getTask", () => {
  it("fetches one work item expanded", async () => {
    h = planeHarness();
    const seen = script(h.mock, PLANE, [{ status: 200, body: fixture("work-item-completed-expanded.json") }]);
    const ref = { ...ITEM_REF, externalId: "550e8400-e29b-41d4-a716-446655440000", providerRef: `${PROJECT.externalId}/550e8400-e29b-41d4-a716-446655440000` };
    await expect(planeProvider.getTask(h.session, ref)).resolves.toMatchObject({ status: "done", parentExternalId: ITEM_ID });
    expect(seen[0]?.url.pathname).toBe(`${PROJECT_PATH}/work-items/550e8400-e29b-41d4-a716-446655440000/`);
    expect(seen[0]?.url.searchParams.get("expand")).toBe("state,assignees,labels");
  });

  it("answers null when the work item is gone", async () => {
    h = planeHarness();
    script(h.mock, PLANE, [{ status: 404, body: { error: "Work item not found" } }]);
    await expect(planeProvider.getTask(h.session, ITEM_REF)).resolves.toBeNull();
  });
});

describe("Plane rate-limit policy", () => {
  it("reads X-RateLimit-Remaining/Reset (epoch seconds) from a 429 and reports when to come back", async () => {
    h = planeHarness();
    const reset = Math.floor(Date.UTC(2026, 0, 1) / 1000) + 60;
    script(h.mock, PLANE, [{ status: 429, body: { detail: "Request was throttled." }, headers: { "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(reset) } }]);
    // The harness clock stands at 2026-01-01T00:00:00Z: a minute is longer than the client sleeps.
    const error = await planeProvider.identify(h.session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(reset * 1000));
  });
});
