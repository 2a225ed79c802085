import { NotFoundError } from "../../../../src/http/errors";
import { githubProvider } from "../../../../src/providers/github";
import type { ProjectInfo } from "../../../../src/providers/provider";
import { script } from "../../http/helpers";
import { octokitExample } from "@taskbridge/simulators";
import { GITHUB, githubHarness, type GitHubHarness } from "./session";

const HELLO_WORLD: ProjectInfo = {
  externalId: "186853002",
  name: "Codertocat/Hello-World",
  url: "https://github.com/Codertocat/Hello-World",
  providerRef: "Codertocat/Hello-World",
};
const ref = { externalId: "444500041", providerRef: "Codertocat/Hello-World#1", project: HELLO_WORLD };

const openIssue = (): Record<string, unknown> => octokitExample("issues", "opened").issue as Record<string, unknown>;
/** The recorded closed issue (issues.deleted), closed with `reason` as GitHub records it. */
const closedIssue = (reason: string): Record<string, unknown> => ({
  ...(octokitExample("issues", "deleted").issue as Record<string, unknown>),
  state_reason: reason,
});

let h: GitHubHarness;
beforeEach(() => {
  h = githubHarness();
});
afterEach(async () => {
  h.mock.assertNoPendingInterceptors();
  await h.mock.close();
});

describe("GitHub complete", () => {
  it("closes an open issue as completed and returns it done", async () => {
    const seen = script(h.mock, GITHUB, [
      { status: 200, body: openIssue() },
      { status: 200, body: closedIssue("completed") },
    ]);
    const result = await githubProvider.complete(h.session, ref);
    expect(result).toEqual({ conflict: false, task: expect.objectContaining({ externalId: "444500041", status: "done", providerStatus: "closed:completed" }) });
    expect(seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual(["GET /repos/Codertocat/Hello-World/issues/1", "PATCH /repos/Codertocat/Hello-World/issues/1"]);
    expect(JSON.parse(seen[1]?.body ?? "null")).toEqual({ state: "closed", state_reason: "completed" });
  });

  it.each([
    ["completed", "done"],
    ["not_planned", "cancelled"],
  ])("reports a conflict, without writing, when the issue is already closed (%s)", async (reason, status) => {
    const seen = script(h.mock, GITHUB, [{ status: 200, body: closedIssue(reason) }]);
    const result = await githubProvider.complete(h.session, ref);
    expect(result).toEqual({ conflict: true, currentState: expect.objectContaining({ externalId: "444500041", status }) });
    expect(seen.map((s) => s.method)).toEqual(["GET"]);
  });

  it("throws NotFoundError when the issue is gone", async () => {
    script(h.mock, GITHUB, [{ status: 410, body: { message: "This issue was deleted" } }]);
    await expect(githubProvider.complete(h.session, ref)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("GitHub comment", () => {
  it("posts the text as the comment body and returns the comment id", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 201, body: octokitExample("issue_comment", "created").comment }]);
    await expect(githubProvider.comment(h.session, ref, "You are totally right! I'll get this fixed right away.")).resolves.toEqual({
      commentId: "492700400",
    });
    expect(`${seen[0]?.method} ${seen[0]?.url.pathname}`).toBe("POST /repos/Codertocat/Hello-World/issues/1/comments");
    expect(JSON.parse(seen[0]?.body ?? "null")).toEqual({ body: "You are totally right! I'll get this fixed right away." });
  });
});

describe("GitHub create", () => {
  it("opens an issue, assigning by login looked up from the numeric user id", async () => {
    const seen = script(h.mock, GITHUB, [
      { status: 200, body: octokitExample("issues", "opened").sender },
      { status: 201, body: openIssue() },
    ]);
    const task = await githubProvider.create(h.session, HELLO_WORLD, {
      title: "Spelling error in the README file",
      description: "It looks like you accidently spelled 'commit' with two 't's.",
      assignees: ["21031067"],
      dueAt: new Date("2019-05-23T07:00:00Z"),
      clientRequestId: "req-1",
    });
    expect(seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual(["GET /user/21031067", "POST /repos/Codertocat/Hello-World/issues"]);
    // GitHub issues have no due date nor idempotency key: neither is sent.
    expect(JSON.parse(seen[1]?.body ?? "null")).toEqual({
      title: "Spelling error in the README file",
      body: "It looks like you accidently spelled 'commit' with two 't's.",
      assignees: ["Codertocat"],
    });
    expect(task).toMatchObject({ externalId: "444500041", providerRef: "Codertocat/Hello-World#1", status: "todo" });
  });

  it("sends only the title when there is no description or assignee", async () => {
    const seen = script(h.mock, GITHUB, [{ status: 201, body: openIssue() }]);
    await githubProvider.create(h.session, HELLO_WORLD, { title: "Bare", description: null, assignees: [], dueAt: null, clientRequestId: null });
    expect(JSON.parse(seen[0]?.body ?? "null")).toEqual({ title: "Bare" });
  });
});
