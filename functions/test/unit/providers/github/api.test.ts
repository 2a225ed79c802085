import { RateLimitedError } from "../../../../src/http/errors";
import { githubProvider } from "../../../../src/providers/github";
import type { ProjectInfo, TaskPage } from "../../../../src/providers/provider";
import { script } from "../../http/helpers";
import { fixture, octokitExample } from "@taskbridge/simulators";
import { GITHUB, TOKEN, githubHarness, type GitHubHarness } from "./session";

/** GitHub's documented REST issue examples. */
const restIssueItems = fixture<Array<Record<string, unknown>>>("github", "rest-issue-items.json");

const issueOf = (event: string, action: string, index = 0, variant?: string): Record<string, unknown> =>
  octokitExample(event, action, index, variant).issue as Record<string, unknown>;

const HELLO_WORLD: ProjectInfo = {
  externalId: "186853002",
  name: "Codertocat/Hello-World",
  url: "https://github.com/Codertocat/Hello-World",
  providerRef: "Codertocat/Hello-World",
};

async function collect(pages: AsyncIterable<TaskPage>): Promise<TaskPage[]> {
  const out: TaskPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

let h: GitHubHarness;
afterEach(async () => {
  h.mock.assertNoPendingInterceptors();
  await h.mock.close();
});

describe("GitHub auth headers and base URL", () => {
  it("sends a personal access token and an OAuth token the same way, as Bearer, with the pinned API version", async () => {
    expect(githubProvider.authHeaders("tok", "personal")).toEqual(githubProvider.authHeaders("tok", "oauth"));
    h = githubHarness(GITHUB, "oauth");
    const seen = script(h.mock, GITHUB, [{ status: 200, body: octokitExample("issues", "opened").sender }]);
    await githubProvider.identify(h.session);
    expect(seen[0]?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
    });
  });

  it("defaults to api.github.com and follows a GitHub Enterprise Server base URL", async () => {
    expect(githubProvider.defaultBaseUrl).toBe("https://api.github.com");
    const ghes = "https://octocoders.github.io";
    h = githubHarness(`${ghes}/api/v3`);
    // A recorded GHES 3.5 issue: its API URLs carry the /api/v3 prefix.
    const issue = issueOf("issue_comment", "created", 0, "ghes-35");
    const seen = script(h.mock, ghes, [{ status: 200, body: [issue] }]);
    const pages = await collect(githubProvider.listTasks(h.session, HELLO_WORLD, { since: null, checkpoint: null }));
    expect(seen[0]?.url.pathname).toBe("/api/v3/repos/Codertocat/Hello-World/issues");
    expect(pages[0]?.tasks[0]).toMatchObject({ externalId: "10", providerRef: "Codertocat/Hello-World#1" });
  });
});

describe("GitHub identify and listProjects", () => {
  it("identifies the token's user", async () => {
    h = githubHarness();
    const seen = script(h.mock, GITHUB, [{ status: 200, body: octokitExample("issues", "opened").sender }]);
    await expect(githubProvider.identify(h.session)).resolves.toEqual({ id: "21031067", name: "Codertocat", workspaces: [] });
    expect(seen[0]?.url.pathname).toBe("/user");
  });

  it("lists every repository the token sees across Link-header pages, leaving out those with issues turned off", async () => {
    h = githubHarness();
    const next = `${GITHUB}/user/repos?per_page=100&sort=full_name&page=2`;
    const seen = script(h.mock, GITHUB, [
      {
        status: 200,
        body: [octokitExample("issues", "opened").repository, octokitExample("ping", undefined).repository],
        headers: { link: `<${next}>; rel="next", <${next}>; rel="last"` },
      },
      { status: 200, body: [octokitExample("issues", "transferred").repository] },
    ]);
    await expect(githubProvider.listProjects(h.session)).resolves.toEqual([
      HELLO_WORLD,
      { externalId: "17273051", name: "octo-org/octo-repo", url: "https://github.com/octo-org/octo-repo", providerRef: "octo-org/octo-repo" },
    ]);
    expect(seen.map((s) => s.url.pathname)).toEqual(["/user/repos", "/user/repos"]);
    expect(seen[0]?.url.searchParams.get("per_page")).toBe("100");
    expect(seen[1]?.url.searchParams.get("page")).toBe("2");
  });
});

describe("GitHub listTasks", () => {
  const page2 = `${GITHUB}/repositories/186853002/issues?state=all&sort=created&direction=asc&per_page=100&page=2`;

  it("pages through all issues of every state, drops pull requests, and gives each page's checkpoint", async () => {
    h = githubHarness();
    const seen = script(h.mock, GITHUB, [
      {
        status: 200,
        // A recorded issue, a recorded pull request and the documented (pull request) list item.
        body: [issueOf("issues", "opened"), issueOf("issues", "demilestoned"), restIssueItems[0]],
        headers: { link: `<${page2}>; rel="next"` },
      },
      { status: 200, body: [issueOf("issues", "transferred")] },
    ]);
    const pages = await collect(githubProvider.listTasks(h.session, HELLO_WORLD, { since: null, checkpoint: null }));
    expect(pages.map((p) => p.tasks.map((t) => t.externalId))).toEqual([["444500041"], ["512748900"]]);
    expect(pages.map((p) => p.nextCheckpoint)).toEqual([page2, null]);
    expect(seen[0]?.url.pathname).toBe("/repos/Codertocat/Hello-World/issues");
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ state: "all", sort: "created", direction: "asc", per_page: "100" });
    expect(seen[1]?.url.href).toBe(page2);
  });

  it("sends `since` (ISO 8601) for an incremental pass", async () => {
    h = githubHarness();
    const seen = script(h.mock, GITHUB, [{ status: 200, body: [issueOf("issues", "opened")] }]);
    const since = new Date("2019-05-15T00:00:00Z");
    const pages = await collect(githubProvider.listTasks(h.session, HELLO_WORLD, { since, checkpoint: null }));
    expect(seen[0]?.url.searchParams.get("since")).toBe("2019-05-15T00:00:00.000Z");
    expect(seen[0]?.url.searchParams.get("state")).toBe("all");
    expect(pages).toHaveLength(1);
  });

  it("resumes from a checkpoint by requesting exactly that page", async () => {
    h = githubHarness();
    const seen = script(h.mock, GITHUB, [{ status: 200, body: [issueOf("issues", "transferred")] }]);
    const pages = await collect(githubProvider.listTasks(h.session, HELLO_WORLD, { since: null, checkpoint: page2 }));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url.href).toBe(page2);
    expect(pages).toEqual([{ tasks: [expect.objectContaining({ externalId: "512748900" })], nextCheckpoint: null }]);
  });

  it("yields an empty page for a repository without issues", async () => {
    h = githubHarness();
    script(h.mock, GITHUB, [{ status: 200, body: [] }]);
    await expect(collect(githubProvider.listTasks(h.session, HELLO_WORLD, { since: null, checkpoint: null }))).resolves.toEqual([
      { tasks: [], nextCheckpoint: null },
    ]);
  });

  it("resolves sub-issues' parents: from the same page for free, otherwise with one request per parent", async () => {
    h = githubHarness();
    const parentOnPage = issueOf("issues", "opened");
    const elsewhere = "https://api.github.com/repos/octo-org/hello-world-npm/issues/1";
    const child = (parentUrl: string, id: number): Record<string, unknown> => ({
      ...issueOf("issues", "edited"),
      id,
      url: `https://api.github.com/repos/Codertocat/Hello-World/issues/${id}`,
      parent_issue_url: parentUrl,
    });
    const seen = script(h.mock, GITHUB, [
      { status: 200, body: [parentOnPage, child(String(parentOnPage.url), 9001), child(elsewhere, 9002), child(elsewhere, 9003)] },
      { status: 200, body: issueOf("issues", "transferred") },
    ]);
    const [page] = await collect(githubProvider.listTasks(h.session, HELLO_WORLD, { since: null, checkpoint: null }));
    expect(page?.tasks.map((t) => [t.externalId, t.parentExternalId])).toEqual([
      ["444500041", null],
      ["9001", "444500041"],
      ["9002", "512748900"],
      ["9003", "512748900"],
    ]);
    expect(seen.map((s) => s.url.href)).toEqual([expect.stringContaining("/repos/Codertocat/Hello-World/issues?"), elsewhere]);
  });
});

describe("GitHub getTask", () => {
  const ref = { externalId: "444500041", providerRef: "Codertocat/Hello-World#1", project: HELLO_WORLD };

  it("fetches one issue by owner/repo#number", async () => {
    h = githubHarness();
    const seen = script(h.mock, GITHUB, [{ status: 200, body: issueOf("issues", "opened") }]);
    await expect(githubProvider.getTask(h.session, ref)).resolves.toMatchObject({ externalId: "444500041", status: "todo" });
    expect(seen[0]?.url.pathname).toBe("/repos/Codertocat/Hello-World/issues/1");
  });

  it.each([404, 410])("answers null when GitHub answers %i", async (status) => {
    h = githubHarness();
    script(h.mock, GITHUB, [{ status, body: { message: "Not Found" } }]);
    await expect(githubProvider.getTask(h.session, ref)).resolves.toBeNull();
  });

  it("answers null for a pull request", async () => {
    h = githubHarness();
    script(h.mock, GITHUB, [{ status: 200, body: issueOf("issues", "milestoned") }]);
    await expect(githubProvider.getTask(h.session, ref)).resolves.toBeNull();
  });
});

describe("GitHub rate-limit policy", () => {
  it("reads a spent budget from x-ratelimit-* (403 + remaining 0) and reports when to come back", async () => {
    h = githubHarness();
    const reset = Math.floor(h.clock.now() / 1000) + 3600;
    script(h.mock, GITHUB, [
      { status: 403, body: { message: "API rate limit exceeded" }, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) } },
    ]);
    const error = await githubProvider.identify(h.session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(reset * 1000));
  });
});
