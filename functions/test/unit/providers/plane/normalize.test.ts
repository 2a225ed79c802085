import { ValidationError } from "../../../../src/domain/validation-error";
import { normalizePlaneWorkItem, statusOfGroup, toDraft } from "../../../../src/providers/plane/normalize";
import { PlaneWorkItemSchema } from "../../../../src/providers/plane/schemas";
import { ITEM_ID, PROJECT, fixture } from "./session";

const expanded = fixture("work-item-expanded.json");
const completed = fixture("work-item-completed-expanded.json");
const states = fixture<{ results: Array<Record<string, unknown>> }>("states-page.json").results;
const CONTEXT = {
  // The documented estimate points: "…0010" is 1 point, "…0011" is 2.
  points: new Map(fixture<Array<{ id: string; value: string }>>("estimate-points.json").map((p) => [p.id, Number(p.value)])),
  workspaceUrl: "https://app.plane.so/my-team",
};

const parse = (raw: unknown) => PlaneWorkItemSchema.parse(raw);

describe("Plane normalize", () => {
  it("maps every field of the documented work item, expanded", () => {
    expect(toDraft(parse(expanded), CONTEXT)).toEqual({
      externalId: ITEM_ID,
      providerRef: `${PROJECT.externalId}/${ITEM_ID}`,
      title: "First Work Item",
      description: "<p></p>",
      url: `https://app.plane.so/my-team/projects/${PROJECT.externalId}/issues/${ITEM_ID}`,
      status: "todo",
      providerStatus: "Ideation",
      assignees: [{ id: "550e8400-e29b-41d4-a716-446655440000", name: "John Doe" }],
      labels: ["bug"],
      priority: null,
      createdAt: new Date("2023-11-19T11:56:55.176Z"),
      updatedAt: new Date("2023-11-19T11:56:55.176Z"),
      startAt: new Date("2023-09-01T00:00:00.000Z"),
      dueAt: new Date("2023-10-04T00:00:00.000Z"),
      completedAt: null,
      timeSpentMinutes: null,
      timeEstimateMinutes: null,
      estimatePoints: 2,
      parentExternalId: null,
    });
  });

  it("maps a completed sub-item: done, completed_at, priority and parent", () => {
    expect(toDraft(parse(completed), CONTEXT)).toEqual({
      externalId: "550e8400-e29b-41d4-a716-446655440000",
      providerRef: `${PROJECT.externalId}/550e8400-e29b-41d4-a716-446655440000`,
      title: "Implement user authentication",
      description: "<p>Add OAuth 2.0 authentication flow</p>",
      url: `https://app.plane.so/my-team/projects/${PROJECT.externalId}/issues/550e8400-e29b-41d4-a716-446655440000`,
      status: "done",
      providerStatus: "Done",
      assignees: [],
      labels: [],
      priority: "high",
      createdAt: new Date("2024-01-15T10:30:00Z"),
      updatedAt: new Date("2024-01-15T10:30:00Z"),
      startAt: null,
      dueAt: null,
      completedAt: new Date("2024-01-15T10:30:00Z"),
      timeSpentMinutes: null,
      timeEstimateMinutes: null,
      estimatePoints: null,
      parentExternalId: ITEM_ID,
    });
  });

  it("maps the status from the state group and keeps the state's name", () => {
    const withState = (name: string) => {
      const state = states.find((s) => s["name"] === name);
      return normalizePlaneWorkItem({ ...expanded, state });
    };
    expect(withState("Ideation")).toMatchObject({ status: "todo", providerStatus: "Ideation" });
    expect(withState("In Progress")).toMatchObject({ status: "in_progress", providerStatus: "In Progress" });
    expect(withState("Done")).toMatchObject({ status: "done", providerStatus: "Done" });
    expect(withState("Cancelled")).toMatchObject({ status: "cancelled", providerStatus: "Cancelled" });
    expect(statusOfGroup("backlog")).toBe("todo");
    expect(statusOfGroup("unstarted")).toBe("todo");
    expect(statusOfGroup("triage")).toBe("todo");
    expect(statusOfGroup("started")).toBe("in_progress");
    expect(statusOfGroup("completed")).toBe("done");
    expect(statusOfGroup("cancelled")).toBe("cancelled");
  });

  it("folds Plane's five priorities, none becoming null", () => {
    for (const priority of ["urgent", "high", "medium", "low"]) {
      expect(normalizePlaneWorkItem({ ...expanded, priority }).priority).toBe(priority);
    }
    expect(normalizePlaneWorkItem({ ...expanded, priority: "none" }).priority).toBeNull();
  });

  it("leaves the link and points unknown without a sync pass's context", () => {
    expect(normalizePlaneWorkItem(expanded)).toMatchObject({ url: null, estimatePoints: null, status: "todo" });
  });

  it("names the assignee from first and last name when there is no display name", () => {
    const [user] = expanded["assignees"] as Array<Record<string, unknown>>;
    const draft = normalizePlaneWorkItem({ ...expanded, assignees: [{ ...user, display_name: "" }] });
    expect(draft.assignees).toEqual([{ id: "550e8400-e29b-41d4-a716-446655440000", name: "John Doe" }]);
  });

  it("rejects the item without expand (state as a bare id), naming the field", () => {
    expect(() => normalizePlaneWorkItem(fixture("work-item.json"))).toThrow(ValidationError);
    expect(() => normalizePlaneWorkItem(fixture("work-item.json"))).toThrow(/state/);
  });
});
