import { asanaProvider } from "../../../../src/providers/asana";
import type { ProjectInfo } from "../../../../src/providers/provider";
import { fixture } from "@taskbridge/simulators";
import { collect, providerHarness } from "../shared/session-harness";

const PROJECT: ProjectInfo = { externalId: "12345", name: "Stuff to buy", url: null, providerRef: "12345" };
const ACCOUNT = { id: "12345", name: "Greg Sanchez", workspaces: ["12345"] };

const taskResponse = fixture<{ data: Record<string, unknown> }>("asana", "task.json");
const projectsPage = fixture<{ next_page: { offset: string } }>("asana", "projects.json");
const OFFSET = projectsPage.next_page.offset;

/** The documented task as a list element; further pages carry copies with other gids. */
const taskWithGid = (gid: string) => ({ ...taskResponse.data, gid });

const REQUIRED_OPT_FIELDS = [
  "name",
  "notes",
  "completed",
  "completed_at",
  "assignee",
  "due_on",
  "due_at",
  "start_on",
  "created_at",
  "modified_at",
  "actual_time_minutes",
  "memberships.section.name",
  "tags",
  "parent",
  "permalink_url",
];

describe("Asana auth headers and base URL", () => {
  it.each([
    ["personal", "2/1200000000000000/1200000000000001:abcdef"],
    ["oauth", "oauth-access-token"],
  ] as const)("sends a %s token as Bearer", async (kind, token) => {
    const h = providerHarness(asanaProvider, { token, kind });
    const seen = h.reply({ body: fixture("asana", "user-me.json") });
    await asanaProvider.identify(h.session);
    expect(seen[0]?.headers["authorization"]).toBe(`Bearer ${token}`);
  });

  it("calls the 1.0 API root by default and honours the session's base URL", async () => {
    expect(asanaProvider.defaultBaseUrl).toBe("https://app.asana.com/api/1.0");
    const h = providerHarness(asanaProvider, { baseUrl: "https://asana-proxy.example.com/api/1.0" });
    const seen = h.reply({ body: fixture("asana", "user-me.json") });
    await asanaProvider.identify(h.session);
    expect(`${seen[0]?.url.origin}${seen[0]?.url.pathname}`).toBe("https://asana-proxy.example.com/api/1.0/users/me");
  });
});

describe("Asana identify", () => {
  it("is the token's user, scoped to its workspaces", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply({ body: fixture("asana", "user-me.json") });
    await expect(asanaProvider.identify(h.session)).resolves.toEqual({ id: "12345", name: "Greg Sanchez", workspaces: ["12345"] });
    expect(seen[0]?.url.searchParams.get("opt_fields")).toBe("name,workspaces,workspaces.name");
  });
});

describe("Asana listProjects", () => {
  it("lists every workspace's unarchived projects, following the offset token", async () => {
    const h = providerHarness(asanaProvider, { account: { ...ACCOUNT, workspaces: ["12345", "67890"] } });
    const seen = h.reply(
      { body: fixture("asana", "projects.json") },
      { body: { data: [{ gid: "23456", resource_type: "project", name: "Roadmap", permalink_url: "https://app.asana.com/1/12345/project/23456" }], next_page: null } },
      { body: { data: [], next_page: null } },
    );
    const projects = await asanaProvider.listProjects(h.session);
    expect(projects).toEqual([
      { externalId: "12345", name: "Stuff to buy", url: null, providerRef: "12345" },
      { externalId: "23456", name: "Roadmap", url: "https://app.asana.com/1/12345/project/23456", providerRef: "23456" },
    ]);
    expect(seen.map((r) => [r.url.pathname, r.url.searchParams.get("workspace"), r.url.searchParams.get("offset")])).toEqual([
      ["/api/1.0/projects", "12345", null],
      ["/api/1.0/projects", "12345", OFFSET],
      ["/api/1.0/projects", "67890", null],
    ]);
    expect(seen.every((r) => r.url.searchParams.get("archived") === "false" && r.url.searchParams.get("limit") === "100")).toBe(true);
  });
});

describe("Asana listTasks", () => {
  it("pages GET /tasks?project= with limit=100 and the offset token, naming every field it maps", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply(
      { body: { data: [taskWithGid("1001")], next_page: { offset: OFFSET, path: `/tasks?project=12345&limit=100&offset=${OFFSET}`, uri: `https://app.asana.com/api/1.0/tasks?project=12345&limit=100&offset=${OFFSET}` } } },
      { body: { data: [taskWithGid("1002"), taskWithGid("1003")], next_page: { offset: "second-token" } } },
      { body: { data: [taskWithGid("1004")], next_page: null } },
    );
    const pages = await collect(asanaProvider.listTasks(h.session, PROJECT, { since: null, checkpoint: null }));

    expect(pages.map((p) => [p.tasks.map((t) => t.externalId), p.nextCheckpoint])).toEqual([
      [["1001"], OFFSET],
      [["1002", "1003"], "second-token"],
      [["1004"], null],
    ]);
    expect(seen.map((r) => r.url.searchParams.get("offset"))).toEqual([null, OFFSET, "second-token"]);
    for (const request of seen) {
      expect(request.url.pathname).toBe("/api/1.0/tasks");
      expect(request.url.searchParams.get("project")).toBe("12345");
      expect(request.url.searchParams.get("limit")).toBe("100");
      expect(request.url.searchParams.has("modified_since")).toBe(false);
      // Without completed_since Asana returns completed tasks too.
      expect(request.url.searchParams.has("completed_since")).toBe(false);
      expect(request.url.searchParams.get("opt_fields")?.split(",")).toEqual(expect.arrayContaining(REQUIRED_OPT_FIELDS));
    }
  });

  it("gives the synced project's section as the provider status when the task is in several projects", async () => {
    const h = providerHarness(asanaProvider);
    const inTwo = {
      ...taskResponse.data,
      memberships: [
        { project: { gid: "67890", resource_type: "project", name: "Roadmap" }, section: { gid: "222", resource_type: "section", name: "Doing" } },
        ...(taskResponse.data.memberships as unknown[]),
      ],
    };
    h.reply({ body: { data: [inTwo], next_page: null } });
    const [page] = await collect(asanaProvider.listTasks(h.session, PROJECT, { since: null, checkpoint: null }));
    expect(page?.tasks[0]?.providerStatus).toBe("Next Actions");
    expect(asanaProvider.normalize(inTwo).providerStatus).toBe("Doing");
  });

  it("resumes from a checkpoint and sends modified_since on an incremental pass", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply({ body: { data: [taskWithGid("1004")], next_page: null } });
    const since = new Date("2026-01-01T10:00:00.123Z");
    const pages = await collect(asanaProvider.listTasks(h.session, PROJECT, { since, checkpoint: "second-token" }));
    expect(pages).toHaveLength(1);
    expect(seen[0]?.url.searchParams.get("offset")).toBe("second-token");
    expect(seen[0]?.url.searchParams.get("modified_since")).toBe("2026-01-01T10:00:00.123Z");
  });

  it("yields one empty page for a project without tasks", async () => {
    const h = providerHarness(asanaProvider);
    h.reply({ body: { data: [], next_page: null } });
    await expect(collect(asanaProvider.listTasks(h.session, PROJECT, { since: null, checkpoint: null }))).resolves.toEqual([
      { tasks: [], nextCheckpoint: null },
    ]);
  });
});

describe("Asana getTask", () => {
  it("fetches one task with the same fields", async () => {
    const h = providerHarness(asanaProvider);
    const seen = h.reply({ body: taskResponse });
    const task = await asanaProvider.getTask(h.session, { externalId: "12345", providerRef: "12345", project: PROJECT });
    expect(task).toEqual(asanaProvider.normalize(taskResponse.data));
    expect(seen[0]?.url.pathname).toBe("/api/1.0/tasks/12345");
    expect(seen[0]?.url.searchParams.get("opt_fields")?.split(",")).toEqual(expect.arrayContaining(REQUIRED_OPT_FIELDS));
  });

  it("is null when the task is gone", async () => {
    const h = providerHarness(asanaProvider);
    h.reply({ status: 404, body: { errors: [{ message: "task: Not a recognized ID: 12345" }] } });
    await expect(asanaProvider.getTask(h.session, { externalId: "12345", providerRef: "12345", project: PROJECT })).resolves.toBeNull();
  });
});
