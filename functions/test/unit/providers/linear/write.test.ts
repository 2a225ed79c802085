import { BadRequestError, ConflictError, NotFoundError, RateLimitedError } from "../../../../src/http/errors";
import { linearProvider } from "../../../../src/providers/linear";
import { issueIdForRequest } from "../../../../src/providers/linear/issue-id";
import { T0 } from "../../http/helpers";
import { fixture } from "./fixtures";
import { TEAM, graphqlBody, linearHarness, ok } from "./session";

const ISSUE_ID = "539068e2-ae88-4d09-bd75-22eb4a59612f";
const REF = { externalId: ISSUE_ID, providerRef: ISSUE_ID, project: TEAM };

describe("linear complete", () => {
  it("moves the issue to the team's completed state with the lowest position", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("issue-with-team-states.json"), ok("issue-update-completed.json"));
    const result = await linearProvider.complete(h.session, REF);

    expect(seen).toHaveLength(2);
    expect(graphqlBody(seen[0]).variables).toEqual({ id: ISSUE_ID });
    expect(graphqlBody(seen[0]).query).toMatch(/states\(first: 100\) \{ nodes \{ id name type position \} \}/);
    const mutation = graphqlBody(seen[1]);
    expect(mutation.query).toMatch(/issueUpdate\(id: \$id, input: \{ stateId: \$stateId \}\)/);
    // "Done" (position 3), not "Released" (position 4), though Released comes first in the list.
    expect(mutation.variables).toEqual({ id: ISSUE_ID, stateId: "5e0f2b44-8a1d-4c6e-b3f7-0a9d8c7b6e52" });
    expect(result).toEqual({
      conflict: false,
      task: expect.objectContaining({
        externalId: ISSUE_ID,
        status: "done",
        providerStatus: "Done",
        completedAt: new Date("2020-01-25T10:00:00.000Z"),
      }),
    });
  });

  it("reports a conflict, writing nothing, when the issue is already completed", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("issue-with-team-states-completed.json"));
    const result = await linearProvider.complete(h.session, REF);
    expect(seen).toHaveLength(1);
    expect(result).toEqual({
      conflict: true,
      currentState: expect.objectContaining({ status: "done", providerStatus: "Done", completedAt: new Date("2020-01-22T16:45:00.000Z") }),
    });
  });

  it("reports a conflict when the issue was cancelled", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("issue-with-team-states-canceled.json"));
    const result = await linearProvider.complete(h.session, REF);
    expect(seen).toHaveLength(1);
    expect(result).toMatchObject({ conflict: true, currentState: { status: "cancelled", providerStatus: "Canceled" } });
  });

  it("throws NotFoundError for an issue Linear does not have", async () => {
    const h = linearHarness();
    h.answer({ status: 200, body: fixture("error-entity-not-found.json") });
    await expect(linearProvider.complete(h.session, REF)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("throws a ConflictError when the team has no completed state", async () => {
    const h = linearHarness();
    const body = fixture("issue-with-team-states.json") as { data: { issue: { team: { states: { nodes: { type: string }[] } } } } };
    body.data.issue.team.states.nodes = body.data.issue.team.states.nodes.filter((state) => state.type !== "completed");
    const seen = h.answer({ status: 200, body });
    await expect(linearProvider.complete(h.session, REF)).rejects.toBeInstanceOf(ConflictError);
    expect(seen).toHaveLength(1);
  });

  it("passes a rate limit on the mutation on as RateLimitedError", async () => {
    const h = linearHarness();
    h.answer(ok("issue-with-team-states.json"), {
      status: 200,
      body: fixture("error-ratelimited.json"),
      headers: { "x-ratelimit-requests-remaining": "0", "x-ratelimit-requests-reset": String(T0 + 60_000) },
    });
    await expect(linearProvider.complete(h.session, REF)).rejects.toBeInstanceOf(RateLimitedError);
  });
});

describe("linear comment", () => {
  it("creates a Markdown comment on the issue with commentCreate", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("comment-create.json"));
    await expect(linearProvider.comment(h.session, REF, "Closed from **taskbridge**.")).resolves.toEqual({
      commentId: "77217de3-fb52-4dad-bb9a-b356beb93de8",
    });
    const request = graphqlBody(seen[0]);
    expect(request.query).toMatch(/commentCreate\(input: \{ issueId: \$issueId, body: \$body \}\)/);
    expect(request.variables).toEqual({ issueId: ISSUE_ID, body: "Closed from **taskbridge**." });
  });

  it("treats success: false as a failure", async () => {
    const h = linearHarness();
    h.answer({ status: 200, body: { data: { commentCreate: { success: false, comment: null } } } });
    await expect(linearProvider.comment(h.session, REF, "hi")).rejects.toThrow(/success: false/);
  });
});

describe("linear create", () => {
  const input = {
    title: "Write the release notes",
    description: "For **v2.3**",
    assignees: ["aacdca22-6266-4c0a-ab3c-8fa70a26765c", "e7f8a9b0-c1d2-4e3f-8a4b-5c6d7e8f9a0b"],
    dueAt: new Date("2020-02-14T00:00:00.000Z"),
    clientRequestId: "req-7f3c",
  };

  it("creates the issue in the team with issueCreate and returns it normalized", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("issue-create.json"));
    const task = await linearProvider.create(h.session, TEAM, input);
    const request = graphqlBody(seen[0]);
    expect(request.query).toMatch(/issueCreate\(input: \$input\)/);
    expect(request.variables).toEqual({
      input: {
        id: issueIdForRequest("req-7f3c"),
        teamId: TEAM.externalId,
        title: "Write the release notes",
        description: "For **v2.3**",
        // Linear issues have one assignee: the first.
        assigneeId: "aacdca22-6266-4c0a-ab3c-8fa70a26765c",
        dueDate: "2020-02-14",
      },
    });
    expect(task).toMatchObject({ title: "Write the release notes", status: "todo", dueAt: new Date("2020-02-14T00:00:00.000Z") });
  });

  it("sends only what it has", async () => {
    const h = linearHarness();
    const seen = h.answer(ok("issue-create.json"));
    await linearProvider.create(h.session, TEAM, { title: "Bare", description: null, assignees: [], dueAt: null, clientRequestId: null });
    expect(graphqlBody(seen[0]).variables).toEqual({ input: { teamId: TEAM.externalId, title: "Bare" } });
  });

  it("returns the issue a lost first attempt made when the retry is refused as a duplicate id", async () => {
    const h = linearHarness();
    const existing = fixture("issue-create.json") as { data: { issueCreate: { issue: Record<string, unknown> } } };
    const seen = h.answer({ status: 200, body: fixture("error-issue-create-duplicate-id.json") }, { status: 200, body: { data: { issue: existing.data.issueCreate.issue } } });
    const task = await linearProvider.create(h.session, TEAM, input);
    expect(task.title).toBe("Write the release notes");
    expect(graphqlBody(seen[1]).variables).toEqual({ id: issueIdForRequest("req-7f3c") });
  });

  it("rethrows the refusal when no issue has that id", async () => {
    const h = linearHarness();
    h.answer({ status: 200, body: fixture("error-issue-create-duplicate-id.json") }, { status: 200, body: fixture("error-entity-not-found.json") });
    await expect(linearProvider.create(h.session, TEAM, input)).rejects.toThrow(BadRequestError);
  });

  it("derives a stable UUID v4 from the request id", () => {
    const id = issueIdForRequest("req-7f3c");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(issueIdForRequest("req-7f3c")).toBe(id);
    expect(issueIdForRequest("req-7f3d")).not.toBe(id);
  });
});
