import { clickupProvider } from "../../../../src/providers/clickup";
import type { ProjectInfo } from "../../../../src/providers/provider";
import { fixture } from "@taskbridge/simulators";
import { collect, providerHarness } from "../shared/session-harness";

const LIST: ProjectInfo = { externalId: "124", name: "Updated List Name", url: null, providerRef: "124" };
const ACCOUNT = { id: "123", name: "John Doe", workspaces: ["1234"] };

const tasksPage = fixture<{ tasks: unknown[] }>("clickup", "get-tasks.json");
const filteredPage = fixture<{ tasks: unknown[] }>("clickup", "get-filtered-team-tasks.json");
const listItem = fixture("clickup", "list-item.json");

describe("ClickUp auth headers and base URL", () => {
  it("sends a personal token (pk_…) raw in Authorization", async () => {
    const h = providerHarness(clickupProvider, { token: "pk_123_ABCDEF", kind: "personal" });
    const seen = h.reply({ body: fixture("clickup", "get-authorized-user.json") }, { body: fixture("clickup", "get-authorized-teams.json") });
    await clickupProvider.identify(h.session);
    expect(seen.map((r) => r.headers["authorization"])).toEqual(["pk_123_ABCDEF", "pk_123_ABCDEF"]);
  });

  it("sends an OAuth token as Bearer", async () => {
    const h = providerHarness(clickupProvider, { token: "oauth-access-token", kind: "oauth" });
    const seen = h.reply({ body: fixture("clickup", "get-authorized-user.json") }, { body: fixture("clickup", "get-authorized-teams.json") });
    await clickupProvider.identify(h.session);
    expect(seen[0]?.headers["authorization"]).toBe("Bearer oauth-access-token");
  });

  it("calls the API v2 root by default", async () => {
    expect(clickupProvider.defaultBaseUrl).toBe("https://api.clickup.com/api/v2");
    const h = providerHarness(clickupProvider);
    const seen = h.reply({ body: fixture("clickup", "get-authorized-user.json") }, { body: fixture("clickup", "get-authorized-teams.json") });
    await clickupProvider.identify(h.session);
    expect(seen.map((r) => r.url.href)).toEqual(["https://api.clickup.com/api/v2/user", "https://api.clickup.com/api/v2/team"]);
  });

  it("builds every path on the session's base URL, so an integration's own root is honoured", async () => {
    const h = providerHarness(clickupProvider, { baseUrl: "https://clickup-proxy.example.com/cu/api/v2" });
    const seen = h.reply({ body: fixture("clickup", "get-authorized-user.json") }, { body: fixture("clickup", "get-authorized-teams.json") });
    await clickupProvider.identify(h.session);
    expect(seen.map((r) => r.url.href)).toEqual(["https://clickup-proxy.example.com/cu/api/v2/user", "https://clickup-proxy.example.com/cu/api/v2/team"]);
  });
});

describe("ClickUp identify", () => {
  it("is the authorized user, scoped to the Workspaces (teams) the token was granted", async () => {
    const h = providerHarness(clickupProvider);
    h.reply({ body: fixture("clickup", "get-authorized-user.json") }, { body: fixture("clickup", "get-authorized-teams.json") });
    await expect(clickupProvider.identify(h.session)).resolves.toEqual({ id: "123", name: "John Doe", workspaces: ["1234"] });
  });
});

describe("ClickUp listProjects", () => {
  it("walks Workspace → Spaces → Folders → Lists and the folderless Lists, leaving archived ones out", async () => {
    const h = providerHarness(clickupProvider, { account: ACCOUNT });
    const seen = h.reply(
      { body: fixture("clickup", "get-spaces.json") }, // spaces 790, 791
      { body: fixture("clickup", "get-folders.json") }, // space 790: folders 457, 458
      { body: { lists: [listItem] } }, // folder 457
      { body: { lists: [] } }, // folder 458
      { body: { lists: [] } }, // space 790 folderless
      { body: { folders: [] } }, // space 791: no folders
      { body: { lists: [{ ...(listItem as object), id: "125", name: "Folderless List" }] } }, // space 791 folderless
    );
    const projects = await clickupProvider.listProjects(h.session);
    expect(seen.map((r) => r.url.pathname)).toEqual([
      "/api/v2/team/1234/space",
      "/api/v2/space/790/folder",
      "/api/v2/folder/457/list",
      "/api/v2/folder/458/list",
      "/api/v2/space/790/list",
      "/api/v2/space/791/folder",
      "/api/v2/space/791/list",
    ]);
    expect(seen.every((r) => r.url.searchParams.get("archived") === "false")).toBe(true);
    expect(projects).toEqual([
      { externalId: "124", name: "Updated List Name", url: "https://app.clickup.com/1234/v/li/124", providerRef: "124" },
      { externalId: "125", name: "Folderless List", url: "https://app.clickup.com/1234/v/li/125", providerRef: "125" },
    ]);
    h.mock.assertNoPendingInterceptors();
  });
});

describe("ClickUp listTasks", () => {
  it("asks for closed tasks and subtasks (hidden by default) and pages until last_page", async () => {
    const h = providerHarness(clickupProvider);
    const seen = h.reply({ body: { ...tasksPage, last_page: false } }, { body: { ...filteredPage, last_page: true } });
    const pages = await collect(clickupProvider.listTasks(h.session, LIST, { since: null, checkpoint: null }));

    expect(pages.map((p) => [p.tasks.map((t) => t.externalId), p.nextCheckpoint])).toEqual([
      [["9hx", "9hz"], "1"],
      [["av1"], null],
    ]);
    for (const request of seen) {
      expect(request.url.pathname).toBe("/api/v2/list/124/task");
      expect(request.url.searchParams.get("include_closed")).toBe("true");
      expect(request.url.searchParams.get("subtasks")).toBe("true");
      expect(request.url.searchParams.has("date_updated_gt")).toBe(false);
    }
    expect(seen.map((r) => r.url.searchParams.get("page"))).toEqual(["0", "1"]);
  });

  it("treats a short page without last_page as the last (the documented examples omit it)", async () => {
    const h = providerHarness(clickupProvider);
    const seen = h.reply({ body: tasksPage });
    const pages = await collect(clickupProvider.listTasks(h.session, LIST, { since: null, checkpoint: null }));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.nextCheckpoint).toBeNull();
    expect(seen).toHaveLength(1);
  });

  it("keeps paging after a full page of 100 without last_page", async () => {
    const h = providerHarness(clickupProvider);
    const full = { tasks: Array.from({ length: 100 }, (_, i) => ({ ...(tasksPage.tasks[0] as object), id: `t${i}` })) };
    const seen = h.reply({ body: full }, { body: { tasks: [] } });
    const pages = await collect(clickupProvider.listTasks(h.session, LIST, { since: null, checkpoint: null }));
    expect(pages.map((p) => [p.tasks.length, p.nextCheckpoint])).toEqual([
      [100, "1"],
      [0, null],
    ]);
    expect(seen).toHaveLength(2);
  });

  it("resumes from a checkpoint and filters an incremental pass with date_updated_gt in milliseconds", async () => {
    const h = providerHarness(clickupProvider);
    const seen = h.reply({ body: { ...filteredPage, last_page: true } });
    const since = new Date("2026-01-01T10:00:00.123Z");
    const pages = await collect(clickupProvider.listTasks(h.session, LIST, { since, checkpoint: "3" }));
    expect(pages).toHaveLength(1);
    expect(seen[0]?.url.searchParams.get("page")).toBe("3");
    expect(seen[0]?.url.searchParams.get("date_updated_gt")).toBe(String(since.getTime()));
    expect(seen[0]?.url.searchParams.get("include_closed")).toBe("true");
    expect(seen[0]?.url.searchParams.get("subtasks")).toBe("true");
  });
});

describe("ClickUp getTask", () => {
  it("fetches and normalizes one task", async () => {
    const h = providerHarness(clickupProvider);
    const seen = h.reply({ body: filteredPage.tasks[0] });
    const task = await clickupProvider.getTask(h.session, { externalId: "av1", providerRef: "av1", project: LIST });
    expect(task).toEqual(clickupProvider.normalize(filteredPage.tasks[0]));
    expect(seen[0]?.url.pathname).toBe("/api/v2/task/av1");
  });

  it("is null when ClickUp no longer has the task", async () => {
    const h = providerHarness(clickupProvider);
    h.reply({ status: 404, body: { err: "Task not found", ECODE: "ITEM_013" } });
    await expect(clickupProvider.getTask(h.session, { externalId: "gone", providerRef: "gone", project: LIST })).resolves.toBeNull();
  });

  it("passes other errors on", async () => {
    const h = providerHarness(clickupProvider);
    h.reply({ status: 401, body: { err: "Token invalid", ECODE: "OAUTH_025" } });
    await expect(clickupProvider.getTask(h.session, { externalId: "av1", providerRef: "av1", project: LIST })).rejects.toMatchObject({
      kind: "unauthorized",
    });
  });
});
