import { ValidationError } from "../../../../src/domain/validation-error";
import { clickupProvider } from "../../../../src/providers/clickup";
import { statusOf } from "../../../../src/providers/clickup/normalize";
import { fixture } from "@taskbridge/simulators";

interface TasksPage {
  tasks: Array<Record<string, unknown>>;
}

const filtered = fixture<TasksPage>("clickup", "get-filtered-team-tasks.json").tasks[0];
const listed = fixture<TasksPage>("clickup", "get-tasks.json").tasks;
const created = fixture<Record<string, unknown>>("clickup", "create-task-response.json");

const at = (ms: number) => new Date(ms);

describe("ClickUp normalize (documented examples)", () => {
  it("maps every field of the Get Filtered Team Tasks example", () => {
    expect(clickupProvider.normalize(filtered)).toEqual({
      externalId: "av1",
      providerRef: "av1",
      title: "My First Task",
      description: "Task description",
      url: "https://app.clickup.com/t/av1",
      status: "todo",
      providerStatus: "Open",
      assignees: [{ id: "123", name: "John Doe" }],
      labels: ["tagged"],
      // This example gives priority in its write form, 1 = urgent.
      priority: "urgent",
      createdAt: at(1508369194377),
      updatedAt: at(1508369194377),
      startAt: at(1508369194377),
      dueAt: at(1508369194377),
      // date_done is set, but the task's status is open: an open task has no completion.
      completedAt: null,
      timeSpentMinutes: null,
      timeEstimateMinutes: 1.2 / 60_000,
      estimatePoints: 3,
      parentExternalId: "av2",
    });
  });

  it("maps the Get Tasks example: time_spent in ms to minutes, the priority object, the markdown description", () => {
    expect(clickupProvider.normalize(listed[0])).toEqual({
      externalId: "9hx",
      providerRef: "9hx",
      title: "New Task Name",
      description: "Task description",
      url: "https://app.clickup.com/t/9hx",
      status: "todo",
      providerStatus: "Open",
      assignees: [],
      labels: [],
      priority: "high",
      createdAt: at(1567780450202),
      updatedAt: at(1567780450202),
      startAt: null,
      dueAt: null,
      completedAt: null,
      timeSpentMinutes: 120,
      timeEstimateMinutes: null,
      estimatePoints: 3,
      parentExternalId: null,
    });
    const second = clickupProvider.normalize(listed[1]);
    expect(second).toMatchObject({ externalId: "9hz", priority: null, description: null, timeSpentMinutes: null });
  });

  it("maps a custom status to in_progress, keeps its name, folds 'normal' to medium and keeps the parent (Create Task example)", () => {
    expect(clickupProvider.normalize(created)).toMatchObject({
      status: "in_progress",
      providerStatus: "in progress",
      priority: "medium",
      parentExternalId: "abc1234",
      description: "New Task Content",
    });
  });

  it("gives a closed task its completion time from date_done", () => {
    // The av1 example moved into the documented closed status of the Get List example.
    const closed = { ...filtered, status: { status: "complete", orderindex: 1, color: "#6bc950", type: "closed" } };
    expect(clickupProvider.normalize(closed)).toMatchObject({ status: "done", providerStatus: "complete", completedAt: at(1508369194377) });
  });

  it("falls back to date_closed when a closed task has no date_done", () => {
    const closed = { ...filtered, date_done: null, date_closed: "1508369200000", status: { status: "complete", type: "closed" } };
    expect(clickupProvider.normalize(closed)).toMatchObject({ status: "done", completedAt: at(1508369200000) });
  });

  it.each([
    ["open", "todo"],
    ["custom", "in_progress"],
    ["closed", "done"],
    ["done", "done"],
    ["some_future_type", "in_progress"],
  ])("status.type %s is %s", (type, status) => {
    expect(statusOf(type)).toBe(status);
  });

  it("rejects a task without date_updated, naming the field and not the value", () => {
    const { date_updated: _omitted, ...withoutUpdated } = filtered;
    expect(() => clickupProvider.normalize(withoutUpdated)).toThrow(ValidationError);
    expect(() => clickupProvider.normalize(withoutUpdated)).toThrow(/date_updated/);
  });

  it("rejects a timestamp that is not Unix milliseconds", () => {
    expect(() => clickupProvider.normalize({ ...filtered, due_date: "2017-10-18" })).toThrow(/due_date/);
  });
});
