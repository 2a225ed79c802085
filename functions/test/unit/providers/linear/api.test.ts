import { BadRequestError, InvalidResponseError, RateLimitedError, UnauthorizedError } from "../../../../src/http/errors";
import { linearProvider } from "../../../../src/providers/linear";
import { T0 } from "../../http/helpers";
import { fixture } from "./fixtures";
import { API_KEY, TEAM, collect, graphqlBody, linearHarness, ok } from "./session";

const ISSUE_REF = { externalId: "539068e2-ae88-4d09-bd75-22eb4a59612f", providerRef: "539068e2-ae88-4d09-bd75-22eb4a59612f", project: TEAM };

describe("linear auth headers", () => {
  it("sends a personal API key raw, without Bearer", async () => {
    const h = linearHarness(API_KEY, "personal");
    const seen = h.answer(ok("viewer.json"));
    await linearProvider.identify(h.session);
    expect(seen[0]?.headers.authorization).toBe(API_KEY);
  });

  it("sends an OAuth access token as Bearer", async () => {
    const h = linearHarness("lin_oauth_8f3a1c5e7b9d2f4a6c8e0b1d3f5a7c9e", "oauth");
    const seen = h.answer(ok("viewer.json"));
    await linearProvider.identify(h.session);
    expect(seen[0]?.headers.authorization).toBe("Bearer lin_oauth_8f3a1c5e7b9d2f4a6c8e0b1d3f5a7c9e");
  });

  it("uses Bearer for any other credential kind", () => {
    expect(linearProvider.authHeaders("tok", "bot")).toEqual({ Authorization: "Bearer tok" });
  });
});

describe("linear identify", () => {
  it("returns the viewer as the account, scoped to its organization", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("viewer.json"));
    await expect(linearProvider.identify(h.session)).resolves.toEqual({
      id: "aacdca22-6266-4c0a-ab3c-8fa70a26765c",
      name: "Any User",
      workspaces: ["1e9ef7b2-8e2a-4c51-a1ab-46f3d7c3ef5e"],
    });
    expect(seen[0]).toMatchObject({ method: "POST", path: "/graphql" });
    expect(graphqlBody(seen[0]).query).toMatch(/viewer \{ id name \}[\s\S]*organization \{ id name urlKey \}/);
  });
});

describe("linear listProjects", () => {
  it("lists every team across pages as a project", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("teams-page-1.json"), ok("teams-page-2.json"));
    const projects = await linearProvider.listProjects(h.session);
    expect(projects).toEqual([
      { externalId: TEAM.externalId, name: "Linear", url: "https://linear.app/linear/team/LIN/all", providerRef: TEAM.externalId },
      {
        externalId: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b",
        name: "Design",
        url: "https://linear.app/linear/team/DES/all",
        providerRef: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b",
      },
      {
        externalId: "4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c",
        name: "Mobile",
        url: "https://linear.app/linear/team/MOB/all",
        providerRef: "4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c",
      },
    ]);
    expect(graphqlBody(seen[0]).variables).toEqual({ first: 250, after: null });
    expect(graphqlBody(seen[1]).variables).toEqual({ first: 250, after: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b" });
  });
});

describe("linear listTasks", () => {
  it("pages through a full pass with includeArchived, 100 a page, the team filter and no updatedAt filter", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("issues-page-1.json"), ok("issues-page-2.json"), ok("issues-page-3.json"));
    const pages = await collect(linearProvider.listTasks(h.session, TEAM, { since: null, checkpoint: null }));

    expect(pages.map((page) => page.tasks.map((task) => task.title))).toEqual([
      ["Foo bar", "Drop IE11 support"],
      // The trashed "Spam issue" on this page is left out, so a full pass tombstones it.
      ["Fix login redirect", "Customer asks for CSV export"],
      ["Dark mode", "Login redirect broken"],
    ]);
    expect(pages.map((page) => page.nextCheckpoint)).toEqual([
      "6c2d4e8f-0a1b-4c3d-8e5f-7a9b0c1d2e3f",
      "d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a",
      null,
    ]);
    expect(seen).toHaveLength(3);
    const variables = seen.map((request) => graphqlBody(request).variables);
    expect(variables[0]).toEqual({
      filter: { team: { id: { eq: TEAM.externalId } } },
      first: 250,
      includeArchived: true,
      after: null,
    });
    expect(variables[1]?.after).toBe("6c2d4e8f-0a1b-4c3d-8e5f-7a9b0c1d2e3f");
    expect(variables[2]?.after).toBe("d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a");
    expect(graphqlBody(seen[0]).query).toMatch(/orderBy: createdAt/);
  });

  it("normalizes every issue it yields", async () => {
    const h = linearHarness();
    h.answer(ok("issues-page-1.json"), ok("issues-page-2.json"), ok("issues-page-3.json"));
    const [first] = await collect(linearProvider.listTasks(h.session, TEAM, { since: null, checkpoint: null }));
    const raw = (fixture("issues-page-1.json") as { data: { issues: { nodes: unknown[] } } }).data.issues.nodes[0];
    expect(first?.tasks[0]).toEqual(linearProvider.normalize(raw));
  });

  it("resumes a pass from its checkpoint", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("issues-page-3.json"));
    const pages = await collect(linearProvider.listTasks(h.session, TEAM, { since: null, checkpoint: "d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a" }));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.tasks.map((task) => task.title)).toEqual(["Dark mode", "Login redirect broken"]);
    expect(graphqlBody(seen[0]).variables.after).toBe("d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a");
  });

  it("filters an incremental pass by updatedAt > since, without archived issues", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("issues-page-3.json"));
    const since = new Date("2020-01-22T23:59:59.000Z");
    await collect(linearProvider.listTasks(h.session, TEAM, { since, checkpoint: null }));
    expect(graphqlBody(seen[0]).variables).toEqual({
      filter: { team: { id: { eq: TEAM.externalId } }, updatedAt: { gt: "2020-01-22T23:59:59.000Z" } },
      first: 250,
      includeArchived: false,
      after: null,
    });
  });

  it("yields one empty last page for a team without issues", async () => {
    const h = linearHarness();
    h.answer(ok("issues-empty.json"));
    await expect(collect(linearProvider.listTasks(h.session, TEAM, { since: null, checkpoint: null }))).resolves.toEqual([
      { tasks: [], nextCheckpoint: null },
    ]);
  });

  it("keeps the pages already yielded when a later page is rate limited", async () => {
    const h = linearHarness();
    const reset = T0 + 20 * 60_000;
    h.answer(ok("issues-page-1.json"), { status: 200, body: fixture("error-ratelimited.json"), headers: { "x-ratelimit-requests-remaining": "0", "x-ratelimit-requests-reset": String(reset) } });
    const yielded: (string | null)[] = [];
    const run = async (): Promise<void> => {
      for await (const page of linearProvider.listTasks(h.session, TEAM, { since: null, checkpoint: null })) yielded.push(page.nextCheckpoint);
    };
    await expect(run()).rejects.toBeInstanceOf(RateLimitedError);
    expect(yielded).toEqual(["6c2d4e8f-0a1b-4c3d-8e5f-7a9b0c1d2e3f"]);
  });

  it("rejects a page whose issue does not match the schema", async () => {
    const h = linearHarness();
    const page = fixture("issues-page-1.json") as { data: { issues: { nodes: Record<string, unknown>[] } } };
    const broken = { data: { issues: { ...page.data.issues, nodes: [{ ...page.data.issues.nodes[0], state: null }] } } };
    h.answer({ status: 200, body: broken });
    await expect(collect(linearProvider.listTasks(h.session, TEAM, { since: null, checkpoint: null }))).rejects.toBeInstanceOf(InvalidResponseError);
  });
});

describe("linear GraphQL errors", () => {
  it("turns RATELIMITED in errors[] of an HTTP 200 into a RateLimitedError carrying the reset time", async () => {
    const h = linearHarness();
    const reset = T0 + 45 * 60_000;
    h.answer({ status: 200, body: fixture("error-ratelimited.json"), headers: { "x-ratelimit-requests-remaining": "0", "x-ratelimit-requests-reset": String(reset) } });
    const error = await linearProvider.identify(h.session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(reset));
  });

  it("reads the reset header in epoch seconds as well", async () => {
    const h = linearHarness();
    const resetSeconds = T0 / 1000 + 600;
    h.answer({ status: 400, body: fixture("error-ratelimited.json"), headers: { "x-ratelimit-requests-remaining": "0", "x-ratelimit-requests-reset": String(resetSeconds) } });
    const error = await linearProvider.identify(h.session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(resetSeconds * 1000));
  });

  it("turns AUTHENTICATION_ERROR on HTTP 200 into an UnauthorizedError that does not contain the key", async () => {
    const h = linearHarness();
    h.answer({ status: 200, body: fixture("error-authentication.json") });
    const error = await linearProvider.identify(h.session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(String((error as Error).message)).not.toContain(API_KEY);
  });

  it("turns any other GraphQL error on HTTP 200 into a BadRequestError naming Linear's message", async () => {
    const h = linearHarness();
    h.answer({ status: 200, body: fixture("error-issue-create-duplicate-id.json") });
    const error = await linearProvider.listProjects(h.session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).providerMessage).toBe("Argument Validation Error");
  });
});

describe("linear getTask", () => {
  it("fetches one issue by id", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("issue.json"));
    const task = await linearProvider.getTask(h.session, ISSUE_REF);
    expect(task).toEqual(linearProvider.normalize((fixture("issue.json") as { data: { issue: unknown } }).data.issue));
    expect(graphqlBody(seen[0]).variables).toEqual({ id: ISSUE_REF.externalId });
  });

  it("returns null for an issue Linear does not have, or has in the trash", async () => {
    const h = linearHarness();
    h.answer({ status: 200, body: fixture("error-entity-not-found.json") }, ok("issue-trashed.json"));
    await expect(linearProvider.getTask(h.session, ISSUE_REF)).resolves.toBeNull();
    await expect(linearProvider.getTask(h.session, ISSUE_REF)).resolves.toBeNull();
  });

  it("still throws other errors", async () => {
    const h = linearHarness();
    h.answer({ status: 200, body: fixture("error-authentication.json") });
    await expect(linearProvider.getTask(h.session, ISSUE_REF)).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
