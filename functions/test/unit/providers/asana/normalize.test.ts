import { ValidationError } from "../../../../src/domain/validation-error";
import { asanaProvider } from "../../../../src/providers/asana";
import { toDraft } from "../../../../src/providers/asana/normalize";
import { AsanaTaskSchema } from "../../../../src/providers/asana/schemas";
import { fixture } from "@taskbridge/simulators";

/** The documented TaskResponse example (developers.asana.com, generated from Asana/openapi). */
const task = fixture<{ data: Record<string, unknown> }>("asana", "task.json").data;

describe("Asana normalize (documented TaskResponse example)", () => {
  it("maps every field", () => {
    expect(asanaProvider.normalize(task)).toEqual({
      externalId: "12345",
      providerRef: "12345",
      title: "Bug Task",
      description: "Mittens really likes the stuff from Humboldt.",
      url: "https://app.asana.com/1/12345/task/123456789",
      status: "todo",
      providerStatus: "Next Actions",
      assignees: [{ id: "12345", name: "Greg Sanchez" }],
      labels: ["Grade A"],
      priority: null,
      createdAt: new Date("2012-02-22T02:06:58.147Z"),
      updatedAt: new Date("2012-02-22T02:06:58.147Z"),
      startAt: new Date("2019-09-14T02:06:58.147Z"),
      dueAt: new Date("2019-09-15T02:06:58.147Z"),
      // The example carries a completed_at on an incomplete task; an incomplete task has no completion.
      completedAt: null,
      timeSpentMinutes: 200,
      timeEstimateMinutes: null,
      estimatePoints: null,
      parentExternalId: "12345",
    });
  });

  it("maps completed to done with its completion time", () => {
    expect(asanaProvider.normalize({ ...task, completed: true })).toMatchObject({
      status: "done",
      completedAt: new Date("2012-02-22T02:06:58.147Z"),
    });
  });

  it("reads a bare due_on / start_on day as midnight UTC when there is no time", () => {
    expect(asanaProvider.normalize({ ...task, due_at: null, start_at: null })).toMatchObject({
      dueAt: new Date("2019-09-15T00:00:00.000Z"),
      startAt: new Date("2019-09-14T00:00:00.000Z"),
    });
  });

  it("has no assignee, tags, parent, time or dates when Asana has none", () => {
    const bare = { ...task, assignee: null, tags: [], parent: null, actual_time_minutes: null, due_at: null, due_on: null, start_at: null, start_on: null, notes: "" };
    expect(asanaProvider.normalize(bare)).toMatchObject({
      assignees: [],
      labels: [],
      parentExternalId: null,
      timeSpentMinutes: null,
      dueAt: null,
      startAt: null,
      description: null,
    });
  });

  it("keeps the section of the project being synced when the task is in several", () => {
    const twoProjects = {
      ...task,
      memberships: [
        (task.memberships as unknown[])[0],
        { project: { gid: "67890", resource_type: "project", name: "Roadmap" }, section: { gid: "222", resource_type: "section", name: "Doing" } },
      ],
    };
    const parsed = AsanaTaskSchema.parse(twoProjects);
    expect(toDraft(parsed, "67890").providerStatus).toBe("Doing");
    expect(toDraft(parsed, "12345").providerStatus).toBe("Next Actions");
    // Without a project the first section wins.
    expect(asanaProvider.normalize(twoProjects).providerStatus).toBe("Next Actions");
  });

  it("has no provider status for a task outside any section", () => {
    expect(asanaProvider.normalize({ ...task, memberships: [] }).providerStatus).toBeNull();
  });

  it("rejects a record without modified_at", () => {
    const { modified_at: _omitted, ...withoutModified } = task;
    expect(() => asanaProvider.normalize(withoutModified)).toThrow(ValidationError);
    expect(() => asanaProvider.normalize(withoutModified)).toThrow(/modified_at/);
  });

  it("rejects a compact record (what a list returns without opt_fields)", () => {
    const compact = { gid: "12345", resource_type: "task", name: "Bug Task", resource_subtype: "default_task" };
    expect(() => asanaProvider.normalize(compact)).toThrow(ValidationError);
  });
});
