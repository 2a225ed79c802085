import type { TaskDraft } from "../../../../src/domain/task";
import { TaskDraftSchema } from "../../../../src/domain/task";
import { ValidationError } from "../../../../src/domain/validation-error";
import { normalizeIssue, priorityFromLevel, statusFromStateType } from "../../../../src/providers/linear/normalize";
import { fixture } from "./fixtures";

interface IssuesPage {
  data: { issues: { nodes: Record<string, unknown>[] } };
}

function node(page: string, index: number): Record<string, unknown> {
  return (fixture(page) as IssuesPage).data.issues.nodes[index] as Record<string, unknown>;
}

describe("linear normalizeIssue", () => {
  it("maps every field of a started, assigned, labelled, estimated sub-issue", () => {
    const draft = normalizeIssue(node("issues-page-1.json", 0));
    const expected: TaskDraft = {
      externalId: "539068e2-ae88-4d09-bd75-22eb4a59612f",
      providerRef: "539068e2-ae88-4d09-bd75-22eb4a59612f",
      title: "Foo bar",
      description: "The foo should bar when the baz is **on**.\n\n- [ ] reproduce\n- [ ] fix",
      url: "https://linear.app/linear/issue/LIN-1778/foo-bar",
      status: "in_progress",
      providerStatus: "In Progress",
      assignees: [{ id: "aacdca22-6266-4c0a-ab3c-8fa70a26765c", name: "Any User" }],
      labels: ["Bug", "Frontend"],
      priority: "high",
      createdAt: new Date("2020-01-23T12:50:02.311Z"),
      updatedAt: new Date("2020-01-24T09:12:45.903Z"),
      startAt: new Date("2020-01-23T15:04:11.720Z"),
      dueAt: new Date("2020-02-07T00:00:00.000Z"),
      completedAt: null,
      timeSpentMinutes: null,
      timeEstimateMinutes: null,
      estimatePoints: 3,
      parentExternalId: "8f45f8e0-3e1c-4b7f-9a4c-1b0f5f2d9c10",
    };
    expect(draft).toEqual(expected);
    expect(TaskDraftSchema.parse(draft)).toEqual(expected);
  });

  it("maps a cancelled, unassigned, unprioritised issue and dates its closing by canceledAt", () => {
    const draft = normalizeIssue(node("issues-page-1.json", 1));
    expect(draft).toMatchObject({
      status: "cancelled",
      providerStatus: "Canceled",
      assignees: [],
      labels: [],
      priority: null,
      description: null,
      estimatePoints: null,
      dueAt: null,
      startAt: null,
      parentExternalId: null,
      completedAt: new Date("2020-01-22T11:00:00.000Z"),
    });
  });

  it("maps a completed urgent issue with completedAt", () => {
    const draft = normalizeIssue(node("issues-page-2.json", 0));
    expect(draft).toMatchObject({
      status: "done",
      providerStatus: "Done",
      priority: "urgent",
      description: "",
      estimatePoints: 1,
      completedAt: new Date("2020-01-22T16:45:00.000Z"),
      assignees: [{ id: "e7f8a9b0-c1d2-4e3f-8a4b-5c6d7e8f9a0b", name: "Second User" }],
    });
  });

  it("maps triage to todo with low priority, and backlog to todo with medium priority", () => {
    expect(normalizeIssue(node("issues-page-2.json", 1))).toMatchObject({ status: "todo", providerStatus: "Triage", priority: "low" });
    expect(normalizeIssue(node("issues-page-3.json", 0))).toMatchObject({ status: "todo", providerStatus: "Backlog", priority: "medium", estimatePoints: 5 });
  });

  it("maps a duplicate to cancelled, closed at its canceledAt", () => {
    expect(normalizeIssue(node("issues-page-3.json", 1))).toMatchObject({
      status: "cancelled",
      providerStatus: "Duplicate",
      completedAt: new Date("2020-01-23T10:00:00.000Z"),
    });
  });

  it("gives no completedAt to an open issue that still carries one from before it was reopened", () => {
    const reopened = { ...node("issues-page-1.json", 0), completedAt: "2020-01-23T18:00:00.000Z" };
    expect(normalizeIssue(reopened).completedAt).toBeNull();
  });

  it("folds each state type and priority level", () => {
    expect(["triage", "backlog", "unstarted", "started", "completed", "canceled", "duplicate"].map((t) => statusFromStateType(t as never))).toEqual([
      "todo",
      "todo",
      "todo",
      "in_progress",
      "done",
      "cancelled",
      "cancelled",
    ]);
    expect([0, 1, 2, 3, 4].map(priorityFromLevel)).toEqual([null, "urgent", "high", "medium", "low"]);
  });

  it("rejects an unknown state type, an out-of-range priority and a bad date with a ValidationError", () => {
    const issue = node("issues-page-1.json", 0);
    expect(() => normalizeIssue({ ...issue, state: { id: "s", name: "Weird", type: "paused" } })).toThrow(ValidationError);
    expect(() => normalizeIssue({ ...issue, priority: 7 })).toThrow(ValidationError);
    expect(() => normalizeIssue({ ...issue, dueDate: "07/02/2020" })).toThrow(ValidationError);
    expect(() => normalizeIssue({ ...issue, updatedAt: undefined })).toThrow(/linear issue: updatedAt/);
  });

  it("ignores fields it does not use", () => {
    const issue = (fixture("issue.json") as { data: { issue: Record<string, unknown> } }).data.issue;
    expect(normalizeIssue({ ...issue, branchName: "anyuser/lin-1778-foo-bar", sortOrder: -85.67 })).toEqual(normalizeIssue(issue));
  });
});
