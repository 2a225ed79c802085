import { ValidationError } from "../../../../src/domain/validation-error";
import { normalizeGitHubIssue, repoFullName, statusOf } from "../../../../src/providers/github/normalize";
import { fixture, octokitExample } from "@taskbridge/simulators";

/** GitHub's documented REST issue examples. */
const restIssueItems = fixture<Array<Record<string, unknown>>>("github", "rest-issue-items.json");

/** The issue of a recorded webhook payload, closed with `reason` the way GitHub records a close. */
function closedIssue(reason: string | null): Record<string, unknown> {
  // issues.deleted carries a recorded closed issue (closed_at set, from before state_reason existed).
  const issue = octokitExample("issues", "deleted").issue as Record<string, unknown>;
  return reason === null ? issue : { ...issue, state_reason: reason };
}

describe("GitHub normalize", () => {
  it("maps every field of the documented REST issue example", () => {
    expect(normalizeGitHubIssue(restIssueItems[0])).toEqual({
      externalId: "1",
      providerRef: "octocat/Hello-World#1347",
      title: "Found a bug",
      description: "I'm having a problem with this.",
      url: "https://github.com/octocat/Hello-World/issues/1347",
      // Documented with state_reason "completed" while open: the state decides.
      status: "todo",
      providerStatus: "open",
      assignees: [{ id: "1", name: "octocat" }],
      labels: ["bug"],
      priority: null,
      createdAt: new Date("2011-04-22T13:33:48Z"),
      updatedAt: new Date("2011-04-22T13:33:48Z"),
      startAt: null,
      dueAt: new Date("2012-10-09T23:39:01Z"),
      completedAt: null,
      timeSpentMinutes: null,
      timeEstimateMinutes: null,
      estimatePoints: null,
      parentExternalId: null,
    });
  });

  it("maps every field of a recorded issues.opened payload's issue", () => {
    expect(normalizeGitHubIssue(octokitExample("issues", "opened").issue)).toEqual({
      externalId: "444500041",
      providerRef: "Codertocat/Hello-World#1",
      title: "Spelling error in the README file",
      description: "It looks like you accidently spelled 'commit' with two 't's.",
      url: "https://github.com/Codertocat/Hello-World/issues/1",
      status: "todo",
      providerStatus: "open",
      assignees: [{ id: "21031067", name: "Codertocat" }],
      labels: ["bug"],
      priority: null,
      createdAt: new Date("2019-05-15T15:20:18Z"),
      updatedAt: new Date("2019-05-15T15:20:18Z"),
      startAt: null,
      dueAt: new Date("2019-05-23T07:00:00Z"),
      completedAt: null,
      timeSpentMinutes: null,
      timeEstimateMinutes: null,
      estimatePoints: null,
      parentExternalId: null,
    });
  });

  it("maps a closed issue without a reason (recorded before state_reason existed) to done", () => {
    const draft = normalizeGitHubIssue(closedIssue(null));
    expect(draft).toMatchObject({
      status: "done",
      providerStatus: "closed",
      description: "",
      createdAt: new Date("2021-07-05T18:05:24Z"),
      updatedAt: new Date("2021-10-11T16:40:56Z"),
      completedAt: new Date("2021-07-05T18:07:10Z"),
    });
  });

  it("maps closed as completed to done and closed as not planned to cancelled, keeping the reason", () => {
    expect(normalizeGitHubIssue(closedIssue("completed"))).toMatchObject({ status: "done", providerStatus: "closed:completed" });
    expect(normalizeGitHubIssue(closedIssue("not_planned"))).toMatchObject({
      status: "cancelled",
      providerStatus: "closed:not_planned",
      completedAt: new Date("2021-07-05T18:07:10Z"),
    });
    expect(normalizeGitHubIssue(closedIssue("duplicate"))).toMatchObject({ status: "cancelled" });
  });

  it("reads the status rule on its own", () => {
    expect(statusOf("open", "reopened")).toBe("todo");
    expect(statusOf("closed", null)).toBe("done");
    expect(statusOf("closed", "completed")).toBe("done");
    expect(statusOf("closed", "not_planned")).toBe("cancelled");
  });

  it("accepts labels given as bare names, as the REST schema allows", () => {
    const issue = { ...(octokitExample("issues", "opened").issue as object), labels: ["bug", "help wanted"] };
    expect(normalizeGitHubIssue(issue).labels).toEqual(["bug", "help wanted"]);
  });

  it("reads owner/repo from GitHub Enterprise Server repository URLs", () => {
    expect(repoFullName("https://ghe.example.com/api/v3/repos/acme/widgets")).toBe("acme/widgets");
    const issue = {
      ...(octokitExample("issues", "opened").issue as object),
      repository_url: "https://ghe.example.com/api/v3/repos/acme/widgets",
    };
    expect(normalizeGitHubIssue(issue).providerRef).toBe("acme/widgets#1");
  });

  it("rejects an issue missing a field we use, naming the field and not its value", () => {
    const { state: _state, ...issue } = octokitExample("issues", "opened").issue as Record<string, unknown>;
    expect(() => normalizeGitHubIssue(issue)).toThrow(ValidationError);
    expect(() => normalizeGitHubIssue(issue)).toThrow(/state/);
  });
});
